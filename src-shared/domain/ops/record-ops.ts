/**
 * Operations on ops records (the ops lists, records.ts): create and edit, pure functions of the
 * document and `at`. Each kind checks its own fields and states; every edit appends an entry to
 * `history` with the previous values, so nothing an engineer wrote is lost.
 */
import type { IsoInstant, OpsRecordDoc, OpsRecordEdit } from '../../db/types';
import { jsonEqual } from '../../db/conflicts';
import { InputError } from '../errors';
import { newId } from '../ids';
import type { OpsFieldsByKind, OpsLink, OpsRecordKind } from './records';
import {
  OPS_FINAL_STATES,
  OPS_NUMBER_PREFIX,
  OPS_RECORD_KINDS,
  OPS_RECORD_STATES,
} from './records';

export interface OpsRecordInput<K extends OpsRecordKind = OpsRecordKind> {
  kind: K;
  customerId: string;
  siteId?: string;
  contractId?: string;
  title: string;
  description?: string;
  state?: string;
  owner?: string;
  openedAt?: IsoInstant;
  links?: OpsLink[];
  fields: OpsFieldsByKind[K];
}

function requireKind(kind: string): asserts kind is OpsRecordKind {
  if (!(OPS_RECORD_KINDS as readonly string[]).includes(kind)) {
    throw new InputError(
      `kind: "${kind}" is not an ops record kind (${OPS_RECORD_KINDS.join(', ')})`,
      'kind',
    );
  }
}

function requireState(kind: OpsRecordKind, state: string): void {
  const states = OPS_RECORD_STATES[kind] as readonly string[];
  if (!states.includes(state)) {
    throw new InputError(
      `state: "${state}" is not a state of ${kind} (${states.join(', ')})`,
      'state',
      {
        code: 'opsBadState',
        params: { state, kind },
      },
    );
  }
}

function requireFields(kind: OpsRecordKind, f: Record<string, unknown>): void {
  const text = (k: string) => {
    if (typeof f[k] !== 'string' || f[k].trim() === '') {
      throw new InputError(`${kind}.${k}: required`, `${kind}.${k}`, {
        code: 'required',
        params: {},
      });
    }
  };
  if (kind === 'issue') text('severity');
  if (kind === 'event') {
    text('alertSource');
    text('at');
  }
  if (kind === 'risk') {
    for (const k of ['likelihood', 'impact']) {
      const v = f[k];
      if (!Number.isInteger(v) || (v as number) < 1 || (v as number) > 5) {
        throw new InputError(`risk.${k}: an integer 1–5, got ${String(v)}`, `risk.${k}`);
      }
    }
    text('mitigation');
  }
  if (kind === 'change') {
    text('rollbackPlan');
    const s = f.windowStart;
    const e = f.windowEnd;
    if (typeof s === 'string' && typeof e === 'string' && Date.parse(e) <= Date.parse(s)) {
      throw new InputError('change.windowEnd: must be after the window start', 'change.windowEnd');
    }
  }
  if (kind === 'backup') {
    text('object');
    text('strategy');
  }
}

