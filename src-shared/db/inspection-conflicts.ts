/**
 * Conflict merge of inspections. Two laptops often answer the same inspection (one engineer
 * on the management nodes, another on the compute nodes), so the merge works per check, not
 * per document:
 *
 * - answers are keyed by their check (`key`), finding edits by finding id; an entry only one
 *   side changed since the assumed master state takes that side's version, so laptops
 *   answering different checks both keep theirs;
 * - an entry both sides changed differently takes the version with the later `updatedAt` of
 *   that entry (compared as instants; ties go to the master, so every laptop resolves the same
 *   way), and the losing version is appended to the document's `history` — never dropped;
 * - the overall evaluation text follows the document rule of `mergeDocuments` (later
 *   `updatedAt` of the document wins), with the losing text in `history` too;
 * - `history` is the union of both sides; `engineers` the union of both lists;
 * - every other field merges three-way as in `mergeDocuments`.
 */
import type { RxConflictHandlerInput, WithDeleted } from 'rxdb';
import type {
  InspectionAnswer,
  InspectionDoc,
  InspectionFindingEdit,
  InspectionHistoryEntry,
} from './types';
import { jsonEqual, mergeDocuments } from './conflicts';

function ms(value: string | undefined): number {
  const t = value === undefined ? NaN : Date.parse(value);
  return Number.isNaN(t) ? -Infinity : t;
}

interface Keyed {
  updatedAt: string;
  by?: string;
}

interface KeyedMerge<T> {
  merged: T[];
  losers: InspectionHistoryEntry[];
}

/**
 * Merges two lists of entries identified by `keyOf`, three-way against `assumed` (may be
 * missing). Order: the master's entries in its order, then the entries only the local side has.
 */
export function mergeKeyedEntries<T extends Keyed>(
  master: readonly T[],
  local: readonly T[],
  assumed: readonly T[] | undefined,
  keyOf: (entry: T) => string,
  target: (key: string) => string,
): KeyedMerge<T> {
  const localByKey = new Map(local.map((e) => [keyOf(e), e]));
  const baseByKey = assumed === undefined ? undefined : new Map(assumed.map((e) => [keyOf(e), e]));
  const merged: T[] = [];
  const losers: InspectionHistoryEntry[] = [];
  const seen = new Set<string>();
  for (const m of master) {
    const key = keyOf(m);
    seen.add(key);
    const l = localByKey.get(key);
    if (l === undefined || jsonEqual(m, l)) {
      merged.push(m);
      continue;
    }
    const base = baseByKey?.get(key);
    if (base !== undefined && jsonEqual(l, base)) {
      merged.push(m);
      continue;
    }
    if (base !== undefined && jsonEqual(m, base)) {
      merged.push(l);
      continue;
    }
    // Both changed the entry (or there is no common base): the later edit wins.
    const localWins = ms(l.updatedAt) > ms(m.updatedAt);
    const [winner, loser] = localWins ? [l, m] : [m, l];
    merged.push(winner);
    losers.push(historyEntry(target(key), loser, winner.updatedAt));
  }
  for (const l of local) if (!seen.has(keyOf(l))) merged.push(l);
  return { merged, losers };
}

function historyEntry(target: string, loser: Keyed, supersededAt: string): InspectionHistoryEntry {
  return {
    target,
    at: loser.updatedAt,
    ...(loser.by !== undefined ? { by: loser.by } : {}),
    value: JSON.stringify(loser),
    supersededAt,
  };
}

function historyId(h: InspectionHistoryEntry): string {
  return `${h.target}\u0000${h.at}\u0000${h.value}`;
}

/** Union of history lists (an entry recorded on both sides appears once), in time order. */
export function mergeHistories(
  ...lists: readonly InspectionHistoryEntry[][]
): InspectionHistoryEntry[] {
  const byId = new Map<string, InspectionHistoryEntry>();
  for (const list of lists)
    for (const h of list) if (!byId.has(historyId(h))) byId.set(historyId(h), h);
  return [...byId.values()].sort(
    (a, b) =>
      ms(a.at) - ms(b.at) ||
      (historyId(a) < historyId(b) ? -1 : historyId(a) > historyId(b) ? 1 : 0),
  );
}

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])];
}

export function mergeInspections(
  input: RxConflictHandlerInput<InspectionDoc>,
): WithDeleted<InspectionDoc> {
  // Fields merged below by their own rules: not recorded as lost by the document-level merge
  // (their losers go into the inspection's own history instead).
  const merged = mergeDocuments(input, [
    'answers',
    'findingEdits',
    'history',
    'overallEvaluation',
    'engineers',
  ]);
  const { assumedMasterState: assumed, realMasterState: master, newDocumentState: local } = input;
  const answers = mergeKeyedEntries<InspectionAnswer>(
    master.answers,
    local.answers,
    assumed?.answers,
    (a) => a.key,
    (k) => `answer:${k}`,
  );
  const edits = mergeKeyedEntries<InspectionFindingEdit>(
    master.findingEdits,
    local.findingEdits,
    assumed?.findingEdits,
    (f) => f.id,
    (k) => `finding:${k}`,
  );
  const losers = [...answers.losers, ...edits.losers];
  const bothChangedText =
    master.overallEvaluation !== local.overallEvaluation &&
    (assumed === undefined ||
      (assumed.overallEvaluation !== master.overallEvaluation &&
        assumed.overallEvaluation !== local.overallEvaluation));
  if (bothChangedText) {
    const localWon = merged.overallEvaluation === local.overallEvaluation;
    const loser = localWon ? master : local;
    const winner = localWon ? local : master;
    losers.push({
      target: 'overallEvaluation',
      at: loser.updatedAt,
      value: JSON.stringify(loser.overallEvaluation),
      supersededAt: winner.updatedAt,
    });
  }
  merged.answers = answers.merged;
  merged.findingEdits = edits.merged;
  merged.history = mergeHistories(master.history, local.history, losers);
  merged.engineers = union(master.engineers, local.engineers);
  return merged;
}
