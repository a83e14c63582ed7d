/**
 * The renderer's local store: RxDB on IndexedDB (Dexie), secrets encrypted with the key the
 * main process keeps in the OS key store, every write validated against the shared schemas.
 *
 * Dev-mode is never added here: it injects a remote iframe in a window context (STACK-NOTES),
 * and the schemas are checked by the tests instead.
 */
import { addRxPlugin, createRxDatabase, wrappedValidateStorageFactory } from 'rxdb';
import type {
  RxCollection,
  RxDatabase,
  RxJsonSchema,
  RxStorage,
  RxStorageWriteError,
  RxValidationError,
} from 'rxdb';
import { wrappedKeyEncryptionCryptoJsStorage } from 'rxdb/plugins/encryption-crypto-js';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { createConflictHandlers } from '../../src-shared/db/conflicts';
import { assertSignedUnchanged } from '../../src-shared/domain/deliverables';
import { compileJsonSchema } from '../../src-shared/db/json-validator';
import type { IncidentConflictOptions } from '../../src-shared/db/conflicts';
import {
  COLLECTION_NAMES,
  COLLECTION_SCHEMAS,
  MIGRATION_STRATEGIES,
} from '../../src-shared/db/schemas/index';
import type {
  ClusterDoc,
  CollectionName,
  ContractDoc,
  CustomerDoc,
  DeliverableDoc,
  ProcedureRunDoc,
  DocByCollection,
  IncidentDoc,
  InspectionDoc,
  PlanDoc,
  SiteDoc,
  VisitDoc,
  OpsRecordDoc,
  VisitLogEntryDoc,
} from '../../src-shared/db/types';

export type FieldbookCollections = {
  customers: RxCollection<CustomerDoc>;
  sites: RxCollection<SiteDoc>;
  clusters: RxCollection<ClusterDoc>;
  contracts: RxCollection<ContractDoc>;
  visits: RxCollection<VisitDoc>;
  visitLogEntries: RxCollection<VisitLogEntryDoc>;
  incidents: RxCollection<IncidentDoc>;
  inspections: RxCollection<InspectionDoc>;
  deliverables: RxCollection<DeliverableDoc>;
  procedureRuns: RxCollection<ProcedureRunDoc>;
  opsRecords: RxCollection<OpsRecordDoc>;
  plans: RxCollection<PlanDoc>;
};

export type FieldbookDatabase = RxDatabase<FieldbookCollections>;

export type FieldbookCollection<K extends CollectionName> = RxCollection<DocByCollection[K]>;

/** crypto-js key wrapping refuses shorter passwords. */
export const MIN_DATABASE_KEY_LENGTH = 8;

export interface OpenFieldbookDatabaseOptions {
  /** IndexedDB database name prefix; one per signed-in workspace. */
  name: string;
  /** Encryption key from the main process key store (never typed by the user, never logged). */
  password: string;
  /**
   * Base storage, Dexie on the window's IndexedDB by default. Tests pass Dexie on
   * fake-indexeddb. Encryption and validation are always wrapped around it.
   */
  storage?: RxStorage<unknown, unknown>;
  /** Options for the incident conflict handler (recomputing `dueAt` after a merge). */
  conflicts?: IncidentConflictOptions;
}

/**
 * Validation with the shared schemas, compiled once per schema into closures (see
 * src-shared/db/json-validator): no `new Function`, so it runs under the renderer's CSP (which
 * rules out ajv), and about 100× faster than z-schema, which re-checks every pattern for
 * ReDoS on each string it validates.
 */
function fieldbookValidator(schema: RxJsonSchema<unknown>): (doc: unknown) => RxValidationError[] {
  const validate = compileJsonSchema(schema);
  return (doc) => validate(doc);
}

export const wrappedValidateFieldbookStorage = wrappedValidateStorageFactory(
  fieldbookValidator,
  'fieldbook-json-schema',
);

let pluginsAdded = false;
function addPlugins(): void {
  if (pluginsAdded) return;
  addRxPlugin(RxDBMigrationSchemaPlugin);
  pluginsAdded = true;
}

export class DatabaseKeyError extends Error {
  constructor() {
    super(`database key must have at least ${MIN_DATABASE_KEY_LENGTH} characters`);
    this.name = 'DatabaseKeyError';
  }
}

/**
 * Opens (or creates) the database and its collections (COLLECTION_NAMES), migrating documents stored with an
 * older schema version. A wrong password fails here (RxDB compares a hash of it).
 */
