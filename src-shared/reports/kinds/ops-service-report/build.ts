/**
 * Operations service report (运维服务报告): snapshot + language → pdfmake document definition.
 * Pure. Sections follow the seed's acceptance clause (seed 002 §七): service plan, resource
 * status (with the inspections against the package frequency), issue / event / risk /
 * requirement lists, the change list, backup strategy and results, cost analysis, response
 * SLA; then recommendations, the appendix tracing every figure to its records, signatures.
 */
import type { Content, TDocumentDefinitions, TableCell } from 'pdfmake/interfaces';
import type { Lang } from '../../../domain/localized';
import { DEFAULT_LANG, pick } from '../../../domain/localized';
import type { OpsRecordKind, OpsRecordRow } from '../../../domain/ops/records';
import { riskScore } from '../../../domain/ops/records';
import type { IncidentFigureRow, LevelFigures } from '../../../domain/ops/service-figures';
import { getPolicyPack } from '../../../policy/index';
import { formatDurationMs, formatInstant, formatNumber } from '../../format';
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
import type { OpsReportMessages } from './messages';
import { opsReportMessages } from './messages';
import type { OpsReportSnapshot } from './snapshot';

/** Response times are minutes: show seconds below an hour (`4 分 30 秒`, `4 min 30 s`). */
export function formatResponseMs(ms: number | null, lang: Lang): string {
  if (ms === null) return '—';
  if (ms >= 3_600_000) return formatDurationMs(ms, lang);
  const s = Math.round(ms / 1000);
  const min = Math.floor(s / 60);
  const sec = s % 60;
  if (lang === 'zh') return sec === 0 ? `${min} 分` : `${min} 分 ${sec} 秒`;
  return sec === 0 ? `${min} min` : `${min} min ${sec} s`;
}

function pct(v: number | null): string {
  return v === null ? '—' : `${formatNumber(v)}%`;
}

