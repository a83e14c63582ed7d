/**
 * Sync server benchmark, on PGlite and on PostgreSQL.
 *
 *   npm run bench:sync                  (both stores, full workload)
 *   npm run bench:sync -- --small       (10x smaller, a quick check)
 *   npm run bench:sync -- --store pglite
 *
 * The server runs as its own process (`fieldbook server`), the load comes from this one, so the
 * two share the machine's 2 cores as a laptop fleet and a server would not — figures are for
 * comparing changes, not a capacity promise. Measured over real HTTP on 127.0.0.1:
 *   (a) initial sync: a fresh client pulls N documents (limit 1000 per pull), protocol client
 *       without a local database (RxDB/IndexedDB adds its own cost, see STACK-NOTES);
 *   (b) push of M offline changes in batches of 100 (RxDB's push batch size here);
 *   (a)+(b) again with an RxDB client (memory storage) through RxDB's replication plugin, and
 *       the same workload with PouchDB against a CouchDB-protocol server (express-pouchdb) as
 *       the reference (bench/sync/reference.ts), printed side by side with the ratio;
 *   (c) C concurrent clients, each with a live stream, pushing small batches: throughput,
 *       p50/p99 push latency, and the delay until another laptop's stream has the document.
 * Prints a table and writes bench/results/sync.json.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import type { PushRow, WireDocument } from '../../src-shared/sync';
import { routes, STREAM_EVENT_DOCUMENTS } from '../../src-shared/sync';
import { request, SyncClient } from '../../test/sync/client';
import { freshDataDir } from '../../test/sync/harness';
import { startTestPostgres, type TestPostgres } from '../../test/sync/pg';
import {
  benchPouchDb,
  rxdbInitialSync,
  rxdbOfflinePush,
  type Timed,
  type Workload,
} from './reference';

const ROOT = resolve(import.meta.dirname, '../..');
const RESULTS = join(ROOT, 'bench/results/sync.json');

const args = process.argv.slice(2);
const small = args.includes('--small');
const storeArg = args.includes('--store') ? args[args.indexOf('--store') + 1] : 'both';
const stores = (storeArg === 'both' ? ['pglite', 'postgres'] : [storeArg]) as (
  'pglite' | 'postgres'
)[];
const withReference = !args.includes('--no-reference');

const INITIAL_DOCS = small ? 5_000 : 50_000;
const OFFLINE_CHANGES = small ? 500 : 5_000;
const CLIENTS = small ? 20 : 200;
const ENGINEERS = small ? 4 : 20;
const PUSHES_PER_CLIENT = 10;
const DOCS_PER_PUSH = 5;
const PACED_PUSHES_PER_CLIENT = 5;

const AT = '2026-03-06T10:00:00.000+08:00';
let seq = 0;
function visitDoc(customerId: string): WireDocument {
  seq += 1;
  return {
    id: `B${Date.now().toString(36)}${seq.toString(36)}`.toUpperCase(),
    customerId,
    createdAt: AT,
    updatedAt: AT,
    siteId: 'SITE-BENCH',
    purpose: 'inspection',
    summary: `季度巡检 ${seq}：检查节点、存储与网络，记录发现的问题并给出建议。`,
    engineers: ['王磊', '陈静'],
    plannedDate: '2026-03-06',
    status: 'planned',
    _deleted: false,
  };
}

const PULL_BATCH = 1000;
const PUSH_BATCH = 100;
const WORKLOAD: Workload = {
  initialDocs: INITIAL_DOCS,
  offlineChanges: OFFLINE_CHANGES,
  pullBatch: PULL_BATCH,
  pushBatch: PUSH_BATCH,
  makeDoc: () => visitDoc('CUST-BENCH-0'),
};

function creates(docs: WireDocument[]): PushRow[] {
  return docs.map((d) => ({ assumedMasterState: null, newDocumentState: d }));
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)] ?? NaN;
}

async function freePort(): Promise<number> {
  return new Promise((ok) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => ok(typeof addr === 'object' && addr ? addr.port : 0));
    });
  });
}

async function startServer(
  args: string[],
): Promise<{ proc: ChildProcess; url: string; password: string }> {
  const port = await freePort();
  const proc = spawn(
    process.execPath,
    ['bin/fieldbook.mjs', 'server', '--port', String(port), ...args],
    { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  await new Promise<void>((ok, fail) => {
    proc.stderr?.on('data', (c: Buffer) => {
      stderr += c.toString();
      if (stderr.includes('listening on')) ok();
    });
    proc.once('exit', (code) => fail(new Error(`server exited ${code}: ${stderr}`)));
  });
  const password = /password: (\S+)/.exec(stderr)?.[1] ?? '';
  return { proc, url: `http://127.0.0.1:${port}`, password };
}

interface Figures {
  store: string;
  initialSync: Timed;
  offlinePush: Timed;
  /** The same two with an RxDB (memory storage) client, when the reference runs. */
  rxdb: { initialSync: Timed; offlinePush: Timed } | null;
  concurrent: {
    clients: number;
    pushes: number;
    seconds: number;
    pushesPerSecond: number;
    docsPerSecond: number;
    pushP50Ms: number;
    pushP99Ms: number;
    streamLagP50Ms: number;
    streamLagP99Ms: number;
    streamDeliveredAll: boolean;
  };
  paced: {
    clients: number;
    pushes: number;
    pushesPerSecond: number;
    pushP50Ms: number;
    pushP99Ms: number;
  };
}

