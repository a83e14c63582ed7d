import { getValidator as getAjvValidator } from 'rxdb/plugins/validate-ajv';
import { getValidator as getZSchemaValidator } from 'rxdb/plugins/validate-z-schema';
import { describe, expect, it } from 'vitest';
import { compileJsonSchema } from '../db/json-validator';
import { COLLECTION_NAMES, COLLECTION_SCHEMAS } from '../db/schemas/index';
import type { BaseDoc, CollectionName } from '../db/types';
import { idTimestamp } from './ids';
import { incidentSlaStatus } from './incident-ops';
import { inspectionState } from './inspection-ops';
import { buildSampleWorkspace, sampleWorkspaceIds, sampleWorkspaceSize } from './sample-workspace';
import type { SampleWorkspace } from './sample-workspace';

const NOWS = [
  new Date('2026-11-23T06:30:00Z'), // Monday afternoon in China
  new Date('2026-11-21T16:10:00Z'), // Sunday 00:10 in China
  new Date('2026-10-05T02:00:00Z'), // National Day holiday
  new Date('2027-02-12T09:00:00Z'), // Spring Festival holiday
  new Date('2026-03-30T01:00:00Z'), // the day after Europe's DST change
];

// The renderer validates with json-validator; ajv and z-schema must accept the documents too.
const validators = Object.fromEntries(
  COLLECTION_NAMES.map((name) => {
    const ajv = getAjvValidator(COLLECTION_SCHEMAS[name] as never);
    const zs = getZSchemaValidator(COLLECTION_SCHEMAS[name] as never);
    const own = compileJsonSchema(COLLECTION_SCHEMAS[name]);
    return [
      name,
      (doc: unknown) => [...(ajv(doc) as unknown[]), ...(zs(doc) as unknown[]), ...own(doc)],
    ];
  }),
) as Record<CollectionName, (doc: unknown) => unknown[]>;

function docsOf(ws: SampleWorkspace): [CollectionName, BaseDoc][] {
  return COLLECTION_NAMES.flatMap((name) =>
    ws[name].map((doc) => [name, doc] as [CollectionName, BaseDoc]),
  );
}

const ms = (iso: string) => Date.parse(iso);

