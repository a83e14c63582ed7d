import { describe, expect, it } from 'vitest';
import { DCE_SUPPORT_PACK } from '../../policy';
import { InputError } from '../errors';
import { CHANGE_NOTICE_DAYS, changeNotice, checkWindow, upgradePath } from './upgrade-plan';

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as InputError).code;
  }
  return undefined;
}

describe('upgrade path', () => {
  it('goes one minor version at a time: 5.0 → 5.2 is two runs', () => {
    expect(upgradePath('5.0.3', '5.2.1')).toEqual([
      { from: '5.0.3', to: '5.1.x' },
      { from: '5.1.x', to: '5.2.1' },
    ]);
    expect(upgradePath('5.0.3', '5.1.0')).toEqual([{ from: '5.0.3', to: '5.1.0' }]);
    expect(upgradePath('5.1.0', '5.1.4')).toEqual([{ from: '5.1.0', to: '5.1.4' }]);
    expect(upgradePath('5.0.0', '5.4.0')).toHaveLength(4);
  });

  it('refuses downgrades, a new major and malformed versions', () => {
    expect(codeOf(() => upgradePath('5.1.0', '5.0.9'))).toBe('procedureNotNewer');
    expect(codeOf(() => upgradePath('5.1.0', '5.1.0'))).toBe('procedureNotNewer');
    expect(codeOf(() => upgradePath('4.0.11', '5.0.0'))).toBe('procedureMajorUpgrade');
    expect(codeOf(() => upgradePath('5.x', '5.1.0'))).toBe('procedureBadVersion');
  });
});

describe('28 days of change notice', () => {
  it('is the seed rule of the DCE pack', () => {
    const rule = DCE_SUPPORT_PACK.rules.find((r) => r.id === 'change-control-notice-28-days');
    expect(rule?.text.zh).toContain(`${CHANGE_NOTICE_DAYS} 天`);
  });

  it('flags a window closer than 28 days and needs an emergency reason for it', () => {
    const requested = '2026-12-01T10:00:00+08:00';
    expect(changeNotice(requested, '2026-12-29T10:00:00+08:00')).toEqual({
      noticeDays: 28,
      short: false,
    });
    // 27 days 23 hours is short (offsets differ: compared as instants).
    expect(changeNotice(requested, '2026-12-29T01:00:00Z')).toEqual({
      noticeDays: 27,
      short: true,
    });
    expect(codeOf(() => checkWindow(requested, '2026-12-10T22:00:00+08:00'))).toBe(
      'procedureShortNotice',
    );
    expect(codeOf(() => checkWindow(requested, '2026-12-10T22:00:00+08:00', '  '))).toBe(
      'procedureShortNotice',
    );
    expect(
      checkWindow(requested, '2026-12-10T22:00:00+08:00', '生产故障需紧急修复 CVE-2026-1234'),
    ).toEqual({
      noticeDays: 9,
      short: true,
      emergency: true,
    });
    expect(checkWindow(requested, '2027-01-15T22:00:00+08:00').emergency).toBe(false);
    expect(codeOf(() => checkWindow(requested, '2026-11-30T22:00:00+08:00', 'x'))).toBe(
      'procedureWindowInPast',
    );
  });
});
