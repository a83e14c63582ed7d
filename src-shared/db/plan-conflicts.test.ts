import { describe, expect, it } from 'vitest';
import type { WithDeleted } from 'rxdb';
import { CONFLICT_HANDLERS } from './conflicts';
import { mergePlans } from './plan-conflicts';
import type { PlanDoc } from './types';
import { planDocFields, planOfDoc } from '../domain/planning/plan-doc';
import { samplePlan } from '../domain/planning/sample-plan';

let n = 0;
function base(): WithDeleted<PlanDoc> {
  n = 0;
  return {
    id: 'plan-1',
    customerId: 'cust-1',
    clusterId: 'cl-1',
    status: 'draft',
    ...planDocFields(samplePlan(), () => `row-${++n}`),
    createdAt: '2026-12-01T08:00:00.000Z',
    updatedAt: '2026-12-01T08:00:00.000Z',
    _deleted: false,
  };
}

function edit(
  doc: WithDeleted<PlanDoc>,
  at: string,
  change: (d: WithDeleted<PlanDoc>) => void,
): WithDeleted<PlanDoc> {
  const next = structuredClone(doc);
  change(next);
  next.updatedAt = at;
  return next;
}

const T1 = '2026-12-02T08:00:00.000Z';
const T2 = '2026-12-02T09:00:00.000Z';

describe('mergePlans', () => {
  it('keeps both edits of different machines (per row, not per table)', () => {
    const b = base();
    const master = edit(b, T1, (d) => (d.machines[1]!.cpu = 32));
    const local = edit(b, T2, (d) => (d.machines[4]!.memoryGiB = 128));
    const merged = mergePlans({
      assumedMasterState: b,
      realMasterState: master,
      newDocumentState: local,
    });
    expect(merged.machines[1]!.cpu).toBe(32);
    expect(merged.machines[4]!.memoryGiB).toBe(128);
    expect(merged.mergeHistory).toBeUndefined();
    expect(merged.updatedAt).toBe(T2);
  });

  it('the later edit of the same machine wins and the loser goes to mergeHistory', () => {
    const b = base();
    const master = edit(b, T1, (d) => (d.machines[1]!.cpu = 32));
    const local = edit(b, T2, (d) => (d.machines[1]!.cpu = 24));
    const merged = mergePlans({
      assumedMasterState: b,
      realMasterState: master,
      newDocumentState: local,
    });
    expect(merged.machines[1]!.cpu).toBe(24);
    expect(merged.mergeHistory).toHaveLength(1);
    const loss = merged.mergeHistory![0]!;
    expect(loss.field).toBe(`machines/${b.machines[1]!.rowId}`);
    expect(JSON.parse(loss.value)).toMatchObject({ hostname: 'dce-master-01', cpu: 32 });
    expect(loss.lostAt).toBe(T1);
    expect(loss.keptAt).toBe(T2);
  });

  it('keeps rows added on both sides and drops a row deleted on one side only', () => {
    const b = base();
    const added = (id: string, hostname: string) => ({
      ...structuredClone(b.machines[4]!),
      rowId: id,
      hostname,
    });
    const master = edit(b, T1, (d) => {
      d.machines.push(added('m-new', 'dce-worker-04'));
      d.vips.splice(2, 1);
    });
    const local = edit(b, T2, (d) => d.machines.push(added('l-new', 'dce-worker-05')));
    const merged = mergePlans({
      assumedMasterState: b,
      realMasterState: master,
      newDocumentState: local,
    });
    expect(merged.machines.map((m) => m.hostname).slice(-2)).toEqual([
      'dce-worker-04',
      'dce-worker-05',
    ]);
    expect(merged.vips.map((v) => v.role)).toEqual(['api', 'ingress']);
    expect(merged.mergeHistory).toBeUndefined();
  });

  it('an edited row survives its deletion on the other laptop, the deletion is recorded', () => {
    const b = base();
    const master = edit(b, T2, (d) => d.networks.splice(1, 1));
    const local = edit(b, T1, (d) => (d.networks[1]!.mtu = 1500));
    const merged = mergePlans({
      assumedMasterState: b,
      realMasterState: master,
      newDocumentState: local,
    });
    expect(merged.networks.map((x) => [x.name, x.mtu])).toEqual([
      ['mgmt', 1500],
      ['storage', 1500],
    ]);
    expect(merged.mergeHistory).toEqual([
      expect.objectContaining({ field: `networks/${b.networks[1]!.rowId}`, value: 'null' }),
    ]);
  });

  it('other fields merge three-way; a ready plan that lost a row becomes a draft again', () => {
    const b = { ...base(), status: 'ready' as const };
    const master = edit(b, T1, (d) => {
      d.ntpServers = ['10.0.0.1'];
      d.machines[0]!.cpu = 8;
    });
    const local = edit(b, T2, (d) => {
      d.podCidr = '10.244.0.0/16';
      d.machines[0]!.cpu = 6;
    });
    const merged = mergePlans({
      assumedMasterState: b,
      realMasterState: master,
      newDocumentState: local,
    });
    expect(merged.ntpServers).toEqual(['10.0.0.1']);
    expect(merged.podCidr).toBe('10.244.0.0/16');
    expect(merged.status).toBe('draft');
  });

  it('is the registered handler and resolves the same either way round', async () => {
    const b = base();
    const a = edit(b, T1, (d) => (d.machines[2]!.hostname = 'x'));
    const c = edit(b, T2, (d) => (d.machines[2]!.hostname = 'y'));
    const one = await CONFLICT_HANDLERS.plans.resolve(
      { assumedMasterState: b, realMasterState: a, newDocumentState: c },
      'test',
    );
    const two = await CONFLICT_HANDLERS.plans.resolve(
      { assumedMasterState: b, realMasterState: c, newDocumentState: a },
      'test',
    );
    expect(one.machines[2]!.hostname).toBe('y');
    expect(two.machines[2]!.hostname).toBe('y');
    expect(one.mergeHistory).toEqual(two.mergeHistory);
  });
});

describe('plan documents', () => {
  it('round-trip the interchange format, extra fields included', () => {
    const plan = { ...samplePlan(), futureField: { a: 1 } };
    let i = 0;
    const fields = planDocFields(plan, () => `r${++i}`);
    expect(fields.machines[0]!.rowId).toBe('r6');
    expect((fields as { extra?: unknown }).extra).toMatchObject({
      customer: '华东示例城市商业银行',
    });
    const doc = { id: 'p', customerId: 'c', clusterId: 'k', status: 'draft', ...fields } as PlanDoc;
    expect(planOfDoc(doc)).toEqual(plan);
  });
});
