/**
 * Reference runs for the sync benchmark (bench/sync/run.ts), same workload as ours:
 *
 * - PouchDB: a PouchDB client (memory adapter) replicating with `PouchDB.replicate` against a
 *   CouchDB-protocol server (express-pouchdb over PouchDB's memory adapter, its own process,
 *   bench/sync/pouchdb-server.ts) — the established offline-first sync stack.
 * - RxDB: the app's own stack, an RxDB database (memory storage) replicating with RxDB's
 *   replication plugin and the shared protocol client against our server, so both columns
 *   include a client-side database (our protocol-client figures do not).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import PouchDB, { type PouchDatabase, type PouchDocument } from 'pouchdb-core';
import httpAdapter from 'pouchdb-adapter-http';
import memoryAdapter from 'pouchdb-adapter-memory';
import replication from 'pouchdb-replication';
import { createRxDatabase, type RxCollection, type WithDeleted } from 'rxdb';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { firstValueFrom } from 'rxjs';
import { COLLECTION_SCHEMAS } from '../../src-shared/db/schemas';
import type { VisitDoc } from '../../src-shared/db/types';
import type { ReplicationCheckpoint, WireDocument } from '../../src-shared/sync';
import { pullPage, pushBatch, type SyncEndpoint } from '../../src-shared/sync';

export interface Timed {
  documents: number;
  seconds: number;
  docsPerSecond: number;
}

export interface Workload {
  initialDocs: number;
  offlineChanges: number;
  /** Documents per pull request (our `limit`, PouchDB's `batch_size` from the server). */
  pullBatch: number;
  /** Documents per push request. */
  pushBatch: number;
  /** A new document (without `_deleted`), the same shape on every side. */
  makeDoc: () => WireDocument;
}

const timed = (documents: number, ms: number): Timed => ({
  documents,
  seconds: ms / 1000,
  docsPerSecond: documents / (ms / 1000),
});

const Pouch = PouchDB.plugin(memoryAdapter).plugin(httpAdapter).plugin(replication);

function pouchDoc(d: WireDocument): PouchDocument {
  const { id, _deleted: _ignored, ...rest } = d;
  return { _id: id, ...rest };
}

