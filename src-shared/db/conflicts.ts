/**
 * Conflict handlers for replication, one per collection.
 *
 * RxDB's default handler keeps the server's document and silently drops the local edit. These
 * merge instead. A conflict has three states: the master state the laptop last saw (`assumed`,
 * may be missing), the master's current state (`master`) and the laptop's state (`local`).
 *
 * - Every field is merged three-way: a field only one side changed since `assumed` takes that
 *   side's value, so edits to different fields never cost each other anything. A field both
 *   sides changed differently takes the value of the side with the later `updatedAt`
 *   (ties go to the master, so every laptop resolves the same way).
 * - Append-only parts never lose an entry: an incident's timeline events are united by id,
 *   level changes and pauses by their start instant.
 * - Inspections merge per check (see inspection-conflicts.ts): the same answer edited on two
 *   laptops keeps the later one and moves the other into the document's `history`.
 * - Procedure runs unite their event logs by event id (see procedure-run-conflicts.ts).
 * - Log entries are immutable, so two copies of one entry differ at most in `_deleted`; the
 *   three-way rule handles that like any field.
 * - Nothing is lost silently: every value that loses a "both changed" field is recorded in the
 *   document's `mergeHistory` (field, losing value, both sides' `updatedAt`), which the UI shows.
 *   Histories of both sides are united, so every laptop ends up with the same history.
 *
 * - Ops records merge their kind's own fields one by one as well (ops-record-conflicts.ts).
 * - Plans merge their row tables (machines, networks, VIPs) per row (see plan-conflicts.ts).
 *
 * - Deliverables are not merged field by field: a signed deliverable is immutable, so one whole
 *   state wins and the other is kept in the winner's `history` (see `mergeDeliverables`).
 *
 * Handlers are pure: the server can use the same functions when it checks pushes.
 */
import type { RxConflictHandler, RxConflictHandlerInput, WithDeleted } from 'rxdb';
import { mergeInspections } from './inspection-conflicts';
import { mergeProcedureRuns } from './procedure-run-conflicts';
import { mergeOpsRecords } from './ops-record-conflicts';
import { mergePlans } from './plan-conflicts';
import type {
  BaseDoc,
  CollectionName,
  DeliverableDoc,
  DeliverableHistoryEntry,
  DocByCollection,
  IncidentDoc,
  LevelChange,
  MergeLoss,
  PauseInterval,
  TimelineEvent,
} from './types';
import { MERGE_HISTORY_MAX, MERGE_LOSS_VALUE_MAX } from './types';

type Json = unknown;
type JsonRecord = Record<string, Json>;

function asRecord(doc: object): JsonRecord {
  return doc as unknown as JsonRecord;
}

/** Structural equality of JSON values; key order does not matter. */
export function jsonEqual(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((v, i) => jsonEqual(v, b[i]));
  }
  const ra = a as Record<string, Json>;
  const rb = b as Record<string, Json>;
  const ka = Object.keys(ra).filter((k) => ra[k] !== undefined);
  const kb = Object.keys(rb).filter((k) => rb[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => jsonEqual(ra[k], rb[k]));
}

/** RxDB may hand over documents with storage metadata (`_meta`, `_rev`, `_attachments`). */
function isDocumentField(key: string): boolean {
  return key === '_deleted' || !key.startsWith('_');
}

/** Equal as documents: storage metadata ignored, `_deleted` compared (missing = false). */
export function documentsEqual<T extends object>(a: WithDeleted<T>, b: WithDeleted<T>): boolean {
  const ra = asRecord(a);
  const rb = asRecord(b);
  const keys = new Set([...Object.keys(ra), ...Object.keys(rb)].filter(isDocumentField));
  for (const key of keys) {
    const va = key === '_deleted' ? ra[key] === true : ra[key];
    const vb = key === '_deleted' ? rb[key] === true : rb[key];
    if (!jsonEqual(va, vb)) return false;
  }
  return true;
}

function instantMs(value: string | undefined): number {
  const ms = value === undefined ? NaN : Date.parse(value);
  return Number.isNaN(ms) ? -Infinity : ms;
}

/** Later `updatedAt` (as an instant, not as a string: offsets differ between laptops). */
function localIsNewer(master: BaseDoc, local: BaseDoc): boolean {
  return instantMs(local.updatedAt) > instantMs(master.updatedAt);
}

