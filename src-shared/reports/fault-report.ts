/**
 * Fault report (故障报告): fault snapshot + language → pdfmake document definition. Pure.
 */
import type { Content, TDocumentDefinitions, TableCell } from 'pdfmake/interfaces';
import { formatDurationMs } from '../domain/duration';
import type { Lang } from '../domain/localized';
import { DEFAULT_LANG, pick } from '../domain/localized';
import { formatInstant, withNote } from './format';
import {
  COLOURS,
  GRID_LAYOUT,
  baseDefinitionFields,
  headed,
  documentInfo,
  headerRow,
  keyValueTable,
  numbered,
  pageFrame,
  personLine,
  photoGrid,
  isDraftSnapshot,
  qrBlock,
  signatureBlocks,
} from './pdf-common';
import { reportMessages } from './report-messages';
import type { FaultReportSnapshot } from './snapshot-types';

function paragraphs(text: string, fallback: string): Content {
  const t = text.trim();
  return {
    text: t === '' ? fallback : t,
    style: 'body',
    color: t === '' ? COLOURS.muted : COLOURS.text,
  };
}

export function buildFaultReport(
  snapshot: FaultReportSnapshot,
  lang: Lang = DEFAULT_LANG,
): TDocumentDefinitions {
  const m = reportMessages(lang);
  const tz = snapshot.site.timeZone;
  const at = (iso: string | null | undefined) => (iso ? formatInstant(iso, tz) : m.notRecorded);
  const sla = snapshot.sla;
  const title = m.faultTitle;
  const levelText = withNote(`${snapshot.level.id}`, pick(snapshot.level.name, lang), lang);
  const yesNo = (v: boolean | null, good: boolean): Content =>
    v === null
      ? { text: m.notRecorded, style: 'cell', color: COLOURS.muted }
      : {
          text: v ? m.yes : m.no,
          style: 'cell',
          bold: true,
          color: v === good ? COLOURS.pass : COLOURS.fail,
        };
  const clusterText = snapshot.cluster
    ? withNote(
        snapshot.cluster.name,
        `${snapshot.cluster.product} ${snapshot.cluster.version}`,
        lang,
      )
    : '—';

  const cover: Content[] = [
    { text: title, style: 'coverTitle', margin: [0, 70, 0, 6] },
    { text: snapshot.incident.title, style: 'coverSubtitle', margin: [0, 0, 0, 50] },
    { text: snapshot.customer.name, style: 'coverCustomer' },
    { text: snapshot.site.name, fontSize: 13, margin: [0, 4, 0, 36] },
    keyValueTable(
      [
        [m.documentNumber, snapshot.documentNumber],
        [m.revision, String(snapshot.revision)],
        [m.level, levelText],
        [m.tier, pick(snapshot.tier.name, lang)],
        [m.cluster, clusterText],
        [m.openedAt, at(snapshot.incident.openedAt)],
        [m.closureState, snapshot.closure ? pick(snapshot.closure.state.name, lang) : m.notClosed],
        [m.engineers, snapshot.engineers.map(personLine).join('\n')],
        [m.issuedAt, at(snapshot.issuedAt)],
      ],
      120,
    ),
    {
      columns: [
        { text: '', width: '*' },
        {
          ...(qrBlock(
            snapshot.documentNumber,
            snapshot.revision,
            m,
            92,
            isDraftSnapshot(snapshot),
          ) as object),
          width: 150,
        } as Content,
      ],
      margin: [0, 40, 0, 0],
    },
  ];

  let n = 1;
  const facts: Content[] = [
    { text: m.documentControl, style: 'h1', pageBreak: 'before' },
    keyValueTable([
      [m.documentNumber, snapshot.documentNumber],
      [m.revision, String(snapshot.revision)],
      [m.customer, snapshot.customer.name],
      [
        m.site,
        snapshot.site.address
          ? withNote(snapshot.site.name, snapshot.site.address, lang)
          : snapshot.site.name,
      ],
      ...(snapshot.contract
        ? ([[m.contract, snapshot.contract.number]] as [string, string][])
        : []),
      [m.engineers, snapshot.engineers.map(personLine).join('\n')],
      [
        m.customerRepresentatives,
        snapshot.customerRepresentatives.map(personLine).join('\n') || '—',
      ],
      [m.issuedAt, at(snapshot.issuedAt)],
    ]),
    { text: numbered(n++, m.incident), style: 'h1' },
    keyValueTable([
      [m.incidentTitle, snapshot.incident.title],
      [m.description, snapshot.incident.description || '—'],
      [m.cluster, clusterText],
      [
        m.level,
        {
          stack: [
            { text: levelText, style: 'cell', bold: true },
            { text: pick(snapshot.level.definition, lang), style: 'small' },
          ],
        },
      ],
      [
        m.levelHistory,
        snapshot.levelHistory.length === 0
          ? m.none
          : snapshot.levelHistory
              .map((h) => `${at(h.at)}  ${m.level} ${h.level}  ${h.reason}`)
              .join('\n'),
      ],
      [m.tier, pick(snapshot.tier.name, lang)],
      [m.status, m.statusNames[snapshot.incident.status]],
      [m.openedAt, at(snapshot.incident.openedAt)],
    ]),
  ];

  const pauseRows: TableCell[][] = [
    headerRow([m.pauseFrom, m.pauseTo, m.pauseReason, m.pausedTime]),
    ...sla.pauses.map((p): TableCell[] => [
      { text: at(p.start), style: 'cell' },
      { text: p.end ? at(p.end) : m.pauseOpen, style: 'cell' },
      {
        stack: [
          { text: pick(p.reason, lang), style: 'cell' },
          ...(p.note ? [{ text: p.note, style: 'small' }] : []),
        ],
      },
      { text: formatDurationMs(p.inWindowMs, lang), style: 'cell' },
    ]),
  ];
  const slaSection: Content[] = [
    { text: numbered(n++, m.sla), style: 'h1' },
    keyValueTable([
      [m.target, pick(sla.target, lang)],
      [m.clockStart, at(sla.clockStartAt)],
      [m.dueAt, sla.dueAt ? at(sla.dueAt) : '—'],
      [m.firstResponse, at(sla.respondedAt)],
      [
        m.responseTime,
        sla.responseMs === null ? m.notRecorded : formatDurationMs(sla.responseMs, lang),
      ],
      [m.respondedInTime, yesNo(sla.respondedInTime, true)],
      [m.breached, yesNo(sla.breached, false)],
      ...(sla.respondedAt === null && sla.remainingMs !== null
        ? ([[m.remaining, formatDurationMs(sla.remainingMs, lang)]] as [string, string][])
        : []),
      [
        m.onSite,
        snapshot.incident.dispatchedAt
          ? `${m.dispatchedAt} ${at(snapshot.incident.dispatchedAt)}\n${m.arrivedAt} ${at(snapshot.incident.onSiteArrivalAt)}${
              sla.onSiteMs === null ? '' : `\n${formatDurationMs(sla.onSiteMs, lang)}`
            }`
          : m.notRecorded,
      ],
    ]),
    ...(sla.hourlyUpdates
      ? [{ text: m.hourlyUpdates, style: 'small', margin: [0, 4, 0, 0] } as Content]
      : []),
    ...(sla.missingCalendarYears.length > 0
      ? [
          {
            text: m.missingCalendar(sla.missingCalendarYears.join(', ')),
            style: 'small',
            color: COLOURS.warning,
          } as Content,
        ]
      : []),
    ...headed(
      { text: m.pauses, style: 'h2' },
      sla.pauses.length === 0
        ? { text: m.noPauses, style: 'body' }
        : {
            table: {
              headerRows: 1,
              keepWithHeaderRows: 1,
              dontBreakRows: true,
              widths: [98, 98, '*', 70],
              body: pauseRows,
            },
            layout: GRID_LAYOUT,
          },
      sla.pauses.length,
    ),
  ];

  const timeline: Content[] = [
    ...headed(
      { text: numbered(n++, m.timeline), style: 'h1' },
      snapshot.timeline.length === 0
        ? { text: m.none, style: 'body' }
        : {
            table: {
              headerRows: 1,
              keepWithHeaderRows: 1,
              dontBreakRows: true,
              widths: [112, 68, 44, '*'],
              body: [
                headerRow([m.time, m.kind, m.author, m.text]),
                ...snapshot.timeline.map((e): TableCell[] => [
                  { text: at(e.at), style: 'cell' },
                  { text: m.timelineKinds[e.kind], style: 'cell', bold: true },
                  { text: e.author, style: 'cell' },
                  { text: e.text, style: 'cell' },
                ]),
              ],
            },
            layout: GRID_LAYOUT,
          },
      snapshot.timeline.length,
    ),
  ];

  const analysis: Content[] = [
    { text: numbered(n++, m.impact), style: 'h1' },
    paragraphs(snapshot.impact, m.notRecorded),
    { text: numbered(n++, m.rootCause), style: 'h1' },
    paragraphs(snapshot.rootCause, m.notRecorded),
    { text: numbered(n++, m.workaround), style: 'h1' },
    paragraphs(snapshot.workaround, m.notRecorded),
    ...headed(
      { text: numbered(n++, m.closure), style: 'h1' },
      snapshot.closure
        ? keyValueTable([
            [
              m.resolutionType,
              snapshot.resolutionType ? pick(snapshot.resolutionType.name, lang) : m.notRecorded,
            ],
            [
              m.closureState,
              {
                stack: [
                  { text: pick(snapshot.closure.state.name, lang), style: 'cell', bold: true },
                  { text: pick(snapshot.closure.state.description, lang), style: 'small' },
                ],
              },
            ],
            [m.closedAt, at(snapshot.closure.at)],
            ...(snapshot.closure.note
              ? ([[m.note, snapshot.closure.note]] as [string, string][])
              : []),
          ])
        : { text: m.notClosed, style: 'body' },
      4,
    ),
  ];

  const evidence: Content[] =
    snapshot.photos.length === 0
      ? []
      : [
          { text: numbered(n, m.evidence), style: 'h1', pageBreak: 'before' },
          photoGrid(snapshot.photos, tz, m),
        ];

  const signaturePage: Content[] = [
    { text: m.signatures, style: 'h1', pageBreak: 'before' },
    signatureBlocks(snapshot.signatures, tz, m),
    {
      columns: [
        { text: '', width: '*' },
        {
          ...(qrBlock(
            snapshot.documentNumber,
            snapshot.revision,
            m,
            80,
            isDraftSnapshot(snapshot),
          ) as object),
          width: 150,
        } as Content,
      ],
      margin: [0, 40, 0, 0],
    },
  ];

  return {
    ...baseDefinitionFields(lang),
    ...pageFrame({
      title,
      documentNumber: snapshot.documentNumber,
      revision: snapshot.revision,
      customerName: snapshot.customer.name,
      m,
      draft: isDraftSnapshot(snapshot),
    }),
    info: documentInfo({
      title,
      documentNumber: snapshot.documentNumber,
      revision: snapshot.revision,
      engineers: snapshot.engineers,
      issuedAt: snapshot.issuedAt,
      subject: `${snapshot.customer.name} · ${snapshot.incident.title}`,
    }),
    content: [
      ...cover,
      ...facts,
      ...slaSection,
      ...timeline,
      ...analysis,
      ...evidence,
      ...signaturePage,
    ],
  };
}
