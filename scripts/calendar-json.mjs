// Writes a holiday calendar (src-shared/domain/calendar.ts `HolidayCalendarData`) as JSON, one
// day per line, so the file is reviewable and stable under prettier. Used by the generators.
import { writeFileSync } from 'node:fs';

export function writeCalendarJson(path, calendar) {
  const text = JSON.stringify(calendar, null, 2)
    .replace(
      /\{\n\s*"date": ("[^"]+"),\n\s*"name": \{\n\s*"zh": ("[^"]*"),\n\s*"en": ("[^"]*")\n\s*\}\n\s*\}/g,
      '{ "date": $1, "name": { "zh": $2, "en": $3 } }',
    )
    .replace(
      // A name date-holidays has no Chinese for (gen-intl-calendars.mjs leaves `zh` out).
      /\{\n\s*"date": ("[^"]+"),\n\s*"name": \{\n\s*"en": ("[^"]*")\n\s*\}\n\s*\}/g,
      '{ "date": $1, "name": { "en": $2 } }',
    );
  writeFileSync(path, text + '\n');
}
