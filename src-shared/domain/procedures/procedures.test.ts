import { describe, expect, it } from 'vitest';
import type { ProcedureRunDoc } from '../../db/types';
import { mergeProcedureRuns, unionEvents } from '../../db/procedure-run-conflicts';
import { DCE5_MINOR_UPGRADE_V1, K8S_CONTAINER_RESTARTING_V1 } from '../../policy/procedures/index';
import { InputError } from '../errors';
import { deriveRun, resumeStepFor, rollbackPlan } from './derive';
import {
  attachEvidence,
  completeRun,
  completeStep,
  enterForwardFix,
  enterRollback,
  failStep,
  giveApproval,
  runOutcome,
  skipStep,
  startRun,
  startStep,
} from './procedure-ops';

const WANG = { by: '王磊', zone: 'Asia/Shanghai' };
const CHEN = { by: '陈静', zone: 'Europe/Berlin' };
const LI = { by: '李主管', zone: 'Asia/Shanghai' };

/** A clock that advances one minute per call, from 2026-12-20 22:00 in Shanghai. */
function clock(start = Date.parse('2026-12-20T14:00:00Z')) {
  let t = start;
  return () => {
    t += 60_000;
    return new Date(t).toISOString();
  };
}

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as InputError).code;
  }
  return undefined;
}

const PASSING: Record<string, string> = {
  'nodes-ready': 'NAME STATUS\nmaster-01   Ready    control-plane\nworker-01   Ready    <none>\n',
  'etcd-health': '| https://10.0.0.11:2379 |   true | 8.1ms |       |',
  'cert-expiry': 'admin.conf   Dec 01, 2027 08:00 UTC   362d   ca   no\n',
  'disk-free': '/dev/sdb1 200G 92G 109G 46% /var/lib\n',
  'registry-images': '"Digest": "sha256:' + 'a'.repeat(64) + '"',
  'velero-backup': 'daily-20261220 Completed 0 0 2026-12-20',
  'version-skew': 'serverVersion:\n  gitVersion: v1.27.5',
  'etcd-snapshot': 'Snapshot saved at /var/backups/etcd/pre-upgrade.db',
  'backup-configs': 'k8s-pre-upgrade-master-01.tgz',
  'helm-revisions': 'NAME NAMESPACE REVISION',
  'import-artifacts': 'import done',
  'upgrade-platform': 'upgrade completed',
  'cp-first': 'ClusterOperation cluster1-upgrade Succeeded',
  'cp-rest': 'Succeeded',
  'workers-canary': 'Succeeded',
  'workers-batches': 'Succeeded',
  'storage-migration': 'Succeeded',
  'post-nodes': 'worker-01   Ready    <none>',
  'rb-cp-restore': 'a1b2 kube-apiserver Running',
  'rb-etcd-restore': 'https://10.0.0.11:2379 is healthy',
  'rb-helm-rollback': 'Rollback was a success! Happy Helming!',
  'rb-verify': 'worker-01   Ready    <none>',
};

function newRun(now: () => string): ProcedureRunDoc {
  return startRun(
    {
      customerId: 'C1',
      siteId: 'S1',
      siteZone: 'Asia/Shanghai',
      templateId: 'dce5-minor-upgrade',
      templateVersion: 1,
      clusterId: 'K1',
      fromVersion: '5.0.3',
      toVersion: '5.1.0',
    },
    WANG,
    now(),
  );
}

/** Does a step with passing output (and a value / approval where it needs them). */
function pass(run: ProcedureRunDoc, id: string, now: () => string, who = WANG): ProcedureRunDoc {
  let r = run;
  if (id === 'storage-migration') r = startStep(r, id, who, now(), { confirmIrreversible: true });
  r = attachEvidence(r, id, { kind: 'output', text: PASSING[id] ?? 'ok' }, who, now());
  if (id === 'etcd-health') r = attachEvidence(r, id, { kind: 'value', text: '3' }, who, now());
  return completeStep(r, id, who, now());
}

function throughApproval(now: () => string): ProcedureRunDoc {
  let r = newRun(now);
  for (const id of [
    'nodes-ready',
    'etcd-health',
    'cert-expiry',
    'disk-free',
    'registry-images',
    'velero-backup',
    'version-skew',
  ])
    r = pass(r, id, now);
  r = attachEvidence(r, 'change-approval', { kind: 'value', text: 'CHG-2026-118' }, WANG, now());
  r = giveApproval(r, 'change-approval', LI, now());
  return completeStep(r, 'change-approval', WANG, now());
}

