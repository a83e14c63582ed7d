/** UI strings of the customers screens; the same keys in both languages (a unit test checks). */
export const messages = {
  zh: {},
  en: {},
} as const;
