/**
 * The snapshot shared by the two procedure records (升级记录 upgrade record, 实施记录
 * implementation record): everything the record prints, taken from a run's derived state
 * (domain/procedures/derive.ts) and its events, so a signed record does not change when the run
 * or the template registry does. Each kind's module (reports/kinds/upgrade-record,
 * reports/kinds/implementation-record) fixes its `kind`, its number code and its texts.
 *
 * Outputs: the record body shows an excerpt of each pasted output (first and last lines); the
 * whole text is kept in `appendix`, numbered, and the excerpt names its appendix entry — an
 * installer log is never hidden.
 */
import type {
  CredentialHandover,
  EnvironmentKind,
  EventAccount,
  EvidenceKind,
  IsoInstant,
  ProcedureEvent,
  ProcedureRunDoc,
  ProductName,
} from '../../db/types';
import { compileJsonSchema } from '../../db/json-validator';
import type { SchemaViolation } from '../../db/json-validator';
import { deriveRun } from '../../domain/procedures/derive';
import type { RunMode, StepStatus } from '../../domain/procedures/derive';
import { runOutcome } from '../../domain/procedures/procedure-ops';
import { templateSteps } from '../../policy/procedures/index';
import type { ProcedureRole, ProcedureTemplate } from '../../policy/procedures/types';
import type { Localized } from '../../policy/types';
import type { SnapshotPerson, SnapshotSignature } from '../snapshot-types';

export type ProcedureRecordKind = 'upgrade-record' | 'implementation-record';

/** Lines of an output the body shows at its start and at its end. */
export const EXCERPT_HEAD = 6;
export const EXCERPT_TAIL = 3;

export interface RecordOutput {
  /** The lines the body shows; `…` stands for the lines left out. */
  excerpt: string;
  lines: number;
  /** 1-based entry of `appendix` holding the whole text; absent when the excerpt is whole. */
  appendix?: number;
  check?: 'pass' | 'fail';
}

export interface RecordAttempt {
  n: number;
  startedAt?: IsoInstant;
  finishedAt?: IsoInstant;
  status: 'done' | 'failed' | 'skipped' | 'in-progress';
  by?: string;
  /** The laptop zone of whoever finished it, when it is not the site's. */
  zone?: string;
  reason?: string;
  outputs: RecordOutput[];
  values: string[];
  attachments: { kind: EvidenceKind; name: string; sha256: string }[];
}

export interface RecordStep {
  id: string;
  section: Localized;
  sectionKind: 'main' | 'rollback' | 'forward-fix';
  title: Localized;
  role: ProcedureRole;
  checkpoint?: 'reversible' | 'irreversible';
  status: StepStatus;
  plannedMinutes: number;
  actualMinutes?: number;
  attempts: RecordAttempt[];
}

/**
 * Who gave an approval or a waiver, as far as the server vouches for it. `verified`: the event
 * carried the sync-server account the laptop was signed in with (`account`, whose username is
 * `by`; the server refuses a pushed event under any account but the pusher's). Not verified: a
 * name typed on a laptop that was not signed in. Absent in records made before it was kept:
 * such a record says neither.
 */
export interface Decider {
  verified?: boolean;
  account?: { username: string; role: EventAccount['role'] };
}

export interface ProcedureRecordSnapshot {
  kind: ProcedureRecordKind;
  schemaVersion: 1;
  documentNumber: string;
  revision: number;
  issuedAt: IsoInstant;
  customer: { name: string; shortName?: string };
  site: { name: string; address?: string; timeZone: string };
  cluster?: { name: string; environment: EnvironmentKind; product: ProductName; version: string };
  engineers: SnapshotPerson[];
  customerRepresentatives: SnapshotPerson[];
  procedure: {
    runId: string;
    templateId: string;
    templateVersion: number;
    name: Localized;
    startedAt: IsoInstant;
    startedBy: string;
    completedAt?: IsoInstant;
    /** `in-progress`: the record of a run not completed yet (it says so). */
    outcome: 'succeeded' | 'rolled-back' | 'forward-fixed' | 'in-progress';
    mode: RunMode;
  };
  /** Upgrade record: the versions and the maintenance window. */
  upgrade?: {
    fromVersion: string;
    toVersion: string;
    windowStart?: IsoInstant;
    windowEnd?: IsoInstant;
    changeRequestedAt?: IsoInstant;
    noticeDays?: number;
    emergencyReason?: string;
  };
  steps: RecordStep[];
  approvals: ({ stepId: string; by: string; at: IsoInstant; expiresAt?: IsoInstant } & Decider)[];
  waivers: ({ stepId: string; by: string; at: IsoInstant; reason: string } & Decider)[];
  modeChanges: {
    mode: 'rollback' | 'forward-fix';
    fromStepId?: string;
    by: string;
    at: IsoInstant;
    steps: string[];
  }[];
  pauses: { at: IsoInstant; by: string; reason?: string; resumedAt?: IsoInstant }[];
  /** Deployment: the credential hand-over list (no secrets); absent in older snapshots. */
  handovers?: (CredentialHandover & { by: string; at: IsoInstant })[];
  appendix: { n: number; stepId: string; attempt: number; text: string }[];
  signatures: SnapshotSignature[];
}

