/**
 * Procedure runs as pure operations: each takes the run document and returns it with one more
 * event appended (nothing is mutated, nothing is ever removed from the log), or throws an
 * InputError with a `code` the UI words in its language. The rules that gate an event are
 * checked against the state derived from the log (derive.ts), so they hold the same way on
 * every laptop and in the CLI.
 */
import type {
  AttachmentRef,
  EventAccount,
  EvidenceKind,
  IsoInstant,
  MaintenanceWindow,
  PolicyPackId,
  ProcedureEvent,
  ProcedureEvidence,
  ProcedureRunDoc,
} from '../../db/types';
import { compact, nowInstant, optionalText, requireId, requireText } from '../../db/doc-fields';
import type { Now } from '../../db/doc-fields';
import { getProcedureTemplate } from '../../policy/procedures/index';
import type { ProcedureTemplate } from '../../policy/procedures/types';
import { InputError } from '../errors';
import { newId } from '../ids';
import { deriveRun, rollbackPlan, stepById } from './derive';
import type { RunState, StepState } from './derive';
import { checkOutput, matchBranch } from './output-check';
import { eventRoleProblem } from './roles';
import { checkWindow } from './upgrade-plan';

/** Pasted output is kept whole up to this many characters (a long installer log fits). */
export const OUTPUT_MAX = 500_000;
export const VALUE_MAX = 2_000;
export const REASON_MAX = 2_000;
export const NAME_MAX = 100;

/**
 * Who acts and where: the engineer's name and the laptop's IANA zone; on a signed-in laptop the
 * sync-server account too (then `by` is its username, and the step roles are enforced).
 */
export interface Actor {
  by: string;
  zone: string;
  account?: EventAccount;
}

export function templateOfRun(
  run: Pick<ProcedureRunDoc, 'templateId' | 'templateVersion'>,
): ProcedureTemplate {
  return getProcedureTemplate(run.templateId, run.templateVersion);
}

export interface StartRunInput {
  customerId: string;
  siteId: string;
  siteZone: string;
  templateId: string;
  templateVersion: number;
  clusterId?: string;
  visitId?: string;
  incidentId?: string;
  fromVersion?: string;
  toVersion?: string;
  /** Upgrade runs: the maintenance window, checked against the 28-day notice rule. */
  window?: {
    start: IsoInstant;
    end: IsoInstant;
    requestedAt: IsoInstant;
    emergencyReason?: string;
  };
}

/**
 * A maintenance window as a run stores it: the end after the start, the notice counted from the
 * change request; short notice needs the emergency-change reason (InputError otherwise).
 */
export function maintenanceWindow(w: NonNullable<StartRunInput['window']>): MaintenanceWindow {
  const reason = optionalText(w.emergencyReason, 'emergencyReason', REASON_MAX);
  const checked = checkWindow(w.requestedAt, w.start, reason);
  if (!(Date.parse(w.end) > Date.parse(w.start))) {
    fail('the window must end after it starts', 'windowEnd', 'procedureWindowEnd');
  }
  return compact({
    start: w.start,
    end: w.end,
    requestedAt: w.requestedAt,
    noticeDays: checked.noticeDays,
    // A reason given with enough notice is not an emergency change: it is not kept.
    emergencyReason: checked.emergency ? reason : undefined,
  });
}

function actor(a: Actor): Actor {
  const by = requireText(a.by, 'by', NAME_MAX);
  if (a.account !== undefined && a.account.username !== by) {
    fail('the name must be the signed-in account', 'by', 'procedureAccountMismatch');
  }
  return compact({
    by,
    zone: requireText(a.zone, 'zone', 64),
    account:
      a.account === undefined
        ? undefined
        : { userId: a.account.userId, username: a.account.username, role: a.account.role },
  });
}

function event(
  kind: ProcedureEvent['kind'],
  a: Actor,
  at: IsoInstant,
  extra: Partial<ProcedureEvent> = {},
): ProcedureEvent {
  return compact({
    id: newId(Date.parse(at)),
    kind,
    at,
    by: a.by,
    zone: a.zone,
    account: a.account,
    ...extra,
  });
}

