import type { Localized } from '../policy/types';

export type { Localized };

/** Languages the UI and the deliverables are written in; Simplified Chinese is the default. */
export type Lang = 'zh' | 'en';

export const DEFAULT_LANG: Lang = 'zh';

/** The text in `lang`; falls back to the other language when a translation is empty. */
export function pick(l: Localized, lang: Lang): string {
  const text = l[lang];
  if (text !== '') return text;
  return lang === 'zh' ? l.en : l.zh;
}