describe('procedure runs: derivation and gates', () => {
  it('a failed check cannot be marked done; the step fails with a reason and stays current', () => {
    const now = clock();
    let run = newRun(now);
    run = attachEvidence(
      run,
      'nodes-ready',
      { kind: 'output', text: 'worker-01   NotReady   <none>' },
      WANG,
      now(),
    );
    const state = deriveRun(DCE5_MINOR_UPGRADE_V1, run);
    expect(state.steps['nodes-ready']).toMatchObject({ status: 'in-progress', attempts: 1 });
    expect(state.steps['nodes-ready']!.evidence[0]?.check).toBe('fail');
    expect(codeOf(() => completeStep(run, 'nodes-ready', WANG, now()))).toBe(
      'procedureCheckFailed',
    );
    expect(codeOf(() => failStep(run, 'nodes-ready', '  ', WANG, now()))).toBe('required');
    run = failStep(run, 'nodes-ready', 'worker-01 NotReady', WANG, now());
    const failed = deriveRun(DCE5_MINOR_UPGRADE_V1, run);
    expect(failed.currentStepId).toBe('nodes-ready');
    expect(failed.steps['nodes-ready']).toMatchObject({
      status: 'failed',
      reason: 'worker-01 NotReady',
    });
    // Nothing was changed yet: there is nothing to roll back.
    expect(codeOf(() => enterRollback(run, 'nodes-ready', WANG, now()))).toBe(
      'procedureNothingToRollBack',
    );
    // A retry is a new attempt with fresh evidence.
    run = pass(run, 'nodes-ready', now);
    const retried = deriveRun(DCE5_MINOR_UPGRADE_V1, run).steps['nodes-ready']!;
    expect(retried).toMatchObject({ status: 'done', attempts: 2 });
    expect(retried.evidence).toHaveLength(1);
    expect(retried.allEvidence).toHaveLength(2);
  });

  it('required evidence gates completion', () => {
    const now = clock();
    let run = pass(newRun(now), 'nodes-ready', now);
    run = attachEvidence(
      run,
      'etcd-health',
      { kind: 'output', text: PASSING['etcd-health']! },
      WANG,
      now(),
    );
    expect(codeOf(() => completeStep(run, 'etcd-health', WANG, now()))).toBe(
      'procedureEvidenceMissing',
    );
    run = attachEvidence(run, 'etcd-health', { kind: 'value', text: '3' }, WANG, now());
    expect(
      deriveRun(DCE5_MINOR_UPGRADE_V1, completeStep(run, 'etcd-health', WANG, now())).currentStepId,
    ).toBe('cert-expiry');
  });

  it('approvals: never by the executor, never by the one completing, and they expire', () => {
    const now = clock();
    let run = newRun(now);
    for (const id of [
      'nodes-ready',
      'etcd-health',
      'cert-expiry',
      'disk-free',
      'registry-images',
      'velero-backup',
      'version-skew',
    ])
      run = pass(run, id, now);
    run = attachEvidence(run, 'change-approval', { kind: 'value', text: 'CHG-1' }, WANG, now());
    expect(codeOf(() => completeStep(run, 'change-approval', WANG, now()))).toBe(
      'procedureApprovalMissing',
    );
    expect(codeOf(() => giveApproval(run, 'change-approval', WANG, now()))).toBe(
      'procedureApproverIsExecutor',
    );
    run = giveApproval(run, 'change-approval', LI, now());
    expect(codeOf(() => completeStep(run, 'change-approval', LI, now()))).toBe(
      'procedureApprovalMissing',
    );
    const late = new Date(Date.parse(now()) + 73 * 3_600_000).toISOString();
    expect(codeOf(() => completeStep(run, 'change-approval', WANG, late))).toBe(
      'procedureApprovalMissing',
    );
    expect(
      deriveRun(DCE5_MINOR_UPGRADE_V1, completeStep(run, 'change-approval', WANG, now())).steps[
        'change-approval'
      ]!.status,
    ).toBe('done');
  });

  it('a failed control-plane batch rolls back exactly what was done, shared verification last', () => {
    const now = clock();
    let run = throughApproval(now);
    for (const id of [
      'etcd-snapshot',
      'backup-configs',
      'helm-revisions',
      'import-artifacts',
      'upgrade-platform',
    ])
      run = pass(run, id, now);
    run = attachEvidence(
      run,
      'cp-first',
      { kind: 'output', text: 'PLAY RECAP\nmaster-01 : ok=512 changed=88 failed=1' },
      WANG,
      now(),
    );
    run = failStep(run, 'cp-first', 'kube-apiserver did not come back', WANG, now());
    const state = deriveRun(DCE5_MINOR_UPGRADE_V1, run);
    expect(rollbackPlan(DCE5_MINOR_UPGRADE_V1, state, 'cp-first')).toEqual({
      steps: ['rb-cp-restore', 'rb-etcd-restore', 'rb-helm-rollback', 'rb-verify'],
      undoes: ['cp-first', 'upgrade-platform'],
      forwardFix: [],
    });
    run = enterRollback(run, 'cp-first', WANG, now());
    let rb = deriveRun(DCE5_MINOR_UPGRADE_V1, run);
    expect(rb.mode).toBe('rollback');
    expect(rb.plan).toEqual(['rb-cp-restore', 'rb-etcd-restore', 'rb-helm-rollback', 'rb-verify']);
    expect(rb.currentStepId).toBe('rb-cp-restore');
    // Forward steps are out of the plan now.
    expect(codeOf(() => startStep(run, 'cp-rest', WANG, now()))).toBe('procedureStepNotPlanned');
    expect(codeOf(() => completeRun(run, WANG, now()))).toBe('procedureUnfinished');
    for (const id of rb.plan) run = pass(run, id, now);
    run = completeRun(run, WANG, now());
    rb = deriveRun(DCE5_MINOR_UPGRADE_V1, run);
    expect(runOutcome(rb)).toBe('rolled-back');
    expect(rb.steps['rb-cp-restore']!.actualMinutes).toBe(1);
    expect(codeOf(() => startStep(run, 'rb-verify', WANG, now()))).toBe('procedureCompleted');
  });

  it('an irreversible step asks for confirmation; past it only forward fix is offered', () => {
    const now = clock();
    let run = throughApproval(now);
    for (const id of [
      'etcd-snapshot',
      'backup-configs',
      'helm-revisions',
      'import-artifacts',
      'upgrade-platform',
      'cp-first',
      'cp-rest',
      'workers-canary',
      'workers-batches',
    ])
      run = pass(run, id, now);
    expect(codeOf(() => startStep(run, 'storage-migration', WANG, now()))).toBe(
      'procedureConfirmIrreversible',
    );
    run = pass(run, 'storage-migration', now);
    expect(
      deriveRun(DCE5_MINOR_UPGRADE_V1, run).steps['storage-migration']!.confirmedIrreversible,
    ).toBe(true);
    run = attachEvidence(
      run,
      'post-nodes',
      { kind: 'output', text: 'worker-03 NotReady' },
      WANG,
      now(),
    );
    run = failStep(run, 'post-nodes', 'worker-03 NotReady', WANG, now());
    const plan = rollbackPlan(
      DCE5_MINOR_UPGRADE_V1,
      deriveRun(DCE5_MINOR_UPGRADE_V1, run),
      'post-nodes',
    );
    expect(plan).toEqual({
      steps: [],
      undoes: [],
      blockedBy: 'storage-migration',
      forwardFix: ['ff-collect', 'ff-vendor'],
    });
    expect(codeOf(() => enterRollback(run, 'post-nodes', WANG, now()))).toBe(
      'procedureNothingToRollBack',
    );
    run = enterForwardFix(run, 'post-nodes', WANG, now());
    const s = deriveRun(DCE5_MINOR_UPGRADE_V1, run);
    expect(s.mode).toBe('forward-fix');
    expect(s.plan).toEqual(['ff-collect', 'ff-vendor']);
  });

  it('the state does not depend on the order the events arrived in', () => {
    const now = clock();
    let run = throughApproval(now);
    run = skipStep(run, 'etcd-snapshot', '已有 30 分钟内的快照', CHEN, now());
    const a = deriveRun(DCE5_MINOR_UPGRADE_V1, run);
    const shuffled = { ...run, events: [...run.events].reverse() };
    const b = deriveRun(DCE5_MINOR_UPGRADE_V1, shuffled);
    expect(b.steps).toEqual(a.steps);
    expect(b.currentStepId).toBe('backup-configs');
  });

  it('resumes each engineer at the step they were on', () => {
    const now = clock();
    let run = throughApproval(now);
    run = startStep(run, 'backup-configs', CHEN, now());
    run = startStep(run, 'etcd-snapshot', WANG, now());
    const s = deriveRun(DCE5_MINOR_UPGRADE_V1, run);
    expect(resumeStepFor(s, '陈静')).toBe('backup-configs');
    expect(resumeStepFor(s, '王磊')).toBe('etcd-snapshot');
    expect(resumeStepFor(s, '李主管')).toBe('etcd-snapshot');
  });

  it('a troubleshooting guide follows the branch the pasted output picks and ends at the fix', () => {
    const now = clock();
    let run = startRun(
      {
        customerId: 'C1',
        siteId: 'S1',
        siteZone: 'Asia/Shanghai',
        templateId: 'k8s-container-restarting',
        templateVersion: 1,
        incidentId: 'I1',
      },
      WANG,
      now(),
    );
    run = attachEvidence(
      run,
      'describe-pod',
      {
        kind: 'output',
        text: 'Last State: Terminated\n  Reason:   OOMKilled\n  Exit Code:  137\nEvents:\n',
      },
      WANG,
      now(),
    );
    run = completeStep(run, 'describe-pod', WANG, now());
    let s = deriveRun(K8S_CONTAINER_RESTARTING_V1, run);
    expect(s.steps['describe-pod']!.branch).toBe('fix-oom');
    expect(s.steps['previous-logs']!.status).toBe('bypassed');
    expect(s.currentStepId).toBe('fix-oom');
    expect(codeOf(() => startStep(run, 'previous-logs', WANG, now()))).toBe(
      'procedureStepNotPlanned',
    );
    run = attachEvidence(
      run,
      'fix-oom',
      { kind: 'output', text: 'pod/app-7d9 1/1 Running' },
      WANG,
      now(),
    );
    run = completeStep(run, 'fix-oom', WANG, now());
    s = deriveRun(K8S_CONTAINER_RESTARTING_V1, run);
    expect(s.currentStepId).toBeUndefined();
    expect(s.steps['fix-probe']!.status).toBe('bypassed');
    expect(runOutcome(deriveRun(K8S_CONTAINER_RESTARTING_V1, completeRun(run, WANG, now())))).toBe(
      'succeeded',
    );
  });
});

