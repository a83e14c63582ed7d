/**
 * PDF rendering in the app's Web Worker, in real Chromium:
 *   npm run bench:pdf-worker     (or: npx tsx bench/pdf/worker.ts)
 *
 * Builds bench/pdf/worker-page with vite into out/bench-pdf, serves it on 127.0.0.1 with the
 * app's Content Security Policy, and in headless Chromium renders the 600-row inspection report
 * (zh and en) in the worker and, for comparison, on the main thread. A timer loop on the main
 * thread records the longest gap between ticks (the UI stall; goal under 50 ms with the worker)
 * and a PerformanceObserver the longest task. Prints a table, writes bench/results/pdf-worker.json.
 */
import { mkdtemp, readFile, writeFile, mkdir } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { CONTENT_SECURITY_POLICY } from '../../src-main/app/security';
import type { PdfBenchGlobals, StallFigures } from './worker-page/main';

const ROOT = resolve(import.meta.dirname, '../..');
const PAGE_DIR = join(ROOT, 'bench/pdf/worker-page');
const OUT_DIR = join(ROOT, 'out/bench-pdf');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const NODES = 64;
const STALL_GOAL_MS = 50;

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.ttf': 'font/ttf',
  '.map': 'application/json',
};

function serve(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    const file = join(OUT_DIR, path === '/' ? 'index.html' : path);
    if (!file.startsWith(OUT_DIR + sep)) {
      res.writeHead(403).end();
      return;
    }
    readFile(file).then(
      (body) => {
        res.writeHead(200, {
          'content-type': MIME[extname(file)] ?? 'application/octet-stream',
          'content-security-policy': CONTENT_SECURITY_POLICY,
          'cache-control': 'no-store',
        });
        res.end(body);
      },
      () => res.writeHead(404).end(),
    );
  });
  return new Promise((done) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      done({
        url: `http://127.0.0.1:${port}/`,
        close: () => new Promise((c) => server.close(() => c())),
      });
    });
  });
}

async function main(): Promise<void> {
  await build({
    root: PAGE_DIR,
    base: './',
    logLevel: 'warn',
    configFile: false,
    worker: { format: 'es' },
    build: {
      outDir: OUT_DIR,
      emptyOutDir: true,
      chunkSizeWarningLimit: 8000,
      minify: true,
      sourcemap: false,
    },
  });
  const server = await serve();
  const profile = await mkdtemp(join(tmpdir(), 'fieldbook-bench-pdf-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
    ],
  });
  const results: Record<string, { worker: StallFigures[]; mainThread: StallFigures }> = {};
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(server.url);
    await page.waitForFunction(
      () => (globalThis as unknown as PdfBenchGlobals).fieldbookPdfBench !== undefined,
    );
    for (const lang of ['zh', 'en'] as const) {
      const worker: StallFigures[] = [];
      // First call loads the fonts into the worker (cold); then two warm renders.
      for (let i = 0; i < 3; i++) {
        worker.push(
          await page.evaluate(
            ([n, l]) => (globalThis as unknown as PdfBenchGlobals).fieldbookPdfBench!.worker(n, l),
            [NODES, lang] as const,
          ),
        );
      }
      const mainThread = await page.evaluate(
        ([n, l]) => (globalThis as unknown as PdfBenchGlobals).fieldbookPdfBench!.mainThread(n, l),
        [NODES, lang] as const,
      );
      results[lang] = { worker, mainThread };
    }
    if (errors.length > 0) throw new Error(`page errors:\n${errors.join('\n')}`);
  } finally {
    await context.close();
    await server.close();
  }
  const f = (n: number) => `${Math.round(n)} ms`;
  console.log(`PDF in a Web Worker, Chromium, ${NODES} nodes (≈600 check rows), 8 photos`);
  console.log(
    'lang | worker cold / warm | UI longest gap with the worker, cold / warm | main thread render | UI longest gap (main thread)',
  );
  for (const [lang, r] of Object.entries(results)) {
    const warm = r.worker.slice(1);
    const gap = Math.max(...warm.map((w) => w.longestGapMs));
    console.log(
      `${lang}   | ${f(r.worker[0]!.ms)} / ${f(Math.min(...warm.map((w) => w.ms)))} | ${f(r.worker[0]!.longestGapMs)} / ${f(gap)} (goal < ${STALL_GOAL_MS} ms: ${gap < STALL_GOAL_MS ? 'met' : 'MISSED'}) | ${f(r.mainThread.ms)} | ${f(r.mainThread.longestGapMs)}`,
    );
  }
  await mkdir(join(ROOT, 'bench/results'), { recursive: true });
  await writeFile(
    join(ROOT, 'bench/results/pdf-worker.json'),
    `${JSON.stringify(results, null, 2)}\n`,
  );
}

await main();
