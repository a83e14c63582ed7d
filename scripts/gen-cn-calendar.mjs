#!/usr/bin/env node
// Regenerates src-shared/policy/calendars/cn.json (mainland China statutory holidays and
// make-up working days, 调休) from the `chinese-days` package. Run after upgrading the package:
//   node scripts/gen-cn-calendar.mjs
// The shipped file is data so a lead can publish a newer calendar through the server; this
// script only produces the built-in one.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { writeCalendarJson } from './calendar-json.mjs';

const FIRST_YEAR = 2025;
const require = createRequire(import.meta.url);
const pkg = require('chinese-days/package.json');
/** @type {{ holidays: Record<string, string>; workdays: Record<string, string> }} */
const data = require('chinese-days/dist/chinese-days.json');

/** chinese-days stores a day's name as "English name,中文名,length". */
function splitName(raw) {
  const [en, zh] = raw.split(',');
  if (!en || !zh) throw new Error(`unexpected name format in chinese-days: ${raw}`);
  return { zh, en };
}

function entries(map, year) {
  return Object.keys(map)
    .filter((date) => date.startsWith(`${year}-`))
    .sort()
    .map((date) => ({ date, name: splitName(map[date]) }));
}

const years = [
  ...new Set(
    [...Object.keys(data.holidays), ...Object.keys(data.workdays)].map((d) =>
      Number(d.slice(0, 4)),
    ),
  ),
]
  .filter((y) => y >= FIRST_YEAR)
  .sort((a, b) => a - b);

const calendar = {
  id: 'cn',
  name: { zh: '中国大陆法定节假日', en: 'Mainland China statutory holidays' },
  source: `chinese-days ${pkg.version}`,
  years: Object.fromEntries(
    years.map((y) => [
      String(y),
      { holidays: entries(data.holidays, y), workdays: entries(data.workdays, y) },
    ]),
  ),
};

const out = fileURLToPath(new URL('../src-shared/policy/calendars/cn.json', import.meta.url));
writeCalendarJson(out, calendar);
console.log(`wrote ${out}: years ${years.join(', ')} from chinese-days ${pkg.version}`);
