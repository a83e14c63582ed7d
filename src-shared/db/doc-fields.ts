/**
 * Field checks shared by the document operations (domain/visit-ops, domain/incident-ops). Instants are
 * stored exactly as given, so they must already be in the form the schemas accept.
 */
import type { IsoInstant } from './types';
import { INSTANT_PATTERN } from './schemas/common';
import { InputError } from '../domain/errors';
import { parseInstant } from '../domain/sla-zone';

const INSTANT_RE = new RegExp(INSTANT_PATTERN);

/** When the write happens: a Date (stored as UTC `…Z`) or an instant with offset. */
export type Now = Date | IsoInstant;

/** Epoch ms of a storable instant; InputError naming `field` otherwise. */
export function instantMs(value: IsoInstant, field: string): number {
  if (typeof value !== 'string' || !INSTANT_RE.test(value)) {
    throw new InputError(
      `${field}: expected an ISO-8601 instant with offset such as 2026-11-23T09:30:00+08:00, got "${String(value)}"`,
      field,
      { code: 'badInstant' },
    );
  }
  return parseInstant(value, field);
}

/** The storable instant for `now`. */
export function nowInstant(now: Now, field = 'now'): IsoInstant {
  if (now instanceof Date) {
    if (Number.isNaN(now.getTime())) throw new InputError(`${field}: invalid Date`, field);
    return now.toISOString();
  }
  instantMs(now, field);
  return now;
}

/** A non-blank string, trimmed; InputError naming `field` otherwise. */
export function requireText(value: unknown, field: string, maxLength: number): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new InputError(`${field} must not be empty`, field, { code: 'required' });
  }
  const text = value.trim();
  if (text.length > maxLength) {
    throw new InputError(`${field} is longer than ${maxLength} characters`, field, {
      code: 'tooLong',
      params: { max: maxLength },
    });
  }
  return text;
}

export function optionalText(value: unknown, field: string, maxLength: number): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new InputError(`${field} must be text`, field);
  if (value.length > maxLength) {
    throw new InputError(`${field} is longer than ${maxLength} characters`, field, {
      code: 'tooLong',
      params: { max: maxLength },
    });
  }
  return value.trim() === '' ? undefined : value;
}

const ID_RE = /^[0-9A-Za-z_-]{1,64}$/;

export function requireId(value: unknown, field: string): string {
  if (typeof value !== 'string' || !ID_RE.test(value)) {
    throw new InputError(`${field}: "${String(value)}" is not a document id`, field);
  }
  return value;
}

/** Drops keys whose value is undefined, so documents stay valid JSON for the schema. */
export function compact<T extends object>(doc: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(doc)) if (value !== undefined) out[key] = value;
  return out as T;
}
