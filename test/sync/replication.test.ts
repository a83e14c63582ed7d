import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ErrorResponse,
  HealthResponse,
  PullResponse,
  ReplicationCheckpoint,
} from '../../src-shared/sync';
import { PROTOCOL_VERSION, PROTOCOL_VERSION_HEADER, routes } from '../../src-shared/sync';
import { request } from './client';
import { creates, customer, site, update, visit } from './docs';
import { STORES, startWorld, type World } from './setup';

describe.each(STORES)('replication protocol on %s', (kind) => {
  let w: World;

  beforeAll(async () => {
    w = await startWorld(kind, { bodyLimitBytes: 256 * 1024 });
  }, 180_000);

  afterAll(async () => {
    await w?.close();
  });

  it('reports the store and the protocol version at /healthz', async () => {
    const res = await fetch(w.ts.url + routes.health());
    expect(res.status).toBe(200);
    expect(res.headers.get(PROTOCOL_VERSION_HEADER)).toBe(String(PROTOCOL_VERSION));
    expect((await res.json()) as HealthResponse).toEqual({
      status: 'ok',
      store: kind,
      protocolVersion: PROTOCOL_VERSION,
    });
  });

  it('pulls pushed documents in push order, then only what came after the checkpoint', async () => {
    const sites = [site(w.c1), site(w.c1), site(w.c1)];
    expect(await w.eng1.push('sites', creates(sites))).toEqual([]);
    const first = await w.eng1.pullAll('sites');
    expect(first.documents.map((d) => d.id)).toEqual(sites.map((s) => s.id));
    // Stored exactly as pushed.
    expect(first.documents).toEqual(sites);

    const later = site(w.c1);
    await w.eng1.push('sites', creates([later]));
    const next = await w.eng1.pull('sites', first.checkpoint);
    expect(next.documents).toEqual([later]);
    const none = await w.eng1.pull('sites', next.checkpoint);
    expect(none.documents).toEqual([]);
    expect(none.checkpoint).toEqual(next.checkpoint);
  });

  it('pages with limit and never repeats or skips across pages', async () => {
    const docs = Array.from({ length: 25 }, () => visit(w.c1, 'SITE1'));
    await w.eng1.push('visits', creates(docs));
    const seen: string[] = [];
    let checkpoint: ReplicationCheckpoint | null = null;
    for (let i = 0; i < 10; i++) {
      const page: PullResponse = await w.eng1.pull('visits', checkpoint, 7);
      seen.push(...page.documents.map((d) => d.id));
      checkpoint = page.checkpoint;
      if (page.documents.length < 7) break;
    }
    expect(seen).toEqual(docs.map((d) => d.id));
  });

  it('returns the master state as a conflict and writes nothing when the assumed state is stale', async () => {
    const original = site(w.c1, { name: 'A' });
    await w.eng1.push('sites', creates([original]));
    const byEng1 = { ...original, name: 'B', updatedAt: '2026-03-06T11:00:00.000+08:00' };
    expect(await w.eng1.push('sites', [update(original, byEng1)])).toEqual([]);

    // Another laptop still assumes the original.
    const stale = { ...original, name: 'C' };
    const conflicts = await w.eng1.push('sites', [update(original, stale)]);
    expect(conflicts).toEqual([byEng1]);
    // A creation of an id that exists is a conflict too.
    expect(await w.eng1.push('sites', creates([stale]))).toEqual([byEng1]);
    const all = await w.eng1.pullAll('sites');
    expect(all.documents.find((d) => d.id === original.id)).toEqual(byEng1);
  });

  it('compares states by value, not by key order', async () => {
    const doc = site(w.c1, { name: 'order' });
    await w.eng1.push('sites', creates([doc]));
    const reordered = Object.fromEntries(Object.entries(doc).reverse()) as typeof doc;
    const next = { ...doc, name: 'order 2' };
    expect(await w.eng1.push('sites', [update(reordered, next)])).toEqual([]);
  });

  it('writes a retried push once: the same batch twice gives no conflict and no new sequence', async () => {
    const before = await w.eng1.pullAll('sites');
    const doc = site(w.c1);
    const rows = creates([doc]);
    expect(await w.eng1.push('sites', rows)).toEqual([]);
    const afterFirst = await w.eng1.pull('sites', before.checkpoint);
    expect(afterFirst.documents).toEqual([doc]);
    expect(await w.eng1.push('sites', rows)).toEqual([]);
    const afterRetry = await w.eng1.pull('sites', afterFirst.checkpoint);
    expect(afterRetry.documents).toEqual([]);
    // An update retried after its response was lost: same outcome.
    const changed = { ...doc, name: 'renamed' };
    expect(await w.eng1.push('sites', [update(doc, changed)])).toEqual([]);
    expect(await w.eng1.push('sites', [update(doc, changed)])).toEqual([]);
    const updates = await w.eng1.pull('sites', afterRetry.checkpoint);
    expect(updates.documents).toEqual([changed]);
  });

  it('keeps tombstones and replicates deletions', async () => {
    const doc = site(w.c1);
    await w.eng1.push('sites', creates([doc]));
    const { checkpoint } = await w.eng1.pullAll('sites');
    const deleted = { ...doc, _deleted: true };
    expect(await w.eng1.push('sites', [update(doc, deleted)])).toEqual([]);
    const page = await w.eng1.pull('sites', checkpoint);
    expect(page.documents).toEqual([deleted]);
    const admin = await w.admin.pullAll('sites');
    expect(admin.documents.find((d) => d.id === doc.id)?._deleted).toBe(true);
  });

  describe('scoping', () => {
    it('an engineer pulls only the assigned customers; the lead sees the team; the admin all', async () => {
      const s1 = site(w.c1);
      const s2 = site(w.c2);
      const sOther = site(w.cOther);
      await w.admin.push('sites', creates([s1, s2, sOther]));
      const ids = async (c: typeof w.eng1) =>
        new Set((await c.pullAll('sites')).documents.map((d) => d.id));
      const e1 = await ids(w.eng1);
      const e2 = await ids(w.eng2);
      const lead = await ids(w.lead);
      const admin = await ids(w.admin);
      expect([e1.has(s1.id), e1.has(s2.id), e1.has(sOther.id)]).toEqual([true, false, false]);
      expect([e2.has(s1.id), e2.has(s2.id), e2.has(sOther.id)]).toEqual([false, true, false]);
      // lead1 leads eng1 only.
      expect([lead.has(s1.id), lead.has(s2.id), lead.has(sOther.id)]).toEqual([true, false, false]);
      expect([admin.has(s1.id), admin.has(s2.id), admin.has(sOther.id)]).toEqual([
        true,
        true,
        true,
      ]);
    });

    it("refuses with 403 a push touching another engineer's customer, and writes none of the batch", async () => {
      const mine = site(w.c1);
      const theirs = site(w.c2);
      const res = await w.eng1.pushRaw('sites', creates([mine, theirs]));
      expect(res.status).toBe(403);
      expect((res.body as ErrorResponse).code).toBe('forbidden');
      const admin = await w.admin.pullAll('sites');
      expect(admin.documents.some((d) => d.id === mine.id || d.id === theirs.id)).toBe(false);
    });

    it("refuses to take over another customer's document by pushing its id under an own customer", async () => {
      const theirs = site(w.c2, { name: 'theirs' });
      await w.eng2.push('sites', creates([theirs]));
      const hijack = { ...theirs, customerId: w.c1, name: 'mine now' };
      const res = await w.eng1.pushRaw('sites', [update(theirs, hijack)]);
      expect(res.status).toBe(403);
      const e2 = await w.eng2.pullAll('sites');
      expect(e2.documents.find((d) => d.id === theirs.id)).toEqual(theirs);
    });

    it('visit log entries are scoped by their customerId too', async () => {
      const entry = {
        id: `L${Date.now()}`,
        customerId: w.c2,
        createdAt: '2026-03-06T10:00:00.000+08:00',
        updatedAt: '2026-03-06T10:00:00.000+08:00',
        visitId: 'V1',
        at: '2026-03-06T10:00:00.000+08:00',
        author: '王磊',
        kind: 'note',
        text: 'x',
        attachments: [],
        _deleted: false,
      };
      expect((await w.eng1.pushRaw('visitLogEntries', creates([entry]))).status).toBe(403);
      expect(await w.eng2.push('visitLogEntries', creates([entry]))).toEqual([]);
      expect((await w.eng1.pullAll('visitLogEntries')).documents).toEqual([]);
      expect((await w.eng2.pullAll('visitLogEntries')).documents).toEqual([entry]);
    });

    it('a customer created offline by an engineer is assigned to them on first push', async () => {
      const fresh = customer();
      const before = await w.eng1.pullAll('customers');
      expect(await w.eng1.push('customers', creates([fresh]))).toEqual([]);
      const after = await w.eng1.pull('customers', before.checkpoint);
      // The scope changed, so the checkpoint restarts: the new customer is in the pull.
      expect(after.documents.map((d) => d.id)).toContain(fresh.id);
      expect(await w.eng1.push('sites', creates([site(fresh.id)]))).toEqual([]);
      // Not visible to the other engineer, and not writable by them.
      expect((await w.eng2.pullAll('customers')).documents.map((d) => d.id)).not.toContain(
        fresh.id,
      );
      const res = await w.eng2.pushRaw('customers', [update(fresh, { ...fresh, name: 'taken' })]);
      expect(res.status).toBe(403);
    });

    it('restarts a pull from the beginning after an assignment changes the scope', async () => {
      const s = site(w.cOther);
      await w.admin.push('sites', creates([s]));
      const before = await w.eng2.pullAll('sites');
      expect(before.documents.map((d) => d.id)).not.toContain(s.id);
      const res = await request(w.ts.url, routes.adminAssignments(), {
        method: 'POST',
        token: w.admin.token,
        json: { username: 'eng2', customerId: w.cOther },
      });
      expect(res.status).toBe(204);
      const after = await w.eng2.pullAll('sites', before.checkpoint);
      expect(after.documents.map((d) => d.id)).toContain(s.id);
    });
  });

  describe('bad input', () => {
    async function totalSites(): Promise<number> {
      return (await w.admin.pullAll('sites', null, 1000)).documents.length;
    }

    it('422 with field errors for an invalid document; nothing of the batch is written', async () => {
      const before = await totalSites();
      const good = site(w.c1);
      const bad = site(w.c1, { timeZone: 'not a zone', extra: 1 }) as Record<string, unknown>;
      delete bad.address;
      const res = await w.eng1.pushRaw('sites', creates([good, bad as typeof good]));
      expect(res.status).toBe(422);
      const body = res.body as ErrorResponse;
      expect(body.code).toBe('invalid_document');
      const paths = body.fieldErrors?.map((e) => `${e.index}:${e.path}:${e.message}`) ?? [];
      expect(paths).toEqual(
        expect.arrayContaining([
          '1::missing field address',
          '1::unknown field extra',
          expect.stringMatching(/^1:\/timeZone:/),
        ]),
      );
      expect(body.fieldErrors?.every((e) => e.index === 1 && e.id === bad.id)).toBe(true);
      expect(await totalSites()).toBe(before);
    });

    it('422 for storage metadata or a missing _deleted in a pushed document', async () => {
      const withMeta = { ...site(w.c1), _meta: { lwt: 1 }, _rev: '1-a' };
      const res = await w.eng1.pushRaw('sites', creates([withMeta]));
      expect(res.status).toBe(422);
      const noFlag = site(w.c1) as Record<string, unknown>;
      delete noFlag._deleted;
      const res2 = await w.eng1.pushRaw('sites', [{ newDocumentState: noFlag }]);
      expect(res2.status).toBe(422);
      expect((res2.body as ErrorResponse).fieldErrors?.[0]?.path).toBe('/_deleted');
    });

    it('413 for an oversized body, nothing written', async () => {
      const before = await totalSites();
      const docs = Array.from({ length: 40 }, () => site(w.c1, { notes: 'x'.repeat(9000) }));
      const res = await w.eng1.pushRaw('sites', creates(docs));
      expect(res.status).toBe(413);
      expect((res.body as ErrorResponse).code).toBe('payload_too_large');
      expect(await totalSites()).toBe(before);
    });

    it('404 for an unknown collection, on pull and push', async () => {
      const pull = await w.eng1.pullRaw('secrets');
      expect(pull.status).toBe(404);
      expect((pull.body as ErrorResponse).code).toBe('unknown_collection');
      const push = await w.eng1.pushRaw('secrets', creates([site(w.c1)]));
      expect(push.status).toBe(404);
    });

    it('400 for malformed JSON and for a body that is not a push batch', async () => {
      const before = await totalSites();
      const malformed = await request(w.ts.url, routes.push('sites'), {
        method: 'POST',
        token: w.eng1.token,
        headers: { 'content-type': 'application/json' },
        body: '[{"newDocumentState": {"id": "X"',
      });
      expect(malformed.status).toBe(400);
      expect((malformed.body as ErrorResponse).code).toBe('invalid_json');
      const notArray = await w.eng1.pushRaw('sites', { newDocumentState: site(w.c1) });
      expect(notArray.status).toBe(400);
      expect((notArray.body as ErrorResponse).code).toBe('bad_request');
      const badCheckpoint = await w.eng1.pullRaw('sites', { position: 'c1.12.forged!' });
      expect(badCheckpoint.status).toBe(400);
      expect(await totalSites()).toBe(before);
    });

    it('401 without a token, before anything else is looked at', async () => {
      const res = await request(w.ts.url, routes.push('sites'), {
        method: 'POST',
        json: creates([site(w.c1)]),
      });
      expect(res.status).toBe(401);
      expect((res.body as ErrorResponse).code).toBe('unauthenticated');
      const unknown = await request(w.ts.url, routes.pull('secrets'));
      expect(unknown.status).toBe(401);
    });
  });
});
