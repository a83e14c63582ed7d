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
import { DAY_MS } from './calendar';
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
  const zone: SiteZone = { name, days: new Map(), luxon: IANAZone.create(name) };
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

/** Local wall time of epoch `ms`, read as if it were UTC (so UTC getters give local fields). */
export function epochToWall(zone: SiteZone, ms: number): number {
  return ms + offsetAt(zone, ms) * MINUTE_MS;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** ISO-8601 with milliseconds and the zone's offset, e.g. `2026-03-09T16:00:00.000+08:00`. */
export function formatInZone(zone: SiteZone, ms: number): IsoInstant {
  const offset = offsetAt(zone, ms);
  const local = new Date(ms + offset * MINUTE_MS).toISOString().slice(0, 23);
  const abs = Math.abs(offset);
  return `${local}${offset < 0 ? '-' : '+'}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
}

const ISO_INSTANT_RE =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|z|([+-])(\d{2})(?::?(\d{2}))?)$/;

/**
 * Epoch ms of an ISO-8601 instant that carries its offset (`Z` or `±HH:mm`). A local time
 * without offset is refused: it would silently take the laptop's zone, which is never right.
 */
export function parseInstant(value: string, field: string): number {
  const m = typeof value === 'string' ? ISO_INSTANT_RE.exec(value) : null;
  if (!m) {
    const hint =
      typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value)
        ? ' (the offset is missing: add Z or ±HH:mm)'
        : '';
    throw new InputError(
      `${field}: expected an ISO-8601 instant with offset, e.g. 2026-03-06T15:00:00+08:00, got "${String(value)}"${hint}`,
      field,
    );
  }
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const ms = m[7] === undefined ? 0 : Math.floor(Number(`0.${m[7]}`) * 1000);
  let offsetMin = 0;
  if (m[9] !== undefined) {
    const oh = Number(m[10]);
    const om = m[11] === undefined ? 0 : Number(m[11]);
    if (oh > 23 || om > 59) throw new InputError(`${field}: bad offset in "${value}"`, field);
    offsetMin = (m[9] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const wall = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const check = new Date(wall);
  if (
    month < 1 ||
    month > 12 ||
    hour > 23 ||
    minute > 59 ||
    second > 59 ||
    check.getUTCFullYear() !== year ||
    check.getUTCDate() !== day ||
    check.getUTCMonth() !== month - 1
  ) {
    throw new InputError(`${field}: "${value}" is not a real date and time`, field);
  }
  return wall - offsetMin * MINUTE_MS;
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
