/**
 * The run-screen benchmark page, run in headless Chromium by bench/run-screen/run.ts and served by
 * the e2e harness, so `window.fieldbook` (the harness's desktop shim) reaches the REAL main
 * services (key store, blobs). The page registers bench/procedures' 300-step template in the
 * registry of published templates for this page only (as bench:procedures does in Node: the app
 * knows only its pack templates), writes the run to the app's own database (openFieldbookDatabase
 * under the app's name and desktop key), then starts the app itself (src-renderer/app/main.tsx:
 * App, DatabaseProvider, router) on `#/procedures/<run>`: the run screen the engineer uses.
 *
 * It measures each "mark done" click from the click's input timestamp to the frame after the
 * step list shows that step done (a MutationObserver on `data-status`, then requestAnimationFrame
 * and a message-channel turn: the frame's paint has been committed), and the main thread's
 * longest tasks (PerformanceObserver `longtask`).
 */
import type { ProcedureRunDoc } from '../../../src-shared/db/types';
import type { DesktopApi } from '../../../src-shared/ipc';
import { BUILTIN_PROCEDURE_TEMPLATES } from '../../../src-shared/policy/procedures/index';
import type { ProcedureTemplate } from '../../../src-shared/policy/procedures/types';
import { openFieldbookDatabase } from '../../../src-renderer/db/database';
import { DEFAULT_DATABASE_NAME } from '../../../src-renderer/db/DatabaseProvider';
import { writeEngineerName } from '../../../src-renderer/app/settings';
import { markFirstRunDone } from '../../../src-renderer/features/workspace/first-run';
import { CHEN, runWith, STEP_IDS, TEMPLATE } from '../../procedures/fixture';
import type { Completion, RunScreenBenchApi, RunScreenBenchGlobals, SeedFigures } from '../figures';

(BUILTIN_PROCEDURE_TEMPLATES as ProcedureTemplate[]).push(TEMPLATE);

const desktopApi = (globalThis as unknown as { fieldbook: DesktopApi }).fieldbook;

/** 300 steps; every fifth failed once and retried (a second output); 20 s between events. */
function seededRun(openSteps: number): ProcedureRunDoc {
  const hours = 8;
  const full = runWith((i) => (i % 5 === 0 ? 1 : 0), 0, Date.now() - hours * 3_600_000);
  const firstOpen = STEP_IDS[STEP_IDS.length - openSteps];
  const cut = full.events.findIndex((e) => e.stepId === firstOpen);
  const events = cut < 0 ? full.events : full.events.slice(0, cut);
  return { ...full, events, updatedAt: events[events.length - 1]!.at };
}

let completions: Completion[] = [];
let longest = 0;
let over50 = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    longest = Math.max(longest, e.duration);
    if (e.duration > 50) over50 += 1;
  }
}).observe({ type: 'longtask', buffered: true });

/** The click on "mark done" being measured: its step and input timestamp. */
let pending: { stepId: string; t0: number } | null = null;

window.addEventListener(
  'click',
  (e) => {
    const target = e.target instanceof Element ? e.target : null;
    if (target?.closest('[data-testid="procedure-done"]') == null) return;
    const stepId = target.closest('[data-testid="procedure-current"]')?.getAttribute('data-step');
    if (stepId == null) return;
    pending = { stepId, t0: e.timeStamp };
  },
  true,
);

const afterPaint = (done: () => void) =>
  requestAnimationFrame(() => {
    const ch = new MessageChannel();
    ch.port1.onmessage = done;
    ch.port2.postMessage(null);
  });

new MutationObserver(() => {
  const p = pending;
  if (p === null) return;
  const row = document.querySelector(`[data-testid="procedure-step"][data-step="${p.stepId}"]`);
  if (row?.getAttribute('data-status') !== 'done') return;
  pending = null;
  afterPaint(() => completions.push({ stepId: p.stepId, ms: performance.now() - p.t0 }));
}).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-status'] });

const api: RunScreenBenchApi = {
  seed: async (openSteps) => {
    const run = seededRun(openSteps);
    const db = await openFieldbookDatabase({
      name: DEFAULT_DATABASE_NAME,
      password: await desktopApi.keystore.getDatabaseKey(),
    });
    try {
      await db.procedureRuns.insert(run);
    } finally {
      await db.close();
    }
    const figures: SeedFigures = {
      runId: run.id,
      steps: STEP_IDS.length,
      events: run.events.length,
      evidence: run.events.filter((e) => e.kind === 'evidence-attached').length,
      doneSteps: run.events.filter((e) => e.kind === 'step-done').length,
      open: STEP_IDS.slice(STEP_IDS.length - openSteps),
    };
    return figures;
  },
  mount: async (runId) => {
    markFirstRunDone();
    // The laptop's engineer (settings): 陈静 does the second half of the fixture's run.
    writeEngineerName(CHEN.by);
    location.hash = `#/procedures/${runId}`;
    await import('../../../src-renderer/app/main');
  },
  completions: () => completions,
  longestTaskMs: () => longest,
  tasksOver50ms: () => over50,
  reset: () => {
    completions = [];
    longest = 0;
    over50 = 0;
  },
};
(globalThis as unknown as RunScreenBenchGlobals).runScreenBench = api;
