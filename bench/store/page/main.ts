/**
 * The store benchmark page, run in real Chromium by bench/store/run.ts.
 *
 * `?mode=bench` exposes `window.fieldbookBench` for the runner to call step by step;
 * `?mode=coldstart` opens the database at once and renders the customer list, recording the
 * time from navigation start (performance.now() counts from it) to the first query result.
 */
import { uncacheRxQuery } from 'rxdb';
import type { RxCollection, RxQuery } from 'rxdb';
import { COLLECTION_NAMES } from '../../../src-shared/db/schemas/index';
import { bulkInsertChunked, openFieldbookDatabase } from '../../../src-renderer/db/database';
import type { FieldbookDatabase } from '../../../src-renderer/db/database';
import {
  customersByName,
  openIncidentsByDue,
  visitTimeline,
} from '../../../src-renderer/db/queries';
import type {
  BenchGlobals,
  ColdStartFigures,
  ImportFigures,
  QueryFigures,
  StoreBenchApi,
  WorkloadSize,
} from '../figures';
import { deleteIdb, RAW_DB_NAME, rawImport } from './raw-idb';
import { FULL_WORKLOAD, buildWorkload } from './workload';
import type { Workload } from './workload';

const DB_NAME = 'fieldbook-bench';
const PASSWORD = 'bench-key-6f1d2c3b4a5e6f708192a3b4c5d6e7f8';
/** A fixed "now" keeps the workload identical between runs. */
const NOW = Date.UTC(2026, 10, 23, 6, 30);

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

function figures(samples: number[], resultSize: number): QueryFigures {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    runs: samples.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    max: sorted.at(-1) ?? NaN,
    resultSize,
  };
}

async function rxdbImport(
  db: FieldbookDatabase,
  workload: Workload,
  chunkSize: number,
): Promise<ImportFigures> {
  const perCollection: ImportFigures['perCollection'] = {};
  let docs = 0;
  const t0 = performance.now();
  for (const name of COLLECTION_NAMES) {
    const list = workload[name];
    const c0 = performance.now();
    await bulkInsertChunked(db[name] as unknown as RxCollection<unknown>, list, chunkSize);
    perCollection[name] = { docs: list.length, ms: performance.now() - c0 };
    docs += list.length;
  }
  const ms = performance.now() - t0;
  return { docs, ms, docsPerSecond: (docs / ms) * 1000, perCollection };
}

/**
 * Times `runs` executions of fresh queries. Each query is taken out of RxDB's query cache
 * after it ran, so every run reads the storage (and decrypts/creates documents) like a page
 * opened for the first time, instead of returning a cached result.
 */
async function timeQueries<T>(
  runs: number,
  build: (i: number) => RxQuery<T, unknown[]>,
  collection: (q: RxQuery<T, unknown[]>) => RxCollection<T>,
): Promise<QueryFigures> {
  const samples: number[] = [];
  let size = 0;
  for (let i = 0; i < runs; i++) {
    const q = build(i);
    const t0 = performance.now();
    const result = await q.exec();
    samples.push(performance.now() - t0);
    size = result.length;
    uncacheRxQuery(collection(q)._queryCache, q);
  }
  return figures(samples, size);
}

async function estimate(): Promise<number | null> {
  const e = await navigator.storage?.estimate?.();
  return e?.usage ?? null;
}

let benchDb: FieldbookDatabase | null = null;
let benchWorkload: Workload | null = null;

const bench: StoreBenchApi = {
  async reset(): Promise<void> {
    await benchDb?.close();
    benchDb = null;
    for (const info of await indexedDB.databases()) {
      if (info.name?.startsWith('rxdb-dexie-') || info.name === RAW_DB_NAME)
        await deleteIdb(info.name);
    }
  },

  async runImport(size: WorkloadSize = FULL_WORKLOAD, chunkSize = 100) {
    const g0 = performance.now();
    benchWorkload = buildWorkload(NOW, size);
    const generateMs = performance.now() - g0;
    const raw = await rawImport(benchWorkload, chunkSize);
    const o0 = performance.now();
    benchDb = await openFieldbookDatabase({ name: DB_NAME, password: PASSWORD });
    const openEmptyMs = performance.now() - o0;
    const rxdb = await rxdbImport(benchDb, benchWorkload, chunkSize);
    return { generateMs, openEmptyMs, raw, rxdb, storageUsageBytes: await estimate() };
  },

  async runQueries(runs = 200) {
    const db = benchDb;
    const workload = benchWorkload;
    if (db === null || workload === null) throw new Error('run the import first');
    const visitIds = workload.visits.map((v) => v.id);
    const timeline = await timeQueries(
      runs,
      (i) => visitTimeline(db, visitIds[(i * 37) % visitIds.length]!, 100),
      () => db.visitLogEntries,
    );
    const openIncidents = await timeQueries(
      runs,
      () => openIncidentsByDue(db, 100),
      () => db.incidents,
    );
    // The same list once cached by RxDB (what a page sees on its second render).
    const warm = openIncidentsByDue(db, 100);
    await warm.exec();
    const w0 = performance.now();
    for (let i = 0; i < runs; i++) await warm.exec();
    const warmMeanMs = (performance.now() - w0) / runs;
    const counts = {
      visitLogEntries: await db.visitLogEntries.count().exec(),
      openIncidents: await db.incidents.count({ selector: { status: 'open' } }).exec(),
    };
    return { timeline, openIncidents, openIncidentsWarmMeanMs: warmMeanMs, counts };
  },

  async close(): Promise<void> {
    await benchDb?.close();
    benchDb = null;
  },
};

/** The runner reads these through page.evaluate. */
const globals = window as Window & BenchGlobals;

async function coldStart(scriptStart: number): Promise<ColdStartFigures> {
  const db = await openFieldbookDatabase({ name: DB_NAME, password: PASSWORD });
  const dbOpen = performance.now();
  const customers = await customersByName(db).exec();
  const firstResult = performance.now();
  const list = document.createElement('ul');
  for (const c of customers) {
    const li = document.createElement('li');
    li.textContent = c.name;
    list.append(li);
  }
  document.body.append(list);
  // The list is on screen once the next frame was produced.
  await new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
  const rendered = performance.now();
  await db.close();
  return { scriptStart, dbOpen, firstResult, rendered, customers: customers.length };
}

const mode = new URLSearchParams(location.search).get('mode');
if (mode === 'coldstart') {
  globals.fieldbookColdStart = coldStart(performance.now());
} else {
  globals.fieldbookBench = bench;
}
