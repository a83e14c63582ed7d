import { describe, expect, it } from 'vitest';
import type { InspectionTemplate } from '../policy/templates/types';
import { deriveFindings, lowerRisk } from './findings';
import type { InspectedCluster, ItemAnswer } from './inspection';
import { resolveInspection } from './inspection';
import { CRITICAL_FAILURE_CAP, HIGH_RISK_CAP, healthGrade, healthScore } from './scoring';

const L = (s: string) => ({ zh: s, en: s });

/** A small template with known weights so expected scores can be worked out by hand. */
const T: InspectionTemplate = {
  id: 't',
  version: 1,
  kind: 'inspection',
  packId: 'dce-support',
  products: ['DCE'],
  name: L('t'),
  description: L('t'),
  publishedAt: '2026-01-01',
  sections: [
    {
      id: 's1',
      title: L('s1'),
      items: [
        {
          id: 'a',
          title: L('a'),
          method: L('m'),
          measure: 'check',
          weight: 4,
          riskOnFail: 'high',
          recommendation: L('ra'),
        },
        {
          id: 'b',
          title: L('b'),
          method: L('m'),
          measure: 'number',
          unit: '%',
          threshold: { warn: { op: '>=', value: 75 }, fail: { op: '>=', value: 85 } },
          weight: 1,
          riskOnFail: 'medium',
          recommendation: L('rb'),
        },
        {
          id: 'crit',
          title: L('c'),
          method: L('m'),
          measure: 'check',
          weight: 1,
          riskOnFail: 'critical',
          recommendation: L('rc'),
        },
      ],
    },
    {
      id: 'nodes',
      title: L('nodes'),
      nodeRole: 'worker',
      items: [
        {
          id: 'disk',
          title: L('disk'),
          method: L('m'),
          measure: 'number',
          unit: '%',
          threshold: { warn: { op: '>=', value: 75 }, fail: { op: '>=', value: 85 } },
          weight: 3,
          riskOnFail: 'low',
          recommendation: L('rd'),
          perNode: true,
        },
      ],
    },
    { id: 'eval', title: L('eval'), kind: 'evaluation', items: [] },
  ],
};

const cluster: InspectedCluster = {
  id: 'c',
  nodes: [1, 2, 3, 4].map((n) => ({ name: `w${n}`, role: 'worker' as const })),
};

function score(answers: ItemAnswer[]) {
  const checks = resolveInspection(T, [cluster], answers);
  return { ...healthScore(T, checks), findings: deriveFindings(checks) };
}

const a = (itemId: string, more: Partial<ItemAnswer>): ItemAnswer => ({
  clusterId: 'c',
  itemId,
  ...more,
});

