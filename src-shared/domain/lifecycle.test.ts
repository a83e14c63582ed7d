import { describe, expect, it } from 'vitest';
import { DCE_SUPPORT_PACK } from '../policy/index';
import type { PolicyPack } from '../policy/types';
import { InputError } from './errors';
import { lifecycleStatus, parseVersion } from './lifecycle';

describe('parseVersion', () => {
  it.each([
    ['5.0.3', { major: 5, minor: 0, patch: 3 }],
    ['4.12.100', { major: 4, minor: 12, patch: 100 }],
    [' 3.1.0 ', { major: 3, minor: 1, patch: 0 }],
  ])('%s', (v, expected) => {
    expect(parseVersion(v)).toEqual(expected);
  });

  it.each(['5', '5.0', '5.0.3.1', 'v5.0.3', '5.0.x', '', '5..3', '-1.0.0'])('rejects "%s"', (v) => {
    expect(parseVersion(v)).toBeNull();
  });
});

describe('lifecycleStatus', () => {
  it('the CLI example: DCE 5.0.3 on 2026-11-23 is past standard support', () => {
    expect(lifecycleStatus('DCE', '5.0.3', '2026-11-23')).toEqual({
      series: 'DCE 5',
      status: 'end-of-standard-support',
      ga: '2023-06-01',
      eoss: '2026-06-01',
      eosl: '2028-10-30',
      releasedOnDate: true,
    });
  });

  // Support ends AFTER each date: the date itself is covered, the next day is not.
  it.each([
    ['5.1.0', '2026-05-31', 'supported'],
    ['5.1.0', '2026-06-01', 'supported'],
    ['5.1.0', '2026-06-02', 'end-of-standard-support'],
    ['5.1.0', '2028-10-30', 'end-of-standard-support'],
    ['5.1.0', '2028-10-31', 'end-of-life'],
    ['4.0.9', '2023-03-31', 'supported'],
    ['4.0.9', '2023-04-01', 'end-of-standard-support'],
    ['4.0.9', '2025-03-31', 'end-of-standard-support'],
    ['4.0.9', '2025-04-01', 'end-of-life'],
    ['3.2.1', '2021-07-30', 'supported'],
    ['3.2.1', '2021-07-31', 'end-of-standard-support'],
    ['3.2.1', '2023-07-30', 'end-of-standard-support'],
    ['3.2.1', '2023-07-31', 'end-of-life'],
  ] as const)('DCE %s on %s: %s', (version, at, status) => {
    expect(lifecycleStatus('DCE', version, at).status).toBe(status);
  });

  it('releasedOnDate is false before GA and true from the GA day', () => {
    expect(lifecycleStatus('DCE', '5.0.0', '2023-05-31').releasedOnDate).toBe(false);
    expect(lifecycleStatus('DCE', '5.0.0', '2023-06-01').releasedOnDate).toBe(true);
  });

  function inputError(fn: () => unknown): InputError {
    try {
      fn();
    } catch (e) {
      if (e instanceof InputError) return e;
      throw e;
    }
    throw new Error('expected an InputError');
  }

  it('unknown series names the known ones', () => {
    const e = inputError(() => lifecycleStatus('DCE', '6.0.0', '2026-01-01'));
    expect(e.field).toBe('version');
    expect(e.message).toContain('DCE 5, DCE 4, DCE 3');
    expect(inputError(() => lifecycleStatus('DCE', '2.9.9', '2026-01-01')).field).toBe('version');
  });

  it('malformed version, date or unknown product are InputErrors', () => {
    expect(inputError(() => lifecycleStatus('DCE', '5.0', '2026-01-01')).field).toBe('version');
    expect(inputError(() => lifecycleStatus('DCE', '5.0.0', '2026-13-01')).field).toBe('at');
    expect(inputError(() => lifecycleStatus('DCE', '5.0.0', '2026-01-01T00:00:00Z')).field).toBe(
      'at',
    );
    const p = inputError(() => lifecycleStatus('ZStack', '4.0.0', '2026-01-01'));
    expect(p.field).toBe('product');
    expect(p.message).toContain('DCE');
  });

  it('lifecycle entries from given packs replace the built-in ones', () => {
    const edited = structuredClone<PolicyPack>(DCE_SUPPORT_PACK);
    edited.lifecycle = [
      {
        product: 'DCE',
        major: 5,
        series: 'DCE 5',
        ga: '2023-06-01',
        eoss: '2027-06-01',
        eosl: '2029-10-30',
      },
      {
        product: 'DCE',
        major: 6,
        series: 'DCE 6',
        ga: '2026-06-01',
        eoss: '2029-06-01',
        eosl: '2031-10-30',
      },
    ];
    expect(lifecycleStatus('DCE', '5.0.3', '2026-11-23', [edited]).status).toBe('supported');
    expect(lifecycleStatus('DCE', '6.0.0', '2026-11-23', [edited]).series).toBe('DCE 6');
    // Series only the built-in pack knows remain.
    expect(lifecycleStatus('DCE', '4.0.0', '2024-01-01', [edited]).status).toBe(
      'end-of-standard-support',
    );
  });
});
