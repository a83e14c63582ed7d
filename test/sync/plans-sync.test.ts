/**
 * Plans through the real server: two laptops of one engineer edit one plan while offline —
 * different machines, and the same machine — and converge with nothing lost; the plan stays
 * within its customer (another engineer neither pulls it nor may push to it); a malformed plan
 * is refused by the server with the field named; a plan marked ready with error findings is
 * refused with each rule id and pointer (the editor's own check), a draft with the same errors
 * and a ready plan without errors are accepted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanDoc } from '../../src-shared/db/types';
import { planDocFields } from '../../src-shared/domain/planning/plan-doc';
import { samplePlan } from '../../src-shared/domain/planning/sample-plan';
import { collectionLaptop, eventually, type CollectionLaptop } from './rxdb-laptop';
import { startWorld, type World } from './setup';

describe('plans replicate, merge per row and stay within their customer', () => {
  let w: World;
  const laptops: CollectionLaptop<'plans'>[] = [];

  beforeAll(async () => {
    w = await startWorld('pglite');
  }, 120_000);

  afterAll(async () => {
    for (const l of laptops) await l.close().catch(() => undefined);
    await w?.close();
  });

  function planDoc(id: string, customerId: string): PlanDoc {
    let n = 0;
    return {
      id,
      customerId,
      clusterId: 'K1',
      status: 'draft',
      ...planDocFields(samplePlan(), () => `${id}-r${++n}`),
      createdAt: '2026-12-01T09:00:00.000+08:00',
      updatedAt: '2026-12-01T09:00:00.000+08:00',
    };
  }

  it('keeps both laptops’ machine edits and the losing version of a machine edited twice', async () => {
    const a = await collectionLaptop(w.eng1, 'plans');
    const b = await collectionLaptop(w.eng1, 'plans');
    laptops.push(a, b);
    const doc = planDoc('PLAN1', w.c1);
    await a.collection.insert(doc);
    await a.replication.awaitInSync();
    await eventually(async () => (await b.collection.findOne(doc.id).exec()) !== null);

    await a.replication.pause();
    await b.replication.pause();
    const edit = async (l: CollectionLaptop<'plans'>, at: string, op: (d: PlanDoc) => void) => {
      const current = await l.collection.findOne(doc.id).exec();
      await current?.incrementalModify((d) => {
        op(d);
        d.updatedAt = at;
        return d;
      });
    };
    await edit(a, '2026-12-02T10:00:00.000+08:00', (d) => {
      d.machines[1]!.cpu = 32; // dce-master-01
      d.machines[4]!.nics[2]!.address = '10.20.30.41'; // dce-worker-01
    });
    await edit(b, '2026-12-02T10:05:00.000+08:00', (d) => {
      d.machines[4]!.nics[2]!.address = '10.20.30.51';
      d.machines[6]!.memoryGiB = 128; // dce-worker-03
      d.ntpServers = ['10.20.0.1'];
    });

    await a.replication.start();
    await a.replication.awaitInSync();
    await b.replication.start();
    await b.replication.awaitInSync();
    a.replication.reSync();
    const stateOf = async (l: CollectionLaptop<'plans'>) => {
      const d = (await l.collection.findOne(doc.id).exec())?.toMutableJSON();
      return JSON.stringify([
        d?.machines.map((m) => [m.cpu, m.memoryGiB, m.nics[2]?.address]),
        d?.ntpServers,
        d?.mergeHistory?.length,
      ]);
    };
    await eventually(async () => {
      const [x, y] = [await stateOf(a), await stateOf(b)];
      return x === y && x.includes('10.20.0.1') && x.includes('32');
    });
    const merged = (await a.collection.findOne(doc.id).exec())!.toMutableJSON();
    expect(merged.machines[1]!.cpu).toBe(32);
    expect(merged.machines[6]!.memoryGiB).toBe(128);
    expect(merged.ntpServers).toEqual(['10.20.0.1']);
    // The same machine edited on both: the later edit wins, the other is kept.
    expect(merged.machines[4]!.nics[2]!.address).toBe('10.20.30.51');
    expect(merged.mergeHistory).toHaveLength(1);
    expect(merged.mergeHistory![0]!.field).toBe(`machines/${doc.machines[4]!.rowId}`);
    expect(JSON.parse(merged.mergeHistory![0]!.value)).toMatchObject({
      hostname: 'dce-worker-01',
      cpu: 16,
    });
    const onServer = (await w.admin.pullAll('plans')).documents.find((d) => d.id === doc.id);
    expect((onServer as unknown as PlanDoc).mergeHistory).toHaveLength(1);
  }, 60_000);

  it('another customer’s engineer neither pulls the plan nor may write it', async () => {
    const doc = planDoc('PLAN2', w.c1);
    expect(await w.eng1.push('plans', [{ newDocumentState: { ...doc, _deleted: false } }])).toEqual(
      [],
    );
    const seen = (await w.eng2.pullAll('plans')).documents.map((d) => d.id);
    expect(seen).not.toContain('PLAN2');
    expect((await w.eng1.pullAll('plans')).documents.map((d) => d.id)).toContain('PLAN2');
    const res = await w.eng2.pushRaw('plans', [
      {
        assumedMasterState: null,
        newDocumentState: { ...doc, id: 'PLAN3', customerId: w.c1, _deleted: false },
      },
    ]);
    expect(res.status).toBe(403);
    expect((await w.admin.pullAll('plans')).documents.map((d) => d.id)).not.toContain('PLAN3');
  });

  it('refuses a malformed plan with the field named, and writes nothing', async () => {
    const doc = planDoc('PLAN4', w.c1) as unknown as Record<string, unknown>;
    const bad = { ...doc, machines: [{ hostname: 'x' }], _deleted: false };
    const res = await w.eng1.pushRaw('plans', [{ newDocumentState: bad }]);
    expect(res.status).toBe(422);
    expect(JSON.stringify(res.body)).toContain('/machines/0');
    expect((await w.admin.pullAll('plans')).documents.map((d) => d.id)).not.toContain('PLAN4');
  });

  it('refuses a plan marked ready that has error findings, naming each rule and field', async () => {
    const doc = planDoc('PLAN5', w.c1);
    // Two control-plane nodes (dce-master-03 becomes a worker) and a duplicate address.
    doc.machines[3]!.roles = ['worker'];
    doc.machines[5]!.nics[2]!.address = doc.machines[4]!.nics[2]!.address;
    const ready = { ...doc, status: 'ready' as const, readyAt: doc.updatedAt, _deleted: false };
    const res = await w.eng1.pushRaw('plans', [{ newDocumentState: ready }]);
    expect(res.status).toBe(422);
    const body = res.body as {
      code: string;
      message: string;
      fieldErrors: { index: number; id: string; path: string; message: string }[];
    };
    expect(body.code).toBe('invalid_document');
    expect(body.message).toContain('marked ready with error findings');
    const found = body.fieldErrors.map((e) => `${e.path} ${e.message.split(':')[0]}`);
    expect(found).toContain('/machines/5/nics/2/address duplicate-ip');
    expect(found.some((f) => f.endsWith(' control-plane-count'))).toBe(true);
    expect(body.fieldErrors.every((e) => e.id === 'PLAN5' && e.index === 0)).toBe(true);
    expect(body.fieldErrors.find((e) => e.message.startsWith('duplicate-ip'))!.message).toMatch(
      /10\.20\.30\.\d+/,
    );
    expect((await w.admin.pullAll('plans')).documents.map((d) => d.id)).not.toContain('PLAN5');

    // The same plan as a draft is stored (a plan is written with its findings) …
    const draft = { ...ready, status: 'draft' as const };
    expect(await w.eng1.push('plans', [{ newDocumentState: draft }])).toEqual([]);
    // … and marked ready once fixed.
    const fixed = structuredClone(ready);
    fixed.machines[3]!.roles = ['control-plane', 'etcd'];
    fixed.machines[5]!.nics[2]!.address = planDoc('X', w.c1).machines[5]!.nics[2]!.address;
    expect(
      await w.eng1.push('plans', [{ assumedMasterState: draft, newDocumentState: fixed }]),
    ).toEqual([]);
    const stored = (await w.admin.pullAll('plans')).documents.find((d) => d.id === 'PLAN5');
    expect((stored as unknown as PlanDoc).status).toBe('ready');
  });

  it('does not let a warning stop a ready plan, nor an accepted error pass', async () => {
    const doc = planDoc('PLAN6', w.c1);
    doc.dnsServers = []; // missing-dns is a warning
    doc.machines[3]!.roles = ['worker']; // control-plane-count is an error …
    // … which cannot be accepted away.
    doc.acceptedWarnings = [
      {
        rule: 'control-plane-count',
        path: '/machines',
        reason: '客户只有两台',
        acceptedBy: '张伟',
      },
    ];
    const res = await w.eng1.pushRaw('plans', [
      { newDocumentState: { ...doc, status: 'ready', _deleted: false } },
    ]);
    expect(res.status).toBe(422);
    expect(JSON.stringify(res.body)).toContain('control-plane-count');
    expect(JSON.stringify(res.body)).not.toContain('missing-dns');
  });
});
