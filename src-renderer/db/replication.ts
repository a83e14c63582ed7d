/**
 * Replication of the local database with the sync server: one RxDB replication per replicated
 * collection, through the desktop API's `sync` transport (the main process holds the tokens and
 * talks to the server; see DesktopApi['sync']). The merge rules are the collections' conflict
 * handlers (src-shared/db/conflicts.ts), set when the database opens.
 *
 * Nothing here blocks the UI: every call is asynchronous, failures back off (2 s doubling to
 * 60 s) and are reported in the status, and the app works the same while the server is
 * unreachable. Collections are taken from the open database and `REPLICATED_COLLECTIONS`, so a
 * collection added later replicates without a change here.
 */
import { createRevision, getMetaWriteRow, newRxError, now as rxNow } from 'rxdb';
import type {
  BulkWriteRow,
  RxCollection,
  RxDocumentData,
  RxReplicationPullStreamItem,
  RxStorageInstanceReplicationState,
  RxStorageReplicationMeta,
  WithDeleted,
} from 'rxdb';
import { replicateRxCollection } from 'rxdb/plugins/replication';
import type { RxReplicationState } from 'rxdb/plugins/replication';
import { BehaviorSubject, Subject, filter, firstValueFrom, map } from 'rxjs';
import type { Observable, Subscription } from 'rxjs';
import type {
  DesktopApi,
  SyncAccount,
  SyncFailure,
  SyncResult,
  SyncStreamEvent,
} from '../../src-shared/ipc';
import {
  PULL_LIMIT_MAX,
  REPLICATED_COLLECTIONS,
  referencedBlobs,
} from '../../src-shared/sync/protocol';
import type {
  PullResponse,
  PushRow,
  ReplicationCheckpoint,
  WireDocument,
} from '../../src-shared/sync/protocol';
import { documentsEqual } from '../../src-shared/db/conflicts';
import type { FieldbookDatabase } from './database';
import type { PendingTracker } from './pending-tracker';

type SyncApi = DesktopApi['sync'];
type AnyDoc = { id: string } & Record<string, unknown>;

/** What the status bar shows. */
export interface ReplicationStatus {
  /** A replication round (pull or push) is in flight. */
  active: boolean;
  /** The server answered the last request and the live streams are connected. */
  online: boolean;
  /** ISO instant of the last successful pull or push, or null. */
  lastSyncedAt: string | null;
  /** The last failure, cleared by the next success. */
  lastError: SyncFailure | null;
  /** Progress of the first full sync of this account on this laptop, null once done. */
  initial: { collectionsDone: number; collections: number; documents: number } | null;
  /** Replication stopped for good (session ended, other protocol version); see `lastError`. */
  stopped: boolean;
  /** Documents the server refused (outside this account's customers); kept locally. */
  refused: number;
  /** Those documents, each with the server's reason, oldest first. */
  refusedDocuments: readonly RefusedDocument[];
}

/** A document the server refused to store: it stays on this laptop, not synced. */
export interface RefusedDocument {
  collection: string;
  id: string;
  /** The document's own name, title or number where it has one, for the list. */
  label: string | null;
  customerId: string | null;
  /** The server's answer: its code and (English) message. */
  reason: SyncFailure;
  at: string;
}

function refusedLabel(doc: Record<string, unknown>): string | null {
  for (const key of ['name', 'title', 'documentNumber', 'text']) {
    const v = doc[key];
    if (typeof v === 'string' && v.trim() !== '') return v.length > 80 ? `${v.slice(0, 80)}…` : v;
  }
  return null;
}

export class SyncFailureError extends Error {
  constructor(readonly failure: SyncFailure) {
    super(failure.message);
    this.name = 'SyncFailureError';
  }
}

function unwrap<T>(result: SyncResult<T>): T {
  if (!result.ok) throw new SyncFailureError(result.error);
  return result.value;
}

/** Failures after which retrying cannot help until the user acts. */
const FATAL: readonly SyncFailure['code'][] = [
  'session_expired',
  'not_signed_in',
  'protocol_mismatch',
];