export function startRun(input: StartRunInput, who: Actor, now: Now): ProcedureRunDoc {
  const at = nowInstant(now);
  const a = actor(who);
  const template = getProcedureTemplate(input.templateId, input.templateVersion);
  const packId: PolicyPackId = template.packId;
  return compact({
    id: newId(Date.parse(at)),
    customerId: requireId(input.customerId, 'customerId'),
    siteId: requireId(input.siteId, 'siteId'),
    siteZone: requireText(input.siteZone, 'siteZone', 64),
    kind: template.kind,
    templateId: template.id,
    templateVersion: template.version,
    packId,
    clusterId: input.clusterId === undefined ? undefined : requireId(input.clusterId, 'clusterId'),
    visitId: input.visitId === undefined ? undefined : requireId(input.visitId, 'visitId'),
    incidentId:
      input.incidentId === undefined ? undefined : requireId(input.incidentId, 'incidentId'),
    fromVersion: optionalText(input.fromVersion, 'fromVersion', 40),
    toVersion: optionalText(input.toVersion, 'toVersion', 40),
    window: input.window === undefined ? undefined : maintenanceWindow(input.window),
    startedBy: a.by,
    startedAt: at,
    createdAt: at,
    updatedAt: at,
    events: [event('started', a, at)],
  });
}

/** Appends one event after checking its role (roles.ts): the one place every event passes. */
function append(run: ProcedureRunDoc, e: ProcedureEvent): ProcedureRunDoc {
  const problem = eventRoleProblem(templateOfRun(run), run, e);
  if (problem !== undefined) {
    fail(
      problem.code === 'procedureApproverNotSignedIn'
        ? 'the run was started signed in: the approver must be a second signed-in account'
        : problem.code === 'procedureAccountMismatch'
          ? 'the name must be the signed-in account'
          : `the account's role ${e.account?.role ?? ''} may not act as ${problem.role ?? ''}`,
      'by',
      problem.code,
      { role: problem.role ?? '', account: e.account?.role ?? '' },
    );
  }
  return { ...run, updatedAt: e.at, events: [...run.events, e] };
}

function fail(
  message: string,
  field: string,
  code: string,
  params?: Record<string, string | number>,
): never {
  throw new InputError(message, field, { code, ...(params ? { params } : {}) });
}

interface Context {
  template: ProcedureTemplate;
  state: RunState;
}

function context(run: ProcedureRunDoc): Context {
  const template = templateOfRun(run);
  return { template, state: deriveRun(template, run) };
}

function requireOpen(state: RunState): void {
  if (state.status === 'completed') fail('the run is completed', 'run', 'procedureCompleted');
  if (state.status === 'paused')
    fail('the run is paused: resume it first', 'run', 'procedurePaused');
}

/** The step must be in the current plan (the main steps, or the rollback / forward-fix plan). */
function requirePlanned(c: Context, stepId: string): StepState {
  const st = c.state.steps[stepId];
  if (st === undefined) fail(`unknown step ${stepId}`, 'stepId', 'procedureUnknownStep');
  if (!c.state.plan.includes(stepId) || st.status === 'bypassed') {
    fail(
      `step ${stepId} is not part of the current ${c.state.mode} plan`,
      'stepId',
      'procedureStepNotPlanned',
    );
  }
  return st;
}

/**
 * Steps of the gating sections before `stepId` that are neither done nor waived: a step past a
 * gate cannot start while any is left (the maintenance window does not open). Rollback and
 * forward-fix steps are never gated: they repair what was done.
 */
export function openGateSteps(
  template: ProcedureTemplate,
  state: RunState,
  stepId: string,
): string[] {
  if (state.mode !== 'forward') return [];
  const at = template.sections.findIndex((s) => s.steps.some((x) => x.id === stepId));
  const open: string[] = [];
  template.sections.forEach((s, i) => {
    if (i >= at || s.gate !== true) return;
    for (const x of s.steps) {
      const st = state.steps[x.id]!.status;
      if (st !== 'done' && st !== 'waived') open.push(x.id);
    }
  });
  return open;
}

function requireGateOpen(c: Context, stepId: string): void {
  const open = openGateSteps(c.template, c.state, stepId);
  if (open.length > 0) {
    fail(
      `the pre-checks gate step ${stepId}: ${open.join(', ')} must pass or be waived first`,
      'stepId',
      'procedureGateClosed',
      { steps: open.join(', ') },
    );
  }
}

export function startStep(
  run: ProcedureRunDoc,
  stepId: string,
  who: Actor,
  now: Now,
  opts: { confirmIrreversible?: boolean } = {},
): ProcedureRunDoc {
  const c = context(run);
  requireOpen(c.state);
  const st = requirePlanned(c, stepId);
  if (st.status === 'done' || st.status === 'skipped') {
    fail(`step ${stepId} is already finished`, 'stepId', 'procedureStepFinished');
  }
  if (st.status === 'in-progress') return run;
  requireGateOpen(c, stepId);
  const step = stepById(c.template, stepId)!;
  const irreversible = step.checkpoint?.class === 'irreversible';
  if (irreversible && opts.confirmIrreversible !== true) {
    fail(
      `step ${stepId} is irreversible: confirm before starting it`,
      'confirmIrreversible',
      'procedureConfirmIrreversible',
    );
  }
  return append(
    run,
    event('step-started', actor(who), nowInstant(now), {
      stepId,
      ...(irreversible ? { confirmedIrreversible: true } : {}),
    }),
  );
}

