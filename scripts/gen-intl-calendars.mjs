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

function daysOf(country, year) {
  const en = new Holidays(country);
  const zh = new Holidays(country);
  zh.setLanguages(['zh', 'en']);
  const zhNames = new Map(zh.getHolidays(year).map((h) => [`${h.date}|${h.rule}`, h.name]));
  const byDate = new Map();
  for (const h of en.getHolidays(year, 'en')) {
    if (h.type !== 'public') continue;
    const date = h.date.slice(0, 10);
    if (byDate.has(date)) continue;
    byDate.set(date, {
      date,
      name: { zh: zhNames.get(`${h.date}|${h.rule}`) ?? h.name, en: h.name },
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
