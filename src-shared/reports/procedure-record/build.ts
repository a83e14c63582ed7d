/**
 * The body both procedure records share: cover, document control, the procedure, the steps with
 * who / when (site zone), evidence excerpts, approvals, deviations (failures, skips, waivers,
 * rollback or forward fix entered, pauses), durations, signatures, and appendix A with every
 * output in full. A kind adds its own section (the upgrade's versions and window) through
 * `extra`. Pure.
 */
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { Lang } from '../../domain/localized';
import { pick } from '../../domain/localized';
import { formatInstant, formatNumber } from '../format';
import {
  baseDefinitionFields,
  COLOURS,
  documentInfo,
  GRID_LAYOUT,
  headerRow,
  isDraftSnapshot,
  keyValueTable,
  numbered,
  pageFrame,
  personLine,
  qrBlock,
  signatureBlocks,
} from '../pdf-common';
import { reportMessages } from '../report-messages';
import { procedureRecordMessages } from './messages';
import type { Decider, ProcedureRecordSnapshot, RecordAttempt, RecordStep } from './snapshot';

export interface RecordKindTexts {
  title: string;
  subtitle: string;
  signatureStatement: string;
  /** Sections the kind adds after "the procedure" (numbered from `first`). */
  extra?: (first: number) => Content[];
}

const STATUS_COLOUR: Record<string, string> = {
  done: COLOURS.pass,
  failed: COLOURS.fail,
  waived: COLOURS.warning,
  skipped: COLOURS.warning,
  'in-progress': COLOURS.warning,
};

