/**
 * Form values ⇄ customer documents. Pure, so the mapping (trimming, dropping blank optional
 * fields, keeping id and createdAt on edit) is unit-tested without a browser.
 */
import type { ContactPerson, CustomerDoc } from '../../../src-shared/db/types';
import { optionalText } from '../../components/form-rules';

export interface ContactFormValue {
  name?: string;
  title?: string;
  phone?: string;
  email?: string;
}

export interface CustomerFormValues {
  name: string;
  shortName?: string;
  industry?: string;
  notes?: string;
  contacts?: ContactFormValue[];
}

/** Contacts as stored: a row with no name is dropped (the form requires a name on filled rows). */
export function contactsFromForm(rows: readonly ContactFormValue[] | undefined): ContactPerson[] {
  const out: ContactPerson[] = [];
  for (const row of rows ?? []) {
    const name = optionalText(row.name);
    if (name === undefined) continue;
    const contact: ContactPerson = { name };
    const title = optionalText(row.title);
    const phone = optionalText(row.phone);
    const email = optionalText(row.email);
    if (title !== undefined) contact.title = title;
    if (phone !== undefined) contact.phone = phone;
    if (email !== undefined) contact.email = email;
    out.push(contact);
  }
  return out;
}

export function customerToForm(doc: CustomerDoc): CustomerFormValues {
  return {
    name: doc.name,
    shortName: doc.shortName ?? '',
    industry: doc.industry ?? '',
    notes: doc.notes ?? '',
    contacts: doc.contacts.map((c) => ({ ...c })),
  };
}

/**
 * The document to store. `existing` keeps its id, customerId and createdAt (an edit); without it
 * `id` names the new customer, whose customerId is its own id.
 */
export function customerFromForm(
  values: CustomerFormValues,
  now: string,
  existing: CustomerDoc | { id: string },
): CustomerDoc {
  const name = optionalText(values.name);
  if (name === undefined) throw new Error('customer name is required');
  const base =
    'createdAt' in existing
      ? { id: existing.id, customerId: existing.customerId, createdAt: existing.createdAt }
      : { id: existing.id, customerId: existing.id, createdAt: now };
  const doc: CustomerDoc = {
    ...base,
    updatedAt: now,
    name,
    contacts: contactsFromForm(values.contacts),
  };
  const shortName = optionalText(values.shortName);
  const industry = optionalText(values.industry);
  const notes = optionalText(values.notes);
  if (shortName !== undefined) doc.shortName = shortName;
  if (industry !== undefined) doc.industry = industry;
  if (notes !== undefined) doc.notes = notes;
  return doc;
}

/** Whether the customer matches a free-text search (name, short name, industry, contacts). */
export function customerMatches(doc: CustomerDoc, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (q === '') return true;
  const fields = [doc.name, doc.shortName, doc.industry, ...doc.contacts.map((c) => c.name)];
  return fields.some((f) => f !== undefined && f.toLowerCase().includes(q));
}
