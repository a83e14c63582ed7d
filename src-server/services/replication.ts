import { documentsEqual } from '../../src-shared/db/conflicts';
import type { CollectionName } from '../../src-shared/db/types';
import type { FieldError, PushRow, WireDocument } from '../../src-shared/sync';
import {
  PULL_PAGE_BYTES_MAX,
  REPLICATED_COLLECTIONS,
  referencedBlobs,
} from '../../src-shared/sync';
import type { SqlClient, Store } from '../store';
import { noteDocumentWrites } from '../store/statistics';
import { inScope, SCOPE_CHANNEL, type Scope } from './accounts';
import { HttpError } from './errors';
import { validatePushedDocument } from './validation';
import { procedureRunRoleProblems } from './procedure-roles';

/** Channel announcing committed writes: payload `<collection>:<highest sequence>`. */
export const CHANGES_CHANNEL = 'fieldbook_changes';

/**
 * Advisory lock namespace for sequence assignment. Writes to one collection take
 * `pg_advisory_xact_lock(SEQ_LOCK, hashtext(collection))` before reading the rows they replace and
 * hold it until commit, so the writers of a collection commit one after the other in the order in
 * which they drew sequence numbers. A pull that has seen sequence n can therefore never later
 * meet a newly committed row below n (PROTOCOL.md §Ordering).
 */
const SEQ_LOCK = 4_242_002;

// ---------------------------------------------------------------------------------------------
// Checkpoints: `c1.<sequence>.<scope tag>`; opaque to clients.

export interface DecodedCheckpoint {
  sequence: number;
  scopeTag: string;
}

const CHECKPOINT_RE = /^c1\.(\d{1,15})\.([a-z0-9]{1,16})$/;

/** The `position` of a checkpoint. */
export function encodeCheckpoint(sequence: number, scopeTag: string): string {
  return `c1.${sequence}.${scopeTag}`;
}

export function decodeCheckpoint(value: string): DecodedCheckpoint | null {
  const m = CHECKPOINT_RE.exec(value);
  if (!m) return null;
  return { sequence: Number(m[1]), scopeTag: m[2] ?? '' };
}

// ---------------------------------------------------------------------------------------------
// Pull

export interface PullResult {
  /** Each document as stored JSON text (sent without re-serialising). */
  documents: string[];
  /** `position` of the checkpoint after these documents. */
  checkpoint: string;
  /** Documents follow the checkpoint (the page was full, or cut at the byte cap). */
  more: boolean;
}

/**
 * Up to this many customers in scope, a pull merges one ordered index range per customer
 * (below); beyond it, one range of the collection's feed filtered by customer. Parameters and
 * planning grow with the number of branches.
 */
export const MERGE_MAX_CUSTOMERS = 200;

/**
 * The sequence numbers of the next page of a scoped pull: per customer, the first `limit`
 * entries after the checkpoint of the `(collection, customer_id, seq)` index, merged in
 * sequence order (a Merge Append that stops after `limit` rows). Each branch is an ordered
 * index range with its own LIMIT, so the work per page is at most about `limit` + one row per
 * customer, however many rows remain and whatever the planner's statistics say. The documents
 * are then fetched one by one through the `(collection, seq)` index (OFFSET 0 keeps that a
 * per-row lookup rather than a join the planner could turn into a scan). One statement: one
 * snapshot, so the page is consistent.
 */
function mergedScopePullSql(customers: number): string {
  const branches = Array.from(
    { length: customers },
    (_, i) =>
      `(SELECT seq FROM documents WHERE collection = $1 AND customer_id = $${i + 4} AND seq > $2 ` +
      'ORDER BY seq LIMIT $3)',
  ).join(' UNION ALL ');
  return `WITH page AS (SELECT seq FROM (${branches}) AS merged ORDER BY seq LIMIT $3)
    SELECT d.seq::text AS seq, d.doc::text AS doc FROM page
    CROSS JOIN LATERAL (
      SELECT seq, doc FROM documents WHERE collection = $1 AND seq = page.seq OFFSET 0
    ) AS d
    ORDER BY page.seq`;
}

