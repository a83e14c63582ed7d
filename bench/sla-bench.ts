/**
 * SLA clock throughput: computeDue and slaStatus calls per second on a mixed workload.
 * Run with `npm run bench:sla` (or `npx tsx bench/sla-bench.ts`). Prints plain figures.
 *
 * Workload: both packs, every tier × level with a time target (5x8, business days and 7x24),
 * incidents opened at every hour of the weeks around Spring Festival and National Day 2025/2026
 * (so 5x8 clocks cross holiday blocks and make-up days), a quarter of them with a pause, sites
 * in Asia/Shanghai plus a few in Europe/Berlin and America/New_York.
 */
import type { PauseInterval, PolicyPackId } from '../src-shared/db/types';
import type { SlaClockInput } from '../src-shared/domain/sla';
import { computeDue, slaStatus } from '../src-shared/domain/sla';

const HOUR = 3_600_000;
const WAIT = 'waiting-for-customer-information';

const TARGETS: { packId: PolicyPackId; tier: string; level: string }[] = [
  ...['standard', 'advanced', 'professional'].flatMap((tier) =>
    ['1', '2', '3', '4'].map((level) => ({ packId: 'dce-support' as const, tier, level })),
  ),
  ...['5x8', '7x24'].flatMap((tier) =>
    ['P1', 'P2', 'P3', 'P4', 'request'].map((level) => ({
      packId: 'private-cloud-ops' as const,
      tier,
      level,
    })),
  ),
];

const PERIODS: [string, string][] = [
  ['2025-01-20T00:00:00+08:00', '2025-02-10T00:00:00+08:00'], // 春节 2025
  ['2025-09-24T00:00:00+08:00', '2025-10-13T00:00:00+08:00'], // 国庆 2025
  ['2026-02-09T00:00:00+08:00', '2026-03-02T00:00:00+08:00'], // 春节 2026
  ['2026-09-16T00:00:00+08:00', '2026-10-12T00:00:00+08:00'], // 中秋 + 国庆 2026
];

const ZONES: [string, string][] = [
  ['Asia/Shanghai', '+08:00'],
  ['Asia/Shanghai', '+08:00'],
  ['Asia/Shanghai', '+08:00'],
  ['Europe/Berlin', '+01:00'],
  ['America/New_York', '-05:00'],
];

function iso(ms: number, offset: string): string {
  const sign = offset.startsWith('-') ? -1 : 1;
  const [h, m] = offset.slice(1).split(':').map(Number);
  const shift = sign * ((h ?? 0) * 60 + (m ?? 0)) * 60_000;
  return new Date(ms + shift).toISOString().slice(0, 23) + offset;
}

function buildCases(): SlaClockInput[] {
  const cases: SlaClockInput[] = [];
  let i = 0;
  for (const [from, to] of PERIODS) {
    for (let t = Date.parse(from); t < Date.parse(to); t += HOUR) {
      const target = TARGETS[i % TARGETS.length]!;
      const [timeZone, offset] = ZONES[i % ZONES.length]!;
      const pauses: PauseInterval[] | undefined =
        i % 4 === 0
          ? [{ start: iso(t + 2 * HOUR, offset), end: iso(t + 20 * HOUR, offset), reason: WAIT }]
          : undefined;
      cases.push({
        ...target,
        openedAt: iso(t, offset),
        timeZone,
        calendar: timeZone === 'Asia/Shanghai' ? 'cn' : 'none',
        ...(pauses ? { pauses } : {}),
      });
      i++;
    }
  }
  return cases;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

interface Rate {
  wall: number;
  cpu: number;
}

/**
 * Calls `fn` over the cases for about `ms` milliseconds. Returns calls per second of wall time
 * and per second of this process's CPU time (the latter is steadier on a shared, busy machine).
 */
function round<T>(cases: T[], fn: (c: T, i: number) => unknown, ms: number): Rate {
  let calls = 0;
  let sink = 0;
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    for (let i = 0; i < cases.length; i++) {
      if (fn(cases[i]!, i) !== undefined) sink++;
    }
    calls += cases.length;
    elapsed = performance.now() - start;
  }
  const cpu = process.cpuUsage(cpu0);
  if (sink < 0) console.log(sink); // keeps the results observable so nothing is optimised away
  return { wall: (calls / elapsed) * 1000, cpu: (calls / ((cpu.user + cpu.system) / 1000)) * 1000 };
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

function measure<T>(label: string, cases: T[], fn: (c: T, i: number) => unknown): Rate {
  round(cases, fn, 1500); // warm-up: JIT, calendar views and zone offset caches
  const rates: Rate[] = [];
  for (let r = 0; r < 7; r++) rates.push(round(cases, fn, 700));
  const wall = median(rates.map((r) => r.wall));
  const cpu = median(rates.map((r) => r.cpu));
  console.log(
    `${label.padEnd(12)} ${fmt(wall).padStart(10)} calls/s wall (min ${fmt(Math.min(...rates.map((r) => r.wall)))}, ` +
      `max ${fmt(Math.max(...rates.map((r) => r.wall)))}; ${(1e6 / wall).toFixed(2)} µs/call)   ` +
      `${fmt(cpu).padStart(10)} calls per CPU-second`,
  );
  return { wall, cpu };
}

const cases = buildCases();
const fiveByEight = cases.filter((c) => computeDue(c).coverage === '5x8').length;
const withPause = cases.filter((c) => c.pauses).length;
console.log(
  `SLA clock benchmark — node ${process.version}, ${cases.length} cases ` +
    `(${fiveByEight} on 5x8, ${cases.length - fiveByEight} on 7x24, ${withPause} with a pause); ` +
    `median of 7 rounds after warm-up`,
);
measure('computeDue', cases, (c) => computeDue(c).dueAt);
// slaStatus as an incident list would ask: "now" between 0 and 5 days after opening, and a
// first response on every third incident.
const nows = cases.map((c, i) => Date.parse(c.openedAt) + (i % 120) * HOUR);
const statusCases = cases.map((c, i) =>
  i % 3 === 0 ? { ...c, firstResponseAt: iso(Date.parse(c.openedAt) + 3 * HOUR, '+00:00') } : c,
);
measure('slaStatus', statusCases, (c, i) => slaStatus(c, new Date(nows[i]!)).remainingMs);
