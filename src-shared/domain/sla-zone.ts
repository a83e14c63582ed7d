/**
 * Wall-clock arithmetic in a site's IANA time zone, fast enough for the SLA clock's hot path.
 *
 * luxon answers every offset question correctly but costs ~8 µs per call (Intl formatting);
 * the SLA clock asks several per computed day. So each zone keeps, per UTC day, the offset at
 * the day's start and end and — on the rare days they differ — the exact transition instant,
 * found once by bisection with luxon. Every later question is a Map lookup. This assumes at most
 * one offset transition per UTC day, which holds for every zone in use since 1970.
 */
import { IANAZone } from 'luxon';
import type { IsoInstant } from '../db/types';
import { DAY_MS, PAD2, civilOfDayNumber, dayNumberOf, daysInMonth } from './calendar';
import { InputError } from './errors';

const MINUTE_MS = 60_000;

interface UtcDayOffsets {
  /** Offset (minutes) from the start of the UTC day … */
  before: number;
  /** … and from `transition` (ms) on; `transition` is Infinity on days without a change. */
  after: number;
  transition: number;
}

export interface SiteZone {
  readonly name: string;
  readonly days: Map<number, UtcDayOffsets>;
  /** Instants of local wall-clock minutes, keyed `dayNumber * 1441 + minuteOfDay`. */
  readonly walls: Map<number, number>;
  readonly luxon: IANAZone;
}

const zones = new Map<string, SiteZone>();
const DAYS_LIMIT = 50_000;

/** The zone helper for an IANA name; throws InputError (field `timeZone`) for an unknown zone. */
export function siteZone(name: string, field = 'timeZone'): SiteZone {
  const hit = zones.get(name);
  if (hit) return hit;
  if (typeof name !== 'string' || name === '' || !IANAZone.isValidZone(name)) {
    throw new InputError(`${field}: "${String(name)}" is not an IANA time zone`, field);
  }
  const zone: SiteZone = { name, days: new Map(), walls: new Map(), luxon: IANAZone.create(name) };
  zones.set(name, zone);
  return zone;
}

function computeDay(zone: SiteZone, utcDay: number): UtcDayOffsets {
  const start = utcDay * DAY_MS;
  const end = start + DAY_MS;
  const before = zone.luxon.offset(start);
  const after = zone.luxon.offset(end);
  if (before === after) return { before, after, transition: Infinity };
  // Transitions fall on whole minutes: bisect the minute the new offset starts.
  let lo = 0; // offset at start + lo minutes is `before`
  let hi = 1440; // offset at start + hi minutes is `after`
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (zone.luxon.offset(start + mid * MINUTE_MS) === before) lo = mid;
    else hi = mid;
  }
  return { before, after, transition: start + hi * MINUTE_MS };
}

/** UTC offset in minutes in force at epoch `ms`. */
export function offsetAt(zone: SiteZone, ms: number): number {
  const utcDay = Math.floor(ms / DAY_MS);
  let d = zone.days.get(utcDay);
  if (!d) {
    d = computeDay(zone, utcDay);
    if (zone.days.size >= DAYS_LIMIT) zone.days.clear();
    zone.days.set(utcDay, d);
  }
  return ms < d.transition ? d.before : d.after;
}

/**
 * The instant a local wall-clock time (`localMs` = that wall time read as if it were UTC)
 * occurs. A time skipped by a spring-forward gap maps to the instant after the gap (as luxon
 * does); a time repeated by a fall-back maps to one of its two occurrences.
 */
export function wallToEpoch(zone: SiteZone, localMs: number): number {
  const guess = offsetAt(zone, localMs);
  const o1 = offsetAt(zone, localMs - guess * MINUTE_MS);
  const c1 = localMs - o1 * MINUTE_MS;
  const o2 = offsetAt(zone, c1);
  if (o2 === o1) return c1;
  const c2 = localMs - o2 * MINUTE_MS;
  if (offsetAt(zone, c2) === o2) return c2;
  return Math.max(c1, c2);
}

/**
 * The instant of minute `minuteOfDay` (0–1440; 1440 is the next midnight) of local day
 * `dayNumber`; memoised because the SLA clock asks for the same window edges again and again.
 */
export function wallMinuteToEpoch(zone: SiteZone, dayNumber: number, minuteOfDay: number): number {
  const key = dayNumber * 1441 + minuteOfDay;
  const hit = zone.walls.get(key);
  if (hit !== undefined) return hit;
  const ms = wallToEpoch(zone, dayNumber * DAY_MS + minuteOfDay * MINUTE_MS);
  if (zone.walls.size >= DAYS_LIMIT * 4) zone.walls.clear();
  zone.walls.set(key, ms);
  return ms;
}

/** Local wall time of epoch `ms`, read as if it were UTC (so UTC getters give local fields). */
export function epochToWall(zone: SiteZone, ms: number): number {
  return ms + offsetAt(zone, ms) * MINUTE_MS;
}

const PAD3: readonly string[] = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));

