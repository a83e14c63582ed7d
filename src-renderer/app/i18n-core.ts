/**
 * Pure parts of the UI translation layer (no React), so they are unit-tested directly.
 *
 * Messages are flat maps `key → text` per language, keys namespaced by feature
 * (`customers.title`, `common.save`). Placeholders are written `{name}` and filled by `params`.
 */
import { pick } from '../../src-shared/domain/localized';

export type Lang = 'zh' | 'en';

export const LANGS: readonly Lang[] = ['zh', 'en'];

/** Chinese is the default language of the product (PRODUCT.md §7). */
export const DEFAULT_LANG: Lang = 'zh';

/** One feature's messages: the same keys in both languages. */
export interface MessageModule {
  readonly zh: Readonly<Record<string, string>>;
  readonly en: Readonly<Record<string, string>>;
}

export type Dictionary = Readonly<Record<string, string>>;

/** A text in both languages (the shape of `Localized` in src-shared/policy). */
export interface LocalizedLike {
  readonly zh: string;
  readonly en: string;
}

/** The BCP 47 tag used for `<html lang>` and `Intl` formatting. */
export function localeTag(lang: Lang): string {
  return lang === 'zh' ? 'zh-CN' : 'en-US';
}

export function isLang(value: unknown): value is Lang {
  return value === 'zh' || value === 'en';
}

/**
 * Merges the modules of one language. A key defined by two modules is a programming error (one
 * would silently hide the other), so it throws.
 */
export function mergeMessages(modules: readonly MessageModule[], lang: Lang): Dictionary {
  const out: Record<string, string> = {};
  for (const module of modules) {
    for (const [key, text] of Object.entries(module[lang])) {
      if (Object.hasOwn(out, key)) throw new Error(`Duplicate message key: ${key}`);
      out[key] = text;
    }
  }
  return out;
}

const PLACEHOLDER = /\{(\w+)\}/g;

/** The placeholder names used in a message, sorted, e.g. `['count', 'name']`. */
export function placeholdersOf(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1] ?? ''))].sort();
}

/**
 * Looks up `key` and fills its placeholders. An unknown key returns the key itself (visible in the
 * UI, so a missing message is noticed rather than rendering blank); a placeholder without a value
 * is left as written for the same reason.
 */
export function translate(
  dict: Dictionary,
  key: string,
  params?: Readonly<Record<string, string | number>>,
): string {
  const text = Object.hasOwn(dict, key) ? dict[key] : undefined;
  if (text === undefined) return key;
  if (params === undefined) return text;
  return text.replace(PLACEHOLDER, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

/**
 * The laptop's IANA time zone (what the operating system is set to; UTC when it names none).
 * Recorded beside the site's zone wherever a time is shown or logged.
 */
export function laptopZone(): string {
  const zone = new Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone === '' || zone === undefined ? 'UTC' : zone;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * One `Intl.DateTimeFormat` per locale and options, reused: building one costs far more than
 * formatting with it, and lists and event logs format hundreds of times per render. The options
 * objects used here have a fixed key order, so their JSON is a stable key.
 */
function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (f === undefined) {
    f = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, f);
  }
  return f;
}

/**
 * Formats an instant for display, always saying its zone: with `zone` (an IANA name, e.g. the
 * site's) the wall-clock time of that zone, otherwise the laptop's, each with its UTC offset
 * ("2026/11/27 GMT+8 02:19"), so no time on screen is read in the wrong zone.
 */
export function formatDateTime(lang: Lang, iso: string, zone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const options: Intl.DateTimeFormatOptions = {
    year: 'numeric',
    month: lang === 'zh' ? '2-digit' : 'short',
    day: lang === 'zh' ? '2-digit' : 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: zone ?? laptopZone(),
    timeZoneName: 'shortOffset',
  };
  return formatter(localeTag(lang), options).format(date);
}

/** The UTC offset of `zone` at `iso` as Intl names it ("GMT+8"): equal offsets read the same. */
function offsetAt(iso: string, zone: string): string {
  const part = formatter('en-US', { timeZone: zone, timeZoneName: 'shortOffset' })
    .formatToParts(new Date(iso))
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? zone;
}

/**
 * An instant where a site is concerned: the site's time first and, when the laptop is in another
 * offset at that instant, the laptop's time second (`withLaptop` joins them, e.g.
 * "{site}（本机 {laptop}）"). Without a site zone, the laptop's time with its offset.
 */
export function formatSiteDateTime(
  lang: Lang,
  iso: string,
  siteZone: string | undefined,
  withLaptop: (site: string, laptop: string) => string,
  laptop: string = laptopZone(),
): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  if (siteZone === undefined || siteZone === '') return formatDateTime(lang, iso, laptop);
  const site = formatDateTime(lang, iso, siteZone);
  if (offsetAt(iso, siteZone) === offsetAt(iso, laptop)) return site;
  return withLaptop(site, formatDateTime(lang, iso, laptop));
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Formats a calendar date `yyyy-MM-dd`. It is a date, not an instant: it is formatted in UTC so
 * no time zone can shift it to the previous or next day.
 */
export function formatDate(lang: Lang, isoDate: string): string {
  const m = ISO_DATE.exec(isoDate);
  if (m === null) return isoDate;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return formatter(localeTag(lang), {
    year: 'numeric',
    month: lang === 'zh' ? '2-digit' : 'short',
    day: lang === 'zh' ? '2-digit' : 'numeric',
    timeZone: 'UTC',
  }).format(date);
}

/** The text in `lang`; an empty translation falls back to the other language (domain rule). */
export function pickLocalized(l: LocalizedLike, lang: Lang): string {
  return pick(l, lang);
}
