/**
 * Wall-clock ↔ instant conversions in a named IANA zone, for forms where the engineer types a
 * time as it reads on the customer's site (check-in, an incident's first contact), whatever zone
 * the laptop is set to.
 */
import { DateTime } from 'luxon';

/** A wall-clock reading (month 1–12), as shown by a date-time picker. */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/**
 * The instant at which `zone`'s clocks show `wall`, as ISO-8601 with that zone's offset
 * (e.g. `2026-03-06T17:00:00.000+08:00`). A reading that falls in a daylight-saving gap is moved
 * forward by the gap (luxon's rule), so the result always exists. Throws on an unknown zone.
 */
export function wallClockToInstant(wall: WallClock, zone: string): string {
  const dt = DateTime.fromObject({ ...wall, second: 0, millisecond: 0 }, { zone });
  if (!dt.isValid)
    throw new Error(`Invalid wall-clock time in ${zone}: ${dt.invalidExplanation ?? ''}`);
  return dt.toISO({ suppressMilliseconds: false });
}

/** What `zone`'s clocks show at `iso` (any offset accepted). */
export function instantToWallClock(iso: string, zone: string): WallClock {
  const dt = DateTime.fromISO(iso, { setZone: true }).setZone(zone);
  if (!dt.isValid) throw new Error(`Invalid instant or zone: ${iso} in ${zone}`);
  return { year: dt.year, month: dt.month, day: dt.day, hour: dt.hour, minute: dt.minute };
}

/** `iso` re-expressed with `zone`'s offset, so the stored value records where it happened. */
export function instantInZone(iso: string, zone: string): string {
  return DateTime.fromISO(iso, { setZone: true }).setZone(zone).toISO()!;
}

/**
 * Whether a second reading in `otherZone` is worth showing next to `zone`'s: true when the two
 * zones' UTC offsets differ at `iso` (zones with different names but the same offset read alike).
 */
export function offsetsDiffer(iso: string, zone: string, otherZone: string): boolean {
  const at = DateTime.fromISO(iso, { setZone: true });
  return at.setZone(zone).offset !== at.setZone(otherZone).offset;
}

/** The laptop's IANA zone as the renderer sees it. */
export function laptopTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** Short label of `zone` at `iso`, e.g. `Asia/Shanghai (UTC+8)`. */
export function zoneLabel(zone: string, iso: string): string {
  const dt = DateTime.fromISO(iso, { setZone: true }).setZone(zone);
  return `${zone} (UTC${dt.offset === 0 ? '' : dt.toFormat('Z')})`;
}