/**
 * Documents per pull page and per push round. Large pages: every page costs a relay round trip
 * and RxDB a handful of IndexedDB transactions whatever its size, so the first sync of 50,000
 * documents wants ~50 pages, not ~1,000. Size is bounded elsewhere: the server cuts pull pages
 * at PULL_PAGE_BYTES_MAX (saying `more`), and the push handler splits a round into requests of
 * at most PUSH_REQUEST_CHARS.
 */
const PULL_BATCH = PULL_LIMIT_MAX;
const PUSH_BATCH = 500;
/**
 * A push request's rows in JSON characters. A character is at most 3 bytes of UTF-8, so this
 * stays under the server's 16 MiB body limit (PROTOCOL.md §4) with room for the envelope.
 */
const PUSH_REQUEST_CHARS = 4 * 1024 * 1024;

/**
 * Documents per storage write on the first-sync fast path; the writes yield to the event loop
 * between slices, so a 1,000-document page is never one long task (validation, encryption and
 * IndexedDB's structured clone of a slice take a few milliseconds).
 */
const FAST_PATH_SLICE = 100;

/** Lets input, rendering and other tasks run between slices of a long piece of work. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * The first sync's fast path (issue 8): writes pulled documents the laptop does not have straight
 * to the collection's storage and to RxDB's replication meta instance, exactly as RxDB's
 * downstream would write them (same fork state, `_meta.o` flag, revision, meta row and write
 * context), without its per-document reads of the fork and of the assumed master state first.
 *
 * Nothing is overwritten: a document the laptop already has in any state (a local edit or deletion
 * made during the sync, a page pulled again after a reload) is returned, for RxDB's normal
 * downstream to merge; every other row is a create (`previous` absent), which the storage refuses
 * with 409 if the document appeared meanwhile. Documents the
 * storage refuses for any other reason (a schema violation) are returned too, so RxDB reports
 * them as it always does. The caller hands RxDB the returned documents with the page's
 * checkpoint, so the checkpoint is stored only after all of the page is written.
 */
async function writeNewDocuments(
  state: RxStorageInstanceReplicationState<AnyDoc>,
  identifierHash: string,
  docs: WithDeleted<AnyDoc>[],
): Promise<WithDeleted<AnyDoc>[]> {
  const flag = await state.downstreamBulkWriteFlag;
  const left: WithDeleted<AnyDoc>[] = [];
  for (let i = 0; i < docs.length; i += FAST_PATH_SLICE) {
    if (i > 0) await yieldToEventLoop();
    if (state.events.canceled.getValue()) return left;
    const page = docs.slice(i, i + FAST_PATH_SLICE);
    // Documents the laptop holds in any state, deleted ones included, are RxDB's to merge: an
    // insert over a deleted document is not refused by the storage wrapper (RxDB re-inserts
    // deleted documents as a convenience), so without this check a deletion made on the laptop
    // and not pushed yet (the sample workspace removed during the first sync) was undone.
    const stored = await state.input.forkInstance.findDocumentsById(
      page.map((d) => d.id),
      true,
    );
    const held = new Set(stored.map((d) => d.id));
    const slice = page.filter((d) => !held.has(d.id));
    left.push(...page.filter((d) => held.has(d.id)));
    if (slice.length === 0) continue;
    const rows: BulkWriteRow<AnyDoc>[] = slice.map((master) => {
      const document = {
        ...master,
        _attachments: {},
        _meta: { lwt: rxNow(), o: { _rev: 1, hash: identifierHash } },
        _rev: createRevision(identifierHash),
      } as unknown as RxDocumentData<AnyDoc>;
      return { document };
    });
    const result = await state.input.forkInstance.bulkWrite(rows, flag);
    // A document created on the laptop between the check above and this write: refused (409).
    const refused = new Set(result.error.map((e) => e.documentId));
    const written = slice.filter((d) => !refused.has(d.id));
    left.push(...slice.filter((d) => refused.has(d.id)));
    if (written.length === 0) continue;
    const metaRows = await Promise.all(written.map((d) => getMetaWriteRow(state, d, undefined)));
    const metaResult = await state.input.metaInstance.bulkWrite(
      metaRows,
      'replication-down-write-meta',
    );
    // A meta row without its document (a purged document): update it as RxDB would.
    const retry: BulkWriteRow<RxStorageReplicationMeta<AnyDoc, ReplicationCheckpoint>>[] = [];
    const failed: typeof metaResult.error = [];
    for (const e of metaResult.error) {
      if (e.status === 409 && e.documentInDb !== undefined) {
        const master = e.writeRow.document.docData as WithDeleted<AnyDoc>;
        retry.push(await getMetaWriteRow(state, master, e.documentInDb));
      } else {
        failed.push(e);
      }
    }
    if (retry.length > 0) {
      const again = await state.input.metaInstance.bulkWrite(retry, 'replication-down-write-meta');
      failed.push(...again.error);
    }
    for (const e of failed) {
      state.events.error.next(newRxError('RC_PULL', { id: e.documentId, writeError: e }));
    }
  }
  return left;
}