async function benchStore(store: 'pglite' | 'postgres'): Promise<Figures> {
  let pg: TestPostgres | null = null;
  const dataDir = await freshDataDir('pglite');
  const storeArgs = ['--data', dataDir];
  if (store === 'postgres') {
    pg = await startTestPostgres();
    storeArgs.push('--database-url', await pg.createDatabase());
  }
  const server = await startServer(storeArgs);
  try {
    const admin = await SyncClient.login(server.url, 'admin', server.password);

    // Accounts: ENGINEERS engineers, one customer each; the clients are their laptops.
    const engineers: { token: string; customerId: string }[] = [];
    for (let e = 0; e < ENGINEERS; e++) {
      const username = `bench${e}`;
      const customerId = `CUST-BENCH-${e}`;
      await request(server.url, routes.adminUsers(), {
        method: 'POST',
        token: admin.token,
        json: { username, password: 'bench-password', role: 'engineer' },
      });
      await request(server.url, routes.adminAssignments(), {
        method: 'POST',
        token: admin.token,
        json: { username, customerId },
      });
      const c = await SyncClient.login(server.url, username, 'bench-password');
      engineers.push({ token: c.token, customerId });
    }
    const first = engineers[0];
    if (!first) throw new Error('no engineers');

    // Server content for (a): INITIAL_DOCS documents of engineer 0's customer.
    for (let i = 0; i < INITIAL_DOCS; i += 1000) {
      const n = Math.min(1000, INITIAL_DOCS - i);
      await admin.push(
        'visits',
        creates(Array.from({ length: n }, () => visitDoc(first.customerId))),
      );
    }

    // (a) initial sync of a fresh laptop.
    const laptop = new SyncClient(server.url);
    laptop.token = first.token;
    let t = performance.now();
    const pulled = await laptop.pullAll('visits', null, PULL_BATCH);
    const initialSeconds = (performance.now() - t) / 1000;
    if (pulled.documents.length !== INITIAL_DOCS) {
      throw new Error(`initial sync pulled ${pulled.documents.length} of ${INITIAL_DOCS}`);
    }
    const rxdbPull = withReference
      ? await rxdbInitialSync(server.url, first.token, INITIAL_DOCS, WORKLOAD)
      : null;

    // (b) push of offline changes.
    const offline = Array.from({ length: OFFLINE_CHANGES }, () => visitDoc(first.customerId));
    t = performance.now();
    for (let i = 0; i < offline.length; i += PUSH_BATCH) {
      const conflicts = await laptop.push('visits', creates(offline.slice(i, i + PUSH_BATCH)));
      if (conflicts.length > 0) throw new Error('unexpected conflicts');
    }
    const pushSeconds = (performance.now() - t) / 1000;
    const rxdbPushed = withReference
      ? await rxdbOfflinePush(server.url, first.token, WORKLOAD)
      : null;
    // Everything pushed since the initial sync is on the server, once: ours and RxDB's.
    const since = await laptop.pullAll('visits', pulled.checkpoint, PULL_BATCH);
    const serverIds = new Set(since.documents.map((d) => d.id));
    const pushedIds = [...offline.map((d) => d.id), ...(rxdbPushed?.ids ?? [])];
    if (since.documents.length !== pushedIds.length || pushedIds.some((id) => !serverIds.has(id))) {
      throw new Error(`the server holds ${since.documents.length} of ${pushedIds.length} pushed`);
    }
    const rxdbPush = rxdbPushed?.timed ?? null;

    // (c) concurrent clients with live streams.
    const clients = await Promise.all(
      Array.from({ length: CLIENTS }, async (_, i) => {
        const eng = engineers[i % ENGINEERS];
        if (!eng) throw new Error('engineer missing');
        const c = new SyncClient(server.url);
        c.token = eng.token;
        const stream = await c.stream('sites');
        return { c, eng, stream, received: new Map<string, number>() };
      }),
    );
    const pushedAt = new Map<string, number>();
    for (const cl of clients) {
      cl.stream.onEvent((e) => {
        if (e.event !== STREAM_EVENT_DOCUMENTS) return;
        const now = performance.now();
        for (const d of (e.data as { documents: WireDocument[] }).documents) {
          if (!cl.received.has(d.id)) cl.received.set(d.id, now);
        }
      });
    }
    /** Every client pushes `pushes` small batches, pausing `think` ms (a range) in between. */
    const load = async (phase: string, pushes: number, thinkMin: number, thinkMax: number) => {
      const latencies: number[] = [];
      const started = performance.now();
      await Promise.all(
        clients.map(async (cl, i) => {
          // Spread the first pushes like laptops coming online one after another.
          await new Promise((r) => setTimeout(r, Math.random() * thinkMin));
          for (let p = 0; p < pushes; p++) {
            const docs = Array.from({ length: DOCS_PER_PUSH }, () => ({
              id: `S${i}X${phase}${p}X${Math.random().toString(36).slice(2, 10)}`.toUpperCase(),
              customerId: cl.eng.customerId,
              createdAt: AT,
              updatedAt: AT,
              name: '数据中心',
              address: '上海市浦东新区',
              timeZone: 'Asia/Shanghai',
              holidayCalendar: 'cn',
              contacts: [],
              _deleted: false,
            }));
            const start = performance.now();
            const conflicts = await cl.c.push('sites', creates(docs));
            const end = performance.now();
            if (conflicts.length > 0) throw new Error('unexpected conflicts');
            latencies.push(end - start);
            for (const d of docs) pushedAt.set(d.id, end);
            await new Promise((r) =>
              setTimeout(r, thinkMin + Math.random() * (thinkMax - thinkMin)),
            );
          }
        }),
      );
      latencies.sort((a, b) => a - b);
      return {
        seconds: (performance.now() - started) / 1000,
        latencies,
        pushes: clients.length * pushes,
      };
    };
    // Saturation: every client pushes as fast as the server answers (throughput).
    const saturation = await load('A', PUSHES_PER_CLIENT, 20, 50);
    // Paced: each laptop pushes every 1–2 s (latency under a busy but sustainable load).
    const paced = await load('B', PACED_PUSHES_PER_CLIENT, 1000, 2000);
    const concurrentSeconds = saturation.seconds;
    const latencies = saturation.latencies;

    // Every laptop of an engineer must get every document of that engineer's customer.
    const deadline = Date.now() + 30_000;
    const expectedFor = (customerId: string) =>
      [...pushedAt.keys()].filter((id) => {
        const i = Number(/^S(\d+)X/.exec(id)?.[1]);
        return clients[i]?.eng.customerId === customerId;
      });
    const expected = new Map(engineers.map((e) => [e.customerId, expectedFor(e.customerId)]));
    let deliveredAll = false;
    while (Date.now() < deadline) {
      deliveredAll = clients.every((cl) =>
        (expected.get(cl.eng.customerId) ?? []).every((id) => cl.received.has(id)),
      );
      if (deliveredAll) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const lags: number[] = [];
    for (const cl of clients) {
      for (const [id, at] of cl.received) {
        const pushed = pushedAt.get(id);
        if (pushed !== undefined) lags.push(Math.max(0, at - pushed));
      }
    }
    for (const cl of clients) cl.stream.close();
    lags.sort((a, b) => a - b);
    const pushes = saturation.pushes;

    return {
      store,
      initialSync: {
        documents: INITIAL_DOCS,
        seconds: initialSeconds,
        docsPerSecond: INITIAL_DOCS / initialSeconds,
      },
      offlinePush: {
        documents: OFFLINE_CHANGES,
        seconds: pushSeconds,
        docsPerSecond: OFFLINE_CHANGES / pushSeconds,
      },
      rxdb: rxdbPull && rxdbPush ? { initialSync: rxdbPull, offlinePush: rxdbPush } : null,
      concurrent: {
        clients: CLIENTS,
        pushes,
        seconds: concurrentSeconds,
        pushesPerSecond: pushes / concurrentSeconds,
        docsPerSecond: (pushes * DOCS_PER_PUSH) / concurrentSeconds,
        pushP50Ms: percentile(latencies, 50),
        pushP99Ms: percentile(latencies, 99),
        streamLagP50Ms: percentile(lags, 50),
        streamLagP99Ms: percentile(lags, 99),
        streamDeliveredAll: deliveredAll,
      },
      paced: {
        clients: CLIENTS,
        pushes: paced.pushes,
        pushesPerSecond: paced.pushes / paced.seconds,
        pushP50Ms: percentile(paced.latencies, 50),
        pushP99Ms: percentile(paced.latencies, 99),
      },
    };
  } finally {
    server.proc.kill('SIGTERM');
    await new Promise((r) => server.proc.once('exit', r));
    await pg?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function printComparison(ref: { initialSync: Timed; offlinePush: Timed }): void {
  const cell = (t: Timed) => `${t.seconds.toFixed(2)} s ${Math.round(t.docsPerSecond)} docs/s`;
  const ratio = (ours: Timed, theirs: Timed) =>
    `${(ours.docsPerSecond / theirs.docsPerSecond).toFixed(1)}×`;
  const rows: string[][] = [['', 'initial sync', 'ratio', 'offline push', 'ratio']];
  for (const r of results) {
    rows.push([
      `Fieldbook ${r.store}, protocol client`,
      cell(r.initialSync),
      ratio(r.initialSync, ref.initialSync),
      cell(r.offlinePush),
      ratio(r.offlinePush, ref.offlinePush),
    ]);
    if (r.rxdb) {
      rows.push([
        `Fieldbook ${r.store}, RxDB memory client`,
        cell(r.rxdb.initialSync),
        ratio(r.rxdb.initialSync, ref.initialSync),
        cell(r.rxdb.offlinePush),
        ratio(r.rxdb.offlinePush, ref.offlinePush),
      ]);
    }
  }
  rows.push([
    'PouchDB ↔ express-pouchdb',
    cell(ref.initialSync),
    '1×',
    cell(ref.offlinePush),
    '1×',
  ]);
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  console.log(
    `\n${INITIAL_DOCS} docs initial sync (pages of ${PULL_BATCH}), ${OFFLINE_CHANGES} ` +
      `offline changes pushed (batches of ${PUSH_BATCH}); ratio = docs/s over PouchDB's`,
  );
  for (const r of rows) console.log(r.map((c, i) => c.padEnd(widths[i]!)).join('  '));
}

const loadAtStart = loadavg();
const results: Figures[] = [];
for (const store of stores) {
  console.log(`\n== ${store}`);
  const f = await benchStore(store);
  results.push(f);
  console.log(
    `initial sync   ${f.initialSync.documents} docs in ${f.initialSync.seconds.toFixed(2)} s ` +
      `(${Math.round(f.initialSync.docsPerSecond)} docs/s)`,
  );
  console.log(
    `offline push   ${f.offlinePush.documents} docs in ${f.offlinePush.seconds.toFixed(2)} s ` +
      `(${Math.round(f.offlinePush.docsPerSecond)} docs/s)`,
  );
  if (f.rxdb) {
    console.log(
      `RxDB client    initial sync ${f.rxdb.initialSync.seconds.toFixed(2)} s ` +
        `(${Math.round(f.rxdb.initialSync.docsPerSecond)} docs/s), offline push ` +
        `${f.rxdb.offlinePush.seconds.toFixed(2)} s (${Math.round(f.rxdb.offlinePush.docsPerSecond)} docs/s)`,
    );
  }
  const c = f.concurrent;
  console.log(
    `${c.clients} clients  ${c.pushes} pushes in ${c.seconds.toFixed(2)} s ` +
      `(${c.pushesPerSecond.toFixed(0)} pushes/s, ${c.docsPerSecond.toFixed(0)} docs/s); ` +
      `push p50 ${c.pushP50Ms.toFixed(1)} ms, p99 ${c.pushP99Ms.toFixed(1)} ms; ` +
      `stream lag p50 ${c.streamLagP50Ms.toFixed(1)} ms, p99 ${c.streamLagP99Ms.toFixed(1)} ms; ` +
      `all delivered: ${c.streamDeliveredAll}`,
  );
  const p = f.paced;
  console.log(
    `${p.clients} clients paced (a push every 1–2 s each): ${p.pushesPerSecond.toFixed(0)} pushes/s; ` +
      `push p50 ${p.pushP50Ms.toFixed(1)} ms, p99 ${p.pushP99Ms.toFixed(1)} ms`,
  );
}
const loadBefore = loadAtStart;
let pouchdb: { initialSync: Timed; offlinePush: Timed } | null = null;
if (withReference) {
  console.log('\n== reference: PouchDB 9 client (memory) ↔ express-pouchdb 4.2 server (memory)');
  pouchdb = await benchPouchDb(ROOT, await freePort(), WORKLOAD);
  printComparison(pouchdb);
}
const loadAfter = loadavg();
console.log(
  `\nload average (1, 5, 15 min) at start ${loadBefore.map((l) => l.toFixed(2)).join(', ')}, ` +
    `at end ${loadAfter.map((l) => l.toFixed(2)).join(', ')} on ${cpus().length} cores`,
);
mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
writeFileSync(
  RESULTS,
  `${JSON.stringify(
    {
      at: new Date().toISOString(),
      small,
      loadAverage: { start: loadBefore, end: loadAfter, cores: cpus().length },
      workload: {
        initialDocs: INITIAL_DOCS,
        offlineChanges: OFFLINE_CHANGES,
        pullBatch: PULL_BATCH,
        pushBatch: PUSH_BATCH,
        documentBytes: JSON.stringify(WORKLOAD.makeDoc()).length,
      },
      results,
      pouchdb,
    },
    null,
    2,
  )}\n`,
);
console.log(`\nwritten ${RESULTS}`);
const failed = results.some((r) => !r.concurrent.streamDeliveredAll);
process.exit(failed ? 1 : 0);
