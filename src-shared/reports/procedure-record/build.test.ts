/**
 * The procedure records say, for every approval and waiver, whether the server vouches for who
 * gave it: a signed-in account ("verified account") or a name typed on a laptop that was not
 * signed in ("typed offline, not verified"), in the record's language.
 */
import { describe, expect, it } from 'vitest';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { ProcedureRunDoc } from '../../db/types';
import type { Actor } from '../../domain/procedures/procedure-ops';
import {
  attachEvidence,
  failStep,
  giveApproval,
  startRun,
  waiveStep,
} from '../../domain/procedures/procedure-ops';
import { DCE5_INSTALL_CHECKLIST_V1, DCE5_MINOR_UPGRADE_V2 } from '../../policy/procedures/index';
import { buildImplementationRecord } from '../kinds/implementation-record/build';
import { sampleImplementationRecordSnapshot } from '../kinds/implementation-record/sample';
import { validateImplementationRecordSnapshot } from '../kinds/implementation-record/snapshot';
import { buildUpgradeRecord } from '../kinds/upgrade-record/build';
import { upgradeRecordFrom, validateUpgradeRecordSnapshot } from '../kinds/upgrade-record/snapshot';
import type { UpgradeRecordSnapshot } from '../kinds/upgrade-record/snapshot';
import { procedureRecordMessages } from './messages';

const WANG: Actor = { by: '王磊', zone: 'Asia/Shanghai' };
/** A lead signed in to the sync server on her laptop. */
const ZHAO: Actor = {
  by: 'zhaomin',
  zone: 'Asia/Shanghai',
  account: { userId: 'U-ZHAO', username: 'zhaomin', role: 'lead' },
};
/** A second person whose name was typed on a laptop that was not signed in. */
const LI: Actor = { by: '李主管', zone: 'Asia/Shanghai' };

function clock(start = Date.parse('2026-12-20T14:00:00Z')) {
  let t = start;
  return () => {
    t += 60_000;
    return new Date(t).toISOString();
  };
}

/** Every string of a pdfmake node, in order. */
function texts(node: unknown): string[] {
  if (typeof node === 'string') return [node];
  if (Array.isArray(node)) return node.flatMap(texts);
  if (node === null || typeof node !== 'object') return [];
  const o = node as Record<string, unknown>;
  return ['text', 'stack', 'ol', 'ul', 'columns', 'table', 'body'].flatMap((k) =>
    k in o ? texts(o[k]) : [],
  );
}

/** Rows (as the strings of each cell) of the table whose header has `header`. */
function tableWith(def: TDocumentDefinitions, header: string): string[][] {
  const found: string[][][] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node === null || typeof node !== 'object') return;
    const o = node as { table?: { body: unknown[][] }; stack?: Content[] };
    if (o.table !== undefined) {
      const rows = o.table.body.map((r) => r.map((c) => texts(c).join(' ')));
      if (rows[0]?.includes(header)) found.push(rows.slice(1));
    }
    for (const k of ['stack', 'columns', 'ol', 'ul'] as const)
      walk((o as Record<string, unknown>)[k]);
  };
  walk(def.content);
  expect(found).toHaveLength(1);
  return found[0]!;
}

function upgradeRun(): { run: ProcedureRunDoc; snapshot: UpgradeRecordSnapshot } {
  const now = clock();
  let run = startRun(
    {
      customerId: 'C1',
      siteId: 'S1',
      siteZone: 'Asia/Shanghai',
      templateId: 'dce5-minor-upgrade',
      templateVersion: 2,
      clusterId: 'K1',
      fromVersion: '5.0.3',
      toVersion: '5.1.0',
    },
    WANG,
    now(),
  );
  // An approval from the signed-in lead, one typed on the executor's unsigned laptop.
  run = giveApproval(run, 'change-approval', ZHAO, now());
  run = giveApproval(run, 'change-approval', LI, now());
  for (const [stepId, who] of [
    ['velero-backup', ZHAO],
    ['disk-free', LI],
  ] as const) {
    run = attachEvidence(run, stepId, { kind: 'output', text: 'x 91% /var/lib\n' }, WANG, now());
    run = failStep(run, stepId, '检查未通过', WANG, now());
    run = waiveStep(run, stepId, '已另行确认', who, now());
  }
  const snapshot = upgradeRecordFrom({
    run,
    template: DCE5_MINOR_UPGRADE_V2,
    documentNumber: 'FB-UPG-20261220-0001',
    issuedAt: now(),
    customer: { name: '客户' },
    site: { name: '机房', timeZone: 'Asia/Shanghai' },
    engineers: [{ name: '王磊' }],
    customerRepresentatives: [],
  });
  return { run, snapshot };
}

