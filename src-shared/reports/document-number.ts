/**
 * Deliverable document numbers and revisions.
 *
 * Number: `<org>-<kind>-<yyyyMMdd>-<nnnn>`, e.g. `FB-INS-20260306-0001` — the date is the
 * issue date on the site's calendar, the sequence counts that day's deliverables of the kind on
 * the laptop that issues them (the engineer's prefix in `org` keeps laptops apart).
 * Revision: a signed deliverable never changes; a change is a new revision of the same number,
 * with the signatures of the old revision dropped (they signed other content).
 */
import type { IsoDate, IsoInstant } from '../db/types';
import type { ReportSnapshot } from './snapshot-types';

/** Every kind of deliverable a document number can name. */
export type DocumentKind =
  | ReportSnapshot['kind']
  | 'planning-document'
  | 'ops-service-report'
  | 'acceptance-report'
  | 'entry-report'
  | 'upgrade-record'
  | 'implementation-record';

export const DOCUMENT_KIND_CODES = {
  'inspection-report': 'INS',
  'fault-report': 'FLT',
  'planning-document': 'PLN',
  'ops-service-report': 'OPS',
  'acceptance-report': 'ACC',
  'entry-report': 'ENT',
  'upgrade-record': 'UPG',
  'implementation-record': 'IMP',
} as const satisfies Record<DocumentKind, string>;

const NUMBER_RE = /^([A-Z0-9]{1,12})-([A-Z]{3})-(\d{4})(\d{2})(\d{2})-(\d{4,6})$/;

export function formatDocumentNumber(
  kind: DocumentKind,
  date: IsoDate,
  sequence: number,
  org = 'FB',
): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new RangeError(`not a date yyyy-MM-dd: ${date}`);
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > 999_999) {
    throw new RangeError(`sequence must be 1–999999, got ${sequence}`);
  }
  if (!/^[A-Z0-9]{1,12}$/.test(org)) throw new RangeError(`org code must be A–Z/0–9, got ${org}`);
  return `${org}-${DOCUMENT_KIND_CODES[kind]}-${date.replace(/-/g, '')}-${String(sequence).padStart(4, '0')}`;
}

export interface ParsedDocumentNumber {
  org: string;
  kind: DocumentKind | null;
  date: IsoDate;
  sequence: number;
}

export function parseDocumentNumber(s: string): ParsedDocumentNumber | null {
  const m = NUMBER_RE.exec(s);
  if (!m) return null;
  const code = m[2]!;
  const kind =
    (Object.entries(DOCUMENT_KIND_CODES).find(([, c]) => c === code)?.[0] as
      DocumentKind | undefined) ?? null;
  return { org: m[1]!, kind, date: `${m[3]}-${m[4]}-${m[5]}`, sequence: Number(m[6]) };
}

/** The next revision of a deliverable: same number, revision + 1, new issue time, unsigned. */
export function nextRevision<T extends ReportSnapshot>(snapshot: T, issuedAt: IsoInstant): T {
  return { ...snapshot, revision: snapshot.revision + 1, issuedAt, signatures: [] };
}
