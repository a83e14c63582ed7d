/** Display formatting for the deliverables: instants in the site's zone, values, limits. */
import type { Lang } from '../domain/localized';
import { formatInZone, parseInstant, siteZone } from '../domain/sla-zone';
import type { Threshold } from '../policy/templates/types';
import { reportMessages } from './report-messages';

/**
 * `2026-03-06 15:00 (UTC+08:00)`: the instant on the wall clock of `timeZone` (the site's
 * zone, never the machine's). Throws InputError for a malformed instant or zone.
 */
export function formatInstant(iso: string, timeZone: string): string {
  const local = formatInZone(siteZone(timeZone), parseInstant(iso, 'instant'));
  const date = local.slice(0, 10);
  const time = local.slice(11, 16);
  const offset = /([+-]\d\d:\d\d|Z)$/.exec(local)?.[1] ?? '';
  return `${date} ${time} (UTC${offset === 'Z' ? '+00:00' : offset})`;
}

/** Up to one decimal, without trailing zeros: 82, 82.5, 0.3. */
export function formatNumber(n: number): string {
  const r = Math.round(n * 10) / 10;
  return Number.isInteger(r) ? String(r) : r.toFixed(1);
}

const UNITS: Record<Lang, Record<string, string>> = {
  zh: { '%': '%', days: ' 天', h: ' 小时', ms: ' ms', count: '' },
  en: { '%': ' %', days: ' days', h: ' h', ms: ' ms', count: '' },
};

export function formatValue(value: number, unit: string | undefined, lang: Lang): string {
  const suffix = unit === undefined ? '' : (UNITS[lang][unit] ?? ` ${unit}`);
  return `${formatNumber(value)}${suffix}`;
}

const OPS: Record<string, string> = { '>': '>', '>=': '≥', '<': '<', '<=': '≤' };

/** `警告 ≥75%；异常 ≥85%` / `warn ≥75 %; fail ≥85 %`; '' without a threshold. */
export function thresholdText(
  t: Threshold | undefined,
  unit: string | undefined,
  lang: Lang,
): string {
  if (!t) return '';
  const m = reportMessages(lang);
  const parts: string[] = [];
  if (t.warn) parts.push(`${m.warnAbbr} ${OPS[t.warn.op]}${formatValue(t.warn.value, unit, lang)}`);
  if (t.fail) parts.push(`${m.failAbbr} ${OPS[t.fail.op]}${formatValue(t.fail.value, unit, lang)}`);
  return parts.join(lang === 'zh' ? '；' : '; ');
}

/** `text（note）` in Chinese, `text (note)` in English. */
export function withNote(text: string, note: string, lang: Lang): string {
  return lang === 'zh' ? `${text}（${note}）` : `${text} (${note})`;
}

/** Whole minutes as `2 小时 05 分` / `2 h 05 min`; negative as overdue. */
export { formatDurationMs } from '../domain/duration';
