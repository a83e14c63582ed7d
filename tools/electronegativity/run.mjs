#!/usr/bin/env node
/**
 * Electron security lint: runs electronegativity 1.10.3 (installed in this folder, apart from the
 * app's node_modules) over the main process sources and the renderer's index.html, writes SARIF and
 * JSON reports, and fails on any finding that justifications.json does not explain.
 *
 *   node tools/electronegativity/run.mjs        (npm run lint:electron)
 *
 * Scanned: src-main/**\/*.ts without tests (test fakes would be reported as app code) and
 * src-renderer/index.html (its CSP meta tag). Reports: test-results/electronegativity.sarif and
 * test-results/electronegativity.json.
 *
 * Exit codes: 0 clean or fully justified; 1 unjustified findings, stale justifications, or files
 * the scanner could not parse (an unparsed file is an unchecked file); 2 the tool is missing or
 * failed.
 *
 * A justification (justifications.json) is `{ rule, file, code, reason }`: it covers findings of
 * `rule` in `file` whose source line (or reported sample) contains `code`, so it follows the line when code moves but a
 * new finding elsewhere in the file is not silently covered.
 */
import { copyFile, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const toolDir = dirname(fileURLToPath(import.meta.url));
const root = join(toolDir, '..', '..');
const reportDir = join(root, 'test-results');
const require = createRequire(join(toolDir, 'package.json'));

/**
 * Checks left out, each for a reason that is not about our code:
 * - AvailableSecurityFixesGlobalCheck downloads Electron's release list; offline (as on this
 *   machine) it reports nothing, so its result would depend on the network. Electron updates are
 *   tracked with the other dependencies instead.
 */
const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];

function fail(code, message) {
  console.error(message);
  process.exit(code);
}

async function listSources(dir) {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.test.ts'))
    .map((e) => join(e.parentPath, e.name));
}

async function electronVersion() {
  const pkg = JSON.parse(
    await readFile(join(root, 'node_modules', 'electron', 'package.json'), 'utf8'),
  );
  return pkg.version;
}

async function loadJustifications() {
  const path = join(toolDir, 'justifications.json');
  const list = JSON.parse(await readFile(path, 'utf8'));
  if (!Array.isArray(list)) fail(2, `${path} must be a JSON array`);
  for (const [i, j] of list.entries()) {
    for (const key of ['rule', 'file', 'code', 'reason']) {
      if (typeof j[key] !== 'string' || j[key].trim() === '') {
        fail(2, `${path}[${i}] needs a non-empty "${key}"`);
      }
    }
    if (j.reason.trim().length < 40)
      fail(2, `${path}[${i}]: the reason must explain, not just name`);
  }
  return list;
}

async function main() {
  let runElectronegativity;
  try {
    runElectronegativity = require('@doyensec/electronegativity/dist/runner.js');
  } catch {
    fail(
      2,
      'electronegativity is not installed. Run:\n' +
        '  cd tools/electronegativity && flock /tmp/npm.lock npm install --no-audit --no-fund',
    );
  }
  const justifications = await loadJustifications();

  // Stage the scanned files with their repository paths, so findings name real files.
  const stage = await mkdtemp(join(tmpdir(), 'fieldbook-electronegativity-'));
  try {
    const files = [
      ...(await listSources(join(root, 'src-main'))),
      join(root, 'src-renderer', 'index.html'),
    ].filter((f) => existsSync(f));
    for (const file of files) {
      const target = join(stage, relative(root, file));
      await mkdir(dirname(target), { recursive: true });
      await copyFile(file, target);
    }

    const sarifPath = join(stage, 'report.sarif');
    const version = await electronVersion();
    const result = await runElectronegativity(
      {
        input: stage,
        output: sarifPath,
        isSarif: true,
        customScan: [],
        excludeFromScan: EXCLUDED_CHECKS,
        isRelative: true,
        isVerbose: false,
        electronVersionOverride: version,
        parserPlugins: [],
      },
      false,
    );
    if (!result || !Array.isArray(result.issues)) fail(2, 'electronegativity returned no result');

    const toPosix = (p) => p.split(sep).join('/');
    const lineOf = async (file, line) => {
      try {
        return ((await readFile(join(stage, file), 'utf8')).split('\n')[line - 1] ?? '').trim();
      } catch {
        return '';
      }
    };
    const issues = [];
    for (const issue of result.issues) {
      issues.push({
        rule: issue.id,
        file: toPosix(issue.file),
        line: issue.location?.line ?? 0,
        column: issue.location?.column ?? 0,
        severity: issue.severity?.name ?? String(issue.severity),
        confidence: issue.confidence?.name ?? String(issue.confidence),
        manualReview: Boolean(issue.manualReview),
        description: issue.description,
        sample: (issue.sample ?? '').trim(),
        // Global checks (CSP) carry the policy text, not the line: keep the line for matching too.
        sourceLine: await lineOf(issue.file, issue.location?.line ?? 0),
      });
    }
    const parseErrors = result.errors
      .filter((e) => !e.tolerable)
      .map((e) => ({ file: toPosix(relative(stage, e.file)), message: e.message }));

    const used = new Set();
    const unjustified = [];
    for (const issue of issues) {
      const index = justifications.findIndex(
        (j) =>
          j.rule === issue.rule &&
          j.file === issue.file &&
          (issue.sample.includes(j.code) || issue.sourceLine.includes(j.code)),
      );
      if (index === -1) unjustified.push(issue);
      else {
        used.add(index);
        issue.justification = justifications[index].reason;
      }
    }
    const stale = justifications.filter((_, i) => !used.has(i));

    await mkdir(reportDir, { recursive: true });
    await copyFile(sarifPath, join(reportDir, 'electronegativity.sarif'));
    await writeFile(
      join(reportDir, 'electronegativity.json'),
      `${JSON.stringify(
        {
          electronVersion: version,
          scannedFiles: files.map((f) => toPosix(relative(root, f))),
          checks: { global: result.globalChecks, atomic: result.atomicChecks },
          excludedChecks: EXCLUDED_CHECKS,
          issues,
          parseErrors,
          unjustified: unjustified.length,
          staleJustifications: stale,
        },
        null,
        2,
      )}\n`,
    );

    console.log(
      `electronegativity ${version ? `(Electron ${version})` : ''}: ${files.length} files, ` +
        `${result.globalChecks + result.atomicChecks} checks, ${issues.length} findings, ` +
        `${issues.length - unjustified.length} justified`,
    );
    for (const issue of issues.filter((i) => i.justification)) {
      console.log(`  justified  ${issue.rule}  ${issue.file}:${issue.line}`);
    }
    let failed = false;
    for (const issue of unjustified) {
      failed = true;
      console.error(
        `  FINDING    ${issue.rule}  ${issue.file}:${issue.line}:${issue.column}  ` +
          `${issue.description}\n             ${issue.sourceLine || issue.sample}`,
      );
    }
    for (const error of parseErrors) {
      failed = true;
      console.error(`  UNPARSED   ${error.file}: ${error.message}`);
    }
    for (const j of stale) {
      failed = true;
      console.error(
        `  STALE      justification ${j.rule} ${j.file} ("${j.code}") matches no finding`,
      );
    }
    if (failed) {
      console.error('Electron security lint failed: fix the code or justify the finding honestly.');
      process.exitCode = 1;
    }
  } finally {
    await rm(stage, { recursive: true, force: true });
  }
}

main().catch((error) => fail(2, `electronegativity failed: ${error?.stack ?? error}`));
