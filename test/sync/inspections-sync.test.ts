/**
 * Inspections through the real server: two laptops of one engineer answer one inspection while
 * offline — different checks, and the same check — and converge with nothing lost.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterDoc, InspectionDoc } from '../../src-shared/db/types';
import { answerCheck, startInspection } from '../../src-shared/domain/inspection-ops';
import { collectionLaptop, eventually, type CollectionLaptop } from './rxdb-laptop';
import { startWorld, type World } from './setup';

describe('inspections replicate and merge per check', () => {
  let w: World;
  const laptops: CollectionLaptop<'inspections'>[] = [];

  beforeAll(async () => {
    w = await startWorld('pglite');
  }, 120_000);

  afterAll(async () => {
    for (const l of laptops) await l.close().catch(() => undefined);
    await w?.close();
  });

  it('keeps both laptops’ answers and the losing version of a check answered twice', async () => {
    const a = await collectionLaptop(w.eng1, 'inspections');
    const b = await collectionLaptop(w.eng1, 'inspections');
    laptops.push(a, b);
    const cluster: ClusterDoc = {
      id: 'K1',
      customerId: w.c1,
      siteId: 'SITE1',
      name: 'prod',
      environment: 'prod',
      product: 'DCE',
      version: '5.0.3',
      controlPlaneNodes: 1,
      workerNodes: 2,
      createdAt: '2026-03-06T09:00:00.000+08:00',
      updatedAt: '2026-03-06T09:00:00.000+08:00',
    };
    const doc = startInspection(
      { customerId: w.c1, siteId: 'SITE1', clusters: [{ cluster }], engineers: ['王磊'] },
      '2026-03-06T09:30:00.000+08:00',
    );
    await a.collection.insert(doc);
    await a.replication.awaitInSync();
    await eventually(async () => (await b.collection.findOne(doc.id).exec()) !== null);

    await a.replication.pause();
    await b.replication.pause();
    const edit = async (
      l: CollectionLaptop<'inspections'>,
      op: (d: InspectionDoc) => InspectionDoc,
    ) => {
      const current = await l.collection.findOne(doc.id).exec();
      await current?.incrementalModify((d) => op(d));
    };
    await edit(a, (d) =>
      answerCheck(
        answerCheck(
          d,
          { clusterId: 'K1', itemId: 'coredns' },
          { result: 'pass' },
          '2026-03-06T10:00:00.000+08:00',
          '王磊',
        ),
        { clusterId: 'K1', itemId: 'etcd-db-size' },
        { value: 40 },
        '2026-03-06T10:01:00.000+08:00',
        '王磊',
      ),
    );
    await edit(b, (d) =>
      answerCheck(
        answerCheck(
          d,
          { clusterId: 'K1', itemId: 'node-cpu', node: 'worker-02' },
          { value: 95 },
          '2026-03-06T10:02:00.000+08:00',
          '陈静',
        ),
        { clusterId: 'K1', itemId: 'etcd-db-size' },
        { value: 82, note: '复测' },
        '2026-03-06T10:05:00.000+08:00',
        '陈静',
      ),
    );

    await a.replication.start();
    await a.replication.awaitInSync();
    await b.replication.start();
    await b.replication.awaitInSync();
    a.replication.reSync();
    const answersOf = async (l: CollectionLaptop<'inspections'>) =>
      ((await l.collection.findOne(doc.id).exec())?.toMutableJSON().answers ?? [])
        .map((x) => `${x.key}=${x.result ?? ''}${x.value ?? ''}`)
        .sort()
        .join(',');
    await eventually(async () => {
      const [x, y] = [await answersOf(a), await answersOf(b)];
      return x === y && x.split(',').length === 3;
    });
    const merged = (await a.collection.findOne(doc.id).exec())!.toMutableJSON();
    expect(merged.answers.find((x) => x.itemId === 'coredns')?.result).toBe('pass');
    expect(merged.answers.find((x) => x.itemId === 'node-cpu')?.value).toBe(95);
    // The later edit of the same check wins; the other is kept in the history.
    expect(merged.answers.find((x) => x.itemId === 'etcd-db-size')).toMatchObject({
      value: 82,
      note: '复测',
      by: '陈静',
    });
    expect(merged.history).toHaveLength(1);
    expect(merged.history[0]?.target).toBe('answer:K1/etcd-db-size');
    expect(JSON.parse(merged.history[0]!.value)).toMatchObject({ value: 40, by: '王磊' });
    const onServer = (await w.admin.pullAll('inspections')).documents.find((d) => d.id === doc.id);
    expect((onServer as unknown as InspectionDoc).history).toHaveLength(1);
  }, 60_000);
});