export function buildProcedureRecord(
  s: ProcedureRecordSnapshot,
  lang: Lang,
  k: RecordKindTexts,
): TDocumentDefinitions {
  const m = reportMessages(lang);
  const pm = procedureRecordMessages(lang);
  const tz = s.site.timeZone;
  const at = (iso: string | undefined) => (iso === undefined ? '—' : formatInstant(iso, tz));
  const titleOf = (id: string) => {
    const st = s.steps.find((x) => x.id === id);
    return st === undefined ? id : pick(st.title, lang);
  };
  // Whether the server vouches for an approver / a waiver's author (nothing in older records).
  const deciderMark = (d: Decider) =>
    d.verified === undefined ? '' : d.verified ? pm.verifiedAccount : pm.typedName;
  const draft = isDraftSnapshot(s);
  let n = 1;

  const cover: Content[] = [
    { text: k.title, style: 'coverTitle', margin: [0, 70, 0, 6] },
    { text: k.subtitle, style: 'coverSubtitle', margin: [0, 0, 0, 50] },
    { text: s.customer.name, style: 'coverCustomer' },
    { text: s.site.name, fontSize: 13, margin: [0, 4, 0, 36] },
    keyValueTable(
      [
        [m.documentNumber, s.documentNumber],
        [m.revision, String(s.revision)],
        [pm.outcome, { text: pm.outcomes[s.procedure.outcome] ?? '', style: 'cell', bold: true }],
        [m.engineers, s.engineers.map(personLine).join('\n')],
        [m.issuedAt, at(s.issuedAt)],
      ],
      120,
    ),
    {
      columns: [
        { text: '', width: '*' },
        {
          ...(qrBlock(s.documentNumber, s.revision, m, 92, draft) as object),
          width: 150,
        } as Content,
      ],
      margin: [0, 30, 0, 0],
    },
  ];

  const procedure: Content[] = [
    { text: numbered(n++, pm.procedure), style: 'h1', pageBreak: 'before' },
    keyValueTable([
      [m.customer, s.customer.name],
      [m.site, s.site.address ? `${s.site.name}（${s.site.address}）` : s.site.name],
      ...(s.cluster !== undefined
        ? [
            [pm.cluster, pm.clusterLine(s.cluster.name, s.cluster.product, s.cluster.version)] as [
              string,
              Content,
            ],
          ]
        : []),
      [
        pm.template,
        `${pick(s.procedure.name, lang)} · ${s.procedure.templateId} ${pm.templateVersion(s.procedure.templateVersion)}`,
      ],
      [pm.runId, s.procedure.runId],
      [pm.startedBy, s.procedure.startedBy],
      [pm.startedAt, at(s.procedure.startedAt)],
      [pm.completedAt, at(s.procedure.completedAt)],
      [pm.outcome, pm.outcomes[s.procedure.outcome] ?? ''],
      [m.customerRepresentatives, s.customerRepresentatives.map(personLine).join('\n') || '—'],
    ]),
    ...(s.procedure.outcome === 'in-progress'
      ? [{ text: pm.inProgressNote, style: 'body', color: COLOURS.warning, margin: [0, 6, 0, 0] }]
      : []),
    { text: pm.timesNote(tz), style: 'small', margin: [0, 6, 0, 0] },
  ] as Content[];

  const extra = k.extra?.(n) ?? [];
  n += extra.filter((c) => (c as { style?: string }).style === 'h1').length;

  const attemptBlock = (a: RecordAttempt, many: boolean): Content[] => {
    // Who / when of a single attempt is in its own column; repeat it only where it says more.
    const detailed = many || a.zone !== undefined;
    const head = [
      many ? pm.attempt(a.n) : '',
      detailed && a.by !== undefined
        ? `${a.by} · ${at(a.finishedAt)}${a.zone ? pm.laptopZone(a.zone) : ''}`
        : '',
      a.reason !== undefined ? `${pm.reason}: ${a.reason}` : '',
    ].filter((x) => x !== '');
    const out: Content[] = [];
    if (head.length > 0) out.push({ text: head.join('  '), style: 'small' });
    for (const o of a.outputs) {
      const check =
        o.check === undefined ? '' : ` · ${o.check === 'pass' ? pm.checkPass : pm.checkFail}`;
      out.push({
        text: `${pm.output(o.lines)}${check}${o.appendix !== undefined ? ` · ${pm.seeAppendix(o.appendix)}` : ''}`,
        style: 'small',
        color: o.check === 'fail' ? COLOURS.fail : COLOURS.muted,
      });
      out.push({
        text: o.excerpt,
        fontSize: 7,
        preserveLeadingSpaces: true,
        background: COLOURS.zebra,
        margin: [0, 1, 0, 3],
      });
    }
    for (const v of a.values) out.push({ text: `${pm.value}: ${v}`, style: 'cell' });
    for (const f of a.attachments) {
      out.push({
        text: `${pm.attachment[f.kind] ?? f.kind}: ${f.name} · SHA-256 ${f.sha256.slice(0, 16)}…`,
        style: 'small',
      });
    }
    return out;
  };

  const stepRow = (st: RecordStep, i: number): TableCell[] => {
    const last = st.attempts.at(-1);
    const mark =
      st.checkpoint === 'irreversible'
        ? { text: pm.irreversible, color: COLOURS.fail, style: 'small' }
        : st.checkpoint === 'reversible'
          ? { text: pm.reversible, style: 'small' }
          : null;
    return [
      { text: String(i + 1), style: 'cell' },
      {
        stack: [
          { text: pick(st.title, lang), style: 'cell', bold: true },
          ...(mark ? [mark] : []),
          ...st.attempts.flatMap((a) => attemptBlock(a, st.attempts.length > 1)),
        ],
      },
      { text: pm.roles[st.role] ?? st.role, style: 'cell' },
      {
        text: pm.status[st.status] ?? st.status,
        style: 'cell',
        bold: true,
        color: STATUS_COLOUR[st.status] ?? COLOURS.muted,
      },
      {
        text: last?.by !== undefined ? `${last.by}\n${at(last.finishedAt)}` : '—',
        style: 'cell',
      },
      {
        text: `${st.plannedMinutes} / ${st.actualMinutes === undefined ? '—' : formatNumber(st.actualMinutes)}`,
        style: 'cell',
        alignment: 'right',
      },
    ];
  };

  const sectionsInOrder: { title: string; steps: RecordStep[] }[] = [];
  for (const st of s.steps) {
    const title = pick(st.section, lang);
    const last = sectionsInOrder.at(-1);
    if (last?.title === title) last.steps.push(st);
    else sectionsInOrder.push({ title, steps: [st] });
  }
  const steps: Content[] = [{ text: numbered(n++, pm.steps), style: 'h1', pageBreak: 'before' }];
  let index = 0;
  for (const sec of sectionsInOrder) {
    steps.push({ text: sec.title, style: 'h2' });
    steps.push({
      table: {
        headerRows: 1,
        widths: [16, '*', 52, 40, 78, 50],
        body: [
          headerRow(['#', pm.colStep, pm.colRole, pm.colStatus, pm.colWhoWhen, pm.colDuration]),
          ...sec.steps.map((st) => stepRow(st, index++)),
        ],
      },
      layout: GRID_LAYOUT,
    });
  }

  const deviationLines: Content[] = [];
  for (const st of s.steps) {
    for (const a of st.attempts) {
      if (a.status === 'failed')
        deviationLines.push({
          text: `${at(a.finishedAt)}  ${pm.deviationFailed(pick(st.title, lang), a.reason ?? '')}`,
          style: 'body',
          color: COLOURS.fail,
        });
      if (a.status === 'skipped')
        deviationLines.push({
          text: `${at(a.finishedAt)}  ${pm.deviationSkipped(pick(st.title, lang), a.reason ?? '')}`,
          style: 'body',
        });
    }
  }
  const deviations: Content[] = [{ text: numbered(n++, pm.deviations), style: 'h1' }];
  const nothing =
    deviationLines.length === 0 &&
    s.waivers.length === 0 &&
    s.modeChanges.length === 0 &&
    s.pauses.length === 0;
  if (nothing) deviations.push({ text: pm.noDeviations, style: 'body' });
  deviations.push(...deviationLines);
  if (s.waivers.length > 0) {
    deviations.push({ text: pm.waivers, style: 'h2' });
    for (const w of s.waivers)
      deviations.push({
        text: pm.waiverLine(titleOf(w.stepId), `${w.by}${deciderMark(w)}`, at(w.at), w.reason),
        style: 'body',
        color: COLOURS.warning,
      });
  }
  for (const c of s.modeChanges) {
    const label = c.mode === 'rollback' ? pm.modeRollback : pm.modeForwardFix;
    deviations.push({ text: label, style: 'h2' });
    deviations.push({
      text: pm.modeLine(label, titleOf(c.fromStepId ?? ''), c.by, at(c.at)),
      style: 'body',
    });
    deviations.push({ text: `${pm.modeSteps}:`, style: 'label' });
    deviations.push({ ol: c.steps.map((id) => ({ text: titleOf(id), style: 'body' })) });
  }
  if (s.pauses.length > 0) {
    deviations.push({ text: pm.pauses, style: 'h2' });
    for (const p of s.pauses)
      deviations.push({
        text: pm.pauseLine(
          at(p.at),
          p.by,
          p.reason ?? '',
          p.resumedAt === undefined ? '' : at(p.resumedAt),
        ),
        style: 'body',
      });
  }

  const approvals: Content[] = [{ text: numbered(n++, pm.approvals), style: 'h1' }];
  approvals.push(
    s.approvals.length === 0
      ? { text: pm.noApprovals, style: 'body' }
      : {
          table: {
            headerRows: 1,
            widths: ['*', 120, 95, 95],
            body: [
              headerRow([pm.colStep, pm.colApprover, pm.colApprovedAt, pm.colExpires]),
              ...s.approvals.map((a) => [
                { text: titleOf(a.stepId), style: 'cell' },
                {
                  stack: [
                    { text: a.by, style: 'cell' },
                    ...(a.verified === undefined
                      ? []
                      : [
                          {
                            text: deciderMark(a),
                            style: 'small',
                            color: a.verified ? COLOURS.pass : COLOURS.warning,
                          },
                        ]),
                  ],
                },
                { text: at(a.at), style: 'cell' },
                { text: at(a.expiresAt), style: 'cell' },
              ]),
            ],
          },
          layout: GRID_LAYOUT,
        },
  );
  if ([...s.approvals, ...s.waivers].some((d) => d.verified !== undefined)) {
    approvals.push({ text: pm.deciderNote, style: 'small', margin: [0, 4, 0, 0] });
  }

  // Deployment: accounts and credentials handed over and their acknowledgements, never secrets.
  const handovers: Content[] = [];
  if ((s.handovers ?? []).length > 0) {
    handovers.push({ text: numbered(n++, pm.handovers), style: 'h1' });
    handovers.push({ text: pm.handoverNote, style: 'body' });
    handovers.push({
      table: {
        headerRows: 1,
        widths: ['*', '*', '*', 60, 60, 70, 40],
        body: [
          headerRow([
            pm.colSystem,
            pm.colAccount,
            pm.colScope,
            pm.colHandedTo,
            pm.colChannel,
            pm.colAcknowledged,
            pm.colRotate,
          ]),
          ...(s.handovers ?? []).map((h) => [
            { text: h.system, style: 'cell' },
            { text: h.account, style: 'cell' },
            { text: h.scope, style: 'cell' },
            { text: h.handedTo, style: 'cell' },
            { text: h.channel, style: 'cell' },
            {
              text: h.acknowledgedAt === undefined ? pm.notAcknowledged : at(h.acknowledgedAt),
              style: 'cell',
            },
            {
              text: h.rotateWithinDays === undefined ? '—' : pm.rotateDays(h.rotateWithinDays),
              style: 'cell',
            },
          ]),
        ],
      },
      layout: GRID_LAYOUT,
    });
  }

  const planned = s.steps
    .filter((st) => st.attempts.length > 0)
    .reduce((a, st) => a + st.plannedMinutes, 0);
  const actual = s.steps.reduce((a, st) => a + (st.actualMinutes ?? 0), 0);
  const durations: Content[] = [
    { text: numbered(n, pm.durations), style: 'h1' },
    keyValueTable([
      [pm.plannedTotal, pm.minutes(formatNumber(planned))],
      [pm.actualTotal, pm.minutes(formatNumber(actual))],
    ]),
  ];

  const signatures: Content[] = [
    { text: m.signatures, style: 'h1', pageBreak: 'before' },
    signatureBlocks(s.signatures, tz, { ...m, signatureStatement: k.signatureStatement }),
  ];

  const appendix: Content[] = [{ text: pm.appendix, style: 'h1', pageBreak: 'before' }];
  if (s.appendix.length === 0) appendix.push({ text: pm.noAppendix, style: 'body' });
  for (const a of s.appendix) {
    appendix.push({ text: pm.appendixEntry(a.n, titleOf(a.stepId), a.attempt), style: 'h2' });
    appendix.push({ text: a.text, fontSize: 6.5, preserveLeadingSpaces: true });
  }

  return {
    ...baseDefinitionFields(lang),
    info: documentInfo({
      title: k.title,
      documentNumber: s.documentNumber,
      revision: s.revision,
      engineers: s.engineers,
      issuedAt: s.issuedAt,
      subject: `${s.customer.name} · ${pick(s.procedure.name, lang)}`,
    }),
    ...pageFrame({
      title: k.title,
      documentNumber: s.documentNumber,
      revision: s.revision,
      customerName: s.customer.name,
      m,
      draft,
    }),
    content: [
      ...cover,
      ...procedure,
      ...extra,
      ...steps,
      ...deviations,
      ...approvals,
      ...handovers,
      ...durations,
      ...signatures,
      ...appendix,
    ],
  };
}
