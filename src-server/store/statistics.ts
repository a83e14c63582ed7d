import type { Store } from './types';

/**
 * Planner statistics for PGlite. PostgreSQL's autovacuum re-analyzes a table after about 10 % of
 * its rows changed; PGlite runs no background workers, so its statistics stay whatever the last
 * ANALYZE left — none at all on a fresh data folder — and the planner then misjudges every
 * query on `documents` (STACK-NOTES: a scoped pull sorted all remaining rows for each page).
 * This keeper does autovacuum's analyze part in-process: after writes, debounced, one at a time.
 *
 * The pull query does not depend on it (its shape cannot degrade, see services/replication.ts);
 * the statistics keep the other queries sane.
 */

/** Rows changed before a table is analyzed again: autovacuum's base threshold and scale factor. */
const ANALYZE_BASE_ROWS = 50;
const ANALYZE_SCALE = 0.1;
/** An ANALYZE waits for this much quiet after writes (a bulk upload is one burst)… */
const QUIET_MS = 1000;
/** …but no longer than this after the first unanalysed write. */
const MAX_DELAY_MS = 5000;

interface KeeperState {
  changed: number;
  /** Row estimate at the last ANALYZE; null until checked once. */
  rowsAtLastAnalyze: number | null;
  timer: ReturnType<typeof setTimeout> | null;
  firstPendingAt: number | null;
  running: Promise<void> | null;
}

const states = new WeakMap<Store, KeeperState>();

function stateOf(store: Store): KeeperState {
  let state = states.get(store);
  if (!state) {
    state = {
      changed: 0,
      rowsAtLastAnalyze: null,
      timer: null,
      firstPendingAt: null,
      running: null,
    };
    states.set(store, state);
  }
  return state;
}

async function analyze(store: Store, state: KeeperState): Promise<void> {
  if (state.running) return;
  const changedBefore = state.changed;
  state.running = (async () => {
    try {
      await store.exec('ANALYZE documents');
      const { rows } = await store.query<{ reltuples: number }>(
        "SELECT reltuples FROM pg_class WHERE relname = 'documents' AND relkind = 'r'",
      );
      state.rowsAtLastAnalyze = Math.max(0, Number(rows[0]?.reltuples ?? 0));
      state.changed = Math.max(0, state.changed - changedBefore);
    } catch {
      // The store was closed meanwhile, or is busy shutting down: the next write tries again.
    } finally {
      state.running = null;
    }
  })();
  await state.running;
}

function due(state: KeeperState): boolean {
  const base = state.rowsAtLastAnalyze ?? 0;
  return state.changed > ANALYZE_BASE_ROWS + ANALYZE_SCALE * base;
}

function schedule(store: Store, state: KeeperState): void {
  const now = Date.now();
  state.firstPendingAt ??= now;
  if (state.timer) clearTimeout(state.timer);
  const wait = Math.max(0, Math.min(QUIET_MS, state.firstPendingAt + MAX_DELAY_MS - now));
  state.timer = setTimeout(() => {
    state.timer = null;
    state.firstPendingAt = null;
    void analyze(store, state).then(() => {
      if (due(state)) schedule(store, state);
    });
  }, wait);
  // A pending ANALYZE never keeps a process alive.
  state.timer.unref?.();
}

/** Rows of `documents` written (inserted or updated) by a committed transaction. */
export function noteDocumentWrites(store: Store, rows: number): void {
  if (store.kind !== 'pglite' || rows <= 0) return;
  const state = stateOf(store);
  state.changed += rows;
  if (due(state)) schedule(store, state);
}

/**
 * Analyzes once if the table has never been analyzed (a data folder from before this keeper, or
 * one filled by other means). Cheap after the first call.
 */
export async function ensureStatistics(store: Store): Promise<void> {
  if (store.kind !== 'pglite') return;
  const state = stateOf(store);
  if (state.rowsAtLastAnalyze !== null || state.running) return;
  const { rows } = await store.query<{ reltuples: number }>(
    "SELECT reltuples FROM pg_class WHERE relname = 'documents' AND relkind = 'r'",
  );
  const reltuples = Number(rows[0]?.reltuples ?? -1);
  if (reltuples >= 0) {
    state.rowsAtLastAnalyze = reltuples;
    return;
  }
  await analyze(store, state);
}
