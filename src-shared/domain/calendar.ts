/**
 * Holiday calendars: which civil dates are working days at a site.
 *
 * Calendars are data (`HolidayCalendarData`), passed in by the caller so calendars synced from
 * the server can replace the built-in ones; every function defaults to `BUILTIN_CALENDARS`.
 * A year the calendar has no data for falls back to plain weekends and is reported as not
 * published. The `none` calendar is plain weekends and always counts as published.
 */
import type { HolidayCalendarId, IsoDate } from '../db/types';
import type { Localized } from '../policy/types';
import cnCalendarJson from '../policy/calendars/cn.json' with { type: 'json' };
import deCalendarJson from '../policy/calendars/de.json' with { type: 'json' };
import gbCalendarJson from '../policy/calendars/gb.json' with { type: 'json' };
import hkCalendarJson from '../policy/calendars/hk.json' with { type: 'json' };
import jpCalendarJson from '../policy/calendars/jp.json' with { type: 'json' };
import myCalendarJson from '../policy/calendars/my.json' with { type: 'json' };
import sgCalendarJson from '../policy/calendars/sg.json' with { type: 'json' };
import thCalendarJson from '../policy/calendars/th.json' with { type: 'json' };
import usCalendarJson from '../policy/calendars/us.json' with { type: 'json' };
import { InputError } from './errors';

/**
 * A holiday's name. `zh` is absent when the source has no Chinese name (date-holidays translates
 * some holidays only): show it with `holidayNameIn`, which falls back to the English name and
 * says so.
 */
export interface HolidayName {
  zh?: string;
  en: string;
}

export interface CalendarDay {
  date: IsoDate;
  name: HolidayName;
}

/**
 * A holiday's name in `lang`: the Chinese name where the calendar has one, otherwise the English
 * name with `translated: false`, so the caller can mark it (its message catalog says how).
 */
export function holidayNameIn(
  name: HolidayName,
  lang: 'zh' | 'en',
): { text: string; translated: boolean } {
  if (lang === 'en') return { text: name.en, translated: true };
  return name.zh !== undefined
    ? { text: name.zh, translated: true }
    : { text: name.en, translated: false };
}

export interface CalendarYear {
  /** Days off: statutory holidays, including the weekend days inside a holiday block. */
  holidays: CalendarDay[];
  /** Make-up working days (调休): a Saturday or Sunday that is a working day. */
  workdays: CalendarDay[];
}

export interface HolidayCalendarData {
  id: HolidayCalendarId;
  name: Localized;
  /** Where the data came from, e.g. `chinese-days 1.5.7`; informative. */
  source?: string;
  /** Published years, keyed `"2026"`. */
  years: Record<string, CalendarYear>;
}

export type DayKindReason = 'workday' | 'weekend' | 'holiday' | 'make-up-workday';

export interface DayKind {
  working: boolean;
  reason: DayKindReason;
  /** Name of the holiday, or of the holiday a make-up working day belongs to. */
  name?: HolidayName;
  /** False when the calendar has no data for the year: the answer is a weekend-only guess. */
  published: boolean;
}

export const CN_CALENDAR = cnCalendarJson as HolidayCalendarData;

export const SG_CALENDAR = sgCalendarJson as HolidayCalendarData;

/**
 * Mainland China (with 调休) first, then the countries generated from date-holidays; `none`
 * needs no data. Every id of HOLIDAY_CALENDAR_IDS but `none` is here (a test checks).
 */
export const BUILTIN_CALENDARS: readonly HolidayCalendarData[] = [
  CN_CALENDAR,
  SG_CALENDAR,
  hkCalendarJson as HolidayCalendarData,
  myCalendarJson as HolidayCalendarData,
  thCalendarJson as HolidayCalendarData,
  jpCalendarJson as HolidayCalendarData,
  deCalendarJson as HolidayCalendarData,
  gbCalendarJson as HolidayCalendarData,
  usCalendarJson as HolidayCalendarData,
];

export const DAY_MS = 86_400_000;

/*
 * Civil-date arithmetic on day numbers (days since 1970-01-01, proleptic Gregorian), done with
 * integers because the SLA clock's hot path cannot afford Date objects and toISOString. The
 * conversion counts 400-year eras of 146 097 days from 0000-03-01, so leap days fall at the
 * end of each computed year.
 */

