#!/usr/bin/env node
// Runs every benchmark in bench/ one after another (never in parallel: they measure time on a
// 2-core machine) and prints each one's figures. Individual benches: npm run bench:<name>.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const names = Object.keys(pkg.scripts).filter((s) => s.startsWith('bench:'));
const only = process.argv.slice(2);
let failed = 0;
for (const name of names) {
  if (only.length > 0 && !only.some((o) => name === `bench:${o}` || name === o)) continue;
  console.log(`\n##### npm run ${name}`);
  const r = spawnSync('npm', ['run', '--silent', name], { stdio: 'inherit' });
  if (r.status !== 0) {
    failed += 1;
    console.log(`##### ${name} failed with exit code ${r.status}`);
  }
}
process.exit(failed > 0 ? 1 : 0);
