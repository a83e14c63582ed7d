/** Upgrade record (升级记录): the shared procedure record plus the upgrade plan section. Pure. */
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { Lang } from '../../../domain/localized';
import { DEFAULT_LANG } from '../../../domain/localized';
import { CHANGE_NOTICE_DAYS } from '../../../domain/procedures/upgrade-plan';
import { formatInstant } from '../../format';
import { COLOURS, keyValueTable, numbered } from '../../pdf-common';
import { buildProcedureRecord } from '../../procedure-record/build';
import { upgradeRecordMessages } from './messages';
import type { UpgradeRecordSnapshot } from './snapshot';

export function buildUpgradeRecord(
  s: UpgradeRecordSnapshot,
  lang: Lang = DEFAULT_LANG,
): TDocumentDefinitions {
  const um = upgradeRecordMessages(lang);
  const u = s.upgrade ?? { fromVersion: '—', toVersion: '—' };
  const at = (iso: string | undefined) =>
    iso === undefined ? '—' : formatInstant(iso, s.site.timeZone);
  const short = u.noticeDays !== undefined && u.noticeDays < CHANGE_NOTICE_DAYS;
  const extra = (first: number): Content[] => [
    { text: numbered(first, um.plan), style: 'h1' },
    keyValueTable([
      [um.fromVersion, u.fromVersion],
      [um.toVersion, { text: u.toVersion, style: 'cell', bold: true }],
      [um.path, um.pathNote],
      ...(u.windowStart === undefined
        ? [[um.windowStart, um.noWindow] as [string, Content]]
        : ([
            [um.windowStart, at(u.windowStart)],
            [um.windowEnd, at(u.windowEnd)],
            [um.requestedAt, at(u.changeRequestedAt)],
            [
              um.notice,
              short
                ? { text: um.shortNotice(u.noticeDays!), style: 'cell', color: COLOURS.fail }
                : um.noticeDays(u.noticeDays ?? 0),
            ],
            ...(u.emergencyReason !== undefined
              ? [[um.emergencyReason, u.emergencyReason] as [string, Content]]
              : []),
          ] as [string, Content][])),
    ]),
  ];
  return buildProcedureRecord(s, lang, {
    title: um.title,
    subtitle: um.subtitle(u.fromVersion, u.toVersion),
    signatureStatement: um.signatureStatement,
    extra,
  });
}