describe('procedure run merge', () => {
  it('unites both laptops’ events: one on the masters, one on the workers, nothing lost', () => {
    const now = clock();
    const base = throughApproval(now);
    const a = pass(base, 'etcd-snapshot', now, WANG);
    const b = pass(base, 'backup-configs', now, CHEN);
    const merged = mergeProcedureRuns({
      assumedMasterState: { ...base, _deleted: false },
      realMasterState: { ...a, _deleted: false },
      newDocumentState: { ...b, _deleted: false },
    });
    const ids = new Set([...a.events, ...b.events].map((e) => e.id));
    expect(merged.events.map((e) => e.id).sort()).toEqual([...ids].sort());
    const s = deriveRun(DCE5_MINOR_UPGRADE_V1, merged);
    expect(s.steps['etcd-snapshot']!.status).toBe('done');
    expect(s.steps['backup-configs']!.status).toBe('done');
    expect(s.steps['backup-configs']!.by).toBe('陈静');
    expect(merged.mergeHistory).toBeUndefined();
    // Commutative: the other direction gives the same log.
    const other = mergeProcedureRuns({
      assumedMasterState: { ...base, _deleted: false },
      realMasterState: { ...b, _deleted: false },
      newDocumentState: { ...a, _deleted: false },
    });
    expect(other.events).toEqual(merged.events);
    expect(unionEvents(a.events, a.events)).toHaveLength(a.events.length);
  });

  it('two rollbacks entered on two laptops: the first counts, both stay in the log', () => {
    const now = clock();
    let run = throughApproval(now);
    for (const id of [
      'etcd-snapshot',
      'backup-configs',
      'helm-revisions',
      'import-artifacts',
      'upgrade-platform',
    ])
      run = pass(run, id, now);
    run = failStep(run, 'cp-first', 'timeout', WANG, now());
    const a = enterRollback(run, 'cp-first', WANG, now());
    const b = enterRollback(run, 'cp-first', CHEN, now());
    const merged = mergeProcedureRuns({
      assumedMasterState: { ...run, _deleted: false },
      realMasterState: { ...a, _deleted: false },
      newDocumentState: { ...b, _deleted: false },
    });
    expect(merged.events.filter((e) => e.kind === 'rollback-entered')).toHaveLength(2);
    const s = deriveRun(DCE5_MINOR_UPGRADE_V1, merged);
    expect(s.mode).toBe('rollback');
    expect(s.plan[0]).toBe('rb-cp-restore');
  });
});
