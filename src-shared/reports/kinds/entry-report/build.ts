/**
 * Operations entry report (运维进场报告): snapshot + language → pdfmake document definition.
 * Pure. Cover, document control, contract, the confirmed service period, team, scope, access,
 * plan confirmation, signatures of both sides.
 */
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { Lang } from '../../../domain/localized';
import { DEFAULT_LANG, pick } from '../../../domain/localized';
import { getPolicyPack } from '../../../policy/index';
import { formatInstant } from '../../format';
import {
  baseDefinitionFields,
  documentInfo,
  keyValueTable,
  numbered,
  pageFrame,
  personLine,
  qrBlock,
  signatureBlocks,
} from '../../pdf-common';
import { reportMessages } from '../../report-messages';
import { entryMessages } from './messages';
import type { EntrySnapshot } from './snapshot';

export function buildEntryReport(
  snapshot: EntrySnapshot,
  lang: Lang = DEFAULT_LANG,
): TDocumentDefinitions {
  const m = reportMessages(lang);
  const em = entryMessages(lang);
  const tz = snapshot.site.timeZone;
  const pack = getPolicyPack(snapshot.contract.packId);
  const tier = pack.tiers.find((t) => t.id === snapshot.contract.tier);
  const serviceName = (code: string) => {
    const s = pack.services.find((x) => x.code === code);
    return s ? pick(s.name, lang) : code;
  };
  const list = (items: string[]): Content =>
    items.length === 0
      ? { text: em.none, style: 'body' }
      : { ul: items.map((t) => ({ text: t, style: 'body' })) };
  let n = 1;
  const period = `${snapshot.serviceStart} — ${snapshot.serviceEnd}`;

  const content: Content[] = [
    { text: em.title, style: 'coverTitle', margin: [0, 70, 0, 6] },
    { text: em.subtitle(snapshot.contract.number), style: 'coverSubtitle', margin: [0, 0, 0, 50] },
    { text: snapshot.customer.name, style: 'coverCustomer' },
    { text: snapshot.site.name, fontSize: 13, margin: [0, 4, 0, 36] },
    keyValueTable(
      [
        [m.documentNumber, snapshot.documentNumber],
        [m.revision, String(snapshot.revision)],
        [em.servicePeriod, { text: period, style: 'cell', bold: true }],
        [em.mode, em.modes[snapshot.mode] ?? snapshot.mode],
        [m.engineers, snapshot.engineers.map(personLine).join('\n')],
        [m.issuedAt, formatInstant(snapshot.issuedAt, tz)],
      ],
      120,
    ),
    {
      columns: [
        { text: '', width: '*' },
        {
          ...(qrBlock(snapshot.documentNumber, snapshot.revision, m) as object),
          width: 150,
        } as Content,
      ],
      margin: [0, 30, 0, 0],
    },
    { text: numbered(n++, em.contract), style: 'h1', pageBreak: 'before' },
    keyValueTable([
      [em.contractNumber, snapshot.contract.number],
      [m.customer, snapshot.customer.name],
      [
        m.site,
        snapshot.site.address
          ? `${snapshot.site.name}（${snapshot.site.address}）`
          : snapshot.site.name,
      ],
      [em.package, tier ? pick(tier.name, lang) : snapshot.contract.tier],
      [em.services, snapshot.contract.services.map(serviceName).join(lang === 'zh' ? '、' : ', ')],
      [em.contractPeriod, `${snapshot.contract.startDate} — ${snapshot.contract.endDate}`],
    ]),
    { text: numbered(n++, em.servicePeriod), style: 'h1' },
    { text: em.rule, style: 'body', italics: true, margin: [0, 0, 0, 6] },
    keyValueTable([
      [em.serviceStart, { text: snapshot.serviceStart, style: 'cell', bold: true }],
      [em.serviceEnd, { text: snapshot.serviceEnd, style: 'cell', bold: true }],
      [em.mode, em.modes[snapshot.mode] ?? snapshot.mode],
    ]),
    { text: numbered(n++, em.team), style: 'h1' },
    keyValueTable([
      [m.engineers, snapshot.engineers.map(personLine).join('\n')],
      [m.customerRepresentatives, snapshot.customerRepresentatives.map(personLine).join('\n')],
    ]),
    { text: numbered(n++, em.scope), style: 'h1' },
    list(snapshot.scope),
    { text: numbered(n++, em.access), style: 'h1' },
    list(snapshot.access),
    { text: numbered(n, em.planConfirmation), style: 'h1' },
    { text: snapshot.planConfirmation || em.notYet, style: 'body' },
    { text: m.signatures, style: 'h1', pageBreak: 'before' },
    signatureBlocks(snapshot.signatures, tz, { ...m, signatureStatement: em.signatureStatement }),
  ];

  return {
    ...baseDefinitionFields(lang),
    info: documentInfo({
      title: em.title,
      documentNumber: snapshot.documentNumber,
      revision: snapshot.revision,
      engineers: snapshot.engineers,
      issuedAt: snapshot.issuedAt,
      subject: `${snapshot.customer.name} · ${period}`,
    }),
    ...pageFrame({
      title: em.title,
      documentNumber: snapshot.documentNumber,
      revision: snapshot.revision,
      customerName: snapshot.customer.name,
      m,
    }),
    content,
  };
}
