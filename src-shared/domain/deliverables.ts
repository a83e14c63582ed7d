/**
 * Deliverable lifecycle rules, pure: a draft is rendered and recorded, may be re-rendered while
 * it is a draft, and becomes immutable when signed. A change after signing is a new revision: a
 * new document with the same number, revision + 1, the snapshot's signatures dropped (they
 * signed other content), pointing at the revision it supersedes.
 */
import type {
  AttachmentRef,
  DeliverableDoc,
  DeliverableKind,
  DeliverableLang,
  DeliverableSignature,
  DeliverableSigner,
  IsoDate,
} from '../db/types';
import { compact, nowInstant, requireId, requireText } from '../db/doc-fields';
import type { Now } from '../db/doc-fields';
import { historyEntryOf, jsonEqual } from '../db/conflicts';
import {
  formatDocumentNumber,
  nextRevision,
  parseDocumentNumber,
} from '../reports/document-number';
import type { ReportSnapshot } from '../reports/snapshot-types';
import { InputError } from './errors';

/** A signed deliverable was asked to change. */
export class DeliverableImmutableError extends InputError {
  constructor(doc: DeliverableDoc) {
    super(
      `${doc.documentNumber} revision ${doc.documentRevision} is signed and cannot change: make a new revision`,
      'status',
    );
    this.name = 'DeliverableImmutableError';
  }
}

/** Crockford's base-32 digits: no I, L, O or U, so a code read aloud or typed is not mistaken. */
const ISSUER_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Length of a laptop's issuer code: 32⁵ ≈ 33 million codes. */
export const ISSUER_CODE_LENGTH = 5;

/**
 * A laptop's issuer code from random bytes (one per byte, `ISSUER_CODE_LENGTH` of them). Document
 * numbers are counted per laptop and day, so the organisation prefix carries this code (`FB` +
 * code, e.g. `FBK7Q2M`): two laptops issuing their first fault report on the same day then still
 * get different numbers, and a number (and its QR code) names one deliverable.
 */
export function issuerCodeFrom(random: Uint8Array): string {
  if (random.length < ISSUER_CODE_LENGTH) {
    throw new RangeError(`need ${ISSUER_CODE_LENGTH} random bytes, got ${random.length}`);
  }
  let code = '';
  for (let i = 0; i < ISSUER_CODE_LENGTH; i++) code += ISSUER_ALPHABET[random[i]! % 32];
  return code;
}

/** The organisation part of this laptop's document numbers. */
export function documentNumberOrg(issuerCode: string): string {
  if (!/^[0-9A-Z]{1,10}$/.test(issuerCode))
    throw new RangeError(`not an issuer code: ${issuerCode}`);
  return `FB${issuerCode}`;
}

/**
 * The next free document number of `kind` on `date`: one more than the highest sequence among
 * `existing` numbers of the same org, kind and date.
 */
export function nextDocumentNumber(
  existing: Iterable<string>,
  kind: DeliverableKind,
  date: IsoDate,
  org = 'FB',
): string {
  let highest = 0;
  for (const number of existing) {
    const parsed = parseDocumentNumber(number);
    if (parsed && parsed.org === org && parsed.kind === kind && parsed.date === date) {
      highest = Math.max(highest, parsed.sequence);
    }
  }
  return formatDocumentNumber(kind, date, highest + 1, org);
}

export interface DraftInput {
  id: string;
  customerId: string;
  kind: DeliverableKind;
  sourceId: string;
  siteId?: string;
  title: string;
  lang: DeliverableLang;
  snapshot: ReportSnapshot;
  pdf: AttachmentRef;
  pageCount?: number;
  supersedesId?: string;
}

function snapshotJson(snapshot: ReportSnapshot): Record<string, unknown> {
  return snapshot as unknown as Record<string, unknown>;
}

/** A new draft deliverable for a rendered (unsigned) PDF. */
export function createDraftDeliverable(input: DraftInput, now: Now): DeliverableDoc {
  if (input.snapshot.kind !== input.kind) {
    throw new InputError(`snapshot is a ${input.snapshot.kind}, not a ${input.kind}`, 'snapshot');
  }
  if (!parseDocumentNumber(input.snapshot.documentNumber)) {
    throw new InputError(`bad document number ${input.snapshot.documentNumber}`, 'documentNumber');
  }
  const at = nowInstant(now);
  return compact<DeliverableDoc>({
    id: requireId(input.id, 'id'),
    customerId: requireId(input.customerId, 'customerId'),
    kind: input.kind,
    sourceId: requireId(input.sourceId, 'sourceId'),
    siteId: input.siteId === undefined ? undefined : requireId(input.siteId, 'siteId'),
    title: requireText(input.title, 'title', 300),
    documentNumber: input.snapshot.documentNumber,
    documentRevision: input.snapshot.revision,
    supersedesId: input.supersedesId,
    lang: input.lang,
    status: 'draft',
    snapshot: snapshotJson(input.snapshot),
    pdf: input.pdf,
    sha256: input.pdf.sha256,
    pageCount: input.pageCount,
    signatures: [],
    history: [],
    createdAt: at,
    updatedAt: at,
  });
}

/**
 * Fields of a signed deliverable that may still change: what the sync layer records, the
 * history of displaced states (conflicts), and the write time. Everything else is the signed
 * content.
 */
const MUTABLE_WHEN_SIGNED = new Set(['syncedAt', 'history', 'updatedAt']);

