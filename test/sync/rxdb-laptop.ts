/**
 * A laptop for the sync tests: an RxDB database (memory storage) with the app's visits schema and
 * conflict handler, replicating through RxDB's replication plugin and the shared protocol client
 * (src-shared/sync/client.ts) against the real server, with the live stream feeding pull.stream$.
 */
import { createRxDatabase, type RxCollection, type RxDatabase, type WithDeleted } from 'rxdb';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { Subject } from 'rxjs';
import { CONFLICT_HANDLERS } from '../../src-shared/db/conflicts';
import { COLLECTION_SCHEMAS } from '../../src-shared/db/schemas';
import type { CollectionName, DocByCollection, VisitDoc } from '../../src-shared/db/types';
import type { PullResponse, ReplicationCheckpoint, WireDocument } from '../../src-shared/sync';
import {
  pullPage,
  pushBatch,
  STREAM_EVENT_DOCUMENTS,
  STREAM_EVENT_RESYNC,
  type SyncEndpoint,
} from '../../src-shared/sync';
import type { EventStream, SyncClient } from './client';

export interface Laptop {
  db: RxDatabase;
  visits: RxCollection<VisitDoc>;
  replication: RxReplicationState<VisitDoc, ReplicationCheckpoint>;
  stream: EventStream;
  close(): Promise<void>;
}

/** One replicated collection of any kind on a laptop. */
export interface Replica<K extends CollectionName> {
  db: RxDatabase;
  collection: RxCollection<DocByCollection[K]>;
  replication: RxReplicationState<DocByCollection[K], ReplicationCheckpoint>;
  stream: EventStream;
  close(): Promise<void>;
}

let dbCounter = 0;

export async function laptop(client: SyncClient): Promise<Laptop> {
  const r = await replica(client, 'visits');
  return {
    db: r.db,
    visits: r.collection,
    replication: r.replication,
    stream: r.stream,
    close: () => r.close(),
  };
}

/** A laptop database with one collection `name` (app schema and conflict handler), replicating. */
export async function replica<K extends CollectionName>(
  client: SyncClient,
  name: K,
): Promise<Replica<K>> {
  type Doc = DocByCollection[K];
  dbCounter += 1;
  const db = await createRxDatabase({
    name: `laptop${dbCounter}${Date.now()}`,
    storage: getRxStorageMemory(),
    multiInstance: false,
  });
  const added = await db.addCollections({
    [name]: { schema: COLLECTION_SCHEMAS[name], conflictHandler: CONFLICT_HANDLERS[name] },
  });
  const collection = added[name] as unknown as RxCollection<Doc>;
  const stream = await client.stream(name);
  const events$ = new Subject<
    { documents: WithDeleted<Doc>[]; checkpoint: ReplicationCheckpoint } | 'RESYNC'
  >();
  const forward = (e: { event: string; data: unknown }) => {
    if (e.event === STREAM_EVENT_RESYNC) events$.next('RESYNC');
    if (e.event === STREAM_EVENT_DOCUMENTS) {
      const page = e.data as PullResponse<WithDeleted<Doc>>;
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
  const replication = replicateRxCollection<Doc, ReplicationCheckpoint>({
    collection,
    replicationIdentifier: `fieldbook-${name}-${client.base}`,
    live: true,
    retryTime: 200,
    waitForLeadership: false,
    pull: {
      batchSize: 50,
      async handler(checkpoint, batchSize) {
        const page = await pullPage(endpoint, name, checkpoint, batchSize);
        return {
          documents: page.documents as unknown as WithDeleted<Doc>[],
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
          name,
          rows.map((r) => ({
            assumedMasterState: (r.assumedMasterState ?? null) as WireDocument | null,
            newDocumentState: r.newDocumentState as unknown as WireDocument,
          })),
        );
        return conflicts as unknown as WithDeleted<Doc>[];
      },
    },
  });
  replication.error$.subscribe((err) => {
    throw err;
  });
  return {
    db,
    collection,
    replication,
    stream,
    async close() {
      stream.close();
      await replication.cancel();
      await db.close();
    },
  };
}

export async function eventually(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

export const plain = (d: VisitDoc) => {
  const { id, summary, status, engineers, updatedAt } = d;
  return { id, summary, status, engineers, updatedAt };
};
