/**
 * Procedure engine speed for a 300-step run (issue 9 benchmark): `npm run bench:procedures`.
 *
 * The run screen derives every step's state from the event log on each change, and every
 * operation (procedure-ops.ts) derives it again to check its rules before it appends one event,
 * so the derivation over a long log is what a step completion costs before RxDB's write and
 * React's render (not measured here: the goal "step completion to screen update p95 < 50 ms" also
 * holds those). Figures, p50 / p95 / max after warm-ups:
 *   - derive: `deriveRun` of a 300-step run with 300 evidence items (3 events per step, every
 *     tenth step failed once and retried: ~1,000 events), and of a long log of ~5,000 events (the
 *     same 300 steps, each failed 4–5 times before it passed, and 24 pauses);
 *   - append: `completeStep` and `attachEvidence` on the last step of each log (derivation, the
 *     step's rules, one event appended to a copy of the log);
 *   - merge: the conflict handler's merge (`mergeProcedureRuns`) of two laptops' divergent logs
 *     of the long run (a common half, then a quarter each);
 *   - record: the upgrade record of the 300-step run (snapshot from the run, pdfmake definition,
 *     PDF rendered by the main-process renderer as the CLI does), zh and en, with its pages
 *     (pdfinfo when installed). The UI-thread stall while the worker renders is bench:pdf-worker's.
 *
 * The 300-step template is synthetic (10 sections of 30 output steps, ./fixture.ts, shared with
 * bench:run-screen). The operations look a run's template up in the registry of published
 * templates, so the bench adds its template to that array for this process only. The logs are written event by event in the shape the
 * operations write (ids from `newId`, checks stored with the evidence), then checked by deriving
 * them: building them through the operations would take minutes and measure nothing new.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ProcedureRunDoc } from '../../src-shared/db/types';
import { mergeProcedureRuns } from '../../src-shared/db/procedure-run-conflicts';
import type { Lang } from '../../src-shared/domain/localized';
import { deriveRun } from '../../src-shared/domain/procedures/derive';
import { attachEvidence, completeStep } from '../../src-shared/domain/procedures/procedure-ops';
import { BUILTIN_PROCEDURE_TEMPLATES } from '../../src-shared/policy/procedures/index';
import type { ProcedureTemplate } from '../../src-shared/policy/procedures/types';
import { buildUpgradeRecord } from '../../src-shared/reports/kinds/upgrade-record/build';
import { renderPdf } from '../../src-main/services/pdf-render';
import { CHEN, output, runWith, STEP_IDS, STEPS, TEMPLATE, upgradeSnapshotOf } from './fixture';

// The registry is the published templates; the bench's own joins it for this process only.
(BUILTIN_PROCEDURE_TEMPLATES as ProcedureTemplate[]).push(TEMPLATE);

/** The same run with its last step's `step-done` not there yet: the step in progress. */
function beforeLastDone(run: ProcedureRunDoc): ProcedureRunDoc {
  return { ...run, events: run.events.slice(0, -1) };
}

function check(run: ProcedureRunDoc, label: string): void {
  const state = deriveRun(TEMPLATE, run);
  const notDone = Object.values(state.steps).filter((s) => s.status !== 'done').length;
  if (notDone !== 0 || state.status !== 'in-progress') {
    throw new Error(`${label}: ${notDone} steps not done, run ${state.status}`);
  }
}

interface Figures {
  p50: number;
  p95: number;
  max: number;
}

function measure(fn: () => unknown, runs: number, warmups = 10): Figures {
  for (let i = 0; i < warmups; i++) fn();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    ms.push(performance.now() - t0);
  }
  return figures(ms);
}

function figures(ms: number[]): Figures {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
  return { p50: at(0.5), p95: at(0.95), max: s[s.length - 1] ?? NaN };
}

const fmt = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(2));
function row(what: string, events: number, f: Figures, runs: number): void {
  console.log(
    `| ${what} | ${events.toLocaleString('en')} | ${fmt(f.p50)} ms | ${fmt(f.p95)} ms | ${fmt(f.max)} ms | ${runs} |`,
  );
}

const short = runWith((i) => (i % 10 === 0 ? 1 : 0));
const long = runWith((i) => 4 + (i % 2), 12);
check(short, '300-step run');
check(long, 'long log');
const evidenceItems = short.events.filter((e) => e.kind === 'evidence-attached').length;

