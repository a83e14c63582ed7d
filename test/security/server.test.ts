/**
 * The attacks of issue 7 ("a server that holds") against the real server in-process, on PGlite
 * and on PostgreSQL: each asserts the refusal AND that nothing was written. The slow-connection
 * attack runs against its own server with low limits, on loopback only, with bounded loops.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultLogger } from '../../src-server/app';
import { assignCustomer } from '../../src-server/services/accounts';
import { BlobStore } from '../../src-server/services/blob-store';
import { loadCaSecret } from '../../src-server/services/certificate-authority';
import { sealStoredSecrets, ServerSecrets } from '../../src-server/services/server-secrets';
import { migrate, type Store } from '../../src-server/store';
import { loadMigrations } from '../../src-server/store/migrate';
import { openPgliteStore } from '../../src-server/store/pglite-store';
import { openPostgresStore } from '../../src-server/store/postgres-store';
import { documentsEqual } from '../../src-shared/db/conflicts';
import {
  createCertificateRequest,
  generateSigningKeyPair,
  requestToPem,
} from '../../src-shared/pki/certificates';
import type { ErrorResponse, SessionResponse, UserInfo, WireDocument } from '../../src-shared/sync';
import { PUSH_BATCH_MAX, routes } from '../../src-shared/sync';
import { request, SyncClient } from '../sync/client';
import { creates, customer, logEntry, site, testId, update } from '../sync/docs';
import { freshDataDir, startTestServer, type TestServer } from '../sync/harness';
import { STORES, startWorld, type World } from '../sync/setup';

function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

async function count(store: Store, sql: string, params: unknown[] = []): Promise<number> {
  const { rows } = await store.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (${sql}) q`,
    params,
  );
  return rows[0]?.n ?? 0;
}

describe.each(STORES)('attacks on the sync server (%s)', (kind) => {
  let w: World;
  const logLines: string[] = [];

  beforeAll(async () => {
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        logLines.push(chunk.toString('utf8'));
        done();
      },
    });
    w = await startWorld(kind, {
      logger: { ...(defaultLogger() as object), level: 'info', stream },
    });
  }, 180_000);

  afterAll(async () => {
    await w?.close();
  });

  const store = () => w.ts.server.store;
  const login = (username: string, password: unknown) =>
    request<SessionResponse | ErrorResponse>(w.ts.url, routes.login(), {
      method: 'POST',
      json: { username, password },
    });

  it('customer takeover: an id assigned to someone else, or named by a stored document, is never "new"', async () => {
    // eng1's customer c1 is assigned, but its customer document was never pushed; its site is.
    const secretSite = site(w.c1, {
      remoteAccess: { method: 'VPN', host: '10.1.2.3', username: 'ops', password: 'Takeover-Pw-1' },
    });
    expect(await w.eng1.push('sites', creates([secretSite]))).toEqual([]);
    const takeover = await w.eng2.pushRaw('customers', creates([customer(w.c1)]));
    expect(takeover.status).toBe(403);
    expect((takeover.body as ErrorResponse).code).toBe('forbidden');

    // A customer nobody is assigned to, but whose site an admin stored.
    const orphanSite = site(w.cOther);
    expect(await w.admin.push('sites', creates([orphanSite]))).toEqual([]);
    const second = await w.eng2.pushRaw('customers', creates([customer(w.cOther)]));
    expect(second.status).toBe(403);

    // Nothing written: no customer document, no assignment, and eng2 sees none of the sites.
    expect(
      await count(
        store(),
        `SELECT 1 FROM documents WHERE collection = 'customers' AND id = ANY($1)`,
        [[w.c1, w.cOther]],
      ),
    ).toBe(0);
    expect(
      await count(
        store(),
        `SELECT 1 FROM customer_assignments a JOIN users u ON u.id = a.user_id
         WHERE u.username = 'eng2' AND a.customer_id = ANY($1)`,
        [[w.c1, w.cOther]],
      ),
    ).toBe(0);
    const seen = await w.eng2.pullAll('sites');
    expect(seen.documents.map((d) => d.id)).not.toContain(secretSite.id);
    expect(seen.documents.map((d) => d.id)).not.toContain(orphanSite.id);

    // A customer the server has really never heard of is still created and assigned.
    const fresh = customer();
    expect(await w.eng2.push('customers', creates([fresh]))).toEqual([]);
    expect((await w.eng2.pullAll('customers')).documents.map((d) => d.id)).toContain(fresh.id);
  });

  it('login throttle race: 40 wrong passwords at once are not all checked', async () => {
    const victim = await w.ts.user(`victim${kind}`, 'engineer', 'victim-password-1');
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => login(victim.username, `guess-${i}`)),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(35);
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
  });

  it('password change is throttled too, and a refused guess changes nothing', async () => {
    const u = await w.ts.user(`pwguess${kind}`, 'engineer', 'pwguess-password-1');
    const session = (await login(u.username, u.password)).body as SessionResponse;
    const before = await store().query<{ password_hash: string; token_generation: number }>(
      'SELECT password_hash, token_generation FROM users WHERE id = $1',
      [u.id],
    );
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        request<ErrorResponse>(w.ts.url, routes.password(), {
          method: 'POST',
          token: session.token,
          json: { currentPassword: `guess-${i}`, newPassword: 'attacker-password-9' },
        }),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(35);
    const after = await store().query(
      'SELECT password_hash, token_generation FROM users WHERE id = $1',
      [u.id],
    );
    expect(after.rows).toEqual(before.rows);
  });

  it('an access token dies with a password change, at once', async () => {
    const u = await w.ts.user(`stale${kind}`, 'engineer', 'stale-password-1');
    await assignCustomer(store(), u.username, w.c1);
    const other = (await login(u.username, u.password)).body as SessionResponse;
    const mine = (await login(u.username, u.password)).body as SessionResponse;
    const changed = await request<SessionResponse>(w.ts.url, routes.password(), {
      method: 'POST',
      token: mine.token,
      json: { currentPassword: u.password, newPassword: 'stale-password-2' },
    });
    expect(changed.status).toBe(200);
    for (const token of [mine.token, other.token]) {
      const me = await request<ErrorResponse>(w.ts.url, routes.me(), { token });
      expect(me.status).toBe(401);
      expect(me.body.code).toBe('invalid_token');
    }
    // A push with the old token is refused and writes nothing.
    const doc = site(w.c1);
    const stale = new SyncClient(w.ts.url);
    stale.token = other.token;
    expect((await stale.pushRaw('sites', creates([doc]))).status).toBe(401);
    expect(await count(store(), 'SELECT 1 FROM documents WHERE id = $1', [doc.id])).toBe(0);
    // The session the change returned works.
    const me = await request<{ user: UserInfo }>(w.ts.url, routes.me(), {
      token: changed.body.token,
    });
    expect(me.status).toBe(200);
  });

  it('bodies are not type-coerced: {"password": [pw]} does not sign in, {"csr": [pem]} issues nothing', async () => {
    const u = await w.ts.user(`coerce${kind}`, 'engineer', 'coerce-password-1');
    const res = await login(u.username, [u.password]);
    expect(res.status).toBe(400);
    expect((res.body as ErrorResponse).code).toBe('bad_request');
    expect(await count(store(), 'SELECT 1 FROM refresh_tokens WHERE user_id = $1', [u.id])).toBe(0);

    const keys = await generateSigningKeyPair(false);
    const pem = requestToPem(await createCertificateRequest(keys, { commonName: 'x' }));
    const issuedBefore = await count(store(), 'SELECT 1 FROM issued_certificates');
    const csr = await request<ErrorResponse>(w.ts.url, routes.certificates(), {
      method: 'POST',
      token: w.eng1.token,
      json: { csr: [pem] },
    });
    expect(csr.status).toBe(400);
    expect(await count(store(), 'SELECT 1 FROM issued_certificates')).toBe(issuedBefore);
    // Query strings are text on the wire and still read as numbers.
    expect((await w.eng1.pullRaw('sites', null, 5)).status).toBe(200);
  });

  it('a NUL byte in a username is a 400, with no stack trace in the log', async () => {
    const from = logLines.length;
    const res = await login('eng1\u0000', 'whatever-password');
    expect(res.status).toBe(400);
    expect((res.body as ErrorResponse).code).toBe('bad_request');
    const assign = await request<ErrorResponse>(w.ts.url, routes.adminAssignments(), {
      method: 'POST',
      token: w.admin.token,
      json: { username: 'eng\u00002', customerId: 'CNUL' },
    });
    expect(assign.status).toBe(400);
    expect(
      await count(store(), `SELECT 1 FROM customer_assignments WHERE customer_id = 'CNUL'`),
    ).toBe(0);
    const lines = logLines.slice(from).join('');
    expect(lines).not.toContain('"stack"');
    expect(lines).not.toContain('"level":50');
  });

  it('a push of more than 1000 rows is a 413 and writes nothing', async () => {
    const docs = Array.from({ length: PUSH_BATCH_MAX + 1 }, () => site(w.c1));
    const res = await w.eng1.pushRaw('sites', creates(docs));
    expect(res.status).toBe(413);
    expect((res.body as ErrorResponse).code).toBe('payload_too_large');
    expect(
      await count(store(), 'SELECT 1 FROM documents WHERE id = ANY($1)', [docs.map((d) => d.id)]),
    ).toBe(0);
    // Exactly 1000 is still fine.
    expect((await w.eng1.pushRaw('sites', creates(docs.slice(0, PUSH_BATCH_MAX)))).status).toBe(
      200,
    );
  });

  it('usernames are unique regardless of case; sign-in is case-insensitive', async () => {
    const created = await request<ErrorResponse>(w.ts.url, routes.adminUsers(), {
      method: 'POST',
      token: w.admin.token,
      json: { username: 'Eng1', password: 'another-password-1', role: 'engineer' },
    });
    expect(created.status).toBe(409);
    expect(await count(store(), `SELECT 1 FROM users WHERE lower(username) = 'eng1'`)).toBe(1);
    const res = await login('ENG1', 'pw-eng1-secret');
    expect(res.status).toBe(200);
    expect((res.body as SessionResponse).user.username).toBe('eng1');
  });

  it("blobs are readable per customer: referencing a known hash from one's own document reads nothing", async () => {
    const bytes = randomBytes(4000);
    const sha = sha256(bytes);
    const attachment = {
      sha256: sha,
      name: 'contract.pdf',
      mimeType: 'application/pdf',
      size: 4000,
    };
    const entry = logEntry(w.c1, 'V1', { kind: 'file', attachments: [attachment] });
    expect(await w.eng1.push('visitLogEntries', creates([entry]))).toEqual([]);
    const put = (token: string, body: Uint8Array) =>
      request<ErrorResponse>(w.ts.url, routes.blob(sha), {
        method: 'PUT',
        token,
        headers: { 'content-type': 'application/octet-stream' },
        body: new Uint8Array(body),
      });
    expect((await put(w.eng1.token, bytes)).status).toBe(201);

    // eng2 learns the hash and references it from a document of their own customer.
    const bait = logEntry(w.c2, 'V2', { kind: 'file', attachments: [attachment] });
    expect(await w.eng2.push('visitLogEntries', creates([bait]))).toEqual([]);
    for (const method of ['GET', 'HEAD']) {
      const res = await fetch(w.ts.url + routes.blob(sha), {
        method,
        headers: { authorization: `Bearer ${w.eng2.token}` },
      });
      const body = Buffer.from(await res.arrayBuffer());
      expect(res.status).toBe(404);
      expect(body.includes(bytes.subarray(0, 64))).toBe(false);
    }
    // Without the bytes they cannot upload it for their customer either.
    expect((await put(w.eng2.token, randomBytes(4000))).status).toBe(422);
    expect(
      await count(store(), `SELECT 1 FROM blob_grants WHERE sha256 = $1 AND customer_id = $2`, [
        sha,
        w.c2,
      ]),
    ).toBe(0);

    // The owner's side still reads it: eng1, their lead, the admin.
    for (const token of [w.eng1.token, w.lead.token, w.admin.token]) {
      const res = await fetch(w.ts.url + routes.blob(sha), {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(res.status).toBe(200);
      expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);
    }
  });

  it('secrets at rest: no remote-access password or token key in clear in the database; sync still converges', async () => {
    const password = `RA-${randomBytes(6).toString('hex')}`;
    const doc = site(w.c1, {
      remoteAccess: { method: '堡垒机', host: 'jump.example.cn', username: 'ops', password },
    });
    expect(await w.eng1.push('sites', creates([doc]))).toEqual([]);
    const raw = await store().query<{ doc: string }>(
      'SELECT doc::text AS doc FROM documents WHERE id = $1',
      [doc.id],
    );
    expect(raw.rows[0]?.doc).toBeDefined();
    expect(raw.rows[0]?.doc).not.toContain(password);
    expect(raw.rows[0]?.doc).not.toContain('jump.example.cn');
    const settings = await store().query<{ name: string; value: string }>(
      'SELECT name, value FROM server_settings',
    );
    expect(settings.rows.map((r) => r.name)).not.toContain('access_token_secret');

    // The puller gets exactly what was pushed; a retry is idempotent; edits by two clients
    // based on what they pulled meet no false conflict.
    const seqOf = async () =>
      (
        await store().query<{ seq: string }>(
          'SELECT seq::text AS seq FROM documents WHERE id = $1',
          [doc.id],
        )
      ).rows[0]?.seq;
    const pulled = (await w.lead.pullAll('sites')).documents.find((d) => d.id === doc.id);
    expect(pulled).toEqual(doc);
    const seq = await seqOf();
    expect(await w.eng1.push('sites', creates([doc]))).toEqual([]);
    expect(await seqOf()).toBe(seq);
    const edited: WireDocument = {
      ...doc,
      remoteAccess: { ...(doc.remoteAccess as object), password: `${password}-2` },
      mergeHistory: [
        {
          field: 'remoteAccess',
          value: JSON.stringify(doc.remoteAccess),
          lostAt: doc.updatedAt as string,
          keptAt: doc.updatedAt as string,
        },
      ],
    };
    expect(await w.lead.push('sites', [update(pulled as WireDocument, edited)])).toEqual([]);
    const again = (await w.eng1.pullAll('sites')).documents.find((d) => d.id === doc.id);
    expect(again && documentsEqual(again, edited)).toBe(true);
    const raw2 = await store().query<{ doc: string }>(
      'SELECT doc::text AS doc FROM documents WHERE id = $1',
      [doc.id],
    );
    expect(raw2.rows[0]?.doc).not.toContain(password);
    expect(
      await w.eng1.push('sites', [update(again as WireDocument, { ...edited, name: '新名字' })]),
    ).toEqual([]);
    // A conflict returns the stored state in clear.
    const conflicts = await w.lead.push('sites', [update(edited, { ...edited, notes: 'x' })]);
    expect(conflicts).toHaveLength(1);
    expect((conflicts[0]?.remoteAccess as { password: string }).password).toBe(`${password}-2`);
  });

  it('documents stored in clear before this version are sealed in place at start, without a new sequence', async () => {
    const password = `OLD-${randomBytes(6).toString('hex')}`;
    const doc = site(w.c1, { remoteAccess: { method: 'VPN', password } });
    expect(await w.eng1.push('sites', creates([doc]))).toEqual([]);
    await store().query(
      `UPDATE documents SET doc = $2::json WHERE collection = 'sites' AND id = $1`,
      [doc.id, JSON.stringify(doc)],
    );
    const before = await store().query<{ seq: string }>(
      'SELECT seq::text AS seq FROM documents WHERE id = $1',
      [doc.id],
    );
    const secrets = await ServerSecrets.load(store(), loadCaSecret({ dataDir: w.ts.dataDir }));
    expect(await sealStoredSecrets(store(), secrets)).toBeGreaterThanOrEqual(1);
    const after = await store().query<{ seq: string; doc: string }>(
      'SELECT seq::text AS seq, doc::text AS doc FROM documents WHERE id = $1',
      [doc.id],
    );
    expect(after.rows[0]?.seq).toBe(before.rows[0]?.seq);
    expect(after.rows[0]?.doc).not.toContain(password);
    const pulled = (await w.eng1.pullAll('sites')).documents.find((d) => d.id === doc.id);
    expect(pulled).toEqual(doc);
  });
});

describe('usernames differing only in case, already stored (migration 003)', () => {
  it.each(STORES)(
    'renames the later duplicates on %s instead of refusing to start',
    async (kind) => {
      let store: Store;
      let stop = (): Promise<void> => Promise.resolve();
      if (kind === 'postgres') {
        const { startTestPostgres } = await import('../sync/pg');
        const pg = await startTestPostgres();
        store = await openPostgresStore(await pg.createDatabase());
        stop = () => pg.stop();
      } else {
        const dir = join(await freshDataDir('postgres'), 'pre003');
        store = await openPgliteStore(dir);
      }
      try {
        await migrate(
          store,
          loadMigrations().filter((m) => m.version < 3),
        );
        await store.query(
          `INSERT INTO users (id, username, role, password_hash, created_at) VALUES
         ('u1', 'engineer1', 'engineer', 'x', '2026-01-01'),
         ('u2', 'Engineer1', 'engineer', 'x', '2026-02-01'),
         ('u3', 'ENGINEER1', 'engineer', 'x', '2026-03-01')`,
        );
        await migrate(store);
        const { rows } = await store.query<{ id: string; username: string }>(
          'SELECT id, username FROM users ORDER BY id',
        );
        expect(rows[0]).toEqual({ id: 'u1', username: 'engineer1' });
        const lowered = rows.map((r) => r.username.toLowerCase());
        expect(new Set(lowered).size).toBe(3);
        const renames = await store.query(
          'SELECT user_id, old_username FROM username_renames ORDER BY user_id',
        );
        expect(renames.rows).toEqual([
          { user_id: 'u2', old_username: 'Engineer1' },
          { user_id: 'u3', old_username: 'ENGINEER1' },
        ]);
        await expect(
          store.query(
            `INSERT INTO users (id, username, role, password_hash) VALUES ('u4', 'EnGineer1', 'engineer', 'x')`,
          ),
        ).rejects.toThrow();
      } finally {
        await store.close();
        await stop();
      }
    },
    120_000,
  );
});

/** A raw HTTP/1.1 connection from `localAddress` (another loopback address than the others). */
function rawConnection(url: string, localAddress: string): Promise<Socket & { closedAt?: number }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port), localAddress }) as Socket & {
      closedAt?: number;
    };
    socket.on('close', () => {
      socket.closedAt = Date.now();
    });
    socket.on('error', () => undefined);
    socket.once('connect', () => resolve(socket));
    socket.once('error', reject);
  });
}

