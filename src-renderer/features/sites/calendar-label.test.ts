/**
 * Holiday names of a site calendar in the UI language: date-holidays' Chinese names in the
 * Chinese UI where the library has them, the English name marked as such where it has none.
 */
import { describe, expect, it } from 'vitest';
import { translate } from '../../app/i18n-core';
import type { Lang } from '../../app/i18n-core';
import { dictionaries } from '../../app/messages';
import { BUILTIN_CALENDARS } from '../../../src-shared/domain/calendar';
import { upcomingHolidayLabels } from './calendar-label';

const ui = (lang: Lang) => ({
  lang,
  t: (key: string, params?: Record<string, string | number>) =>
    translate(dictionaries[lang], key, params),
});
// 2026-12-20 12:00 in Singapore.
const DEC_20 = Date.parse('2026-12-20T04:00:00Z');
const singapore = { holidayCalendar: 'sg' as const, timeZone: 'Asia/Singapore' };

describe('site calendar holiday names', () => {
  it('a Singapore site in the Chinese UI: Chinese names where date-holidays has them, English ones marked', () => {
    expect(upcomingHolidayLabels(singapore, DEC_20, ui('zh'), 3)).toEqual([
      '2026-12-25 聖誕節',
      '2027-01-01 元旦',
      '2027-02-06 Chinese New Year（日历库无中文名）',
    ]);
    expect(upcomingHolidayLabels(singapore, DEC_20, ui('en'), 3)).toEqual([
      '2026-12-25 Christmas Day',
      "2027-01-01 New Year's Day",
      '2027-02-06 Chinese New Year',
    ]);
  });

  it('Hong Kong has Chinese names for every public holiday; the others at least for some', () => {
    const hk = BUILTIN_CALENDARS.find((c) => c.id === 'hk')!;
    const hkDays = Object.values(hk.years).flatMap((y) => y.holidays);
    expect(hkDays.every((d) => d.name.zh !== undefined)).toBe(true);
    for (const id of ['sg', 'my', 'th', 'jp', 'de', 'gb', 'us'] as const) {
      const days = Object.values(BUILTIN_CALENDARS.find((c) => c.id === id)!.years).flatMap(
        (y) => y.holidays,
      );
      // New Year's Day is translated everywhere; no name is the English one passed off as Chinese.
      expect(
        days.some((d) => d.name.zh === '元旦'),
        id,
      ).toBe(true);
      expect(
        days.filter((d) => d.name.zh === d.name.en),
        id,
      ).toEqual([]);
    }
  });

  it('the site’s own date decides what is upcoming (time zone), and holidays come in date order', () => {
    // 2026-12-24 20:00 UTC is already the 25th in Singapore: Christmas is today, still listed.
    const late = Date.parse('2026-12-24T20:00:00Z');
    expect(upcomingHolidayLabels(singapore, late, ui('zh'), 1)).toEqual(['2026-12-25 聖誕節']);
    expect(
      upcomingHolidayLabels(
        { holidayCalendar: 'none', timeZone: 'Asia/Singapore' },
        late,
        ui('zh'),
      ),
    ).toEqual([]);
  });
});
