import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { InputError } from './errors';
import {
  epochToWall,
  formatInZone,
  offsetAt,
  parseInstant,
  siteZone,
  toEpochMs,
  wallToEpoch,
} from './sla-zone';

describe('parseInstant', () => {
  it.each([
    ['2026-03-06T17:00:00+08:00', '2026-03-06T09:00:00.000Z'],
    ['2026-03-06T17:00+08:00', '2026-03-06T09:00:00.000Z'],
    ['2026-03-06T17:00:00.123+0800', '2026-03-06T09:00:00.123Z'],
    ['2026-03-06T17:00:00.1239999+08', '2026-03-06T09:00:00.123Z'],
    ['2026-03-06T09:00:00Z', '2026-03-06T09:00:00.000Z'],
    ['2026-03-06T04:00:00-05:00', '2026-03-06T09:00:00.000Z'],
    ['2026-03-06T14:30:00+05:30', '2026-03-06T09:00:00.000Z'],
  ])('%s', (input, utc) => {
    expect(new Date(parseInstant(input, 'x')).toISOString()).toBe(utc);
  });

  it.each([
    '2026-03-06T17:00:00',
    '2026-03-06 17:00:00+08:00',
    '2026-02-29T10:00:00+08:00',
    '2026-03-06T24:00:00+08:00',
    '2026-03-06T17:60:00+08:00',
    '2026-03-06T17:00:00+25:00',
    '2026-03-06',
    '',
  ])('rejects "%s" with InputError naming the field', (input) => {
    try {
      parseInstant(input, 'openedAt');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).field).toBe('openedAt');
    }
  });

  it('agrees with Date.parse on thousands of instants in every written shape', () => {
    let seed = 7;
    const rand = (): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    for (let i = 0; i < 3000; i++) {
      const ms = Math.floor(Date.parse('2000-01-01T00:00:00Z') + rand() * 40 * 365 * 86_400_000);
      const offset = (Math.floor(rand() * 57) - 28) * 30; // −14:00 … +14:00 in half hours
      const local = new Date(ms + offset * 60_000).toISOString().slice(0, 23);
      const abs = Math.abs(offset);
      const off = `${offset < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
      for (const text of [
        `${local}${off}`,
        `${local.slice(0, 19)}${off}`,
        `${local}Z`,
        `${local.slice(0, 19)}Z`,
        `${local}${off.replace(':', '')}`,
      ]) {
        expect(parseInstant(text, 'x'), text).toBe(
          Date.parse(text.length === 28 ? `${local}${off}` : text),
        );
      }
    }
  });

  it('falls back to the general parser for other shapes and still rejects junk', () => {
    expect(parseInstant('2026-03-06T17:00:00.12+08:00', 'x')).toBe(
      Date.parse('2026-03-06T09:00:00.120Z'),
    );
    expect(() => parseInstant('2026-03-06T17:00:00+08:0x', 'x')).toThrow(InputError);
    expect(() => parseInstant('2026-03-06T17:00:00.abc+08:00', 'x')).toThrow(InputError);
    expect(() => parseInstant('2026-03-06T17:00:00+08:00 ', 'x')).toThrow(InputError);
    expect(() => parseInstant(42 as unknown as string, 'x')).toThrow(InputError);
  });

  it('says when only the offset is missing', () => {
    expect(() => parseInstant('2026-03-06T17:00:00', 'openedAt')).toThrow(/offset is missing/);
  });

  it('toEpochMs takes Date, number and ISO strings', () => {
    const ms = Date.parse('2026-03-06T09:00:00Z');
    expect(toEpochMs(new Date(ms), 'now')).toBe(ms);
    expect(toEpochMs(ms, 'now')).toBe(ms);
    expect(toEpochMs('2026-03-06T17:00:00+08:00', 'now')).toBe(ms);
    expect(() => toEpochMs(new Date('nope'), 'now')).toThrow(InputError);
    expect(() => toEpochMs(Number.NaN, 'now')).toThrow(InputError);
  });
});

describe('zone arithmetic agrees with luxon', () => {
  const zones = [
    'Asia/Shanghai',
    'America/New_York',
    'Europe/Berlin',
    'Australia/Adelaide',
    'Asia/Kathmandu',
    'UTC',
  ];

  it.each(zones)('%s: offsets and formatting over two years, every 7 h 13 min', (name) => {
    const zone = siteZone(name);
    const start = Date.parse('2025-01-01T00:00:00Z');
    const end = Date.parse('2027-01-01T00:00:00Z');
    for (let t = start; t < end; t += (7 * 60 + 13) * 60_000) {
      const dt = DateTime.fromMillis(t, { zone: name });
      expect(offsetAt(zone, t)).toBe(dt.offset);
      expect(formatInZone(zone, t)).toBe(
        dt.toISO({ includeOffset: true })!.replace(/Z$/, '+00:00'),
      );
    }
  });

  it.each(zones)('%s: exact around transitions', (name) => {
    const zone = siteZone(name);
    for (const iso of [
      '2026-03-08T06:59:59Z',
      '2026-03-08T07:00:00Z',
      '2026-03-29T00:59:59Z',
      '2026-03-29T01:00:00Z',
      '2026-04-04T16:29:59Z',
      '2026-04-04T16:30:00Z',
      '2026-10-25T01:00:00Z',
    ]) {
      const t = Date.parse(iso);
      expect(offsetAt(zone, t), iso).toBe(DateTime.fromMillis(t, { zone: name }).offset);
    }
  });

  it('wall time to instant, including a skipped and a repeated hour', () => {
    const ny = siteZone('America/New_York');
    const wall = (s: string): number => Date.parse(`${s}Z`);
    expect(wallToEpoch(ny, wall('2026-03-09T09:00:00'))).toBe(
      Date.parse('2026-03-09T09:00:00-04:00'),
    );
    expect(wallToEpoch(ny, wall('2026-03-06T09:00:00'))).toBe(
      Date.parse('2026-03-06T09:00:00-05:00'),
    );
    // 02:30 does not exist on 2026-03-08: like luxon, move forward past the gap.
    expect(wallToEpoch(ny, wall('2026-03-08T02:30:00'))).toBe(
      Date.parse('2026-03-08T03:30:00-04:00'),
    );
    // 01:30 happens twice on 2026-11-01: either occurrence is a real 01:30.
    const repeated = wallToEpoch(ny, wall('2026-11-01T01:30:00'));
    expect([
      Date.parse('2026-11-01T01:30:00-04:00'),
      Date.parse('2026-11-01T01:30:00-05:00'),
    ]).toContain(repeated);
    expect(epochToWall(ny, Date.parse('2026-03-09T13:00:00Z'))).toBe(wall('2026-03-09T09:00:00'));
  });

  it('unknown zones are InputErrors on timeZone', () => {
    expect(() => siteZone('Mars/Olympus')).toThrow(InputError);
    expect(() => siteZone('')).toThrow(/not an IANA time zone/);
  });
});
