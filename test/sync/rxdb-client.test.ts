/**
 * Conformance with RxDB: real RxDB databases (memory storage) replicating through RxDB's own
 * replication plugin against the real server, with the app's schemas and conflict handlers.
 * Two laptops of one engineer and one of another engineer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VisitDoc } from '../../src-shared/db/types';
import { visit } from './docs';
import { eventually, laptop, plain, type Laptop } from './rxdb-laptop';
import { startWorld, type World } from './setup';

describe('RxDB replication against the server', () => {
  let w: World;
  const laptops: Laptop[] = [];

  beforeAll(async () => {
    w = await startWorld('pglite');
  }, 120_000);

  afterAll(async () => {
    for (const l of laptops) await l.close().catch(() => undefined);
    await w?.close();
  });

  it('two laptops converge, a third of another engineer sees nothing, edits offline merge', async () => {
    const a = await laptop(w.eng1);
    const b = await laptop(w.eng1);
    const c = await laptop(w.eng2);
    laptops.push(a, b, c);

    const docs = Array.from({ length: 30 }, () => visit(w.c1, 'SITE1'));
    for (let i = 0; i < docs.length; i += 10) {
      await a.visits.bulkInsert(
        docs.slice(i, i + 10).map((d) => {
          const { _deleted: _d, ...fields } = d;
          return fields as unknown as VisitDoc;
        }),
      );
    }
    await a.replication.awaitInSync();
    await eventually(async () => (await b.visits.count().exec()) === 30);
    await c.replication.awaitInSync();
    expect(await c.visits.count().exec()).toBe(0);
    const server = await w.eng1.pullAll('visits');
    expect(server.documents.map((d) => d.id).sort()).toEqual(docs.map((d) => d.id).sort());

    // Both laptops go offline and edit the same visit, different fields.
    const id = docs[0]?.id ?? '';
    await a.replication.pause();
    await b.replication.pause();
    const onA = await a.visits.findOne(id).exec();
    const onB = await b.visits.findOne(id).exec();
    await onA?.incrementalPatch({
      summary: '巡检完成',
      updatedAt: '2026-03-06T12:00:00.000+08:00',
    });
    await onB?.incrementalPatch({
      status: 'checked-in',
      updatedAt: '2026-03-06T11:00:00.000+08:00',
    });

    await a.replication.start();
    await a.replication.awaitInSync();
    await b.replication.start();
    await b.replication.awaitInSync();
    a.replication.reSync();
    await eventually(async () => {
      const x = await a.visits.findOne(id).exec();
      const y = await b.visits.findOne(id).exec();
      return (
        x !== null &&
        y !== null &&
        JSON.stringify(plain(x.toJSON() as VisitDoc)) ===
          JSON.stringify(plain(y.toJSON() as VisitDoc))
      );
    });
    const merged = (await a.visits.findOne(id).exec())?.toJSON() as VisitDoc;
    // Neither edit is lost.
    expect(merged.summary).toBe('巡检完成');
    expect(merged.status).toBe('checked-in');
    const onServer = (await w.admin.pullAll('visits')).documents.find((d) => d.id === id);
    expect(plain(onServer as unknown as VisitDoc)).toEqual(plain(merged));
  }, 60_000);
});
