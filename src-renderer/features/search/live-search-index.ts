/**
 * The search index of the open database, kept current from the RxDB change streams: every
 * insert, update and deletion (local edits and replicated pulls alike) updates one index entry.
 * The initial load reads each collection in pages by primary key and indexes them in chunks,
 * yielding between chunks, so the window stays responsive with 50,000 log entries.
 */
import type { RxCollection } from 'rxdb';
import type { Observable, Subscription } from 'rxjs';
import type { CollectionName, DocByCollection } from '../../../src-shared/db/types';
import { SEARCHED_COLLECTIONS, toSearchDoc } from '../../../src-shared/search/search-docs';
import type { SearchDoc } from '../../../src-shared/search/search-docs';
import { SearchIndex } from '../../../src-shared/search/search-index';
import type { SearchHit } from '../../../src-shared/search/search-index';
import type { FieldbookDatabase } from '../../db/database';

/** Documents read per page during the initial load. */
const PAGE = 1_000;

/** Entries indexed between two yields of the initial load (about 15 ms of work each). */
const CHUNK = 250;

/** Changes arriving within this time reach the listeners as one notification. */
const NOTIFY_DELAY_MS = 100;

export interface LiveSearchState {
  /** The initial load has finished; until then results may be incomplete. */
  ready: boolean;
  /** Entries indexed so far. */
  size: number;
  /** The initial load failed (the index still follows changes). */
  error?: string;
}

type Change = {
  collection: CollectionName;
  doc: DocByCollection[CollectionName];
  deleted: boolean;
};

export class LiveSearchIndex {
  private readonly index = new SearchIndex();
  private readonly subs: Subscription[] = [];
  private readonly listeners = new Set<() => void>();
  private pending: Change[] | null = [];
  private closed = false;
  private state: LiveSearchState = { ready: false, size: 0 };
  private notifyTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly db: FieldbookDatabase) {}

  /** Subscribes to the change streams first (nothing is missed), then loads what is stored. */
  start(): void {
    for (const name of SEARCHED_COLLECTIONS) {
      const collection = this.db[name] as unknown as {
        $: Observable<{
          operation: 'INSERT' | 'UPDATE' | 'DELETE';
          documentData: DocByCollection[CollectionName] & { _deleted?: boolean };
        }>;
      };
      this.subs.push(
        collection.$.subscribe((event) => {
          const change: Change = {
            collection: name,
            doc: event.documentData,
            deleted: event.operation === 'DELETE' || event.documentData._deleted === true,
          };
          if (this.pending !== null) this.pending.push(change);
          else this.apply(change);
        }),
      );
    }
    void this.load();
  }

  stop(): void {
    this.closed = true;
    if (this.notifyTimer !== null) clearTimeout(this.notifyTimer);
    this.notifyTimer = null;
    for (const sub of this.subs) sub.unsubscribe();
    this.subs.length = 0;
    this.listeners.clear();
  }

  getState(): LiveSearchState {
    return this.state;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  search(query: string, limit?: number): SearchHit[] {
    return this.index.search(query, limit);
  }

  private apply(change: Change): void {
    this.index.applyRecord(change.collection, change.doc, change.deleted);
    this.notifySoon();
  }

  /**
   * Tells the listeners once for a burst of changes: a first sync delivers thousands of documents
   * in a few seconds, and one React update per document would keep the window busy.
   */
  private notifySoon(): void {
    if (this.notifyTimer !== null) return;
    this.notifyTimer = setTimeout(() => {
      this.notifyTimer = null;
      if (!this.closed) this.setState({ ...this.state, size: this.index.size });
    }, NOTIFY_DELAY_MS);
  }

  private setState(next: LiveSearchState): void {
    this.state = next;
    for (const listener of this.listeners) listener();
  }

  private async load(): Promise<void> {
    try {
      for (const name of SEARCHED_COLLECTIONS) {
        let after = '';
        for (;;) {
          if (this.closed) return;
          const collection = this.db[name] as unknown as RxCollection<{ id: string }>;
          const page = await collection
            .find({
              selector: after === '' ? {} : { id: { $gt: after } },
              sort: [{ id: 'asc' }],
              limit: PAGE,
            })
            .exec();
          const docs: SearchDoc[] = [];
          for (const d of page) {
            const entry = toSearchDoc(name, d.toJSON() as DocByCollection[typeof name]);
            if (entry !== null) docs.push(entry);
          }
          await this.index.addAllAsync(docs, CHUNK);
          this.setState({ ready: false, size: this.index.size });
          if (page.length < PAGE) break;
          after = page[page.length - 1]!.id;
        }
      }
      if (this.closed) return;
      // Changes that arrived during the load are newer than what was read: apply them last.
      const pending = this.pending ?? [];
      this.pending = null;
      for (const change of pending)
        this.index.applyRecord(change.collection, change.doc, change.deleted);
      this.setState({ ready: true, size: this.index.size });
    } catch (err) {
      const pending = this.pending ?? [];
      this.pending = null;
      for (const change of pending)
        this.index.applyRecord(change.collection, change.doc, change.deleted);
      this.setState({
        ready: true,
        size: this.index.size,
        error: err instanceof Error ? err.message : String(err),
      });
    }
  }
}
