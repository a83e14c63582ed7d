/** UI strings of the visits screens; the same keys in both languages (a unit test checks). */
export const messages = {
  zh: {
    'visits.title': '现场拜访',
    'visits.detail.title': '拜访详情',
  },
  en: {
    'visits.title': 'Visits',
    'visits.detail.title': 'Visit',
  },
} as const;
