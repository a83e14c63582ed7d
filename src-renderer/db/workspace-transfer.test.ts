/**
 * The renderer's half of the workspace file against a real RxDB (Dexie on fake-indexeddb, the
 * app's schemas, handlers and hooks): a deletion is read out of the store as a tombstone and,
 * imported on another laptop, deletes its copy. One database is open at a time (RxDB's
 * collection limit).
 */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import type { RxStorage } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { describe, expect, it } from 'vitest';
import { buildSampleWorkspace } from '../../src-shared/domain/sample-workspace';
import type { WorkspaceDocuments } from '../../src-shared/ipc';
import { openFieldbookDatabase } from './database';
import type { FieldbookDatabase } from './database';
import { mergeWorkspaceDocuments, readWorkspaceDocuments } from './workspace-transfer';

const storage = getRxStorageDexie({ indexedDB, IDBKeyRange }) as RxStorage<unknown, unknown>;
const ws = buildSampleWorkspace(new Date('2026-11-23T06:30:00Z'));
let counter = 0;

async function withLaptop<T>(run: (db: FieldbookDatabase) => Promise<T>): Promise<T> {
  const db = await openFieldbookDatabase({
    name: `fb-transfer-${Date.now()}-${counter++}`,
    password: 'transfer-test-key-123456',
    storage,
  });
  try {
    await db.customers.bulkInsert(ws.customers);
    await db.sites.bulkInsert(ws.sites);
    return await run(db);
  } finally {
    await db.close();
  }
}

describe('workspace transfer through the store', () => {
  it('a customer deleted on laptop A is deleted on laptop B by the file, also when B edited it later; a second import changes nothing', async () => {
    const [gone, edited] = ws.customers;
    const file: WorkspaceDocuments = await withLaptop(async (a) => {
      await (await a.customers.findOne(gone!.id).exec())!.remove();
      await (await a.customers.findOne(edited!.id).exec())!.remove();
      const docs = await readWorkspaceDocuments(a);
      // One-customer scope carries that customer's tombstone as well.
      const scoped = await readWorkspaceDocuments(a, gone!.id);
      expect(scoped.customers).toEqual([{ ...gone, _deleted: true }]);
      return docs;
    });
    expect(file.customers).toHaveLength(ws.customers.length);
    expect(file.customers!.filter((d) => (d as { _deleted?: true })._deleted)).toEqual([
      { ...gone, _deleted: true },
      { ...edited, _deleted: true },
    ]);

    await withLaptop(async (b) => {
      // B changed the second customer after A's copy was made.
      await (await b.customers.findOne(edited!.id).exec())!.incrementalPatch({
        industry: '保险',
        updatedAt: '2026-11-24T01:00:00.000Z',
      });
      const first = await mergeWorkspaceDocuments(b, file);
      expect(first).toMatchObject({ inserted: 0, updated: 0, deleted: 2 });
      expect(await b.customers.findOne(gone!.id).exec()).toBeNull();
      expect(await b.customers.findOne(edited!.id).exec()).toBeNull();
      expect(await b.customers.count().exec()).toBe(ws.customers.length - 2);
      // The edit is merged into the deleted document, as sync does; the deletion did not lose,
      // A's older industry did (no common state to tell it unchanged).
      const [tombstone] = await b.customers.storageInstance.findDocumentsById([edited!.id], true);
      expect(tombstone).toMatchObject({ _deleted: true, industry: '保险' });
      expect(tombstone!.mergeHistory?.map((l) => l.field)).toEqual(['industry']);

      const second = await mergeWorkspaceDocuments(b, file);
      expect(second).toEqual({
        inserted: 0,
        updated: 0,
        deleted: 0,
        unchanged: ws.customers.length + ws.sites.length,
      });
    });
  });
});
