/**
 * Procedure runs through the real server: two engineers work one upgrade run offline — one on
 * the control plane, one on the workers, both failing and retrying — and their laptops converge
 * on the union of the events, with nothing lost and the same derived state. A third engineer
 * not assigned to the customer never sees the run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProcedureRunDoc } from '../../src-shared/db/types';
import { deriveRun } from '../../src-shared/domain/procedures/derive';
import {
  attachEvidence,
  completeStep,
  failStep,
  giveApproval,
  startRun,
  startStep,
} from '../../src-shared/domain/procedures/procedure-ops';
import type { Actor } from '../../src-shared/domain/procedures/procedure-ops';
import { DCE5_MINOR_UPGRADE_V1, DCE5_MINOR_UPGRADE_V2 } from '../../src-shared/policy/procedures';
import { InputError } from '../../src-shared/domain/errors';
import type { SyncClient } from './client';
import { collectionLaptop, eventually, type CollectionLaptop } from './rxdb-laptop';
import { startWorld, type World } from './setup';

const WANG = { by: '王磊', zone: 'Asia/Shanghai' };
const CHEN = { by: '陈静', zone: 'Europe/Berlin' };

function at(minute: number): string {
  return new Date(Date.parse('2026-12-20T14:00:00Z') + minute * 60_000).toISOString();
}

describe('procedure runs replicate as a union of events', () => {
  let w: World;
  const laptops: CollectionLaptop<'procedureRuns'>[] = [];

  beforeAll(async () => {
    w = await startWorld('pglite');
  }, 120_000);

  afterAll(async () => {
    for (const l of laptops) await l.close().catch(() => undefined);
    await w?.close();
  });

  it('two engineers offline on one run converge with every event of both', async () => {
    const a = await collectionLaptop(w.eng1, 'procedureRuns');
    const b = await collectionLaptop(w.lead, 'procedureRuns');
    const outsider = await collectionLaptop(w.eng2, 'procedureRuns');
    laptops.push(a, b, outsider);

    let run = startRun(
      {
        customerId: w.c1,
        siteId: 'SITE1',
        siteZone: 'Asia/Shanghai',
        templateId: 'dce5-minor-upgrade',
        templateVersion: 1,
        clusterId: 'K1',
        fromVersion: '5.0.3',
        toVersion: '5.1.0',
      },
      WANG,
      at(0),
    );
    run = attachEvidence(
      run,
      'nodes-ready',
      { kind: 'output', text: 'm1   Ready   cp\n' },
      WANG,
      at(1),
    );
    run = completeStep(run, 'nodes-ready', WANG, at(2));
    await a.collection.insert(run);
    await a.replication.awaitInSync();
    await eventually(async () => (await b.collection.findOne(run.id).exec()) !== null);

    await a.replication.pause();
    await b.replication.pause();
    const edit = async (
      l: CollectionLaptop<'procedureRuns'>,
      op: (d: ProcedureRunDoc) => ProcedureRunDoc,
    ) => {
      const current = await l.collection.findOne(run.id).exec();
      await current?.incrementalModify((d) => op(d));
    };
    // Laptop A (王磊, Shanghai): etcd check fails once, then passes on retry.
    await edit(a, (d) => {
      let r = attachEvidence(
        d,
        'etcd-health',
        { kind: 'output', text: '| ep1 | false |' },
        WANG,
        at(10),
      );
      r = failStep(r, 'etcd-health', 'ep1 unhealthy', WANG, at(11));
      r = attachEvidence(
        r,
        'etcd-health',
        { kind: 'output', text: '| ep1 |  true |' },
        WANG,
        at(15),
      );
      r = attachEvidence(r, 'etcd-health', { kind: 'value', text: '3' }, WANG, at(16));
      return completeStep(r, 'etcd-health', WANG, at(17));
    });
    // Laptop B (陈静, on Berlin time): works ahead on the certificates and, not being the
    // executor, approves the change.
    await edit(b, (d) => {
      let r = startStep(d, 'cert-expiry', CHEN, at(12));
      r = attachEvidence(
        r,
        'cert-expiry',
        { kind: 'output', text: 'admin.conf  Dec 01, 2027  362d  ca  no\n' },
        CHEN,
        at(13),
      );
      r = completeStep(r, 'cert-expiry', CHEN, at(14));
      return giveApproval(r, 'change-approval', CHEN, at(18));
    });

    await a.replication.start();
    await a.replication.awaitInSync();
    await b.replication.start();
    await b.replication.awaitInSync();
    a.replication.reSync();
    const eventIds = async (l: CollectionLaptop<'procedureRuns'>) =>
      ((await l.collection.findOne(run.id).exec())?.toMutableJSON().events ?? [])
        .map((e) => e.id)
        .join(',');
    // 4 before going offline (started; nodes-ready started, evidence, done), 7 on A (etcd-health
    // started, evidence, failed, started again, 2 evidence, done), 4 on B (cert-expiry started,
    // evidence, done; approval).
    await eventually(async () => {
      const [x, y] = [await eventIds(a), await eventIds(b)];
      return x === y && x.split(',').length === 4 + 7 + 4;
    });
    const merged = (await a.collection.findOne(run.id).exec())!.toMutableJSON();
    const state = deriveRun(DCE5_MINOR_UPGRADE_V1, merged);
    expect(state.steps['etcd-health']).toMatchObject({ status: 'done', attempts: 2, by: '王磊' });
    expect(state.steps['etcd-health']!.allEvidence).toHaveLength(3);
    expect(state.steps['cert-expiry']).toMatchObject({ status: 'done', by: '陈静' });
    expect(state.steps['change-approval']!.approvals).toEqual([
      expect.objectContaining({ by: '陈静' }),
    ]);
    expect(state.currentStepId).toBe('disk-free');
    expect(merged.events.find((e) => e.by === '陈静')?.zone).toBe('Europe/Berlin');
    expect(merged.mergeHistory).toBeUndefined();
    const fromB = deriveRun(
      DCE5_MINOR_UPGRADE_V1,
      (await b.collection.findOne(run.id).exec())!.toMutableJSON(),
    );
    expect(fromB.steps).toEqual(state.steps);

    const onServer = (await w.admin.pullAll('procedureRuns')).documents.find(
      (d) => d.id === run.id,
    ) as unknown as ProcedureRunDoc;
    expect(onServer.events).toHaveLength(15);
    // Scoped by customer: eng2 is not assigned to c1.
    await outsider.replication.awaitInSync();
    expect(await outsider.collection.findOne(run.id).exec()).toBeNull();
  }, 90_000);

  it('signed in, step roles follow the server roles and the server refuses events under another account', async () => {
    const signedIn = (c: SyncClient): Actor => {
      const u = c.user!;
      return {
        by: u.username,
        zone: 'Asia/Shanghai',
        account: { userId: u.id, username: u.username, role: u.role },
      };
    };
    const eng = signedIn(w.eng1);
    const lead = signedIn(w.lead);
    expect([eng.account!.role, lead.account!.role]).toEqual(['engineer', 'lead']);
    const a = await collectionLaptop(w.eng1, 'procedureRuns');
    const b = await collectionLaptop(w.lead, 'procedureRuns');
    laptops.push(a, b);

    let run = startRun(
      {
        customerId: w.c1,
        siteId: 'SITE1',
        siteZone: 'Asia/Shanghai',
        templateId: 'dce5-minor-upgrade',
        templateVersion: 2,
        clusterId: 'K2',
        fromVersion: '5.0.3',
        toVersion: '5.1.0',
      },
      eng,
      at(0),
    );
    run = attachEvidence(
      run,
      'nodes-ready',
      { kind: 'output', text: 'm1   Ready   cp\n' },
      eng,
      at(1),
    );
    await a.collection.insert(run);
    await a.replication.awaitInSync();
    await eventually(async () => (await b.collection.findOne(run.id).exec()) !== null);

    // The change approval is the approver role's: the engineer's account is refused on the laptop,
    // with the code the UI words; the lead's (a second signed-in account) is accepted and syncs.
    const onA = (await a.collection.findOne(run.id).exec())!.toMutableJSON();
    let refused: unknown;
    try {
      giveApproval(onA, 'change-approval', signedIn(w.eng2), at(2));
    } catch (e) {
      refused = e;
    }
    expect(refused).toBeInstanceOf(InputError);
    expect((refused as InputError).code).toBe('procedureRoleNotAllowed');
    const docB = await b.collection.findOne(run.id).exec();
    await docB!.incrementalModify((d) => giveApproval(d, 'change-approval', lead, at(3)));
    await b.replication.awaitInSync();
    await eventually(async () => {
      const d = await a.collection.findOne(run.id).exec();
      return d !== null && d.toMutableJSON().events.length === 4;
    });
    const synced = (await a.collection.findOne(run.id).exec())!.toMutableJSON();
    expect(deriveRun(DCE5_MINOR_UPGRADE_V2, synced).steps['change-approval']!.approvals).toEqual([
      expect.objectContaining({ by: lead.by, account: lead.account }),
    ]);

    // A client that skips the laptop's rule: the server refuses every forged event, writes nothing.
    const onServer = async () =>
      (await w.admin.pullAll('procedureRuns')).documents.find(
        (d) => d.id === run.id,
      ) as unknown as ProcedureRunDoc;
    const stored = await onServer();
    const forge = (extra: Partial<ProcedureRunDoc['events'][number]>) => ({
      newDocumentState: {
        ...stored,
        events: [
          ...stored.events,
          {
            id: `EV${extra.kind ?? ''}${extra.by ?? ''}`.replace(/[^0-9A-Za-z]/g, ''),
            kind: 'step-started',
            at: at(5),
            by: eng.by,
            zone: 'Asia/Shanghai',
            stepId: 'change-approval',
            account: eng.account,
            ...extra,
          },
        ],
      },
      assumedMasterState: stored,
    });
    const cases = [
      // Under the lead's account, pushed by the engineer.
      [
        forge({ kind: 'approval-given', by: lead.by, account: lead.account }),
        'procedureAccountNotPusher',
      ],
      // Own account, a lead's role written in.
      [forge({ account: { ...eng.account!, role: 'lead' } }), 'procedureAccountNotPusher'],
      // Own account and role: the lead-engineer step is not the engineer's.
      [forge({}), 'procedureRoleNotAllowed'],
      // A typed name as approver in a run started signed in.
      [
        forge({ kind: 'approval-given', by: '李主管', account: undefined }),
        'procedureApproverNotSignedIn',
      ],
    ] as const;
    for (const [row, code] of cases) {
      const res = await w.eng1.pushRaw('procedureRuns', [row]);
      expect(res.status).toBe(403);
      expect(JSON.stringify(res.body)).toContain(`${run.id} event`);
      expect(JSON.stringify(res.body)).toContain(code);
    }
    // The same run with no forged event is accepted (the refusals were the events, not the run).
    const ok = await w.eng1.pushRaw('procedureRuns', [
      {
        newDocumentState: attachEvidence(
          stored,
          'nodes-ready',
          { kind: 'value', text: '3' },
          eng,
          at(6),
        ),
        assumedMasterState: stored,
      },
    ]);
    expect(ok.status).toBe(200);
    expect((await onServer()).events.length).toBe(stored.events.length + 1);
  }, 90_000);
});
