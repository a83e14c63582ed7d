/**
 * The 300-step run of issue 9's benchmark, shared by bench:procedures (the engine in Node) and
 * bench:run-screen (the run screen in Chromium) and bench:report-stall (the upgrade record made
 * from it, `upgradeSnapshotOf`): a synthetic template (10 sections of 30 output
 * steps) and event logs written event by event in the shape the operations write (ids from
 * `newId`, checks stored with the evidence). The template is not in the registry of published
 * templates: each bench adds it there for its own process (Node) or page (Chromium) only.
 */
import type { ProcedureEvent, ProcedureRunDoc } from '../../src-shared/db/types';
import { newId } from '../../src-shared/domain/ids';
import type { Actor } from '../../src-shared/domain/procedures/procedure-ops';
import type { ProcedureStep, ProcedureTemplate } from '../../src-shared/policy/procedures/types';
import { upgradeRecordFrom } from '../../src-shared/reports/kinds/upgrade-record/snapshot';
import type { UpgradeRecordSnapshot } from '../../src-shared/reports/kinds/upgrade-record/snapshot';

export const STEPS = 300;
const PER_SECTION = 30;
const l = (zh: string, en: string) => ({ zh, en });

function step(i: number): ProcedureStep {
  return {
    id: `s${String(i).padStart(3, '0')}`,
    title: l(`检查第 ${i} 项：节点 node-${i} 状态`, `Check ${i}: state of node node-${i}`),
    instruction: l(
      `在 node-${i} 上执行命令并粘贴完整输出。`,
      `Run the command on node-${i} and paste the whole output.`,
    ),
    command: `kubectl get node node-${i} -o wide && systemctl is-active kubelet`,
    expected: {
      text: l('节点 Ready，kubelet active', 'Node Ready, kubelet active'),
      pattern: 'OK',
    },
    plannedMinutes: 5,
    evidence: ['output'],
    role: 'engineer',
    ...(i % 25 === 0
      ? {
          checkpoint: {
            class: 'reversible' as const,
            rollback: [`s${String(i).padStart(3, '0')}`],
          },
        }
      : {}),
  };
}

export const TEMPLATE: ProcedureTemplate = {
  id: 'bench-300-steps',
  version: 1,
  kind: 'upgrade',
  packId: 'dce-support',
  products: ['DCE'],
  name: l('300 步基准升级手册', '300-step benchmark runbook'),
  description: l('基准测试用', 'For the benchmark'),
  publishedAt: '2026-12-04',
  sections: Array.from({ length: STEPS / PER_SECTION }, (_, s) => ({
    id: `sec${s + 1}`,
    kind: 'main' as const,
    title: l(`第 ${s + 1} 批节点`, `Node batch ${s + 1}`),
    steps: Array.from({ length: PER_SECTION }, (_, k) => step(s * PER_SECTION + k + 1)),
  })),
};
export const STEP_IDS = TEMPLATE.sections.flatMap((s) => s.steps.map((x) => x.id));

export const WANG: Actor = { by: '王磊', zone: 'Asia/Shanghai' };
export const CHEN: Actor = { by: '陈静', zone: 'Europe/Berlin' };
export const T0 = Date.parse('2026-12-20T14:00:00Z');

/** A 12-line output: the record shows 9 of them and keeps the whole text in its appendix. */
export function output(i: number, attempt: number, ok: boolean): string {
  const lines = [
    'NAME        STATUS   ROLES    AGE    VERSION   INTERNAL-IP    OS-IMAGE',
    `node-${i}    ${ok ? 'Ready' : 'NotReady'}    <none>   412d   v1.27.5   10.20.${i % 250}.${attempt}   Kylin Linux Advanced V10`,
  ];
  for (let k = 0; k < 9; k++)
    lines.push(`  condition ${k}: ${ok ? 'True' : 'Unknown'}  since 412d`);
  lines.push(ok ? 'active  OK' : 'inactive  kubelet not running');
  return `${lines.join('\n')}\n`;
}

/**
 * The events of a run of the 300-step template, appended the way the operations append them:
 * `failures(i)` failed attempts before step i passes; a pause and resume every `pauseEvery` steps;
 * the run starts at `t0` (ms) and its events are 20 s apart.
 */
export function runWith(failures: (i: number) => number, pauseEvery = 0, t0 = T0): ProcedureRunDoc {
  let t = t0;
  const events: ProcedureEvent[] = [];
  const push = (e: Omit<ProcedureEvent, 'id' | 'at' | 'by' | 'zone'>, who = WANG) => {
    t += 20_000;
    const at = new Date(t).toISOString();
    events.push({ id: newId(t), at, by: who.by, zone: who.zone, ...e });
  };
  push({ kind: 'started' });
  STEP_IDS.forEach((stepId, idx) => {
    const i = idx + 1;
    // The workers' half is 陈静's, on a laptop in another zone.
    const who = i > STEPS / 2 ? CHEN : WANG;
    const fails = failures(i);
    for (let a = 1; a <= fails + 1; a++) {
      const ok = a > fails;
      push({ kind: 'step-started', stepId }, who);
      push(
        {
          kind: 'evidence-attached',
          stepId,
          evidence: { kind: 'output', text: output(i, a, ok), check: ok ? 'pass' : 'fail' },
        },
        who,
      );
      if (ok) push({ kind: 'step-done', stepId }, who);
      else push({ kind: 'step-failed', stepId, reason: `node-${i} NotReady` }, who);
    }
    if (pauseEvery > 0 && i % pauseEvery === 0 && i < STEPS) {
      push({ kind: 'paused', reason: '等待客户确认业务' }, who);
      push({ kind: 'resumed' }, who);
    }
  });
  return {
    id: newId(t0),
    customerId: 'CUST-BENCH',
    siteId: 'SITE-BENCH',
    siteZone: 'Asia/Shanghai',
    kind: 'upgrade',
    templateId: TEMPLATE.id,
    templateVersion: TEMPLATE.version,
    packId: 'dce-support',
    clusterId: 'K-BENCH',
    fromVersion: '5.0.3',
    toVersion: '5.1.0',
    startedBy: WANG.by,
    startedAt: new Date(t0).toISOString(),
    createdAt: new Date(t0).toISOString(),
    updatedAt: new Date(t).toISOString(),
    events,
  };
}

/** The upgrade record snapshot of `run`, as `fieldbook report render upgrade` makes it. */
export function upgradeSnapshotOf(run: ProcedureRunDoc): UpgradeRecordSnapshot {
  return upgradeRecordFrom({
    run,
    template: TEMPLATE,
    documentNumber: 'FB-UPG-20261220-0001',
    issuedAt: '2026-12-21T02:00:00+08:00',
    customer: { name: '江南联合银行股份有限公司', shortName: '江南联合银行' },
    site: { name: '江南联合银行 南京仙林数据中心', timeZone: 'Asia/Shanghai' },
    cluster: { name: 'prod-k8s-01', environment: 'prod', product: 'DCE', version: '5.0.3' },
    engineers: [{ name: '王磊' }, { name: '陈静' }],
    customerRepresentatives: [{ name: '李建国' }],
  });
}