async function startPouchServer(root: string, port: number): Promise<ChildProcess> {
  const proc = spawn(
    process.execPath,
    ['--import', 'tsx', 'bench/sync/pouchdb-server.ts', String(port)],
    { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  await new Promise<void>((ok, fail) => {
    proc.stderr?.on('data', (c: Buffer) => {
      stderr += c.toString();
      if (stderr.includes('listening on')) ok();
    });
    proc.once('exit', (code) => fail(new Error(`PouchDB server exited ${code}: ${stderr}`)));
  });
  return proc;
}

/** (a) initial sync of a fresh client and (b) push of offline changes, with PouchDB. */
export async function benchPouchDb(
  root: string,
  port: number,
  w: Workload,
): Promise<{ initialSync: Timed; offlinePush: Timed }> {
  const proc = await startPouchServer(root, port);
  const dbs: PouchDatabase[] = [];
  try {
    const remote = new Pouch(`http://127.0.0.1:${port}/visits`);
    dbs.push(remote);
    for (let i = 0; i < w.initialDocs; i += 1000) {
      const n = Math.min(1000, w.initialDocs - i);
      const res = await remote.bulkDocs(Array.from({ length: n }, () => pouchDoc(w.makeDoc())));
      if (res.some((r) => r.error)) throw new Error('PouchDB seed write failed');
    }

    const laptop = new Pouch(`laptop-${Date.now()}`, { adapter: 'memory' });
    dbs.push(laptop);
    let t = performance.now();
    const pulled = await Pouch.replicate(remote, laptop, { batch_size: w.pullBatch });
    const pullMs = performance.now() - t;
    const local = await laptop.info();
    if (!pulled.ok || local.doc_count !== w.initialDocs) {
      throw new Error(`PouchDB initial sync has ${local.doc_count} of ${w.initialDocs}`);
    }

    // Offline edits: written to the laptop's database in chunks (not timed), then pushed.
    for (let i = 0; i < w.offlineChanges; i += 100) {
      const n = Math.min(100, w.offlineChanges - i);
      await laptop.bulkDocs(Array.from({ length: n }, () => pouchDoc(w.makeDoc())));
    }
    t = performance.now();
    const pushed = await Pouch.replicate(laptop, remote, { batch_size: w.pushBatch });
    const pushMs = performance.now() - t;
    const server = await remote.info();
    if (!pushed.ok || server.doc_count !== w.initialDocs + w.offlineChanges) {
      throw new Error(`PouchDB push left ${server.doc_count} documents on the server`);
    }
    return {
      initialSync: timed(w.initialDocs, pullMs),
      offlinePush: timed(w.offlineChanges, pushMs),
    };
  } finally {
    for (const db of dbs) await db.close().catch(() => undefined);
    proc.kill('SIGTERM');
    await new Promise((r) => proc.once('exit', r));
  }
}

let rxCounter = 0;

/** The one-shot replication's end, or its first error (RxDB would otherwise retry forever). */
async function finished(state: RxReplicationState<VisitDoc, ReplicationCheckpoint>): Promise<void> {
  await Promise.race([
    state.awaitInitialReplication(),
    // error$ completes on cancel: that is not an error (defaultValue), an emitted one is.
    firstValueFrom(state.error$, { defaultValue: null }).then((e) => {
      if (e) throw e;
      return new Promise<never>(() => undefined);
    }),
  ]);
}

async function rxLaptop() {
  rxCounter += 1;
  const db = await createRxDatabase({
    name: `bench${rxCounter}${Date.now()}`,
    storage: getRxStorageMemory(),
    multiInstance: false,
  });
  const { visits } = await db.addCollections({ visits: { schema: COLLECTION_SCHEMAS.visits } });
  return { db, visits: visits as unknown as RxCollection<VisitDoc> };
}

/**
 * (a) with RxDB: a fresh RxDB database pulls every document of the caller's scope. The server
 * must hold exactly `expected` visits for `token`'s user.
 */
export async function rxdbInitialSync(
  baseUrl: string,
  token: string,
  expected: number,
  w: Workload,
): Promise<Timed> {
  const { db, visits } = await rxLaptop();
  const endpoint: SyncEndpoint = { baseUrl, getToken: () => token, fetch: (u, i) => fetch(u, i) };
  try {
    const t = performance.now();
    const state = replicateRxCollection<VisitDoc, ReplicationCheckpoint>({
      collection: visits,
      replicationIdentifier: `bench-pull-${rxCounter}`,
      live: false,
      waitForLeadership: false,
      pull: {
        batchSize: w.pullBatch,
        async handler(checkpoint, batchSize) {
          const page = await pullPage(endpoint, 'visits', checkpoint, batchSize);
          return {
            documents: page.documents as unknown as WithDeleted<VisitDoc>[],
            checkpoint: page.checkpoint,
          };
        },
      },
    });
    await finished(state);
    const ms = performance.now() - t;
    await state.cancel();
    const count = await visits.count().exec();
    if (count !== expected) throw new Error(`RxDB initial sync has ${count} of ${expected}`);
    return timed(expected, ms);
  } finally {
    await db.close();
  }
}

/** (b) with RxDB: offline changes written locally (not timed), then pushed in `pushBatch`es. */
export async function rxdbOfflinePush(
  baseUrl: string,
  token: string,
  w: Workload,
): Promise<{ timed: Timed; ids: string[] }> {
  const { db, visits } = await rxLaptop();
  const endpoint: SyncEndpoint = { baseUrl, getToken: () => token, fetch: (u, i) => fetch(u, i) };
  const ids: string[] = [];
  try {
    // In chunks: one huge bulkInsert makes the push rescan (STACK-NOTES, RxDB).
    for (let i = 0; i < w.offlineChanges; i += 100) {
      const n = Math.min(100, w.offlineChanges - i);
      const docs = Array.from({ length: n }, () => {
        const { _deleted: _ignored, ...doc } = w.makeDoc();
        ids.push(doc.id);
        return doc as unknown as VisitDoc;
      });
      await visits.bulkInsert(docs);
    }
    let conflicts = 0;
    let pushed = 0;
    const t = performance.now();
    const state = replicateRxCollection<VisitDoc, ReplicationCheckpoint>({
      collection: visits,
      replicationIdentifier: `bench-push-${rxCounter}`,
      live: false,
      waitForLeadership: false,
      push: {
        batchSize: w.pushBatch,
        async handler(rows) {
          const result = await pushBatch(
            endpoint,
            'visits',
            rows.map((r) => ({
              assumedMasterState: (r.assumedMasterState ?? null) as WireDocument | null,
              newDocumentState: r.newDocumentState as unknown as WireDocument,
            })),
          );
          conflicts += result.length;
          pushed += rows.length;
          return result as unknown as WithDeleted<VisitDoc>[];
        },
      },
    });
    await finished(state);
    const ms = performance.now() - t;
    await state.cancel();
    if (conflicts > 0) throw new Error(`RxDB push had ${conflicts} conflicts`);
    if (pushed !== w.offlineChanges) {
      throw new Error(`RxDB pushed ${pushed} of ${w.offlineChanges} documents`);
    }
    return { timed: timed(w.offlineChanges, ms), ids };
  } finally {
    await db.close();
  }
}
