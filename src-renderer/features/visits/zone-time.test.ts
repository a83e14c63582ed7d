import { describe, expect, it } from 'vitest';
import {
  instantInZone,
  instantToWallClock,
  offsetsDiffer,
  wallClockToInstant,
  zoneLabel,
} from './zone-time';

describe('zone-time', () => {
  it('reads a wall-clock time in the site zone, not the laptop zone', () => {
    const wall = { year: 2026, month: 3, day: 6, hour: 17, minute: 0 };
    expect(wallClockToInstant(wall, 'Asia/Shanghai')).toBe('2026-03-06T17:00:00.000+08:00');
    expect(wallClockToInstant(wall, 'America/New_York')).toBe('2026-03-06T17:00:00.000-05:00');
    expect(wallClockToInstant(wall, 'Asia/Kolkata')).toBe('2026-03-06T17:00:00.000+05:30');
  });

  it('moves a reading inside a daylight-saving gap forward', () => {
    // 2026-03-08 02:30 does not exist in New York (clocks jump 02:00 → 03:00).
    const iso = wallClockToInstant(
      { year: 2026, month: 3, day: 8, hour: 2, minute: 30 },
      'America/New_York',
    );
    expect(iso).toBe('2026-03-08T03:30:00.000-04:00');
  });

  it('round-trips an instant to the wall clock of another zone', () => {
    expect(instantToWallClock('2026-03-06T09:00:00.000Z', 'Asia/Shanghai')).toEqual({
      year: 2026,
      month: 3,
      day: 6,
      hour: 17,
      minute: 0,
    });
    expect(instantInZone('2026-03-06T09:00:00.000Z', 'Europe/Berlin')).toBe(
      '2026-03-06T10:00:00.000+01:00',
    );
  });

  it('compares offsets at the instant, not zone names', () => {
    expect(offsetsDiffer('2026-03-06T09:00:00Z', 'Asia/Shanghai', 'Asia/Hong_Kong')).toBe(false);
    expect(offsetsDiffer('2026-03-06T09:00:00Z', 'Asia/Shanghai', 'Europe/Berlin')).toBe(true);
    // London and Lisbon share an offset all year; Berlin and London differ by one hour.
    expect(offsetsDiffer('2026-07-01T09:00:00Z', 'Europe/London', 'Europe/Lisbon')).toBe(false);
  });

  it('labels a zone with its offset at the instant', () => {
    expect(zoneLabel('Asia/Shanghai', '2026-03-06T09:00:00Z')).toBe('Asia/Shanghai (UTC+8)');
    expect(zoneLabel('Asia/Kolkata', '2026-03-06T09:00:00Z')).toBe('Asia/Kolkata (UTC+5:30)');
    expect(zoneLabel('UTC', '2026-03-06T09:00:00Z')).toBe('UTC (UTC)');
    expect(zoneLabel('Europe/Berlin', '2026-07-01T09:00:00Z')).toBe('Europe/Berlin (UTC+2)');
  });
});
