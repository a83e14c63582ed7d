/**
 * The laptop-sync benchmark page, run in real Chromium by bench/laptop-sync/run.ts and served by
 * the e2e harness, so `window.fieldbook` (the harness's desktop shim) reaches the REAL main
 * services, which talk to a real sync server. The page runs the app's own database
 * (openFieldbookDatabase: Dexie + encryption + validation), pending-change tracker and replication
 * engine (startReplication) — the modules the app's SyncProvider starts — without the React shell.
 */
import { COLLECTION_NAMES } from '../../../src-shared/db/schemas/index';
import type { VisitLogEntryDoc } from '../../../src-shared/db/types';
import type { DesktopApi } from '../../../src-shared/ipc';
import { openFieldbookDatabase } from '../../../src-renderer/db/database';
import type { FieldbookDatabase } from '../../../src-renderer/db/database';
import { createPendingTracker } from '../../../src-renderer/db/pending-tracker';
import type { PendingTracker } from '../../../src-renderer/db/pending-tracker';
import { startReplication } from '../../../src-renderer/db/replication';
import type { ReplicationEngine } from '../../../src-renderer/db/replication';
import { rawImport } from '../../store/page/raw-idb';
import { buildWorkload } from '../../store/page/workload';
import type {
  LaptopSyncBenchApi,
  LaptopSyncBenchGlobals,
  PushFigures,
  SignInInput,
} from '../figures';

const DB_NAME = 'fieldbook-laptop-bench';
/** SESSION_STORAGE_KEY of test/e2e/harness/server.ts (a Node module, not importable here). */
const DESKTOP_SESSION_KEY = 'fieldbook.desktopSession';
/** The store benchmark's fixed "now": the runner generates the same workload for the server. */
export const WORKLOAD_NOW = Date.UTC(2026, 10, 23, 6, 30);

interface Fieldbook {
  fieldbook: DesktopApi;
}

const desktopApi = (globalThis as unknown as Fieldbook).fieldbook;

/** Counts the relay calls the replication makes. */
function countingSync(api: DesktopApi['sync']) {
  const counts = { pull: 0, push: 0, other: 0, pullMs: 0, pushMs: 0 };
  const timed = async <T>(p: Promise<T>, add: (ms: number) => void): Promise<T> => {
    const t0 = performance.now();
    try {
      return await p;
    } finally {
      add(performance.now() - t0);
    }
  };
  const t0 = performance.now();
  /** `collection call start+duration` of every pull and push, for `--trace`. */
  const trace: string[] = [];
  const note = (what: string, start: number) => (ms: number) =>
    trace.push(`${what} at ${(start - t0).toFixed(0)} ms took ${ms.toFixed(0)} ms`);
  const wrapped: DesktopApi['sync'] = {
    ...api,
    pull: (input) => {
      counts.pull += 1;
      const n = note(`pull ${input.collection}`, performance.now());
      return timed(api.pull(input), (ms) => {
        counts.pullMs += ms;
        n(ms);
      });
    },
    push: (input) => {
      counts.push += 1;
      const n = note(`push ${input.collection} ${input.rows.length}`, performance.now());
      return timed(api.push(input), (ms) => {
        counts.pushMs += ms;
        n(ms);
      });
    },
    uploadBlob: (sha256) => {
      counts.other += 1;
      return api.uploadBlob(sha256);
    },
  };
  return { api: wrapped, counts, trace };
}

/** Longest tasks on the main thread, from `longtask` entries (tasks of 50 ms and more). */
function watchLongTasks() {
  let longest = 0;
  let over50 = 0;
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      longest = Math.max(longest, e.duration);
      if (e.duration > 50) over50 += 1;
    }
  });
  observer.observe({ type: 'longtask', buffered: false });
  return {
    stop() {
      observer.disconnect();
      return { longest, over50 };
    },
  };
}

let db: FieldbookDatabase | null = null;
let tracker: PendingTracker | null = null;
let engine: ReplicationEngine | null = null;
let account: Awaited<ReturnType<DesktopApi['sync']['signIn']>> | null = null;
let edited: string[] = [];

async function countAll(database: FieldbookDatabase): Promise<number> {
  let n = 0;
  for (const name of COLLECTION_NAMES) n += await database[name].count().exec();
  return n;
}

function waitFor(check: () => boolean, subscribe: (cb: () => void) => () => void): Promise<void> {
  return new Promise((resolve) => {
    if (check()) {
      resolve();
      return;
    }
    const unsubscribe = subscribe(() => {
      if (check()) {
        unsubscribe();
        resolve();
      }
    });
  });
}

