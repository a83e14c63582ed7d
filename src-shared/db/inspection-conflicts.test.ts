import { describe, expect, it } from 'vitest';
import type { WithDeleted } from 'rxdb';
import { CONFLICT_HANDLERS, documentsEqual } from './conflicts';
import { mergeHistories, mergeInspections } from './inspection-conflicts';
import { compileJsonSchema } from './json-validator';
import { inspectionSchema } from './schemas/inspections';
import type { InspectionAnswer, InspectionDoc } from './types';

const T0 = '2026-11-23T09:00:00.000+08:00';

function at(minutes: number): string {
  return new Date(Date.parse(T0) + minutes * 60_000).toISOString();
}

const base: WithDeleted<InspectionDoc> = {
  id: 'I1',
  customerId: 'C1',
  siteId: 'S1',
  templateId: 'dce-s360-inspection',
  templateVersion: 2,
  packId: 'dce-support',
  clusters: [
    {
      clusterId: 'K1',
      nodes: [
        { name: 'master-1', role: 'control-plane' },
        { name: 'worker-1', role: 'worker' },
      ],
    },
  ],
  engineers: ['王磊'],
  startedAt: T0,
  status: 'in-progress',
  answers: [],
  findingEdits: [],
  overallEvaluation: '',
  history: [],
  createdAt: T0,
  updatedAt: T0,
  _deleted: false,
};

function answer(
  itemId: string,
  fields: Partial<InspectionAnswer>,
  minutes: number,
  node?: string,
): InspectionAnswer {
  return {
    key: node === undefined ? `K1/${itemId}` : `K1/${itemId}@${node}`,
    clusterId: 'K1',
    itemId,
    ...(node !== undefined ? { node } : {}),
    evidence: [],
    ...fields,
    updatedAt: at(minutes),
  };
}

function withAnswers(
  doc: WithDeleted<InspectionDoc>,
  answers: InspectionAnswer[],
  minutes: number,
): WithDeleted<InspectionDoc> {
  const byKey = new Map(doc.answers.map((a) => [a.key, a]));
  for (const a of answers) byKey.set(a.key, a);
  return { ...doc, answers: [...byKey.values()], updatedAt: at(minutes) };
}

describe('inspection schema', () => {
  const validate = compileJsonSchema(inspectionSchema);
  it('accepts a document with answers, finding edits and history', () => {
    const { _deleted: _d, ...doc } = withAnswers(
      {
        ...base,
        visitId: 'V1',
        findingEdits: [{ id: 'K1/etcd-db-size', risk: 'critical', updatedAt: at(3) }],
        history: [{ target: 'answer:K1/coredns', at: at(1), value: '{}', supersededAt: at(2) }],
      },
      [answer('etcd-db-size', { value: 82, note: '碎片整理前', by: '王磊' }, 2)],
      3,
    );
    expect(validate(doc)).toEqual([]);
  });
  it('refuses unknown results, a missing cluster list and answers without a clock', () => {
    const { _deleted: _d, ...doc } = base;
    expect(validate({ ...doc, clusters: [] })).not.toEqual([]);
    expect(
      validate({ ...doc, answers: [{ ...answer('coredns', {}, 1), result: 'ok' }] }),
    ).not.toEqual([]);
    const { updatedAt: _u, ...noClock } = answer('coredns', { result: 'pass' }, 1);
    expect(validate({ ...doc, answers: [noClock] })).not.toEqual([]);
    expect(validate({ ...doc, status: 'draft' })).not.toEqual([]);
  });
});

