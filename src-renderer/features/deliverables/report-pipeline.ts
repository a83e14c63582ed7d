/**
 * The steps of making a deliverable, outside React: render in the Web Worker, store the PDF and
 * signature PNGs in the blob store, sign in the main process, record the document. Components
 * call these and show progress between them.
 */
import type {
  AttachmentRef,
  DeliverableDoc,
  DeliverableKind,
  DeliverableLang,
  DeliverableSignature,
} from '../../../src-shared/db/types';
import {
  createDraftDeliverable,
  deliverableFileName,
  markSigned,
  documentNumberOrg,
  nextDocumentNumber,
  replaceDraftRendering,
} from '../../../src-shared/domain/deliverables';
import { newId } from '../../../src-shared/domain/ids';
import type { ReportSnapshot, SnapshotSignature } from '../../../src-shared/reports/snapshot-types';
import type { PdfVerification, SignedPdf } from '../../../src-shared/ipc';
import { isoDateIn, nowInstant } from '../../app/clock';
import { readBlob } from '../../db/blob-fetch';
import { DeliverableUserError } from './deliverable-errors';
import { checkOwnSignature } from './self-check';
import { readOrCreateIssuerCode } from '../../app/settings';
import { desktop } from '../../app/desktop';
import type { FieldbookDatabase } from '../../db/database';
import { PdfRenderClient } from '../../workers/pdf-render-client';
import type { PreviewDocument } from '../../workers/preview-pack';
import type { DrawnSignature } from './SignaturePad';

/** What a deliverable is made from; the snapshot has its number and revision, no signatures. */
export interface ReportRequest {
  kind: DeliverableKind;
  customerId: string;
  siteId?: string;
  sourceId: string;
  title: string;
  /** Where it is signed (the site's name), for the PDF signature. */
  location: string;
  snapshot: ReportSnapshot;
  supersedesId?: string;
  customerRepresentative: { name: string; title: string };
  engineer: { name: string; title: string };
  /** A recorded draft to continue (sign) instead of rendering a new one. */
  draft?: DeliverableDoc;
}

let client: PdfRenderClient | null = null;
function renderClient(): PdfRenderClient {
  client ??= new PdfRenderClient();
  return client;
}

export interface RenderedReport {
  bytes: Uint8Array;
  pageCount: number;
  workerMs: number;
  /** The pages as drawn in the PDF, when rendered with `preview`. */
  preview?: PreviewDocument;
}

/**
 * Renders in the worker (never on the UI thread); `onProgress` gets 0–1 as pages are written.
 * With `preview` the worker also answers the laid-out pages for the sign dialog's preview.
 */
export async function renderReport(
  snapshot: ReportSnapshot,
  lang: DeliverableLang,
  onProgress?: (fraction: number) => void,
  preview = false,
): Promise<RenderedReport> {
  const rendered = await renderClient().render(snapshot, lang, onProgress, { preview });
  return {
    bytes: rendered.bytes,
    pageCount: rendered.pageCount,
    workerMs: rendered.workerMs,
    ...(rendered.preview !== undefined ? { preview: rendered.preview } : {}),
  };
}

/** The next free number of `kind` for today at the site (`zone`). */
export async function allocateDocumentNumber(
  db: FieldbookDatabase,
  kind: DeliverableKind,
  zone: string | undefined,
): Promise<string> {
  const today = isoDateIn(new Date(), zone);
  const existing = await db.deliverables.find({ selector: { kind } }).exec();
  return nextDocumentNumber(
    existing.map((d) => d.documentNumber),
    kind,
    today,
    documentNumberOrg(readOrCreateIssuerCode()),
  );
}

async function putPdf(bytes: Uint8Array, name: string): Promise<AttachmentRef> {
  return desktop().blobs.put({ bytes, name, mimeType: 'application/pdf' });
}

/** Stores a rendered draft: a new deliverable, or the same draft rendered again. */
export async function recordDraft(
  db: FieldbookDatabase,
  request: ReportRequest,
  lang: DeliverableLang,
  rendered: RenderedReport,
  existing: DeliverableDoc | null,
): Promise<DeliverableDoc> {
  const name = deliverableFileName({
    documentNumber: request.snapshot.documentNumber,
    documentRevision: request.snapshot.revision,
    lang,
  });
  const pdf = await putPdf(rendered.bytes, name);
  if (existing !== null) {
    const doc = await db.deliverables.findOne(existing.id).exec();
    if (doc === null) throw new Error(`deliverable ${existing.id} disappeared`);
    const updated = await doc.incrementalModify((current) =>
      replaceDraftRendering(
        current,
        { lang, snapshot: request.snapshot, pdf, pageCount: rendered.pageCount },
        nowInstant(),
      ),
    );
    return updated.toMutableJSON();
  }
  const draft = createDraftDeliverable(
    {
      id: newId(),
      customerId: request.customerId,
      kind: request.kind,
      sourceId: request.sourceId,
      ...(request.siteId !== undefined ? { siteId: request.siteId } : {}),
      title: request.title,
      lang,
      snapshot: request.snapshot,
      pdf,
      pageCount: rendered.pageCount,
      ...(request.supersedesId !== undefined ? { supersedesId: request.supersedesId } : {}),
    },
    nowInstant(),
  );
  await db.deliverables.insert(draft);
  return draft;
}