export type EvidenceInput =
  | { kind: 'output' | 'value'; text: string }
  | { kind: 'photo' | 'file' | 'signature'; attachment: AttachmentRef };

/**
 * Attaches evidence to a step (starting it if it was not started). Output and values are
 * checked against the step's expected result; the check is stored with the evidence.
 */
export function attachEvidence(
  run: ProcedureRunDoc,
  stepId: string,
  input: EvidenceInput,
  who: Actor,
  now: Now,
): ProcedureRunDoc {
  let current = run;
  const c0 = context(run);
  requireOpen(c0.state);
  const st0 = requirePlanned(c0, stepId);
  if (st0.status === 'done' || st0.status === 'skipped') {
    fail(`step ${stepId} is already finished`, 'stepId', 'procedureStepFinished');
  }
  if (st0.status !== 'in-progress') current = startStep(run, stepId, who, now);
  const step = stepById(c0.template, stepId)!;
  let evidence: ProcedureEvidence;
  if (!('attachment' in input)) {
    const max = input.kind === 'output' ? OUTPUT_MAX : VALUE_MAX;
    const text = input.kind === 'output' ? input.text : input.text.trim();
    if (typeof text !== 'string' || text.trim() === '') {
      fail(`${input.kind} must not be empty`, input.kind, 'required');
    }
    if (text.length > max) {
      fail(`${input.kind} is longer than ${max} characters`, input.kind, 'tooLong', { max });
    }
    // The expected result reads the output; a value is checked only on steps without output.
    const checked = input.kind === 'output' || !step.evidence.includes('output');
    const check = checked ? checkOutput(step.expected, text) : { result: 'none' as const };
    evidence = compact({
      kind: input.kind,
      text,
      check: check.result === 'none' ? undefined : check.result,
    });
  } else {
    const a = input.attachment;
    if (!/^[0-9a-f]{64}$/.test(a.sha256))
      fail('attachment has no sha256', 'attachment', 'required');
    evidence = { kind: input.kind, attachment: a };
  }
  return append(
    current,
    event('evidence-attached', actor(who), nowInstant(now), { stepId, evidence }),
  );
}

/** Evidence kinds the step requires that its current attempt does not have yet. */
export function missingEvidence(template: ProcedureTemplate, st: StepState): EvidenceKind[] {
  const step = stepById(template, st.stepId)!;
  return step.evidence.filter((k) => !st.evidence.some((e) => e.kind === k));
}

/** The latest output or value of the current attempt failed its check. */
export function failingCheck(st: StepState): ProcedureEvidence | undefined {
  const checked = st.evidence.filter((e) => e.check !== undefined);
  const last = checked[checked.length - 1];
  return last?.check === 'fail' ? last : undefined;
}

/** An approval that still counts at `now` and was not given by `doer`. */
export function validApproval(st: StepState, doer: string, now: Now) {
  const t = Date.parse(nowInstant(now));
  return st.approvals.find(
    (a) => a.by !== doer && (a.expiresAt === undefined || Date.parse(a.expiresAt) > t),
  );
}

export function completeStep(
  run: ProcedureRunDoc,
  stepId: string,
  who: Actor,
  now: Now,
): ProcedureRunDoc {
  const c = context(run);
  requireOpen(c.state);
  const st = requirePlanned(c, stepId);
  if (st.status === 'done' || st.status === 'skipped') {
    fail(`step ${stepId} is already finished`, 'stepId', 'procedureStepFinished');
  }
  const step = stepById(c.template, stepId)!;
  if (step.checkpoint?.class === 'irreversible' && !st.confirmedIrreversible) {
    fail(
      `step ${stepId} is irreversible: confirm before starting it`,
      'confirmIrreversible',
      'procedureConfirmIrreversible',
    );
  }
  const missing = missingEvidence(c.template, st);
  if (missing.length > 0) {
    fail(
      `step ${stepId} needs evidence: ${missing.join(', ')}`,
      'evidence',
      'procedureEvidenceMissing',
      {
        kinds: missing.join(', '),
      },
    );
  }
  if (failingCheck(st)) {
    fail(
      `the output of step ${stepId} does not match the expected result`,
      'output',
      'procedureCheckFailed',
    );
  }
  if (step.approval !== undefined && validApproval(st, who.by, now) === undefined) {
    fail(
      `step ${stepId} needs a valid approval by someone else`,
      'approval',
      'procedureApprovalMissing',
    );
  }
  let branch: string | undefined;
  if (step.branches !== undefined) {
    const output = [...st.evidence].reverse().find((e) => e.kind === 'output')?.text ?? '';
    branch = matchBranch(step.branches, output)?.goTo;
  }
  const base = st.status === 'in-progress' ? run : startStep(run, stepId, who, now);
  return append(base, event('step-done', actor(who), nowInstant(now), { stepId, branch }));
}

