import { describe, expect, it } from 'vitest';
import { DCE_S360_INSPECTION_V1 } from '../policy/templates/index';
import type { TemplateItem } from '../policy/templates/types';
import type { InspectedCluster, ItemAnswer } from './inspection';
import {
  evaluateThreshold,
  expandInspection,
  inspectionProgress,
  lifecycleResult,
  resolveInspection,
  resolveResult,
  strayAnswers,
} from './inspection';

const usage = { warn: { op: '>=', value: 75 }, fail: { op: '>=', value: 85 } } as const;
const remaining = { warn: { op: '<', value: 90 }, fail: { op: '<', value: 30 } } as const;

const cluster: InspectedCluster = {
  id: 'c1',
  lifecycleStatus: 'end-of-standard-support',
  nodes: [
    { name: 'master-1', role: 'control-plane' },
    { name: 'master-2', role: 'control-plane' },
    { name: 'master-3', role: 'control-plane' },
    { name: 'worker-1', role: 'worker' },
    { name: 'worker-2', role: 'worker' },
  ],
};

function item(id: string): TemplateItem {
  const found = DCE_S360_INSPECTION_V1.sections.flatMap((s) => s.items).find((i) => i.id === id);
  if (!found) throw new Error(id);
  return found;
}

describe('evaluateThreshold', () => {
  it('applies inclusive usage limits exactly at the boundary', () => {
    expect(evaluateThreshold(74.9, usage)).toBe('pass');
    expect(evaluateThreshold(75, usage)).toBe('warning');
    expect(evaluateThreshold(84.99, usage)).toBe('warning');
    expect(evaluateThreshold(85, usage)).toBe('fail');
    expect(evaluateThreshold(100, usage)).toBe('fail');
  });

  it('applies downward limits (days left)', () => {
    expect(evaluateThreshold(365, remaining)).toBe('pass');
    expect(evaluateThreshold(90, remaining)).toBe('pass');
    expect(evaluateThreshold(89, remaining)).toBe('warning');
    expect(evaluateThreshold(29, remaining)).toBe('fail');
    expect(evaluateThreshold(-3, remaining)).toBe('fail');
  });

  it('handles fail-only and warn-only limits', () => {
    expect(evaluateThreshold(0, { fail: { op: '>=', value: 1 } })).toBe('pass');
    expect(evaluateThreshold(1, { fail: { op: '>=', value: 1 } })).toBe('fail');
    expect(evaluateThreshold(7, { warn: { op: '>', value: 5 } })).toBe('warning');
  });

  it('rejects non-finite values', () => {
    expect(() => evaluateThreshold(Number.NaN, usage)).toThrow(RangeError);
  });
});

describe('resolveResult', () => {
  it('lets the value decide over the verdict when there is a threshold', () => {
    expect(resolveResult(item('cp-root-disk'), { value: 91, result: 'pass' })).toBe('fail');
    expect(resolveResult(item('cp-root-disk'), { value: 10, result: 'fail' })).toBe('pass');
  });

  it('keeps not-applicable and the verdict of check items', () => {
    expect(resolveResult(item('cp-root-disk'), { value: 91, result: 'not-applicable' })).toBe(
      'not-applicable',
    );
    expect(resolveResult(item('etcd-health'), { result: 'warning' })).toBe('warning');
    expect(resolveResult(item('etcd-health'), undefined)).toBeNull();
    expect(resolveResult(item('cp-root-disk'), {})).toBeNull();
  });

  it('derives lifecycle items from the support status', () => {
    expect(lifecycleResult('supported')).toBe('pass');
    expect(resolveResult(item('product-lifecycle'), undefined, cluster)).toBe('warning');
    expect(
      resolveResult(item('product-lifecycle'), undefined, { lifecycleStatus: 'end-of-life' }),
    ).toBe('fail');
  });
});

describe('expandInspection', () => {
  it('repeats per-node items for each node of the section role only', () => {
    const checks = expandInspection(DCE_S360_INSPECTION_V1, [cluster]);
    const cpu = checks.filter((c) => c.item.id === 'cp-cpu').map((c) => c.node);
    expect(cpu).toEqual(['master-1', 'master-2', 'master-3']);
    const workers = checks.filter((c) => c.item.id === 'node-cpu').map((c) => c.node);
    expect(workers).toEqual(['worker-1', 'worker-2']);
    expect(checks.filter((c) => c.item.id === 'etcd-health')).toHaveLength(1);
    const perNodeCp = DCE_S360_INSPECTION_V1.sections[1]!.items.length;
    const perNodeW = DCE_S360_INSPECTION_V1.sections[2]!.items.length;
    const clusterLevel = DCE_S360_INSPECTION_V1.sections
      .filter((s) => !s.nodeRole)
      .reduce((n, s) => n + s.items.length, 0);
    expect(checks).toHaveLength(clusterLevel + 3 * perNodeCp + 2 * perNodeW);
    expect(new Set(checks.map((c) => c.key)).size).toBe(checks.length);
  });

  it('reports progress per section and stray answers', () => {
    const answers: ItemAnswer[] = [
      { clusterId: 'c1', itemId: 'etcd-health', result: 'pass' },
      { clusterId: 'c1', itemId: 'cp-cpu', node: 'master-1', value: 12 },
      { clusterId: 'c1', itemId: 'cp-cpu', node: 'worker-1', value: 12 },
      { clusterId: 'c1', itemId: 'no-such-item', result: 'pass' },
    ];
    const checks = resolveInspection(DCE_S360_INSPECTION_V1, [cluster], answers);
    const progress = inspectionProgress(checks, DCE_S360_INSPECTION_V1);
    // etcd-health answered, plus the lifecycle item derived from the cluster's status.
    expect(progress[0]).toMatchObject({ sectionId: 'overall', answered: 2 });
    expect(progress[1]).toMatchObject({ sectionId: 'management-nodes', answered: 1 });
    expect(progress[5]).toEqual({ sectionId: 'overall-evaluation', answered: 0, total: 0 });
    expect(
      strayAnswers(DCE_S360_INSPECTION_V1, [cluster], answers).map((a) => a.node ?? a.itemId),
    ).toEqual(['worker-1', 'no-such-item']);
  });
});
