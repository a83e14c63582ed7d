/**
 * The first sync of a fresh laptop, measured on the real path (issue 8).
 *
 *   npm run bench:laptop-sync                      (10k and 50k documents, PGlite, and
 *                                                   PostgreSQL when its binaries are present)
 *   npm run bench:laptop-sync -- --docs 10k        (one size)
 *   npm run bench:laptop-sync -- --store pglite    (one store)
 *   npm run bench:laptop-sync -- --trace           (also every pull and push call's timing)
 *   npm run bench:laptop-sync -- --compare         (also a first sync without the engine's
 *                                                   fast path, before the one with it)
 *
 * Per store and size, in one run:
 *   - a sync server process (`fieldbook server`) on a fresh PGlite data folder (or a throwaway
 *     PostgreSQL cluster), seeded as admin with bench/store's workload mix (visit-log entries,
 *     incidents, visits, clusters, sites, contracts, 40 customers), one engineer assigned all 40;
 *   - the protocol client (test/sync/client, no local database) pulls everything as that engineer;
 *   - headless Chromium with a fresh on-disk profile opens the laptop-sync page, served by the e2e
 *     harness whose desktop API runs the REAL main services (sync session, relay): the app's own
 *     database, pending tracker and replication engine sign in and sync; wall time from the
 *     sign-in call to the engine's "initial sync done" signal, the longest main-thread task, the
 *     status updates emitted;
 *   - a raw IndexedDB put of the same records in the same browser (the physical limit);
 *   - 5,000 visit-log entries edited offline, then the app starts and pushes them (until nothing
 *     is pending), next to the protocol client pushing 5,000 other edits;
 *   - ratios real/raw-IndexedDB and real/protocol, and `cat /proc/loadavg` at the start and end.
 * Prints a table and writes bench/results/laptop-sync.json.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import type { CollectionName } from '../../src-shared/db/types';
import type { PushRow, WireDocument } from '../../src-shared/sync';
import { PULL_LIMIT_MAX, REPLICATED_COLLECTIONS, routes } from '../../src-shared/sync';
import { authorizeContext } from '../../test/e2e/harness/authorize';
import { desktopShim } from '../../test/e2e/harness/desktop-shim';
import { startHarness } from '../../test/e2e/harness/server';
import { summariseProfiles } from '../cpu-profile';
import { request, SyncClient } from '../../test/sync/client';
import { freshDataDir } from '../../test/sync/harness';
import { startTestPostgres, type TestPostgres } from '../../test/sync/pg';
import { buildWorkload } from '../store/page/workload';
import type { Workload } from '../store/page/workload';
import type {
  InitialSyncFigures,
  LaptopSyncBenchGlobals,
  PushFigures,
  RawPutFigures,
  WorkloadSize,
} from './figures';

const ROOT = resolve(import.meta.dirname, '../..');
const PAGE_DIR = join(ROOT, 'bench/laptop-sync/page');
const OUT_DIR = join(ROOT, 'out/bench-laptop-sync');
const RESULTS = join(ROOT, 'bench/results/laptop-sync.json');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PG_BIN = '/usr/lib/postgresql/15/bin';
/** Must equal WORKLOAD_NOW in page/main.ts: both sides generate the same records. */
const WORKLOAD_NOW = Date.UTC(2026, 10, 23, 6, 30);
const OFFLINE_CHANGES = 5_000;
const ENGINEER = { username: 'bench-engineer', password: 'bench-engineer-password' };
/** Protocol client push batch: the app's push batch for visit-log entries. */
const PROTOCOL_PUSH_BATCH = 100;

/** bench/store's mix, scaled to exactly 10,000 and 50,000 documents. */
const SIZES: Record<string, WorkloadSize> = {
  // 40 + 80 + 120 + 60 + 100 + 9,100 + 500 = 10,000
  '10k': {
    customers: 40,
    sitesPerCustomer: 2,
    clustersPerCustomer: 3,
    visits: 100,
    entriesPerVisit: 91,
    incidents: 500,
  },
  // 40 + 80 + 120 + 60 + 200 + 47,400 + 2,100 = 50,000
  '50k': {
    customers: 40,
    sitesPerCustomer: 2,
    clustersPerCustomer: 3,
    visits: 200,
    entriesPerVisit: 237,
    incidents: 2_100,
  },
};

