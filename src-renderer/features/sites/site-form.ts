/** Form values ⇄ site documents (pure; unit-tested). */
import type { HolidayCalendarId, RemoteAccess, SiteDoc } from '../../../src-shared/db/types';
import { optionalText } from '../../components/form-rules';
import { contactsFromForm } from '../customers/customer-form';
import type { ContactFormValue } from '../customers/customer-form';

export interface SiteFormValues {
  name: string;
  address?: string;
  timeZone: string;
  holidayCalendar: HolidayCalendarId;
  remoteMethod?: string;
  remoteHost?: string;
  remoteUsername?: string;
  remotePassword?: string;
  contacts?: ContactFormValue[];
  notes?: string;
}

export function siteToForm(doc: SiteDoc): SiteFormValues {
  return {
    name: doc.name,
    address: doc.address,
    timeZone: doc.timeZone,
    holidayCalendar: doc.holidayCalendar,
    remoteMethod: doc.remoteAccess?.method ?? '',
    remoteHost: doc.remoteAccess?.host ?? '',
    remoteUsername: doc.remoteAccess?.username ?? '',
    remotePassword: doc.remoteAccess?.password ?? '',
    contacts: doc.contacts.map((c) => ({ ...c })),
    notes: doc.notes ?? '',
  };
}

/**
 * Remote access as stored: absent when nothing is filled in. Credentials without a method are
 * refused (the form says so before this is reached). The password is kept exactly as typed:
 * leading or trailing spaces can be part of it.
 */
export function remoteAccessFromForm(values: SiteFormValues): RemoteAccess | undefined {
  const method = optionalText(values.remoteMethod);
  const host = optionalText(values.remoteHost);
  const username = optionalText(values.remoteUsername);
  const password =
    typeof values.remotePassword === 'string' && values.remotePassword !== ''
      ? values.remotePassword
      : undefined;
  if (method === undefined) {
    if (host !== undefined || username !== undefined || password !== undefined) {
      throw new Error('remote access method is required with host, user name or password');
    }
    return undefined;
  }
  const access: RemoteAccess = { method };
  if (host !== undefined) access.host = host;
  if (username !== undefined) access.username = username;
  if (password !== undefined) access.password = password;
  return access;
}

export function siteFromForm(
  values: SiteFormValues,
  now: string,
  existing: SiteDoc | { id: string; customerId: string },
): SiteDoc {
  const name = optionalText(values.name);
  if (name === undefined) throw new Error('site name is required');
  const timeZone = optionalText(values.timeZone);
  if (timeZone === undefined) throw new Error('site time zone is required');
  const createdAt = 'createdAt' in existing ? existing.createdAt : now;
  const doc: SiteDoc = {
    id: existing.id,
    customerId: existing.customerId,
    createdAt,
    updatedAt: now,
    name,
    address: optionalText(values.address) ?? '',
    timeZone,
    holidayCalendar: values.holidayCalendar,
    contacts: contactsFromForm(values.contacts),
  };
  const remoteAccess = remoteAccessFromForm(values);
  if (remoteAccess !== undefined) doc.remoteAccess = remoteAccess;
  const notes = optionalText(values.notes);
  if (notes !== undefined) doc.notes = notes;
  return doc;
}
