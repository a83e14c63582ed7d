/**
 * A laptop for the sync tests: an RxDB database (memory storage) with the app's schema and conflict
 * handler of one collection (visits by default), replicating through RxDB's replication plugin and the shared protocol client
 * (src-shared/sync/client.ts) against the real server, with the live stream feeding pull.stream$.
 */
import {
  addRxPlugin,
  createRxDatabase,
  type RxCollection,
  type RxDatabase,
  type RxStorage,
  type WithDeleted,
} from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { Subject } from 'rxjs';
import { CONFLICT_HANDLERS } from '../../src-shared/db/conflicts';
import { COLLECTION_SCHEMAS, MIGRATION_STRATEGIES } from '../../src-shared/db/schemas';
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

/** A laptop replicating one collection of the app (schema and conflict handler as in the app). */
export interface CollectionLaptop<K extends CollectionName> {
  db: RxDatabase;
  collection: RxCollection<DocByCollection[K]>;
  replication: RxReplicationState<DocByCollection[K], ReplicationCheckpoint>;
  stream: EventStream;
  close(): Promise<void>;
}

// Schemas past version 0 need the migration plugin, as in the app.
addRxPlugin(RxDBMigrationSchemaPlugin);

let dbCounter = 0;

export interface LaptopOptions {
  /** Storage; memory by default. A persistent one (Dexie on fake-indexeddb) survives a reopen. */
  storage?: RxStorage<unknown, unknown>;
  /** Database name; reopening the same name on a persistent storage is a reloaded app. */
  name?: string;
  /** Pull and push batch sizes (50 / 20 by default). */
  pullBatchSize?: number;
  pushBatchSize?: number;
  /** Awaited before each pull request: a test holds the pull here to stop a sync midway. */
  beforePull?: () => Promise<void>;
  /** Called with each pulled page's size, to see where a pull resumed. */
  onPulled?: (count: number, checkpoint: ReplicationCheckpoint) => void;
  /** Called with each acknowledged push batch's size. */
  onPushed?: (count: number) => void;
}

export async function laptop(client: SyncClient, options: LaptopOptions = {}): Promise<Laptop> {
  const l = await collectionLaptop(client, 'visits', options);
  return { ...l, visits: l.collection };
}

export async function collectionLaptop<K extends CollectionName>(
  client: SyncClient,
  name: K,
  options: LaptopOptions = {},
): Promise<CollectionLaptop<K>> {
  type Doc = DocByCollection[K];
  dbCounter += 1;
  const db = await createRxDatabase({
    name: options.name ?? `laptop${dbCounter}${Date.now()}`,
    storage: options.storage ?? getRxStorageMemory(),
    multiInstance: false,
  });
  const collections = await db.addCollections({
    [name]: {
      schema: COLLECTION_SCHEMAS[name],
      migrationStrategies: MIGRATION_STRATEGIES[name],
      conflictHandler: CONFLICT_HANDLERS[name],
    },
  });
  const collection = collections[name] as unknown as RxCollection<Doc>;
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
      batchSize: options.pullBatchSize ?? 50,
      async handler(checkpoint, batchSize) {
        await options.beforePull?.();
        const page = await pullPage(endpoint, name, checkpoint, batchSize);
        options.onPulled?.(page.documents.length, page.checkpoint);
        return {
          documents: page.documents as unknown as WithDeleted<Doc>[],
          checkpoint: page.checkpoint,
        };
      },
      stream$: events$.asObservable(),
    },
    push: {
      batchSize: options.pushBatchSize ?? 20,
      async handler(rows) {
        const conflicts = await pushBatch(
          endpoint,
          name,
          rows.map((r) => ({
            assumedMasterState: (r.assumedMasterState ?? null) as WireDocument | null,
            newDocumentState: r.newDocumentState as unknown as WireDocument,
          })),
        );
        options.onPushed?.(rows.length);
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
