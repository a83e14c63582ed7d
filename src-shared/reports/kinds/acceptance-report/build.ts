/**
 * Acceptance report (验收报告): snapshot + language → pdfmake document definition. Pure. Cover,
 * document control, contract and services, every promised deliverable with its status, punch
 * list, the confirmation deadline with the seed's rule, earlier rejections, signatures.
 */
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { Lang } from '../../../domain/localized';
import { DEFAULT_LANG, pick } from '../../../domain/localized';
import { holidayNameIn } from '../../../domain/calendar';
import type { HolidayName } from '../../../domain/calendar';
import { getPolicyPack } from '../../../policy/index';
import { formatInstant } from '../../format';
import {
  baseDefinitionFields,
  cell,
  COLOURS,
  documentInfo,
  grid,
  headed,
  keyValueTable,
  numbered,
  pageFrame,
  personLine,
  qrBlock,
  signatureBlocks,
} from '../../pdf-common';
import { reportMessages } from '../../report-messages';
import { acceptanceMessages } from './messages';
import type { AcceptanceSnapshot } from './snapshot';

export function buildAcceptanceReport(
  snapshot: AcceptanceSnapshot,
  lang: Lang = DEFAULT_LANG,
): TDocumentDefinitions {
  const m = reportMessages(lang);
  const am = acceptanceMessages(lang);
  const tz = snapshot.site.timeZone;
  const pack = getPolicyPack(snapshot.contract.packId);
  const tier = pack.tiers.find((t) => t.id === snapshot.contract.tier);
  const serviceName = (code: string) => {
    const s = pack.services.find((x) => x.code === code);
    return s ? pick(s.name, lang) : code;
  };
  const count = (s: string) => snapshot.deliverables.filter((d) => d.status === s).length;
  const summary = am.summaryLine(count('signed'), count('missing'), count('waived'));
  const c = snapshot.confirmation;
  const deadlineText = am.deadlineEnds(c.deadlineDate, formatInstant(c.deadlineAt, tz));
  let n = 1;

  const cover: Content[] = [
    { text: am.title, style: 'coverTitle', margin: [0, 70, 0, 6] },
    { text: am.subtitle(snapshot.contract.number), style: 'coverSubtitle', margin: [0, 0, 0, 50] },
    { text: snapshot.customer.name, style: 'coverCustomer' },
    { text: snapshot.site.name, fontSize: 13, margin: [0, 4, 0, 36] },
    keyValueTable(
      [
        [m.documentNumber, snapshot.documentNumber],
        [m.revision, String(snapshot.revision)],
        [am.contractNumber, snapshot.contract.number],
        [am.servicePeriod, `${snapshot.contract.startDate} — ${snapshot.contract.endDate}`],
        [am.deliverables, summary],
        [am.deadline, { text: deadlineText, style: 'cell', bold: true }],
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
  ];

  const control: Content[] = [
    { text: m.documentControl, style: 'h1', pageBreak: 'before' },
    keyValueTable([
      [m.documentNumber, snapshot.documentNumber],
      [m.revision, String(snapshot.revision)],
      [m.customer, snapshot.customer.name],
      [
        m.site,
        snapshot.site.address
          ? `${snapshot.site.name}（${snapshot.site.address}）`
          : snapshot.site.name,
      ],
      [m.engineers, snapshot.engineers.map(personLine).join('\n')],
      [
        m.customerRepresentatives,
        snapshot.customerRepresentatives.map(personLine).join('\n') || '—',
      ],
      [m.issuedAt, formatInstant(snapshot.issuedAt, tz)],
    ]),
  ];

  const contract: Content[] = [
    { text: numbered(n++, am.contract), style: 'h1' },
    keyValueTable([
      [am.contractNumber, snapshot.contract.number],
      [am.pack, pick(pack.name, lang)],
      [am.tier, tier ? pick(tier.name, lang) : snapshot.contract.tier],
      [am.services, snapshot.contract.services.map(serviceName).join(lang === 'zh' ? '、' : ', ')],
      [am.servicePeriod, `${snapshot.contract.startDate} — ${snapshot.contract.endDate}`],
    ]),
  ];

  const statusColour = (s: string) =>
    s === 'signed' ? COLOURS.pass : s === 'missing' ? COLOURS.fail : COLOURS.warning;
  const deliverables = headed(
    { text: numbered(n++, am.deliverables), style: 'h1' },
    {
      stack: [
        { text: summary, style: 'body', margin: [0, 0, 0, 4] },
        grid(
          [90, '*', 50, '*'],
          [am.service, am.deliverable, am.status, m.note],
          snapshot.deliverables.map((d) => [
            cell(serviceName(d.service), { style: 'small' }),
            cell(pick(d.name, lang), { bold: true }),
            cell(am.statuses[d.status] ?? d.status, { bold: true, color: statusColour(d.status) }),
            cell(
              d.status === 'signed'
                ? am.signedAs(d.documentNumber ?? '—', d.revision, d.signedDate ?? '—')
                : d.status === 'waived'
                  ? am.waivedBecause(d.waivedReason ?? '')
                  : '—',
              { style: 'small' },
            ),
          ]),
        ),
      ],
    },
    snapshot.deliverables.length,
  );

  const punch = headed(
    { text: numbered(n++, am.punchList), style: 'h1' },
    snapshot.punchList.length === 0
      ? { text: am.none, style: 'body' }
      : grid(
          ['*', 80, 70, 50],
          [am.punchItem, am.owner, am.due, am.status],
          snapshot.punchList.map((p) => [
            cell(p.item),
            cell(p.owner),
            cell(p.due),
            cell(am.punchStates[p.state] ?? p.state, {
              color: p.state === 'open' ? COLOURS.warning : COLOURS.pass,
            }),
          ]),
        ),
    snapshot.punchList.length,
  );

  const dayOff = !c.deadlineDay.working;
  const holidayText = (name: HolidayName): string => {
    const { text, translated } = holidayNameIn(name, lang);
    return translated ? text : am.untranslatedHoliday(text);
  };
  const confirmation: Content[] = [
    { text: numbered(n++, am.confirmation), style: 'h1' },
    { text: am.deadlineRule, style: 'body', italics: true, margin: [0, 0, 0, 6] },
    keyValueTable([
      [am.contractEnd, snapshot.contract.endDate],
      [am.deadline, { text: deadlineText, style: 'cell', bold: true }],
    ]),
    ...(dayOff
      ? [
          {
            text: am.deadlineOnDayOff(
              c.deadlineDay.name ? holidayText(c.deadlineDay.name) : am.weekend,
            ),
            style: 'small',
            color: COLOURS.warning,
            margin: [0, 4, 0, 0],
          } as Content,
        ]
      : []),
  ];

  const reviews: Content[] =
    snapshot.reviews.length === 0
      ? []
      : [
          { text: numbered(n++, am.reviews), style: 'h1' },
          ...snapshot.reviews.flatMap((r): Content[] => [
            { text: am.reviewLine(r.revision, formatInstant(r.rejectedAt, tz), r.by), style: 'h2' },
            grid(
              [160, '*'],
              [am.rejectedItem, am.reason],
              r.items.map((it) => {
                const d = snapshot.deliverables.find((x) => x.code === it.code);
                return [cell(d ? pick(d.name, lang) : it.code, { bold: true }), cell(it.reason)];
              }),
            ),
          ]),
          { text: am.resubmitted(snapshot.revision), style: 'small', margin: [0, 6, 0, 0] },
        ];

  const conclusion: Content[] = [
    { text: numbered(n, am.conclusion), style: 'h1' },
    { text: snapshot.conclusion || am.none, style: 'body' },
  ];

  const signaturePage: Content[] = [
    { text: m.signatures, style: 'h1', pageBreak: 'before' },
    signatureBlocks(snapshot.signatures, tz, { ...m, signatureStatement: am.signatureStatement }),
  ];

  return {
    ...baseDefinitionFields(lang),
    info: documentInfo({
      title: am.title,
      documentNumber: snapshot.documentNumber,
      revision: snapshot.revision,
      engineers: snapshot.engineers,
      issuedAt: snapshot.issuedAt,
      subject: `${snapshot.customer.name} · ${snapshot.contract.number}`,
    }),
    ...pageFrame({
      title: am.title,
      documentNumber: snapshot.documentNumber,
      revision: snapshot.revision,
      customerName: snapshot.customer.name,
      m,
    }),
    content: [
      ...cover,
      ...control,
      ...contract,
      ...deliverables,
      ...punch,
      ...confirmation,
      ...reviews,
      ...conclusion,
      ...signaturePage,
    ],
  };
}
