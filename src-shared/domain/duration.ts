import type { Lang } from './localized';

const MINUTE_MS = 60_000;

/**
 * A duration as hours and minutes, e.g. "2 小时 05 分" / "2 h 05 min"; a negative duration is
 * shown in its overdue form ("超时 2 小时 05 分" / "2 h 05 min overdue").
 *
 * Rounding is conservative for an SLA display: time left is rounded down (30 s left shows
 * "0 min"), time overdue is rounded up (30 s late shows "1 min overdue"). Hours are not folded
 * into days because the figures are usually business time, where a "day" would mislead.
 */
export function formatDurationMs(ms: number, lang: Lang): string {
  if (!Number.isFinite(ms)) throw new RangeError(`not a finite duration: ${ms}`);
  const overdue = ms < 0;
  const totalMinutes = overdue ? Math.ceil(-ms / MINUTE_MS) : Math.floor(ms / MINUTE_MS);
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  let body: string;
  if (lang === 'zh') {
    body = hours > 0 ? `${hours} 小时 ${String(minutes).padStart(2, '0')} 分` : `${minutes} 分`;
    return overdue ? `超时 ${body}` : body;
  }
  body = hours > 0 ? `${hours} h ${String(minutes).padStart(2, '0')} min` : `${minutes} min`;
  return overdue ? `${body} overdue` : body;
}
