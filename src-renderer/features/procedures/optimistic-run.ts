/**
 * The run screen shows an action at once (issue 9: step completion to screen update p95 < 50 ms
 * on a 300-step run), from the same pure operation the save applies, before the save's clone
 * and structured copy of the whole run. These decide what is on screen and what is written.
 */
import type { ProcedureEvent, ProcedureRunDoc } from '../../../src-shared/db/types';

/** An action shown before its save: the stored run it was made from and the result. */
export interface OptimisticRun {
  base: ProcedureRunDoc;
  next: ProcedureRunDoc;
  /** The stored run that came back holding exactly `next`'s events, once it has. */
  confirmed?: ProcedureRunDoc;
}

/** Whether two logs hold the same events (an event id names one immutable event). */
export function sameEvents(a: readonly ProcedureEvent[], b: readonly ProcedureEvent[]): boolean {
  return a.length === b.length && a.every((e, i) => e.id === b[i]!.id);
}

/**
 * The run to show: the action's result while its save is under way (the stored run is still
 * its base), and also once the save came back with it (so the screen does not render the same
 * run twice); any other stored state — a sync's merge, a later edit, a failed save's base after
 * the entry is dropped — is shown as stored.
 */
export function shownRun(
  stored: ProcedureRunDoc,
  optimistic: OptimisticRun | null,
): ProcedureRunDoc {
  if (optimistic === null) return stored;
  if (optimistic.base === stored || optimistic.confirmed === stored) return optimistic.next;
  if (optimistic.confirmed === undefined && sameEvents(stored.events, optimistic.next.events)) {
    optimistic.confirmed = stored;
    return optimistic.next;
  }
  return stored;
}

/**
 * What the save writes over `current`, the run in the database: the shown result when the
 * database still holds the run it was made from (same events), otherwise `op` applied again to
 * the newer run a sync has merged meanwhile (which may refuse it, with the user's error).
 */
export function runToSave(
  current: ProcedureRunDoc,
  entry: OptimisticRun,
  op: (doc: ProcedureRunDoc) => ProcedureRunDoc,
): ProcedureRunDoc {
  return sameEvents(current.events, entry.base.events)
    ? { ...current, updatedAt: entry.next.updatedAt, events: entry.next.events }
    : op(current);
}