/** First `EXCERPT_HEAD` and last `EXCERPT_TAIL` lines, with a marker line between. */
export function outputExcerpt(text: string): { excerpt: string; lines: number; cut: boolean } {
  const lines = text.replace(/\s+$/, '').split(/\r?\n/);
  if (lines.length <= EXCERPT_HEAD + EXCERPT_TAIL + 1) {
    return { excerpt: lines.join('\n'), lines: lines.length, cut: false };
  }
  const head = lines.slice(0, EXCERPT_HEAD);
  const tail = lines.slice(lines.length - EXCERPT_TAIL);
  return { excerpt: [...head, '…', ...tail].join('\n'), lines: lines.length, cut: true };
}

export interface RecordSources {
  run: ProcedureRunDoc;
  template: ProcedureTemplate;
  documentNumber: string;
  issuedAt: IsoInstant;
  customer: { name: string; shortName?: string };
  site: { name: string; address?: string; timeZone: string };
  cluster?: { name: string; environment: EnvironmentKind; product: ProductName; version: string };
  engineers: SnapshotPerson[];
  customerRepresentatives: SnapshotPerson[];
}

/**
 * The record of `run` as it stands: every step of the template the run touched (and every main
 * step, done or not), each attempt with who and when, the evidence, approvals, waivers and the
 * rollback / forward fix entered. Pure: the caller reads the stores.
 */