export function buildOpsServiceReport(
  snapshot: OpsReportSnapshot,
  lang: Lang = DEFAULT_LANG,
): TDocumentDefinitions {
  const m = reportMessages(lang);
  const om = opsReportMessages(lang);
  const tz = snapshot.site.timeZone;
  const pack = getPolicyPack(snapshot.packId);
  const tier = pack.tiers.find((t) => t.id === snapshot.contract.tier);
  const tierName = tier ? pick(tier.name, lang) : snapshot.contract.tier;
  const levelName = (id: string) => {
    const l = pack.levels.find((x) => x.id === id);
    return l ? pick(l.name, lang) : id;
  };
  const levelShort = (id: string) => (id === 'request' ? om.requestShort : id);
  const f = snapshot.figures;
  const at = (iso: string | null | undefined) => (iso ? formatInstant(iso, tz) : '—');
  const state = (s: string) => om.states[s] ?? s;
  const value = (s: string | undefined) => (s === undefined ? '—' : (om.values[s] ?? s));
  const periodText = `${snapshot.period.start} — ${snapshot.period.end}`;
  const sep = lang === 'zh' ? '，' : ', ';
  const colon = lang === 'zh' ? '：' : ': ';
  let n = 1;

  const cover: Content[] = [
    { text: om.title, style: 'coverTitle', margin: [0, 70, 0, 6] },
    {
      text: `${om.subtitle(snapshot.cadence)} · ${periodText}`,
      style: 'coverSubtitle',
      margin: [0, 0, 0, 50],
    },
    { text: snapshot.customer.name, style: 'coverCustomer' },
    { text: snapshot.site.name, fontSize: 13, margin: [0, 4, 0, 36] },
    keyValueTable(
      [
        [m.documentNumber, snapshot.documentNumber],
        [m.revision, String(snapshot.revision)],
        [om.period, periodText],
        [om.package, tierName],
        [om.contractNumber, snapshot.contract.number],
        [om.attainment, pct(f.totals.attainmentPct)],
        [
          om.inspections,
          om.inspectionsLine(f.inspections.expected, f.inspections.done, f.inspections.missed),
        ],
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
      [
        om.contractNumber,
        `${snapshot.contract.number} · ${snapshot.contract.startDate} — ${snapshot.contract.endDate}`,
      ],
      [om.servicePeriod, `${snapshot.servicePeriod.start} — ${snapshot.servicePeriod.end}`],
      [m.engineers, snapshot.engineers.map(personLine).join('\n')],
      [
        m.customerRepresentatives,
        snapshot.customerRepresentatives.map(personLine).join('\n') || '—',
      ],
      [m.issuedAt, formatInstant(snapshot.issuedAt, tz)],
    ]),
    ...(f.missingCalendarYears.length > 0
      ? [
          {
            text: om.missingCalendar(f.missingCalendarYears.join(', ')),
            style: 'small',
            color: COLOURS.warning,
            margin: [0, 6, 0, 0],
          } as Content,
        ]
      : []),
  ];

  // 1 Service plan.
  const services = pack.services.filter((s) => snapshot.contract.services.includes(s.code));
  const plan: Content[] = [
    { text: numbered(n++, om.servicePlan), style: 'h1' },
    keyValueTable([
      [om.package, `${tierName}${tier?.description ? `\n${pick(tier.description, lang)}` : ''}`],
      [om.servicePeriod, `${snapshot.servicePeriod.start} — ${snapshot.servicePeriod.end}`],
      [om.planConfirmedAt, snapshot.servicePlan.confirmedAt || om.notConfirmed],
    ]),
    { text: snapshot.servicePlan.summary || om.none, style: 'body', margin: [0, 6, 0, 4] },
    ...headed(
      { text: om.serviceItems, style: 'h2' },
      grid(
        [110, '*', 90],
        [om.serviceItem, m.summary, om.deliverable],
        services.map((s) => [
          cell(pick(s.name, lang), { bold: true }),
          cell(pick(s.description, lang), { style: 'small' }),
          cell(s.deliverable ? pick(s.deliverable, lang) : '—'),
        ]),
      ),
      services.length,
    ),
    { text: om.nextPeriod, style: 'h2' },
    { text: snapshot.servicePlan.nextPeriod || om.none, style: 'body' },
  ];

  // 2 Resource status and inspections.
  const clusters = snapshot.resourceStatus.clusters;
  const ins = f.inspections;
  const resource: Content[] = [
    { text: numbered(n++, om.resourceStatus), style: 'h1' },
    { text: snapshot.resourceStatus.summary || om.none, style: 'body', margin: [0, 0, 0, 6] },
    clusters.length === 0
      ? { text: om.none, style: 'body' }
      : grid(
          ['*', 80, 40, 34, 40, 80, '*'],
          [m.cluster, m.product, m.environment, m.nodes, om.healthScore, om.lastInspected, m.note],
          clusters.map((c) => [
            cell(c.name, { bold: true }),
            cell(`${c.product} ${c.version}`),
            cell(m.environments[c.environment as 'dev' | 'test' | 'prod'] ?? c.environment),
            cell(c.nodes),
            cell(c.healthScore === null ? '—' : formatNumber(c.healthScore), {
              bold: true,
              color:
                c.healthScore === null
                  ? COLOURS.muted
                  : c.healthScore >= 80
                    ? COLOURS.pass
                    : c.healthScore >= 60
                      ? COLOURS.warning
                      : COLOURS.fail,
            }),
            cell(at(c.lastInspectedAt), { style: 'small' }),
            cell(c.note ?? '—', { style: 'small' }),
          ]),
        ),
    {
      text:
        lang === 'zh'
          ? `${om.inspections}（${om.inspectionFrequency[ins.frequency]}）`
          : `${om.inspections} (${om.inspectionFrequency[ins.frequency]})`,
      style: 'h2',
    },
    keyValueTable([
      [om.inspections, om.inspectionsLine(ins.expected, ins.done, ins.missed)],
      [om.attainment, pct(ins.donePct)],
      [om.missedDays, ins.missedDays.join(sep) || om.none],
      [om.extraDays, ins.extraDays.map((d) => d.date).join(sep) || om.none],
      ...(ins.notYetDueDays.length > 0
        ? ([[om.notYetDue, ins.notYetDueDays.join(sep)]] as [string, string][])
        : []),
    ]),
  ];

  // 3–8 Lists, in the seed's order.
  const byKind = <K extends OpsRecordKind>(k: K) =>
    snapshot.records.filter((r): r is Extract<OpsRecordRow, { kind: K }> => r.kind === k);
  const list = <K extends OpsRecordKind>(
    k: K,
    widths: (number | string)[],
    header: string[],
    row: (r: Extract<OpsRecordRow, { kind: K }>) => TableCell[],
  ): Content[] => {
    const rows = byKind(k);
    return headed(
      { text: numbered(n++, om.lists[k] ?? k), style: 'h1' },
      rows.length === 0 ? { text: om.none, style: 'body' } : grid(widths, header, rows.map(row)),
      rows.length,
    );
  };
  const titleCell = (r: OpsRecordRow) => ({
    stack: [
      { text: r.title, style: 'cell', bold: true },
      ...(r.description ? [{ text: r.description, style: 'small' }] : []),
    ],
  });
  const issues = list(
    'issue',
    [52, '*', 36, 50, 50, 70],
    [om.number, om.recordTitle, om.severity, om.state, om.owner, om.openedAt],
    (r) => [
      cell(r.number),
      titleCell(r),
      cell(r.issue.severity),
      cell(state(r.state)),
      cell(r.owner ?? '—'),
      cell(at(r.openedAt), { style: 'small' }),
    ],
  );
  const events = list(
    'event',
    [52, '*', 60, 70, 36, 50, 46],
    [om.number, om.recordTitle, om.alertSource, om.eventAt, om.severity, om.handledBy, om.state],
    (r) => [
      cell(r.number),
      titleCell(r),
      cell(r.event.alertSource),
      cell(at(r.event.at), { style: 'small' }),
      cell(value(r.event.level)),
      cell(r.event.handledBy ?? '—'),
      cell(state(r.state)),
    ],
  );
  const risks = list(
    'risk',
    [52, '*', 54, '*', 52, 46],
    [om.number, om.recordTitle, om.likelihoodImpact, om.mitigation, om.dueDate, om.state],
    (r) => {
      const s = riskScore(r.risk);
      const colour =
        s.band === 'high' ? COLOURS.high : s.band === 'medium' ? COLOURS.medium : COLOURS.low;
      return [
        cell(r.number),
        {
          stack: [
            { text: r.title, style: 'cell', bold: true },
            {
              text: `${om.source}${colon}${value(r.risk.source)}${r.owner ? ` · ${om.owner}${colon}${r.owner}` : ''}`,
              style: 'small',
            },
          ],
        },
        cell(`${r.risk.likelihood} × ${r.risk.impact} = ${s.score}`, { bold: true, color: colour }),
        cell(r.risk.mitigation, { style: 'small' }),
        cell(r.risk.dueDate ?? '—'),
        cell(state(r.state)),
      ];
    },
  );
  const requirements = list(
    'requirement',
    [52, '*', 40, 44, 60, 50],
    [om.number, om.recordTitle, om.priority, om.category, om.targetRelease, om.state],
    (r) => [
      cell(r.number),
      titleCell(r),
      cell(value(r.requirement.priority)),
      cell(value(r.requirement.category)),
      cell(r.requirement.targetRelease ?? '—'),
      cell(state(r.state)),
    ],
  );
  const changes = list(
    'change',
    [52, '*', 50, 84, 44, 44, 46],
    [om.number, om.recordTitle, om.changeType, om.window, om.approval, om.result, om.state],
    (r) => [
      cell(r.number),
      titleCell(r),
      cell(value(r.change.changeType)),
      cell(r.change.windowStart ? `${at(r.change.windowStart)}\n${at(r.change.windowEnd)}` : '—', {
        style: 'small',
      }),
      cell(value(r.change.approval)),
      cell(value(r.change.result)),
      cell(state(r.state)),
    ],
  );

  // Backup strategy and results.
  const backups = byKind('backup');
  const backup: Content[] = [
    { text: numbered(n++, om.backup), style: 'h1' },
    { text: om.backupStrategy, style: 'h2' },
    { text: snapshot.backupStrategy || om.none, style: 'body', margin: [0, 0, 0, 6] },
    backups.length === 0
      ? { text: om.none, style: 'body' }
      : grid(
          [52, '*', '*', 70, 44, 70],
          [om.number, om.backupObject, om.strategy, om.lastSuccess, om.lastResult, om.restoreTest],
          backups.map((r) => [
            cell(r.number),
            {
              stack: [
                { text: r.backup.object, style: 'cell', bold: true },
                { text: state(r.state), style: 'small' },
              ],
            },
            cell(r.backup.strategy, { style: 'small' }),
            cell(at(r.backup.lastSuccessAt), { style: 'small' }),
            cell(value(r.backup.lastResult), {
              color:
                r.backup.lastResult === 'failed'
                  ? COLOURS.fail
                  : r.backup.lastResult === 'partial'
                    ? COLOURS.warning
                    : COLOURS.text,
            }),
            cell(at(r.backup.lastRestoreTestAt), { style: 'small' }),
          ]),
        ),
  ];

  // Cost analysis (the engineer's figures).
  const total = snapshot.cost.items.reduce((s, i) => s + i.amount, 0);
  const money = (v: number) =>
    `${snapshot.cost.currency} ${v.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  const cost: Content[] = [
    { text: numbered(n++, om.cost), style: 'h1' },
    snapshot.cost.items.length === 0
      ? { text: om.none, style: 'body' }
      : grid(
          ['*', 100, '*'],
          [om.costItem, om.amount, m.note],
          [
            ...snapshot.cost.items.map((i) => [
              cell(i.name),
              cell(money(i.amount), { alignment: 'right' }),
              cell(i.note ?? '—', { style: 'small' }),
            ]),
            [
              cell(om.total, { bold: true }),
              cell(money(total), { bold: true, alignment: 'right' }),
              cell(''),
            ],
          ],
        ),
    { text: snapshot.cost.analysis || om.none, style: 'body', margin: [0, 6, 0, 0] },
  ];

  // Response SLA.
  const coverageName = f.coverage ? pick(pack.coverageWindows[f.coverage].name, lang) : tierName;
  const levelRow = (l: LevelFigures, name: string, bold = false): TableCell[] => [
    cell(name, { bold }),
    cell(l.count, { bold }),
    cell(l.met, { bold, color: COLOURS.pass }),
    cell(l.breached, { bold, color: l.breached > 0 ? COLOURS.fail : COLOURS.text }),
    cell(l.pending + l.noTarget, { bold }),
    cell(pct(l.attainmentPct), { bold }),
    cell(formatResponseMs(l.medianResponseMs, lang), { bold }),
    cell(formatResponseMs(l.p90ResponseMs, lang), { bold }),
  ];
  const note = (id: string) => snapshot.breachNotes.find((b) => b.incidentId === id)?.note;
  const reasonText = (r: IncidentFigureRow) =>
    r.breachReason
      ? om.breachReasons[r.breachReason](formatResponseMs(r.overdueMs ?? 0, lang))
      : '';
  const sla: Content[] = [
    {
      unbreakable: true,
      stack: [
        { text: numbered(n++, om.sla), style: 'h1' },
        { text: om.slaIntro(coverageName), style: 'small', margin: [0, 0, 0, 6] },
        grid(
          ['*', 34, 34, 44, 44, 52, 58, 58],
          [
            om.level,
            om.count,
            om.met,
            om.breached,
            `${om.pending}/${om.noTarget}`,
            om.attainment,
            om.medianResponse,
            om.p90Response,
          ],
          [
            ...f.levels.map((l) => levelRow(l, levelName(l.level))),
            levelRow(f.totals, om.allLevels, true),
          ],
        ),
      ],
    },
    ...headed(
      { text: om.breaches, style: 'h2' },
      f.breaches.length === 0
        ? { text: om.noBreaches, style: 'body' }
        : grid(
            [60, '*', 40, '*'],
            [om.incidentId, om.recordTitle, om.level, om.reason],
            f.breaches.map((r) => [
              cell(r.incidentId, { style: 'small' }),
              cell(r.title),
              cell(levelShort(r.level)),
              {
                stack: [
                  { text: reasonText(r), style: 'cell', color: COLOURS.fail },
                  ...(r.reclassifiedFrom.length > 0
                    ? [
                        {
                          text: om.reclassified(r.reclassifiedFrom.map(levelShort).join(' → ')),
                          style: 'small',
                        },
                      ]
                    : []),
                  ...(note(r.incidentId)
                    ? [{ text: `${om.engineerNote}${colon}${note(r.incidentId)}`, style: 'small' }]
                    : []),
                ],
              },
            ]),
          ),
      f.breaches.length,
    ),
    ...headed(
      { text: om.answeredAfterPeriod, style: 'h2' },
      f.answeredAfterPeriod.length === 0
        ? { text: om.none, style: 'body' }
        : grid(
            [60, '*', 40, 80, 80],
            [om.incidentId, om.recordTitle, om.level, om.opened, om.responded],
            f.answeredAfterPeriod.map((r) => [
              cell(r.incidentId, { style: 'small' }),
              cell(r.title),
              cell(levelShort(r.level)),
              cell(at(r.openedAt), { style: 'small' }),
              cell(at(r.respondedAt), { style: 'small' }),
            ]),
          ),
      f.answeredAfterPeriod.length,
    ),
    ...headed(
      { text: om.fromEarlier, style: 'h2' },
      f.fromEarlierPeriods.length === 0
        ? { text: om.none, style: 'body' }
        : grid(
            [60, '*', 80, 80],
            [om.incidentId, om.recordTitle, om.opened, om.responded],
            f.fromEarlierPeriods.map((r) => [
              cell(r.incidentId, { style: 'small' }),
              cell(r.title),
              cell(at(r.openedAt), { style: 'small' }),
              cell(at(r.respondedAt), { style: 'small' }),
            ]),
          ),
      f.fromEarlierPeriods.length,
    ),
  ];

  const recommendations: Content[] = [
    { text: numbered(n, om.recommendations), style: 'h1' },
    { text: snapshot.recommendations || om.none, style: 'body' },
  ];

  // Appendix: every figure's records.
  const appendix: Content[] = [
    { text: om.appendix, style: 'h1', pageBreak: 'before' },
    { text: om.appendixIntro, style: 'small', margin: [0, 0, 0, 6] },
    { text: om.appendixIncidents, style: 'h2' },
    f.incidents.length === 0
      ? { text: om.none, style: 'body' }
      : grid(
          [54, 36, 64, 64, 64, 42, 36, 40],
          [
            om.incidentId,
            om.level,
            om.opened,
            om.due,
            om.responded,
            om.responseTime,
            om.paused,
            om.outcome,
          ],
          f.incidents.map((r) => [
            {
              stack: [
                { text: r.incidentId, style: 'small' },
                { text: r.title, style: 'small' },
              ],
            },
            cell(
              r.reclassifiedFrom.length > 0
                ? `${levelShort(r.level)}\n(${r.reclassifiedFrom.map(levelShort).join('→')})`
                : r.level,
            ),
            cell(at(r.openedAt), { style: 'small' }),
            cell(at(r.dueAt), { style: 'small' }),
            cell(at(r.respondedAt), { style: 'small' }),
            cell(formatResponseMs(r.responseMs, lang), { style: 'small' }),
            cell(r.pausedMs > 0 ? formatResponseMs(r.pausedMs, lang) : '—', { style: 'small' }),
            cell(om.outcomes[r.outcome] ?? r.outcome, {
              bold: true,
              color:
                r.outcome === 'breached'
                  ? COLOURS.fail
                  : r.outcome === 'met'
                    ? COLOURS.pass
                    : COLOURS.muted,
            }),
          ]),
        ),
    { text: om.appendixInspections, style: 'h2' },
    ins.doneDays.length + ins.extraDays.length === 0
      ? { text: om.none, style: 'body' }
      : grid(
          [80, '*'],
          [om.date, om.inspectionIds],
          [...ins.doneDays, ...ins.extraDays]
            .sort((a, b) => (a.date < b.date ? -1 : 1))
            .map((d) => [cell(d.date), cell(d.inspectionIds.join(', '), { style: 'small' })]),
        ),
  ];

  const signaturePage: Content[] = [
    { text: m.signatures, style: 'h1', pageBreak: 'before' },
    signatureBlocks(snapshot.signatures, tz, { ...m, signatureStatement: om.signatureStatement }),
  ];

  return {
    ...baseDefinitionFields(lang),
    info: documentInfo({
      title: om.title,
      documentNumber: snapshot.documentNumber,
      revision: snapshot.revision,
      engineers: snapshot.engineers,
      issuedAt: snapshot.issuedAt,
      subject: `${snapshot.customer.name} · ${periodText}`,
    }),
    ...pageFrame({
      title: om.title,
      documentNumber: snapshot.documentNumber,
      revision: snapshot.revision,
      customerName: snapshot.customer.name,
      m,
    }),
    content: [
      ...cover,
      ...control,
      ...plan,
      ...resource,
      ...issues,
      ...events,
      ...risks,
      ...requirements,
      ...changes,
      ...backup,
      ...cost,
      ...sla,
      ...recommendations,
      ...appendix,
      ...signaturePage,
    ],
  };
}

export type { OpsReportMessages };
