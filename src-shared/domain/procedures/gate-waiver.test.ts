import { describe, expect, it } from 'vitest';
import type { ProcedureRunDoc } from '../../db/types';
import { DCE5_MINOR_UPGRADE_V1, DCE5_MINOR_UPGRADE_V2 } from '../../policy/procedures/index';
import { procedureTemplateProblems } from '../../policy/procedures/index';
import { upgradeRecordFrom } from '../../reports/kinds/upgrade-record/snapshot';
import { validateUpgradeRecordSnapshot } from '../../reports/kinds/upgrade-record/snapshot';
import { InputError } from '../errors';
import { severeIncidentCheck } from './auto-checks';
import type { IncidentFacts } from './auto-checks';
import { deriveRun, rollbackPlan } from './derive';
import {
  attachEvidence,
  completeStep,
  failStep,
  maintenanceWindow,
  openGateSteps,
  skipStep,
  startRun,
  startStep,
  templateOfRun,
  waiveStep,
} from './procedure-ops';

const WANG = { by: '王磊', zone: 'Asia/Shanghai' };
const LI = { by: '李主管', zone: 'Asia/Shanghai' };

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

const incident = (over: Partial<IncidentFacts>): IncidentFacts => ({
  id: 'INC1',
  clusterId: 'K1',
  level: '1',
  status: 'open',
  title: 'etcd 集群不可用',
  openedAt: '2026-12-19T08:00:00+08:00',
  ...over,
});

function newRun(now: () => string, version = 2): ProcedureRunDoc {
  return startRun(
    {
      customerId: 'C1',
      siteId: 'S1',
      siteZone: 'Asia/Shanghai',
      templateId: 'dce5-minor-upgrade',
      templateVersion: version,
      clusterId: 'K1',
      fromVersion: '5.0.3',
      toVersion: '5.1.0',
    },
    WANG,
    now(),
  );
}

const PRE = DCE5_MINOR_UPGRADE_V2.sections[0]!.steps.map((s) => s.id);

describe('gating pre-checks and waivers', () => {
  it('version 2 is a valid template whose pre-checks gate, starting with the incident check', () => {
    expect(procedureTemplateProblems(DCE5_MINOR_UPGRADE_V2)).toEqual([]);
    expect(DCE5_MINOR_UPGRADE_V2.sections[0]).toMatchObject({ id: 'pre-checks', gate: true });
    expect(PRE[0]).toBe('no-severe-incidents');
    // Version 1 is unchanged for the runs that started with it: no gate.
    expect(DCE5_MINOR_UPGRADE_V1.sections.some((s) => s.gate)).toBe(false);
  });

  it('no backup or upgrade step starts until every pre-check passed or was waived', () => {
    const now = clock();
    let run = newRun(now);
    expect(codeOf(() => startStep(run, 'etcd-snapshot', WANG, now()))).toBe('procedureGateClosed');
    expect(codeOf(() => skipStep(run, 'etcd-snapshot', 'not needed', WANG, now()))).toBe(
      'procedureGateClosed',
    );
    // Pre-checks themselves run in any order inside the gate.
    run = startStep(run, 'disk-free', WANG, now());
    const state = deriveRun(DCE5_MINOR_UPGRADE_V2, run);
    expect(openGateSteps(DCE5_MINOR_UPGRADE_V2, state, 'etcd-snapshot')).toEqual(PRE);
    expect(openGateSteps(DCE5_MINOR_UPGRADE_V2, state, 'disk-free')).toEqual([]);
  });

  it('a failed pre-check is waived by a second person with a reason, never by the executor', () => {
    const now = clock();
    let run = newRun(now);
    run = attachEvidence(
      run,
      'velero-backup',
      { kind: 'output', text: 'daily-20261219   PartiallyFailed   2   0' },
      WANG,
      now(),
    );
    run = failStep(run, 'velero-backup', 'Velero 备份部分失败', WANG, now());
    expect(codeOf(() => waiveStep(run, 'velero-backup', '已另做 etcd 快照', WANG, now()))).toBe(
      'procedureWaiverByExecutor',
    );
    expect(codeOf(() => waiveStep(run, 'velero-backup', '   ', LI, now()))).toBe('required');
    expect(codeOf(() => waiveStep(run, 'etcd-snapshot', '无', LI, now()))).toBe(
      'procedureNotWaivable',
    );
    run = waiveStep(run, 'velero-backup', '已另做 etcd 快照并拷贝到异地', LI, now());
    const st = deriveRun(DCE5_MINOR_UPGRADE_V2, run).steps['velero-backup']!;
    expect(st).toMatchObject({
      status: 'waived',
      by: '李主管',
      reason: '已另做 etcd 快照并拷贝到异地',
    });
    expect(codeOf(() => waiveStep(run, 'velero-backup', 'again', LI, now()))).toBe(
      'procedureStepFinished',
    );
    // The record lists the waiver; a record whose waiver names the executor is refused.
    const record = upgradeRecordFrom({
      run,
      template: DCE5_MINOR_UPGRADE_V2,
      documentNumber: 'FB-UPG-20261220-0001',
      issuedAt: now(),
      customer: { name: '客户' },
      site: { name: '机房', timeZone: 'Asia/Shanghai' },
      engineers: [{ name: '王磊' }],
      customerRepresentatives: [],
    });
    expect(record.waivers).toEqual([
      expect.objectContaining({ stepId: 'velero-backup', by: '李主管' }),
    ]);
    expect(record.steps.find((s) => s.id === 'velero-backup')!.status).toBe('waived');
    expect(validateUpgradeRecordSnapshot(record).ok).toBe(true);
    const forged = { ...record, waivers: [{ ...record.waivers[0]!, by: '王磊' }] };
    const v = validateUpgradeRecordSnapshot(forged);
    expect(v.ok).toBe(false);
  });

  it('the incident check counts unresolved level 1/2 incidents of this cluster only', () => {
    const list = [
      incident({ id: 'A' }),
      incident({ id: 'B', level: 'P2', status: 'paused', openedAt: '2026-12-18T08:00:00+08:00' }),
      incident({ id: 'C', level: '3' }),
      incident({ id: 'D', status: 'resolved' }),
      incident({ id: 'E', clusterId: 'K2' }),
    ];
    const r = severeIncidentCheck(list, 'K1');
    expect(r.count).toBe(2);
    expect(r.incidents.map((i) => i.id)).toEqual(['B', 'A']);
    expect(r.text.split('\n')[0]).toBe('unresolved level 1/2 incidents: 2');
    const now = clock();
    let run = newRun(now);
    run = attachEvidence(run, 'no-severe-incidents', { kind: 'value', text: r.text }, WANG, now());
    expect(codeOf(() => completeStep(run, 'no-severe-incidents', WANG, now()))).toBe(
      'procedureCheckFailed',
    );
    const clean = severeIncidentCheck(list.slice(2), 'K1');
    run = attachEvidence(
      run,
      'no-severe-incidents',
      { kind: 'value', text: clean.text },
      WANG,
      now(),
    );
    run = completeStep(run, 'no-severe-incidents', WANG, now());
    expect(deriveRun(DCE5_MINOR_UPGRADE_V2, run).steps['no-severe-incidents']!.status).toBe('done');
  });
});

