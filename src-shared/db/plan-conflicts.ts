/**
 * Conflict merge of plans. A plan is written by several people at once (the engineer fills the
 * machines while a colleague enters the networks the customer's network team sent), so:
 *
 * - every top-level field merges three-way as in `mergeDocuments` (NTP servers edited on one
 *   laptop, the pod CIDR on the other: both kept);
 * - the row tables (`machines`, `networks`, `vips`) merge per row, rows identified by `rowId`:
 *   a row only one side changed since the assumed master state takes that side's version, rows
 *   added on either side are kept, a row deleted on one side and untouched on the other goes;
 * - a row both sides changed differently takes the version of the side with the later
 *   `updatedAt` (ties to the master), and the losing row goes to `mergeHistory` as
 *   `machines/<rowId>` with the row as JSON, like every other lost value; a row edited on one
 *   side and deleted on the other is kept (the deletion is recorded as lost, value `null`).
 */
import type { RxConflictHandlerInput, WithDeleted } from 'rxdb';
import { jsonEqual, mergeDocuments, mergeHistories } from './conflicts';
import type { MergeLoss, PlanDoc } from './types';
import { MERGE_LOSS_VALUE_MAX } from './types';

export const PLAN_ROW_TABLES = ['machines', 'networks', 'vips'] as const;
type RowTable = (typeof PLAN_ROW_TABLES)[number];
type Row = { rowId: string };

function ms(value: string | undefined): number {
  const t = value === undefined ? NaN : Date.parse(value);
  return Number.isNaN(t) ? -Infinity : t;
}

function lossValue(value: unknown): string {
  const text = value === undefined ? 'null' : JSON.stringify(value);
  return text.length <= MERGE_LOSS_VALUE_MAX ? text : `${text.slice(0, MERGE_LOSS_VALUE_MAX - 1)}…`;
}

/**
 * Three-way merge of one row table. Order: the master's rows in its order, then rows only the
 * local side added, in the local order.
 */
export function mergePlanRows<R extends Row>(
  table: string,
  master: readonly R[],
  local: readonly R[],
  assumed: readonly R[] | undefined,
  localNewer: boolean,
  times: { master: string; local: string },
): { rows: R[]; losses: MergeLoss[] } {
  const localById = new Map(local.map((r) => [r.rowId, r]));
  const masterById = new Map(master.map((r) => [r.rowId, r]));
  const baseById = assumed === undefined ? undefined : new Map(assumed.map((r) => [r.rowId, r]));
  const rows: R[] = [];
  const losses: MergeLoss[] = [];
  const lose = (rowId: string, value: unknown, localLost: boolean) =>
    losses.push({
      field: `${table}/${rowId}`,
      value: lossValue(value),
      lostAt: localLost ? times.local : times.master,
      keptAt: localLost ? times.master : times.local,
    });
  for (const m of master) {
    const l = localById.get(m.rowId);
    const base = baseById?.get(m.rowId);
    if (l === undefined) {
      // Deleted locally (it was in the base), or added on the master meanwhile.
      if (base === undefined || !baseById) rows.push(m);
      else if (!jsonEqual(m, base)) {
        rows.push(m);
        lose(m.rowId, null, true);
      }
      continue;
    }
    if (jsonEqual(m, l) || (base !== undefined && jsonEqual(l, base))) rows.push(m);
    else if (base !== undefined && jsonEqual(m, base)) rows.push(l);
    else {
      rows.push(localNewer ? l : m);
      lose(m.rowId, localNewer ? m : l, !localNewer);
    }
  }
  for (const l of local) {
    if (masterById.has(l.rowId)) continue;
    const base = baseById?.get(l.rowId);
    if (base === undefined) rows.push(l);
    else if (!jsonEqual(l, base)) {
      // Deleted on the master, edited here: the edit is kept, the deletion recorded.
      rows.push(l);
      lose(l.rowId, null, false);
    }
  }
  return { rows, losses };
}

export function mergePlans(input: RxConflictHandlerInput<PlanDoc>): WithDeleted<PlanDoc> {
  const merged = mergeDocuments(input, PLAN_ROW_TABLES);
  const { assumedMasterState: assumed, realMasterState: master, newDocumentState: local } = input;
  const localNewer = ms(local.updatedAt) > ms(master.updatedAt);
  const times = { master: master.updatedAt, local: local.updatedAt };
  const losses: MergeLoss[] = [];
  for (const table of PLAN_ROW_TABLES as readonly RowTable[]) {
    const result = mergePlanRows<Row>(
      table,
      master[table] ?? [],
      local[table] ?? [],
      assumed === undefined ? undefined : (assumed[table] ?? []),
      localNewer,
      times,
    );
    (merged as unknown as Record<string, unknown>)[table] = result.rows;
    losses.push(...result.losses);
  }
  // A plan marked ready on one side but changed on the other is no longer known to be ready:
  // the editor revalidates and the engineer marks it again.
  if (losses.length > 0 && merged.status === 'ready') {
    merged.status = 'draft';
  }
  const history = mergeHistories(merged.mergeHistory, losses);
  if (history.length > 0) merged.mergeHistory = history;
  return merged;
}