describe('mergeInspections', () => {
  it('keeps answers of different checks from both laptops', () => {
    const master = withAnswers(base, [answer('coredns', { result: 'pass' }, 5)], 5);
    const local = withAnswers(
      base,
      [answer('node-cpu', { value: 91 }, 4, 'worker-1'), answer('ingress', { result: 'fail' }, 6)],
      6,
    );
    const merged = mergeInspections({
      assumedMasterState: base,
      realMasterState: master,
      newDocumentState: local,
    });
    expect(merged.answers.map((a) => a.key).sort()).toEqual(
      ['K1/coredns', 'K1/ingress', 'K1/node-cpu@worker-1'].sort(),
    );
    expect(merged.history).toEqual([]);
  });

  it('gives a check both edited to the later edit and keeps the other in history', () => {
    const master = withAnswers(base, [answer('etcd-db-size', { value: 40 }, 10)], 10);
    // Wrong clock on the laptop does not matter for the document; the answer's own time does.
    const local = withAnswers(base, [answer('etcd-db-size', { value: 88, by: '陈静' }, 12)], 9);
    const merged = mergeInspections({
      assumedMasterState: base,
      realMasterState: master,
      newDocumentState: local,
    });
    expect(merged.answers).toHaveLength(1);
    expect(merged.answers[0]?.value).toBe(88);
    expect(merged.history).toHaveLength(1);
    expect(merged.history[0]).toMatchObject({
      target: 'answer:K1/etcd-db-size',
      at: at(10),
      supersededAt: at(12),
    });
    expect(JSON.parse(merged.history[0]!.value)).toMatchObject({ value: 40 });
  });

  it('takes the changed side when only one side changed a check', () => {
    const seen = withAnswers(base, [answer('coredns', { result: 'pass' }, 1)], 1);
    const master = withAnswers(seen, [answer('coredns', { result: 'fail' }, 2)], 2);
    const local = { ...seen, overallEvaluation: '整体运行稳定', updatedAt: at(3) };
    const merged = mergeInspections({
      assumedMasterState: seen,
      realMasterState: master,
      newDocumentState: local,
    });
    expect(merged.answers[0]?.result).toBe('fail');
    expect(merged.overallEvaluation).toBe('整体运行稳定');
    expect(merged.history).toEqual([]);
  });

  it('keeps the losing overall evaluation text and unites engineers and histories', () => {
    const h1 = { target: 'answer:K1/a', at: at(1), value: '{"x":1}', supersededAt: at(2) };
    const h2 = { target: 'answer:K1/b', at: at(3), value: '{"x":2}', supersededAt: at(4) };
    const master = {
      ...base,
      overallEvaluation: '主版本',
      engineers: ['王磊', '李娜'],
      history: [h1],
      updatedAt: at(20),
    };
    const local = {
      ...base,
      overallEvaluation: '本地版本',
      engineers: ['王磊', '陈静'],
      history: [h1, h2],
      updatedAt: at(15),
    };
    const merged = mergeInspections({
      assumedMasterState: base,
      realMasterState: master,
      newDocumentState: local,
    });
    expect(merged.overallEvaluation).toBe('主版本');
    expect(merged.engineers).toEqual(['王磊', '李娜', '陈静']);
    expect(merged.history.map((h) => h.target)).toEqual([
      'answer:K1/a',
      'answer:K1/b',
      'overallEvaluation',
    ]);
    expect(merged.history[2]).toMatchObject({ value: '"本地版本"', at: at(15) });
  });

  it('merges finding edits per finding', () => {
    const master = {
      ...base,
      findingEdits: [{ id: 'K1/a', risk: 'low' as const, updatedAt: at(5) }],
      updatedAt: at(5),
    };
    const local = {
      ...base,
      findingEdits: [
        { id: 'K1/a', risk: 'critical' as const, updatedAt: at(7) },
        { id: 'K1/b', recommendation: '扩容', updatedAt: at(6) },
      ],
      updatedAt: at(7),
    };
    const merged = mergeInspections({
      assumedMasterState: base,
      realMasterState: master,
      newDocumentState: local,
    });
    expect(merged.findingEdits).toEqual(local.findingEdits);
    expect(merged.history.map((h) => h.target)).toEqual(['finding:K1/a']);
  });

  it('is the handler registered for the collection', async () => {
    const master = withAnswers(base, [answer('coredns', { result: 'pass' }, 5)], 5);
    const local = withAnswers(base, [answer('ingress', { result: 'pass' }, 5)], 5);
    const resolved = await CONFLICT_HANDLERS.inspections.resolve(
      { assumedMasterState: base, realMasterState: master, newDocumentState: local },
      'test',
    );
    expect(resolved.answers).toHaveLength(2);
    expect(CONFLICT_HANDLERS.inspections.isEqual(master, { ...master }, 'test')).toBe(true);
  });

  it('history union is idempotent and ordered', () => {
    const h = { target: 't', at: at(1), value: '1', supersededAt: at(2) };
    const g = { target: 't', at: at(0), value: '0', supersededAt: at(2) };
    expect(mergeHistories([h, g], [h])).toEqual([g, h]);
  });
});

