/**
 * Inspection report (巡检报告): snapshot + language → pdfmake document definition. Pure, so it
 * runs in the main process, the CLI or a Web Worker alike.
 */
import type { Content, TDocumentDefinitions, TableCell } from 'pdfmake/interfaces';
import { RISK_NAMES } from '../domain/findings';
import type { ItemResult, ResolvedCheck } from '../domain/inspection';
import type { Lang } from '../domain/localized';
import { DEFAULT_LANG, pick } from '../domain/localized';
import { HEALTH_GRADE_NAMES, HEALTH_SCORE_FORMULA, HIGH_RISK_CAP } from '../domain/scoring';
import { RISK_LEVELS } from '../policy/templates/types';
import type { InspectionTemplate, TemplateSection } from '../policy/templates/types';
import { CHART_WIDTH, scoreChartSvg } from './chart';
import { formatInstant, formatValue, thresholdText, withNote } from './format';
import { inspectionFigures } from './inspection-snapshot';
import {
  COLOURS,
  FONT_FAMILY,
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
import type { ReportMessages } from './report-messages';
import { reportMessages } from './report-messages';
import type { InspectionSnapshot, SnapshotCluster } from './snapshot-types';

export interface InspectionReportOptions {
  /** Templates synced from the server, looked up before the built-in ones. */
  extraTemplates?: readonly InspectionTemplate[];
}

const RESULT_COLOUR: Record<ItemResult, string> = {
  pass: COLOURS.pass,
  warning: COLOURS.warning,
  fail: COLOURS.fail,
  'not-applicable': COLOURS.na,
};

function resultCell(result: ItemResult | null, m: ReportMessages): TableCell {
  if (result === null) return { text: m.unanswered, style: 'cell', color: COLOURS.na };
  return {
    text: m.resultNames[result],
    style: 'cell',
    bold: result !== 'pass',
    color: RESULT_COLOUR[result],
  };
}

function gradeColour(score: number | null): string {
  if (score === null) return COLOURS.na;
  if (score >= 90) return COLOURS.pass;
  if (score >= 75) return '#7cb342';
  if (score >= 60) return COLOURS.warning;
  return COLOURS.fail;
}

function clusterSubtitle(c: SnapshotCluster, m: ReportMessages, lang: Lang): string {
  return withNote(
    c.name,
    `${c.product} ${c.version}${lang === 'zh' ? '，' : ', '}${m.environments[c.environment]}`,
    lang,
  );
}

function lifecycleText(c: SnapshotCluster, m: ReportMessages): string {
  return c.lifecycle ? m.lifecycleNames[c.lifecycle.status] : m.lifecycleUnknown;
}

function noteCell(
  check: ResolvedCheck,
  photoNumber: Map<string, number>,
  m: ReportMessages,
  lang: Lang,
): TableCell {
  const parts: string[] = [];
  if (check.answer?.note) parts.push(check.answer.note);
  const refs = (check.answer?.evidence ?? [])
    .map((id) => photoNumber.get(id))
    .filter((n): n is number => n !== undefined)
    .map((n) => `[${n}]`);
  if (refs.length > 0) parts.push(`${m.evidence}${lang === 'zh' ? '' : ' '}${refs.join(' ')}`);
  return { text: parts.join(' '), style: 'cell' };
}

function valueText(check: ResolvedCheck, lang: Lang): string {
  const v = check.answer?.value;
  return typeof v === 'number' ? formatValue(v, check.item.unit, lang) : '';
}

/** Cluster-level checks: one row per item. */
function clusterTable(
  checks: ResolvedCheck[],
  photoNumber: Map<string, number>,
  m: ReportMessages,
  lang: Lang,
): Content {
  const body: TableCell[][] = [headerRow([m.checkItem, m.measured, m.threshold, m.result, m.note])];
  for (const c of checks) {
    body.push([
      {
        stack: [
          { text: pick(c.item.title, lang), style: 'cell', bold: true },
          { text: pick(c.item.method, lang), style: 'small' },
        ],
      },
      { text: valueText(c, lang), style: 'cell' },
      { text: thresholdText(c.item.threshold, c.item.unit, lang), style: 'small' },
      resultCell(c.result, m),
      noteCell(c, photoNumber, m, lang),
    ]);
  }
  return {
    table: {
      headerRows: 1,
      keepWithHeaderRows: 1,
      dontBreakRows: true,
      widths: ['*', 52, 78, 38, 118],
      body,
    },
    layout: GRID_LAYOUT,
  };
}

/**
 * Per-node checks: one table per item whose two header rows (the item with its limits and
 * method, then the column names) repeat on every page the item's node rows run onto.
 */
function nodeTables(
  checks: ResolvedCheck[],
  cluster: SnapshotCluster,
  photoNumber: Map<string, number>,
  m: ReportMessages,
  lang: Lang,
): Content[] {
  const ips = new Map(cluster.nodes.map((n) => [n.name, n.ip ?? '']));
  const byItem = new Map<string, ResolvedCheck[]>();
  for (const c of checks) byItem.set(c.item.id, [...(byItem.get(c.item.id) ?? []), c]);
  const tables: Content[] = [];
  for (const group of byItem.values()) {
    const item = group[0]!.item;
    const limits = thresholdText(item.threshold, item.unit, lang);
    const body: TableCell[][] = [
      [
        {
          colSpan: 5,
          stack: [
            {
              text: [
                { text: pick(item.title, lang), bold: true },
                ...(limits
                  ? [{ text: `    ${m.threshold}: ${limits}`, color: COLOURS.muted }]
                  : []),
              ],
              style: 'cell',
            },
            { text: pick(item.method, lang), style: 'small' },
          ],
        },
        {},
        {},
        {},
        {},
      ],
      headerRow([m.node, 'IP', m.measured, m.result, m.note]),
    ];
    for (const c of group) {
      body.push([
        { text: c.node ?? '', style: 'cell' },
        { text: ips.get(c.node ?? '') ?? '', style: 'small' },
        { text: valueText(c, lang), style: 'cell' },
        resultCell(c.result, m),
        noteCell(c, photoNumber, m, lang),
      ]);
    }
    tables.push({
      table: {
        headerRows: 2,
        keepWithHeaderRows: 1,
        dontBreakRows: true,
        widths: [82, 62, 56, 40, '*'],
        body,
      },
      layout: {
        ...GRID_LAYOUT,
        fillColor: (rowIndex: number) =>
          rowIndex === 0 ? COLOURS.primaryLight : rowIndex === 1 ? COLOURS.primary : null,
      },
      margin: [0, 0, 0, 8],
    });
  }
  return tables;
}

function sectionContent(
  section: TemplateSection,
  checks: ResolvedCheck[],
  snapshot: InspectionSnapshot,
  photoNumber: Map<string, number>,
  m: ReportMessages,
  lang: Lang,
): Content[] {
  const out: Content[] = [];
  for (const cluster of snapshot.clusters) {
    const of = checks.filter((c) => c.section.id === section.id && c.clusterId === cluster.id);
    if (snapshot.clusters.length > 1)
      out.push({ text: clusterSubtitle(cluster, m, lang), style: 'h2' });
    if (of.length === 0) {
      out.push({ text: m.none, style: 'body' });
      continue;
    }
    out.push(
      ...(section.nodeRole
        ? nodeTables(of, cluster, photoNumber, m, lang)
        : [clusterTable(of, photoNumber, m, lang)]),
    );
  }
  return out;
}

function findingsTable(snapshot: InspectionSnapshot, m: ReportMessages, lang: Lang): Content {
  if (snapshot.findings.length === 0) return { text: m.noFindings, style: 'body' };
  const clusterName = new Map(snapshot.clusters.map((c) => [c.id, c.name]));
  const body: TableCell[][] = [headerRow(['#', m.risk, m.checkItem, m.recommendation])];
  snapshot.findings.forEach((f, i) => {
    const details: string[] = [];
    if (snapshot.clusters.length > 1) details.push(clusterName.get(f.clusterId) ?? f.clusterId);
    if (f.nodes.length > 0) details.push(`${m.affected}: ${f.nodes.join(', ')}`);
    if (f.values.length > 0) {
      details.push(
        `${m.measured}: ${f.values
          .map((v) =>
            v.node
              ? `${v.node} ${formatValue(v.value, f.unit, lang)}`
              : formatValue(v.value, f.unit, lang),
          )
          .join(', ')}`,
      );
    }
    body.push([
      { text: String(i + 1), style: 'cell' },
      { text: pick(RISK_NAMES[f.risk], lang), style: 'cell', bold: true, color: COLOURS[f.risk] },
      {
        stack: [
          {
            text: [
              { text: pick(f.title, lang), bold: true },
              { text: `  ${m.resultNames[f.result]}`, color: RESULT_COLOUR[f.result] },
            ],
            style: 'cell',
          },
          ...details.map((d) => ({ text: d, style: 'small' })),
          ...f.notes.map((n) => ({ text: n, style: 'small', color: COLOURS.text })),
        ],
      },
      { text: pick(f.recommendation, lang), style: 'cell' },
    ]);
  });
  return {
    table: {
      headerRows: 1,
      keepWithHeaderRows: 1,
      dontBreakRows: true,
      widths: [16, 34, '*', 175],
      body,
    },
    layout: GRID_LAYOUT,
  };
}

export function buildInspectionReport(
  snapshot: InspectionSnapshot,
  lang: Lang = DEFAULT_LANG,
  options: InspectionReportOptions = {},
): TDocumentDefinitions {
  const m = reportMessages(lang);
  const { template, checks, score } = inspectionFigures(snapshot, options.extraTemplates);
  const tz = snapshot.site.timeZone;
  const photoNumber = new Map(snapshot.photos.map((p, i) => [p.id, i + 1]));
  const grade = snapshot.score.grade;
  const title = m.inspectionTitle;

  const cover: Content[] = [
    { text: title, style: 'coverTitle', margin: [0, 70, 0, 6] },
    { text: pick(template.name, lang), style: 'coverSubtitle', margin: [0, 0, 0, 50] },
    { text: snapshot.customer.name, style: 'coverCustomer' },
    { text: snapshot.site.name, fontSize: 13, margin: [0, 4, 0, 36] },
    keyValueTable(
      [
        [m.documentNumber, snapshot.documentNumber],
        [m.revision, String(snapshot.revision)],
        [m.inspectionDate, snapshot.inspection.date],
        [m.clusters, snapshot.clusters.map((c) => clusterSubtitle(c, m, lang)).join('\n')],
        [
          m.lifecycleStatus,
          snapshot.clusters.map((c) => `${c.name}: ${lifecycleText(c, m)}`).join('\n'),
        ],
        [m.engineers, snapshot.engineers.map(personLine).join('\n')],
        [
          m.customerRepresentatives,
          snapshot.customerRepresentatives.map(personLine).join('\n') || '—',
        ],
        [m.issuedAt, formatInstant(snapshot.issuedAt, tz)],
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
      margin: [0, 50, 0, 0],
    },
  ];

  const documentControl: Content[] = [
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
        ? ([
            [
              m.contract,
              withNote(snapshot.contract.number, snapshot.contract.services.join(' / '), lang),
            ],
          ] as [string, string][])
        : []),
      [
        m.template,
        `${pick(template.name, lang)} · ${template.id} · ${m.templateVersion(template.version)}`,
      ],
      [
        m.inspectionPeriod,
        `${formatInstant(snapshot.inspection.startedAt, tz)} — ${formatInstant(snapshot.inspection.finishedAt, tz)}`,
      ],
      [m.engineers, snapshot.engineers.map(personLine).join('\n')],
      [
        m.customerRepresentatives,
        snapshot.customerRepresentatives.map(personLine).join('\n') || '—',
      ],
      [m.issuedAt, formatInstant(snapshot.issuedAt, tz)],
    ]),
  ];

  const checkSections = template.sections.filter((s) => s.kind !== 'evaluation');
  const chart = scoreChartSvg(
    checkSections.map((s) => ({
      label: pick(s.title, lang),
      score: score.sections.find((x) => x.sectionId === s.id)?.score ?? null,
    })),
    {
      ...score.counts,
      labels: {
        pass: m.resultNames.pass,
        warning: m.resultNames.warning,
        fail: m.resultNames.fail,
        notApplicable: m.resultNames['not-applicable'],
      },
    },
  );
  const riskCounts = RISK_LEVELS.map(
    (r) => `${pick(RISK_NAMES[r], lang)} ${snapshot.findings.filter((f) => f.risk === r).length}`,
  );
  let n = 1;
  const summary: Content[] = [
    { text: numbered(n++, m.summary), style: 'h1' },
    {
      columns: [
        {
          width: 170,
          stack: [
            { text: m.healthScore, style: 'label' },
            {
              text: snapshot.score.value === null ? '—' : String(snapshot.score.value),
              fontSize: 44,
              bold: true,
              color: gradeColour(snapshot.score.value),
            },
            {
              text: grade ? `${m.grade}: ${pick(HEALTH_GRADE_NAMES[grade], lang)}` : m.noScore,
              bold: true,
              color: gradeColour(snapshot.score.value),
            },
            ...(snapshot.score.capped
              ? [
                  {
                    // A capped score is exactly its cap (scoring.ts): it names the cap.
                    text:
                      snapshot.score.value === HIGH_RISK_CAP
                        ? m.scoreCappedHighRisk
                        : m.scoreCapped,
                    style: 'small',
                    color: COLOURS.fail,
                    margin: [0, 4, 0, 0],
                  },
                ]
              : []),
            { text: m.findingsByRisk, style: 'label', margin: [0, 10, 0, 2] },
            { text: riskCounts.join('   '), style: 'cell' },
          ] as Content[],
        },
        { width: CHART_WIDTH, svg: chart, font: FONT_FAMILY },
      ],
      columnGap: 20,
    },
    { text: m.clusters, style: 'h2' },
    {
      table: {
        headerRows: 1,
        keepWithHeaderRows: 1,
        widths: ['*', 'auto', 'auto', 'auto', 74, 54, 54],
        body: [
          headerRow([
            m.cluster,
            m.environment,
            m.version,
            m.nodes,
            m.lifecycleStatus,
            m.eoss,
            m.eosl,
          ]),
          ...snapshot.clusters.map((c): TableCell[] => [
            { text: c.name, style: 'cell' },
            { text: m.environments[c.environment], style: 'cell' },
            { text: `${c.product} ${c.version}`, style: 'cell' },
            { text: String(c.nodes.length), style: 'cell' },
            {
              text: lifecycleText(c, m),
              style: 'cell',
              bold: true,
              color: !c.lifecycle
                ? COLOURS.na
                : c.lifecycle.status === 'supported'
                  ? COLOURS.pass
                  : c.lifecycle.status === 'end-of-life'
                    ? COLOURS.fail
                    : COLOURS.warning,
            },
            { text: c.lifecycle?.eoss ?? '—', style: 'cell' },
            { text: c.lifecycle?.eosl ?? '—', style: 'cell' },
          ]),
        ],
      },
      layout: GRID_LAYOUT,
    },
    { text: m.formula, style: 'h2' },
    { text: pick(HEALTH_SCORE_FORMULA, lang), style: 'body', fontSize: 8.5 },
  ];

  const body: Content[] = [];
  for (const section of template.sections) {
    if (section.kind === 'evaluation') {
      body.push({
        text: numbered(n++, pick(section.title, lang)),
        style: 'h1',
        pageBreak: 'before',
      });
      body.push({
        text: [
          { text: `${m.healthScore}: `, color: COLOURS.muted },
          {
            text: snapshot.score.value === null ? '—' : String(snapshot.score.value),
            bold: true,
            color: gradeColour(snapshot.score.value),
          },
          ...(grade
            ? [
                {
                  text: withNote('', pick(HEALTH_GRADE_NAMES[grade], lang), lang),
                  color: gradeColour(snapshot.score.value),
                },
              ]
            : []),
        ],
        margin: [0, 0, 0, 6],
      });
      body.push({ text: snapshot.overallEvaluation || '—', style: 'body', margin: [0, 0, 0, 8] });
      body.push(
        ...headed(
          { text: m.findings, style: 'h2' },
          findingsTable(snapshot, m, lang),
          snapshot.findings.length,
        ),
      );
      continue;
    }
    body.push({ text: numbered(n++, pick(section.title, lang)), style: 'h1', pageBreak: 'before' });
    body.push(...sectionContent(section, checks, snapshot, photoNumber, m, lang));
  }

  const evidence: Content[] = [
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
      subject: `${snapshot.customer.name} · ${snapshot.site.name}`,
    }),
    content: [...cover, ...documentControl, ...summary, ...body, ...evidence, ...signaturePage],
  };
}
