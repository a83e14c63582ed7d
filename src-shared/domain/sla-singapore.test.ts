/*
 * The SLA clock at a Singapore site (issue 12): the site's calendar `sg` (public holidays from
 * date-holidays) decides the working days, not mainland China's. Expected values worked out by
 * hand: dce-support standard level 2 is 8 business hours on 5x8 (09:00–18:00 site time).
 * Singapore 2026: Chinese New Year Tue 17 and Wed 18 Feb; Good Friday 3 Apr; National Day Sun
 * 9 Aug with its substitute day Mon 10 Aug. Mainland China 2026: 清明 Sat 4 – Mon 6 Apr, and
 * 10 Aug and 3 Apr are ordinary working days there.
 */
import { describe, expect, it } from 'vitest';
import type { HolidayCalendarId } from '../db/types';
import { HOLIDAY_CALENDAR_IDS } from '../db/types';
import { BUILTIN_CALENDARS, dayKind, publishedYears } from './calendar';
import { businessMsBetween, computeDue } from './sla';

const HOUR = 3_600_000;

function dueAt(openedAt: string, calendar: HolidayCalendarId): string | null {
  return computeDue({
    packId: 'dce-support',
    tier: 'standard',
    level: '2',
    openedAt,
    timeZone: 'Asia/Singapore',
    calendar,
  }).dueAt;
}

describe('Singapore site calendar (sg)', () => {
  it('Friday 17:00 before National Day’s substitute Monday: 1 h Friday, 7 h Tuesday → Tue 16:00', () => {
    expect(dueAt('2026-08-07T17:00:00+08:00', 'sg')).toBe('2026-08-11T16:00:00.000+08:00');
    // Weekends only, or mainland China's calendar: Monday is a working day.
    expect(dueAt('2026-08-07T17:00:00+08:00', 'none')).toBe('2026-08-10T16:00:00.000+08:00');
    expect(dueAt('2026-08-07T17:00:00+08:00', 'cn')).toBe('2026-08-10T16:00:00.000+08:00');
  });

  it('Thursday 14:00 before Good Friday: 4 h Thursday, weekend, 4 h Monday → Mon 13:00', () => {
    expect(dueAt('2026-04-02T14:00:00+08:00', 'sg')).toBe('2026-04-06T13:00:00.000+08:00');
    // In mainland China Good Friday is a working day and 清明 takes Monday: Fri 13:00.
    expect(dueAt('2026-04-02T14:00:00+08:00', 'cn')).toBe('2026-04-03T13:00:00.000+08:00');
  });

  it('Monday 15:00 before Chinese New Year: 3 h Monday, Tue and Wed off, 5 h Thursday → Thu 14:00', () => {
    expect(dueAt('2026-02-16T15:00:00+08:00', 'sg')).toBe('2026-02-19T14:00:00.000+08:00');
  });

  it('opened on a Saturday: the clock starts Monday 09:00, due Monday 17:00', () => {
    const r = computeDue({
      packId: 'dce-support',
      tier: 'standard',
      level: '2',
      openedAt: '2026-03-07T10:00:00+08:00',
      timeZone: 'Asia/Singapore',
      calendar: 'sg',
    });
    expect(r.clockStartAt).toBe('2026-03-09T09:00:00.000+08:00');
    expect(r.dueAt).toBe('2026-03-09T17:00:00.000+08:00');
    expect(r.missingCalendarYears).toEqual([]);
  });

  it('business time Friday 09:00 → Tuesday 18:00 around National Day is Friday and Tuesday: 18 h', () => {
    const options = { coverage: '5x8', timeZone: 'Asia/Singapore', calendar: 'sg' } as const;
    expect(
      businessMsBetween('2026-08-07T09:00:00+08:00', '2026-08-11T18:00:00+08:00', options),
    ).toBe(18 * HOUR);
    expect(
      businessMsBetween('2026-08-07T09:00:00+08:00', '2026-08-11T18:00:00+08:00', {
        ...options,
        calendar: 'none',
      }),
    ).toBe(27 * HOUR);
  });

  it('names the day: a public holiday, its substitute day, a weekend', () => {
    expect(dayKind('2026-08-10', 'sg')).toMatchObject({ working: false, reason: 'holiday' });
    expect(dayKind('2026-08-10', 'sg').name?.en).toMatch(/National Day/);
    expect(dayKind('2026-08-08', 'sg')).toMatchObject({ working: false, reason: 'weekend' });
    expect(dayKind('2026-08-11', 'sg')).toMatchObject({ working: true, reason: 'workday' });
  });
});

describe('built-in calendars', () => {
  it('every selectable calendar but `none` has data, 2025–2030 for the date-holidays ones', () => {
    const ids = BUILTIN_CALENDARS.map((c) => c.id).sort();
    expect(ids).toEqual(HOLIDAY_CALENDAR_IDS.filter((id) => id !== 'none').sort());
    for (const c of BUILTIN_CALENDARS.filter((c) => c.id !== 'cn')) {
      expect(publishedYears(c.id), c.id).toEqual([2025, 2026, 2027, 2028, 2029, 2030]);
      expect(c.source, c.id).toMatch(/^date-holidays \d/);
    }
  });
});
