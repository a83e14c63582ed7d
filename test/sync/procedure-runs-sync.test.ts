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
import { DCE5_MINOR_UPGRADE_V1 } from '../../src-shared/policy/procedures';
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
});
