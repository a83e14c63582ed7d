/**
 * Merge of two states of an ops record (issue, event, risk, change, backup, requirement). Like
 * every document, top-level fields merge three-way (conflicts.ts); in addition the kind's own
 * fields (the sub-object named after the kind: `change.approval`, `change.result`, …) merge one
 * by one, so two laptops editing different fields of one change record both keep their edit.
 * A field both changed takes the later `updatedAt`; the loser is kept in `mergeHistory` under
 * `<kind>.<field>`. The edit `history` is append-only: united by id, in time order.
 */
import type { RxConflictHandlerInput, WithDeleted } from 'rxdb';
import { mergeDocuments, mergeHistories } from './conflicts';
import type { BaseDoc, OpsRecordDoc, OpsRecordEdit } from './types';

type Sub = Record<string, unknown>;

function subDoc(
  doc: OpsRecordDoc | undefined,
  kind: string,
  updatedAt: string,
): (BaseDoc & Sub) | undefined {
  if (doc === undefined) return undefined;
  const sub = (doc as unknown as Record<string, Sub | undefined>)[kind] ?? {};
  return { ...sub, id: doc.id, customerId: doc.customerId, createdAt: doc.createdAt, updatedAt };
}

export function mergeOpsEditHistories(...histories: OpsRecordEdit[][]): OpsRecordEdit[] {
  const byId = new Map<string, OpsRecordEdit>();
  for (const h of histories) for (const e of h ?? []) if (!byId.has(e.id)) byId.set(e.id, e);
  return [...byId.values()].sort(
    (a, b) => Date.parse(a.at) - Date.parse(b.at) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

export function mergeOpsRecords(
  input: RxConflictHandlerInput<OpsRecordDoc>,
): WithDeleted<OpsRecordDoc> {
  const { assumedMasterState: assumed, realMasterState: master, newDocumentState: local } = input;
  const kind = master.kind;
  const merged = mergeDocuments(input, ['history', kind]);
  merged.history = mergeOpsEditHistories(master.history, local.history);
  if (local.kind !== kind) return merged;
  const sub = mergeDocuments<BaseDoc & Sub>({
    assumedMasterState: subDoc(
      assumed,
      kind,
      assumed?.updatedAt ?? master.updatedAt,
    ) as WithDeleted<BaseDoc & Sub>,
    realMasterState: subDoc(master, kind, master.updatedAt) as WithDeleted<BaseDoc & Sub>,
    newDocumentState: subDoc(local, kind, local.updatedAt) as WithDeleted<BaseDoc & Sub>,
  });
  const {
    id: _i,
    customerId: _c,
    createdAt: _cr,
    updatedAt: _u,
    mergeHistory,
    ...fields
  } = sub as BaseDoc & Sub;
  (merged as unknown as Record<string, unknown>)[kind] = fields;
  const losses = (mergeHistory ?? []).map((l) => ({ ...l, field: `${kind}.${l.field}` }));
  const history = mergeHistories(merged.mergeHistory, losses);
  if (history.length > 0) merged.mergeHistory = history;
  return merged;
}
