/** UI strings of the shared components; the same keys in both languages (a unit test checks). */
export const messages = {
  zh: {},
  en: {},
} as const;
