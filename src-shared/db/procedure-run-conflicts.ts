/**
 * Conflict merge of procedure runs. Two engineers often work one run offline (one on the
 * control plane, one on the workers); the run is an append-only log, so the merge is the union
 * of both sides' events by id, in (instant, id) order — no event is ever dropped, and the state
 * both laptops derive from the union is the same. Every other field merges three-way as in
 * `mergeDocuments` (they are set at the start and rarely change).
 */
import type { RxConflictHandlerInput, WithDeleted } from 'rxdb';
import { mergeDocuments } from './conflicts';
import type { ProcedureEvent, ProcedureRunDoc } from './types';

function ms(at: string): number {
  const t = Date.parse(at);
  return Number.isNaN(t) ? -Infinity : t;
}

/** Union by event id (an id names one immutable event), in (instant, id) order. */
export function unionEvents(...lists: readonly ProcedureEvent[][]): ProcedureEvent[] {
  const byId = new Map<string, ProcedureEvent>();
  for (const list of lists) for (const e of list) if (!byId.has(e.id)) byId.set(e.id, e);
  return [...byId.values()].sort(
    (a, b) => ms(a.at) - ms(b.at) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

export function mergeProcedureRuns(
  input: RxConflictHandlerInput<ProcedureRunDoc>,
): WithDeleted<ProcedureRunDoc> {
  const merged = mergeDocuments(input, ['events']);
  merged.events = unionEvents(input.realMasterState.events, input.newDocumentState.events);
  return merged;
}
