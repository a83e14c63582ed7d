// @vitest-environment happy-dom
/**
 * The inspection report request against a real RxDB (Dexie on fake-indexeddb) and a stubbed blob
 * store: it is made from the stored inspection (not sample data), embeds only the photos it can
 * read and draw, and a new revision is rebuilt from the inspection as it is now.
 */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import type { RxStorage } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { afterEach, describe, expect, it } from 'vitest';
import type { AttachmentRef, InspectionDoc } from '../../../src-shared/db/types';
import { createDraftDeliverable, markSigned } from '../../../src-shared/domain/deliverables';
import {
  answerCheck,
  completeInspection,
  reopenInspection,
  setOverallEvaluation,
} from '../../../src-shared/domain/inspection-ops';
import { buildSampleWorkspace } from '../../../src-shared/domain/sample-workspace';
import type { DesktopApi } from '../../../src-shared/ipc';
import { Raster, encodePng } from '../../../src-shared/reports/png';
import type { InspectionSnapshot } from '../../../src-shared/reports/snapshot-types';
import { openFieldbookDatabase } from '../../db/database';
import type { FieldbookDatabase } from '../../db/database';
import { inspectionReportRequest } from './report-requests';

const storage = getRxStorageDexie({ indexedDB, IDBKeyRange }) as RxStorage<unknown, unknown>;
const ws = buildSampleWorkspace(new Date('2026-11-23T06:30:00Z'));
const T = '2026-11-23T15:00:00.000+08:00';
let counter = 0;
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const pngBytes = encodePng(new Raster(8, 6, [[30, 120, 200]]));
const ref = (hex: string, name: string, mimeType: string): AttachmentRef => ({
  sha256: hex.repeat(64),
  name,
  mimeType,
  size: 100,
});
const png = ref('a', 'etcd.png', 'image/png');
const webp = ref('b', 'phone.webp', 'image/webp');
const missing = ref('c', 'not-synced.jpg', 'image/jpeg');

/** The blob store: the PNG and a WebP are on this laptop, the JPEG is not. */
function stubBlobs(): void {
  const stored = new Map<string, Uint8Array>([
    [png.sha256, pngBytes],
    [webp.sha256, new TextEncoder().encode('RIFF\u0000\u0000\u0000\u0000WEBPVP8 ')],
  ]);
  const api = {
    blobs: { get: (sha256: string) => Promise.resolve(stored.get(sha256) ?? null) },
  } as unknown as DesktopApi;
  (window as { fieldbook?: DesktopApi }).fieldbook = api;
  cleanups.push(() => {
    delete (window as { fieldbook?: DesktopApi }).fieldbook;
    return Promise.resolve();
  });
}

async function openDb(): Promise<FieldbookDatabase> {
  const db = await openFieldbookDatabase({
    name: `fb-report-requests-${Date.now()}-${counter++}`,
    password: 'report-requests-key-123456',
    storage,
  });
  cleanups.push(() => db.close());
  for (const name of ['customers', 'sites', 'clusters', 'contracts', 'inspections'] as const) {
    await db[name].bulkInsert(ws[name] as never[]);
  }
  return db;
}

/** The sample's completed inspection, with three photos on its first answer. */
async function withPhotos(db: FieldbookDatabase): Promise<InspectionDoc> {
  const completed = ws.inspections.find((i) => i.status === 'completed')!;
  const first = completed.answers[0]!;
  const doc = await db.inspections.findOne(completed.id).exec();
  const updated = await doc!.incrementalModify((d) =>
    completeInspection(
      answerCheck(
        reopenInspection(d, T),
        { clusterId: first.clusterId, itemId: first.itemId, node: first.node },
        { evidence: [png, webp, missing] },
        T,
      ),
      T,
    ),
  );
  return updated.toMutableJSON();
}

