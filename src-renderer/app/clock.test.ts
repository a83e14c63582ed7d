import { describe, expect, it } from 'vitest';
import { isoDateIn, toLocalInstant } from './clock';

describe('clock', () => {
  it('writes an instant with an explicit offset that parses back to the same time', () => {
    const date = new Date('2026-03-06T07:00:00.123Z');
    const text = toLocalInstant(date);
    expect(text).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{2}:\d{2}$/);
    expect(new Date(text).getTime()).toBe(date.getTime());
  });

  it("gives the site's date, which can differ from UTC's", () => {
    const lateUtc = new Date('2026-11-23T20:00:00Z');
    expect(isoDateIn(lateUtc, 'UTC')).toBe('2026-11-23');
    expect(isoDateIn(lateUtc, 'Asia/Shanghai')).toBe('2026-11-24');
    expect(isoDateIn(lateUtc, 'America/Los_Angeles')).toBe('2026-11-23');
  });
});