export interface GeneratedDraft {
  doc: DeliverableDoc;
  rendered: RenderedReport;
}

/**
 * What the generate dialog's "generate" does: renders `request.snapshot` in the worker with the
 * preview pages, then records the draft (a new one, or `existing` rendered again) with that very
 * snapshot. `onProgress` gets 0–1 of the rendering.
 */
export async function generateDraft(
  db: FieldbookDatabase,
  request: ReportRequest,
  lang: DeliverableLang,
  existing: DeliverableDoc | null,
  onStage: (stage: 'building' | 'storing', fraction?: number) => void,
): Promise<GeneratedDraft> {
  onStage('building', 0);
  const rendered = await renderReport(request.snapshot, lang, (f) => onStage('building', f), true);
  onStage('storing');
  const doc = await recordDraft(db, request, lang, rendered, existing);
  return { doc, rendered };
}

/**
 * The snapshot with the drawn signatures, as the signed PDF shows them. Whoever signs for the
 * customer is the customer representative the report names (the cover and document details),
 * replacing the contact proposed before signing: the page that lists them must agree with the
 * signature page.
 */
export function withSignatures(
  snapshot: ReportSnapshot,
  drawn: readonly DrawnSignature[],
): ReportSnapshot {
  const signatures: SnapshotSignature[] = drawn.map((d) => ({
    role: d.role,
    name: d.name,
    ...(d.title !== '' ? { title: d.title } : {}),
    signedAt: d.signedAt,
    image: d.dataUrl,
  }));
  const representatives = signatures
    .filter((s) => s.role === 'customer')
    .map((s) => ({ name: s.name, ...(s.title !== undefined ? { title: s.title } : {}) }));
  return {
    ...snapshot,
    signatures,
    ...(representatives.length > 0 ? { customerRepresentatives: representatives } : {}),
  };
}

export interface SignOutcome {
  doc: DeliverableDoc;
  signed: SignedPdf;
  verification: PdfVerification;
}

export type SignStage = 'building' | 'storing' | 'signing' | 'recording';

/**
 * Renders the draft again with the handwritten signatures, signs it in main, stores the signed
 * file and the PNGs, verifies it and records the deliverable as signed.
 */
export async function signDeliverable(
  db: FieldbookDatabase,
  draft: DeliverableDoc,
  request: ReportRequest,
  drawn: readonly DrawnSignature[],
  texts: { reason: string; signerName: string },
  onStage: (stage: SignStage, fraction?: number) => void,
): Promise<SignOutcome> {
  onStage('building', 0);
  // What the draft recorded (and the preview showed), not a newer state of the source.
  const snapshot = withSignatures(draft.snapshot as unknown as ReportSnapshot, drawn);
  const rendered = await renderReport(snapshot, draft.lang, (f) => onStage('building', f));
  onStage('signing');
  const api = desktop();
  const signed = await api.deliverables.signPdf({
    bytes: rendered.bytes,
    reason: texts.reason,
    location: request.location,
    documentNumber: draft.documentNumber,
    signerName: texts.signerName,
  });
  onStage('storing');
  const pdf = await putPdf(signed.bytes, deliverableFileName(draft));
  const signatures: DeliverableSignature[] = [];
  for (const d of drawn) {
    const image = await api.blobs.put({
      bytes: d.png,
      name: `${draft.documentNumber}-r${draft.documentRevision}-${d.role}.png`,
      mimeType: 'image/png',
    });
    signatures.push({
      role: d.role,
      name: d.name,
      ...(d.title !== '' ? { title: d.title } : {}),
      signedAt: d.signedAt,
      image,
    });
  }
  const verification = checkOwnSignature(
    await api.deliverables.verifyPdf(signed.bytes),
    draft.documentNumber,
  );
  onStage('recording');
  const doc = await db.deliverables.findOne(draft.id).exec();
  if (doc === null) throw new Error(`deliverable ${draft.id} disappeared`);
  const updated = await doc.incrementalModify((current) =>
    markSigned(
      current,
      {
        snapshot,
        pdf,
        sha256: signed.sha256,
        pageCount: rendered.pageCount,
        signatures,
        signer: {
          subject: signed.signer.subject,
          ...(signed.signer.commonName !== null ? { commonName: signed.signer.commonName } : {}),
          selfSigned: signed.signer.selfSigned,
          fingerprint: signed.signer.fingerprint,
        },
        signedAt: signed.signedAt,
      },
      nowInstant(),
    ),
  );
  return { doc: updated.toMutableJSON(), signed, verification };
}

/** Saves the deliverable's stored PDF through the native save dialog; the path, or null. */
export async function exportDeliverable(doc: DeliverableDoc): Promise<string | null> {
  if (doc.pdf === undefined) {
    throw new DeliverableUserError('deliverables.error.noPdf', { number: doc.documentNumber });
  }
  // A deliverable made on another laptop arrives with its document; its PDF on demand.
  const bytes = await readBlob(doc.pdf.sha256);
  if (bytes === null) {
    throw new DeliverableUserError('deliverables.error.pdfMissing', { number: doc.documentNumber });
  }
  return desktop().deliverables.savePdf({ bytes, suggestedName: deliverableFileName(doc) });
}

/** Human-readable size: `356 KB`, `1.2 MB`. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${Math.round(n / 1024)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