export async function openFieldbookDatabase(
  opts: OpenFieldbookDatabaseOptions,
): Promise<FieldbookDatabase> {
  if (opts.password.length < MIN_DATABASE_KEY_LENGTH) throw new DatabaseKeyError();
  addPlugins();
  const base = (opts.storage ?? getRxStorageDexie()) as RxStorage<unknown, unknown>;
  // Validation outside encryption: it must see the clear document, before secrets are wrapped.
  const storage = wrappedValidateFieldbookStorage({
    storage: wrappedKeyEncryptionCryptoJsStorage({ storage: base }),
  });
  const db = await createRxDatabase<FieldbookCollections>({
    name: opts.name,
    storage,
    password: opts.password,
    // One window per app: no cross-tab coordination needed.
    multiInstance: false,
    eventReduce: true,
    // A re-mounted provider (React strict mode, a hot reload) opens the same name again;
    // the earlier instance is closed instead of failing with DB9.
    closeDuplicates: true,
    allowSlowCount: true,
  });
  try {
    const handlers = createConflictHandlers(opts.conflicts);
    const creators = Object.fromEntries(
      COLLECTION_NAMES.map((name) => [
        name,
        {
          schema: COLLECTION_SCHEMAS[name],
          migrationStrategies: MIGRATION_STRATEGIES[name],
          conflictHandler: handlers[name],
        },
      ]),
    );
    await db.addCollections(creators);
    // Signed deliverables are immutable whatever code writes them. Replication writes (conflict
    // resolution, pulls) go to storage without hooks and are governed by the conflict handler.
    // RxDB passes the stored data (not an RxDocument) as the second argument, whatever its type says.
    db.deliverables.preSave((next, stored) => {
      assertSignedUnchanged(stored, next);
    }, false);
  } catch (err) {
    await db.close();
    throw err;
  }
  return db;
}

export interface BulkInsertProgress {
  done: number;
  total: number;
}

export interface BulkInsertFailure {
  documentId: string;
  /** 409: the id exists already; 422: the document does not match the schema. */
  status: number;
  /** For 422, the schema violations (`/path message`). */
  detail?: string;
}

function failureOf(error: RxStorageWriteError<unknown>): BulkInsertFailure {
  const failure: BulkInsertFailure = { documentId: error.documentId, status: error.status };
  if (error.status === 422) {
    // The validator's own error objects arrive as plain JSON: z-schema's carry `path`, ajv's
    // `instancePath`, whatever RxDB's declared type says.
    const details = (
      error.validationErrors as unknown as {
        instancePath?: string;
        path?: string;
        message?: string;
      }[]
    )
      .slice(0, 3)
      .map((v) => `${v.instancePath ?? v.path ?? ''} ${v.message ?? ''}`.trim());
    if (details.length > 0) failure.detail = details.join('; ');
  }
  return failure;
}

export class BulkInsertError extends Error {
  constructor(
    readonly collection: string,
    readonly inserted: number,
    readonly failures: BulkInsertFailure[],
  ) {
    const first = failures[0];
    super(
      `${failures.length} document(s) rejected by ${collection} after ${inserted} inserted` +
        (first
          ? ` (first: ${first.documentId}, status ${first.status}${first.detail ? `: ${first.detail}` : ''})`
          : ''),
    );
    this.name = 'BulkInsertError';
  }
}

/**
 * Inserts in chunks (100 by default). One huge bulkInsert gives every document the same write
 * time, which makes replication rescan them on every batch (STACK-NOTES); chunks also let the
 * UI show progress. Stops at the first chunk with rejected documents.
 */
export async function bulkInsertChunked<T>(
  collection: RxCollection<T>,
  docs: readonly T[],
  chunkSize = 100,
  onProgress?: (done: number, total: number) => void,
): Promise<number> {
  if (!Number.isInteger(chunkSize) || chunkSize < 1) throw new RangeError('chunkSize must be ≥ 1');
  let done = 0;
  for (let i = 0; i < docs.length; i += chunkSize) {
    const chunk = docs.slice(i, i + chunkSize);
    const result = await collection.bulkInsert(chunk);
    done += result.success.length;
    if (result.error.length > 0) {
      throw new BulkInsertError(
        collection.name,
        done,
        result.error.map((e) => failureOf(e as RxStorageWriteError<unknown>)),
      );
    }
    onProgress?.(done, docs.length);
  }
  return done;
}
