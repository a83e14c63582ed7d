/**
 * Many pushers and pullers at once against PostgreSQL with a connection pool: transactions
 * commit out of the order in which they started, and a pull must still never skip a document
 * committed after it read a later sequence number, nor return one twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeCheckpoint } from '../../src-server/services/replication';
import type { ReplicationCheckpoint, WireDocument } from '../../src-shared/sync';
import { SyncClient } from './client';
import { creates, site, update } from './docs';
import { startWorld, type World } from './setup';

const PUSHERS = 8;
const BATCHES = 25;
const BATCH_SIZE = 10;
const PULLERS = 4;

describe('concurrent pushers and pullers on PostgreSQL', () => {
  let w: World;

  beforeAll(async () => {
    w = await startWorld('postgres', { maxConnections: 24 });
  }, 180_000);

  afterAll(async () => {
    await w?.close();
  });

  it('every puller sees every document exactly once, in increasing sequence order', async () => {
    const pushed: string[] = [];
    let pushing = true;

    const pusher = async (n: number): Promise<void> => {
      const client = new SyncClient(w.ts.url);
      client.token = w.eng1.token;
      for (let b = 0; b < BATCHES; b++) {
        const docs = Array.from({ length: BATCH_SIZE }, () => site(w.c1, { name: `p${n}-b${b}` }));
        expect(await client.push('sites', creates(docs))).toEqual([]);
        pushed.push(...docs.map((d) => d.id));
      }
    };

    const puller = async (): Promise<{ ids: string[]; sequences: number[] }> => {
      const client = new SyncClient(w.ts.url);
      client.token = w.lead.token;
      const ids: string[] = [];
      const sequences: number[] = [];
      let checkpoint: ReplicationCheckpoint | null = null;
      const once = async (): Promise<number> => {
        const page = await client.pull('sites', checkpoint, 37);
        ids.push(...page.documents.map((d) => d.id));
        checkpoint = page.checkpoint;
        const seq = decodeCheckpoint(page.checkpoint.position)?.sequence ?? 0;
        sequences.push(seq);
        return page.documents.length;
      };
      while (pushing) {
        await once();
      }
      // After the last push was acknowledged: drain.
      while ((await once()) > 0);
      return { ids, sequences };
    };

    const pullers = Array.from({ length: PULLERS }, () => puller());
    await Promise.all(Array.from({ length: PUSHERS }, (_, n) => pusher(n)));
    pushing = false;
    const results = await Promise.all(pullers);

    expect(pushed).toHaveLength(PUSHERS * BATCHES * BATCH_SIZE);
    const expected = [...pushed].sort();
    for (const r of results) {
      const sorted = [...r.ids].sort();
      // Same multiset: nothing skipped, nothing twice.
      expect(sorted.length).toBe(expected.length);
      expect(sorted).toEqual(expected);
      for (let i = 1; i < r.sequences.length; i++) {
        expect(r.sequences[i]).toBeGreaterThanOrEqual(r.sequences[i - 1] ?? 0);
      }
    }
  }, 120_000);

  it('concurrent updates of one document: one wins per assumed state, the rest get conflicts', async () => {
    const doc = site(w.c1, { name: 'v0' });
    await w.eng1.push('sites', creates([doc]));
    const clients = Array.from({ length: 10 }, () => {
      const c = new SyncClient(w.ts.url);
      c.token = w.eng1.token;
      return c;
    });
    const outcomes = await Promise.all(
      clients.map((c, i) => c.push('sites', [update(doc, { ...doc, name: `v${i + 1}` })])),
    );
    const winners = outcomes.filter((conflicts) => conflicts.length === 0);
    expect(winners).toHaveLength(1);
    const stored = (await w.admin.pullAll('sites', null, 1000)).documents.find(
      (d: WireDocument) => d.id === doc.id,
    );
    for (const conflicts of outcomes.filter((c) => c.length > 0)) {
      expect(conflicts).toEqual([stored]);
    }
  });
});
