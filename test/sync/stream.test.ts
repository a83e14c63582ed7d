import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PullResponse } from '../../src-shared/sync';
import { routes, STREAM_EVENT_DOCUMENTS, STREAM_EVENT_RESYNC } from '../../src-shared/sync';
import { request, SyncClient } from './client';
import { creates, site } from './docs';
import { startTestServer, type TestServer } from './harness';
import { STORES, startWorld, type World } from './setup';

describe.each(STORES)('live stream on %s', (kind) => {
  let w: World;

  beforeAll(async () => {
    w = await startWorld(kind, { feedPollMs: 60_000 });
  }, 180_000);

  afterAll(async () => {
    await w?.close();
  });

  it('starts with a resync signal, then delivers pushes of another client within scope', async () => {
    const stream = await w.eng1.stream('sites');
    try {
      await stream.waitFor((e) => e.length >= 1);
      expect(stream.events[0]?.event).toBe(STREAM_EVENT_RESYNC);

      const theirs = site(w.c2);
      const mine = site(w.c1);
      await w.eng2.push('sites', creates([theirs]));
      await w.admin.push('sites', creates([mine]));
      await stream.waitFor(() => stream.documents().some((d) => d.id === mine.id));
      expect(stream.documents().map((d) => d.id)).not.toContain(theirs.id);

      const last = stream.events.filter((e) => e.event === STREAM_EVENT_DOCUMENTS).pop();
      const checkpoint = (last?.data as PullResponse).checkpoint;
      // The stream's checkpoint is a valid pull checkpoint: nothing in scope is after it.
      expect((await w.eng1.pull('sites', checkpoint)).documents).toEqual([]);
    } finally {
      stream.close();
    }
  });

  it('signals a resync when an assignment changes the scope', async () => {
    const stream = await w.eng2.stream('sites');
    try {
      await stream.waitFor((e) => e.length >= 1);
      const res = await request(w.ts.url, routes.adminAssignments(), {
        method: 'POST',
        token: w.admin.token,
        json: { username: 'eng2', customerId: w.cOther },
      });
      expect(res.status).toBe(204);
      await stream.waitFor(() => stream.resyncs() >= 2);
      // From now on documents of the new customer arrive live too.
      const s = site(w.cOther);
      await w.admin.push('sites', creates([s]));
      await stream.waitFor(() => stream.documents().some((d) => d.id === s.id));
    } finally {
      stream.close();
    }
  });

  it('a stream needs a token; an unknown collection is 404', async () => {
    const noToken = await fetch(w.ts.url + routes.stream('sites'));
    expect(noToken.status).toBe(401);
    await noToken.body?.cancel();
    const unknown = await fetch(w.ts.url + routes.stream('nope'), {
      headers: { authorization: `Bearer ${w.eng1.token}` },
    });
    expect(unknown.status).toBe(404);
    await unknown.body?.cancel();
  });
});

describe('two server instances on one PostgreSQL', () => {
  let w: World;
  let b: TestServer;

  // Instances on one PostgreSQL share the server secret (FIELDBOOK_CA_SECRET): the access-token
  // key is derived from it and is not in the database.
  const caSecret = 'one secret for every instance of this database';

  beforeAll(async () => {
    w = await startWorld('postgres', { feedPollMs: 60_000, caSecret });
    b = await startTestServer({
      kind: 'postgres',
      databaseUrl: w.databaseUrl,
      feedPollMs: 60_000,
      caSecret,
    });
  }, 180_000);

  afterAll(async () => {
    await b?.close();
    await w?.close();
  });

  it('accepts tokens issued by the other instance (one shared server secret)', async () => {
    const res = await request(b.url, routes.pull('sites'), { token: w.eng1.token });
    expect(res.status).toBe(200);
  });

  it('delivers a push made through instance A to a stream on instance B (LISTEN/NOTIFY)', async () => {
    const onB = new SyncClient(b.url);
    onB.token = w.eng1.token;
    const stream = await onB.stream('sites');
    try {
      await stream.waitFor((e) => e.length >= 1);
      const docs = [site(w.c1), site(w.c1)];
      await w.eng1.push('sites', creates(docs));
      await stream.waitFor(() => stream.documents().length >= 2, 5000);
      expect(stream.documents().map((d) => d.id)).toEqual(docs.map((d) => d.id));
    } finally {
      stream.close();
    }
  });

  it('keeps delivering after the listening connection is killed (reconnect and catch up)', async () => {
    const onB = new SyncClient(b.url);
    onB.token = w.eng1.token;
    const stream = await onB.stream('sites');
    try {
      await stream.waitFor((e) => e.length >= 1);
      const { rows } = await b.server.store.query<{ n: number }>(
        `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
         WHERE application_name = 'fieldbook-listen'`,
      );
      expect(rows[0]?.n).toBeGreaterThanOrEqual(2);
      const doc = site(w.c1);
      await w.eng1.push('sites', creates([doc]));
      await stream.waitFor(() => stream.documents().some((d) => d.id === doc.id), 10_000);
      // And live again: the next push arrives through the new LISTEN connection.
      const next = site(w.c1);
      await w.eng1.push('sites', creates([next]));
      await stream.waitFor(() => stream.documents().some((d) => d.id === next.id), 5000);
    } finally {
      stream.close();
    }
  });

  it('finishes a push already under way when it shuts down', async () => {
    const d = await startTestServer({ kind: 'postgres', databaseUrl: w.databaseUrl, caSecret });
    const onD = new SyncClient(d.url);
    onD.token = w.eng1.token;
    const rows = creates(Array.from({ length: 500 }, () => site(w.c1)));
    const arrived = new Promise<void>((resolve) =>
      d.server.app.server.once('request', () => resolve()),
    );
    const pushing = onD.pushRaw('sites', rows);
    await arrived;
    const closing = d.close();
    const res = await pushing;
    await closing;
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ conflicts: [] });
    const ids = new Set((await w.admin.pullAll('sites', null, 1000)).documents.map((x) => x.id));
    expect(rows.every((r) => ids.has(r.newDocumentState.id))).toBe(true);
  });

  it('ends live streams on shutdown and refuses new requests while closing', async () => {
    const c = await startTestServer({ kind: 'postgres', databaseUrl: w.databaseUrl, caSecret });
    const onC = new SyncClient(c.url);
    onC.token = w.eng1.token;
    const stream = await onC.stream('sites');
    await stream.waitFor((e) => e.length >= 1);
    await c.close();
    await stream.waitFor(() => stream.ended, 5000).catch(() => undefined);
    expect(stream.ended).toBe(true);
    await expect(fetch(c.url + routes.health())).rejects.toThrow();
  });
});