/** Days since 1970-01-01 of a civil date. */
export function dayNumberOf(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = month > 2 ? month - 3 : month + 9;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** Year, month (1–12) and day of a day number. */
export function civilOfDayNumber(dayNumber: number): [year: number, month: number, day: number] {
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

/** Two-digit strings "00"–"99", so formatting needs no padStart. */
export const PAD2: readonly string[] = Array.from({ length: 100 }, (_, i) =>
  i < 10 ? `0${i}` : String(i),
);

/** The civil date `yyyy-MM-dd` of a day number (years 0–9999). */
export function isoDateOfDayNumber(dayNumber: number): IsoDate {
  const [y, m, d] = civilOfDayNumber(dayNumber);
  return `${String(y).padStart(4, '0')}-${PAD2[m]}-${PAD2[d]}`;
}

export function yearOfDayNumber(dayNumber: number): number {
  return civilOfDayNumber(dayNumber)[0];
}

/** Days in `month` (1–12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

const ISO_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Day number of a strict `yyyy-MM-dd` date; throws InputError for anything else. */
export function parseIsoDate(date: string, field = 'date'): number {
  const m = ISO_DATE_RE.exec(date);
  if (m) {
    const dn = dayNumberOf(Number(m[1]), Number(m[2]), Number(m[3]));
    if (isoDateOfDayNumber(dn) === date) return dn;
  }
  throw new InputError(`${field}: expected a calendar date yyyy-MM-dd, got "${date}"`, field);
}

/** 0 = Sunday … 6 = Saturday. 1970-01-01 was a Thursday. */
function weekdayOf(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

const WORKING = 1;
const PUBLISHED = 2;

/**
 * A calendar prepared for fast lookups: the SLA clock asks about thousands of days per second,
 * so dates are day numbers in Maps and each answer is memoised as two bits.
 */
export interface CalendarView {
  readonly id: HolidayCalendarId;
  /** Bit 1: working day; bit 2: the year is published. */
  dayBits(dayNumber: number): number;
  holidayName(dayNumber: number): HolidayName | undefined;
  makeUpName(dayNumber: number): HolidayName | undefined;
  publishedYears(): number[];
}

class WeekendOnlyView implements CalendarView {
  constructor(
    readonly id: HolidayCalendarId,
    private readonly published: boolean,
  ) {}
  dayBits(dayNumber: number): number {
    const wd = weekdayOf(dayNumber);
    return (wd === 0 || wd === 6 ? 0 : WORKING) | (this.published ? PUBLISHED : 0);
  }
  holidayName(): undefined {
    return undefined;
  }
  makeUpName(): undefined {
    return undefined;
  }
  publishedYears(): number[] {
    return [];
  }
}

const MEMO_LIMIT = 100_000;

class PublishedCalendarView implements CalendarView {
  readonly id: HolidayCalendarId;
  private readonly years = new Set<number>();
  private readonly holidays = new Map<number, HolidayName>();
  private readonly workdays = new Map<number, HolidayName>();
  private readonly memo = new Map<number, number>();

  constructor(data: HolidayCalendarData) {
    this.id = data.id;
    for (const [yearKey, year] of Object.entries(data.years)) {
      this.years.add(Number(yearKey));
      for (const d of year.holidays) this.holidays.set(parseIsoDate(d.date), d.name);
      for (const d of year.workdays) this.workdays.set(parseIsoDate(d.date), d.name);
    }
  }

  dayBits(dayNumber: number): number {
    const hit = this.memo.get(dayNumber);
    if (hit !== undefined) return hit;
    let bits: number;
    if (!this.years.has(yearOfDayNumber(dayNumber))) {
      const wd = weekdayOf(dayNumber);
      bits = wd === 0 || wd === 6 ? 0 : WORKING;
    } else if (this.holidays.has(dayNumber)) {
      bits = PUBLISHED;
    } else if (this.workdays.has(dayNumber)) {
      bits = PUBLISHED | WORKING;
    } else {
      const wd = weekdayOf(dayNumber);
      bits = PUBLISHED | (wd === 0 || wd === 6 ? 0 : WORKING);
    }
    if (this.memo.size >= MEMO_LIMIT) this.memo.clear();
    this.memo.set(dayNumber, bits);
    return bits;
  }

  holidayName(dayNumber: number): HolidayName | undefined {
    return this.holidays.get(dayNumber);
  }

  makeUpName(dayNumber: number): HolidayName | undefined {
    return this.workdays.get(dayNumber);
  }

  publishedYears(): number[] {
    return [...this.years].sort((a, b) => a - b);
  }
}

const NONE_VIEW = new WeekendOnlyView('none', true);
const viewsByData = new WeakMap<HolidayCalendarData, CalendarView>();

/**
 * The lookup view of `calendarId` among `calendars`. An id with no data in the list (for example
 * `cn` when a caller passes only its own calendars) answers weekends only, unpublished.
 */
export function calendarView(
  calendarId: HolidayCalendarId,
  calendars: readonly HolidayCalendarData[] = BUILTIN_CALENDARS,
): CalendarView {
  if (calendarId === 'none') return NONE_VIEW;
  const data = calendars.find((c) => c.id === calendarId);
  if (!data) return new WeekendOnlyView(calendarId, false);
  let view = viewsByData.get(data);
  if (!view) {
    view = new PublishedCalendarView(data);
    viewsByData.set(data, view);
  }
  return view;
}

export function isWorkingBits(bits: number): boolean {
  return (bits & WORKING) !== 0;
}

export function isPublishedBits(bits: number): boolean {
  return (bits & PUBLISHED) !== 0;
}

/** What kind of day `date` (yyyy-MM-dd, the site's civil date) is under `calendar`. */
export function dayKind(
  date: IsoDate,
  calendar: HolidayCalendarId,
  calendars?: readonly HolidayCalendarData[],
): DayKind {
  const dn = parseIsoDate(date);
  const view = calendarView(calendar, calendars);
  const bits = view.dayBits(dn);
  const published = isPublishedBits(bits);
  const working = isWorkingBits(bits);
  if (published) {
    const holiday = view.holidayName(dn);
    if (holiday) return { working: false, reason: 'holiday', name: holiday, published };
    const makeUp = view.makeUpName(dn);
    if (makeUp) return { working: true, reason: 'make-up-workday', name: makeUp, published };
  }
  return { working, reason: working ? 'workday' : 'weekend', published };
}

/**
 * The next `count` holidays of `calendar` on or after `from` (the site's civil date), in date
 * order, from the published years only (a weekend-only guess has no holidays to name).
 */
export function upcomingHolidays(
  calendar: HolidayCalendarId,
  from: IsoDate,
  count: number,
  calendars: readonly HolidayCalendarData[] = BUILTIN_CALENDARS,
): CalendarDay[] {
  const data = calendars.find((c) => c.id === calendar);
  if (data === undefined) return [];
  const firstYear = Number(from.slice(0, 4));
  const out: CalendarDay[] = [];
  for (const year of Object.keys(data.years)
    .map(Number)
    .sort((a, b) => a - b)) {
    if (year < firstYear) continue;
    const days = [...data.years[String(year)]!.holidays].sort((a, b) => (a.date < b.date ? -1 : 1));
    for (const day of days) {
      if (day.date < from) continue;
      out.push(day);
      if (out.length >= count) return out;
    }
  }
  return out;
}

/** Years `calendarId` has published data for, ascending; `none` has no data (and needs none). */
export function publishedYears(
  calendarId: HolidayCalendarId,
  calendars?: readonly HolidayCalendarData[],
): number[] {
  return calendarView(calendarId, calendars).publishedYears();
}

/**
 * Checks that `data` is a usable calendar (for calendars synced from the server): shape,
 * strict dates inside their year, no date both a holiday and a make-up working day.
 */
export function validateHolidayCalendar(
  data: unknown,
): { ok: true; calendar: HolidayCalendarData } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  const isObj = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  const isLocalized = (v: unknown): boolean =>
    isObj(v) && typeof v.zh === 'string' && typeof v.en === 'string';
  if (!isObj(data)) return { ok: false, errors: ['/: must be an object'] };
  if (data.id !== 'cn' && data.id !== 'none') errors.push('/id: must be "cn" or "none"');
  if (!isLocalized(data.name)) errors.push('/name: must be {zh, en}');
  if (data.source !== undefined && typeof data.source !== 'string')
    errors.push('/source: must be a string');
  if (!isObj(data.years)) {
    errors.push('/years: must be an object keyed by year');
  } else {
    for (const [yearKey, year] of Object.entries(data.years)) {
      const base = `/years/${yearKey}`;
      if (!/^\d{4}$/.test(yearKey)) errors.push(`${base}: key must be a four-digit year`);
      if (!isObj(year)) {
        errors.push(`${base}: must be {holidays, workdays}`);
        continue;
      }
      const seen = new Map<string, string>();
      for (const list of ['holidays', 'workdays'] as const) {
        const days = year[list];
        if (!Array.isArray(days)) {
          errors.push(`${base}/${list}: must be an array`);
          continue;
        }
        days.forEach((d: unknown, i) => {
          const at = `${base}/${list}/${i}`;
          if (!isObj(d) || typeof d.date !== 'string' || !ISO_DATE_RE.test(d.date)) {
            errors.push(`${at}: needs a date yyyy-MM-dd`);
            return;
          }
          try {
            parseIsoDate(d.date);
          } catch {
            errors.push(`${at}: ${d.date} is not a real date`);
            return;
          }
          if (!d.date.startsWith(`${yearKey}-`))
            errors.push(`${at}: ${d.date} is not in ${yearKey}`);
          if (!isLocalized(d.name)) errors.push(`${at}: name must be {zh, en}`);
          const other = seen.get(d.date);
          if (other !== undefined && other !== list)
            errors.push(`${at}: ${d.date} is both a holiday and a make-up working day`);
          seen.set(d.date, list);
        });
      }
    }
  }
  return errors.length === 0
    ? { ok: true, calendar: data as unknown as HolidayCalendarData }
    : { ok: false, errors };
}
