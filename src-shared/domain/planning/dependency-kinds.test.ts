import { describe, expect, it } from 'vitest';
import { DEPENDENCY_KINDS, dependencyKindLabel } from './dependency-kinds';

describe('dependency kinds', () => {
  it('names a known kind in each language, and keeps a kind the engineer typed as written', () => {
    expect(dependencyKindLabel('storage', 'zh')).toBe('存储');
    expect(dependencyKindLabel('load-balancer', 'en')).toBe('Load balancer');
    expect(dependencyKindLabel('hsm', 'zh')).toBe('hsm');
    expect(dependencyKindLabel('constructor', 'zh')).toBe('constructor');
    for (const k of DEPENDENCY_KINDS) {
      expect(dependencyKindLabel(k, 'zh')).not.toBe('');
      expect(dependencyKindLabel(k, 'en')).not.toBe('');
    }
  });
});
