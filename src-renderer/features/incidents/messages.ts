/** UI strings of the incidents screens; the same keys in both languages (a unit test checks). */
export const messages = {
  zh: {
    'incidents.title': '事件',
    'incidents.detail.title': '事件详情',
  },
  en: {
    'incidents.title': 'Incidents',
    'incidents.detail.title': 'Incident',
  },
} as const;
