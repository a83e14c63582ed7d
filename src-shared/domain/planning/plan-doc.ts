/**
 * Between the interchange format (`Plan`, what the CLI, the spreadsheet and the planning document
 * read) and the stored `plans` document (the plan's fields at the top level, rows with a
 * `rowId` for the per-row sync merge, unknown top-level fields under `extra`).
 */
import type { PlanDoc } from '../../db/types';
import type { Plan } from './plan';

/** Fields of a `PlanDoc` that are the plan's (everything but the document's own fields). */
export type PlanDocFields = Omit<
  PlanDoc,
  | 'id'
  | 'customerId'
  | 'clusterId'
  | 'createdAt'
  | 'updatedAt'
  | 'mergeHistory'
  | 'status'
  | 'readyAt'
>;

const DOC_ONLY = new Set([
  'id',
  'customerId',
  'clusterId',
  'createdAt',
  'updatedAt',
  'mergeHistory',
  'status',
  'readyAt',
  'extra',
  '_deleted',
  '_rev',
  '_meta',
  '_attachments',
]);

/** Plan fields the stored document keeps at its top level (plans.ts); others go to `extra`. */
const PLAN_FIELDS = new Set([
  'product',
  'version',
  'profile',
  'networks',
  'podCidr',
  'serviceCidr',
  'nodeCidrPrefix',
  'vips',
  'machines',
  'ntpServers',
  'dnsServers',
  'os',
  'dependencies',
  'requirements',
  'acceptedWarnings',
]);

function stripRowId<T extends object>(row: T): Omit<T, 'rowId'> {
  const { rowId: _rowId, ...rest } = row as T & { rowId?: string };
  return rest;
}

/** The plan of a stored document, in the interchange format (no `rowId`, `extra` spread back). */
export function planOfDoc(doc: PlanDoc): Plan {
  const record = doc as unknown as Record<string, unknown>;
  const plan: Record<string, unknown> = { ...(doc.extra ?? {}) };
  for (const [key, value] of Object.entries(record)) {
    if (DOC_ONLY.has(key) || value === undefined) continue;
    plan[key] = value;
  }
  plan.networks = doc.networks.map(stripRowId);
  plan.vips = doc.vips.map(stripRowId);
  plan.machines = doc.machines.map(stripRowId);
  return structuredClone(plan) as Plan;
}

/**
 * The document fields of `plan`. Rows keep the `rowId` of `previous` at the same position when
 * there is one (an import over an existing plan), otherwise get `newRowId()`.
 */
export function planDocFields(
  plan: Plan,
  newRowId: () => string,
  previous?: Pick<PlanDoc, 'machines' | 'networks' | 'vips'>,
): PlanDocFields {
  const source = structuredClone(plan) as Record<string, unknown>;
  const fields: Record<string, unknown> = {};
  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source)) {
    if (value === undefined) continue;
    if (PLAN_FIELDS.has(key)) fields[key] = value;
    else if (!DOC_ONLY.has(key)) extra[key] = value;
  }
  const withIds = <R extends object>(rows: R[], before: { rowId: string }[] | undefined) =>
    rows.map((r, i) => ({ ...stripRowId(r), rowId: before?.[i]?.rowId ?? newRowId() }));
  fields.networks = withIds(plan.networks, previous?.networks);
  fields.vips = withIds(plan.vips, previous?.vips);
  fields.machines = withIds(plan.machines, previous?.machines);
  if (Object.keys(extra).length > 0) fields.extra = extra;
  return fields as unknown as PlanDocFields;
}

/** An empty production plan for `product`/`version` (the editor's starting point). */
export function emptyPlan(product: string, version: string): Plan {
  return {
    product,
    version,
    profile: 'production',
    networks: [],
    podCidr: '',
    serviceCidr: '',
    vips: [],
    machines: [],
    ntpServers: [],
    dnsServers: [],
  };
}
