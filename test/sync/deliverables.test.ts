/**
 * Deliverables replicate like every collection, with their own conflict rule, against the real
 * server: two RxDB laptops of one engineer, one signs offline while the other edits the draft.
 * A signed state is never overwritten, and the state that lost is kept in the history.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RxCollection } from 'rxdb';
import type { AttachmentRef, DeliverableDoc } from '../../src-shared/db/types';
import {
  createDraftDeliverable,
  markSigned,
  replaceDraftRendering,
} from '../../src-shared/domain/deliverables';
import { sampleFaultSnapshot } from '../../src-shared/reports/sample';
import { testId } from './docs';
import { collectionLaptop, eventually, type CollectionLaptop } from './rxdb-laptop';
import { startWorld, type World } from './setup';

const ref = (c: string, mimeType = 'application/pdf'): AttachmentRef => ({
  sha256: c.repeat(64),
  name: mimeType === 'image/png' ? 's.png' : 'r.pdf',
  mimeType,
  size: 100,
});

function draftFor(customerId: string): DeliverableDoc {
  return createDraftDeliverable(
    {
      id: testId('D'),
      customerId,
      kind: 'fault-report',
      sourceId: 'I1',
      title: '专有云 SLB 健康检查失败',
      lang: 'zh',
      snapshot: sampleFaultSnapshot(),
      pdf: ref('a'),
      pageCount: 4,
    },
    '2026-03-04T11:00:00.000+08:00',
  );
}

function signed(doc: DeliverableDoc, at: string): DeliverableDoc {
  return markSigned(
    doc,
    {
      snapshot: sampleFaultSnapshot(),
      pdf: ref('b'),
      sha256: ref('b').sha256,
      signatures: [{ role: 'customer', name: '李明', signedAt: at, image: ref('c', 'image/png') }],
      signer: { subject: 'CN=张伟', selfSigned: true, fingerprint: 'f'.repeat(64) },
      signedAt: at,
    },
    at,
  );
}

async function modify(
  collection: RxCollection<DeliverableDoc>,
  id: string,
  op: (d: DeliverableDoc) => DeliverableDoc,
): Promise<void> {
  const doc = await collection.findOne(id).exec();
  if (doc === null) throw new Error(`${id} missing`);
  await doc.incrementalModify((current) => op(current));
}

async function current(
  r: CollectionLaptop<'deliverables'>,
  id: string,
): Promise<DeliverableDoc | null> {
  return (await r.collection.findOne(id).exec())?.toMutableJSON() ?? null;
}

describe('deliverables replication', () => {
  let w: World;
  let a: CollectionLaptop<'deliverables'>;
  let b: CollectionLaptop<'deliverables'>;

  beforeAll(async () => {
    w = await startWorld('pglite');
    a = await collectionLaptop(w.eng1, 'deliverables');
    b = await collectionLaptop(w.eng1, 'deliverables');
  }, 120_000);

  afterAll(async () => {
    await a?.close().catch(() => undefined);
    await b?.close().catch(() => undefined);
    await w?.close();
  });

  async function sharedDraft(): Promise<DeliverableDoc> {
    const draft = draftFor(w.c1);
    await a.collection.insert(draft);
    await a.replication.awaitInSync();
    await eventually(async () => (await current(b, draft.id)) !== null);
    await a.replication.pause();
    await b.replication.pause();
    return draft;
  }

  it('a signed local copy wins over a draft edit that reached the master first', async () => {
    const draft = await sharedDraft();
    await modify(a.collection, draft.id, (d) => signed(d, '2026-03-04T11:30:00.000+08:00'));
    // Later clock on B: without the rule, "last writer wins" would drop the signature.
    await modify(b.collection, draft.id, (d) =>
      replaceDraftRendering(
        d,
        { lang: 'en', snapshot: sampleFaultSnapshot(), pdf: ref('e'), pageCount: 4 },
        '2026-03-04T12:00:00.000+08:00',
      ),
    );
    await b.replication.start();
    await b.replication.awaitInSync();
    await a.replication.start();
    await a.replication.awaitInSync();
    await eventually(async () => (await current(b, draft.id))?.status === 'signed');
    for (const r of [a, b]) {
      const doc = await current(r, draft.id);
      expect(doc).toMatchObject({ status: 'signed', sha256: ref('b').sha256, lang: 'zh' });
      // B's English draft lost, and is kept; so is the draft B had replaced.
      // Both entries are stamped 12:00 (B's edit); ties are ordered by reason.
      expect(doc?.history.map((h) => [h.reason, h.lang, h.sha256]).sort()).toEqual([
        ['conflict', 'en', ref('e').sha256],
        ['draft-replaced', 'zh', ref('a').sha256],
      ]);
    }
    const server = await w.eng1.pullAll('deliverables');
    const onServer = server.documents.find((d) => d.id === draft.id);
    expect(onServer).toMatchObject({ status: 'signed', sha256: ref('b').sha256 });
  }, 60_000);

  it('a signed master wins over a later local edit, which goes to history', async () => {
    const draft = await sharedDraft();
    await modify(a.collection, draft.id, (d) => signed(d, '2026-03-04T11:30:00.000+08:00'));
    await modify(b.collection, draft.id, (d) =>
      replaceDraftRendering(
        d,
        { lang: 'en', snapshot: sampleFaultSnapshot(), pdf: ref('9'), pageCount: 4 },
        '2026-03-04T13:00:00.000+08:00',
      ),
    );
    await a.replication.start();
    await a.replication.awaitInSync();
    await b.replication.start();
    await b.replication.awaitInSync();
    await eventually(async () => {
      const onA = await current(a, draft.id);
      return onA?.history.some((h) => h.reason === 'conflict') === true;
    });
    for (const r of [a, b]) {
      const doc = await current(r, draft.id);
      expect(doc).toMatchObject({ status: 'signed', sha256: ref('b').sha256 });
      expect(doc?.history.filter((h) => h.reason === 'conflict').map((h) => h.sha256)).toEqual([
        ref('9').sha256,
      ]);
    }
  }, 60_000);
});