/**
 * Throws when a write would change a signed deliverable's content: the storage-level guard
 * behind the domain operations (src-renderer/db runs it before every save).
 */
export function assertSignedUnchanged(before: DeliverableDoc, after: DeliverableDoc): void {
  if (before.status !== 'signed') return;
  const a = before as unknown as Record<string, unknown>;
  const b = after as unknown as Record<string, unknown>;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    if (key.startsWith('_') || MUTABLE_WHEN_SIGNED.has(key)) continue;
    if (!jsonEqual(a[key], b[key])) {
      throw new DeliverableImmutableError(before);
    }
  }
  // History only grows: a signed deliverable never forgets a displaced state.
  if (after.history.length < before.history.length) throw new DeliverableImmutableError(before);
}

export function assertDraft(doc: DeliverableDoc): void {
  if (doc.status !== 'draft') throw new DeliverableImmutableError(doc);
}

/**
 * A draft rendered again (other language, corrected data): the previous rendering goes to the
 * history, number and revision stay.
 */
export function replaceDraftRendering(
  doc: DeliverableDoc,
  rendering: {
    lang: DeliverableLang;
    snapshot: ReportSnapshot;
    pdf: AttachmentRef;
    pageCount?: number;
  },
  now: Now,
): DeliverableDoc {
  assertDraft(doc);
  if (
    rendering.snapshot.documentNumber !== doc.documentNumber ||
    rendering.snapshot.revision !== doc.documentRevision
  ) {
    throw new InputError('a draft keeps its document number and revision', 'snapshot');
  }
  const at = nowInstant(now);
  return compact<DeliverableDoc>({
    ...doc,
    lang: rendering.lang,
    snapshot: snapshotJson(rendering.snapshot),
    pdf: rendering.pdf,
    sha256: rendering.pdf.sha256,
    pageCount: rendering.pageCount,
    history: [...doc.history, historyEntryOf(doc, 'draft-replaced', at)],
    updatedAt: at,
  });
}

export interface SignedRendering {
  /** The snapshot with the handwritten signatures, as rendered into the signed PDF. */
  snapshot: ReportSnapshot;
  /** The digitally signed PDF in the blob store. */
  pdf: AttachmentRef;
  /** SHA-256 main computed over the signed bytes; must match the blob. */
  sha256: string;
  pageCount?: number;
  signatures: DeliverableSignature[];
  signer: DeliverableSigner;
  signedAt: string;
}

/** The draft becomes signed: the signed PDF, its SHA-256, the signatures and the signer. */
export function markSigned(doc: DeliverableDoc, signed: SignedRendering, now: Now): DeliverableDoc {
  assertDraft(doc);
  if (signed.pdf.sha256 !== signed.sha256) {
    throw new InputError('the stored PDF is not the signed file (SHA-256 differs)', 'sha256');
  }
  if (
    signed.snapshot.documentNumber !== doc.documentNumber ||
    signed.snapshot.revision !== doc.documentRevision ||
    signed.snapshot.kind !== doc.kind
  ) {
    throw new InputError('the signed snapshot is of another document or revision', 'snapshot');
  }
  if (signed.signatures.length === 0) {
    throw new InputError('a deliverable needs at least one handwritten signature', 'signatures');
  }
  const at = nowInstant(now);
  return compact<DeliverableDoc>({
    ...doc,
    status: 'signed',
    snapshot: snapshotJson(signed.snapshot),
    pdf: signed.pdf,
    sha256: signed.sha256,
    pageCount: signed.pageCount ?? doc.pageCount,
    signatures: signed.signatures,
    signer: signed.signer,
    signedAt: nowInstant(signed.signedAt, 'signedAt'),
    updatedAt: at,
  });
}

/**
 * The snapshot of the next revision of `doc`: same number, revision + 1, issued `now`, no
 * signatures. `fresh` is the snapshot rebuilt from the current source data when there is one
 * (the incident changed); its number and revision are overridden.
 */
export function nextRevisionSnapshot(
  doc: DeliverableDoc,
  issuedAt: string,
  fresh?: ReportSnapshot,
): ReportSnapshot {
  if (doc.status !== 'signed') {
    throw new InputError('only a signed deliverable gets a new revision; edit the draft', 'status');
  }
  const base = fresh ?? (doc.snapshot as unknown as ReportSnapshot);
  return nextRevision(
    {
      ...base,
      documentNumber: doc.documentNumber,
      revision: doc.documentRevision,
    },
    issuedAt,
  );
}

/** `FB-FLT-20260304-0001-r2-zh.pdf`: number, revision and language, safe as a file name. */
export function deliverableFileName(
  doc: Pick<DeliverableDoc, 'documentNumber' | 'documentRevision' | 'lang'>,
): string {
  return `${doc.documentNumber}-r${doc.documentRevision}-${doc.lang}.pdf`;
}

/** The revisions of one document number, newest first. */
export function revisionsOf(
  all: readonly DeliverableDoc[],
  documentNumber: string,
): DeliverableDoc[] {
  return all
    .filter((d) => d.documentNumber === documentNumber)
    .sort(
      (a, b) => b.documentRevision - a.documentRevision || (a.updatedAt < b.updatedAt ? 1 : -1),
    );
}

/** Whether `doc` is the newest revision of its number among `all`. */
export function isLatestRevision(doc: DeliverableDoc, all: readonly DeliverableDoc[]): boolean {
  return revisionsOf(all, doc.documentNumber)[0]?.id === doc.id;
}