/** The next running number of `kind` among `existing` (e.g. `CHG-0008`). */
export function nextOpsNumber(
  kind: OpsRecordKind,
  existing: readonly Pick<OpsRecordDoc, 'kind' | 'number'>[],
): string {
  const prefix = OPS_NUMBER_PREFIX[kind];
  let max = 0;
  for (const r of existing) {
    if (r.kind !== kind) continue;
    const m = new RegExp(`^${prefix}-(\\d+)$`).exec(r.number);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return `${prefix}-${String(max + 1).padStart(4, '0')}`;
}

export function createOpsRecord(
  input: OpsRecordInput,
  at: IsoInstant,
  number: string,
  options: { id?: string } = {},
): OpsRecordDoc {
  requireKind(input.kind);
  const title = input.title.trim();
  if (title === '')
    throw new InputError('title: required', 'title', { code: 'required', params: {} });
  const state = input.state ?? OPS_RECORD_STATES[input.kind][0];
  requireState(input.kind, state);
  requireFields(input.kind, input.fields as unknown as Record<string, unknown>);
  return {
    id: options.id ?? newId(),
    customerId: input.customerId,
    createdAt: at,
    updatedAt: at,
    kind: input.kind,
    number,
    ...(input.siteId ? { siteId: input.siteId } : {}),
    ...(input.contractId ? { contractId: input.contractId } : {}),
    title,
    description: input.description ?? '',
    state,
    ...(input.owner ? { owner: input.owner } : {}),
    openedAt: input.openedAt ?? at,
    ...(OPS_FINAL_STATES.has(state) ? { closedAt: at } : {}),
    links: input.links ?? [],
    [input.kind]: structuredClone(input.fields),
    history: [],
  };
}

export interface OpsRecordPatch {
  title?: string;
  description?: string;
  state?: string;
  owner?: string;
  links?: OpsLink[];
  /** Fields of the record's kind to change (the others keep their values). */
  fields?: Record<string, unknown>;
}

/**
 * Applies `patch`, records the previous values in `history` (one entry per edit) and reaches
 * `closedAt` when the state becomes final. An edit that changes nothing returns the record.
 */
export function editOpsRecord(
  record: OpsRecordDoc,
  patch: OpsRecordPatch,
  at: IsoInstant,
  by: string,
  options: { editId?: string } = {},
): OpsRecordDoc {
  const next = structuredClone(record) as OpsRecordDoc & Record<string, unknown>;
  const changes: OpsRecordEdit['changes'] = [];
  const set = (field: string, before: unknown, apply: () => void, after: unknown) => {
    if (jsonEqual(before, after)) return;
    changes.push({ field, before: JSON.stringify(before ?? null) });
    apply();
  };
  if (patch.title !== undefined) {
    const t = patch.title.trim();
    if (t === '')
      throw new InputError('title: required', 'title', { code: 'required', params: {} });
    set('title', record.title, () => (next.title = t), t);
  }
  if (patch.description !== undefined)
    set(
      'description',
      record.description,
      () => (next.description = patch.description!),
      patch.description,
    );
  if (patch.owner !== undefined)
    set('owner', record.owner, () => (next.owner = patch.owner!), patch.owner);
  if (patch.links !== undefined)
    set('links', record.links, () => (next.links = patch.links!), patch.links);
  if (patch.state !== undefined) {
    requireState(record.kind, patch.state);
    set('state', record.state, () => (next.state = patch.state!), patch.state);
    if (OPS_FINAL_STATES.has(patch.state) && !record.closedAt) next.closedAt = at;
    if (!OPS_FINAL_STATES.has(patch.state)) delete next.closedAt;
  }
  if (patch.fields !== undefined) {
    const own = {
      ...((record as unknown as Record<string, Record<string, unknown>>)[record.kind] ?? {}),
    };
    for (const [k, v] of Object.entries(patch.fields)) {
      set(
        `${record.kind}.${k}`,
        own[k],
        () => (v === undefined || v === '' ? delete own[k] : (own[k] = v)),
        v === '' ? undefined : v,
      );
    }
    requireFields(record.kind, own);
    (next as Record<string, unknown>)[record.kind] = own;
  }
  if (changes.length === 0) return record;
  next.history = [...record.history, { id: options.editId ?? newId(), at, by, changes }];
  next.updatedAt = at;
  return next;
}

/** Likelihood and impact a finding's risk level starts at (the engineer adjusts them). */
const FINDING_SCORES: Record<string, { likelihood: number; impact: number }> = {
  critical: { likelihood: 4, impact: 5 },
  high: { likelihood: 3, impact: 4 },
  medium: { likelihood: 3, impact: 3 },
  low: { likelihood: 2, impact: 2 },
};

/** `<inspectionId>/<clusterId>/<itemId>`: the finding a risk record came from. */
export function findingRefOf(inspectionId: string, clusterId: string, itemId: string): string {
  return `${inspectionId}/${clusterId}/${itemId}`;
}

/**
 * A risk record (风险清单) made from an inspection finding: its title and recommendation in the
 * chosen language, a score from its risk level, the finding's reference and a link to the
 * inspection, so the risk list keeps pointing at what it came from.
 */
export function riskInputFromFinding(
  finding: {
    clusterId: string;
    itemId: string;
    risk: string;
    title: { zh: string; en: string };
    recommendation: { zh: string; en: string };
    nodes: readonly string[];
  },
  inspectionId: string,
  customerId: string,
  lang: 'zh' | 'en',
): OpsRecordInput<'risk'> {
  const scores = FINDING_SCORES[finding.risk] ?? { likelihood: 3, impact: 3 };
  const nodes = finding.nodes.length > 0 ? ` (${finding.nodes.join(', ')})` : '';
  return {
    kind: 'risk',
    customerId,
    title: `${finding.title[lang]}${nodes}`.slice(0, 300),
    description: '',
    links: [{ relation: 'from-finding', target: 'inspection', id: inspectionId }],
    fields: {
      ...scores,
      mitigation: finding.recommendation[lang].trim() || finding.title[lang],
      source: 'inspection-finding',
      findingRef: findingRefOf(inspectionId, finding.clusterId, finding.itemId),
    },
  };
}
