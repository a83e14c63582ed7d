/**
 * Rules of the workspace file (export on one laptop, import on another) that do not depend on
 * where they run: which documents a scope takes, how a file's documents are checked and brought
 * to the current schemas, and how they merge into a store that may already hold them.
 *
 * The merge is sync's merge: an imported document meets the local one exactly as a pushed
 * document meets the master — the collection's conflict handler (conflicts.ts) decides, with
 * the local state as the master and no common ancestor. Documents that are equal (storage
 * metadata ignored) are not written, which makes a second import of the same file change
 * nothing.
 */
import type { MigrationStrategies, RxConflictHandler, WithDeleted } from 'rxdb';
import { documentsEqual } from './conflicts';
import { compileJsonSchema } from './json-validator';
import type { DocumentValidator } from './json-validator';
import { COLLECTION_NAMES, COLLECTION_SCHEMAS, MIGRATION_STRATEGIES } from './schemas/index';
import type { BaseDoc, CollectionName } from './types';

/** Shortest password accepted for a workspace file. */
export const WORKSPACE_PASSWORD_MIN = 8;
/** Longest password accepted (scrypt hashes any length; this only bounds the payload). */
export const WORKSPACE_PASSWORD_MAX = 1024;
/** The file name ending proposed by the save dialog and listed by the open dialog. */
export const WORKSPACE_FILE_EXTENSION = 'fieldbook';

export type WorkspaceDocumentsByCollection = Partial<Record<CollectionName, BaseDoc[]>>;

/** A document of a workspace file that does not match its collection's schema. */
export interface WorkspaceDocumentProblem {
  collection: string;
  documentId: string;
  /** `/field message`, English. */
  detail: string;
}

const validators = new Map<CollectionName, DocumentValidator>();
function validatorOf(name: CollectionName): DocumentValidator {
  let v = validators.get(name);
  if (v === undefined) {
    v = compileJsonSchema(COLLECTION_SCHEMAS[name]);
    validators.set(name, v);
  }
  return v;
}

export function isCollectionName(name: string): name is CollectionName {
  return (COLLECTION_NAMES as readonly string[]).includes(name);
}

/** The current schema version of every collection. */
export function currentSchemaVersions(): Record<CollectionName, number> {
  return Object.fromEntries(
    COLLECTION_NAMES.map((name) => [name, COLLECTION_SCHEMAS[name].version]),
  ) as Record<CollectionName, number>;
}

/**
 * Checks documents against the current schemas: unknown collections, non-objects, documents
 * that fail the schema, and the same id twice in one collection. At most `limit` problems.
 */
export function checkWorkspaceDocuments(
  documents: Record<string, unknown>,
  limit = 20,
): WorkspaceDocumentProblem[] {
  const problems: WorkspaceDocumentProblem[] = [];
  for (const [collection, docs] of Object.entries(documents)) {
    if (problems.length >= limit) break;
    if (!isCollectionName(collection)) {
      problems.push({ collection, documentId: '', detail: 'unknown collection' });
      continue;
    }
    if (!Array.isArray(docs)) {
      problems.push({ collection, documentId: '', detail: 'must be an array of documents' });
      continue;
    }
    const validate = validatorOf(collection);
    const seen = new Set<string>();
    for (const doc of docs as unknown[]) {
      if (problems.length >= limit) break;
      const id =
        typeof doc === 'object' && doc !== null && typeof (doc as BaseDoc).id === 'string'
          ? (doc as BaseDoc).id
          : '';
      const violations = validate(doc);
      if (violations.length > 0) {
        const detail = violations
          .slice(0, 3)
          .map((v) => `${v.field || '/'} ${v.message}`)
          .join('; ');
        problems.push({ collection, documentId: id, detail });
      } else if (seen.has(id)) {
        problems.push({ collection, documentId: id, detail: 'the same id appears twice' });
      }
      seen.add(id);
    }
  }
  return problems;
}

/**
 * Brings documents written with an older schema version to the current one with the same
 * migration strategies RxDB runs on the local store. Throws for a version newer than this
 * Fieldbook's (the caller reports `newer_schema`).
 */
export async function migrateWorkspaceDocuments(
  collection: CollectionName,
  fromVersion: number,
  docs: readonly unknown[],
): Promise<unknown[]> {
  const current = COLLECTION_SCHEMAS[collection].version;
  if (!Number.isInteger(fromVersion) || fromVersion < 0) {
    throw new RangeError(`${collection}: schema version ${String(fromVersion)} is not a version`);
  }
  if (fromVersion > current) {
    throw new NewerSchemaError(collection, fromVersion, current);
  }
  const strategies: MigrationStrategies = MIGRATION_STRATEGIES[collection];
  const out: unknown[] = [];
  for (const doc of docs) {
    let next: unknown = doc;
    for (let v = fromVersion + 1; v <= current && next !== null; v++) {
      const step = strategies[v];
      if (step === undefined) throw new Error(`${collection}: no migration to version ${v}`);
      // The Fieldbook strategies are functions of the document alone (none reads the collection).
      next = (await step(next, undefined as never)) as unknown;
    }
    // A strategy answering null drops the document, as RxDB's migration does.
    if (next !== null) out.push(next);
  }
  return out;
}

export class NewerSchemaError extends Error {
  constructor(
    readonly collection: string,
    readonly fileVersion: number,
    readonly appVersion: number,
  ) {
    super(
      `${collection} documents use schema version ${fileVersion}; this Fieldbook knows up to ${appVersion}`,
    );
    this.name = 'NewerSchemaError';
  }
}

/** The documents of a scope: everything, or what belongs to one customer (`customerId`). */
export function scopeDocuments<T extends BaseDoc>(docs: readonly T[], customerId?: string): T[] {
  return customerId === undefined ? [...docs] : docs.filter((d) => d.customerId === customerId);
}

/** A document as a file carries it: storage metadata (`_meta`, `_rev`, …) removed. */
export function withoutStorageFields<T extends object>(doc: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(doc)) if (!key.startsWith('_')) out[key] = value;
  return out as T;
}

/** What importing one collection's documents does to the local store. */
export interface ImportPlan<T extends BaseDoc> {
  /** Documents the store does not have. */
  insert: T[];
  /** Merged states that differ from the local ones (written over them). */
  update: T[];
  /** Documents already present with the same content, or whose merge keeps the local state. */
  unchanged: number;
}

/**
 * Decides, per imported document, what the store gets: new documents are inserted; a document
 * the store has goes through the collection's conflict handler, local state as the master.
 * `local` holds the store's current (non-deleted) documents by id, without storage metadata.
 */
export async function planImport<T extends BaseDoc>(
  handler: RxConflictHandler<T>,
  local: ReadonlyMap<string, T>,
  imported: readonly T[],
): Promise<ImportPlan<T>> {
  const plan: ImportPlan<T> = { insert: [], update: [], unchanged: 0 };
  for (const doc of imported) {
    const mine = local.get(doc.id);
    if (mine === undefined) {
      plan.insert.push(doc);
      continue;
    }
    const master = mine as WithDeleted<T>;
    const incoming = doc as WithDeleted<T>;
    if (documentsEqual(master, incoming)) {
      plan.unchanged++;
      continue;
    }
    const merged = await handler.resolve(
      { realMasterState: master, newDocumentState: incoming },
      'workspace-import',
    );
    if (documentsEqual(master, merged)) plan.unchanged++;
    else plan.update.push(withoutStorageFields(merged));
  }
  return plan;
}
