/**
 * The state of a procedure run, derived from its event log and the template version it names.
 * Nothing but the events is stored, so two laptops that hold the same set of events show the
 * same state whatever order they received them in: events are applied in (instant, id) order.
 *
 * Rules:
 * - a step's latest event decides its status (`step-started` → in progress, `step-done`,
 *   `step-failed`, `step-skipped`); a new `step-started` after a failure begins a new attempt,
 *   whose evidence starts empty (every attempt's evidence stays in `allEvidence`);
 * - the run is in one mode: `forward` (the main sections), `rollback` (after the first
 *   `rollback-entered`, the steps it planned) or `forward-fix`; a second entry recorded on
 *   another laptop while the run was already in that mode is a no-op;
 * - the plan is the ordered list of steps of the mode; in a troubleshooting guide a question's
 *   chosen branch bypasses the steps up to its target, and a fix leaf ends the plan;
 * - the current step is the first step of the plan not done, skipped or bypassed.
 */
import type {
  CredentialHandover,
  EventAccount,
  IsoInstant,
  ProcedureEvent,
  ProcedureEvidence,
  ProcedureRunDoc,
} from '../../db/types';
import { templateSteps } from '../../policy/procedures/index';
import type { ProcedureStep, ProcedureTemplate, StepBranch } from '../../policy/procedures/types';

export type StepStatus =
  | 'pending'
  | 'in-progress'
  | 'done'
  | 'failed'
  | 'skipped'
  /** A gating pre-check a second person let through with a reason (`step-waived`). */
  | 'waived'
  /** Troubleshooting: not on the path the answers chose. */
  | 'bypassed';

export interface StepApproval {
  by: string;
  at: IsoInstant;
  expiresAt?: IsoInstant;
  /** The signed-in account that gave it; absent: a typed name on an unsigned laptop. */
  account?: EventAccount;
}

export interface StepState {
  stepId: string;
  sectionId: string;
  status: StepStatus;
  /** First `step-started` of the current attempt. */
  startedAt?: IsoInstant;
  finishedAt?: IsoInstant;
  /** Minutes from the attempt's start to done / failed / skipped. */
  actualMinutes?: number;
  /** Who started the current attempt, or who finished it. */
  by?: string;
  reason?: string;
  branch?: string;
  attempts: number;
  confirmedIrreversible: boolean;
  evidence: ProcedureEvidence[];
  allEvidence: ProcedureEvidence[];
  approvals: StepApproval[];
}

export type RunMode = 'forward' | 'rollback' | 'forward-fix';

export interface RunState {
  mode: RunMode;
  status: 'in-progress' | 'paused' | 'completed';
  /** Failed step the rollback / forward fix was entered from. */
  enteredFrom?: string;
  /** Steps of the current mode, in order (bypassed troubleshooting steps included). */
  plan: string[];
  currentStepId?: string;
  steps: Record<string, StepState>;
  /** Events in the order they were applied. */
  events: ProcedureEvent[];
  /** Deployment: the credential hand-over list, in order, with who recorded each and when. */
  handovers: (CredentialHandover & { by: string; at: IsoInstant })[];
  completedAt?: IsoInstant;
}

function ms(at: string): number {
  const t = Date.parse(at);
  return Number.isNaN(t) ? -Infinity : t;
}

