import { describe, expect, it } from 'vitest';
import type { ProcedureRunDoc } from '../../db/types';
import { DCE5_MINOR_UPGRADE_V2 } from '../../policy/procedures/index';
import { InputError } from '../errors';
import { deriveRun } from './derive';
import {
  attachEvidence,
  completeStep,
  failStep,
  giveApproval,
  startRun,
  startStep,
  validApproval,
  waiveStep,
} from './procedure-ops';
import type { Actor } from './procedure-ops';
import { accountMayAct, eventRoleProblem, pushedEventProblems } from './roles';

const ZONE = 'Asia/Shanghai';
const WANG: Actor = {
  by: 'wang',
  zone: ZONE,
  account: { userId: 'u-wang', username: 'wang', role: 'engineer' },
};
const ZHAO: Actor = {
  by: 'zhao',
  zone: ZONE,
  account: { userId: 'u-zhao', username: 'zhao', role: 'engineer' },
};
const LI: Actor = {
  by: 'li',
  zone: ZONE,
  account: { userId: 'u-li', username: 'li', role: 'lead' },
};
const LOCAL_WANG: Actor = { by: '王磊', zone: ZONE };
const LOCAL_LI: Actor = { by: '李主管', zone: ZONE };

function clock(start = Date.parse('2026-12-20T14:00:00Z')) {
  let t = start;
  return () => {
    t += 60_000;
    return new Date(t).toISOString();
  };
}

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as InputError).code;
  }
  return undefined;
}

function newRun(now: () => string, who: Actor): ProcedureRunDoc {
  return startRun(
    {
      customerId: 'C1',
      siteId: 'S1',
      siteZone: ZONE,
      templateId: 'dce5-minor-upgrade',
      templateVersion: 2,
      clusterId: 'K1',
      fromVersion: '5.0.3',
      toVersion: '5.1.0',
    },
    who,
    now(),
  );
}