const bench: LaptopSyncBenchApi = {
  async reset() {
    await engine?.stop();
    engine = null;
    tracker?.close();
    tracker = null;
    await db?.close();
    db = null;
    // Everything but the harness's desktop session (test/e2e/harness/authorize.ts).
    const session = localStorage.getItem(DESKTOP_SESSION_KEY);
    localStorage.clear();
    if (session !== null) localStorage.setItem(DESKTOP_SESSION_KEY, session);
    for (const info of await indexedDB.databases()) {
      if (info.name) indexedDB.deleteDatabase(info.name);
    }
  },

  async initialSync(input: SignInInput, expectedDocs: number, fastPath = true) {
    const database = await openFieldbookDatabase({
      name: DB_NAME,
      password: await desktopApi.keystore.getDatabaseKey(),
    });
    db = database;
    tracker = createPendingTracker(database);
    const { api, counts, trace } = countingSync(desktopApi.sync);
    const tasks = watchLongTasks();
    let statusEmissions = 0;
    const t0 = performance.now();
    const signedIn = await desktopApi.sync.signIn(input);
    if (!signedIn.ok) throw new Error(`sign-in failed: ${signedIn.error.message}`);
    const signInMs = performance.now() - t0;
    account = signedIn;
    let done: () => void = () => undefined;
    const initialDone = new Promise<void>((resolve) => {
      done = resolve;
    });
    engine = startReplication({
      db: database,
      api,
      account: signedIn.value,
      pending: tracker,
      initialDone: false,
      firstSyncFastPath: fastPath,
      onInitialDone: () => done(),
    });
    const sub = engine.status$.subscribe(() => {
      statusEmissions += 1;
    });
    await initialDone;
    const ms = performance.now() - t0;
    sub.unsubscribe();
    const { longest, over50 } = tasks.stop();
    const docs = await countAll(database);
    if (docs !== expectedDocs)
      throw new Error(`synced ${docs} documents, expected ${expectedDocs}`);
    return {
      ms,
      docs,
      docsPerSecond: (docs / ms) * 1000,
      longestTaskMs: longest,
      tasksOver50ms: over50,
      statusEmissions,
      pulls: counts.pull,
      pullCallMs: counts.pullMs,
      signInMs,
      trace,
    };
  },

  async offlinePush(n: number): Promise<PushFigures> {
    const database = db;
    const pending = tracker;
    if (!database || !pending || !account?.ok) throw new Error('run the initial sync first');
    // The app closes: replication stops, the engineer keeps working offline.
    await engine?.stop();
    engine = null;
    const e0 = performance.now();
    const entries = (await database.visitLogEntries
      .find({ sort: [{ id: 'asc' }], limit: n })
      .exec()) as { toMutableJSON(): VisitLogEntryDoc }[];
    const at = new Date().toISOString();
    const changed = entries.map((d) => {
      const doc = d.toMutableJSON();
      return { ...doc, text: `${doc.text}（复核）`, updatedAt: at };
    });
    // In chunks, as the app's own bulk writes do (STACK-NOTES: one huge bulk write is quadratic).
    const collection = database.visitLogEntries;
    for (let i = 0; i < changed.length; i += 100) {
      await collection.bulkUpsert(changed.slice(i, i + 100));
    }
    edited = changed.map((d) => d.id);
    const editMs = performance.now() - e0;
    let count = 0;
    const countSub = pending.count$.subscribe((c) => {
      count = c;
    });
    if (count < n) throw new Error(`only ${count} changes pending after ${n} edits`);

    // The app starts again with the changes pending.
    const { api, counts, trace } = countingSync(desktopApi.sync);
    const t0 = performance.now();
    engine = startReplication({
      db: database,
      api,
      account: account.value,
      pending,
      initialDone: true,
    });
    await waitFor(
      () => count === 0,
      (cb) => {
        const s = pending.count$.subscribe(cb);
        return () => s.unsubscribe();
      },
    );
    const ms = performance.now() - t0;
    countSub.unsubscribe();
    await engine.stop();
    engine = null;
    return {
      changes: n,
      ms,
      docsPerSecond: (n / ms) * 1000,
      editMs,
      pushCalls: counts.push,
      pushCallMs: counts.pushMs,
      trace,
    };
  },

  async rawPut(size, chunkSize) {
    const workload = buildWorkload(WORKLOAD_NOW, size);
    const figures = await rawImport(workload, chunkSize);
    return { docs: figures.docs, ms: figures.ms, docsPerSecond: figures.docsPerSecond };
  },

  editedIds: () => edited,

  async close() {
    await engine?.stop();
    engine = null;
    tracker?.close();
    await db?.close();
  },
};

(globalThis as unknown as LaptopSyncBenchGlobals).laptopSyncBench = bench;