describe('procedure records: verified approvers and typed names', () => {
  it('the snapshot keeps whether each approval and waiver came from a signed-in account', () => {
    const { snapshot } = upgradeRun();
    expect(snapshot.approvals.map((a) => [a.by, a.verified, a.account])).toEqual([
      ['zhaomin', true, { username: 'zhaomin', role: 'lead' }],
      ['李主管', false, undefined],
    ]);
    expect(snapshot.waivers.map((w) => [w.stepId, w.by, w.verified])).toEqual([
      ['velero-backup', 'zhaomin', true],
      ['disk-free', '李主管', false],
    ]);
    expect(validateUpgradeRecordSnapshot(JSON.parse(JSON.stringify(snapshot)))).toMatchObject({
      ok: true,
    });
  });

  it('refuses a record that calls a typed name verified, or an account another name', () => {
    const { snapshot } = upgradeRun();
    const [verified, typed] = snapshot.approvals as [
      UpgradeRecordSnapshot['approvals'][number],
      UpgradeRecordSnapshot['approvals'][number],
    ];
    for (const approvals of [
      [verified, { ...typed, verified: true }],
      [{ ...verified, verified: false }, typed],
      [{ ...verified, by: '李主管' }, typed],
    ]) {
      const v = validateUpgradeRecordSnapshot({ ...snapshot, approvals });
      expect(v.ok).toBe(false);
    }
    const waivers = [{ ...snapshot.waivers[0]!, account: { username: 'zhaomin', role: 'root' } }];
    expect(validateUpgradeRecordSnapshot({ ...snapshot, waivers }).ok).toBe(false);
  });

  for (const lang of ['zh', 'en'] as const) {
    it(`the upgrade record marks each approver and waiver in ${lang}`, () => {
      const pm = procedureRecordMessages(lang);
      const def = buildUpgradeRecord(upgradeRun().snapshot, lang);
      const rows = tableWith(def, pm.colApprover);
      expect(rows.map((r) => r[1])).toEqual([
        `zhaomin ${pm.verifiedAccount}`,
        `李主管 ${pm.typedName}`,
      ]);
      const all = texts(def.content).join('\n');
      const waiverLines = all.split('\n').filter((t) => t.includes('已另行确认'));
      expect(waiverLines).toHaveLength(2);
      expect(waiverLines[0]).toContain(`zhaomin${pm.verifiedAccount}`);
      expect(waiverLines[1]).toContain(`李主管${pm.typedName}`);
      expect(all).toContain(pm.deciderNote);
      // Only the record's own language.
      const other = procedureRecordMessages(lang === 'zh' ? 'en' : 'zh');
      expect(all).not.toContain(other.verifiedAccount);
      expect(all).not.toContain(other.typedName);
    });
  }

  it('the zh and en marks are the ones the customer reads', () => {
    expect(procedureRecordMessages('zh')).toMatchObject({
      verifiedAccount: '（已验证账号）',
      typedName: '（本机录入，未验证）',
    });
    expect(procedureRecordMessages('en')).toMatchObject({
      verifiedAccount: '(verified account)',
      typedName: '(typed offline, not verified)',
    });
  });

  it('a record made before the mark was kept prints neither mark nor note', () => {
    const { snapshot } = upgradeRun();
    const older = {
      ...snapshot,
      approvals: snapshot.approvals.map(({ verified: _v, account: _a, ...a }) => a),
      waivers: snapshot.waivers.map(({ verified: _v, account: _a, ...w }) => w),
    };
    expect(validateUpgradeRecordSnapshot(older).ok).toBe(true);
    for (const lang of ['zh', 'en'] as const) {
      const pm = procedureRecordMessages(lang);
      const def = buildUpgradeRecord(older, lang);
      expect(tableWith(def, pm.colApprover).map((r) => r[1])).toEqual(['zhaomin', '李主管']);
      const all = texts(def.content).join('\n');
      expect(all).not.toContain(pm.verifiedAccount);
      expect(all).not.toContain(pm.typedName);
      expect(all).not.toContain(pm.deciderNote);
    }
  });

  it('the implementation record (same body) marks them too', () => {
    const sample = sampleImplementationRecordSnapshot();
    const stepId = DCE5_INSTALL_CHECKLIST_V1.sections[0]!.steps[0]!.id;
    const snapshot = {
      ...sample,
      approvals: [
        {
          stepId,
          by: 'zhaomin',
          at: '2026-12-20T14:05:00.000Z',
          verified: true,
          account: { username: 'zhaomin', role: 'lead' as const },
        },
        { stepId, by: '李主管', at: '2026-12-20T14:06:00.000Z', verified: false },
      ],
    };
    expect(validateImplementationRecordSnapshot(snapshot).ok).toBe(true);
    for (const lang of ['zh', 'en'] as const) {
      const pm = procedureRecordMessages(lang);
      const rows = tableWith(buildImplementationRecord(snapshot, lang), pm.colApprover);
      expect(rows.map((r) => r[1])).toEqual([
        `zhaomin ${pm.verifiedAccount}`,
        `李主管 ${pm.typedName}`,
      ]);
    }
  });
});