/** ISO-8601 with milliseconds and the zone's offset, e.g. `2026-03-09T16:00:00.000+08:00`. */
export function formatInZone(zone: SiteZone, ms: number): IsoInstant {
  const offset = offsetAt(zone, ms);
  const local = ms + offset * MINUTE_MS;
  const dn = Math.floor(local / DAY_MS);
  let rest = local - dn * DAY_MS;
  const [y, mo, d] = civilOfDayNumber(dn);
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const mi = Math.floor(rest / MINUTE_MS);
  rest -= mi * MINUTE_MS;
  const s = Math.floor(rest / 1000);
  const milli = rest - s * 1000;
  const abs = Math.abs(offset);
  const year = y >= 1000 && y <= 9999 ? String(y) : String(y).padStart(4, '0');
  return `${year}-${PAD2[mo]}-${PAD2[d]}T${PAD2[h]}:${PAD2[mi]}:${PAD2[s]}.${PAD3[milli]}${offset < 0 ? '-' : '+'}${PAD2[Math.floor(abs / 60)]}:${PAD2[abs % 60]}`;
}

const ISO_INSTANT_RE =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|z|([+-])(\d{2})(?::?(\d{2}))?)$/;

/** Fields of an instant; `offsetMin` is minutes east of UTC. */
interface InstantFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
  offsetMin: number;
}

/** Value of `n` decimal digits at `i`, or -1 if any is not a digit. */
function digitsAt(s: string, i: number, n: number): number {
  let v = 0;
  for (let k = i; k < i + n; k++) {
    const c = s.charCodeAt(k) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/**
 * The shapes this app itself writes — `yyyy-MM-ddTHH:mm:ss[.SSS](Z|±HH:mm)` — read by position,
 * without a regular expression; null for anything else (which then goes the regex way).
 */
function fastFields(s: string): InstantFields | null {
  const len = s.length;
  if (len !== 20 && len !== 24 && len !== 25 && len !== 29) return null;
  if (s[4] !== '-' || s[7] !== '-' || s[10] !== 'T' || s[13] !== ':' || s[16] !== ':') return null;
  let pos = 19;
  let ms = 0;
  if (s[19] === '.') {
    ms = digitsAt(s, 20, 3);
    if (ms < 0) return null;
    pos = 23;
  }
  let offsetMin: number;
  if (s[pos] === 'Z' && len === pos + 1) {
    offsetMin = 0;
  } else if ((s[pos] === '+' || s[pos] === '-') && s[pos + 3] === ':' && len === pos + 6) {
    const oh = digitsAt(s, pos + 1, 2);
    const om = digitsAt(s, pos + 4, 2);
    if (oh < 0 || om < 0 || oh > 23 || om > 59) return null;
    offsetMin = (s[pos] === '-' ? -1 : 1) * (oh * 60 + om);
  } else {
    return null;
  }
  const f: InstantFields = {
    year: digitsAt(s, 0, 4),
    month: digitsAt(s, 5, 2),
    day: digitsAt(s, 8, 2),
    hour: digitsAt(s, 11, 2),
    minute: digitsAt(s, 14, 2),
    second: digitsAt(s, 17, 2),
    ms,
    offsetMin,
  };
  return f.year < 0 || f.month < 0 || f.day < 0 || f.hour < 0 || f.minute < 0 || f.second < 0
    ? null
    : f;
}

function regexFields(value: string, field: string): InstantFields {
  const m = ISO_INSTANT_RE.exec(value);
  if (!m) {
    const hint = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value)
      ? ' (the offset is missing: add Z or ±HH:mm)'
      : '';
    throw new InputError(
      `${field}: expected an ISO-8601 instant with offset, e.g. 2026-03-06T15:00:00+08:00, got "${value}"${hint}`,
      field,
    );
  }
  let offsetMin = 0;
  if (m[9] !== undefined) {
    const oh = Number(m[10]);
    const om = m[11] === undefined ? 0 : Number(m[11]);
    if (oh > 23 || om > 59) throw new InputError(`${field}: bad offset in "${value}"`, field);
    offsetMin = (m[9] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  return {
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: Number(m[4]),
    minute: Number(m[5]),
    second: m[6] === undefined ? 0 : Number(m[6]),
    ms: m[7] === undefined ? 0 : Math.floor(Number(`0.${m[7]}`) * 1000),
    offsetMin,
  };
}

/**
 * Epoch ms of an ISO-8601 instant that carries its offset (`Z` or `±HH:mm`). A local time
 * without offset is refused: it would silently take the laptop's zone, which is never right.
 */
export function parseInstant(value: string, field: string): number {
  if (typeof value !== 'string') {
    throw new InputError(
      `${field}: expected an ISO-8601 instant with offset, got ${typeof value}`,
      field,
    );
  }
  const f = fastFields(value) ?? regexFields(value, field);
  if (
    f.month < 1 ||
    f.month > 12 ||
    f.day < 1 ||
    f.day > daysInMonth(f.year, f.month) ||
    f.hour > 23 ||
    f.minute > 59 ||
    f.second > 59
  ) {
    throw new InputError(`${field}: "${value}" is not a real date and time`, field);
  }
  const wall =
    dayNumberOf(f.year, f.month, f.day) * DAY_MS +
    ((f.hour * 60 + f.minute) * 60 + f.second) * 1000 +
    f.ms;
  return wall - f.offsetMin * MINUTE_MS;
}

/** Accepts a Date, epoch ms or an ISO instant with offset. */
export function toEpochMs(value: Date | number | IsoInstant, field: string): number {
  if (value instanceof Date) {
    const t = value.getTime();
    if (Number.isNaN(t)) throw new InputError(`${field}: invalid Date`, field);
    return t;
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new InputError(`${field}: not a finite time`, field);
    return value;
  }
  return parseInstant(value, field);
}
