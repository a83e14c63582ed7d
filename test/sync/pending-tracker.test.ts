/**
 * The pending-change count (src-renderer/db/pending-tracker.ts) on the app's database: a local
 * write counts until the push handler acknowledges it; a write that changes nothing is not a
 * change (RxDB's upstream never pushes a state equal to the server's, so it would stay pending
 * for good — a procedure run showed "1 项待同步" forever after one).
 */
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, describe, expect, it } from 'vitest';
import { openFieldbookDatabase } from '../../src-renderer/db/database';
import type { FieldbookDatabase } from '../../src-renderer/db/database';
import { createPendingTracker } from '../../src-renderer/db/pending-tracker';
import type { PendingTracker } from '../../src-renderer/db/pending-tracker';
import { customer } from './docs';

describe('pending tracker', () => {
  let db: FieldbookDatabase | undefined;
  let tracker: PendingTracker | undefined;

  afterEach(async () => {
    tracker?.close();
    await db?.close();
  });

  it('counts real changes until acknowledged, and never a write that changes nothing', async () => {
    db = await openFieldbookDatabase({
      name: `pending-${Date.now()}`,
      password: 'database-key-for-tests',
      storage: getRxStorageMemory(),
    });
    tracker = createPendingTracker(db);
    let count = -1;
    tracker.count$.subscribe((c) => (count = c));
    const { _deleted: _d, ...c } = customer();
    void _d;
    const doc = await db.customers.insert(c as never);
    expect(count).toBe(1);
    tracker.acknowledge('customers', tracker.snapshot('customers', [c.id]));
    expect(count).toBe(0);

    // Saved as it was: a new revision in the store, the same document.
    await doc.getLatest().incrementalModify((d) => ({ ...d }));
    expect(count).toBe(0);

    // A real edit counts; saving it again unchanged keeps it pending (not pushed yet).
    await doc.getLatest().incrementalPatch({ name: '改过的名称' });
    expect(count).toBe(1);
    const before = tracker.snapshot('customers', [c.id]);
    await doc.getLatest().incrementalModify((d) => ({ ...d }));
    expect(count).toBe(1);
    // Its push answered: nothing left, as the unchanged save did not bump its revision.
    tracker.acknowledge('customers', before);
    expect(count).toBe(0);
  });
});
