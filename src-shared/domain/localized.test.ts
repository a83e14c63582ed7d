import { describe, expect, it } from 'vitest';
import { DEFAULT_LANG, pick } from './localized';

describe('pick', () => {
  it('returns the text in the language asked for', () => {
    expect(pick({ zh: '已转移给客户', en: 'Transferred to customer' }, 'zh')).toBe('已转移给客户');
    expect(pick({ zh: '已转移给客户', en: 'Transferred to customer' }, 'en')).toBe(
      'Transferred to customer',
    );
  });

  it('falls back to the other language when a translation is empty', () => {
    expect(pick({ zh: '', en: 'Only English' }, 'zh')).toBe('Only English');
    expect(pick({ zh: '只有中文', en: '' }, 'en')).toBe('只有中文');
  });

  it('Simplified Chinese is the default language', () => {
    expect(DEFAULT_LANG).toBe('zh');
  });
});