describe('inspectionReportRequest', () => {
  it('is made from the stored inspection, with the photos it can read and draw', async () => {
    stubBlobs();
    const db = await openDb();
    const doc = await withPhotos(db);
    const request = await inspectionReportRequest(db, doc.id, '王芳');
    const customer = ws.customers.find((c) => c.id === doc.customerId)!;
    const site = ws.sites.find((s) => s.id === doc.siteId)!;
    expect(request).toMatchObject({
      kind: 'inspection-report',
      customerId: customer.id,
      siteId: site.id,
      sourceId: doc.id,
      location: site.name,
      engineer: { name: '王芳' },
    });
    const snapshot = request.snapshot as InspectionSnapshot;
    expect(snapshot.documentNumber).toMatch(/^FB[0-9A-Z]{5}-INS-\d{8}-0001$/);
    expect(snapshot.revision).toBe(1);
    expect(snapshot.customer.name).toBe(customer.name);
    expect(snapshot.site.name).toBe(site.name);
    expect(snapshot.clusters.map((c) => c.id)).toEqual(doc.clusters.map((c) => c.clusterId));
    expect(snapshot.overallEvaluation).toBe(doc.overallEvaluation);
    expect(snapshot.engineers).toEqual(doc.engineers.map((name) => ({ name })));
    // The bank's DCE support contract is on the cover.
    expect(snapshot.contract).toBeDefined();
    expect(snapshot.contract?.number).toBe(
      ws.contracts.find((c) => c.customerId === customer.id && c.packId === doc.packId)?.number,
    );
    // Only the PNG: the WebP cannot be drawn, the JPEG is not on this laptop.
    expect(snapshot.photos.map((p) => p.id)).toEqual([png.sha256]);
    expect(snapshot.photos[0]?.dataUrl).toBe(
      `data:image/png;base64,${Buffer.from(pngBytes).toString('base64')}`,
    );
    const cited = snapshot.results.filter((r) => r.evidence !== undefined);
    expect(cited.map((r) => r.evidence)).toEqual([[png.sha256]]);
  });

  it('makes a new revision from the inspection as it is now', async () => {
    stubBlobs();
    const db = await openDb();
    const doc = await withPhotos(db);
    const first = await inspectionReportRequest(db, doc.id, '王芳');
    const draft = createDraftDeliverable(
      {
        id: 'D1',
        customerId: first.customerId,
        kind: first.kind,
        sourceId: first.sourceId,
        title: first.title,
        lang: 'zh',
        snapshot: first.snapshot,
        pdf: ref('d', 'r1.pdf', 'application/pdf'),
      },
      T,
    );
    const signed = markSigned(
      draft,
      {
        snapshot: first.snapshot,
        pdf: ref('e', 'r1.pdf', 'application/pdf'),
        sha256: 'e'.repeat(64),
        signatures: [{ role: 'engineer', name: '王芳', signedAt: T, image: png }],
        signer: { subject: 'CN=王芳', selfSigned: true, fingerprint: 'f'.repeat(64) },
        signedAt: T,
      },
      T,
    );
    // Reopened and corrected after signing.
    const stored = await db.inspections.findOne(doc.id).exec();
    await stored!.incrementalModify((d) =>
      completeInspection(setOverallEvaluation(reopenInspection(d, T), '复查后：整体良好。', T), T),
    );
    const next = await inspectionReportRequest(db, doc.id, '王芳', signed);
    expect(next.supersedesId).toBe('D1');
    expect(next.snapshot.documentNumber).toBe(first.snapshot.documentNumber);
    expect(next.snapshot.revision).toBe(2);
    expect(next.snapshot.signatures).toEqual([]);
    expect((next.snapshot as InspectionSnapshot).overallEvaluation).toBe('复查后：整体良好。');
  });

  it('refuses an inspection in progress', async () => {
    stubBlobs();
    const db = await openDb();
    const running = ws.inspections.find((i) => i.status === 'in-progress')!;
    await expect(inspectionReportRequest(db, running.id, '王芳')).rejects.toThrow(/completed/);
    await expect(inspectionReportRequest(db, 'nope', '王芳')).rejects.toMatchObject({
      key: 'deliverables.error.sourceMissing',
      params: { kind: 'inspection', id: 'nope' },
    });
  });
});
