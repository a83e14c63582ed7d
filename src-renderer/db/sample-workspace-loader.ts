/**
 * Loads the sample workspace (src-shared/domain/sample-workspace) into the local database, in
 * chunks of 100 so the UI can show progress and replication later sees distinct write times.
 */
import { COLLECTION_NAMES } from '../../src-shared/db/schemas/index';
import type { CollectionName } from '../../src-shared/db/types';
import {
  buildSampleWorkspace,
  sampleWorkspaceSize,
} from '../../src-shared/domain/sample-workspace';
import type { RxCollection } from 'rxdb';
import { bulkInsertChunked } from './database';
import type { FieldbookDatabase } from './database';

export const SAMPLE_CHUNK_SIZE = 100;

export class WorkspaceNotEmptyError extends Error {
  constructor() {
    super(
      'the workspace already holds documents; the sample workspace loads only into an empty one',
    );
    this.name = 'WorkspaceNotEmptyError';
  }
}

/** True when no collection holds a (non-deleted) document. */
export async function isWorkspaceEmpty(db: FieldbookDatabase): Promise<boolean> {
  for (const name of COLLECTION_NAMES) {
    const coll = db[name] as unknown as RxCollection<unknown>;
    if ((await coll.findOne().exec()) !== null) return false;
  }
  return true;
}

/**
 * Inserts the sample workspace built for `now` (customers first, incidents last, so references
 * resolve as soon as a list shows them). Refuses a workspace that already holds data, so a
 * customer's real work is never mixed with invented records. Returns the number inserted.
 */
export async function loadSampleWorkspace(
  db: FieldbookDatabase,
  now: Date,
  onProgress?: (done: number, total: number) => void,
): Promise<number> {
  if (!(await isWorkspaceEmpty(db))) throw new WorkspaceNotEmptyError();
  const ws = buildSampleWorkspace(now);
  const total = sampleWorkspaceSize(ws);
  let done = 0;
  onProgress?.(0, total);
  const insert = async (name: CollectionName) => {
    const coll = db[name] as unknown as RxCollection<(typeof ws)[typeof name][number]>;
    const before = done;
    await bulkInsertChunked(coll, ws[name], SAMPLE_CHUNK_SIZE, (n) => {
      done = before + n;
      onProgress?.(done, total);
    });
  };
  for (const name of COLLECTION_NAMES) await insert(name);
  return done;
}
