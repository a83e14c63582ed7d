/**
 * The renderer's half of the workspace file: reads the documents of a scope out of the local
 * store for `workspace.exportFile`, and merges what `workspace.importFile` answered back into
 * it with each collection's own conflict handler (the one replication uses), in chunks so the
 * UI shows progress and replication sees distinct write times.
 */
import type { RxCollection } from 'rxdb';
import { COLLECTION_NAMES } from '../../src-shared/db/schemas/index';
import type { BaseDoc, CollectionName } from '../../src-shared/db/types';
import {
  planImport,
  scopeDocuments,
  withoutStorageFields,
} from '../../src-shared/db/workspace-transfer';
import type { WorkspaceDocuments } from '../../src-shared/ipc';
import { bulkInsertChunked } from './database';
import type { FieldbookDatabase } from './database';

const CHUNK = 100;

function collectionOf(db: FieldbookDatabase, name: CollectionName): RxCollection<BaseDoc> {
  return db[name] as unknown as RxCollection<BaseDoc>;
}

/**
 * Every live document of the workspace, or of one customer, without storage metadata.
 * `onProgress` counts collections read.
 */
export async function readWorkspaceDocuments(
  db: FieldbookDatabase,
  customerId?: string,
  onProgress?: (done: number, total: number) => void,
): Promise<WorkspaceDocuments> {
  const out: WorkspaceDocuments = {};
  let done = 0;
  for (const name of COLLECTION_NAMES) {
    const coll = collectionOf(db, name);
    const query = customerId === undefined ? coll.find() : coll.find({ selector: { customerId } });
    const docs = (await query.exec()).map((d) => withoutStorageFields(d.toJSON() as BaseDoc));
    out[name] = scopeDocuments(docs, customerId);
    onProgress?.(++done, COLLECTION_NAMES.length);
  }
  return out;
}

export interface ImportOutcome {
  inserted: number;
  updated: number;
  unchanged: number;
}

/**
 * Merges imported documents into the store. A document the store has (deleted ones included:
 * a deletion here is not undone by an older copy) meets the import through the collection's
 * conflict handler, local state as the master; equal documents are not written, so importing
 * the same file twice changes nothing the second time.
 */
export async function mergeWorkspaceDocuments(
  db: FieldbookDatabase,
  documents: WorkspaceDocuments,
  onProgress?: (done: number, total: number) => void,
): Promise<ImportOutcome> {
  const total = COLLECTION_NAMES.reduce((n, name) => n + (documents[name]?.length ?? 0), 0);
  const outcome: ImportOutcome = { inserted: 0, updated: 0, unchanged: 0 };
  let done = 0;
  onProgress?.(0, total);
  for (const name of COLLECTION_NAMES) {
    const imported = documents[name] ?? [];
    const coll = collectionOf(db, name);
    for (let i = 0; i < imported.length; i += CHUNK) {
      const chunk = imported.slice(i, i + CHUNK);
      // The storage answers tombstones too (`withDeleted`), which `find` would hide.
      const stored = await coll.storageInstance.findDocumentsById(
        chunk.map((d) => d.id),
        true,
      );
      const local = new Map<string, BaseDoc>(
        stored.map((d) => {
          const clean = withoutStorageFields(d) as BaseDoc & { _deleted?: boolean };
          if (d._deleted) clean._deleted = true;
          return [d.id, clean];
        }),
      );
      const plan = await planImport(coll.conflictHandler, local, chunk);
      // A tombstone's id is free for an insert; a live one takes the merged state.
      const live = plan.update.filter(
        (d) => (local.get(d.id) as { _deleted?: boolean })?._deleted !== true,
      );
      const revived = plan.update.filter((d) => !live.includes(d));
      await bulkInsertChunked(coll, [...plan.insert, ...revived], CHUNK);
      if (live.length > 0) {
        const result = await coll.bulkUpsert(live);
        if (result.error.length > 0) {
          throw new Error(
            `${name}: ${result.error.length} merged document(s) were refused (first: ${result.error[0]!.documentId})`,
          );
        }
      }
      outcome.inserted += plan.insert.length + revived.length;
      outcome.updated += live.length;
      outcome.unchanged += plan.unchanged;
      done += chunk.length;
      onProgress?.(done, total);
    }
  }
  return outcome;
}