export function procedureRecordFrom(
  kind: ProcedureRecordKind,
  src: RecordSources,
): ProcedureRecordSnapshot {
  const { run, template } = src;
  const state = deriveRun(template, run);
  const appendix: ProcedureRecordSnapshot['appendix'] = [];
  const attemptsOf = new Map<string, RecordAttempt[]>();
  const current = (id: string): RecordAttempt | undefined => attemptsOf.get(id)?.at(-1);
  for (const e of state.events) {
    if (e.stepId === undefined) continue;
    const list = attemptsOf.get(e.stepId) ?? [];
    attemptsOf.set(e.stepId, list);
    const open = current(e.stepId);
    const begin = (at?: IsoInstant): RecordAttempt => {
      const a: RecordAttempt = {
        n: list.length + 1,
        ...(at !== undefined ? { startedAt: at } : {}),
        status: 'in-progress',
        outputs: [],
        values: [],
        attachments: [],
      };
      list.push(a);
      return a;
    };
    switch (e.kind) {
      case 'step-started':
        if (open === undefined || open.status !== 'in-progress') begin(e.at);
        break;
      case 'evidence-attached': {
        const a = open?.status === 'in-progress' ? open : begin(e.at);
        const ev = e.evidence;
        if (ev === undefined) break;
        if (ev.kind === 'output' && ev.text !== undefined) {
          const x = outputExcerpt(ev.text);
          const out: RecordOutput = {
            excerpt: x.excerpt,
            lines: x.lines,
            ...(ev.check !== undefined ? { check: ev.check } : {}),
          };
          if (x.cut) {
            out.appendix = appendix.length + 1;
            appendix.push({ n: out.appendix, stepId: e.stepId, attempt: a.n, text: ev.text });
          }
          a.outputs.push(out);
        } else if (ev.kind === 'value' && ev.text !== undefined) a.values.push(ev.text);
        else if (ev.attachment !== undefined) {
          a.attachments.push({
            kind: ev.kind,
            name: ev.attachment.name,
            sha256: ev.attachment.sha256,
          });
        }
        break;
      }
      case 'step-done':
      case 'step-failed':
      case 'step-skipped': {
        const a = open?.status === 'in-progress' ? open : begin(e.at);
        a.status =
          e.kind === 'step-done' ? 'done' : e.kind === 'step-failed' ? 'failed' : 'skipped';
        a.finishedAt = e.at;
        a.by = e.by;
        if (e.zone !== src.site.timeZone) a.zone = e.zone;
        if (e.reason !== undefined) a.reason = e.reason;
        break;
      }
      default:
        break;
    }
  }
  const steps: RecordStep[] = [];
  for (const { section, step } of templateSteps(template)) {
    const st = state.steps[step.id]!;
    const attempts = attemptsOf.get(step.id) ?? [];
    if (section.kind !== 'main' && attempts.length === 0 && !state.plan.includes(step.id)) continue;
    steps.push({
      id: step.id,
      section: section.title,
      sectionKind: section.kind,
      title: step.title,
      role: step.role,
      ...(step.checkpoint !== undefined ? { checkpoint: step.checkpoint.class } : {}),
      status: st.status,
      plannedMinutes: step.plannedMinutes,
      ...(st.actualMinutes !== undefined ? { actualMinutes: st.actualMinutes } : {}),
      attempts,
    });
  }
  const pauses: ProcedureRecordSnapshot['pauses'] = [];
  for (const e of state.events) {
    if (e.kind === 'paused') {
      pauses.push({ at: e.at, by: e.by, ...(e.reason !== undefined ? { reason: e.reason } : {}) });
    } else if (e.kind === 'resumed') {
      const last = pauses.at(-1);
      if (last !== undefined && last.resumedAt === undefined) last.resumedAt = e.at;
    }
  }
  const seenModes = new Set<string>();
  const modeChanges: ProcedureRecordSnapshot['modeChanges'] = [];
  for (const e of state.events) {
    if (e.kind !== 'rollback-entered' && e.kind !== 'forward-fix-entered') continue;
    const mode = e.kind === 'rollback-entered' ? 'rollback' : 'forward-fix';
    if (seenModes.has(mode)) continue;
    seenModes.add(mode);
    modeChanges.push({
      mode,
      ...(e.stepId !== undefined ? { fromStepId: e.stepId } : {}),
      by: e.by,
      at: e.at,
      steps: e.steps ?? [],
    });
  }
  const outcome = runOutcome(state) ?? 'in-progress';
  return {
    kind,
    schemaVersion: 1,
    documentNumber: src.documentNumber,
    revision: 1,
    issuedAt: src.issuedAt,
    customer: src.customer,
    site: src.site,
    ...(src.cluster !== undefined ? { cluster: src.cluster } : {}),
    engineers: src.engineers,
    customerRepresentatives: src.customerRepresentatives,
    procedure: {
      runId: run.id,
      templateId: template.id,
      templateVersion: template.version,
      name: template.name,
      startedAt: run.startedAt,
      startedBy: run.startedBy,
      ...(state.completedAt !== undefined ? { completedAt: state.completedAt } : {}),
      outcome,
      mode: state.mode,
    },
    ...(kind === 'upgrade-record'
      ? {
          upgrade: {
            fromVersion: run.fromVersion ?? '—',
            toVersion: run.toVersion ?? '—',
            ...upgradeWindowOf(run),
          },
        }
      : {}),
    steps,
    approvals: state.events
      .filter((e) => e.kind === 'approval-given' && e.stepId !== undefined)
      .map((e) => ({
        stepId: e.stepId!,
        by: e.by,
        at: e.at,
        ...(e.expiresAt !== undefined ? { expiresAt: e.expiresAt } : {}),
        ...deciderOf(e),
      })),
    waivers: state.events
      .filter((e) => e.kind === 'step-waived' && e.stepId !== undefined)
      .map((e) => ({
        stepId: e.stepId!,
        by: e.by,
        at: e.at,
        reason: e.reason ?? '',
        ...deciderOf(e),
      })),
    modeChanges,
    pauses,
    ...(state.handovers.length > 0 ? { handovers: state.handovers } : {}),
    appendix,
    signatures: [],
  };
}

function deciderOf(e: ProcedureEvent): Required<Pick<Decider, 'verified'>> & Decider {
  return e.account === undefined
    ? { verified: false }
    : { verified: true, account: { username: e.account.username, role: e.account.role } };
}

function upgradeWindowOf(
  run: ProcedureRunDoc,
): Partial<NonNullable<ProcedureRecordSnapshot['upgrade']>> {
  const w = run.window;
  if (w === undefined) return {};
  return {
    windowStart: w.start,
    windowEnd: w.end,
    changeRequestedAt: w.requestedAt,
    noticeDays: w.noticeDays,
    ...(w.emergencyReason !== undefined ? { emergencyReason: w.emergencyReason } : {}),
  };
}

