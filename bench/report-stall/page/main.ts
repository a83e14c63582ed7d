/// <reference types="vite/client" />
/**
 * Page of the report-stall benchmark (bench/report-stall/run.ts), served by the e2e harness so
 * `window.fieldbook` (the harness's desktop shim) reaches the real main services. It opens the
 * app's database (openFieldbookDatabase: Dexie + encryption + validation) and runs what the
 * generate dialog runs on "generate" (report-pipeline's generateDraft: the worker render with the
 * preview pages, the PDF stored in the blob store, the draft recorded with its snapshot), while a
 * timer loop on the main thread records the longest gap between its ticks and a
 * PerformanceObserver the longest task.
 */
import type { DesktopApi } from '../../../src-shared/ipc';
import type { DeliverableLang } from '../../../src-shared/db/types';
import { sampleOpsSnapshot } from '../../../src-shared/reports/kinds/ops-service-report/sample';
import type { ReportSnapshot } from '../../../src-shared/reports/snapshot-types';
import { openFieldbookDatabase } from '../../../src-renderer/db/database';
import type { FieldbookDatabase } from '../../../src-renderer/db/database';
import { generateDraft } from '../../../src-renderer/features/deliverables/report-pipeline';
import type { ReportRequest } from '../../../src-renderer/features/deliverables/report-pipeline';
import { runWith, upgradeSnapshotOf } from '../../procedures/fixture';
import type { ReportStallFigures, ReportStallGlobals, StallReport } from '../figures';

const DB_NAME = 'fieldbook-report-stall-bench';
const desktopApi = (globalThis as unknown as { fieldbook: DesktopApi }).fieldbook;

let db: FieldbookDatabase | null = null;
async function database(): Promise<FieldbookDatabase> {
  db ??= await openFieldbookDatabase({
    name: DB_NAME,
    password: await desktopApi.keystore.getDatabaseKey(),
  });
  return db;
}

const snapshots = new Map<StallReport, ReportSnapshot>();
function snapshotOf(report: StallReport): ReportSnapshot {
  let s = snapshots.get(report);
  if (s === undefined) {
    s =
      report === 'ops'
        ? sampleOpsSnapshot({ incidents: 2000, records: 5000 })
        : // The procedures benchmark's 300-step run: every tenth step failed once, then passed.
          upgradeSnapshotOf(runWith((i) => (i % 10 === 0 ? 1 : 0)));
    snapshots.set(report, s);
  }
  return s;
}

function requestOf(report: StallReport): ReportRequest {
  const snapshot = snapshotOf(report);
  return {
    kind: report === 'ops' ? 'ops-service-report' : 'upgrade-record',
    customerId: 'CUST-BENCH',
    siteId: 'SITE-BENCH',
    sourceId: `bench-${report}`,
    title: `bench ${report}`,
    location: snapshot.site.name,
    snapshot,
    customerRepresentative: { name: '李建国', title: '' },
    engineer: { name: '王磊', title: '' },
  };
}

async function generate(report: StallReport, lang: DeliverableLang): Promise<ReportStallFigures> {
  const database_ = await database();
  const request = requestOf(report);
  const tasks: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) tasks.push(e.duration);
  });
  observer.observe({ type: 'longtask', buffered: false });
  let longestGapMs = 0;
  let last = performance.now();
  let running = true;
  const tick = () => {
    const now = performance.now();
    longestGapMs = Math.max(longestGapMs, now - last);
    last = now;
    if (running) setTimeout(tick, 0);
  };
  setTimeout(tick, 0);
  let progressUpdates = 0;
  let renderedAt = 0;
  const started = performance.now();
  const { doc, rendered } = await generateDraft(database_, request, lang, null, (stage) => {
    progressUpdates += 1;
    if (stage === 'storing') renderedAt = performance.now();
  });
  const ms = performance.now() - started;
  running = false;
  await new Promise((r) => setTimeout(r, 100));
  observer.disconnect();
  return {
    report,
    lang,
    ms,
    renderMs: renderedAt - started,
    workerMs: rendered.workerMs,
    recordMs: performance.now() - 100 - renderedAt,
    longestTaskMs: Math.max(0, ...tasks),
    tasksOver50ms: tasks.length,
    longestGapMs,
    pages: doc.pageCount ?? 0,
    bytes: rendered.bytes.byteLength,
    previewPages: rendered.preview?.count ?? 0,
    progressUpdates,
  };
}

(globalThis as unknown as ReportStallGlobals).reportStallBench = { generate };
