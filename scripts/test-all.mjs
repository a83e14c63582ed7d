#!/usr/bin/env node
// Runs every test runner of the project and prints one plain summary line that sums them,
// because CI reads only `N passed, N failed` (it does not understand vitest's or Playwright's
// own summaries). Exit code is non-zero when any runner failed or reported a failure.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const resultsDir = join(root, 'test-reports');
mkdirSync(resultsDir, { recursive: true });

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

/** @param {string} title @param {string[]} args @param {Record<string,string>} [env] */
function run(title, args, env = {}) {
  console.log(`\n=== ${title}: ${args.join(' ')}`);
  const started = Date.now();
  const result = spawnSync(npx, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  console.log(`=== ${title} finished in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result.status ?? 1;
}

/** Counts from vitest's JSON reporter output. */
function vitestCounts(file) {
  if (!existsSync(file)) return null;
  const json = JSON.parse(readFileSync(file, 'utf8'));
  return {
    passed: json.numPassedTests ?? 0,
    failed: (json.numFailedTests ?? 0) + (json.numTodoTests ? 0 : 0),
    skipped: (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0),
  };
}

/** Counts from Playwright's JSON reporter output. */
function playwrightCounts(file) {
  if (!existsSync(file)) return null;
  const json = JSON.parse(readFileSync(file, 'utf8'));
  const s = json.stats ?? {};
  return {
    passed: (s.expected ?? 0) + (s.flaky ?? 0),
    failed: s.unexpected ?? 0,
    skipped: s.skipped ?? 0,
  };
}

// The end-to-end tests run the built renderer (out/renderer): build first, so `npm test` on a
// fresh clone tests the current sources, never a stale or missing build.
if (run('build (electron-vite) for the end-to-end tests', ['electron-vite', 'build']) !== 0) {
  console.log('\n0 passed, 1 failed (the build failed, no test ran)');
  process.exit(1);
}

const totals = { passed: 0, failed: 0, skipped: 0 };
let anyRunnerFailed = false;

const runners = [
  {
    title: 'vitest (unit + integration)',
    file: join(resultsDir, 'vitest.json'),
    args: (file) => [
      'vitest',
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${file}`,
    ],
    counts: vitestCounts,
  },
  {
    title: 'playwright (end-to-end in Chromium)',
    // playwright.config.ts writes its JSON report here (outside its emptied outputDir).
    file: join(root, 'test-results', 'e2e.json'),
    args: () => ['playwright', 'test'],
    counts: playwrightCounts,
  },
];

for (const runner of runners) {
  rmSync(runner.file, { force: true });
  const status = run(runner.title, runner.args(runner.file), runner.env?.(runner.file));
  const counts = runner.counts(runner.file);
  if (!counts) {
    console.log(`=== ${runner.title}: no result file, counting the runner as one failure`);
    totals.failed += 1;
    anyRunnerFailed = true;
    continue;
  }
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  totals.skipped += counts.skipped;
  if (status !== 0 || counts.failed > 0) anyRunnerFailed = true;
  console.log(
    `=== ${runner.title}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`,
  );
}

console.log('');
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(anyRunnerFailed ? 1 : 0);
