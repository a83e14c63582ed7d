import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultLogger } from '../../src-server/app';
import { hashPassword, verifyPassword } from '../../src-server/services/passwords';
import type { ErrorResponse, SessionResponse, UserInfo } from '../../src-shared/sync';
import { routes } from '../../src-shared/sync';
import { request, SyncClient } from './client';
import { creates, customer, site } from './docs';
import { startTestServer, type TestServer } from './harness';

describe('accounts and tokens', () => {
  let ts: TestServer;
  let clockOffsetMs = 0;
  const logLines: string[] = [];

  beforeAll(async () => {
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        logLines.push(chunk.toString('utf8'));
        done();
      },
    });
    ts = await startTestServer({
      kind: 'pglite',
      now: () => Date.now() + clockOffsetMs,
      logger: { ...(defaultLogger() as object), level: 'info', stream },
    });
    await ts.user('alice', 'engineer', 'correct horse battery');
  }, 120_000);

  afterAll(async () => {
    await ts?.close();
  });

  const login = (username: string, password: string) =>
    request<SessionResponse | ErrorResponse>(ts.url, routes.login(), {
      method: 'POST',
      json: { username, password },
    });

  it('stores scrypt hashes with their parameters and verifies them', async () => {
    const hash = await hashPassword('s3cret-pass', { logN: 14, r: 8, p: 1 });
    expect(hash).toMatch(/^scrypt\$14\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(await verifyPassword('s3cret-pass', hash)).toBe(true);
    expect(await verifyPassword('s3cret-pasS', hash)).toBe(false);
    const row = await ts.server.store.query<{ password_hash: string }>(
      `SELECT password_hash FROM users WHERE username = 'alice'`,
    );
    expect(row.rows[0]?.password_hash).toMatch(/^scrypt\$15\$8\$1\$/);
  });

  it('logs in with the right password and returns the user and both tokens', async () => {
    const res = await login('alice', 'correct horse battery');
    expect(res.status).toBe(200);
    const s = res.body as SessionResponse;
    expect(s.user).toMatchObject({ username: 'alice', role: 'engineer' });
    expect(s.token).toMatch(/^fb1\./);
    expect(s.refreshToken.length).toBeGreaterThan(30);
    const ttl = Date.parse(s.expiresAt) - Date.now();
    expect(ttl).toBeGreaterThan(14 * 60_000);
    expect(ttl).toBeLessThanOrEqual(15 * 60_000 + 1000);
    const me = await request<{ user: UserInfo }>(ts.url, routes.me(), { token: s.token });
    expect(me.status).toBe(200);
    expect(me.body.user.username).toBe('alice');
  });

  it('refuses a wrong password and an unknown user with the same clear 401', async () => {
    const wrong = await login('alice', 'wrong password');
    const unknown = await login('nobody', 'whatever-password');
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(401);
      expect(res.body).toEqual({
        statusCode: 401,
        code: 'invalid_credentials',
        message: 'Wrong username or password.',
      });
    }
  });

  it('slows down password guessing: after 5 failures, 429 with Retry-After for 30 s, then allowed again', async () => {
    await ts.user('dave', 'engineer', 'dave-password-1');
    for (let i = 0; i < 5; i++) expect((await login('dave', `guess-${i}`)).status).toBe(401);
    const blocked = await fetch(ts.url + routes.login(), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'dave', password: 'dave-password-1' }),
    });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await blocked.json()) as ErrorResponse).code).toBe('too_many_attempts');
    clockOffsetMs = 20_000; // still inside the first 30 s block
    try {
      expect((await login('dave', 'dave-password-1')).status).toBe(429);
      clockOffsetMs = 31_000;
      expect((await login('dave', 'dave-password-1')).status).toBe(200);
    } finally {
      clockOffsetMs = 0;
    }
  });

  it('changes the own password: new session returned, old password and sessions dead', async () => {
    await ts.user('erin', 'engineer', 'erin-password-1');
    const first = (await login('erin', 'erin-password-1')).body as SessionResponse;
    const change = (currentPassword: string, newPassword: string) =>
      request<SessionResponse | ErrorResponse>(ts.url, routes.password(), {
        method: 'POST',
        token: first.token,
        json: { currentPassword, newPassword },
      });
    const wrong = await change('not-it', 'erin-password-2');
    expect(wrong.status).toBe(401);
    const ok = await change('erin-password-1', 'erin-password-2');
    expect(ok.status).toBe(200);
    expect((ok.body as SessionResponse).user.username).toBe('erin');
    expect((await login('erin', 'erin-password-1')).status).toBe(401);
    expect((await login('erin', 'erin-password-2')).status).toBe(200);
    const oldRefresh = await request(ts.url, routes.refresh(), {
      method: 'POST',
      json: { refreshToken: first.refreshToken },
    });
    expect(oldRefresh.status).toBe(401);
    const newRefresh = await request(ts.url, routes.refresh(), {
      method: 'POST',
      json: { refreshToken: (ok.body as SessionResponse).refreshToken },
    });
    expect(newRefresh.status).toBe(200);
  });

  it('refuses an expired token with token_expired', async () => {
    const s = (await login('alice', 'correct horse battery')).body as SessionResponse;
    clockOffsetMs = 16 * 60_000;
    try {
      const res = await request<ErrorResponse>(ts.url, routes.pull('sites'), { token: s.token });
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('token_expired');
    } finally {
      clockOffsetMs = 0;
    }
    const ok = await request(ts.url, routes.pull('sites'), { token: s.token });
    expect(ok.status).toBe(200);
  });

  it('refuses a tampered token (payload changed to admin, or signature altered)', async () => {
    const s = (await login('alice', 'correct horse battery')).body as SessionResponse;
    const [prefix, payload, signature] = s.token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<
      string,
      unknown
    >;
    const forged = Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString('base64url');
    const flipped = signature.slice(0, -2) + (signature.endsWith('AA') ? 'BB' : 'AA');
    for (const token of [`${prefix}.${forged}.${signature}`, `${prefix}.${payload}.${flipped}`]) {
      const res = await request<ErrorResponse>(ts.url, routes.adminUsers(), { token });
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('invalid_token');
    }
    const garbage = await request<ErrorResponse>(ts.url, routes.pull('sites'), {
      token: 'not-a-token',
    });
    expect(garbage.status).toBe(401);
  });

  it('rotates refresh tokens; replaying a used one revokes the whole session', async () => {
    const first = (await login('alice', 'correct horse battery')).body as SessionResponse;
    const refresh = (token: string) =>
      request<SessionResponse | ErrorResponse>(ts.url, routes.refresh(), {
        method: 'POST',
        json: { refreshToken: token },
      });
    const second = await refresh(first.refreshToken);
    expect(second.status).toBe(200);
    const s2 = second.body as SessionResponse;
    expect(s2.refreshToken).not.toBe(first.refreshToken);
    expect(s2.user.username).toBe('alice');

    // The old one again: refused, and the newer one of the same family dies with it.
    const replay = await refresh(first.refreshToken);
    expect(replay.status).toBe(401);
    expect((replay.body as ErrorResponse).code).toBe('invalid_refresh_token');
    expect((await refresh(s2.refreshToken)).status).toBe(401);
    // Another login is another family and still works.
    const other = (await login('alice', 'correct horse battery')).body as SessionResponse;
    expect((await refresh(other.refreshToken)).status).toBe(200);
  });

  it('an expired refresh token is refused', async () => {
    const s = (await login('alice', 'correct horse battery')).body as SessionResponse;
    clockOffsetMs = 31 * 24 * 3600_000;
    try {
      const res = await request<ErrorResponse>(ts.url, routes.refresh(), {
        method: 'POST',
        json: { refreshToken: s.refreshToken },
      });
      expect(res.status).toBe(401);
    } finally {
      clockOffsetMs = 0;
    }
  });

  it('admin API: admins create users and assignments; engineers get 403', async () => {
    const admin = await SyncClient.login(ts.url, ts.admin.username, ts.admin.password);
    const alice = await SyncClient.login(ts.url, 'alice', 'correct horse battery');
    const denied = await request<ErrorResponse>(ts.url, routes.adminUsers(), {
      method: 'POST',
      token: alice.token,
      json: { username: 'mallory', password: 'password123', role: 'admin' },
    });
    expect(denied.status).toBe(403);
    expect(denied.body.code).toBe('forbidden');

    const created = await request<UserInfo>(ts.url, routes.adminUsers(), {
      method: 'POST',
      token: admin.token,
      json: { username: 'bob', password: 'bob-password-1', role: 'engineer' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ username: 'bob', role: 'engineer' });
    const dup = await request<ErrorResponse>(ts.url, routes.adminUsers(), {
      method: 'POST',
      token: admin.token,
      json: { username: 'bob', password: 'bob-password-1', role: 'engineer' },
    });
    expect(dup.status).toBe(409);
    const badRole = await request<ErrorResponse>(ts.url, routes.adminUsers(), {
      method: 'POST',
      token: admin.token,
      json: { username: 'carol', password: 'carol-password', role: 'root' },
    });
    expect(badRole.status).toBe(400);

    const c = customer();
    const s = site(c.id);
    await admin.push('customers', creates([c]));
    await admin.push('sites', creates([s]));
    const bob = await SyncClient.login(ts.url, 'bob', 'bob-password-1');
    expect((await bob.pullAll('sites')).documents).toEqual([]);
    const assigned = await request(ts.url, routes.adminAssignments(), {
      method: 'POST',
      token: admin.token,
      json: { username: 'bob', customerId: c.id },
    });
    expect(assigned.status).toBe(204);
    expect((await bob.pullAll('sites')).documents).toEqual([s]);
    const list = await request<{ customers: { username: string; customerId: string }[] }>(
      ts.url,
      routes.adminAssignments(),
      { token: admin.token },
    );
    expect(list.body.customers).toContainEqual({ username: 'bob', customerId: c.id });
    const users = await request<{ users: UserInfo[] }>(ts.url, routes.adminUsers(), {
      token: alice.token,
    });
    expect(users.status).toBe(403);
  });

  it('keeps passwords and tokens out of the logs', async () => {
    const s = (await login('alice', 'correct horse battery')).body as SessionResponse;
    // EventSource cannot send headers, so the stream also takes the token in the query.
    const ctrl = new AbortController();
    const stream = await fetch(`${ts.url}${routes.stream('sites')}?access_token=${s.token}`, {
      signal: ctrl.signal,
    });
    expect(stream.status).toBe(200);
    ctrl.abort();
    await request(ts.url, routes.pull('sites'), { token: s.token });
    const all = logLines.join('');
    expect(all.length).toBeGreaterThan(0);
    expect(all).toContain('login');
    for (const secret of ['correct horse battery', 'bob-password-1', ts.admin.password]) {
      expect(all).not.toContain(secret);
    }
    expect(all).not.toContain(s.token.split('.')[2]);
    expect(all).not.toContain(s.refreshToken);
  });
});