/** The losing value as JSON text, cut to `MERGE_LOSS_VALUE_MAX` characters. */
function lossValue(value: Json): string {
  const text = value === undefined ? 'null' : JSON.stringify(value);
  return text.length <= MERGE_LOSS_VALUE_MAX ? text : `${text.slice(0, MERGE_LOSS_VALUE_MAX - 1)}…`;
}

function lossKey(loss: MergeLoss): string {
  return `${loss.field}|${loss.lostAt}|${loss.keptAt}|${loss.value}`;
}

/**
 * Union of merge histories (by content), oldest loss first, at most `MERGE_HISTORY_MAX`
 * (the oldest are dropped). Order-independent, so every laptop computes the same list.
 */
export function mergeHistories(...histories: (MergeLoss[] | undefined)[]): MergeLoss[] {
  const byKey = new Map<string, MergeLoss>();
  for (const history of histories) {
    for (const loss of history ?? []) if (!byKey.has(lossKey(loss))) byKey.set(lossKey(loss), loss);
  }
  const all = [...byKey.values()].sort(
    (a, b) =>
      instantMs(a.keptAt) - instantMs(b.keptAt) ||
      instantMs(a.lostAt) - instantMs(b.lostAt) ||
      (lossKey(a) < lossKey(b) ? -1 : lossKey(a) > lossKey(b) ? 1 : 0),
  );
  return all.slice(Math.max(0, all.length - MERGE_HISTORY_MAX));
}

/** Fields handled by the merge itself, never reported as lost. */
const NOT_RECORDED = new Set(['updatedAt', 'mergeHistory']);

/**
 * Three-way merge of the top-level fields of two document states. See the module comment for
 * the rules; `updatedAt` becomes the later of the two. `united` names fields the caller merges
 * by union afterwards (append-only lists): they are not recorded as lost.
 */
export function mergeDocuments<T extends BaseDoc>(
  input: RxConflictHandlerInput<T>,
  united: readonly string[] = [],
): WithDeleted<T> {
  const { assumedMasterState: assumed, realMasterState: master, newDocumentState: local } = input;
  const m = asRecord(master);
  const l = asRecord(local);
  const base = assumed === undefined ? undefined : asRecord(assumed);
  const newer = localIsNewer(master, local);
  const out: JsonRecord = {};
  const losses: MergeLoss[] = [];
  const keys = new Set([...Object.keys(m), ...Object.keys(l)].filter(isDocumentField));
  keys.delete('mergeHistory');
  for (const key of keys) {
    const mv = key === '_deleted' ? m[key] === true : m[key];
    const lv = key === '_deleted' ? l[key] === true : l[key];
    const bv = base === undefined ? undefined : key === '_deleted' ? base[key] === true : base[key];
    let value: Json;
    if (jsonEqual(mv, lv)) value = mv;
    else if (base !== undefined && jsonEqual(lv, bv)) value = mv;
    else if (base !== undefined && jsonEqual(mv, bv)) value = lv;
    else {
      value = newer ? lv : mv;
      if (!NOT_RECORDED.has(key) && !united.includes(key)) {
        losses.push({
          field: key,
          value: lossValue(newer ? mv : lv),
          lostAt: newer ? master.updatedAt : local.updatedAt,
          keptAt: newer ? local.updatedAt : master.updatedAt,
        });
      }
    }
    if (value !== undefined) out[key] = value;
  }
  out.updatedAt = newer ? local.updatedAt : master.updatedAt;
  const history = mergeHistories(master.mergeHistory, local.mergeHistory, losses);
  // No history yet stays no field: a document that never lost anything keeps its shape.
  if (history.length > 0) out.mergeHistory = history;
  return out as unknown as WithDeleted<T>;
}

function byInstantThen<T>(at: (x: T) => string, tie: (x: T) => string) {
  return (a: T, b: T): number =>
    instantMs(at(a)) - instantMs(at(b)) || (tie(a) < tie(b) ? -1 : tie(a) > tie(b) ? 1 : 0);
}

/** Union of timeline events by id (an event id names one immutable event), in time order. */
export function mergeTimelines(...timelines: TimelineEvent[][]): TimelineEvent[] {
  const byId = new Map<string, TimelineEvent>();
  for (const timeline of timelines) {
    for (const event of timeline) if (!byId.has(event.id)) byId.set(event.id, event);
  }
  return [...byId.values()].sort(
    byInstantThen(
      (e) => e.at,
      (e) => e.id,
    ),
  );
}

