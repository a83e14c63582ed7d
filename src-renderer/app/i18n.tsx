import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import {
  DEFAULT_LANG,
  formatDate,
  formatDateTime,
  formatSiteDateTime,
  isLang,
  localeTag,
  pickLocalized,
  translate,
} from './i18n-core';
import type { Lang, LocalizedLike } from './i18n-core';
import { dictionaries } from './messages';

export type { Lang } from './i18n-core';

/** localStorage key holding the chosen UI language. */
export const LANG_STORAGE_KEY = 'fieldbook.lang';

export interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  /** The message for `key` with `{placeholders}` filled; an unknown key renders as itself. */
  t: (key: string, params?: Record<string, string | number>) => string;
  /** An instant, shown in `zone` (IANA) or else the laptop's zone, always with its offset. */
  fmtDateTime: (iso: string, zone?: string) => string;
  /**
   * An instant where a site is concerned: the site's time first, then the laptop's when its
   * offset differs ("2026/11/27 GMT+8 02:19（本机 2026/11/26 GMT+1 19:19）").
   */
  fmtSiteTime: (iso: string, siteZone: string | undefined) => string;
  /** A calendar date `yyyy-MM-dd` (never shifted by a time zone). */
  fmtDate: (isoDate: string) => string;
  /** The text of a `{zh, en}` pair in the current language. */
  pick: (l: LocalizedLike) => string;
}

const I18nContext = createContext<I18n | null>(null);

function readStoredLang(): Lang {
  try {
    const stored = localStorage.getItem(LANG_STORAGE_KEY);
    return isLang(stored) ? stored : DEFAULT_LANG;
  } catch {
    // Storage can be unavailable (privacy settings); the default language still works.
    return DEFAULT_LANG;
  }
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(readStoredLang);

  useEffect(() => {
    document.documentElement.lang = localeTag(lang);
  }, [lang]);

  const setLang = useCallback((next: Lang) => {
    try {
      localStorage.setItem(LANG_STORAGE_KEY, next);
    } catch {
      // Not persisted, but the switch still applies to this session.
    }
    setLangState(next);
  }, []);

  const value = useMemo<I18n>(() => {
    const dict = dictionaries[lang];
    return {
      lang,
      setLang,
      t: (key, params) => translate(dict, key, params),
      fmtDateTime: (iso, zone) => formatDateTime(lang, iso, zone),
      fmtSiteTime: (iso, siteZone) =>
        formatSiteDateTime(lang, iso, siteZone, (site, laptop) =>
          translate(dict, 'app.time.withLaptop', { site, laptop }),
        ),
      fmtDate: (isoDate) => formatDate(lang, isoDate),
      pick: (l) => pickLocalized(l, lang),
    };
  }, [lang, setLang]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (value === null) throw new Error('useI18n() must be used inside <I18nProvider>.');
  return value;
}
