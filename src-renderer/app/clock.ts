/**
 * The laptop's clock, as the documents want it. `createdAt`/`updatedAt` are informative only
 * (sync orders by the server's sequence), so the laptop's wall clock and offset are right here.
 */

function pad(n: number, width = 2): string {
  return String(Math.abs(n)).padStart(width, '0');
}

/** `2026-03-06T15:00:00.000+08:00`: the instant with the laptop's current UTC offset. */
export function toLocalInstant(date: Date): string {
  const offsetMin = -date.getTimezoneOffset();
  const sign = offsetMin >= 0 ? '+' : '-';
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}` +
    `.${pad(date.getMilliseconds(), 3)}` +
    `${sign}${pad(Math.trunc(offsetMin / 60))}:${pad(offsetMin % 60)}`
  );
}

export function nowInstant(): string {
  return toLocalInstant(new Date());
}

/**
 * The calendar date `yyyy-MM-dd` of `date` in `zone` (IANA), or in the laptop's zone without one:
 * "today" at a customer site can differ from the laptop's date.
 */
export function isoDateIn(date: Date, zone?: string): string {
  // en-CA formats dates as yyyy-MM-dd.
  return new Intl.DateTimeFormat('en-CA', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    ...(zone === undefined ? {} : { timeZone: zone }),
  }).format(date);
}

export function todayIsoDate(zone?: string): string {
  return isoDateIn(new Date(), zone);
}
