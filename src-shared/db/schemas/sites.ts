import type { MigrationStrategies, RxJsonSchema } from 'rxdb';
import { HOLIDAY_CALENDAR_IDS } from '../types';
import type { ContactPerson, HolidayCalendarId, SiteDoc } from '../types';
import {
  addMergeHistoryStep,
  BASE_REQUIRED,
  baseProperties,
  contactsProperty,
  textProperty,
  timeZoneProperty,
} from './common';

const siteProperties = {
  ...baseProperties,
  name: { type: 'string', minLength: 1, maxLength: 200 },
  address: textProperty(500),
  timeZone: timeZoneProperty,
  remoteAccess: {
    type: 'object',
    additionalProperties: false,
    required: ['method'],
    properties: {
      method: { type: 'string', minLength: 1, maxLength: 100 },
      host: { type: 'string', maxLength: 255 },
      username: { type: 'string', maxLength: 200 },
      password: { type: 'string', maxLength: 500 },
    },
  },
  notes: textProperty(10_000),
} as const;

/**
 * Version 0 (no holiday calendar, no contacts). Kept as data because the migration test opens a
 * database with it, and a server meeting an old client must still recognise its documents.
 */
export const siteSchemaV0: RxJsonSchema<Omit<SiteDoc, 'holidayCalendar' | 'contacts'>> = {
  title: 'sites',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: siteProperties,
  required: [...BASE_REQUIRED, 'name', 'address', 'timeZone'],
  indexes: [['customerId', 'name']],
  encrypted: ['remoteAccess'],
};

export const siteSchema: RxJsonSchema<SiteDoc> = {
  title: 'sites',
  description: 'A customer site; its IANA zone and holiday calendar drive the SLA clock.',
  // v2: optional mergeHistory (what lost a sync merge). v3: holiday calendars of other countries.
  version: 3,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    ...siteProperties,
    holidayCalendar: { type: 'string', enum: [...HOLIDAY_CALENDAR_IDS], maxLength: 8 },
    contacts: contactsProperty,
  },
  required: [...BASE_REQUIRED, 'name', 'address', 'timeZone', 'holidayCalendar', 'contacts'],
  indexes: [['customerId', 'name']],
  // Secret: the remote-access credentials never reach IndexedDB in clear text.
  encrypted: ['remoteAccess'],
};

type SiteV0 = Omit<SiteDoc, 'holidayCalendar' | 'contacts'> &
  Partial<Pick<SiteDoc, 'holidayCalendar' | 'contacts'>>;

/** v0 → v1: sites got a holiday calendar (mainland China unless told otherwise) and contacts. */
export function migrateSiteV0ToV1(old: SiteV0): SiteDoc {
  const holidayCalendar: HolidayCalendarId = old.holidayCalendar ?? 'cn';
  const contacts: ContactPerson[] = old.contacts ?? [];
  return { ...old, holidayCalendar, contacts };
}

export const siteMigrationStrategies: MigrationStrategies = {
  1: (old: SiteV0) => migrateSiteV0ToV1(old),
  2: addMergeHistoryStep,
  // v3 only widens the calendar enum: every v2 site is a valid v3 site as it is.
  3: (old: SiteDoc) => old,
};