const localized = {
  type: 'object',
  required: ['zh', 'en'],
  properties: { zh: { type: 'string' }, en: { type: 'string' } },
};
const instant = { type: 'string', minLength: 20, maxLength: 40 };
const person = {
  type: 'object',
  required: ['name'],
  properties: { name: { type: 'string', minLength: 1, maxLength: 200 } },
};

const decider = {
  verified: { type: 'boolean' },
  account: {
    type: 'object',
    additionalProperties: false,
    required: ['username', 'role'],
    properties: {
      username: { type: 'string', minLength: 1 },
      role: { enum: ['engineer', 'lead', 'admin'] },
    },
  },
};

/** The JSON Schema of a record of `kind`, whose numbers carry `code` (`UPG`, `IMP`). */
export function procedureRecordSchema(kind: ProcedureRecordKind, code: string) {
  return {
    type: 'object',
    additionalProperties: false,
    required: [
      'kind',
      'schemaVersion',
      'documentNumber',
      'revision',
      'issuedAt',
      'customer',
      'site',
      'engineers',
      'customerRepresentatives',
      'procedure',
      'steps',
      'approvals',
      'waivers',
      'modeChanges',
      'pauses',
      'appendix',
      'signatures',
    ],
    properties: {
      kind: { const: kind },
      schemaVersion: { const: 1 },
      documentNumber: { type: 'string', pattern: `^[A-Z0-9]{1,12}-${code}-\\d{8}-\\d{4,6}$` },
      revision: { type: 'integer', minimum: 1 },
      issuedAt: instant,
      customer: {
        type: 'object',
        required: ['name'],
        properties: { name: { type: 'string', minLength: 1 } },
      },
      site: {
        type: 'object',
        required: ['name', 'timeZone'],
        properties: { name: { type: 'string', minLength: 1 }, timeZone: { type: 'string' } },
      },
      cluster: {
        type: 'object',
        required: ['name', 'environment', 'product', 'version'],
        properties: { name: { type: 'string', minLength: 1 } },
      },
      engineers: { type: 'array', minItems: 1, items: person },
      customerRepresentatives: { type: 'array', items: person },
      procedure: {
        type: 'object',
        required: [
          'runId',
          'templateId',
          'templateVersion',
          'name',
          'startedAt',
          'startedBy',
          'outcome',
          'mode',
        ],
        properties: {
          name: localized,
          startedAt: instant,
          outcome: { enum: ['succeeded', 'rolled-back', 'forward-fixed', 'in-progress'] },
          mode: { enum: ['forward', 'rollback', 'forward-fix'] },
        },
      },
      // Only the upgrade record has versions and a window (additionalProperties refuses it elsewhere).
      ...(kind === 'upgrade-record'
        ? {
            upgrade: {
              type: 'object',
              required: ['fromVersion', 'toVersion'],
              properties: {
                fromVersion: { type: 'string', minLength: 1 },
                toVersion: { type: 'string', minLength: 1 },
                noticeDays: { type: 'integer' },
              },
            },
          }
        : {}),
      steps: {
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          required: [
            'id',
            'section',
            'sectionKind',
            'title',
            'role',
            'status',
            'plannedMinutes',
            'attempts',
          ],
          properties: {
            section: localized,
            title: localized,
            sectionKind: { enum: ['main', 'rollback', 'forward-fix'] },
            status: {
              enum: ['pending', 'in-progress', 'done', 'failed', 'skipped', 'bypassed', 'waived'],
            },
            attempts: {
              type: 'array',
              items: {
                type: 'object',
                required: ['n', 'status', 'outputs', 'values', 'attachments'],
                properties: {
                  status: { enum: ['done', 'failed', 'skipped', 'in-progress'] },
                  outputs: {
                    type: 'array',
                    items: {
                      type: 'object',
                      required: ['excerpt', 'lines'],
                      properties: { appendix: { type: 'integer', minimum: 1 } },
                    },
                  },
                },
              },
            },
          },
        },
      },
      approvals: {
        type: 'array',
        items: { type: 'object', required: ['stepId', 'by', 'at'], properties: decider },
      },
      waivers: {
        type: 'array',
        items: {
          type: 'object',
          required: ['stepId', 'by', 'at', 'reason'],
          properties: { reason: { type: 'string', minLength: 1 }, ...decider },
        },
      },
      modeChanges: { type: 'array' },
      pauses: { type: 'array' },
      handovers: {
        type: 'array',
        items: {
          type: 'object',
          required: ['system', 'account', 'scope', 'handedTo', 'channel', 'by', 'at'],
        },
      },
      appendix: {
        type: 'array',
        items: {
          type: 'object',
          required: ['n', 'stepId', 'attempt', 'text'],
          properties: { text: { type: 'string', maxLength: 500_000 } },
        },
      },
      signatures: {
        type: 'array',
        items: {
          type: 'object',
          required: ['role', 'name', 'signedAt', 'image'],
          properties: {
            role: { enum: ['customer', 'engineer'] },
            image: { type: 'string', pattern: '^data:image/png;base64,' },
          },
        },
      },
    },
  } as const;
}