export function failStep(
  run: ProcedureRunDoc,
  stepId: string,
  reason: string,
  who: Actor,
  now: Now,
): ProcedureRunDoc {
  const c = context(run);
  requireOpen(c.state);
  const st = requirePlanned(c, stepId);
  if (st.status === 'done' || st.status === 'skipped') {
    fail(`step ${stepId} is already finished`, 'stepId', 'procedureStepFinished');
  }
  const text = requireText(reason, 'reason', REASON_MAX);
  const base =
    st.status === 'pending' ? startStep(run, stepId, who, now, { confirmIrreversible: true }) : run;
  return append(base, event('step-failed', actor(who), nowInstant(now), { stepId, reason: text }));
}

export function skipStep(
  run: ProcedureRunDoc,
  stepId: string,
  reason: string,
  who: Actor,
  now: Now,
): ProcedureRunDoc {
  const c = context(run);
  requireOpen(c.state);
  const st = requirePlanned(c, stepId);
  if (st.status === 'done' || st.status === 'skipped') {
    fail(`step ${stepId} is already finished`, 'stepId', 'procedureStepFinished');
  }
  requireGateOpen(c, stepId);
  const text = requireText(reason, 'reason', REASON_MAX);
  return append(run, event('step-skipped', actor(who), nowInstant(now), { stepId, reason: text }));
}

/**
 * Waives a gating pre-check that did not pass (or cannot be run): only a second person may, never
 * the executor of the run, and only with a reason; the waiver is recorded with who and when and
 * printed in the record. A pre-check that passed needs no waiver.
 */
export function waiveStep(
  run: ProcedureRunDoc,
  stepId: string,
  reason: string,
  who: Actor,
  now: Now,
): ProcedureRunDoc {
  const c = context(run);
  requireOpen(c.state);
  const st = requirePlanned(c, stepId);
  const section = c.template.sections.find((s) => s.steps.some((x) => x.id === stepId))!;
  if (section.gate !== true) {
    fail(`step ${stepId} is not a gating pre-check`, 'stepId', 'procedureNotWaivable');
  }
  if (st.status === 'done' || st.status === 'waived' || st.status === 'skipped') {
    fail(`step ${stepId} is already finished`, 'stepId', 'procedureStepFinished');
  }
  const a = actor(who);
  if (a.by === run.startedBy) {
    fail(
      'a waiver must come from a second person, not the executor',
      'by',
      'procedureWaiverByExecutor',
    );
  }
  const text = requireText(reason, 'reason', REASON_MAX);
  return append(run, event('step-waived', a, nowInstant(now), { stepId, reason: text }));
}

/** An approval of a gated step; the approver is never the run's executor. */
export function giveApproval(
  run: ProcedureRunDoc,
  stepId: string,
  who: Actor,
  now: Now,
): ProcedureRunDoc {
  const c = context(run);
  requireOpen(c.state);
  requirePlanned(c, stepId);
  const step = stepById(c.template, stepId)!;
  if (step.approval === undefined)
    fail(`step ${stepId} needs no approval`, 'stepId', 'procedureNoApproval');
  const a = actor(who);
  if (a.by === run.startedBy) {
    fail('the approver cannot be the executor of the run', 'by', 'procedureApproverIsExecutor');
  }
  const at = nowInstant(now);
  const expiresAt = new Date(Date.parse(at) + step.approval.expiresHours * 3_600_000).toISOString();
  return append(run, event('approval-given', a, at, { stepId, expiresAt }));
}

/**
 * Enters the rollback branch from a failed step: the planned rollback steps are recorded in the
 * event. After an irreversible step there is nothing to roll back: the error says to forward-fix.
 */
