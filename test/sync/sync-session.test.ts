/**
 * The main process's sync session service (src-main/services/sync-session.ts) against the real
 * server in-process: sign-in and its errors, the session kept encrypted on disk for offline use,
 * token refresh and expiry, pull/push, the live stream long poll, blobs, sign-out.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assignCustomer } from '../../src-server/services/accounts';
import { BlobStore } from '../../src-main/services/blob-store';
import { createPassphraseProtector } from '../../src-main/services/key-store';
import { SyncSession } from '../../src-main/services/sync-session';
import type { OnSignedIn } from '../../src-main/services/sync-session';
import type { AttachmentRef } from '../../src-shared/db/types';
import type { SyncResult } from '../../src-shared/ipc';
import { PROTOCOL_VERSION, routes } from '../../src-shared/sync';
import type { WireDocument } from '../../src-shared/sync';
import { creates, customer, logEntry, site, visit } from './docs';
import { startTestServer, type TestServer } from './harness';

const FAST_SCRYPT = { N: 1024, r: 8, p: 1, maxmem: 2 ** 26 };

function value<T>(result: SyncResult<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result.error)}`);
  return result.value;
}

async function deadUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

describe('sync session service', () => {
  let ts: TestServer;
  let clockOffsetMs = 0;
  let alice: { username: string; password: string };
  let bob: { username: string; password: string };
  const c1 = customer().id;
  const dirs: string[] = [];
  const sessions: SyncSession[] = [];
  /** Every response body the service received, to prove tokens never reach the disk in clear. */
  const refreshTokensSeen: string[] = [];

  /** Blob requests (method and digest) in the order they were sent. */
  const blobRequests: string[] = [];
  const recordingFetch: typeof fetch = async (input, init) => {
    const res = await fetch(input, init);
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const blob = /\/blobs\/([0-9a-f]{64})$/.exec(url);
    if (blob) blobRequests.push(`${init?.method ?? 'GET'} ${blob[1]}`);
    if (url.endsWith(routes.login()) || url.endsWith(routes.refresh())) {
      const copy = res.clone();
      const text = await copy.text();
      try {
        const token = (JSON.parse(text) as { refreshToken?: string }).refreshToken;
        if (token) refreshTokensSeen.push(token);
      } catch {
        // Not a session body.
      }
    }
    return res;
  };

  async function profile(): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'fieldbook-sync-session-'));
    dirs.push(dir);
    return dir;
  }

  function session(
    dir: string,
    extra: { onSignedIn?: OnSignedIn; passphrase?: string } = {},
  ): SyncSession {
    const s = new SyncSession({
      dir: join(dir, 'sync'),
      protector: createPassphraseProtector(extra.passphrase ?? 'profile-secret', FAST_SCRYPT),
      blobStore: new BlobStore(join(dir, 'blobs')),
      fetch: recordingFetch,
      requestTimeoutMs: 5000,
      streamRetryMs: 50,
      warn: () => undefined,
      ...(extra.onSignedIn ? { onSignedIn: extra.onSignedIn } : {}),
    });
    sessions.push(s);
    return s;
  }

  const signIn = (s: SyncSession, who = alice, serverUrl = ts.url) =>
    s.signIn({ serverUrl, username: who.username, password: who.password });

  beforeAll(async () => {
    ts = await startTestServer({ kind: 'pglite', now: () => Date.now() + clockOffsetMs });
    alice = await ts.user('alice', 'engineer');
    bob = await ts.user('bob', 'engineer');
    await ts.user('carol', 'engineer');
    await assignCustomer(ts.server.store, 'alice', c1);
    await assignCustomer(ts.server.store, 'bob', c1);
  }, 120_000);

  afterEach(() => {
    clockOffsetMs = 0;
  });

  afterAll(async () => {
    for (const s of sessions) s.close();
    await ts?.close();
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('refuses a wrong password with invalid_credentials and stores nothing', async () => {
    const dir = await profile();
    const s = session(dir);
    const result = await s.signIn({ serverUrl: ts.url, username: 'alice', password: 'nope' });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'invalid_credentials', status: 401 },
    });
    expect(await s.getSession()).toEqual({ account: null, expired: false });
    await expect(readFile(join(dir, 'sync', 'session.json'))).rejects.toThrow(/ENOENT/);
  });

  it('throttles repeated failures with too_many_attempts and the wait in seconds', async () => {
    const s = session(await profile());
    const wrong = { serverUrl: ts.url, username: 'carol', password: 'wrong' };
    for (let i = 0; i < 5; i += 1) {
      expect(await s.signIn(wrong)).toMatchObject({ error: { code: 'invalid_credentials' } });
    }
    const throttled = await s.signIn(wrong);
    expect(throttled).toMatchObject({
      ok: false,
      error: { code: 'too_many_attempts', status: 429 },
    });
    if (throttled.ok) throw new Error('unreachable');
    expect(throttled.error.retryAfterSeconds).toBeGreaterThan(0);
  });

  it('reports an unreachable server, and a server of another protocol version', async () => {
    const s = session(await profile());
    const dead = await s.signIn({ serverUrl: await deadUrl(), username: 'a', password: 'b' });
    expect(dead).toMatchObject({ ok: false, error: { code: 'unreachable' } });

    const foreign: Server = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'x-fieldbook-protocol': '99' });
      res.end(JSON.stringify({ status: 'ok', store: 'pglite', protocolVersion: 99 }));
    });
    await new Promise<void>((resolve) => foreign.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = foreign.address() as AddressInfo;
      const result = await s.signIn({
        serverUrl: `http://127.0.0.1:${port}`,
        username: 'a',
        password: 'b',
      });
      expect(result).toMatchObject({ ok: false, error: { code: 'protocol_mismatch' } });
      if (!result.ok)
        expect(result.error.message).toMatch(
          new RegExp(`protocol 99; this app speaks ${PROTOCOL_VERSION}`),
        );
    } finally {
      await new Promise<void>((resolve) => foreign.close(() => resolve()));
    }
  });

  it('keeps the session across a restart, encrypted at rest, and syncs with it', async () => {
    const dir = await profile();
    const first = session(dir);
    const account = value(await signIn(first));
    expect(account).toMatchObject({
      serverUrl: ts.url,
      user: { username: 'alice', role: 'engineer' },
    });

    const onDisk = await readFile(join(dir, 'sync', 'session.json'), 'utf8');
    expect(refreshTokensSeen.length).toBeGreaterThan(0);
    for (const token of refreshTokensSeen) expect(onDisk).not.toContain(token);
    expect(onDisk).not.toMatch(/refreshToken|"token"/);
    expect(JSON.parse(onDisk)).toMatchObject({ protector: 'passphrase', account });
    first.close();

    // "Restart": a new service on the same profile, no access token in memory.
    const second = session(dir);
    expect(await second.getSession()).toEqual({ account, expired: false });
    const c = customer(c1);
    const s1 = site(c1);
    expect(value(await second.push({ collection: 'customers', rows: creates([c]) }))).toEqual([]);
    expect(value(await second.push({ collection: 'sites', rows: creates([s1]) }))).toEqual([]);
    const page = value(await second.pull({ collection: 'sites', checkpoint: null, limit: 100 }));
    expect(page.documents.map((d) => d.id)).toContain(s1.id);

    // The profile's secret is needed to use the session: another passphrase cannot.
    const thief = session(dir, { passphrase: 'another-secret' });
    expect(await thief.pull({ collection: 'sites', checkpoint: null, limit: 1 })).toMatchObject({
      ok: false,
      error: { code: 'session_expired' },
    });
  });

  it('refreshes an expired access token, and reports an ended session as session_expired', async () => {
    const dir = await profile();
    const s = session(dir);
    value(await signIn(s));
    // 16 minutes later on the server: the 15-minute access token is refused, the refresh works.
    clockOffsetMs = 16 * 60_000;
    const page = await s.pull({ collection: 'customers', checkpoint: null, limit: 10 });
    expect(page.ok).toBe(true);

    // 31 days later the refresh token has expired too: the session ends, the account stays.
    clockOffsetMs = 31 * 24 * 3600_000;
    const ended = await s.pull({ collection: 'customers', checkpoint: null, limit: 10 });
    expect(ended).toMatchObject({ ok: false, error: { code: 'session_expired' } });
    const state = await s.getSession();
    expect(state.expired).toBe(true);
    expect(state.account?.user.username).toBe('alice');
    // Also after a restart.
    expect((await session(dir).getSession()).expired).toBe(true);
  });

  it('works offline: a stopped server is unreachable, the session stays', async () => {
    const own = await startTestServer({ kind: 'pglite', keepData: true });
    const user = await own.user('dora', 'engineer');
    const dir = await profile();
    const s = session(dir);
    value(await s.signIn({ serverUrl: own.url, username: user.username, password: user.password }));
    await own.close();
    await rm(own.dataDir, { recursive: true, force: true });
    const result = await s.push({ collection: 'customers', rows: creates([customer()]) });
    expect(result).toMatchObject({ ok: false, error: { code: 'unreachable' } });
    expect((await session(dir).getSession()).account?.user.username).toBe('dora');
    const waited = value(await s.waitForChanges({ cursor: null }));
    expect(waited.online).toBe(false);
  });

  it('relays the live stream: another laptop’s push reaches waitForChanges', async () => {
    const s = session(await profile());
    value(await signIn(s));
    const other = session(await profile());
    value(await signIn(other, bob));
    const first = value(await s.waitForChanges({ cursor: null }));
    expect(first.events.filter((e) => e.kind === 'resync').length).toBeGreaterThan(0);
    // Wait until the streams are connected (their resync events arrive).
    let cursor = first.cursor;
    const deadline = Date.now() + 10_000;
    while (!value(await s.waitForChanges({ cursor, timeoutMs: 0 })).online) {
      if (Date.now() > deadline) throw new Error('streams did not connect');
      await new Promise((r) => setTimeout(r, 50));
    }
    cursor = value(await s.waitForChanges({ cursor, timeoutMs: 0 })).cursor;
    const v = visit(c1, 'S1');
    const waiting = s.waitForChanges({ cursor, timeoutMs: 10_000 });
    expect(value(await other.push({ collection: 'visits', rows: creates([v]) }))).toEqual([]);
    const got = value(await waiting);
    const docs = got.events.flatMap((e) =>
      e.kind === 'documents' && e.collection === 'visits' ? e.documents : [],
    );
    expect(docs.map((d: WireDocument) => d.id)).toContain(v.id);
    expect(got.cursor).toBeGreaterThan(cursor);

    // A cursor from before what is kept (or from nowhere) yields a resync of every collection.
    const stale = value(await s.waitForChanges({ cursor: got.cursor + 1000, timeoutMs: 0 }));
    expect(stale.events.every((e) => e.kind === 'resync')).toBe(true);
  });

  it('uploads a blob after its document and downloads it on another laptop', async () => {
    const aliceDir = await profile();
    const s = session(aliceDir);
    value(await signIn(s));
    const bytes = randomBytes(3000);
    const sha = createHash('sha256').update(bytes).digest('hex');
    const blobs = new BlobStore(join(aliceDir, 'blobs'));
    await blobs.put(bytes, 'rack.jpg', 'image/jpeg');
    const entry = logEntry(c1, 'V1', {
      kind: 'photo',
      attachments: [{ sha256: sha, name: 'rack.jpg', mimeType: 'image/jpeg', size: 3000 }],
    });
    // Before the document exists the server refuses the blob.
    expect(await s.uploadBlob(sha)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    value(await s.push({ collection: 'visitLogEntries', rows: creates([entry]) }));
    // Referenced but not uploaded yet: another laptop learns it is not there (yet).
    const early = session(await profile());
    value(await signIn(early, bob));
    expect(value(await early.downloadBlob(sha))).toBe(false);
    expect(value(await s.uploadBlob(sha))).toBe('uploaded');
    expect(value(await s.uploadBlob(sha))).toBe('present');
    expect(value(await s.uploadBlob('f'.repeat(64)))).toBe('missing-locally');

    const bobDir = await profile();
    const b = session(bobDir);
    value(await signIn(b, bob));
    // A blob no document of bob's customers references is none of his business.
    expect(await b.downloadBlob('e'.repeat(64))).toMatchObject({ error: { code: 'forbidden' } });
    expect(value(await b.downloadBlob(sha))).toBe(true);
    const got = await new BlobStore(join(bobDir, 'blobs')).get(sha);
    expect(Buffer.from(got ?? new Uint8Array()).equals(bytes)).toBe(true);
  });

  it('checks the local blob store in one call, uploads what is missing, and remembers it', async () => {
    const dir = await profile();
    const s = session(dir);
    value(await signIn(s));
    const blobs = new BlobStore(join(dir, 'blobs'));
    const refs: AttachmentRef[] = [];
    for (const n of [1, 2, 3])
      refs.push(await blobs.put(randomBytes(500 + n), `p${n}.jpg`, 'image/jpeg'));
    const orphan = await blobs.put(randomBytes(700), 'orphan.jpg', 'image/jpeg');
    // Two photos referenced by a document on the server; the orphan by none; one photo is
    // already on the server.
    const entry = logEntry(c1, 'V2', {
      kind: 'photo',
      attachments: refs.map((r) => ({ ...r })),
    });
    value(await s.push({ collection: 'visitLogEntries', rows: creates([entry]) }));
    expect(value(await s.uploadBlob(refs[0]!.sha256))).toBe('uploaded');

    blobRequests.length = 0;
    const sweep = value(await s.uploadLocalBlobs());
    expect(sweep.uploaded).toBe(2);
    expect(sweep.refused).toBe(1);
    expect(new Set(sweep.onServer)).toEqual(new Set(refs.map((r) => r.sha256)));
    // The blob uploaded before is known: not asked about again.
    expect(blobRequests.some((r) => r.endsWith(refs[0]!.sha256))).toBe(false);

    // A restart (a new session on the same profile) asks only about the one the server refused.
    blobRequests.length = 0;
    const again = session(dir);
    const second = value(await again.uploadLocalBlobs());
    expect(second).toMatchObject({ uploaded: 0, refused: 1 });
    expect(new Set(blobRequests.map((r) => r.split(' ')[1]))).toEqual(new Set([orphan.sha256]));
    const other = session(await profile());
    value(await signIn(other, bob));
    expect(value(await other.downloadBlob(refs[2]!.sha256))).toBe(true);
  });

  it('runs the after-sign-in hook with an authenticated request, then signs out', async () => {
    const dir = await profile();
    const seen: string[] = [];
    const s = session(dir, {
      onSignedIn: async ({ account, request }) => {
        const me = (await (await request(routes.me())).json()) as { user: { username: string } };
        seen.push(`${account.user.username}:${me.user.username}`);
      },
    });
    value(await signIn(s));
    await s.afterSignInSettled();
    expect(seen).toEqual(['alice:alice']);
    await s.signOut();
    expect(await s.getSession()).toEqual({ account: null, expired: false });
    await expect(readFile(join(dir, 'sync', 'session.json'))).rejects.toThrow(/ENOENT/);
    expect(await s.pull({ collection: 'visits', checkpoint: null, limit: 1 })).toMatchObject({
      ok: false,
      error: { code: 'not_signed_in' },
    });
  });

  it('answers the sign-in without waiting for the after-sign-in step; steps run one at a time', async () => {
    const dir = await profile();
    const log: string[] = [];
    const gates: (() => void)[] = [];
    const s = session(dir, {
      onSignedIn: async ({ account }) => {
        log.push(`start ${account.user.username}`);
        await new Promise<void>((resolve) => gates.push(resolve));
        log.push(`end ${account.user.username}`);
      },
    });
    value(await signIn(s));
    // Answered while the step is still running (held by its gate).
    await new Promise((r) => setTimeout(r, 50));
    expect(log).toEqual(['start alice']);
    let settled = false;
    void s.afterSignInSettled().then(() => (settled = true));
    value(await signIn(s, bob));
    await new Promise((r) => setTimeout(r, 50));
    // The second sign-in's step waits for the first one's.
    expect(log).toEqual(['start alice']);
    expect(settled).toBe(false);
    gates.shift()?.();
    await new Promise((r) => setTimeout(r, 50));
    expect(log).toEqual(['start alice', 'end alice', 'start bob']);
    const all = s.afterSignInSettled();
    gates.shift()?.();
    await all;
    expect(log).toEqual(['start alice', 'end alice', 'start bob', 'end bob']);
    expect(settled).toBe(true);
  });

  it('a failing after-sign-in step is a warning: the sign-in stands, settled still resolves', async () => {
    const dir = await profile();
    const warnings: string[] = [];
    const s = new SyncSession({
      dir: join(dir, 'sync'),
      protector: createPassphraseProtector('profile-secret', FAST_SCRYPT),
      blobStore: new BlobStore(join(dir, 'blobs')),
      requestTimeoutMs: 5000,
      warn: (m) => warnings.push(m),
      onSignedIn: () => Promise.reject(new Error('the CA is not reachable')),
    });
    sessions.push(s);
    value(await signIn(s));
    await s.afterSignInSettled();
    expect(warnings.join('\n')).toMatch(/after-sign-in step failed: the CA is not reachable/);
    expect((await s.getSession()).account?.user.username).toBe('alice');
  });
});
