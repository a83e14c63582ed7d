import { describe, expect, it } from 'vitest';
import { createIdGenerator, createSeededIdGenerator, ID_LENGTH, idTimestamp, newId } from './ids';

describe('newId', () => {
  it('is 26 Crockford base32 characters and encodes its timestamp', () => {
    const at = Date.UTC(2026, 10, 23, 8, 30, 0, 123);
    const id = newId(at);
    expect(id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(id).toHaveLength(ID_LENGTH);
    expect(idTimestamp(id)).toBe(at);
  });

  it('sorts by creation time, also within one millisecond', () => {
    const ids: string[] = [];
    const t0 = Date.UTC(2026, 0, 1);
    for (let i = 0; i < 2000; i++) ids.push(newId(t0 + Math.floor(i / 100)));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('does not collide across independent generators in the same millisecond', () => {
    const at = Date.UTC(2026, 5, 1);
    const seen = new Set<string>();
    for (let g = 0; g < 200; g++) {
      const gen = createIdGenerator();
      for (let i = 0; i < 50; i++) seen.add(gen(at));
    }
    expect(seen.size).toBe(200 * 50);
  });

  it('stays unique and ordered when the same-millisecond counter overflows', () => {
    const gen = createIdGenerator((n) => new Uint8Array(n).fill(0xff));
    const a = gen(1000);
    const b = gen(1000);
    expect(a.slice(10)).toBe('Z'.repeat(16));
    expect(b > a).toBe(true);
    expect(idTimestamp(b)).toBe(1001);
  });

  it('rejects timestamps outside 48 bits and malformed ids', () => {
    expect(() => newId(-1)).toThrow(RangeError);
    expect(() => newId(2 ** 48)).toThrow(RangeError);
    expect(() => idTimestamp('short')).toThrow(RangeError);
    expect(() => idTimestamp('U'.repeat(26))).toThrow(RangeError);
  });

  it('is deterministic for a seed', () => {
    const a = createSeededIdGenerator(42);
    const b = createSeededIdGenerator(42);
    const c = createSeededIdGenerator(43);
    const at = Date.UTC(2026, 10, 23);
    const fromA = [a(at), a(at + 1)];
    expect([b(at), b(at + 1)]).toEqual(fromA);
    expect(c(at)).not.toBe(fromA[0]);
  });
});