describe.each(NOWS.map((now) => [now.toISOString(), now] as const))(
  'sample workspace at %s',
  (_label, now) => {
    const ws = buildSampleWorkspace(now);
    const nowMs = now.getTime();

    it('validates every document against its collection schema', () => {
      for (const [name, doc] of docsOf(ws)) {
        expect(validators[name](doc), `${name} ${doc.id}`).toEqual([]);
      }
    });

    it('has one completed and one in-progress inspection whose figures derive', () => {
      expect(ws.inspections.map((i) => i.status).sort()).toEqual(['completed', 'in-progress']);
      for (const doc of ws.inspections) {
        const clusters = ws.clusters.filter((c) => doc.clusters.some((x) => x.clusterId === c.id));
        expect(clusters).toHaveLength(doc.clusters.length);
        expect(ms(doc.startedAt)).toBeLessThan(nowMs);
        const state = inspectionState(doc, clusters, doc.startedAt.slice(0, 10));
        expect(state.score.score).not.toBeNull();
        expect(state.findings.length).toBeGreaterThan(0);
        const answered = state.checks.filter((c) => c.result !== null).length;
        if (doc.status === 'completed') {
          expect(answered).toBe(state.checks.length);
          expect(doc.overallEvaluation).not.toBe('');
          expect(ms(doc.finishedAt ?? '')).toBeLessThan(nowMs);
          expect(ws.visits.some((v) => v.id === doc.visitId)).toBe(true);
        } else {
          expect(answered).toBeGreaterThan(0);
          expect(answered).toBeLessThan(state.checks.length);
        }
      }
    });

    it('has unique ids and consistent references', () => {
      const ids = docsOf(ws).map(([, d]) => d.id);
      expect(new Set(ids).size).toBe(ids.length);
      const byId = <T extends BaseDoc>(list: T[]) => new Map(list.map((d) => [d.id, d]));
      const customers = byId(ws.customers);
      const sites = byId(ws.sites);
      const clusters = byId(ws.clusters);
      const contracts = byId(ws.contracts);
      const visits = byId(ws.visits);
      const entries = byId(ws.visitLogEntries);

      for (const c of ws.customers) expect(c.customerId).toBe(c.id);
      for (const [, d] of docsOf(ws)) expect(customers.has(d.customerId), d.id).toBe(true);
      for (const s of ws.sites) expect(customers.has(s.customerId)).toBe(true);
      for (const c of ws.clusters) expect(sites.get(c.siteId)?.customerId).toBe(c.customerId);
      for (const k of ws.contracts) {
        for (const s of k.siteIds) expect(sites.get(s)?.customerId).toBe(k.customerId);
        for (const c of k.clusterIds) {
          expect(clusters.get(c)?.customerId).toBe(k.customerId);
          expect(k.siteIds).toContain(clusters.get(c)?.siteId);
        }
      }
      for (const v of ws.visits) {
        expect(sites.get(v.siteId)?.customerId).toBe(v.customerId);
        if (v.contractId !== undefined) {
          expect(contracts.get(v.contractId)?.siteIds).toContain(v.siteId);
        }
      }
      for (const e of ws.visitLogEntries) {
        expect(visits.get(e.visitId)?.customerId).toBe(e.customerId);
        if (e.correctsEntryId !== undefined) {
          expect(entries.get(e.correctsEntryId)?.visitId).toBe(e.visitId);
        }
      }
      for (const i of ws.incidents) {
        expect(sites.get(i.siteId)?.customerId).toBe(i.customerId);
        const k = contracts.get(i.contractId);
        expect(k?.customerId).toBe(i.customerId);
        expect(k?.siteIds).toContain(i.siteId);
        expect(i.tier).toBe(k?.tier);
        expect(i.packId).toBe(k?.packId);
        if (i.clusterId !== undefined) expect(clusters.get(i.clusterId)?.siteId).toBe(i.siteId);
      }
    });

    it('has coherent times, all in the past', () => {
      for (const [name, d] of docsOf(ws)) {
        expect(ms(d.createdAt) <= ms(d.updatedAt), `${name} ${d.id}`).toBe(true);
        expect(ms(d.updatedAt) <= nowMs, `${name} ${d.id} updatedAt`).toBe(true);
        // ids encode their creation time (seeded ids are still time-ordered)
        expect(idTimestamp(d.id) <= nowMs).toBe(true);
      }
      const visits = new Map(ws.visits.map((v) => [v.id, v]));
      for (const v of ws.visits) {
        if (v.checkInAt !== undefined) expect(ms(v.checkInAt) <= nowMs).toBe(true);
        if (v.checkOutAt !== undefined) expect(ms(v.checkInAt ?? '') < ms(v.checkOutAt)).toBe(true);
        if (v.status === 'planned')
          expect(v.plannedDate! > now.toISOString().slice(0, 10)).toBe(true);
      }
      for (const e of ws.visitLogEntries) {
        const v = visits.get(e.visitId)!;
        expect(ms(e.at) >= ms(v.checkInAt!)).toBe(true);
        expect(ms(e.at) <= (v.checkOutAt === undefined ? nowMs : ms(v.checkOutAt))).toBe(true);
      }
      for (const i of ws.incidents) {
        let previous = ms(i.openedAt);
        for (const ev of i.timeline) {
          expect(ms(ev.at) >= previous, `${i.title}: ${ev.kind}`).toBe(true);
          previous = ms(ev.at);
        }
        expect(previous <= nowMs).toBe(true);
        for (const p of i.pauses) expect(ms(p.start) >= ms(i.openedAt)).toBe(true);
      }
    });

    it('is deterministic for the same now', () => {
      expect(buildSampleWorkspace(new Date(nowMs))).toEqual(ws);
    });

    it('covers the situations the app must show', () => {
      const site = (id: string) => ws.sites.find((s) => s.id === id)!;
      const at = (level: string, status: string) =>
        ws.incidents.filter((i) => i.level === level && i.status === status);

      const l1 = at('1', 'open')[0]!;
      expect(l1.tier).toBe('professional');
      const l1Status = incidentSlaStatus(l1, site(l1.siteId), now);
      expect(l1Status.nextHourlyUpdateAt).not.toBeNull();
      expect(l1.timeline.filter((e) => e.kind === 'update').length).toBeGreaterThanOrEqual(2);

      const l2 = at('2', 'open').find((i) => i.tier === 'standard')!;
      expect(incidentSlaStatus(l2, site(l2.siteId), now).breached).toBe(true);

      const l3 = at('3', 'paused')[0]!;
      expect(l3.pauses.at(-1)).toMatchObject({ reason: 'waiting-for-customer-information' });
      expect(l3.pauses.at(-1)?.end).toBeUndefined();

      const l4 = ws.incidents.find((i) => i.level === '4')!;
      expect(l4.closure?.state).toBe('transferred-to-customer');

      const p1 = ws.incidents.find((i) => i.level === 'P1')!;
      expect(p1.packId).toBe('private-cloud-ops');
      expect(ws.incidents.every((i) => i.timeline.length >= 1)).toBe(true);
      expect(ws.incidents.filter((i) => i.timeline.length >= 4).length).toBeGreaterThanOrEqual(4);

      expect(new Set(ws.visits.map((v) => v.status))).toEqual(
        new Set(['planned', 'checked-in', 'checked-out']),
      );
      expect(ws.visitLogEntries.some((e) => e.correctsEntryId !== undefined)).toBe(true);
      expect(
        ws.visitLogEntries.some(
          (e) => e.command?.startsWith('kubectl') && (e.output ?? '').includes('Ready'),
        ),
      ).toBe(true);
      expect(ws.visitLogEntries.some((e) => e.command?.includes('etcdctl'))).toBe(true);

      const versions = ws.clusters.map((c) => `${c.product} ${c.version}`);
      for (const re of [
        /^DCE 5\.0\./,
        /^DCE 5\.1\./,
        /^DCE 4\.0\./,
        /^DCE 3\./,
        /^Apsara Stack /,
        /^ZStack /,
      ]) {
        expect(
          versions.some((v) => re.test(v)),
          String(re),
        ).toBe(true);
      }
      expect(new Set(ws.contracts.map((c) => c.tier))).toEqual(
        new Set(['standard', 'advanced', 'professional', '5x8', '7x24']),
      );
      const services = new Set(ws.contracts.flatMap((c) => c.services));
      for (const code of ['SNS', 'PDS', 'S360', 'EAM']) expect(services.has(code)).toBe(true);
      expect(ws.sites.some((s) => s.timeZone !== 'Asia/Shanghai')).toBe(true);
      expect(ws.customers.length).toBeGreaterThanOrEqual(4);
      expect(ws.customers.length).toBeLessThanOrEqual(6);
      expect(ws.sites.filter((s) => s.remoteAccess?.password !== undefined).length).toBeGreaterThan(
        0,
      );
      expect(sampleWorkspaceSize(ws)).toBe(docsOf(ws).length);
    });
  },
);

it('moves with now', () => {
  const a = buildSampleWorkspace(new Date('2026-11-23T06:30:00Z'));
  const b = buildSampleWorkspace(new Date('2026-11-30T06:30:00Z'));
  const shift = (ws: SampleWorkspace) => ms(ws.incidents[0]!.openedAt);
  expect(shift(b) - shift(a)).toBe(7 * 86_400_000);
});

describe('sample workspace ids', () => {
  it('are the same whichever day it is built (local sample = server demo, no duplicates)', () => {
    const [first, ...others] = NOWS.map((now) => buildSampleWorkspace(now));
    for (const ws of others) {
      for (const name of COLLECTION_NAMES) {
        expect(
          ws[name].map((d) => d.id),
          name,
        ).toEqual(first![name].map((d) => d.id));
      }
    }
    const ids = sampleWorkspaceIds();
    for (const name of COLLECTION_NAMES) {
      expect([...ids[name]].sort()).toEqual(first![name].map((d) => d.id).sort());
    }
    // Unique across the whole workspace.
    const all = COLLECTION_NAMES.flatMap((n) => first![n].map((d) => d.id));
    expect(new Set(all).size).toBe(all.length);
  });
});