/**
 * Documents of `collection` in `scope` after `checkpoint`, in sequence order: at most `limit`,
 * and at most `maxBytes` of document text unless the first document alone is larger (it is then
 * sent alone). `more` says whether documents follow, so a page cut by size is never taken for
 * "up to date". A checkpoint made under another scope (an assignment changed) restarts from the
 * beginning: documents of a newly assigned customer have old sequence numbers and would
 * otherwise never be pulled.
 *
 * The sequence is unique per collection (`documents_feed`), so ordering by it alone is total.
 */
export async function pull(
  db: SqlClient,
  collection: CollectionName,
  scope: Scope,
  checkpoint: DecodedCheckpoint | null,
  limit: number,
  maxBytes: number = PULL_PAGE_BYTES_MAX,
): Promise<PullResult> {
  const from = checkpoint && checkpoint.scopeTag === scope.tag ? checkpoint.sequence : 0;
  // One row beyond the limit tells whether more follow.
  const fetch = limit + 1;
  let rows: { seq: string; doc: string }[];
  if (!scope.all && scope.list.length === 0) {
    rows = [];
  } else if (scope.all) {
    // ORDER BY names the table column: a bare `seq` would mean the text alias (and sort "10" < "2").
    ({ rows } = await db.query<{ seq: string; doc: string }>(
      `SELECT seq::text AS seq, doc::text AS doc FROM documents
       WHERE collection = $1 AND seq > $2 ORDER BY documents.seq LIMIT $3`,
      [collection, from, fetch],
    ));
  } else if (scope.list.length <= MERGE_MAX_CUSTOMERS) {
    ({ rows } = await db.query<{ seq: string; doc: string }>(
      mergedScopePullSql(scope.list.length),
      [collection, from, fetch, ...scope.list],
    ));
  } else {
    ({ rows } = await db.query<{ seq: string; doc: string }>(
      `SELECT seq::text AS seq, doc::text AS doc FROM documents
       WHERE collection = $1 AND seq > $2 AND customer_id = ANY($4::text[])
       ORDER BY documents.seq LIMIT $3`,
      [collection, from, fetch, scope.list],
    ));
  }
  const documents: string[] = [];
  let bytes = 0;
  let last = from;
  for (const row of rows) {
    if (documents.length === limit) break;
    const size = utf8Length(row.doc);
    if (documents.length > 0 && bytes + size > maxBytes) break;
    documents.push(row.doc);
    bytes += size;
    last = Number(row.seq);
  }
  return {
    documents,
    checkpoint: encodeCheckpoint(last, scope.tag),
    more: documents.length < rows.length,
  };
}

/** Bytes of `text` in UTF-8, without encoding it. */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      // A surrogate pair: one 4-byte character.
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

// ---------------------------------------------------------------------------------------------
// Push

export interface PushContext {
  collection: CollectionName;
  userId: string;
  role: 'engineer' | 'lead' | 'admin';
  scope: Scope;
}

export interface PushResult {
  conflicts: WireDocument[];
  written: number;
  /** Customers created by this push and assigned to the pusher (engineers and leads). */
  createdCustomers: string[];
}

/** Checks every row against the collection's schema; 422 with all field errors if any fails. */
export function validatePush(collection: CollectionName, rows: PushRow[]): void {
  const errors: FieldError[] = [];
  rows.forEach((row, index) => {
    errors.push(...validatePushedDocument(collection, row.newDocumentState, index));
    const assumed = row.assumedMasterState;
    if (assumed !== undefined && assumed !== null) {
      if (typeof assumed !== 'object' || Array.isArray(assumed)) {
        errors.push({ index, path: '/assumedMasterState', message: 'must be an object or null' });
      } else if (assumed.id !== row.newDocumentState?.id) {
        errors.push({
          index,
          path: '/assumedMasterState/id',
          message: 'must equal the id of newDocumentState',
        });
      }
    }
  });
  if (errors.length > 0) {
    throw new HttpError(
      422,
      'invalid_document',
      collection === 'plans'
        ? `${new Set(errors.map((e) => e.index)).size} plan(s) do not match the plans schema or are marked ready with error findings (rule: message at each path); fix them or mark them draft. Nothing was written.`
        : `${new Set(errors.map((e) => e.index)).size} document(s) do not match the ${collection} schema; nothing was written.`,
      errors.slice(0, 200),
    );
  }
}