/** Status values reach React at most this often; transitions that matter go out at once. */
const STATUS_THROTTLE_MS = 250;

/** A change the user must see now, as opposed to progress (counts, timestamps, activity). */
function isUrgentChange(shown: ReplicationStatus, next: ReplicationStatus): boolean {
  return (
    shown.online !== next.online ||
    shown.stopped !== next.stopped ||
    shown.refused !== next.refused ||
    shown.lastError?.code !== next.lastError?.code ||
    (shown.initial === null) !== (next.initial === null) ||
    shown.initial?.collectionsDone !== next.initial?.collectionsDone
  );
}

/** Splits push rows into requests of at most PUSH_REQUEST_CHARS (one row at least). */
function splitBySize(rows: PushRow[]): PushRow[][] {
  const chunks: PushRow[][] = [];
  let chunk: PushRow[] = [];
  let chars = 0;
  for (const row of rows) {
    const size = JSON.stringify(row).length;
    if (chunk.length > 0 && chars + size > PUSH_REQUEST_CHARS) {
      chunks.push(chunk);
      chunk = [];
      chars = 0;
    }
    chunk.push(row);
    chars += size;
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}

/** Pushed states kept to recognise their echo on the stream (a bound, for a stream that is down). */
const PUSHED_STATES_MAX = 20_000;

const BACKOFF_FIRST_MS = 2000;
const BACKOFF_MAX_MS = 60_000;

/** Shared by every handler: after a failure all of them wait, doubling up to a minute. */
class Backoff {
  private delay = 0;
  private lastFailAt = -Infinity;
  private wakers = new Set<() => void>();

  /** One outage fails every collection's handler at once: that counts as one failure. */
  fail(): void {
    const at = Date.now();
    if (at - this.lastFailAt < this.delay) return;
    this.lastFailAt = at;
    this.delay = this.delay === 0 ? BACKOFF_FIRST_MS : Math.min(this.delay * 2, BACKOFF_MAX_MS);
  }

  succeed(): void {
    this.delay = 0;
  }

  /** Ends every wait now (the server is back, or the engine stops). */
  release(): void {
    this.delay = 0;
    for (const wake of [...this.wakers]) wake();
  }

  wait(): Promise<void> {
    if (this.delay === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, this.delay);
      this.wakers.add(done);
    });
  }
}

/** The blobs a document references (the server's rule: every `sha256` field in it). */
function blobHashes(doc: AnyDoc): string[] {
  return doc['_deleted'] === true ? [] : [...referencedBlobs(doc)];
}

export interface ReplicationEngine {
  readonly status$: Observable<ReplicationStatus>;
  /** Pulls every collection again now and ends any backoff. */
  syncNow(): void;
  stop(): Promise<void>;
}

export interface StartReplicationOptions {
  db: FieldbookDatabase;
  api: SyncApi;
  account: SyncAccount;
  pending: PendingTracker;
  /** Whether this account's first full sync is done on this laptop (persisted by the caller). */
  initialDone: boolean;
  onInitialDone?: () => void;
  /** Called with a failure that stopped replication (session ended, protocol mismatch). */
  onFatal?: (failure: SyncFailure) => void;
  now?: () => Date;
  /** RxDB's retry delay after a failed handler (the backoff comes on top); default 2 s. */
  retryTimeMs?: number;
  /**
   * The first sync's fast path (see writeNewDocuments); default on. Off only to measure RxDB's
   * own downstream against it (bench:laptop-sync `--compare`) and to test both paths.
   */
  firstSyncFastPath?: boolean;
}

