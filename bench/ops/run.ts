/**
 * Monthly ops service report figures for a large customer (issue 11 benchmark): 2,000 incidents
 * in the month and 5,000 ops records, on the 5x8 package with the cn holiday calendar. Goal: the
 * figures (SLA per level, breaches, inspection days) in under 200 ms; also times the snapshot
 * validation (schema + figures recomputed from the records), which the CLI and the store run.
 * Run with `npm run bench:ops`. Prints p50 / max of 7 runs after three warm-ups.
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { sampleOpsSnapshot } from '../../src-shared/reports/kinds/ops-service-report/sample';
import {
  figuresOf,
  validateOpsReportSnapshot,
} from '../../src-shared/reports/kinds/ops-service-report/snapshot';

const snapshot = sampleOpsSnapshot({ incidents: 2_000 - 9, records: 5_000 - 15 });
const RUNS = 7;

function time(label: string, fn: () => unknown): number {
  for (let i = 0; i < 3; i++) fn();
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    fn();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  const p50 = ms[Math.floor(RUNS / 2)]!;
  console.log(`${label.padEnd(44)} p50 ${p50.toFixed(1)} ms  max ${ms[RUNS - 1]!.toFixed(1)} ms`);
  return p50;
}

console.log(
  `incidents ${snapshot.sources.incidents.length}, ops records ${snapshot.records.length}, inspections ${snapshot.sources.inspections.length}; load ${loadavg()[0]!.toFixed(2)}`,
);
const figures = time('figures (computeServiceFigures)', () => figuresOf(snapshot));
time('validation (schema + figures recomputed)', () => {
  const v = validateOpsReportSnapshot(snapshot);
  if (!v.ok) throw new Error(v.errors.join('; '));
});
const f = figuresOf(snapshot);
console.log(
  `in period ${f.totals.count}: met ${f.totals.met}, breached ${f.totals.breached}, pending ${f.totals.pending}; attainment ${f.totals.attainmentPct?.toFixed(1)} %`,
);
console.log(
  figures < 200
    ? 'goal met: figures < 200 ms'
    : `GOAL MISSED: figures ${figures.toFixed(1)} ms ≥ 200 ms`,
);
