/**
 * Conformance with RxDB: real RxDB databases (memory storage) replicating through RxDB's own
 * replication plugin against the real server, with the app's schemas and conflict handlers.
 * Two laptops of one engineer and one of another engineer.
 */
import { createRxDatabase, type RxCollection, type RxDatabase, type WithDeleted } from 'rxdb';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { Subject } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFLICT_HANDLERS } from '../../src-shared/db/conflicts';
import { COLLECTION_SCHEMAS } from '../../src-shared/db/schemas';
import type { VisitDoc } from '../../src-shared/db/types';
import type { PullResponse, ReplicationCheckpoint, WireDocument } from '../../src-shared/sync';
import {
  pullPage,
  pushBatch,
  STREAM_EVENT_DOCUMENTS,
  STREAM_EVENT_RESYNC,
  type SyncEndpoint,
} from '../../src-shared/sync';
import type { EventStream, SyncClient } from './client';
import { visit } from './docs';
import { startWorld, type World } from './setup';

interface Laptop {
  db: RxDatabase;
  visits: RxCollection<VisitDoc>;
  replication: RxReplicationState<VisitDoc, ReplicationCheckpoint>;
  stream: EventStream;
  close(): Promise<void>;
}

let dbCounter = 0;

async function laptop(client: SyncClient): Promise<Laptop> {
  dbCounter += 1;
  const db = await createRxDatabase({
    name: `laptop${dbCounter}${Date.now()}`,
    storage: getRxStorageMemory(),
    multiInstance: false,
  });
  const { visits } = await db.addCollections({
    visits: { schema: COLLECTION_SCHEMAS.visits, conflictHandler: CONFLICT_HANDLERS.visits },
  });
  const collection = visits as unknown as RxCollection<VisitDoc>;
  const stream = await client.stream('visits');
  const events$ = new Subject<
    { documents: WithDeleted<VisitDoc>[]; checkpoint: ReplicationCheckpoint } | 'RESYNC'
  >();
  const forward = (e: { event: string; data: unknown }) => {
    if (e.event === STREAM_EVENT_RESYNC) events$.next('RESYNC');
    if (e.event === STREAM_EVENT_DOCUMENTS) {
      const page = e.data as PullResponse<WithDeleted<VisitDoc>>;
      events$.next({ documents: page.documents, checkpoint: page.checkpoint });
    }
  };
  // Replay what arrived before the listener, then follow: synchronous, so nothing falls between.
  stream.events.forEach(forward);
  stream.onEvent(forward);

  // The shared protocol client (src-shared/sync/client.ts), as the renderer will use it.
  const endpoint: SyncEndpoint = {
    baseUrl: client.base,
    getToken: () => client.token,
    fetch: (url, init) => fetch(url, init),
  };
  const replication = replicateRxCollection<VisitDoc, ReplicationCheckpoint>({
    collection,
    replicationIdentifier: `fieldbook-visits-${client.base}`,
    live: true,
    retryTime: 200,
    waitForLeadership: false,
    pull: {
      batchSize: 50,
      async handler(checkpoint, batchSize) {
        const page = await pullPage(endpoint, 'visits', checkpoint, batchSize);
        return {
          documents: page.documents as unknown as WithDeleted<VisitDoc>[],
          checkpoint: page.checkpoint,
        };
      },
      stream$: events$.asObservable(),
    },
    push: {
      batchSize: 20,
      async handler(rows) {
        const conflicts = await pushBatch(
          endpoint,
          'visits',
          rows.map((r) => ({
            assumedMasterState: (r.assumedMasterState ?? null) as WireDocument | null,
            newDocumentState: r.newDocumentState as unknown as WireDocument,
          })),
        );
        return conflicts as unknown as WithDeleted<VisitDoc>[];
      },
    },
  });
  replication.error$.subscribe((err) => {
    throw err;
  });
  return {
    db,
    visits: collection,
    replication,
    stream,
    async close() {
      stream.close();
      await replication.cancel();
      await db.close();
    },
  };
}

async function eventually(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

const plain = (d: VisitDoc) => {
  const { id, summary, status, engineers, updatedAt } = d;
  return { id, summary, status, engineers, updatedAt };
};

describe('RxDB replication against the server', () => {
  let w: World;
  const laptops: Laptop[] = [];

  beforeAll(async () => {
    w = await startWorld('pglite');
  }, 120_000);

  afterAll(async () => {
    for (const l of laptops) await l.close().catch(() => undefined);
    await w?.close();
  });

  it('two laptops converge, a third of another engineer sees nothing, edits offline merge', async () => {
    const a = await laptop(w.eng1);
    const b = await laptop(w.eng1);
    const c = await laptop(w.eng2);
    laptops.push(a, b, c);

    const docs = Array.from({ length: 30 }, () => visit(w.c1, 'SITE1'));
    for (let i = 0; i < docs.length; i += 10) {
      await a.visits.bulkInsert(
        docs.slice(i, i + 10).map((d) => {
          const { _deleted: _d, ...fields } = d;
          return fields as unknown as VisitDoc;
        }),
      );
    }
    await a.replication.awaitInSync();
    await eventually(async () => (await b.visits.count().exec()) === 30);
    await c.replication.awaitInSync();
    expect(await c.visits.count().exec()).toBe(0);
    const server = await w.eng1.pullAll('visits');
    expect(server.documents.map((d) => d.id).sort()).toEqual(docs.map((d) => d.id).sort());

    // Both laptops go offline and edit the same visit, different fields.
    const id = docs[0]?.id ?? '';
    await a.replication.pause();
    await b.replication.pause();
    const onA = await a.visits.findOne(id).exec();
    const onB = await b.visits.findOne(id).exec();
    await onA?.incrementalPatch({
      summary: '巡检完成',
      updatedAt: '2026-03-06T12:00:00.000+08:00',
    });
    await onB?.incrementalPatch({
      status: 'checked-in',
      updatedAt: '2026-03-06T11:00:00.000+08:00',
    });

    await a.replication.start();
    await a.replication.awaitInSync();
    await b.replication.start();
    await b.replication.awaitInSync();
    a.replication.reSync();
    await eventually(async () => {
      const x = await a.visits.findOne(id).exec();
      const y = await b.visits.findOne(id).exec();
      return (
        x !== null &&
        y !== null &&
        JSON.stringify(plain(x.toJSON() as VisitDoc)) ===
          JSON.stringify(plain(y.toJSON() as VisitDoc))
      );
    });
    const merged = (await a.visits.findOne(id).exec())?.toJSON() as VisitDoc;
    // Neither edit is lost.
    expect(merged.summary).toBe('巡检完成');
    expect(merged.status).toBe('checked-in');
    const onServer = (await w.admin.pullAll('visits')).documents.find((d) => d.id === id);
    expect(plain(onServer as unknown as VisitDoc)).toEqual(plain(merged));
  }, 60_000);
});