/** (instant, id) order: the same on every laptop. */
export function orderEvents(events: readonly ProcedureEvent[]): ProcedureEvent[] {
  return [...events].sort(
    (a, b) => ms(a.at) - ms(b.at) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

function minutesBetween(from: string | undefined, to: string): number | undefined {
  if (from === undefined) return undefined;
  return Math.max(0, Math.round(((ms(to) - ms(from)) / 60_000) * 10) / 10);
}

export function stepById(template: ProcedureTemplate, stepId: string): ProcedureStep | undefined {
  return templateSteps(template).find(({ step }) => step.id === stepId)?.step;
}

export function deriveRun(
  template: ProcedureTemplate,
  run: Pick<ProcedureRunDoc, 'events'>,
): RunState {
  const steps: Record<string, StepState> = {};
  const all = templateSteps(template);
  for (const { section, step } of all) {
    steps[step.id] = {
      stepId: step.id,
      sectionId: section.id,
      status: 'pending',
      attempts: 0,
      confirmedIrreversible: false,
      evidence: [],
      allEvidence: [],
      approvals: [],
    };
  }
  const events = orderEvents(run.events);
  let mode: RunMode = 'forward';
  let status: RunState['status'] = 'in-progress';
  let modePlan: string[] | undefined;
  let enteredFrom: string | undefined;
  let completedAt: string | undefined;
  const handovers: RunState['handovers'] = [];
  for (const e of events) {
    const s = e.stepId === undefined ? undefined : steps[e.stepId];
    switch (e.kind) {
      case 'step-started':
        if (!s) break;
        if (s.status !== 'in-progress') {
          s.attempts++;
          s.startedAt = e.at;
          s.evidence = [];
          s.finishedAt = undefined;
          s.actualMinutes = undefined;
          s.reason = undefined;
        }
        s.status = 'in-progress';
        s.by = e.by;
        if (e.confirmedIrreversible) s.confirmedIrreversible = true;
        break;
      case 'evidence-attached':
        if (!s || e.evidence === undefined) break;
        s.evidence.push(e.evidence);
        s.allEvidence.push(e.evidence);
        break;
      case 'step-done':
      case 'step-failed':
      case 'step-skipped':
        if (!s) break;
        if (s.attempts === 0) {
          s.attempts = 1;
          s.startedAt ??= e.at;
        }
        s.status =
          e.kind === 'step-done' ? 'done' : e.kind === 'step-failed' ? 'failed' : 'skipped';
        s.finishedAt = e.at;
        s.actualMinutes = minutesBetween(s.startedAt, e.at);
        s.by = e.by;
        s.reason = e.reason;
        s.branch = e.kind === 'step-done' ? e.branch : undefined;
        break;
      case 'step-waived':
        // A pre-check that passed after all stays done; otherwise the waiver finishes it.
        if (!s || s.status === 'done') break;
        s.status = 'waived';
        s.finishedAt = e.at;
        s.by = e.by;
        s.reason = e.reason;
        break;
      case 'approval-given':
        if (!s) break;
        s.approvals.push({
          by: e.by,
          at: e.at,
          ...(e.expiresAt !== undefined ? { expiresAt: e.expiresAt } : {}),
          ...(e.account !== undefined ? { account: e.account } : {}),
        });
        break;
      case 'rollback-entered':
      case 'forward-fix-entered': {
        const next: RunMode = e.kind === 'rollback-entered' ? 'rollback' : 'forward-fix';
        // First entry wins; a rollback may still turn into a forward fix, never the reverse.
        if (mode === next || (mode === 'forward-fix' && next === 'rollback')) break;
        mode = next;
        modePlan = (e.steps ?? []).filter((id) => steps[id] !== undefined);
        enteredFrom = e.stepId;
        break;
      }
      case 'paused':
        if (status !== 'completed') status = 'paused';
        break;
      case 'resumed':
        if (status === 'paused') status = 'in-progress';
        break;
      case 'completed':
        status = 'completed';
        completedAt ??= e.at;
        break;
      case 'started':
        break;
      case 'credential-handed-over':
        if (e.handover !== undefined) handovers.push({ ...e.handover, by: e.by, at: e.at });
        break;
    }
  }
  const mainOrder = all.filter(({ section }) => section.kind === 'main').map(({ step }) => step.id);
  const plan = mode === 'forward' ? mainOrder : (modePlan ?? []);
  if (mode === 'forward' && template.kind === 'troubleshooting')
    applyBranches(template, plan, steps);
  const finished = (st: StepStatus) =>
    st === 'done' || st === 'skipped' || st === 'bypassed' || st === 'waived';
  const currentStepId = plan.find((id) => !finished(steps[id]!.status));
  return {
    mode,
    status,
    ...(enteredFrom !== undefined ? { enteredFrom } : {}),
    plan,
    ...(currentStepId !== undefined ? { currentStepId } : {}),
    steps,
    events,
    handovers,
    ...(completedAt !== undefined ? { completedAt } : {}),
  };
}

/** Marks the steps a chosen branch jumps over, and everything after a finished fix leaf. */
function applyBranches(
  template: ProcedureTemplate,
  plan: string[],
  steps: Record<string, StepState>,
): void {
  let i = 0;
  while (i < plan.length) {
    const id = plan[i]!;
    const st = steps[id]!;
    const step = stepById(template, id)!;
    if (st.status !== 'done') {
      i++;
      continue;
    }
    if (step.end) {
      for (const rest of plan.slice(i + 1))
        if (steps[rest]!.status === 'pending') steps[rest]!.status = 'bypassed';
      return;
    }
    const target = st.branch === undefined ? -1 : plan.indexOf(st.branch);
    if (target > i) {
      for (const skipped of plan.slice(i + 1, target)) {
        if (steps[skipped]!.status === 'pending') steps[skipped]!.status = 'bypassed';
      }
      i = target;
    } else i++;
  }
}

/**
 * The step an engineer resumes at: the step `who` last started and has not finished, when it
 * is still in the plan; otherwise the run's current step.
 */
export function resumeStepFor(state: RunState, who: string): string | undefined {
  for (let i = state.events.length - 1; i >= 0; i--) {
    const e = state.events[i]!;
    if (e.by !== who || e.stepId === undefined) continue;
    if (e.kind === 'step-started' && state.steps[e.stepId]?.status === 'in-progress') {
      return state.plan.includes(e.stepId) ? e.stepId : state.currentStepId;
    }
    break;
  }
  return state.currentStepId;
}

export interface RollbackPlan {
  /** Rollback steps that undo what was done, in the order they run. */
  steps: string[];
  /** The reversible steps (done, or failed part-way) they undo, latest first. */
  undoes: string[];
  /** An irreversible step already done: nothing before it can be rolled back. */
  blockedBy?: string;
  /** Forward-fix steps offered instead (of `blockedBy`, or of the failed irreversible step). */
  forwardFix: string[];
}

/**
 * What "roll back from the last reversible checkpoint" would run when `failedStepId` fails:
 * walking back from the failed step (included when it is reversible, it may be half applied)
 * through the done steps, each reversible step adds its rollback steps, until an irreversible
 * step is met. A rollback step named by several steps runs once, at its last position (so a
 * shared verification runs at the end).
 */
export function rollbackPlan(
  template: ProcedureTemplate,
  state: RunState,
  failedStepId: string,
): RollbackPlan {
  const order = templateSteps(template)
    .filter(({ section }) => section.kind === 'main')
    .map(({ step }) => step);
  const at = order.findIndex((s) => s.id === failedStepId);
  const collected: string[] = [];
  const undoes: string[] = [];
  let blocked: ProcedureStep | undefined;
  for (let i = at; i >= 0; i--) {
    const step = order[i]!;
    const st = state.steps[step.id]!;
    const touched =
      i === at ? st.status !== 'pending' && st.status !== 'skipped' : st.status === 'done';
    if (!touched || step.checkpoint === undefined) continue;
    if (step.checkpoint.class === 'irreversible') {
      blocked = step;
      break;
    }
    undoes.push(step.id);
    collected.push(...step.checkpoint.rollback);
  }
  const steps = collected.filter((id, i) => collected.lastIndexOf(id) === i);
  const forwardFix =
    blocked?.checkpoint?.class === 'irreversible' ? blocked.checkpoint.forwardFix : [];
  return {
    steps,
    undoes,
    ...(blocked !== undefined ? { blockedBy: blocked.id } : {}),
    forwardFix,
  };
}

export interface PathStep {
  stepId: string;
  /** The step's `step-done`: when and by whom. */
  at: IsoInstant;
  by: string;
  /** The branch the pasted output chose (its label), for a question step. */
  branch?: StepBranch;
  /** A fix leaf: the guide ended here. */
  end: boolean;
}

/**
 * The path a troubleshooting guide took, in order: the steps done on the current plan with the
 * branch each question chose, what an incident's page shows of a guide started from it.
 */
export function troubleshootingPath(template: ProcedureTemplate, state: RunState): PathStep[] {
  const out: PathStep[] = [];
  for (const id of state.plan) {
    const st = state.steps[id]!;
    if (st.status !== 'done' || st.finishedAt === undefined) continue;
    const step = stepById(template, id)!;
    const branch =
      st.branch === undefined ? undefined : step.branches?.find((b) => b.goTo === st.branch);
    out.push({
      stepId: id,
      at: st.finishedAt,
      by: st.by ?? '',
      ...(branch !== undefined ? { branch } : {}),
      end: step.end === true,
    });
  }
  return out;
}
