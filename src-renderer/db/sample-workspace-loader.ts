/**
 * Loads the sample workspace (src-shared/domain/sample-workspace) into the local database, in
 * chunks of 100 so the UI can show progress and replication later sees distinct write times.
 */
import { COLLECTION_NAMES } from '../../src-shared/db/schemas/index';
import type { CollectionName } from '../../src-shared/db/types';
import {
  buildSampleWorkspace,
  sampleWorkspaceIds,
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

/** What removing the sample workspace would do on this laptop. */
export interface SampleFootprint {
  /** Records the sample created that are still here (edited or not): these are removed. */
  sample: number;
  /** Records you created that belong to a sample customer: these stay. */
  yoursUnderSample: number;
}

/**
 * The sample's records are recognised by id (the sample's ids are the same on every laptop and
 * on the demo server, see sampleWorkspaceIds). Records the engineer created carry their own ids
 * and are never counted as the sample's, even under a sample customer.
 */
export async function sampleFootprint(db: FieldbookDatabase): Promise<SampleFootprint> {
  const ids = sampleWorkspaceIds();
  const customerIds = [...ids.customers];
  let sample = 0;
  let yoursUnderSample = 0;
  for (const name of COLLECTION_NAMES) {
    const coll = db[name] as unknown as RxCollection<{ id: string; customerId: string }>;
    sample += (await coll.findByIds([...ids[name]]).exec()).size;
    const underSample = await coll.find({ selector: { customerId: { $in: customerIds } } }).exec();
    yoursUnderSample += underSample.filter((d) => !ids[name].has(d.id)).length;
  }
  return { sample, yoursUnderSample };
}

/**
 * Removes every record the sample workspace created — including sample records the engineer has
 * since edited: they describe invented companies, so an edit does not make them real data — and
 * nothing else: records the engineer created stay, also those made under a sample customer (a
 * report from a sample incident, a visit at a sample site). Removal is an ordinary delete: once
 * signed in it syncs like any other, so sample records uploaded to a server are removed there
 * too. Dependants first (incidents … customers last). Returns the number removed.
 */
export async function removeSampleWorkspace(db: FieldbookDatabase): Promise<number> {
  const ids = sampleWorkspaceIds();
  let removed = 0;
  for (const name of [...COLLECTION_NAMES].reverse()) {
    const coll = db[name] as unknown as RxCollection<{ id: string }>;
    const present = [...(await coll.findByIds([...ids[name]]).exec()).keys()];
    for (let i = 0; i < present.length; i += SAMPLE_CHUNK_SIZE) {
      const chunk = present.slice(i, i + SAMPLE_CHUNK_SIZE);
      const result = await coll.bulkRemove(chunk);
      if (result.error.length > 0) {
        throw new Error(`removing the sample's ${name} failed: ${result.error[0]!.status}`);
      }
      removed += chunk.length;
    }
  }
  return removed;
}