interface Current {
  customerId: string;
  doc: WireDocument;
}

/**
 * Applies a validated push batch in one transaction: all of it or (on 403) none of it.
 *
 * Per row: a stored document equal to the new state is a retry and is skipped (idempotent); a
 * stored document that differs from the assumed master state (or exists while none was assumed)
 * is a conflict and is returned, not written; anything else is written with a new sequence.
 */
export async function push(store: Store, ctx: PushContext, rows: PushRow[]): Promise<PushResult> {
  const { collection, scope } = ctx;
  const ids = [...new Set(rows.map((r) => r.newDocumentState.id))];

  const result = await store.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [SEQ_LOCK, collection]);
    const stored = await tx.query<{ id: string; customer_id: string; doc: string }>(
      `SELECT id, customer_id, doc::text AS doc FROM documents
       WHERE collection = $1 AND id = ANY($2::text[])`,
      [collection, ids],
    );
    const current = new Map<string, Current>();
    for (const r of stored.rows) {
      current.set(r.id, { customerId: r.customer_id, doc: JSON.parse(r.doc) as WireDocument });
    }

    const conflicts: WireDocument[] = [];
    const writes = new Map<string, WireDocument>();
    const createdCustomers: string[] = [];
    const forbiddenIds: string[] = [];
    const roleRefusals: string[] = [];
    const known = scope.all ? new Set<string>() : await knownCustomers(tx, collection, rows, scope);

    for (const row of rows) {
      const next = row.newDocumentState;
      const cur = current.get(next.id);
      if (!scope.all) {
        const curAllowed = !cur || inScope(scope, cur.customerId);
        let nextAllowed = inScope(scope, next.customerId) || createdCustomers.includes(next.id);
        // A customer the server has never seen may be created by whoever syncs it first; it is
        // then assigned to them (data made offline before the first sign-in must upload). A
        // customer id that an assignment or any stored document already names is not new, even
        // without its customer document: taking it over would hand over its sites.
        if (!nextAllowed && collection === 'customers' && !cur && !known.has(next.id)) {
          createdCustomers.push(next.id);
          nextAllowed = true;
        }
        if (!curAllowed || !nextAllowed) {
          forbiddenIds.push(next.id);
          continue;
        }
      }
      if (collection === 'procedureRuns' && !next._deleted) {
        const problems = procedureRunRoleProblems(cur?.doc, next, ctx);
        if (problems !== undefined) roleRefusals.push(problems);
      }
      if (cur) {
        if (documentsEqual(cur.doc, next)) continue;
        const assumed = row.assumedMasterState;
        if (!assumed || !documentsEqual(assumed, cur.doc)) {
          conflicts.push(cur.doc);
          continue;
        }
      }
      writes.set(next.id, next);
      current.set(next.id, { customerId: next.customerId, doc: next });
    }

    if (roleRefusals.length > 0) {
      throw new HttpError(
        403,
        'forbidden',
        `${roleRefusals.length} procedure run(s) hold events this account may not add ` +
          `(first: ${roleRefusals[0]}); nothing was written.`,
      );
    }

    if (forbiddenIds.length > 0) {
      throw new HttpError(
        403,
        'forbidden',
        `${forbiddenIds.length} document(s) belong to customers outside your assignments ` +
          `(first: ${forbiddenIds[0]}); nothing was written.`,
      );
    }

    if (writes.size > 0) {
      const docs = [...writes.values()];
      // One statement (one round trip while the collection lock is held): upsert the documents,
      // drop the blob references of their previous states, and announce the commit. The
      // notification is delivered at commit, to every instance listening on this database.
      await tx.query(
        `WITH written AS (
           INSERT INTO documents AS d (collection, id, customer_id, seq, deleted, doc, updated_by)
           SELECT $1, u.id, u.customer_id, nextval('document_seq'), u.deleted, u.doc::json, $6
           FROM unnest($2::text[], $3::text[], $4::boolean[], $5::text[])
                AS u(id, customer_id, deleted, doc)
           ON CONFLICT (collection, id) DO UPDATE SET
             customer_id = EXCLUDED.customer_id, seq = EXCLUDED.seq, deleted = EXCLUDED.deleted,
             doc = EXCLUDED.doc, updated_by = EXCLUDED.updated_by, server_updated_at = now()
           RETURNING seq
         ), dropped AS (
           DELETE FROM blob_refs WHERE collection = $1 AND doc_id = ANY($2::text[])
         )
         SELECT pg_notify($7, $1 || ':' || (SELECT max(seq) FROM written)::text)`,
        [
          collection,
          docs.map((d) => d.id),
          docs.map((d) => d.customerId),
          docs.map((d) => d._deleted),
          docs.map((d) => JSON.stringify(d)),
          ctx.userId,
          CHANGES_CHANNEL,
        ],
      );
      await insertBlobRefs(tx, collection, docs, ctx);
      if (createdCustomers.length > 0) {
        await tx.query(
          `INSERT INTO customer_assignments (customer_id, user_id)
           SELECT unnest($1::text[]), $2 ON CONFLICT DO NOTHING`,
          [createdCustomers, ctx.userId],
        );
        await tx.query('SELECT pg_notify($1, $2)', [SCOPE_CHANNEL, 'changed']);
      }
    }
    return { conflicts, written: writes.size, createdCustomers };
  });
  noteDocumentWrites(store, result.written);
  return result;
}