console.log(
  `procedure engine, ${STEPS} steps (load average ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')})`,
);
console.log(
  `300-step run: ${short.events.length} events, ${evidenceItems} evidence items; long log: ${long.events.length} events`,
);
console.log('| what | events | p50 | p95 | max | runs |');
console.log('|---|---|---|---|---|---|');
row(
  'derive step states (`deriveRun`)',
  short.events.length,
  measure(() => deriveRun(TEMPLATE, short), 300),
  300,
);
row(
  'derive step states, long log',
  long.events.length,
  measure(() => deriveRun(TEMPLATE, long), 100),
  100,
);

const lastStep = STEP_IDS[STEP_IDS.length - 1]!;
for (const [label, run] of [
  ['300-step run', short],
  ['long log', long],
] as const) {
  const open = beforeLastDone(run);
  const at = new Date(Date.parse(run.updatedAt) + 60_000).toISOString();
  const done = measure(
    () => completeStep(open, lastStep, CHEN, at),
    label === 'long log' ? 100 : 300,
  );
  row(
    `append: complete the last step, ${label}`,
    open.events.length,
    done,
    label === 'long log' ? 100 : 300,
  );
  const ev = measure(
    () =>
      attachEvidence(open, lastStep, { kind: 'output', text: output(STEPS, 9, true) }, CHEN, at),
    label === 'long log' ? 100 : 300,
  );
  row(
    `append: attach evidence, ${label}`,
    open.events.length,
    ev,
    label === 'long log' ? 100 : 300,
  );
}

// Two laptops diverge from the first half of the long run: one does a quarter of the steps,
// the other the last quarter, offline; the conflict handler merges them when the second pushes.
{
  const half = long.events.findIndex((e) => e.stepId === STEP_IDS[STEPS / 2]);
  const threeQuarters = long.events.findIndex((e) => e.stepId === STEP_IDS[(STEPS * 3) / 4]);
  const base = { ...long, events: long.events.slice(0, half), _deleted: false };
  const a = { ...base, events: long.events.slice(0, threeQuarters) };
  const b = {
    ...base,
    events: [...long.events.slice(0, half), ...long.events.slice(threeQuarters)],
  };
  const merged = mergeProcedureRuns({
    assumedMasterState: base,
    realMasterState: a,
    newDocumentState: b,
  });
  if (merged.events.length !== long.events.length) {
    throw new Error(`merge kept ${merged.events.length} of ${long.events.length} events`);
  }
  const f = measure(
    () => mergeProcedureRuns({ assumedMasterState: base, realMasterState: a, newDocumentState: b }),
    100,
  );
  row(
    `merge two divergent logs (${a.events.length - half} + ${b.events.length - half} events on a common ${half})`,
    merged.events.length,
    f,
    100,
  );
}

// The signed record of the 300-step run, as `fieldbook report render upgrade` makes it.
const dir = mkdtempSync(path.join(tmpdir(), 'fieldbook-bench-procedures-'));
function record(lang: Lang): Promise<Buffer> {
  const snapshot = upgradeSnapshotOf(short);
  return renderPdf(buildUpgradeRecord(snapshot, lang));
}
try {
  const RUNS = 5;
  for (const lang of ['zh', 'en'] as const) {
    const render = () => record(lang);
    const tCold = performance.now();
    let pdf = await render();
    const cold = performance.now() - tCold;
    const ms: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      pdf = await render();
      ms.push(performance.now() - t0);
    }
    const file = path.join(dir, `record-${lang}.pdf`);
    writeFileSync(file, pdf);
    const info = spawnSync('pdfinfo', [file], { encoding: 'utf8' });
    const pages = /Pages:\s+(\d+)/.exec(info.stdout ?? '')?.[1] ?? '?';
    const f = figures(ms);
    console.log(
      `| upgrade record PDF (${lang}, ${pages} pages, ${Math.round(pdf.length / 1024)} KB; first render ${fmt(cold)} ms) | ${short.events.length} | ${fmt(f.p50)} ms | ${fmt(f.p95)} ms | ${fmt(f.max)} ms | ${RUNS} |`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
