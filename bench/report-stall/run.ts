/**
 * The UI-thread stall while the app generates a large report (issues 9 and 11 benchmarks):
 *   npm run bench:report-stall   [-- --profile out.cpuprofile] [-- --runs 3]
 *
 * Builds bench/report-stall/page with vite, serves it with the e2e harness (the real main
 * services behind `window.fieldbook`), and in headless Chromium (/usr/bin/chromium) runs the
 * generate dialog's own path (report-pipeline's generateDraft: worker render with the preview
 * pages, PDF into the blob store, draft recorded in the app's encrypted, validated RxDB) for
 *   (a) the monthly ops service report with 2,000 generated incidents and 5,000 ops records,
 *   (b) the upgrade record of a 300-step run with 300 evidence items (bench/procedures' run),
 * zh and en; the first generation of all loads the worker's fonts. Prints the time, the longest
 * main-thread task and the longest timer-tick gap (goal: both under 50 ms), and writes
 * bench/results/report-stall.json. `--profile <file>`: a CPU profile of the main thread during
 * the warm ops generations (unminified build), with its top self times printed.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { authorizeContext } from '../../test/e2e/harness/authorize';
import { desktopShim } from '../../test/e2e/harness/desktop-shim';
import { startHarness } from '../../test/e2e/harness/server';
import { summariseProfiles } from '../cpu-profile';
import type { ReportStallFigures, ReportStallGlobals, StallReport } from './figures';

const ROOT = resolve(import.meta.dirname, '../..');
const PAGE_DIR = join(ROOT, 'bench/report-stall/page');
const OUT_DIR = join(ROOT, 'out/bench-report-stall');
const RESULTS = join(ROOT, 'bench/results/report-stall.json');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const STALL_GOAL_MS = 50;

const args = process.argv.slice(2);
const argValue = (name: string): string | undefined =>
  args.includes(name) ? args[args.indexOf(name) + 1] : undefined;
const profileOut = argValue('--profile');
const RUNS = Number(argValue('--runs') ?? 2);

const loadavg = async (): Promise<string> =>
  (await readFile('/proc/loadavg', 'utf8').catch(() => 'n/a'))
    .trim()
    .split(' ')
    .slice(0, 3)
    .join(' ');

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
      minify: profileOut === undefined,
      sourcemap: false,
    },
  });
  const userDataDir = await mkdtemp(join(tmpdir(), 'fieldbook-report-stall-data-'));
  const profileDir = await mkdtemp(join(tmpdir(), 'fieldbook-report-stall-profile-'));
  const harness = await startHarness({ userDataDir, rendererDir: OUT_DIR });
  const context = await chromium.launchPersistentContext(profileDir, {
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
  const runs: (ReportStallFigures & { warm: boolean })[] = [];
  const loadStart = await loadavg();
  try {
    // tsx (esbuild keepNames) wraps named functions in `__name(...)`, which the page lacks.
    await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
    await context.addInitScript(desktopShim);
    await authorizeContext(context, harness);
    const page = context.pages()[0] ?? (await context.newPage());
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.setDefaultTimeout(0);
    await page.goto(harness.url);
    await page.waitForFunction(
      () => (globalThis as unknown as ReportStallGlobals).reportStallBench !== undefined,
    );
    const generate = (report: StallReport, lang: 'zh' | 'en') =>
      page.evaluate(
        ([r, l]) => (globalThis as unknown as ReportStallGlobals).reportStallBench!.generate(r, l),
        [report, lang] as const,
      );
    let first = true;
    for (const report of ['ops', 'upgrade'] as const) {
      for (const lang of ['zh', 'en'] as const) {
        for (let i = 0; i < RUNS; i++) {
          const cdp =
            profileOut !== undefined && report === 'ops' && !first
              ? await context.newCDPSession(page)
              : null;
          if (cdp) {
            await cdp.send('Profiler.enable');
            await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
            await cdp.send('Profiler.start');
          }
          const figures = await generate(report, lang);
          if (cdp && profileOut !== undefined) {
            const { profile } = await cdp.send('Profiler.stop');
            const file = profileOut.replace(/(\.cpuprofile)?$/, `-${lang}-${i}.cpuprofile`);
            await writeFile(file, JSON.stringify(profile));
            summariseProfiles([profile], 20, 'main-thread self time');
            await cdp.detach();
          }
          runs.push({ ...figures, warm: !first });
          first = false;
          const f = (n: number) => `${Math.round(n)} ms`;
          console.log(
            `${report} ${lang} #${i + 1}${runs.length === 1 ? ' (fonts loading)' : ''}: ${f(figures.ms)} ` +
              `(render ${f(figures.renderMs)}, worker ${f(figures.workerMs)}, store ${f(figures.recordMs)}), ` +
              `${figures.pages} pages, ${Math.round(figures.bytes / 1024)} KB; longest task ${f(figures.longestTaskMs)} ` +
              `(${figures.tasksOver50ms} > 50 ms), longest tick gap ${f(figures.longestGapMs)}`,
          );
        }
      }
    }
    if (errors.length > 0) throw new Error(`page errors:\n${errors.join('\n')}`);
  } finally {
    await context.close();
    await harness.close();
    await rm(userDataDir, { recursive: true, force: true });
    await rm(profileDir, { recursive: true, force: true });
  }
  const loadEnd = await loadavg();
  const warm = runs.filter((r) => r.warm);
  const worst = (key: 'longestTaskMs' | 'longestGapMs') => Math.max(...warm.map((r) => r[key]));
  const met = worst('longestTaskMs') < STALL_GOAL_MS && worst('longestGapMs') < STALL_GOAL_MS;
  console.log(
    `\nwarm generations: longest main-thread task ${Math.round(worst('longestTaskMs'))} ms, ` +
      `longest tick gap ${Math.round(worst('longestGapMs'))} ms ` +
      `(goal < ${STALL_GOAL_MS} ms: ${met ? 'met' : 'MISSED'}); load average ${loadStart} → ${loadEnd}`,
  );
  await mkdir(join(ROOT, 'bench/results'), { recursive: true });
  await writeFile(
    RESULTS,
    `${JSON.stringify({ at: new Date().toISOString(), loadavg: [loadStart, loadEnd], goalMs: STALL_GOAL_MS, runs }, null, 2)}\n`,
  );
  console.log(`written to ${RESULTS}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