/**
 * Of the customers the outside-scope rows would create, those the server already knows: named by
 * an assignment (of anyone) or by any stored document of any collection. Read inside the push
 * transaction; assignments made by a concurrent admin call commit independently, and a concurrent
 * customer push holds the same collection lock.
 */
async function knownCustomers(
  tx: SqlClient,
  collection: CollectionName,
  rows: PushRow[],
  scope: Scope,
): Promise<Set<string>> {
  if (collection !== 'customers') return new Set();
  const candidates = [
    ...new Set(rows.map((r) => r.newDocumentState.id).filter((id) => !inScope(scope, id))),
  ];
  if (candidates.length === 0) return new Set();
  const { rows: found } = await tx.query<{ customer_id: string }>(
    `SELECT customer_id FROM customer_assignments WHERE customer_id = ANY($1::text[])
     UNION
     SELECT customer_id FROM documents
     WHERE collection = ANY($2::text[]) AND customer_id = ANY($1::text[])`,
    [candidates, REPLICATED_COLLECTIONS],
  );
  return new Set(found.map((r) => r.customer_id));
}

/**
 * References of the new states (the old ones were dropped with the upsert). A reference alone
 * grants nothing (routes/blobs.ts): but when the pusher can already read the blob through another
 * of its customers, the new reference's customer gets it too, as if the pusher had downloaded and
 * uploaded it again for that customer (it may write both).
 */
async function insertBlobRefs(
  tx: SqlClient,
  collection: CollectionName,
  docs: WireDocument[],
  ctx: PushContext,
): Promise<void> {
  const shas: string[] = [];
  const docIds: string[] = [];
  const customers: string[] = [];
  for (const d of docs) {
    // A deleted document no longer grants access to its evidence.
    if (d._deleted) continue;
    for (const sha of referencedBlobs(d)) {
      shas.push(sha);
      docIds.push(d.id);
      customers.push(d.customerId);
    }
  }
  if (shas.length === 0) return;
  await tx.query(
    `INSERT INTO blob_refs (sha256, collection, doc_id, customer_id)
     SELECT u.sha, $1, u.doc_id, u.customer_id
     FROM unnest($2::text[], $3::text[], $4::text[]) AS u(sha, doc_id, customer_id)
     ON CONFLICT DO NOTHING`,
    [collection, shas, docIds, customers],
  );
  await tx.query(
    `INSERT INTO blob_grants (sha256, customer_id, uploaded_by)
     SELECT DISTINCT u.sha, u.customer_id, $3
     FROM unnest($1::text[], $2::text[]) AS u(sha, customer_id)
     WHERE EXISTS (
       SELECT 1 FROM blob_grants g
       JOIN blob_refs r ON r.sha256 = g.sha256 AND r.customer_id = g.customer_id
       WHERE g.sha256 = u.sha AND ($4 OR g.customer_id = ANY($5::text[])))
     ON CONFLICT DO NOTHING`,
    [shas, customers, ctx.userId, ctx.scope.all, ctx.scope.all ? [] : ctx.scope.list],
  );
}
