#!/usr/bin/env node
// Regenerates the built-in holiday calendars of sites outside mainland China
// (src-shared/policy/calendars/<id>.json) from the maintained `date-holidays` package: public
// holidays only (bank holidays, observances and optional days are working days), substitute
// days included. Mainland China keeps its own calendar with 调休 (gen-cn-calendar.mjs).
//   node scripts/gen-intl-calendars.mjs
// The list of ids must match HOLIDAY_CALENDAR_IDS in src-shared/db/types.ts.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import Holidays from 'date-holidays';
import { writeCalendarJson } from './calendar-json.mjs';

const FIRST_YEAR = 2025;
const LAST_YEAR = 2030;
const require = createRequire(import.meta.url);
const pkg = require('date-holidays/package.json');

export const INTL_CALENDARS = [
  { id: 'sg', country: 'SG', name: { zh: '新加坡公共假日', en: 'Singapore public holidays' } },
  { id: 'hk', country: 'HK', name: { zh: '中国香港公众假期', en: 'Hong Kong public holidays' } },
  { id: 'my', country: 'MY', name: { zh: '马来西亚公共假日', en: 'Malaysia public holidays' } },
  { id: 'th', country: 'TH', name: { zh: '泰国公共假日', en: 'Thailand public holidays' } },
  { id: 'jp', country: 'JP', name: { zh: '日本法定节假日', en: 'Japan public holidays' } },
  {
    id: 'de',
    country: 'DE',
    name: { zh: '德国法定节假日（全国）', en: 'Germany public holidays (nationwide)' },
  },
  {
    id: 'gb',
    country: 'GB',
    name: { zh: '英国公共假日（英格兰）', en: 'United Kingdom public holidays (England)' },
  },
  { id: 'us', country: 'US', name: { zh: '美国联邦假日', en: 'United States federal holidays' } },
];

/**
 * The holidays of `country` in `year`, named in English and — where date-holidays has a Chinese
 * name for the holiday (its rule's names include `zh`) — in Chinese, asked for with the
 * language `zh`. Otherwise `zh` is left out: without it, date-holidays would answer in the
 * country's own language (Japanese, German, Malay), and the app says that the name is English.
 */
function daysOf(country, year) {
  const holidays = new Holidays(country);
  const rulesWithZh = new Set(
    holidays
      .getRules()
      .filter((r) => r.name?.zh !== undefined)
      .map((r) => r.rule),
  );
  const zhNames = new Map(
    holidays.getHolidays(year, 'zh').map((h) => [`${h.date}|${h.rule}`, h.name]),
  );
  const byDate = new Map();
  for (const h of holidays.getHolidays(year, 'en')) {
    if (h.type !== 'public') continue;
    const date = h.date.slice(0, 10);
    if (byDate.has(date)) continue;
    // A substitute day's rule names the day it stands in for ("substitutes 05-03 if sunday …").
    const base = h.rule.replace(/^substitutes /, '').split(' if ')[0];
    const zh = rulesWithZh.has(h.rule) || rulesWithZh.has(base);
    const zhName = zhNames.get(`${h.date}|${h.rule}`);
    byDate.set(date, {
      date,
      name: zh && zhName !== undefined ? { zh: zhName, en: h.name } : { en: h.name },
    });
  }
  return [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
}

for (const { id, country, name } of INTL_CALENDARS) {
  const years = {};
  for (let y = FIRST_YEAR; y <= LAST_YEAR; y++) {
    years[String(y)] = { holidays: daysOf(country, y), workdays: [] };
  }
  const calendar = { id, name, source: `date-holidays ${pkg.version} (${country})`, years };
  const out = fileURLToPath(new URL(`../src-shared/policy/calendars/${id}.json`, import.meta.url));
  writeCalendarJson(out, calendar);
  console.log(`wrote ${out}: ${FIRST_YEAR}–${LAST_YEAR} from date-holidays ${pkg.version}`);
}