describe('step roles against the server roles of signed-in accounts', () => {
  it('maps each step role to the account roles that may act in it', () => {
    expect(accountMayAct('engineer', 'engineer')).toBe(true);
    expect(accountMayAct('lead-engineer', 'engineer')).toBe(false);
    expect(accountMayAct('lead-engineer', 'lead')).toBe(true);
    expect(accountMayAct('approver', 'engineer')).toBe(false);
    expect(accountMayAct('approver', 'admin')).toBe(true);
    expect(accountMayAct('customer-admin', 'engineer')).toBe(true);
  });

  it('records the account on every event and refuses a lead-engineer step to an engineer account', () => {
    const now = clock();
    let run = newRun(now, WANG);
    expect(run.events[0]!.account).toEqual(WANG.account);
    run = attachEvidence(
      run,
      'nodes-ready',
      { kind: 'output', text: 'm1   Ready   control-plane   9d   v1.27.5\n' },
      WANG,
      now(),
    );
    expect(run.events.at(-1)!.account).toEqual(WANG.account);
    // change-approval is the lead engineer's: an engineer account may not start, do or fail it.
    expect(codeOf(() => startStep(run, 'change-approval', WANG, now()))).toBe(
      'procedureRoleNotAllowed',
    );
    expect(codeOf(() => failStep(run, 'change-approval', 'no ticket', WANG, now()))).toBe(
      'procedureRoleNotAllowed',
    );
    expect(
      codeOf(() =>
        attachEvidence(run, 'change-approval', { kind: 'value', text: 'CHG-1' }, WANG, now()),
      ),
    ).toBe('procedureRoleNotAllowed');
    // The lead may.
    run = attachEvidence(run, 'change-approval', { kind: 'value', text: 'CHG-1' }, LI, now());
    expect(deriveRun(DCE5_MINOR_UPGRADE_V2, run).steps['change-approval']!.status).toBe(
      'in-progress',
    );
  });

  it('a name that is not the signed-in account is refused', () => {
    const now = clock();
    const forged: Actor = { ...WANG, by: 'li' };
    expect(codeOf(() => newRun(now, forged))).toBe('procedureAccountMismatch');
  });

  it('in a signed-in run the approver is a second signed-in account with the approver role', () => {
    const now = clock();
    let run = newRun(now, LI);
    run = attachEvidence(run, 'change-approval', { kind: 'value', text: 'CHG-7' }, LI, now());
    // The executor cannot approve; an engineer account lacks the role; a typed name is refused.
    expect(codeOf(() => giveApproval(run, 'change-approval', LI, now()))).toBe(
      'procedureApproverIsExecutor',
    );
    expect(codeOf(() => giveApproval(run, 'change-approval', ZHAO, now()))).toBe(
      'procedureRoleNotAllowed',
    );
    expect(codeOf(() => giveApproval(run, 'change-approval', LOCAL_WANG, now()))).toBe(
      'procedureApproverNotSignedIn',
    );
    const admin: Actor = {
      by: 'root',
      zone: ZONE,
      account: { userId: 'u-root', username: 'root', role: 'admin' },
    };
    run = giveApproval(run, 'change-approval', admin, now());
    const st = deriveRun(DCE5_MINOR_UPGRADE_V2, run).steps['change-approval']!;
    expect(st.approvals[0]!.account).toEqual(admin.account);
    expect(validApproval(st, 'li', now())?.by).toBe('root');
    // Waivers are approver decisions too.
    run = failStep(run, 'disk-free', '/var/lib 仅余 8%', LI, now());
    expect(codeOf(() => waiveStep(run, 'disk-free', '清理后复查', ZHAO, now()))).toBe(
      'procedureRoleNotAllowed',
    );
    expect(codeOf(() => waiveStep(run, 'disk-free', '清理后复查', LOCAL_LI, now()))).toBe(
      'procedureApproverNotSignedIn',
    );
    run = waiveStep(run, 'disk-free', '清理后复查', admin, now());
    expect(deriveRun(DCE5_MINOR_UPGRADE_V2, run).steps['disk-free']!.status).toBe('waived');
  });

  it('a run started on an unsigned laptop takes typed names, not checked against roles', () => {
    const now = clock();
    let run = newRun(now, LOCAL_WANG);
    run = attachEvidence(
      run,
      'change-approval',
      { kind: 'value', text: 'CHG-2' },
      LOCAL_WANG,
      now(),
    );
    run = giveApproval(run, 'change-approval', LOCAL_LI, now());
    run = completeStep(run, 'change-approval', LOCAL_WANG, now());
    const st = deriveRun(DCE5_MINOR_UPGRADE_V2, run).steps['change-approval']!;
    expect(st.status).toBe('done');
    expect(st.approvals[0]).not.toHaveProperty('account');
  });

  it('the server check refuses new events under another account or with a forged role', () => {
    const now = clock();
    let run = newRun(now, WANG);
    const stored = new Set(run.events.map((e) => e.id));
    run = attachEvidence(
      run,
      'nodes-ready',
      { kind: 'output', text: 'm1   Ready   control-plane   9d   v1.27.5\n' },
      WANG,
      now(),
    );
    const wang = { userId: 'u-wang', role: 'engineer' as const };
    expect(pushedEventProblems(DCE5_MINOR_UPGRADE_V2, run, stored, wang)).toEqual([]);
    // Pushed by someone else: the new events (step started, evidence) are not theirs.
    const byLi = pushedEventProblems(DCE5_MINOR_UPGRADE_V2, run, stored, {
      userId: 'u-li',
      role: 'lead',
    });
    expect(byLi.map((p) => p.code)).toEqual([
      'procedureAccountNotPusher',
      'procedureAccountNotPusher',
    ]);
    // A client that writes a lead role into its own event to do a lead step.
    const forged: ProcedureRunDoc = {
      ...run,
      events: [
        ...run.events,
        {
          id: 'EVFORGED',
          kind: 'step-started',
          at: now(),
          by: 'wang',
          zone: ZONE,
          stepId: 'change-approval',
          account: { userId: 'u-wang', username: 'wang', role: 'lead' },
        },
      ],
    };
    expect(pushedEventProblems(DCE5_MINOR_UPGRADE_V2, forged, stored, wang)).toMatchObject([
      { eventId: 'EVFORGED', code: 'procedureAccountNotPusher' },
    ]);
    // And one that keeps its true role: the step role refuses it.
    const honest: ProcedureRunDoc = {
      ...forged,
      events: forged.events.map((e) =>
        e.id === 'EVFORGED' ? { ...e, account: { ...e.account!, role: 'engineer' } } : e,
      ),
    };
    expect(pushedEventProblems(DCE5_MINOR_UPGRADE_V2, honest, stored, wang)).toMatchObject([
      { eventId: 'EVFORGED', code: 'procedureRoleNotAllowed', role: 'lead-engineer' },
    ]);
    // Events already stored are not checked again.
    expect(eventRoleProblem(DCE5_MINOR_UPGRADE_V2, run, run.events[0]!)).toBeUndefined();
  });
});

describe('credential hand-over list', () => {
  it('records accounts handed over on a deployment, never on an upgrade, and derives the list', async () => {
    const { recordHandover } = await import('./procedure-ops');
    const { DCE5_INSTALL_CHECKLIST_V1 } = await import('../../policy/procedures/index');
    const now = clock();
    let run = startRun(
      {
        customerId: 'C1',
        siteId: 'S1',
        siteZone: ZONE,
        templateId: 'dce5-install-checklist',
        templateVersion: 1,
      },
      LOCAL_WANG,
      now(),
    );
    const line = {
      system: 'DCE 5 控制台',
      account: 'admin',
      scope: '平台管理员',
      handedTo: '张主任',
      channel: '现场当面',
    };
    run = recordHandover(run, { ...line, rotateWithinDays: 7 }, LOCAL_WANG, now());
    expect(
      codeOf(() => recordHandover(run, { ...line, rotateWithinDays: 0 }, LOCAL_WANG, now())),
    ).toBe('procedureRotateDays');
    expect(codeOf(() => recordHandover(run, { ...line, handedTo: ' ' }, LOCAL_WANG, now()))).toBe(
      'required',
    );
    const state = deriveRun(DCE5_INSTALL_CHECKLIST_V1, run);
    expect(state.handovers).toEqual([
      expect.objectContaining({ ...line, rotateWithinDays: 7, by: '王磊' }),
    ]);
    const upgrade = newRun(now, LOCAL_WANG);
    expect(codeOf(() => recordHandover(upgrade, line, LOCAL_WANG, now()))).toBe(
      'procedureNotDeployment',
    );
  });
});