/** mulberry32: a small seeded PRNG, so a failing run can be replayed from its seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Laptop {
  local: WithDeleted<InspectionDoc>;
  /** The master state this laptop last saw (its replication checkpoint's document). */
  assumed: WithDeleted<InspectionDoc>;
  /** Clock skew of this laptop, minutes. */
  skew: number;
}

/**
 * A replication master as RxDB's protocol has it: a push whose assumed state differs from the
 * current master is a conflict; the laptop resolves it with the handler, writes the result
 * locally and pushes again later. A pull overwrites the local copy only when it has no
 * unpushed changes.
 */
function simulate(seed: number, laptops: number, steps: number) {
  const rand = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  let master: WithDeleted<InspectionDoc> = base;
  const lap: Laptop[] = Array.from({ length: laptops }, () => ({
    local: base,
    assumed: base,
    skew: Math.round((rand() - 0.5) * 120),
  }));
  const keys = ['coredns', 'ingress', 'etcd-db-size', 'cert-expiry'];
  /** Versions (answer values, evaluation texts) that reached a push. */
  const pushed = new Set<string>();
  /** Version → the version of the same field its author saw when writing it. */
  const replaced = new Map<string, string>();
  let clock = 0;
  let serial = 0;

  const versionsOf = (doc: InspectionDoc): string[] => [
    ...doc.answers.map((a) => `${a.key}|${a.value}`),
    `text|${doc.overallEvaluation}`,
  ];
  const push = (l: Laptop): void => {
    if (documentsEqual(l.local, l.assumed)) return;
    for (const v of versionsOf(l.local)) pushed.add(v);
    if (documentsEqual(master, l.assumed)) {
      master = l.local;
      l.assumed = master;
      return;
    }
    l.local = mergeInspections({
      assumedMasterState: l.assumed,
      realMasterState: master,
      newDocumentState: l.local,
    });
    l.assumed = master;
  };
  const pull = (l: Laptop): void => {
    if (documentsEqual(l.local, l.assumed)) {
      l.local = master;
      l.assumed = master;
    }
  };

  for (let s = 0; s < steps; s++) {
    clock += 1;
    const l = pick(lap);
    const r = rand();
    const now = clock + l.skew;
    serial += 1;
    if (r < 0.5) {
      const itemId = pick(keys);
      const seen = l.local.answers.find((a) => a.itemId === itemId);
      if (seen) replaced.set(`K1/${itemId}|${serial}`, `${seen.key}|${seen.value}`);
      l.local = withAnswers(
        l.local,
        [answer(itemId, { value: serial, by: `e${serial}` }, now)],
        now,
      );
    } else if (r < 0.6) {
      replaced.set(`text|text ${serial}`, `text|${l.local.overallEvaluation}`);
      l.local = { ...l.local, overallEvaluation: `text ${serial}`, updatedAt: at(now) };
    } else if (r < 0.85) push(l);
    else pull(l);
  }
  // Everyone comes back online until nothing moves.
  for (let round = 0; round < 10; round++) {
    for (const l of lap) {
      push(l);
      pull(l);
    }
  }
  return { master, lap, pushed, replaced, versionsOf };
}

describe('inspection merge under random replication (2–3 laptops, skewed clocks)', () => {
  it.each(Array.from({ length: 60 }, (_, i) => [i + 1, 2 + (i % 2)]))(
    'seed %i with %i laptops: all converge and no pushed answer is lost',
    (seed, laptops) => {
      const { master, lap, pushed, replaced, versionsOf } = simulate(seed, laptops, 80);
      for (const l of lap) {
        expect(documentsEqual(l.local, master)).toBe(true);
        expect(documentsEqual(l.assumed, master)).toBe(true);
      }
      // Kept: in the document, in its history, or knowingly replaced by a kept version (its
      // author had seen it). Anything else that reached a push would be an edit lost silently.
      const kept = new Set(versionsOf(master));
      for (const h of master.history) {
        const v = JSON.parse(h.value) as InspectionAnswer | string;
        kept.add(typeof v === 'string' ? `text|${v}` : `${v.key}|${v.value}`);
      }
      for (const v of [...kept]) {
        for (let p = replaced.get(v); p !== undefined && !kept.has(p); p = replaced.get(p)) {
          kept.add(p);
        }
      }
      for (const v of pushed) expect(kept, `seed ${seed}: ${v} lost`).toContain(v);
      // One entry per check.
      expect(new Set(master.answers.map((a) => a.key)).size).toBe(master.answers.length);
    },
  );
});
