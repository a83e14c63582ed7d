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
 *
 * Deletions travel too (format version 2): a deleted document is carried with `_deleted: true`,
 * as on the sync wire, and meets the local copy by sync's rule for a deletion (see `planImport`).
 */
import type { MigrationStrategies, RxConflictHandler, WithDeleted } from 'rxdb';
import { documentsEqual, jsonEqual } from './conflicts';
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

/** A document as a workspace file carries it: a deleted one has `_deleted: true`. */
export type WorkspaceDocument = BaseDoc & { _deleted?: true };

export function isDeleted(doc: object): boolean {
  return (doc as { _deleted?: unknown })._deleted === true;
}

/**
 * Checks documents against the current schemas: unknown collections, non-objects, documents
 * that fail the schema, and the same id twice in one collection. A deleted document carries
 * `_deleted: true` beside its fields (replication state, never in a schema); any other
 * `_deleted` value is a problem. At most `limit` problems.
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
      let fields: unknown = doc;
      if (typeof doc === 'object' && doc !== null && '_deleted' in doc) {
        const { _deleted: flag, ...rest } = doc as Record<string, unknown>;
        if (flag !== true) {
          problems.push({ collection, documentId: id, detail: '/_deleted must be true or absent' });
          continue;
        }
        fields = rest;
      }
      const violations = validate(fields);
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
    // Strategies see the document's fields only; a deletion stays a deletion.
    const deleted = typeof doc === 'object' && doc !== null && isDeleted(doc);
    let next: unknown = deleted ? withoutDeletion(doc) : doc;
    for (let v = fromVersion + 1; v <= current && next !== null; v++) {
      const step = strategies[v];
      if (step === undefined) throw new Error(`${collection}: no migration to version ${v}`);
      // The Fieldbook strategies are functions of the document alone (none reads the collection).
      next = (await step(next, undefined as never)) as unknown;
    }
    // A strategy answering null drops the document, as RxDB's migration does.
    if (next !== null) out.push(deleted ? { ...(next as object), _deleted: true } : next);
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

/** A stored document as a file carries it: storage metadata removed, a deletion kept. */
export function asWorkspaceDocument<T extends object>(doc: T): T {
  const out = withoutStorageFields(doc);
  if (isDeleted(doc)) (out as { _deleted?: true })._deleted = true;
  return out;
}

/** What importing one collection's documents does to the local store. */
export interface ImportPlan<T extends BaseDoc> {
  /** Documents the store does not have. */
  insert: T[];
  /**
   * Merged states that differ from the local ones (written over them); a merged state with
   * `_deleted: true` deletes the local document.
   */
  update: T[];
  /**
   * Documents already present with the same content, or whose merge keeps the local state;
   * deletions of documents the store never held, and merges that only change a document both
   * sides deleted (nothing the engineer can see).
   */
  unchanged: number;
}

export interface PlanImportOptions {
  /** The collection's handler rules on deletions itself (`HANDLER_DECIDES_DELETION`). */
  handlerDecidesDeletion?: boolean;
}

function withoutDeletion<T extends object>(doc: T): T {
  const { _deleted: _flag, ...fields } = doc as T & { _deleted?: unknown };
  return fields as T;
}

/**
 * Decides, per imported document, what the store gets: new documents are inserted; a document
 * the store has goes through the collection's conflict handler, local state as the master.
 * `local` holds the store's documents by id (deleted ones with `_deleted: true`), without storage
 * metadata.
 *
 * Deletions follow sync. When only one side is deleted:
 * - if the live copy is the deleted one's content (nobody edited it since), the deletion is
 *   taken, as sync takes a deletion of an unchanged document without a conflict;
 * - otherwise both sides changed it. Sync's three-way merge keeps the deletion (only the deleting
 *   side changed `_deleted` since their common state, and nothing un-deletes) and merges the other
 *   side's edits into the deleted document; without a common state the import says so to the
 *   handler by marking both sides deleted, so fields still go to the later `updatedAt`;
 * - a collection whose handler rules on deletions itself (deliverables: a signature survives a
 *   deletion) gets both states as they are.
 */
export async function planImport<T extends BaseDoc>(
  handler: RxConflictHandler<T>,
  local: ReadonlyMap<string, T>,
  imported: readonly T[],
  options: PlanImportOptions = {},
): Promise<ImportPlan<T>> {
  const plan: ImportPlan<T> = { insert: [], update: [], unchanged: 0 };
  for (const doc of imported) {
    const mine = local.get(doc.id);
    if (mine === undefined) {
      if (isDeleted(doc)) plan.unchanged++;
      else plan.insert.push(doc);
      continue;
    }
    const master = mine as WithDeleted<T>;
    const incoming = doc as WithDeleted<T>;
    if (documentsEqual(master, incoming)) {
      plan.unchanged++;
      continue;
    }
    let merged: WithDeleted<T>;
    const oneSideDeleted = isDeleted(master) !== isDeleted(incoming);
    if (oneSideDeleted && jsonEqual(withoutDeletion(master), withoutDeletion(incoming))) {
      merged = { ...withoutDeletion(incoming), _deleted: true };
    } else if (oneSideDeleted && options.handlerDecidesDeletion !== true) {
      merged = await handler.resolve(
        {
          realMasterState: { ...master, _deleted: true },
          newDocumentState: { ...incoming, _deleted: true },
        },
        'workspace-import',
      );
    } else {
      merged = await handler.resolve(
        { realMasterState: master, newDocumentState: incoming },
        'workspace-import',
      );
    }
    if (documentsEqual(master, merged) || (isDeleted(master) && isDeleted(merged))) {
      plan.unchanged++;
    } else {
      plan.update.push(asWorkspaceDocument(merged));
    }
  }
  return plan;
}