/**
 * A validator of records of `kind`: the schema, then what it cannot say — every step named by an
 * approval, waiver or mode change is in `steps`, every appendix entry an output cites exists, an
 * approval never comes from the run's executor, a waiver never from the executor either.
 */
export function procedureRecordValidator(kind: ProcedureRecordKind, code: string) {
  let validator: ((v: unknown) => SchemaViolation[]) | null = null;
  return (
    value: unknown,
  ): { ok: true; snapshot: ProcedureRecordSnapshot } | { ok: false; errors: string[] } => {
    validator ??= compileJsonSchema(procedureRecordSchema(kind, code));
    const violations = validator(value);
    if (violations.length > 0) {
      return { ok: false, errors: violations.map((v) => `${v.field || '/'}: ${v.message}`) };
    }
    const s = value as ProcedureRecordSnapshot;
    const errors: string[] = [];
    const ids = new Set(s.steps.map((x) => x.id));
    const known = (where: string, id: string | undefined) => {
      if (id !== undefined && !ids.has(id)) errors.push(`${where}: names unknown step "${id}"`);
    };
    // "Verified" is printed: it stands only with the account, and the account only with it.
    const deciderProblem = (d: Decider & { by: string }) =>
      d.account !== undefined && (d.verified !== true || d.account.username !== d.by)
        ? `the account ${d.account.username} is not a verified ${d.by}`
        : d.verified === true && d.account === undefined
          ? 'verified without an account'
          : undefined;
    s.approvals.forEach((a, i) => {
      known(`/approvals/${i}`, a.stepId);
      if (a.by === s.procedure.startedBy)
        errors.push(`/approvals/${i}: the approver is the executor (${a.by})`);
      const p = deciderProblem(a);
      if (p !== undefined) errors.push(`/approvals/${i}: ${p}`);
    });
    s.waivers.forEach((w, i) => {
      known(`/waivers/${i}`, w.stepId);
      if (w.by === s.procedure.startedBy)
        errors.push(`/waivers/${i}: a waiver must come from a second person, not ${w.by}`);
      const p = deciderProblem(w);
      if (p !== undefined) errors.push(`/waivers/${i}: ${p}`);
    });
    s.modeChanges.forEach((m, i) => {
      known(`/modeChanges/${i}`, m.fromStepId);
      m.steps.forEach((id) => known(`/modeChanges/${i}/steps`, id));
    });
    const appendixNs = new Set(s.appendix.map((a) => a.n));
    s.steps.forEach((st, i) =>
      st.attempts.forEach((a, j) =>
        a.outputs.forEach((o, k) => {
          if (o.appendix !== undefined && !appendixNs.has(o.appendix)) {
            errors.push(
              `/steps/${i}/attempts/${j}/outputs/${k}: appendix ${o.appendix} is missing`,
            );
          }
        }),
      ),
    );
    return errors.length > 0 ? { ok: false, errors } : { ok: true, snapshot: s };
  };
}

/** The validator and the run → snapshot function of one record kind, typed to that kind. */
export function recordKindFunctions<K extends ProcedureRecordKind>(kind: K, code: string) {
  type S = ProcedureRecordSnapshot & { kind: K };
  const validate = procedureRecordValidator(kind, code);
  return {
    validate: (value: unknown): { ok: true; snapshot: S } | { ok: false; errors: string[] } => {
      const v = validate(value);
      return v.ok ? { ok: true, snapshot: v.snapshot as S } : v;
    },
    from: (src: RecordSources): S => procedureRecordFrom(kind, src) as S,
  };
}
