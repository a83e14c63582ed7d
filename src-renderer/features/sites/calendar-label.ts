import {
  BUILTIN_CALENDARS,
  holidayNameIn,
  upcomingHolidays,
} from '../../../src-shared/domain/calendar';
import type { HolidayName } from '../../../src-shared/domain/calendar';
import { formatInZone, siteZone } from '../../../src-shared/domain/sla-zone';
import { HOLIDAY_CALENDAR_IDS } from '../../../src-shared/db/types';
import type { HolidayCalendarId, SiteDoc } from '../../../src-shared/db/types';
import type { I18n } from '../../app/i18n';

/**
 * The name of a site's holiday calendar in the UI language: mainland China's and "weekends only"
 * from the catalogue (they say what the choice means), the others from the calendar's data.
 */
export function calendarLabel(id: HolidayCalendarId, i18n: Pick<I18n, 't' | 'pick'>): string {
  if (id === 'cn') return i18n.t('sites.calendar.cn');
  if (id === 'none') return i18n.t('sites.calendar.none');
  const data = BUILTIN_CALENDARS.find((c) => c.id === id);
  return data ? i18n.pick(data.name) : id;
}

/** Options of the calendar choice, mainland China and weekends-only first. */
export function calendarOptions(
  i18n: Pick<I18n, 't' | 'pick'>,
): { value: HolidayCalendarId; label: string }[] {
  return HOLIDAY_CALENDAR_IDS.map((id) => ({ value: id, label: calendarLabel(id, i18n) }));
}

/**
 * A holiday's name in the UI language. date-holidays has Chinese names for some holidays only:
 * the others show their English name, marked as such in the Chinese UI.
 */
export function holidayLabel(name: HolidayName, i18n: Pick<I18n, 't' | 'lang'>): string {
  const { text, translated } = holidayNameIn(name, i18n.lang);
  return translated ? text : i18n.t('sites.holiday.untranslated', { name: text });
}

/** The site's next `count` holidays from today in the site's zone, as "yyyy-MM-dd name". */
export function upcomingHolidayLabels(
  site: Pick<SiteDoc, 'holidayCalendar' | 'timeZone'>,
  nowMs: number,
  i18n: Pick<I18n, 't' | 'lang'>,
  count = 3,
): string[] {
  const today = formatInZone(siteZone(site.timeZone), nowMs).slice(0, 10);
  return upcomingHolidays(site.holidayCalendar, today, count).map(
    (day) => `${day.date} ${holidayLabel(day.name, i18n)}`,
  );
}
