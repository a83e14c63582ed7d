/**
 * Counts the local changes the server has not acknowledged yet ("pending changes" in the status
 * bar). RxDB does not expose this, so the tracker follows every write of the replicated
 * collections that did not come from the replication itself, and the push handler acknowledges
 * what the server answered for. Kept in localStorage (document ids only), so changes made offline
 * or before the first sign-in still count after a restart.
 *
 * A write made while its push is in flight gets a new revision number, so the acknowledgement of
 * the older state does not clear it.
 */
import type { RxCollection } from 'rxdb';
import { BehaviorSubject } from 'rxjs';
import type { Observable, Subscription } from 'rxjs';
import { documentsEqual } from '../../src-shared/db/conflicts';
import { REPLICATED_COLLECTIONS } from '../../src-shared/sync/protocol';
import type { FieldbookDatabase } from './database';

export const PENDING_STORAGE_KEY = 'fieldbook.sync.pending';

/** Replication's own writes (RxDB's bulkWrite contexts `replication-…`) are not local changes. */
function isReplicationWrite(context: string): boolean {
  return context.startsWith('replication-');
}

export interface PendingTracker {
  /** Number of documents with changes not acknowledged by the server. */
  readonly count$: Observable<number>;
  /** The current revision of each id, taken before a push. */
  snapshot(collection: string, ids: string[]): Map<string, number>;
  /** The server answered for these revisions: ids not written again since are no longer pending. */
  acknowledge(collection: string, snapshot: Map<string, number>): void;
  close(): void;
}

function load(): Record<string, string[]> {
  try {
    const raw = localStorage.getItem(PENDING_STORAGE_KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    return typeof parsed === 'object' && parsed !== null
      ? (parsed as Record<string, string[]>)
      : {};
  } catch {
    return {};
  }
}

export function createPendingTracker(db: FieldbookDatabase): PendingTracker {
  const revisions = new Map<string, Map<string, number>>();
  let revision = 0;
  const stored = load();
  for (const name of REPLICATED_COLLECTIONS) {
    const ids = Array.isArray(stored[name]) ? stored[name] : [];
    revisions.set(name, new Map(ids.map((id) => [id, ++revision])));
  }
  const count = new BehaviorSubject(0);
  let saveTimer: ReturnType<typeof setTimeout> | null = null;

  const changed = () => {
    let total = 0;
    for (const map of revisions.values()) total += map.size;
    if (total !== count.value) count.next(total);
    saveTimer ??= setTimeout(() => {
      saveTimer = null;
      const out: Record<string, string[]> = {};
      for (const [name, map] of revisions) if (map.size > 0) out[name] = [...map.keys()];
      try {
        localStorage.setItem(PENDING_STORAGE_KEY, JSON.stringify(out));
      } catch {
        // Storage full or unavailable: the count is still right for this run.
      }
    }, 200);
  };

  const subscriptions: Subscription[] = [];
  for (const name of REPLICATED_COLLECTIONS) {
    const collection = (db.collections as unknown as Record<string, RxCollection | undefined>)[
      name
    ];
    if (!collection) continue;
    subscriptions.push(
      collection.eventBulks$.subscribe((bulk) => {
        if (isReplicationWrite(bulk.context)) return;
        const map = revisions.get(name) ?? new Map<string, number>();
        revisions.set(name, map);
        for (const event of bulk.events) {
          // A write that changes nothing (an edit saved as it was) is never pushed: RxDB's
          // upstream skips a state equal to the server's, so counting it would leave it pending
          // for good. If the document was pending already, it stays so under its revision.
          if (
            event.previousDocumentData !== undefined &&
            documentsEqual(event.previousDocumentData, event.documentData)
          ) {
            continue;
          }
          map.set(event.documentId, ++revision);
        }
        changed();
      }),
    );
  }
  changed();

  return {
    count$: count.asObservable(),
    snapshot(collection, ids) {
      const map = revisions.get(collection);
      return new Map(ids.map((id) => [id, map?.get(id) ?? 0]));
    },
    acknowledge(collection, snapshot) {
      const map = revisions.get(collection);
      if (!map) return;
      for (const [id, rev] of snapshot) if (map.get(id) === rev) map.delete(id);
      changed();
    },
    close() {
      for (const s of subscriptions) s.unsubscribe();
      if (saveTimer !== null) {
        clearTimeout(saveTimer);
        saveTimer = null;
        const out: Record<string, string[]> = {};
        for (const [name, map] of revisions) if (map.size > 0) out[name] = [...map.keys()];
        try {
          localStorage.setItem(PENDING_STORAGE_KEY, JSON.stringify(out));
        } catch {
          // See above.
        }
      }
    },
  };
}