describe('maintenance window', () => {
  const base = {
    start: '2026-12-26T22:00:00+08:00',
    end: '2026-12-27T04:00:00+08:00',
    requestedAt: '2026-12-20T10:00:00+08:00',
  };
  it('short notice needs the emergency reason; with 28 days it is not an emergency', () => {
    expect(codeOf(() => maintenanceWindow(base))).toBe('procedureShortNotice');
    expect(maintenanceWindow({ ...base, emergencyReason: 'CVE 修复' })).toEqual({
      ...base,
      noticeDays: 6,
      emergencyReason: 'CVE 修复',
    });
    const early = { ...base, requestedAt: '2026-11-20T10:00:00+08:00' };
    expect(maintenanceWindow({ ...early, emergencyReason: 'x' })).toEqual({
      ...early,
      noticeDays: 36,
    });
  });
  it('refuses a window that ends before it starts or starts before the request', () => {
    expect(
      codeOf(() => maintenanceWindow({ ...base, end: base.start, emergencyReason: 'x' })),
    ).toBe('procedureWindowEnd');
    expect(
      codeOf(() =>
        maintenanceWindow({ ...base, start: '2026-12-19T22:00:00+08:00', emergencyReason: 'x' }),
      ),
    ).toBe('procedureWindowInPast');
  });
});

describe('ZStack upgrade runbook', () => {
  it('gates on its pre-checks and rolls a failed upgrade back from the database dump', () => {
    const now = clock();
    let run = startRun(
      {
        customerId: 'C1',
        siteId: 'S1',
        siteZone: 'Asia/Shanghai',
        templateId: 'zstack-upgrade',
        templateVersion: 1,
        clusterId: 'Z1',
        fromVersion: '4.8.0',
        toVersion: '4.8.10',
      },
      WANG,
      now(),
    );
    expect(codeOf(() => startStep(run, 'db-dump', WANG, now()))).toBe('procedureGateClosed');
    for (const id of ['no-severe-incidents', 'mn-status', 'hosts-connected', 'mn-disk'])
      run = waiveStep(run, id, '演练环境', LI, now());
    run = attachEvidence(run, 'change-approval', { kind: 'value', text: 'CHG-9' }, WANG, now());
    run = waiveStep(run, 'change-approval', '演练环境', LI, now());
    run = attachEvidence(
      run,
      'db-dump',
      {
        kind: 'output',
        text: 'Successfully dumped to /var/lib/zstack/mysql-backup/pre-upgrade-2026.gz',
      },
      WANG,
      now(),
    );
    run = completeStep(run, 'db-dump', WANG, now());
    run = attachEvidence(
      run,
      'mn-upgrade',
      { kind: 'output', text: 'ERROR: failed to upgrade database schema' },
      WANG,
      now(),
    );
    run = failStep(run, 'mn-upgrade', 'schema 升级失败', WANG, now());
    const template = templateOfRun(run);
    expect(template.products).toEqual(['ZStack']);
    expect(rollbackPlan(template, deriveRun(template, run), 'mn-upgrade').steps).toEqual([
      'rb-db-restore',
      'rb-reinstall',
      'rb-verify',
    ]);
  });
});