export function startReplication(options: StartReplicationOptions): ReplicationEngine {
  const { db, api, account, pending } = options;
  const now = options.now ?? (() => new Date());
  const fastPath = options.firstSyncFastPath ?? true;
  const backoff = new Backoff();
  const names = REPLICATED_COLLECTIONS.filter((name) => name in db.collections);
  const status = new BehaviorSubject<ReplicationStatus>({
    active: false,
    online: false,
    lastSyncedAt: null,
    lastError: null,
    initial: options.initialDone
      ? null
      : { collectionsDone: 0, collections: names.length, documents: 0 },
    stopped: false,
    refused: 0,
    refusedDocuments: [],
  });
  // What subscribers (React) see: the status, throttled (see isUrgentChange).
  const shown = new BehaviorSubject<ReplicationStatus>(status.value);
  let shownAt = 0;
  let showTimer: ReturnType<typeof setTimeout> | null = null;
  const show = () => {
    if (showTimer !== null) clearTimeout(showTimer);
    showTimer = null;
    shownAt = Date.now();
    if (shown.value !== status.value) shown.next(status.value);
  };
  const update = (patch: Partial<ReplicationStatus>) => {
    status.next({ ...status.value, ...patch });
    const since = Date.now() - shownAt;
    if (isUrgentChange(shown.value, status.value) || since >= STATUS_THROTTLE_MS) show();
    else showTimer ??= setTimeout(show, STATUS_THROTTLE_MS - since);
  };
  const events$ = new Subject<SyncStreamEvent>();
  const subscriptions: Subscription[] = [];
  const refused = new Map<string, RefusedDocument>();
  let running = true;

  const succeeded = () => {
    backoff.succeed();
    update({ online: true, lastSyncedAt: now().toISOString(), lastError: null });
  };

  const failed = (error: unknown): never => {
    const failure: SyncFailure =
      error instanceof SyncFailureError
        ? error.failure
        : { code: 'server_error', message: error instanceof Error ? error.message : String(error) };
    backoff.fail();
    update({
      lastError: failure,
      online: failure.code === 'unreachable' ? false : status.value.online,
    });
    if (FATAL.includes(failure.code) && running) void stopFor(failure);
    throw error instanceof Error ? error : new SyncFailureError(failure);
  };

  // --- blobs: uploaded after the documents that reference them --------------------------------
  /**
   * A signed deliverable is synced once the server has its document (blobs are queued only after
   * their document's push was acknowledged), its PDF and its signature images: the laptop that
   * uploaded them stamps `syncedAt`, an ordinary edit that replicates like any other.
   */
  const onServer = new Set<string>();
  const markDeliverablesSynced = async (hashes: readonly string[]): Promise<void> => {
    for (const h of hashes) onServer.add(h);
    const deliverables = db.collections.deliverables;
    if (deliverables === undefined || hashes.length === 0) return;
    const fresh = new Set(hashes);
    try {
      // Only signed deliverables not stamped yet: called for every uploaded blob.
      const docs = await deliverables
        .find({ selector: { status: 'signed', syncedAt: { $exists: false } } })
        .exec();
      const at = new Date().toISOString();
      for (const doc of docs) {
        if (doc.pdf === undefined) continue;
        const needed = [doc.pdf.sha256, ...doc.signatures.map((s) => s.image.sha256)];
        if (needed.some((h) => fresh.has(h)) && needed.every((h) => onServer.has(h))) {
          await doc.incrementalPatch({ syncedAt: at, updatedAt: at });
        }
      }
    } catch (error) {
      // Not stamped this time: the next start checks the blobs again and stamps it then.
      console.warn('could not mark a deliverable as synced', error);
    }
  };

  /** Hash → enqueue number: a hash queued again while its upload runs is not dropped. */
  const blobQueue = new Map<string, number>();
  let enqueued = 0;
  let blobWorker: Promise<void> | null = null;
  const queueBlobs = (hashes: string[]) => {
    for (const h of hashes) blobQueue.set(h, ++enqueued);
    blobWorker ??= (async () => {
      while (running && blobQueue.size > 0) {
        const [entry] = blobQueue;
        if (entry === undefined) break;
        const [sha256, queuedAs] = entry;
        const result = await api.uploadBlob(sha256).catch((error: unknown): SyncResult<never> => ({
          ok: false,
          error: { code: 'server_error', message: String(error) },
        }));
        const requeued = blobQueue.get(sha256) !== queuedAs;
        if (result.ok && result.value !== 'missing-locally') await markDeliverablesSynced([sha256]);
        if (result.ok || (result.error.code === 'forbidden' && !requeued)) {
          // Done; or refused because its document is not on the server yet: the push of that
          // document queues it again.
          if (!requeued) blobQueue.delete(sha256);
          continue;
        }
        if (result.error.code === 'forbidden') continue;
        update({ lastError: result.error });
        backoff.fail();
        await backoff.wait();
      }
    })().finally(() => {
      blobWorker = null;
    });
  };

  // --- per collection ------------------------------------------------------------------------
  const replications: RxReplicationState<AnyDoc, ReplicationCheckpoint>[] = [];
  const activeByName = new Map<string, boolean>();
  for (const name of names) {
    const collection = db.collections[name] as unknown as RxCollection<AnyDoc>;
    /**
     * States this laptop pushed and the server took, by id, until the stream brings them back.
     * That echo changes nothing here (RxDB would read the document and its master state, find
     * both equal and write nothing), so it is dropped: two IndexedDB reads per pushed document.
     * Anything else the stream brings (another state of the document, another document) goes to
     * RxDB as before.
     */
    const pushedStates = new Map<string, WireDocument>();
    const isEcho = (doc: WireDocument): boolean => {
      const pushed = pushedStates.get(doc.id);
      if (pushed === undefined || !documentsEqual(pushed, doc)) return false;
      pushedStates.delete(doc.id);
      return true;
    };
    const stream$: Observable<RxReplicationPullStreamItem<AnyDoc, ReplicationCheckpoint>> =
      events$.pipe(
        filter((e) => e.collection === name),
        map((e) =>
          e.kind === 'resync'
            ? ('RESYNC' as const)
            : {
                documents: (pushedStates.size === 0
                  ? e.documents
                  : e.documents.filter((d) => !isEcho(d))) as unknown as WithDeleted<AnyDoc>[],
                checkpoint: e.checkpoint,
              },
        ),
        // Only echoes: nothing to store (the checkpoint comes with the next change or pull).
        filter((item) => item === 'RESYNC' || item.documents.length > 0),
      );

    /** Whether the last pull page said the server has nothing more after it. */
    const drained$ = new BehaviorSubject(false);
    let replication: RxReplicationState<AnyDoc, ReplicationCheckpoint> | null = null;
    /** RxDB's hash of the replication identifier (flags documents written by the downstream). */
    let identifierHash: string | undefined;

    /**
     * A pull started ahead (first sync only): the page after `position`, requested while the
     * previous page is written. Used only by the pull that asks for exactly that checkpoint and
     * limit; any other pull drops it. A page that waited is no different from a slow network:
     * what changed after it was read comes with a later page or the stream.
     */
    let prefetched: {
      position: string;
      limit: number;
      result: Promise<SyncResult<PullResponse>>;
    } | null = null;
    const requestPage = (checkpoint: ReplicationCheckpoint | null, limit: number) =>
      api
        .pull({ collection: name, checkpoint, limit })
        .catch((error: unknown): SyncResult<never> => ({
          ok: false,
          error: { code: 'server_error', message: String(error) },
        }));
    const prefetchPage = (checkpoint: ReplicationCheckpoint, limit: number) => {
      prefetched = { position: checkpoint.position, limit, result: requestPage(checkpoint, limit) };
    };
    const pullPage = (checkpoint: ReplicationCheckpoint | null, limit: number) => {
      const ahead = prefetched;
      prefetched = null;
      if (ahead && checkpoint && ahead.position === checkpoint.position && ahead.limit === limit) {
        return ahead.result;
      }
      return requestPage(checkpoint, limit);
    };

    const pushRows = async (rows: PushRow[]): Promise<WireDocument[]> => {
      const conflicts: WireDocument[] = [];
      for (const chunk of splitBySize(rows)) conflicts.push(...(await pushRequest(chunk)));
      return conflicts;
    };

    const pushRequest = async (rows: PushRow[]): Promise<WireDocument[]> => {
      const result = await api.push({ collection: name, rows });
      if (result.ok || result.error.code !== 'forbidden' || rows.length === 1) {
        return unwrap(result);
      }
      // One refused document must not block the rest (PROTOCOL.md §5): push one by one and keep
      // the refused ones locally, reported as not synced.
      const conflicts: WireDocument[] = [];
      for (const row of rows) {
        const single = await api.push({ collection: name, rows: [row] });
        const key = `${name}/${row.newDocumentState.id}`;
        if (!single.ok && single.error.code === 'forbidden') {
          const doc = row.newDocumentState as unknown as Record<string, unknown>;
          refused.set(key, {
            collection: name,
            id: row.newDocumentState.id,
            label: refusedLabel(doc),
            customerId: typeof doc['customerId'] === 'string' ? doc['customerId'] : null,
            reason: single.error,
            at: now().toISOString(),
          });
          continue;
        }
        conflicts.push(...unwrap(single));
        // Accepted now (the customer was assigned meanwhile): no longer refused.
        refused.delete(key);
      }
      update({ refused: refused.size, refusedDocuments: [...refused.values()] });
      return conflicts;
    };

    replication = replicateRxCollection<AnyDoc, ReplicationCheckpoint>({
      collection,
      replicationIdentifier: `fieldbook-${name}-${account.user.id}@${account.serverUrl}`,
      live: true,
      retryTime: options.retryTimeMs ?? 2000,
      // One window per app; and a hidden window must keep syncing.
      waitForLeadership: false,
      toggleOnDocumentVisible: false,
      pull: {
        batchSize: PULL_BATCH,
        stream$,
        handler: async (checkpoint, batchSize) => {
          await backoff.wait();
          try {
            const page = unwrap(await pullPage(checkpoint ?? null, batchSize));
            succeeded();
            const initial = status.value.initial;
            if (initial)
              update({
                initial: { ...initial, documents: initial.documents + page.documents.length },
              });
            let documents = page.documents as unknown as WithDeleted<AnyDoc>[];
            const internal = replication?.internalReplicationState;
            if (fastPath && status.value.initial !== null && internal && documents.length > 0) {
              // First sync: the fast path writes what is new; RxDB gets what the laptop has
              // already, or else the page's last document (stored now, so RxDB only reads it and
              // compares): it stores a checkpoint only for a page with documents.
              identifierHash ??= await internal.input.hashFunction(internal.input.identifier);
              // The next page travels while this one is written.
              if (page.more) prefetchPage(page.checkpoint, batchSize);
              const left = await writeNewDocuments(
                internal,
                identifierHash,
                documents.map((d) => ({ ...d, _deleted: d._deleted === true })),
              );
              documents = left.length > 0 ? left : documents.slice(-1);
            }
            // RxDB ends a pull round at the first page shorter than the batch size. A page the
            // server cut by size is short but not the end (PROTOCOL.md §3a), nor is a page the
            // fast path wrote itself: the page's last document, repeated up to the batch size,
            // keeps the round going (RxDB keys a round's documents by id, so the repeats are one
            // document). A new round instead would wait for every push in flight.
            const more = page.more;
            const lastDocument = documents.at(-1);
            if (more && lastDocument && documents.length < batchSize) {
              documents = documents.concat(
                Array.from({ length: batchSize - documents.length }, () => lastDocument),
              );
            }
            drained$.next(!more);
            return { documents, checkpoint: page.checkpoint };
          } catch (error) {
            return failed(error);
          }
        },
      },
      push: {
        batchSize: PUSH_BATCH,
        handler: async (rows) => {
          await backoff.wait();
          const ids = rows.map((r) => r.newDocumentState.id);
          const snapshot = pending.snapshot(name, ids);
          try {
            const conflicts = await pushRows(
              rows.map((r) => ({
                assumedMasterState: (r.assumedMasterState ?? null) as WireDocument | null,
                newDocumentState: r.newDocumentState as unknown as WireDocument,
              })),
            );
            succeeded();
            // Acknowledged (written, or answered with a conflict RxDB now resolves and re-pushes).
            pending.acknowledge(name, snapshot);
            const conflicting = new Set(conflicts.map((d) => d.id));
            if (pushedStates.size > PUSHED_STATES_MAX) pushedStates.clear();
            for (const r of rows) {
              const doc = r.newDocumentState as unknown as WireDocument;
              if (!conflicting.has(doc.id) && !refused.has(`${name}/${doc.id}`)) {
                pushedStates.set(doc.id, doc);
              }
            }
            queueBlobs(
              rows
                .filter((r) => !refused.has(`${name}/${r.newDocumentState.id}`))
                .flatMap((r) => blobHashes(r.newDocumentState)),
            );
            return conflicts;
          } catch (error) {
            return failed(error);
          }
        },
      },
    });
    const started = replication;
    replications.push(started);
    subscriptions.push(
      // Errors are already in the status (handlers report them); RxDB retries by itself.
      started.error$.subscribe(() => undefined),
      started.active$.subscribe((active) => {
        activeByName.set(name, active);
        update({ active: [...activeByName.values()].some(Boolean) });
      }),
    );
    if (status.value.initial) {
      // Done when RxDB's first round is, the server said nothing more follows (a round may end
      // early at a page cut by size), and what the last rounds pulled is stored.
      void (async () => {
        await started.awaitInitialReplication();
        await firstValueFrom(drained$.pipe(filter(Boolean)));
        await started.awaitInSync();
      })().then(() => {
        const initial = status.value.initial;
        if (!initial || !running) return;
        const collectionsDone = initial.collectionsDone + 1;
        if (collectionsDone >= initial.collections) {
          update({ initial: null });
          options.onInitialDone?.();
        } else {
          update({ initial: { ...initial, collectionsDone } });
        }
      });
    }
  }

  // Blobs recorded before this start (offline, or before the first sign-in) may not be on the
  // server yet: one call has the main process check the local blob store against what it knows
  // is on the server (no scan of the documents here, no call per blob). Until it succeeds it is
  // retried with the shared backoff; blobs the server refuses come again with their document's
  // push.
  void (async () => {
    while (running) {
      const result = await api.uploadLocalBlobs().catch((error: unknown): SyncResult<never> => ({
        ok: false,
        error: { code: 'server_error', message: String(error) },
      }));
      if (!running) return;
      if (result.ok) {
        await markDeliverablesSynced(result.value.onServer);
        return;
      }
      if (FATAL.includes(result.error.code)) return;
      backoff.fail();
      await backoff.wait();
      // Nothing to wait for when the backoff was released at once (stop, back online).
      if (running) await new Promise((resolve) => setTimeout(resolve, BACKOFF_FIRST_MS));
    }
  })();

  // --- live changes: long poll of the main process's SSE relay -------------------------------
  const feed = (async () => {
    let cursor: number | null = null;
    while (running) {
      let result: SyncResult<{ cursor: number; online: boolean; events: SyncStreamEvent[] }>;
      try {
        result = await api.waitForChanges({ cursor, timeoutMs: 25_000 });
      } catch (error) {
        result = { ok: false, error: { code: 'server_error', message: String(error) } };
      }
      if (!running) break;
      if (!result.ok) {
        if (FATAL.includes(result.error.code)) {
          void stopFor(result.error);
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, BACKOFF_FIRST_MS));
        continue;
      }
      const wasOnline = status.value.online;
      cursor = result.value.cursor;
      if (result.value.online !== wasOnline) update({ online: result.value.online });
      // Back online: stop waiting out the backoff, RxDB's retries go through now.
      if (result.value.online && !wasOnline) backoff.release();
      for (const event of result.value.events) events$.next(event);
    }
  })();

  async function stopFor(failure: SyncFailure): Promise<void> {
    await stop();
    update({ stopped: true, lastError: failure, online: false, active: false });
    options.onFatal?.(failure);
  }

  async function stop(): Promise<void> {
    if (!running) return;
    running = false;
    backoff.release();
    for (const s of subscriptions) s.unsubscribe();
    await Promise.all(replications.map((r) => r.cancel()));
    events$.complete();
    void feed;
    show();
  }

  return {
    status$: shown.asObservable(),
    syncNow() {
      backoff.release();
      for (const r of replications) r.reSync();
    },
    stop,
  };
}
