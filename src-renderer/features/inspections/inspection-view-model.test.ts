import { describe, expect, it } from 'vitest';
import { translate } from '../../app/i18n-core';
import { dictionaries } from '../../app/messages';
import { getTemplate } from '../../../src-shared/policy/templates/index';
import { resolveInspection } from '../../../src-shared/domain/inspection';
import {
  groupSection,
  parseMeasuredValue,
  resultForKey,
  thresholdText,
} from './inspection-view-model';

const zh = (key: string, params?: Record<string, string | number>) =>
  translate(dictionaries.zh, key, params);
const en = (key: string, params?: Record<string, string | number>) =>
  translate(dictionaries.en, key, params);

const template = getTemplate('dce-s360-inspection', 2);
const item = (id: string) => template.sections.flatMap((s) => s.items).find((i) => i.id === id)!;

describe('inspection view model', () => {
  it('writes threshold texts in both languages', () => {
    expect(thresholdText(item('etcd-db-size'), zh)).toBe('警告 ≥ 50 %；异常 ≥ 75 %');
    expect(thresholdText(item('cert-expiry'), en)).toBe('warning < 90 days; fail < 30 days');
    expect(thresholdText(item('coredns'), en)).toBe('');
  });

  it('groups per-node checks under their item', () => {
    const clusters = [
      {
        id: 'K1',
        nodes: [
          { name: 'm1', role: 'control-plane' as const },
          { name: 'w1', role: 'worker' as const },
          { name: 'w2', role: 'worker' as const },
        ],
      },
    ];
    const checks = resolveInspection(template, clusters, []);
    const compute = template.sections.find((s) => s.id === 'compute-nodes')!;
    const groups = groupSection(compute, checks);
    expect(groups[0]?.checks.map((c) => c.node)).toEqual(['w1', 'w2']);
    expect(groups.every((g) => g.checks.length === 2)).toBe(true);
  });

  it('maps keys and parses values', () => {
    expect(['1', '2', '3', '4', '5'].map(resultForKey)).toEqual([
      'pass',
      'warning',
      'fail',
      'not-applicable',
      null,
    ]);
    expect(parseMeasuredValue(' 82,5 ')).toBe(82.5);
    expect(parseMeasuredValue('')).toBeNull();
    expect(parseMeasuredValue('abc')).toBeUndefined();
    expect(parseMeasuredValue('-3')).toBe(-3);
  });
});
