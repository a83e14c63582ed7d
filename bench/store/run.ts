/**
 * Local-store benchmark in real Chromium (fake-indexeddb is not representative, STACK-NOTES).
 *
 *   npm run bench:store            (or: npx tsx bench/store/run.ts)
 *   npm run bench:store -- --small (a 10x smaller workload, for a quick check)
 *
 * Builds bench/store/page with vite into out/bench-store, serves it on 127.0.0.1, and drives
 * a headless Chromium with a fresh profile:
 *   (a) import rate through openFieldbookDatabase (Dexie + encryption + ajv, chunks of 100),
 *       next to plain IndexedDB puts of the same records (the physical limit);
 *   (b) one visit's timeline, newest 100, p50/p95 over 200 runs;
 *   (c) open incidents by due time, limit 100, p50/p95 over 200 runs;
 *   (d) cold start: reload with the data present, navigation start → first customer-list
 *       result (open + query), goal < 1 s.
 * Prints a table and writes bench/results/store.json.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { BenchGlobals, ColdStartFigures, WorkloadSize } from './figures';

const ROOT = resolve(import.meta.dirname, '../..');
const PAGE_DIR = join(ROOT, 'bench/store/page');
const OUT_DIR = join(ROOT, 'out/bench-store');
const RESULTS = join(ROOT, 'bench/results/store.json');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const COLD_START_RUNS = 5;
const QUERY_RUNS = 200;
const COLD_START_GOAL_MS = 1000;

const SMALL: WorkloadSize = {
  customers: 40,
  sitesPerCustomer: 2,
  clustersPerCustomer: 3,
  visits: 200,
  entriesPerVisit: 25,
  incidents: 200,
};

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
};

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
      // Figures for the production build: minified, no source maps, no dev-mode.
      minify: true,
      sourcemap: false,
    },
  });
}

function serve(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    const file = join(OUT_DIR, path === '/' ? 'index.html' : path);
    if (!file.startsWith(OUT_DIR + sep) && file !== OUT_DIR) {
      res.writeHead(403).end();
      return;
    }
    readFile(file).then(
      (body) => {
        res.writeHead(200, {
          'content-type': MIME[extname(file)] ?? 'application/octet-stream',
          'cache-control': 'no-store',
        });
        res.end(body);
      },
      () => res.writeHead(404).end(),
    );
  });
  return new Promise((resolveServer) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolveServer({
        url: `http://127.0.0.1:${port}/`,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

const fmt = (n: number, digits = 1) => n.toFixed(digits);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function main(): Promise<void> {
  const small = process.argv.includes('--small');
  const t0 = Date.now();
  await buildPage();
  const server = await serve();
  const profile = await mkdtemp(join(tmpdir(), 'fieldbook-bench-store-'));
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
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const pageErrors: string[] = [];
    page.on('pageerror', (err) => pageErrors.push(err.message));
    page.on('console', (msg) => {
      if (msg.type() === 'error') pageErrors.push(msg.text());
    });

    await page.goto(`${server.url}?mode=bench`);
    await page.waitForFunction(
      () => (globalThis as unknown as BenchGlobals).fieldbookBench !== undefined,
    );
    await page.evaluate(() => (globalThis as unknown as BenchGlobals).fieldbookBench!.reset());
    process.stdout.write('importing … ');
    const imported = await page.evaluate(
      (size) =>
        (globalThis as unknown as BenchGlobals).fieldbookBench!.runImport(size ?? undefined),
      small ? SMALL : null,
    );
    process.stdout.write(`${fmt(imported.rxdb.ms / 1000)} s\nquerying … `);
    const queries = await page.evaluate(
      (runs) => (globalThis as unknown as BenchGlobals).fieldbookBench!.runQueries(runs),
      QUERY_RUNS,
    );
    await page.evaluate(() => (globalThis as unknown as BenchGlobals).fieldbookBench!.close());
    process.stdout.write('done\ncold starts … ');

    const coldStarts: ColdStartFigures[] = [];
    for (let i = 0; i < COLD_START_RUNS; i++) {
      await page.goto(`${server.url}?mode=coldstart&run=${i}`);
      coldStarts.push(
        await page.evaluate(() => (globalThis as unknown as BenchGlobals).fieldbookColdStart!),
      );
    }
    process.stdout.write('done\n\n');
    if (pageErrors.length > 0) throw new Error(`page errors:\n${pageErrors.join('\n')}`);

    const browserVersion = (await promisify(execFile)(CHROMIUM, ['--version'])).stdout.trim();
    const ratio = imported.rxdb.docsPerSecond / imported.raw.docsPerSecond;
    const firstResults = coldStarts.map((c) => c.firstResult);
    const rows: [string, string][] = [
      [
        'workload',
        `${imported.rxdb.docs} docs (${Object.entries(imported.rxdb.perCollection)
          .map(([k, v]) => `${k} ${v.docs}`)
          .join(', ')})`,
      ],
      [
        '(a) import, openFieldbookDatabase, chunks of 100',
        `${fmt(imported.rxdb.docsPerSecond, 0)} docs/s (${fmt(imported.rxdb.ms / 1000, 2)} s)`,
      ],
      [
        '(a) import, raw IndexedDB put, same chunks + indexes',
        `${fmt(imported.raw.docsPerSecond, 0)} docs/s (${fmt(imported.raw.ms / 1000, 2)} s)`,
      ],
      ['(a) ratio store / raw', `${fmt(ratio * 100, 0)} %`],
      ...Object.entries(imported.rxdb.perCollection).map(([name, v]): [string, string] => [
        `    ${name}`,
        `${fmt((v.docs / v.ms) * 1000, 0)} docs/s store, ${fmt(((imported.raw.perCollection[name]?.docs ?? 0) / (imported.raw.perCollection[name]?.ms ?? NaN)) * 1000, 0)} docs/s raw`,
      ]),
      [
        '(b) visit timeline, newest 100 (cold query)',
        `p50 ${fmt(queries.timeline.p50)} ms, p95 ${fmt(queries.timeline.p95)} ms, max ${fmt(queries.timeline.max)} ms (${queries.timeline.runs} runs, ${queries.timeline.resultSize} rows)`,
      ],
      [
        '(c) open incidents by due, limit 100 (cold query)',
        `p50 ${fmt(queries.openIncidents.p50)} ms, p95 ${fmt(queries.openIncidents.p95)} ms, max ${fmt(queries.openIncidents.max)} ms (${queries.openIncidents.runs} runs, ${queries.openIncidents.resultSize} rows of ${queries.counts.openIncidents} open)`,
      ],
      ['(c) same, cached by RxDB (mean)', `${fmt(queries.openIncidentsWarmMeanMs, 3)} ms`],
      [
        '(d) cold start → first customer list result',
        `median ${fmt(median(firstResults), 0)} ms, runs ${firstResults.map((x) => fmt(x, 0)).join(' / ')} ms (goal < ${COLD_START_GOAL_MS} ms: ${median(firstResults) < COLD_START_GOAL_MS ? 'met' : 'MISSED'})`,
      ],
      [
        '    of which: bundle loaded / DB open / query / rendered',
        `${fmt(median(coldStarts.map((c) => c.scriptStart)), 0)} / ${fmt(median(coldStarts.map((c) => c.dbOpen)), 0)} / ${fmt(median(firstResults), 0)} / ${fmt(median(coldStarts.map((c) => c.rendered)), 0)} ms after navigation start`,
      ],
      [
        'storage used (navigator.storage.estimate)',
        imported.storageUsageBytes === null
          ? 'n/a'
          : `${fmt(imported.storageUsageBytes / 1024 / 1024)} MiB`,
      ],
      ['workload generation in page', `${fmt(imported.generateMs, 0)} ms`],
      ['browser', browserVersion],
    ];
    const width = Math.max(...rows.map(([k]) => k.length));
    console.log(
      `Fieldbook store benchmark${small ? ' (--small)' : ''} — ${new Date().toISOString()}`,
    );
    for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
    console.log(`\ntotal wall time ${fmt((Date.now() - t0) / 1000)} s`);

    await mkdir(join(ROOT, 'bench/results'), { recursive: true });
    await writeFile(
      RESULTS,
      `${JSON.stringify(
        {
          at: new Date().toISOString(),
          small,
          browser: browserVersion,
          import: imported,
          importRatio: ratio,
          queries,
          coldStarts,
          coldStartMedianMs: median(firstResults),
          coldStartGoalMs: COLD_START_GOAL_MS,
        },
        null,
        2,
      )}\n`,
    );
    console.log(`results written to ${RESULTS}`);
  } finally {
    await context.close();
    await server.close();
    await rm(profile, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