describe('slow connections (loopback, low limits)', () => {
  let ts: TestServer;
  let client: SyncClient;
  const LIMIT = 8;
  const BODY_DEADLINE_MS = 1500;
  const HEADERS_TIMEOUT_MS = 1000;

  beforeAll(async () => {
    ts = await startTestServer({
      kind: 'pglite',
      maxUnauthenticatedConnectionsPerAddress: LIMIT,
      unauthenticatedRequestTimeoutMs: BODY_DEADLINE_MS,
      headersTimeoutMs: HEADERS_TIMEOUT_MS,
      requestTimeoutMs: 60_000,
    });
    const u = await ts.user('patient', 'engineer');
    client = await SyncClient.login(ts.url, u.username, u.password);
  }, 120_000);

  afterAll(async () => {
    await ts?.close();
  });

  it('closes trickled bodies and headers, caps them per address, and keeps serving others', async () => {
    const sockets: (Socket & { closedAt?: number })[] = [];
    const started = Date.now();
    const trickle: NodeJS.Timeout[] = [];
    try {
      // 30 trickled sign-in bodies and 5 trickled headers from 127.0.0.2.
      for (let i = 0; i < 30; i++) {
        const s = await rawConnection(ts.url, '127.0.0.2');
        s.write(
          'POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
            'Content-Length: 10000\r\n\r\n{"username":"',
        );
        sockets.push(s);
        trickle.push(setInterval(() => s.writable && s.write('a'), 200));
      }
      for (let i = 0; i < 5; i++) {
        const s = await rawConnection(ts.url, '127.0.0.3');
        s.write('GET /healthz HTTP/1.1\r\n');
        sockets.push(s);
        trickle.push(setInterval(() => s.writable && s.write('X-Slow: 1\r\n'), 200));
      }
      // Meanwhile, from 127.0.0.1: health and an authenticated call keep working.
      let served = 0;
      const deadline = started + BODY_DEADLINE_MS + 3000;
      while (Date.now() < deadline && sockets.some((s) => s.closedAt === undefined)) {
        const health = await fetch(ts.url + routes.health());
        expect(health.status).toBe(200);
        await health.arrayBuffer();
        const me = await request(ts.url, routes.me(), { token: client.token });
        expect(me.status).toBe(200);
        served += 1;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(served).toBeGreaterThan(0);
      const open = sockets.filter((s) => s.closedAt === undefined).length;
      expect(open).toBe(0);
      // Beyond the cap, connections are closed at once; the rest within their deadline.
      const closedAfter = sockets
        .map((s) => (s.closedAt ?? Infinity) - started)
        .sort((a, b) => a - b);
      expect(closedAfter.filter((ms) => ms < BODY_DEADLINE_MS - 200).length).toBeGreaterThanOrEqual(
        30 - LIMIT,
      );
      expect(Math.max(...closedAfter)).toBeLessThan(BODY_DEADLINE_MS + 3000);
      // The trickled sign-ins wrote nothing: no session was created.
      expect(await count(ts.server.store, 'SELECT 1 FROM refresh_tokens')).toBe(1);
    } finally {
      for (const t of trickle) clearInterval(t);
      for (const s of sockets) s.destroy();
    }
  }, 30_000);

  it('an aborted upload leaves no temporary file; stale ones are swept at start', async () => {
    const tmp = join(ts.dataDir, 'blobs', 'tmp');
    const u = await ts.user('uploader', 'engineer');
    const c = customer();
    await assignCustomer(ts.server.store, u.username, c.id);
    const up = await SyncClient.login(ts.url, u.username, u.password);
    const bytes = randomBytes(200_000);
    const sha = sha256(bytes);
    const entry = logEntry(c.id, 'V1', {
      kind: 'file',
      attachments: [
        { sha256: sha, name: 'big.bin', mimeType: 'application/octet-stream', size: bytes.length },
      ],
    });
    expect(await up.push('visitLogEntries', creates([entry]))).toEqual([]);
    const s = await rawConnection(ts.url, '127.0.0.1');
    s.write(
      `PUT ${routes.blob(sha)} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${up.token}\r\n` +
        `Content-Type: application/octet-stream\r\nContent-Length: ${bytes.length}\r\n\r\n`,
    );
    s.write(bytes.subarray(0, 50_000));
    // Wait until the upload's temporary file exists, then cut the connection.
    for (let i = 0; i < 50 && readdirSync(tmp).length === 0; i++)
      await new Promise((r) => setTimeout(r, 50));
    expect(readdirSync(tmp).length).toBe(1);
    s.destroy();
    for (let i = 0; i < 50 && readdirSync(tmp).length > 0; i++)
      await new Promise((r) => setTimeout(r, 50));
    expect(readdirSync(tmp)).toEqual([]);
    expect(existsSync(join(ts.dataDir, 'blobs', sha.slice(0, 2), sha))).toBe(false);

    // A crash leaves a partial file behind: the next start removes it once it is stale.
    const dir = join(ts.dataDir, 'sweep-test');
    mkdirSync(join(dir, 'tmp'), { recursive: true });
    writeFileSync(join(dir, 'tmp', `${testId()}.part`), 'partial');
    writeFileSync(join(dir, 'tmp', 'fresh.part'), 'in flight elsewhere');
    const old = new Date(Date.now() - 2 * 3600_000);
    utimesSync(
      join(dir, 'tmp', readdirSync(join(dir, 'tmp')).find((f) => f !== 'fresh.part') ?? ''),
      old,
      old,
    );
    new BlobStore(dir, 1024, 3600_000);
    expect(readdirSync(join(dir, 'tmp'))).toEqual(['fresh.part']);
  });
});
