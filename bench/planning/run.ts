/**
 * Plan validation speed: the grid revalidates the whole plan on every keystroke, so a 50-node
 * plan must validate in well under a frame budget (goal: < 50 ms). Run with
 * `npm run bench:planning`. Prints plain figures: p50/p95/max per plan size, for a clean plan
 * and for one with findings on every machine (messages are built only for findings).
 *
 * Two figures per plan: `validatePlan` alone (the CLI), and what the editor runs on every edit
 * and the server on every pushed ready plan: `storedPlanFindings` of the stored document (copy
 * out of the document, the interchange schema, then the rules).
 *
 * Workload: the sample's networks and VIPs, 3 masters + N−3 workers, each with a bonded
 * management NIC (two member ports), a storage NIC, a system and a data disk.
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { Plan } from '../../src-shared/domain/planning/plan';
import type { PlanDoc } from '../../src-shared/db/types';
import { planDocFields } from '../../src-shared/domain/planning/plan-doc';
import { storedPlanFindings } from '../../src-shared/domain/planning/plan-readiness';
import { samplePlan } from '../../src-shared/domain/planning/sample-plan';
import { validatePlan } from '../../src-shared/domain/planning/validate-plan';

function planOf(nodes: number, withFindings: boolean): Plan {
  const plan = samplePlan();
  plan.networks[0]!.cidr = '10.20.0.0/20';
  plan.networks[0]!.gateway = '10.20.0.1';
  plan.networks[1]!.cidr = '10.21.0.0/20';
  plan.podCidr = '10.128.0.0/14';
  plan.serviceCidr = '10.96.0.0/16';
  plan.vips = [
    { role: 'api', address: '10.20.0.10' },
    { role: 'ingress', address: '10.20.0.11' },
  ];
  const template = plan.machines[1]!;
  plan.machines = [plan.machines[0]!];
  plan.machines[0]!.nics[2]!.address = '10.20.0.20';
  plan.machines[0]!.nics[3]!.address = '10.21.0.20';
  for (let i = 1; i < nodes; i++) {
    const m = structuredClone(template);
    const control = i <= 3;
    m.hostname = control ? `dce-master-${i}` : `dce-worker-${i}`;
    m.roles = control ? ['control-plane', 'etcd'] : ['worker'];
    const host = `${1 + Math.floor(i / 250)}.${(i % 250) + 1}`;
    m.nics[2]!.address = `10.20.${host}`;
    m.nics[3]!.address = `10.21.${host}`;
    if (withFindings) {
      // A duplicate address, a wrong MTU and an undersized node on every machine.
      m.nics[3]!.address = '10.21.1.200';
      m.nics[3]!.mtu = 1500;
      m.memoryGiB = 8;
    }
    plan.machines.push(m);
  }
  return plan;
}

function docOf(plan: Plan): PlanDoc {
  let n = 0;
  return {
    id: 'BENCH',
    customerId: 'C',
    clusterId: 'K',
    status: 'draft',
    ...planDocFields(plan, () => `r${++n}`),
    createdAt: '2026-12-01T09:00:00.000+08:00',
    updatedAt: '2026-12-01T09:00:00.000+08:00',
  };
}

function measure(
  run: () => number,
  runs: number,
): { p50: number; p95: number; max: number; findings: number } {
  for (let i = 0; i < 20; i++) run();
  const times: number[] = [];
  let findings = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    findings = run();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
  return { p50: at(0.5), p95: at(0.95), max: times[times.length - 1] ?? 0, findings };
}

console.log(
  `plan validation (load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')})`,
);
console.log('| nodes | plan | what | findings | p50 | p95 | max |');
console.log('|---|---|---|---|---|---|---|');
for (const nodes of [7, 50, 200, 1000]) {
  for (const withFindings of [false, true]) {
    const plan = planOf(nodes, withFindings);
    const doc = docOf(plan);
    const runs = nodes >= 1000 ? 50 : 300;
    for (const [what, run] of [
      ['validatePlan', () => validatePlan(plan).findings.length],
      ['editor/server (stored doc, schema + rules)', () => storedPlanFindings(doc).length],
    ] as const) {
      const r = measure(run, runs);
      console.log(
        `| ${nodes} | ${withFindings ? 'findings on every machine' : 'clean'} | ${what} | ${r.findings} | ${r.p50.toFixed(2)} ms | ${r.p95.toFixed(2)} ms | ${r.max.toFixed(2)} ms |`,
      );
    }
  }
}
