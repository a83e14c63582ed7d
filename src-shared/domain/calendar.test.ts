import { createRequire } from 'node:module';
import { getDayDetail, isWorkday } from 'chinese-days';
import { describe, expect, it } from 'vitest';
import type { HolidayCalendarData } from './calendar';
import {
  BUILTIN_CALENDARS,
  CN_CALENDAR,
  civilOfDayNumber,
  dayKind,
  daysInMonth,
  dayNumberOf,
  isoDateOfDayNumber,
  parseIsoDate,
  publishedYears,
  validateHolidayCalendar,
} from './calendar';
import { InputError } from './errors';

const require = createRequire(import.meta.url);
const chineseDaysData = require('chinese-days/dist/chinese-days.json') as {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
};

function datesOfYear(year: number): string[] {
  const out: string[] = [];
  for (let dn = dayNumberOf(year, 1, 1); dn < dayNumberOf(year + 1, 1, 1); dn++) {
    out.push(isoDateOfDayNumber(dn));
  }
  return out;
}

describe('built-in cn calendar data', () => {
  it('ships 2025 and 2026 (all years ≥ 2025 the installed chinese-days knows)', () => {
    const packageYears = [
      ...new Set(
        [...Object.keys(chineseDaysData.holidays), ...Object.keys(chineseDaysData.workdays)]
          .map((d) => Number(d.slice(0, 4)))
          .filter((y) => y >= 2025),
      ),
    ].sort();
    expect(publishedYears('cn')).toEqual(packageYears);
    expect(publishedYears('cn')).toEqual(expect.arrayContaining([2025, 2026]));
  });

  it('equals the chinese-days data entry by entry', () => {
    for (const [yearKey, year] of Object.entries(CN_CALENDAR.years)) {
      for (const [list, source] of [
        [year.holidays, chineseDaysData.holidays],
        [year.workdays, chineseDaysData.workdays],
      ] as const) {
        const expected = Object.keys(source)
          .filter((d) => d.startsWith(`${yearKey}-`))
          .sort()
          .map((date) => {
            const [en, zh] = source[date]!.split(',');
            return { date, name: { zh, en } };
          });
        expect(list).toEqual(expected);
      }
    }
  });

  it('agrees with chinese-days isWorkday on every day of every shipped year', () => {
    for (const year of publishedYears('cn')) {
      for (const date of datesOfYear(year)) {
        const k = dayKind(date, 'cn');
        expect(k.working, date).toBe(isWorkday(date));
        expect(k.published).toBe(true);
        if (k.name) expect(k.name.zh, date).toBe(getDayDetail(date).name.split(',')[1]);
      }
    }
  });

  it('is a valid calendar', () => {
    expect(validateHolidayCalendar(CN_CALENDAR).ok).toBe(true);
    expect(BUILTIN_CALENDARS).toContain(CN_CALENDAR);
  });
});

describe('hand-checked facts (cn)', () => {
  const range = (from: string, to: string): string[] => {
    const out: string[] = [];
    for (let dn = parseIsoDate(from); dn <= parseIsoDate(to); dn++)
      out.push(isoDateOfDayNumber(dn));
    return out;
  };

  it.each([
    ['2025 春节', '2025-01-28', '2025-02-04'],
    ['2025 国庆', '2025-10-01', '2025-10-08'],
    ['2026 春节', '2026-02-15', '2026-02-23'],
    ['2026 国庆', '2026-10-01', '2026-10-07'],
  ])('%s: %s – %s are days off', (_name, from, to) => {
    for (const date of range(from, to)) {
      expect(dayKind(date, 'cn'), date).toMatchObject({ working: false, reason: 'holiday' });
    }
    // The days around the block are working days (or a make-up day).
    const before = isoDateOfDayNumber(parseIsoDate(from) - 1);
    const after = isoDateOfDayNumber(parseIsoDate(to) + 1);
    expect([before, after].map((d) => dayKind(d, 'cn').reason)).not.toContain('holiday');
  });

  it.each([
    ['2025-01-26', 'Sunday', '春节'],
    ['2025-02-08', 'Saturday', '春节'],
    ['2025-09-28', 'Sunday', '国庆节'],
    ['2025-10-11', 'Saturday', '国庆节'],
    ['2026-02-14', 'Saturday', '春节'],
    ['2026-02-28', 'Saturday', '春节'],
    ['2026-09-20', 'Sunday', '国庆节'],
    ['2026-10-10', 'Saturday', '国庆节'],
  ])('%s (%s) is a make-up working day (调休) for %s', (date, weekday, holiday) => {
    expect(
      new Date(`${date}T12:00:00Z`).toLocaleDateString('en-US', {
        weekday: 'long',
        timeZone: 'UTC',
      }),
    ).toBe(weekday);
    expect(dayKind(date, 'cn')).toEqual({
      working: true,
      reason: 'make-up-workday',
      name: { zh: holiday, en: holiday === '春节' ? 'Spring Festival' : 'National Day' },
      published: true,
    });
  });

  it('names holidays in both languages', () => {
    expect(dayKind('2025-10-06', 'cn').name).toEqual({ zh: '中秋', en: 'Mid-autumn Festival' });
    expect(dayKind('2026-01-01', 'cn').name).toEqual({ zh: '元旦', en: "New Year's Day" });
  });

  it('plain days', () => {
    expect(dayKind('2026-03-06', 'cn')).toEqual({
      working: true,
      reason: 'workday',
      published: true,
    });
    expect(dayKind('2026-03-07', 'cn')).toEqual({
      working: false,
      reason: 'weekend',
      published: true,
    });
  });
});