export function enterRollback(
  run: ProcedureRunDoc,
  failedStepId: string,
  who: Actor,
  now: Now,
): ProcedureRunDoc {
  const c = context(run);
  requireOpen(c.state);
  if (c.state.mode !== 'forward')
    fail('a rollback was already entered', 'mode', 'procedureAlreadyRolledBack');
  const st = c.state.steps[failedStepId];
  if (st?.status !== 'failed')
    fail(`step ${failedStepId} has not failed`, 'stepId', 'procedureStepNotFailed');
  const plan = rollbackPlan(c.template, c.state, failedStepId);
  if (plan.steps.length === 0) {
    fail('nothing can be rolled back: forward-fix instead', 'stepId', 'procedureNothingToRollBack');
  }
  return append(
    run,
    event('rollback-entered', actor(who), nowInstant(now), {
      stepId: failedStepId,
      steps: plan.steps,
    }),
  );
}

export function enterForwardFix(
  run: ProcedureRunDoc,
  failedStepId: string,
  who: Actor,
  now: Now,
): ProcedureRunDoc {
  const c = context(run);
  requireOpen(c.state);
  if (c.state.mode === 'forward-fix')
    fail('forward fix was already entered', 'mode', 'procedureAlreadyForwardFix');
  const plan = rollbackPlan(c.template, c.state, failedStepId);
  const steps =
    plan.forwardFix.length > 0
      ? plan.forwardFix
      : c.template.sections
          .filter((s) => s.kind === 'forward-fix')
          .flatMap((s) => s.steps.map((x) => x.id));
  if (steps.length === 0)
    fail('the template has no forward-fix steps', 'stepId', 'procedureNoForwardFix');
  return append(
    run,
    event('forward-fix-entered', actor(who), nowInstant(now), { stepId: failedStepId, steps }),
  );
}

export function pauseRun(
  run: ProcedureRunDoc,
  reason: string,
  who: Actor,
  now: Now,
): ProcedureRunDoc {
  const c = context(run);
  requireOpen(c.state);
  return append(
    run,
    event('paused', actor(who), nowInstant(now), {
      reason: requireText(reason, 'reason', REASON_MAX),
    }),
  );
}

export function resumeRun(run: ProcedureRunDoc, who: Actor, now: Now): ProcedureRunDoc {
  const c = context(run);
  if (c.state.status !== 'paused') fail('the run is not paused', 'run', 'procedureNotPaused');
  return append(run, event('resumed', actor(who), nowInstant(now)));
}

export interface HandoverInput {
  system: string;
  account: string;
  scope: string;
  handedTo: string;
  channel: string;
  acknowledgedAt?: IsoInstant;
  rotateWithinDays?: number;
}

/**
 * Records one credential hand-over of a deployment (system, account, scope, to whom, channel,
 * acknowledged at, rotate within N days). There is no field for the secret: it is handed over
 * on the channel named, and never enters the run, its log or its record.
 */
export function recordHandover(
  run: ProcedureRunDoc,
  input: HandoverInput,
  who: Actor,
  now: Now,
): ProcedureRunDoc {
  const c = context(run);
  if (c.template.kind !== 'deployment') {
    fail('credentials are handed over at the end of a deployment', 'run', 'procedureNotDeployment');
  }
  const days = input.rotateWithinDays;
  if (days !== undefined && !(Number.isInteger(days) && days >= 1 && days <= 3650)) {
    fail('rotate within 1 to 3650 days', 'rotateWithinDays', 'procedureRotateDays');
  }
  if (input.acknowledgedAt !== undefined && Number.isNaN(Date.parse(input.acknowledgedAt))) {
    fail('not an instant', 'acknowledgedAt', 'required');
  }
  const handover = compact({
    system: requireText(input.system, 'system', 200),
    account: requireText(input.account, 'account', 200),
    scope: requireText(input.scope, 'scope', 500),
    handedTo: requireText(input.handedTo, 'handedTo', 200),
    channel: requireText(input.channel, 'channel', 200),
    acknowledgedAt: input.acknowledgedAt,
    rotateWithinDays: days,
  });
  return append(run, event('credential-handed-over', actor(who), nowInstant(now), { handover }));
}

/** Completes the run once every step of the current plan is done, skipped or bypassed. */
export function completeRun(run: ProcedureRunDoc, who: Actor, now: Now): ProcedureRunDoc {
  const c = context(run);
  requireOpen(c.state);
  if (c.state.currentStepId !== undefined) {
    fail(`step ${c.state.currentStepId} is not finished`, 'stepId', 'procedureUnfinished');
  }
  return append(run, event('completed', actor(who), nowInstant(now)));
}

/** The outcome a completed run reports. */
export function runOutcome(
  state: RunState,
): 'succeeded' | 'rolled-back' | 'forward-fixed' | undefined {
  if (state.status !== 'completed') return undefined;
  return state.mode === 'forward'
    ? 'succeeded'
    : state.mode === 'rollback'
      ? 'rolled-back'
      : 'forward-fixed';
}
