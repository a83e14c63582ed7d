import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../domain/errors';
import {
  BUILTIN_TEMPLATES,
  DCE_S360_INSPECTION_V1,
  DCE_S360_INSPECTION_V2,
  getTemplate,
  latestTemplate,
  latestTemplates,
  templateProblems,
} from './index';

function digest(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

describe('inspection templates', () => {
  it('have no structural problems', () => {
    for (const t of BUILTIN_TEMPLATES)
      expect(templateProblems(t), `${t.id} v${t.version}`).toEqual([]);
  });

  it('are unique by id and version', () => {
    const keys = BUILTIN_TEMPLATES.map((t) => `${t.id}@${t.version}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('DCE S360 has the six sections of seed 000 in order', () => {
    for (const t of [DCE_S360_INSPECTION_V1, DCE_S360_INSPECTION_V2]) {
      expect(t.sections.map((s) => s.title.zh)).toEqual([
        '整体信息',
        '管理节点',
        '计算节点',
        '应用状态',
        '功能需求及问题处理',
        '总体评价',
      ]);
    }
  });

  it('DCE S360 covers the checks a Kubernetes engineer makes', () => {
    const ids = DCE_S360_INSPECTION_V1.sections.flatMap((s) => s.items.map((i) => i.id));
    for (const id of [
      'apiserver-health',
      'etcd-health',
      'cert-expiry',
      'cp-pressure',
      'node-root-disk',
      'pv-usage',
      'pod-restarts',
      'pods-pending',
      'coredns',
      'ingress',
      'etcd-backup-age',
      'product-lifecycle',
    ]) {
      expect(ids).toContain(id);
    }
    const nodeSections = DCE_S360_INSPECTION_V1.sections.filter((s) => s.nodeRole);
    expect(nodeSections.map((s) => s.nodeRole)).toEqual(['control-plane', 'worker']);
    expect(nodeSections.every((s) => s.items.every((i) => i.perNode))).toBe(true);
  });

  it('pins the published v1 content: editing it must fail this test (ship a new version)', () => {
    // Recorded when v1 was published. A published template is immutable because signed reports
    // name it by id + version.
    expect(digest(DCE_S360_INSPECTION_V1)).toBe(PINNED_DCE_V1);
  });

  it('v2 keeps v1 intact and records its changes', () => {
    expect(DCE_S360_INSPECTION_V1.version).toBe(1);
    expect(DCE_S360_INSPECTION_V2.version).toBe(2);
    expect(DCE_S360_INSPECTION_V2.changes?.zh).toBeTruthy();
    const v1ids = DCE_S360_INSPECTION_V1.sections.flatMap((s) => s.items.map((i) => i.id));
    const v2ids = DCE_S360_INSPECTION_V2.sections.flatMap((s) => s.items.map((i) => i.id));
    expect(v1ids).toContain('workloads-without-limits');
    expect(v2ids).not.toContain('workloads-without-limits');
    expect(v2ids).toContain('apiserver-latency');
    const etcd = (t: typeof DCE_S360_INSPECTION_V1) =>
      t.sections[0]?.items.find((i) => i.id === 'etcd-db-size')?.threshold?.fail?.value;
    expect(etcd(DCE_S360_INSPECTION_V1)).toBe(80);
    expect(etcd(DCE_S360_INSPECTION_V2)).toBe(75);
  });

  it('getTemplate answers for every published version, latestTemplate for the newest', () => {
    expect(getTemplate('dce-s360-inspection', 1)).toBe(DCE_S360_INSPECTION_V1);
    expect(getTemplate('dce-s360-inspection', 2)).toBe(DCE_S360_INSPECTION_V2);
    expect(latestTemplate('dce-support').version).toBe(2);
    expect(latestTemplate('private-cloud-ops').id).toBe('private-cloud-resource-inspection');
    expect(latestTemplates('dce-support')).toHaveLength(1);
  });

  it('an extra (synced) template version becomes the latest without hiding older ones', () => {
    const v3 = { ...DCE_S360_INSPECTION_V2, version: 3 };
    expect(latestTemplate('dce-support', 'inspection', [v3]).version).toBe(3);
    expect(getTemplate('dce-s360-inspection', 1, [v3])).toBe(DCE_S360_INSPECTION_V1);
  });

  it('unknown ids and versions are input errors naming the field', () => {
    expect(() => getTemplate('nope', 1)).toThrow(InputError);
    try {
      getTemplate('dce-s360-inspection', 9);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).field).toBe('templateVersion');
      expect((e as Error).message).toContain('1, 2');
    }
  });

  it('templateProblems catches inverted limits and bad weights', () => {
    const bad = JSON.parse(JSON.stringify(DCE_S360_INSPECTION_V1)) as typeof DCE_S360_INSPECTION_V1;
    const item = bad.sections[0]!.items.find((i) => i.id === 'etcd-db-size')!;
    item.threshold = { warn: { op: '>=', value: 90 }, fail: { op: '>=', value: 80 } };
    item.weight = 0;
    const p = templateProblems(bad);
    expect(p.some((x) => x.includes('beyond the failure limit'))).toBe(true);
    expect(p.some((x) => x.includes('weight'))).toBe(true);
  });
});

const PINNED_DCE_V1 = '77f0b91e6ee39111e358ed5b51bb657ebcc301490ab229858d66665774dc76d9';
