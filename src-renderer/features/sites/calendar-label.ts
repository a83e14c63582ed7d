import { BUILTIN_CALENDARS } from '../../../src-shared/domain/calendar';
import { HOLIDAY_CALENDAR_IDS } from '../../../src-shared/db/types';
import type { HolidayCalendarId } from '../../../src-shared/db/types';
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