function mergeLevelHistories(...histories: LevelChange[][]): LevelChange[] {
  const byKey = new Map<string, LevelChange>();
  for (const history of histories) {
    for (const change of history) {
      const key = `${instantMs(change.at)}|${change.level}|${change.reason}`;
      if (!byKey.has(key)) byKey.set(key, change);
    }
  }
  return [...byKey.values()].sort(
    byInstantThen(
      (c) => c.at,
      (c) => c.level,
    ),
  );
}

/**
 * Pauses are keyed by their start instant. When one side has ended a pause the other still
 * sees open, the ended version wins: a resume is an event that happened.
 */
function mergePauses(...lists: PauseInterval[][]): PauseInterval[] {
  const byStart = new Map<number, PauseInterval>();
  for (const list of lists) {
    for (const pause of list) {
      const key = instantMs(pause.start);
      const seen = byStart.get(key);
      if (seen === undefined) byStart.set(key, pause);
      else if (seen.end === undefined && pause.end !== undefined) {
        byStart.set(key, { ...seen, end: pause.end, note: seen.note ?? pause.note });
      }
    }
  }
  return [...byStart.values()].sort(
    byInstantThen(
      (p) => p.start,
      (p) => p.reason,
    ),
  );
}

/** Incidents: fields three-way, append-only lists united. */
export function mergeIncidents(
  input: RxConflictHandlerInput<IncidentDoc>,
): WithDeleted<IncidentDoc> {
  const merged = mergeDocuments(input, ['timeline', 'levelHistory', 'pauses']);
  const { realMasterState: master, newDocumentState: local } = input;
  merged.timeline = mergeTimelines(master.timeline, local.timeline);
  merged.levelHistory = mergeLevelHistories(master.levelHistory, local.levelHistory);
  merged.pauses = mergePauses(master.pauses, local.pauses);
  // A pause that ended on either side ends the paused status too, unless the merged incident
  // was closed meanwhile.
  if (merged.status === 'paused' && merged.pauses.every((p) => p.end !== undefined)) {
    merged.status = 'open';
  }
  return merged;
}

/** The state of a deliverable as a history entry (its own history is not nested). */
export function historyEntryOf(
  doc: DeliverableDoc,
  reason: DeliverableHistoryEntry['reason'],
  at: string,
): DeliverableHistoryEntry {
  const entry: DeliverableHistoryEntry = {
    at,
    reason,
    revision: doc.documentRevision,
    status: doc.status,
    lang: doc.lang,
    signatures: doc.signatures,
    snapshot: doc.snapshot,
  };
  if (doc.pdf !== undefined) entry.pdf = doc.pdf;
  if (doc.sha256 !== undefined) entry.sha256 = doc.sha256;
  if (doc.signer !== undefined) entry.signer = doc.signer;
  if (doc.signedAt !== undefined) entry.signedAt = doc.signedAt;
  return entry;
}

function historyKey(e: DeliverableHistoryEntry): string {
  return `${instantMs(e.at)}|${e.reason}|${e.revision}|${e.status}|${e.sha256 ?? ''}|${e.pdf?.sha256 ?? ''}`;
}

/** Union of history entries (an entry is identified by its time, reason and content hash). */
function mergeDeliverableHistories(
  ...lists: DeliverableHistoryEntry[][]
): DeliverableHistoryEntry[] {
  const byKey = new Map<string, DeliverableHistoryEntry>();
  for (const list of lists)
    for (const e of list) if (!byKey.has(historyKey(e))) byKey.set(historyKey(e), e);
  return [...byKey.values()].sort(byInstantThen((e) => e.at, historyKey));
}

/**
 * Deliverables: one side's whole state wins, the other goes to the winner's history.
 *
 * 1. A signed master wins over any local state (an edit, another signature, a deletion).
 * 2. A signed local copy wins over an unsigned master (the laptop signed before the master saw
 *    it; a deletion on the master does not remove a signature made meanwhile).
 * 3. Two drafts: the later `updatedAt` wins, ties go to the master.
 *
 * The losing state, when it differs in content, becomes a `conflict` history entry stamped with
 * its own `updatedAt`, so every laptop computes the same result; histories are united. Sync
 * fields the server sets (`syncedAt`) are kept from whichever side has them.
 */
