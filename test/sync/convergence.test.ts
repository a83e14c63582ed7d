/**
 * Randomised interleavings (seeded, so a failure replays): three RxDB laptops of one engineer go
 * offline and online at random and edit the same visits meanwhile, with wrong clocks. After
 * everyone is back online, every laptop holds the same state as the server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VisitDoc, VisitStatus } from '../../src-shared/db/types';
import { visit } from './docs';
import { eventually, laptop, plain, type Laptop } from './rxdb-laptop';
import { startWorld, type World } from './setup';

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STATUSES: VisitStatus[] = ['planned', 'checked-in', 'checked-out'];

function instant(rand: () => number): string {
  // Laptop clocks are wrong: any minute of March 2026.
  const day = 1 + Math.floor(rand() * 28);
  const minute = Math.floor(rand() * 24 * 60);
  const hh = String(Math.floor(minute / 60)).padStart(2, '0');
  const mm = String(minute % 60).padStart(2, '0');
  return `2026-03-${String(day).padStart(2, '0')}T${hh}:${mm}:00.000+08:00`;
}

describe.each([20260306, 424242])('random offline interleavings (seed %i)', (seed) => {
  let w: World;
  const laptops: Laptop[] = [];

  beforeAll(async () => {
    w = await startWorld('pglite');
  }, 120_000);

  afterAll(async () => {
    for (const l of laptops) await l.close().catch(() => undefined);
    await w?.close();
  });

  it('three laptops converge on the server state', async () => {
    const rand = mulberry32(seed);
    for (let i = 0; i < 3; i++) laptops.push(await laptop(w.eng1));
    const [first] = laptops;
    if (!first) throw new Error('no laptop');
    const docs = Array.from({ length: 8 }, () => visit(w.c1, 'SITE1'));
    await first.visits.bulkInsert(
      docs.map((d) => {
        const { _deleted: _d, ...fields } = d;
        return fields as unknown as VisitDoc;
      }),
    );
    await first.replication.awaitInSync();
    for (const l of laptops) await eventually(async () => (await l.visits.count().exec()) === 8);

    for (let round = 0; round < 4; round++) {
      const offline = laptops.filter(() => rand() < 0.6);
      for (const l of offline) await l.replication.pause();
      for (const [n, l] of laptops.entries()) {
        const edits = 1 + Math.floor(rand() * 3);
        for (let k = 0; k < edits; k++) {
          const id = docs[Math.floor(rand() * docs.length)]?.id ?? '';
          const doc = await l.visits.findOne(id).exec();
          const field = Math.floor(rand() * 3);
          const tag = `r${round}-l${n}-e${k}`;
          const updatedAt = instant(rand);
          if (field === 0) await doc?.incrementalPatch({ summary: `巡检 ${tag}`, updatedAt });
          else if (field === 1) {
            const status = STATUSES[Math.floor(rand() * STATUSES.length)] ?? 'planned';
            await doc?.incrementalPatch({ status, updatedAt });
          } else await doc?.incrementalPatch({ engineers: [`工程师 ${tag}`], updatedAt });
        }
      }
      for (const l of offline) await l.replication.start();
      for (const l of laptops) await l.replication.awaitInSync();
    }

    const serverState = async () =>
      JSON.stringify(
        (await w.eng1.pullAll('visits')).documents
          .map((d) => plain(d as unknown as VisitDoc))
          .sort((a, b) => a.id.localeCompare(b.id)),
      );
    const laptopState = async (l: Laptop) =>
      JSON.stringify(
        (await l.visits.find().exec())
          .map((d) => plain(d.toJSON() as VisitDoc))
          .sort((a, b) => a.id.localeCompare(b.id)),
      );
    await eventually(async () => {
      for (const l of laptops) {
        l.replication.reSync();
        await l.replication.awaitInSync();
      }
      const s = await serverState();
      for (const l of laptops) if ((await laptopState(l)) !== s) return false;
      return true;
    }, 30_000);
    const final = JSON.parse(await serverState()) as unknown[];
    expect(final).toHaveLength(8);
  }, 90_000);
});