describe('healthScore', () => {
  it('is 100 when every check passes, null when nothing is scored', () => {
    expect(score([]).score).toBeNull();
    const all = score([
      a('a', { result: 'pass' }),
      a('b', { value: 10 }),
      a('crit', { result: 'pass' }),
      ...cluster.nodes.map((n) => a('disk', { node: n.name, value: 50 })),
    ]);
    expect(all.score).toBe(100);
    expect(all.findings).toEqual([]);
  });

  it('weights items and averages per-node checks once per item', () => {
    // a: 4×0.5, b: 1×0 (fail), crit: 1×1, disk: 3×mean(1,1,0.5,0)=3×0.625 → (2+0+1+1.875)/9
    const r = score([
      a('a', { result: 'warning' }),
      a('b', { value: 90 }),
      a('crit', { result: 'pass' }),
      a('disk', { node: 'w1', value: 10 }),
      a('disk', { node: 'w2', value: 20 }),
      a('disk', { node: 'w3', value: 80 }),
      a('disk', { node: 'w4', value: 99 }),
    ]);
    expect(r.score).toBe(Math.round((100 * 4.875) / 9)); // 54.17 → 54
    expect(r.capped).toBe(false);
    expect(r.counts).toEqual({ pass: 3, warning: 2, fail: 2, notApplicable: 0, unanswered: 0 });
    expect(r.sections.map((s) => s.sectionId)).toEqual(['s1', 'nodes']);
    expect(r.sections[1]?.score).toBe(63); // 62.5 rounds half up
  });

  it('leaves out not-applicable and unanswered checks', () => {
    const r = score([a('a', { result: 'pass' }), a('b', { result: 'not-applicable', value: 99 })]);
    expect(r.score).toBe(100);
    expect(r.counts.notApplicable).toBe(1);
    expect(r.counts.unanswered).toBe(1 + 4);
  });

  it('caps the score when a critical item fails', () => {
    const r = score([
      a('a', { result: 'pass' }),
      a('b', { value: 1 }),
      a('crit', { result: 'fail' }),
    ]);
    // uncapped: (4 + 1 + 0) / 6 = 83
    expect(r.score).toBe(CRITICAL_FAILURE_CAP);
    expect(r.capped).toBe(true);
    expect(r.sections[0]?.score).toBe(83);
  });

  it('never rates a cluster healthy while a high-risk finding is open: capped at 74', () => {
    const passing = cluster.nodes.map((n) => a('disk', { node: n.name, value: 10 }));
    // A warning on the critical item is a high-risk finding; uncapped (4+1+0.5+3)/9 = 94.
    const r = score([
      a('a', { result: 'pass' }),
      a('b', { value: 1 }),
      a('crit', { result: 'warning' }),
      ...passing,
    ]);
    expect(r.findings.map((f) => f.risk)).toEqual(['high']);
    expect(r.score).toBe(HIGH_RISK_CAP);
    expect(r.capped).toBe(true);
    expect(r.cap).toBe('high-risk');
    expect(healthGrade(r.score ?? 0)).toBe('attention');
    expect(r.sections[0]?.score).toBe(92);

    // A medium finding alone is no reason to cap: (4+0+1+3)/9 = 89.
    const medium = score([
      a('a', { result: 'pass' }),
      a('b', { value: 99 }),
      a('crit', { result: 'pass' }),
      ...passing,
    ]);
    expect(medium.score).toBe(89);
    expect(medium.capped).toBe(false);
    expect(medium.cap).toBeNull();
  });

  it('grades scores in bands', () => {
    expect([100, 90, 89, 75, 74, 60, 59, 0].map(healthGrade)).toEqual([
      'healthy',
      'healthy',
      'fair',
      'fair',
      'attention',
      'attention',
      'at-risk',
      'at-risk',
    ]);
  });
});

describe('deriveFindings', () => {
  it('makes one finding per item with the worst result, its nodes and values, sorted by risk', () => {
    const r = score([
      a('a', { result: 'warning', note: 'slow answers' }),
      a('b', { value: 80 }),
      a('crit', { result: 'fail' }),
      a('disk', { node: 'w1', value: 80 }),
      a('disk', { node: 'w2', value: 90 }),
      a('disk', { node: 'w3', value: 10 }),
    ]);
    expect(r.findings.map((f) => [f.itemId, f.result, f.risk])).toEqual([
      ['crit', 'fail', 'critical'],
      ['a', 'warning', 'medium'],
      ['disk', 'fail', 'low'],
      ['b', 'warning', 'low'],
    ]);
    const disk = r.findings.find((f) => f.itemId === 'disk');
    expect(disk?.nodes).toEqual(['w1', 'w2']);
    expect(disk?.values).toEqual([
      { node: 'w1', value: 80 },
      { node: 'w2', value: 90 },
    ]);
    expect(r.findings.find((f) => f.itemId === 'a')?.notes).toEqual(['slow answers']);
    expect(r.findings[0]?.id).toBe('c/crit');
  });

  it('lowers the risk of warnings by one level, never below low', () => {
    expect(lowerRisk('critical')).toBe('high');
    expect(lowerRisk('medium')).toBe('low');
    expect(lowerRisk('low')).toBe('low');
  });
});
