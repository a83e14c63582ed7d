/**
 * Ops records through the real server: two laptops of one engineer edit one change record
 * offline — different fields of the change, and the same field — and converge with nothing lost.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpsRecordDoc } from '../../src-shared/db/types';
import type { OpsRecordPatch } from '../../src-shared/domain/ops/record-ops';
import { createOpsRecord, editOpsRecord } from '../../src-shared/domain/ops/record-ops';
import { collectionLaptop, eventually, type CollectionLaptop } from './rxdb-laptop';
import { startWorld, type World } from './setup';

describe('ops records replicate and merge per field', () => {
  let w: World;
  const laptops: CollectionLaptop<'opsRecords'>[] = [];

  beforeAll(async () => {
    w = await startWorld('pglite');
  }, 120_000);

  afterAll(async () => {
    for (const l of laptops) await l.close().catch(() => undefined);
    await w?.close();
  });

  it('two laptops editing one change record converge, the loser kept', async () => {
    const a = await collectionLaptop(w.eng1, 'opsRecords');
    const b = await collectionLaptop(w.eng1, 'opsRecords');
    laptops.push(a, b);
    const doc = createOpsRecord(
      {
        kind: 'change',
        customerId: w.c1,
        title: 'OSS 前端节点扩容',
        fields: { changeType: 'normal', approval: 'pending', rollbackPlan: '下线新增节点' },
      },
      '2026-09-10T09:00:00.000+08:00',
      'CHG-0007',
    );
    await a.collection.insert(doc);
    await a.replication.awaitInSync();
    await eventually(async () => (await b.collection.findOne(doc.id).exec()) !== null);

    await a.replication.pause();
    await b.replication.pause();
    const edit = async (
      l: CollectionLaptop<'opsRecords'>,
      patch: OpsRecordPatch,
      at: string,
      by: string,
    ) => {
      const current = await l.collection.findOne(doc.id).exec();
      await current?.incrementalModify((d) => editOpsRecord(d, patch, at, by));
    };
    await edit(
      a,
      { state: 'approved', fields: { approval: 'approved', approvedBy: '李明' } },
      '2026-09-10T10:00:00.000+08:00',
      '张伟',
    );
    await edit(
      b,
      { fields: { approval: 'rejected', rollbackPlan: '下线新增节点，恢复 SLB 配置' } },
      '2026-09-10T10:05:00.000+08:00',
      '王芳',
    );

    await a.replication.start();
    await a.replication.awaitInSync();
    await b.replication.start();
    await b.replication.awaitInSync();
    a.replication.reSync();
    const stateOf = async (l: CollectionLaptop<'opsRecords'>) => {
      const d = (await l.collection.findOne(doc.id).exec())?.toMutableJSON();
      return JSON.stringify([d?.state, d?.change, d?.history.length, d?.mergeHistory]);
    };
    await eventually(async () => {
      const [x, y] = [await stateOf(a), await stateOf(b)];
      return x === y && x.includes('恢复 SLB') && x.includes('"approvedBy"');
    });
    const merged = (await a.collection.findOne(doc.id).exec())!.toMutableJSON();
    expect(merged.state).toBe('approved');
    expect(merged.change).toMatchObject({
      approval: 'rejected',
      approvedBy: '李明',
      rollbackPlan: '下线新增节点，恢复 SLB 配置',
    });
    expect(merged.history).toHaveLength(2);
    expect(merged.mergeHistory).toEqual([
      expect.objectContaining({ field: 'change.approval', value: '"approved"' }),
    ]);
    const onServer = (await w.admin.pullAll('opsRecords')).documents.find((d) => d.id === doc.id);
    expect((onServer as unknown as OpsRecordDoc).mergeHistory).toHaveLength(1);
  }, 60_000);
});