const args = process.argv.slice(2);
const argValue = (name: string): string | undefined =>
  args.includes(name) ? args[args.indexOf(name) + 1] : undefined;
const sizeNames = (argValue('--docs') ?? '10k,50k').split(',');
/** `--profile <file>`: a CPU profile of the page during the initial sync (unminified build). */
const profileOut = argValue('--profile');
const storeNames = (
  argValue('--store') ?? (existsSync(join(PG_BIN, 'postgres')) ? 'pglite,postgres' : 'pglite')
).split(',') as ('pglite' | 'postgres')[];

const loadavg = async (): Promise<string> =>
  (await readFile('/proc/loadavg', 'utf8').catch(() => 'n/a')).trim();

async function buildPage(): Promise<void> {
  await build({
    root: PAGE_DIR,
    base: './',
    logLevel: 'warn',
    configFile: false,
    build: {
      outDir: OUT_DIR,
      emptyOutDir: true,
      chunkSizeWarningLimit: 4000,
      minify: profileOut === undefined,
      sourcemap: false,
    },
  });
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
  storeArgs: string[],
): Promise<{ proc: ChildProcess; url: string; password: string }> {
  const port = await freePort();
  const proc = spawn(
    process.execPath,
    ['bin/fieldbook.mjs', 'server', '--port', String(port), ...storeArgs],
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

function creates(docs: WireDocument[]): PushRow[] {
  return docs.map((d) => ({ assumedMasterState: null, newDocumentState: d }));
}

/** Seeds the server as admin and creates the engineer with all customers assigned. */
async function seed(url: string, adminPassword: string, workload: Workload): Promise<number> {
  const admin = await SyncClient.login(url, 'admin', adminPassword);
  let total = 0;
  for (const name of REPLICATED_COLLECTIONS) {
    const docs = (workload[name] as unknown as Omit<WireDocument, '_deleted'>[]).map(
      (d) => ({ ...d, _deleted: false }) as WireDocument,
    );
    for (let i = 0; i < docs.length; i += 500) {
      const conflicts = await admin.push(name, creates(docs.slice(i, i + 500)));
      if (conflicts.length > 0) throw new Error(`seeding ${name}: ${conflicts.length} conflicts`);
    }
    total += docs.length;
  }
  const created = await request(url, routes.adminUsers(), {
    method: 'POST',
    token: admin.token,
    json: { ...ENGINEER, role: 'engineer' },
  });
  if (created.status !== 201 && created.status !== 200) {
    throw new Error(`creating the engineer: ${created.status}`);
  }
  for (const c of workload.customers) {
    const res = await request(url, routes.adminAssignments(), {
      method: 'POST',
      token: admin.token,
      json: { username: ENGINEER.username, customerId: c.id },
    });
    if (res.status >= 300) throw new Error(`assigning ${c.id}: ${res.status}`);
  }
  return total;
}

/** Pulls every collection to the end, honouring `more` when the server sends it. */
async function pullEverything(
  client: SyncClient,
): Promise<{ ms: number; docs: number; byCollection: Map<CollectionName, WireDocument[]> }> {
  const byCollection = new Map<CollectionName, WireDocument[]>();
  const t0 = performance.now();
  let docs = 0;
  for (const name of REPLICATED_COLLECTIONS) {
    const { documents } = await client.pullAll(name, null, PULL_LIMIT_MAX);
    byCollection.set(name, documents);
    docs += documents.length;
  }
  return { ms: performance.now() - t0, docs, byCollection };
}

interface RunFigures {
  store: string;
  size: string;
  docs: number;
  loadavgStart: string;
  loadavgEnd: string;
  seedSeconds: number;
  protocolPull: { ms: number; docsPerSecond: number };
  initialSync: InitialSyncFigures;
  /** `--compare`: the same sync without the engine's first-sync fast path, in this run. */
  withoutFastPath: InitialSyncFigures | null;
  rawPut100: RawPutFigures;
  rawPut1000: RawPutFigures;
  offlinePush: PushFigures;
  protocolPush: { changes: number; ms: number; docsPerSecond: number; batch: number };
  ratios: {
    initialVsRawPut100: number;
    initialVsRawPut1000: number;
    initialVsProtocol: number;
    pushVsProtocol: number;
  };
}

async function runOne(store: 'pglite' | 'postgres', sizeName: string): Promise<RunFigures> {
  const size = SIZES[sizeName];
  if (!size) throw new Error(`unknown size ${sizeName} (10k or 50k)`);
  const loadavgStart = await loadavg();
  let pg: TestPostgres | null = null;
  const dataDir = await freshDataDir('pglite');
  const storeArgs = ['--data', dataDir];
  if (store === 'postgres') {
    pg = await startTestPostgres();
    storeArgs.push('--database-url', await pg.createDatabase());
  }
  const server = await startServer(storeArgs);
  const userDataDir = await mkdtemp(join(tmpdir(), 'fieldbook-laptop-bench-data-'));
  const profile = await mkdtemp(join(tmpdir(), 'fieldbook-laptop-bench-profile-'));
  const cleanups: (() => Promise<unknown>)[] = [];
  try {
    const workload = buildWorkload(WORKLOAD_NOW, size);
    const s0 = performance.now();
    const docs = await seed(server.url, server.password, workload);
    const seedSeconds = (performance.now() - s0) / 1000;
    process.stdout.write(`[${store} ${sizeName}] seeded ${docs} in ${seedSeconds.toFixed(1)} s; `);

    const engineer = await SyncClient.login(server.url, ENGINEER.username, ENGINEER.password);
    const pulled = await pullEverything(engineer);
    if (pulled.docs !== docs) throw new Error(`protocol pull got ${pulled.docs} of ${docs}`);
    process.stdout.write(`protocol pull ${(pulled.ms / 1000).toFixed(1)} s; `);

    const harness = await startHarness({ userDataDir, rendererDir: OUT_DIR });
    cleanups.push(() => harness.close());
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    cleanups.unshift(() => context.close());
    // tsx (esbuild keepNames) wraps named functions in `__name(...)`, which the page lacks.
    await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
    await context.addInitScript(desktopShim);
    // The harness refuses desktop calls without the session browser mode's launch page gives.
    await authorizeContext(context, harness);
    const page = context.pages()[0] ?? (await context.newPage());
    const pageErrors: string[] = [];
    page.on('pageerror', (err) => pageErrors.push(err.message));
    page.setDefaultTimeout(0);
    await page.goto(harness.url);
    await page.waitForFunction(
      () => (globalThis as unknown as LaptopSyncBenchGlobals).laptopSyncBench !== undefined,
    );
    const bench = <T>(fn: string, ...params: unknown[]): Promise<T> =>
      page.evaluate<T, readonly [string, unknown[]]>(
        ([name, p]) => {
          const api = (globalThis as unknown as LaptopSyncBenchGlobals).laptopSyncBench as
            Record<string, (...a: unknown[]) => T> | undefined;
          if (!api) throw new Error('bench page not loaded');
          return api[name]!(...p);
        },
        [fn, params] as const,
      );

    await bench('reset');
    // `--compare`: first a fresh laptop's sync through RxDB's own downstream only, same run.
    let withoutFastPath: InitialSyncFigures | null = null;
    if (args.includes('--compare')) {
      withoutFastPath = await bench<InitialSyncFigures>(
        'initialSync',
        { serverUrl: server.url, ...ENGINEER },
        docs,
        false,
      );
      process.stdout.write(
        `without the fast path ${(withoutFastPath.ms / 1000).toFixed(1)} s ` +
          `(longest task ${withoutFastPath.longestTaskMs.toFixed(0)} ms); `,
      );
      await bench('reset');
    }
    const cdp = profileOut ? await context.newCDPSession(page) : null;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
      await cdp.send('Profiler.start');
    }
    const initialSync = await bench<InitialSyncFigures>(
      'initialSync',
      { serverUrl: server.url, ...ENGINEER },
      docs,
    );
    process.stdout.write(`app initial sync ${(initialSync.ms / 1000).toFixed(1)} s; `);
    if (cdp && profileOut) {
      const { profile } = await cdp.send('Profiler.stop');
      await writeFile(profileOut, JSON.stringify(profile));
      summariseProfiles([profile], 25, 'self time');
    }
    const rawPut100 = await bench<RawPutFigures>('rawPut', size, 100);
    const rawPut1000 = await bench<RawPutFigures>('rawPut', size, 1000);
    process.stdout.write(`raw put ${(rawPut100.ms / 1000).toFixed(1)} s; `);
    if (cdp && profileOut) {
      await cdp.send('Profiler.start');
    }
    const offlinePush = await bench<PushFigures>('offlinePush', OFFLINE_CHANGES);
    if (cdp && profileOut) {
      const { profile } = await cdp.send('Profiler.stop');
      await writeFile(
        profileOut.replace(/(\.cpuprofile)?$/, '-push.cpuprofile'),
        JSON.stringify(profile),
      );
      summariseProfiles([profile], 25, 'self time');
    }
    process.stdout.write(`app push ${(offlinePush.ms / 1000).toFixed(1)} s; `);
    const edited = new Set(await bench<string[]>('editedIds'));
    await bench('close');

    // The protocol client pushes 5,000 other entries' edits, as a laptop that saw them.
    const entries = (pulled.byCollection.get('visitLogEntries') ?? [])
      .filter((d) => !edited.has(d.id))
      .slice(0, OFFLINE_CHANGES);
    const at = new Date().toISOString();
    const rows: PushRow[] = entries.map((d) => ({
      assumedMasterState: d,
      newDocumentState: { ...d, text: `${String(d['text'])}（协议客户端）`, updatedAt: at },
    }));
    const p0 = performance.now();
    for (let i = 0; i < rows.length; i += PROTOCOL_PUSH_BATCH) {
      const conflicts = await engineer.push(
        'visitLogEntries',
        rows.slice(i, i + PROTOCOL_PUSH_BATCH),
      );
      if (conflicts.length > 0) throw new Error(`protocol push: ${conflicts.length} conflicts`);
    }
    const protocolPushMs = performance.now() - p0;
    process.stdout.write(`protocol push ${(protocolPushMs / 1000).toFixed(1)} s\n`);
    if (pageErrors.length > 0) throw new Error(`page errors: ${pageErrors.join('; ')}`);

    const protocolPull = { ms: pulled.ms, docsPerSecond: (docs / pulled.ms) * 1000 };
    const protocolPush = {
      changes: rows.length,
      ms: protocolPushMs,
      docsPerSecond: (rows.length / protocolPushMs) * 1000,
      batch: PROTOCOL_PUSH_BATCH,
    };
    return {
      store,
      size: sizeName,
      docs,
      loadavgStart,
      loadavgEnd: await loadavg(),
      seedSeconds,
      protocolPull,
      initialSync,
      withoutFastPath,
      rawPut100,
      rawPut1000,
      offlinePush,
      protocolPush,
      ratios: {
        initialVsRawPut100: initialSync.docsPerSecond / rawPut100.docsPerSecond,
        initialVsRawPut1000: initialSync.docsPerSecond / rawPut1000.docsPerSecond,
        initialVsProtocol: initialSync.docsPerSecond / protocolPull.docsPerSecond,
        pushVsProtocol: offlinePush.docsPerSecond / protocolPush.docsPerSecond,
      },
    };
  } finally {
    for (const c of cleanups) await c().catch(() => undefined);
    server.proc.kill('SIGTERM');
    await new Promise((ok) => server.proc.once('exit', ok));
    await pg?.stop();
    await rm(userDataDir, { recursive: true, force: true });
    await rm(profile, { recursive: true, force: true });
    await rm(dataDir, { recursive: true, force: true });
  }
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function print(runs: RunFigures[]): void {
  const lines = [
    '| store | docs | app initial sync | raw IndexedDB put (100 / 1000 per tx) | protocol pull | real/raw (100 / 1000) | real/protocol | longest task | app push 5,000 | protocol push 5,000 | push real/protocol | load avg |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of runs) {
    lines.push(
      `| ${r.store} | ${fmt(r.docs)} | ${fmt(r.initialSync.ms / 1000, 1)} s (${fmt(r.initialSync.docsPerSecond)} docs/s, ${r.initialSync.pulls} pulls) | ` +
        `${fmt(r.rawPut100.docsPerSecond)} / ${fmt(r.rawPut1000.docsPerSecond)} docs/s | ` +
        `${fmt(r.protocolPull.docsPerSecond)} docs/s | ${fmt(r.ratios.initialVsRawPut100, 2)}× / ${fmt(r.ratios.initialVsRawPut1000, 2)}× | ` +
        `${fmt(r.ratios.initialVsProtocol, 2)}× | ${fmt(r.initialSync.longestTaskMs)} ms (${r.initialSync.tasksOver50ms} > 50 ms) | ` +
        `${fmt(r.offlinePush.ms / 1000, 1)} s (${fmt(r.offlinePush.docsPerSecond)} docs/s) | ` +
        `${fmt(r.protocolPush.ms / 1000, 1)} s (${fmt(r.protocolPush.docsPerSecond)} docs/s) | ` +
        `${fmt(r.ratios.pushVsProtocol, 2)}× | ${r.loadavgStart.split(' ').slice(0, 3).join(' ')} → ${r.loadavgEnd.split(' ').slice(0, 3).join(' ')} |`,
    );
  }
  console.log(`\n${lines.join('\n')}\n`);
  for (const r of runs) {
    const w = r.withoutFastPath;
    if (w) {
      console.log(
        `${r.store} ${r.size}: without the fast path ${fmt(w.ms / 1000, 1)} s ` +
          `(${fmt(w.docsPerSecond)} docs/s, ${fmt(w.docsPerSecond / r.rawPut100.docsPerSecond, 2)}× raw, ` +
          `sign-in ${fmt(w.signInMs / 1000, 1)} s, longest task ${fmt(w.longestTaskMs)} ms, ` +
          `${w.tasksOver50ms} > 50 ms); with it ${fmt(r.initialSync.ms / 1000, 1)} s`,
      );
    }
    console.log(
      `${r.store} ${r.size}: status updates during the initial sync: ${r.initialSync.statusEmissions} ` +
        `(${fmt(r.initialSync.statusEmissions / (r.initialSync.ms / 1000), 1)}/s); ` +
        `sign-in ${fmt(r.initialSync.signInMs / 1000, 1)} s of the initial sync; ` +
        `pull calls ${r.initialSync.pulls} taking ${fmt(r.initialSync.pullCallMs / 1000, 1)} s in all; ` +
        `push calls ${r.offlinePush.pushCalls} taking ${fmt(r.offlinePush.pushCallMs / 1000, 1)} s in all`,
    );
  }
}

async function main(): Promise<void> {
  await buildPage();
  const runs: RunFigures[] = [];
  for (const store of storeNames) {
    for (const size of sizeNames) runs.push(await runOne(store, size));
  }
  print(runs);
  if (args.includes('--trace')) {
    for (const r of runs) {
      console.log(`${r.store} ${r.size} initial sync:\n  ${r.initialSync.trace.join('\n  ')}`);
      console.log(`${r.store} ${r.size} push:\n  ${r.offlinePush.trace.join('\n  ')}`);
    }
  }
  await mkdir(join(ROOT, 'bench/results'), { recursive: true });
  await writeFile(RESULTS, JSON.stringify({ at: new Date().toISOString(), runs }, null, 2));
  console.log(`written to ${RESULTS}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
