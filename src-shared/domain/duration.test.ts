import { describe, expect, it } from 'vitest';
import { formatDurationMs } from './duration';

const MIN = 60_000;

describe('formatDurationMs', () => {
  it.each([
    [125 * MIN, '2 小时 05 分', '2 h 05 min'],
    [45 * MIN, '45 分', '45 min'],
    [0, '0 分', '0 min'],
    [30_000, '0 分', '0 min'],
    [60 * MIN, '1 小时 00 分', '1 h 00 min'],
    [36 * 60 * MIN + 59 * MIN + 59_000, '36 小时 59 分', '36 h 59 min'],
    [-125 * MIN, '超时 2 小时 05 分', '2 h 05 min overdue'],
    [-30_000, '超时 1 分', '1 min overdue'],
    [-59 * MIN, '超时 59 分', '59 min overdue'],
  ])('%d ms', (ms, zh, en) => {
    expect(formatDurationMs(ms, 'zh')).toBe(zh);
    expect(formatDurationMs(ms, 'en')).toBe(en);
  });

  it('refuses non-finite values', () => {
    expect(() => formatDurationMs(Number.NaN, 'zh')).toThrow(RangeError);
    expect(() => formatDurationMs(Infinity, 'en')).toThrow(RangeError);
  });
});