export function mergeDeliverables(
  input: RxConflictHandlerInput<DeliverableDoc>,
): WithDeleted<DeliverableDoc> {
  const { realMasterState: master, newDocumentState: local } = input;
  const masterSigned = master.status === 'signed' && master._deleted !== true;
  const localSigned = local.status === 'signed' && local._deleted !== true;
  let winner: WithDeleted<DeliverableDoc>;
  let loser: WithDeleted<DeliverableDoc>;
  if (masterSigned) [winner, loser] = [master, local];
  else if (localSigned) [winner, loser] = [local, master];
  else if (localIsNewer(master, local)) [winner, loser] = [local, master];
  else [winner, loser] = [master, local];

  const history = [winner.history ?? [], loser.history ?? []];
  const sameContent =
    loser._deleted === true ||
    (winner.status === loser.status &&
      winner.documentRevision === loser.documentRevision &&
      winner.lang === loser.lang &&
      winner.sha256 === loser.sha256 &&
      winner.pdf?.sha256 === loser.pdf?.sha256 &&
      jsonEqual(winner.signatures, loser.signatures) &&
      jsonEqual(winner.snapshot, loser.snapshot));
  if (!sameContent) history.push([historyEntryOf(loser, 'conflict', loser.updatedAt)]);

  const merged = {
    ...winner,
    history: mergeDeliverableHistories(...history),
  } as WithDeleted<DeliverableDoc>;
  const syncedAt = winner.syncedAt ?? loser.syncedAt;
  if (syncedAt !== undefined && winner.status === 'signed') merged.syncedAt = syncedAt;
  // Storage metadata of the winning side must not leak into the resolved document.
  for (const key of Object.keys(merged)) {
    if (!isDocumentField(key)) delete (merged as unknown as JsonRecord)[key];
  }
  return merged;
}

export interface IncidentConflictOptions {
  /**
   * Recomputes derived fields (the response `dueAt`) after a merge changed the clock inputs.
   * It needs the site's zone and calendar, which the handler does not have.
   */
  recompute?: (merged: WithDeleted<IncidentDoc>) => Promise<WithDeleted<IncidentDoc>>;
}

function handler<T extends BaseDoc>(
  merge: (input: RxConflictHandlerInput<T>) => Promise<WithDeleted<T>> | WithDeleted<T>,
): RxConflictHandler<T> {
  return {
    isEqual: (a, b) => documentsEqual(a, b),
    resolve: async (input) => merge(input),
  };
}

export function createIncidentConflictHandler(
  options: IncidentConflictOptions = {},
): RxConflictHandler<IncidentDoc> {
  return handler<IncidentDoc>(async (input) => {
    const merged = mergeIncidents(input);
    const clockChanged =
      !jsonEqual(merged.pauses, input.realMasterState.pauses) ||
      merged.level !== input.realMasterState.level;
    return options.recompute !== undefined && clockChanged ? options.recompute(merged) : merged;
  });
}

export function createConflictHandlers(options: IncidentConflictOptions = {}): {
  [K in CollectionName]: RxConflictHandler<DocByCollection[K]>;
} {
  return {
    customers: handler(mergeDocuments),
    sites: handler(mergeDocuments),
    clusters: handler(mergeDocuments),
    contracts: handler(mergeDocuments),
    visits: handler(mergeDocuments),
    visitLogEntries: handler(mergeDocuments),
    incidents: createIncidentConflictHandler(options),
    inspections: handler(mergeInspections),
    deliverables: handler(mergeDeliverables),
    procedureRuns: handler(mergeProcedureRuns),
    opsRecords: handler(mergeOpsRecords),
    plans: handler(mergePlans),
  };
}

export const CONFLICT_HANDLERS = createConflictHandlers();

/**
 * Collections whose handler rules on a deletion itself instead of merging `_deleted` as a field:
 * a deliverable's whole state wins (a signature survives a deletion, two drafts go to the later
 * `updatedAt`). Every other handler runs `mergeDocuments`, where a deletion made since the common
 * state stands against edits of other fields (nothing in the app un-deletes). A workspace import,
 * which has no common state, needs to know which rule applies (workspace-transfer.ts).
 */
export const HANDLER_DECIDES_DELETION: ReadonlySet<CollectionName> = new Set(['deliverables']);