describe('unpublished years and the none calendar', () => {
  it('a year without data falls back to weekends and says it is not published', () => {
    expect(dayKind('2030-10-01', 'cn')).toEqual({
      working: true,
      reason: 'workday',
      published: false,
    });
    expect(dayKind('2030-10-05', 'cn')).toEqual({
      working: false,
      reason: 'weekend',
      published: false,
    });
    expect(dayKind('2024-10-01', 'cn').published).toBe(false);
  });

  it('none = weekends only, always published, no holidays', () => {
    expect(dayKind('2025-10-01', 'none')).toEqual({
      working: true,
      reason: 'workday',
      published: true,
    });
    expect(dayKind('2025-09-28', 'none')).toEqual({
      working: false,
      reason: 'weekend',
      published: true,
    });
    expect(dayKind('2030-01-05', 'none').published).toBe(true);
    expect(publishedYears('none')).toEqual([]);
  });

  it('calendars passed as data replace the built-in ones', () => {
    const synced: HolidayCalendarData = {
      id: 'cn',
      name: { zh: '2027 年日历', en: 'Calendar 2027' },
      years: {
        '2027': {
          holidays: [{ date: '2027-01-01', name: { zh: '元旦', en: "New Year's Day" } }],
          workdays: [],
        },
      },
    };
    expect(publishedYears('cn', [synced])).toEqual([2027]);
    expect(dayKind('2027-01-01', 'cn', [synced])).toMatchObject({
      working: false,
      reason: 'holiday',
    });
    expect(dayKind('2027-01-01', 'cn')).toMatchObject({ working: true, published: false });
    // The built-in years are not in the synced list.
    expect(dayKind('2025-10-01', 'cn', [synced])).toMatchObject({
      working: true,
      published: false,
    });
    // No cn data at all: weekends, unpublished.
    expect(dayKind('2025-10-01', 'cn', [])).toEqual({
      working: true,
      reason: 'workday',
      published: false,
    });
  });
});

describe('dates', () => {
  it('rejects malformed dates with InputError', () => {
    for (const bad of ['2026-02-30', '2026-2-3', '20260203', '2026-13-01', '']) {
      expect(() => dayKind(bad, 'cn'), bad).toThrow(InputError);
    }
  });

  it('integer civil arithmetic agrees with Date for every day 1900–2100', () => {
    const first = Date.UTC(1900, 0, 1) / 86_400_000;
    const last = Date.UTC(2100, 11, 31) / 86_400_000;
    for (let dn = first; dn <= last; dn++) {
      const d = new Date(dn * 86_400_000);
      const ymd: [number, number, number] = [
        d.getUTCFullYear(),
        d.getUTCMonth() + 1,
        d.getUTCDate(),
      ];
      expect(civilOfDayNumber(dn)).toEqual(ymd);
      expect(dayNumberOf(...ymd)).toBe(dn);
    }
    expect(isoDateOfDayNumber(dayNumberOf(2000, 2, 29))).toBe('2000-02-29');
  });

  it('daysInMonth knows leap years', () => {
    expect([2024, 2025, 2000, 1900].map((y) => daysInMonth(y, 2))).toEqual([29, 28, 29, 28]);
    expect([1, 4, 6, 9, 11, 12].map((m) => daysInMonth(2026, m))).toEqual([31, 30, 30, 30, 30, 31]);
  });

  it('day numbers round-trip and weekdays are right across years', () => {
    expect(dayNumberOf(1970, 1, 1)).toBe(0);
    expect(isoDateOfDayNumber(dayNumberOf(2028, 2, 29))).toBe('2028-02-29');
    expect(dayKind('1969-12-28', 'none').reason).toBe('weekend');
    expect(dayKind('1970-01-01', 'none').reason).toBe('workday');
  });
});

describe('validateHolidayCalendar', () => {
  const good = {
    id: 'cn',
    name: { zh: '日历', en: 'Calendar' },
    years: { '2027': { holidays: [], workdays: [] } },
  };

  it('accepts a minimal calendar', () => {
    expect(validateHolidayCalendar(good)).toMatchObject({ ok: true });
  });

  it.each<[string, unknown, RegExp]>([
    ['not an object', 42, /^\/: must be an object/],
    ['bad id', { ...good, id: 'xx' }, /^\/id:/],
    ['missing name', { ...good, name: undefined }, /^\/name:/],
    ['years not an object', { ...good, years: [] }, /^\/years:/],
    ['bad year key', { ...good, years: { '27': { holidays: [], workdays: [] } } }, /four-digit/],
    [
      'date outside its year',
      {
        ...good,
        years: { '2027': { holidays: [{ date: '2028-01-01', name: good.name }], workdays: [] } },
      },
      /is not in 2027/,
    ],
    [
      'impossible date',
      {
        ...good,
        years: { '2027': { holidays: [{ date: '2027-02-30', name: good.name }], workdays: [] } },
      },
      /not a real date/,
    ],
    [
      'holiday and make-up day at once',
      {
        ...good,
        years: {
          '2027': {
            holidays: [{ date: '2027-02-06', name: good.name }],
            workdays: [{ date: '2027-02-06', name: good.name }],
          },
        },
      },
      /both a holiday and a make-up working day/,
    ],
    [
      'workdays missing',
      { ...good, years: { '2027': { holidays: [] } } },
      /\/years\/2027\/workdays: must be an array/,
    ],
  ])('rejects %s', (_name, data, message) => {
    const r = validateHolidayCalendar(data);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.join('\n')).toMatch(message);
  });
});
