/**
 * Step roles against the roles of sync-server accounts.
 *
 * A template step names the role that may do it (`ProcedureStep.role`, and `approval.role` for
 * its approval); the sync server gives every account one role (`engineer`, `lead`, `admin`).
 * On a signed-in laptop an event carries the account (`ProcedureEvent.account`) and the rule
 * below is enforced: by the operations on the laptop (procedure-ops.ts) and again by the server
 * on every event a push adds (`pushedEventProblems`), so an edited client cannot sidestep it.
 *
 * On a laptop that is not signed in there is no account to check: the event holds the typed
 * name only and is shown (and printed) as "not verified". A run whose `started` event was made
 * signed in is an authenticated run: its approvals and waivers must then come from a second
 * signed-in account, a typed name is refused.
 */
import type { EventAccount, ProcedureEvent, ProcedureRunDoc } from '../../db/types';
import { templateSteps } from '../../policy/procedures/index';
import type { ProcedureRole, ProcedureTemplate } from '../../policy/procedures/types';

export type AccountRole = EventAccount['role'];

/**
 * The account roles that may act in each step role. Customer administrators have no account on
 * the service's server: their steps are done by them in front of the engineer, who records them
 * (the step's signature evidence is the customer's), so any account may record such a step.
 * Approving a change and waiving a gating pre-check are a lead's or an admin's.
 */
export const STEP_ROLE_ACCOUNTS: Readonly<Record<ProcedureRole, readonly AccountRole[]>> = {
  engineer: ['engineer', 'lead', 'admin'],
  'lead-engineer': ['lead', 'admin'],
  'customer-admin': ['engineer', 'lead', 'admin'],
  approver: ['lead', 'admin'],
};

/** Waivers of gating pre-checks are decisions of the approver role. */
export const WAIVER_ROLE: ProcedureRole = 'approver';

export function accountMayAct(stepRole: ProcedureRole, account: AccountRole): boolean {
  return STEP_ROLE_ACCOUNTS[stepRole].includes(account);
}

/** The run was started by a signed-in account: approvals and waivers need one too. */
export function isAuthenticatedRun(run: Pick<ProcedureRunDoc, 'events'>): boolean {
  return run.events.find((e) => e.kind === 'started')?.account !== undefined;
}

/** Step events whose role is the step's own role (approvals and waivers have theirs). */
const STEP_WORK: ReadonlySet<ProcedureEvent['kind']> = new Set([
  'step-started',
  'step-done',
  'step-failed',
  'step-skipped',
  'evidence-attached',
]);

export interface RoleProblem {
  eventId: string;
  code:
    | 'procedureRoleNotAllowed'
    | 'procedureApproverNotSignedIn'
    | 'procedureAccountMismatch'
    | 'procedureAccountNotPusher';
  /** The role the step needs, for the message. */
  role?: ProcedureRole;
}

/**
 * The role problem of one event of `run` (or undefined): the step role (or approval / waiver
 * role) against the account's role; in an authenticated run, approvals and waivers without an
 * account; an account whose username is not `by`.
 */
export function eventRoleProblem(
  template: ProcedureTemplate,
  run: Pick<ProcedureRunDoc, 'events'>,
  e: ProcedureEvent,
): RoleProblem | undefined {
  if (e.account !== undefined && e.account.username !== e.by) {
    return { eventId: e.id, code: 'procedureAccountMismatch' };
  }
  const step =
    e.stepId === undefined
      ? undefined
      : templateSteps(template).find(({ step: s }) => s.id === e.stepId)?.step;
  let role: ProcedureRole | undefined;
  if (e.kind === 'approval-given') role = step?.approval?.role;
  else if (e.kind === 'step-waived') role = WAIVER_ROLE;
  else if (STEP_WORK.has(e.kind)) role = step?.role;
  if (role === undefined) return undefined;
  const decision = e.kind === 'approval-given' || e.kind === 'step-waived';
  if (e.account === undefined) {
    return decision && isAuthenticatedRun(run)
      ? { eventId: e.id, code: 'procedureApproverNotSignedIn', role }
      : undefined;
  }
  return accountMayAct(role, e.account.role)
    ? undefined
    : { eventId: e.id, code: 'procedureRoleNotAllowed', role };
}

/**
 * What the server refuses in a pushed run: every event not in the stored version (`storedIds`)
 * is checked with `eventRoleProblem`, and an event that names an account must name the account
 * that pushes it (its id and its current role): nobody can record work under another account.
 */
export function pushedEventProblems(
  template: ProcedureTemplate,
  run: Pick<ProcedureRunDoc, 'events'>,
  storedIds: ReadonlySet<string>,
  pusher: { userId: string; role: AccountRole },
): RoleProblem[] {
  const problems: RoleProblem[] = [];
  for (const e of run.events) {
    if (storedIds.has(e.id)) continue;
    if (
      e.account !== undefined &&
      (e.account.userId !== pusher.userId || e.account.role !== pusher.role)
    ) {
      problems.push({ eventId: e.id, code: 'procedureAccountNotPusher' });
      continue;
    }
    const p = eventRoleProblem(template, run, e);
    if (p !== undefined) problems.push(p);
  }
  return problems;
}
