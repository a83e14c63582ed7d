import type { FastifyBaseLogger } from 'fastify';
import type { CollectionName } from '../../src-shared/db/types';
import type { Store } from '../store';
import { SCOPE_CHANNEL, type Scope } from './accounts';
import { CHANGES_CHANNEL, encodeCheckpoint } from './replication';

/** One live stream (an SSE connection) of one collection. */
export interface FeedSubscriber {
  readonly collection: CollectionName;
  scope: Scope;
  /** Receives documents (stored JSON text) in sequence order and the checkpoint after them. */
  onDocuments(documents: string[], checkpoint: string): void;
  /** The scope may have changed (an assignment); the stream re-scopes and tells the client. */
  onScopeChanged(): void;
}

interface Hub {
  subscribers: Set<FeedSubscriber>;
  /** Highest sequence already dispatched; everything up to it is committed (see push). */
  position: number | null;
  draining: Promise<void> | null;
  again: boolean;
}

const PAGE = 500;

interface FeedRow {
  seq: string;
  customer_id: string;
  doc: string;
}

/**
 * Turns commits into stream events. Notifications only say "collection X changed"; the feed then
 * reads everything after its position in sequence order, once per instance, and hands each
 * subscriber the rows in its scope. Because reading is by sequence, a lost notification (a
 * listener reconnect) delays events but never loses them; a periodic poll bounds the delay.
 */
export class ChangeFeed {
  private readonly hubs = new Map<CollectionName, Hub>();
  private readonly unlisten: (() => Promise<void>)[] = [];
  private pollTimer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly store: Store,
    private readonly log: FastifyBaseLogger,
    private readonly pollMs = 5000,
  ) {}

  async start(): Promise<void> {
    this.unlisten.push(
      await this.store.listen(
        CHANGES_CHANNEL,
        (payload) => {
          const collection = payload.slice(0, payload.lastIndexOf(':')) as CollectionName;
          this.poke(collection);
        },
        () => this.pokeAll(),
      ),
    );
    this.unlisten.push(
      await this.store.listen(SCOPE_CHANNEL, () => {
        for (const hub of this.hubs.values()) {
          for (const s of hub.subscribers) s.onScopeChanged();
        }
      }),
    );
    this.pollTimer = setInterval(() => this.pokeAll(), this.pollMs);
    this.pollTimer.unref();
  }

  /**
   * Registers a subscriber. Resolves once the feed position is fixed: from then on every commit
   * reaches the subscriber, and what committed before is for the client's resync pull.
   */
  async subscribe(subscriber: FeedSubscriber): Promise<() => void> {
    let hub = this.hubs.get(subscriber.collection);
    if (!hub) {
      hub = { subscribers: new Set(), position: null, draining: null, again: false };
      this.hubs.set(subscriber.collection, hub);
    }
    hub.subscribers.add(subscriber);
    if (hub.position === null) {
      // Drain (not a bare max(seq) read) so concurrent subscribers share one initialisation.
      this.poke(subscriber.collection);
    }
    await hub.draining;
    const h = hub;
    return () => {
      h.subscribers.delete(subscriber);
      // Idle hubs stop following the feed; the next subscriber starts from the then-current end.
      if (h.subscribers.size === 0 && !h.draining) h.position = null;
    };
  }

  subscriberCount(): number {
    let n = 0;
    for (const hub of this.hubs.values()) n += hub.subscribers.size;
    return n;
  }

  poke(collection: CollectionName): void {
    const hub = this.hubs.get(collection);
    if (!hub || hub.subscribers.size === 0 || this.closed) return;
    if (hub.draining) {
      hub.again = true;
      return;
    }
    hub.draining = this.drain(collection, hub)
      .catch((err: unknown) => {
        this.log.warn({ err, collection }, 'change feed read failed; the next poll retries');
      })
      .finally(() => {
        hub.draining = null;
        if (hub.subscribers.size === 0) hub.position = null;
        if (hub.again) {
          hub.again = false;
          this.poke(collection);
        }
      });
  }

  private pokeAll(): void {
    for (const collection of this.hubs.keys()) this.poke(collection);
  }

  private async drain(collection: CollectionName, hub: Hub): Promise<void> {
    if (hub.position === null) {
      const { rows } = await this.store.query<{ max: string }>(
        'SELECT coalesce(max(seq), 0)::text AS max FROM documents WHERE collection = $1',
        [collection],
      );
      hub.position = Number(rows[0]?.max ?? 0);
      return;
    }
    let position: number = hub.position;
    for (;;) {
      const rows = await this.readPage(collection, position);
      const last = rows[rows.length - 1];
      if (!last) return;
      position = Number(last.seq);
      hub.position = position;
      for (const s of hub.subscribers) {
        const scope = s.scope;
        const docs = scope.all ? rows : rows.filter((r) => scope.customerIds.has(r.customer_id));
        if (docs.length > 0) {
          s.onDocuments(
            docs.map((r) => r.doc),
            encodeCheckpoint(position, scope.tag),
          );
        }
      }
      if (rows.length < PAGE) return;
    }
  }

  private async readPage(collection: CollectionName, after: number): Promise<FeedRow[]> {
    const { rows } = await this.store.query<FeedRow>(
      `SELECT seq::text AS seq, customer_id, doc::text AS doc FROM documents
       WHERE collection = $1 AND seq > $2 ORDER BY documents.seq LIMIT $3`,
      [collection, after, PAGE],
    );
    return rows;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.pollTimer) clearInterval(this.pollTimer);
    for (const u of this.unlisten.splice(0)) await u().catch(() => undefined);
    await Promise.all([...this.hubs.values()].map((h) => h.draining ?? Promise.resolve()));
  }
}
