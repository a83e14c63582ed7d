/**
 * The renderer's replication engine (src-renderer/db/replication.ts) with the app's database
 * (every collection, the app's conflict handlers, encryption and validation wrappers on memory
 * storage) and the real main-process sync service, against the real server in-process: what the
 * app runs, minus the window and IPC.
 */
import type { NativeShell } from '../../src-main/services/deliverables-service';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { firstValueFrom, filter } from 'rxjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assignCustomer } from '../../src-server/services/accounts';
import { createDesktopServices } from '../../src-main/services/desktop-services';
import type { DesktopServices } from '../../src-main/services/desktop-services';
import { createPassphraseProtector } from '../../src-main/services/key-store';
import type { VisitDoc } from '../../src-shared/db/types';
import type { SyncAccount } from '../../src-shared/ipc';
import { REPLICATED_COLLECTIONS } from '../../src-shared/sync';
import { openFieldbookDatabase } from '../../src-renderer/db/database';
import type { FieldbookDatabase } from '../../src-renderer/db/database';
import { createPendingTracker } from '../../src-renderer/db/pending-tracker';
import type { PendingTracker } from '../../src-renderer/db/pending-tracker';
import { startReplication } from '../../src-renderer/db/replication';
import type { ReplicationEngine, ReplicationStatus } from '../../src-renderer/db/replication';
import { SyncClient } from './client';
import { creates, customer, logEntry, site, testId, visit } from './docs';
import { createDraftDeliverable, markSigned } from '../../src-shared/domain/deliverables';
import { sampleFaultSnapshot } from '../../src-shared/reports/sample';
import { eventually } from './rxdb-laptop';
import { startTestServer, type TestServer } from './harness';

const FAST_SCRYPT = { N: 1024, r: 8, p: 1, maxmem: 2 ** 26 };

interface AppLaptop {
  db: FieldbookDatabase;
  services: DesktopServices;
  pending: PendingTracker;
  engine: ReplicationEngine | null;
  statuses: ReplicationStatus[];
  pendingCount(): number;
  start(account: SyncAccount, initialDone?: boolean): void;
  close(): Promise<void>;
}

let n = 0;

/** These laptops never save or open a PDF: a native shell that refuses to. */
const NO_NATIVE_SHELL: NativeShell = {
  chooseSavePath: () => Promise.reject(new Error('no save dialog in this test')),
  openPath: () => Promise.reject(new Error('no viewer in this test')),
};

async function appLaptop(dir: string): Promise<AppLaptop> {
  n += 1;
  const db = await openFieldbookDatabase({
    name: `app-laptop-${n}-${Date.now()}`,
    password: 'database-key-for-tests',
    storage: getRxStorageMemory(),
  });
  const services = createDesktopServices({
    userDataDir: dir,
    protector: createPassphraseProtector('profile', FAST_SCRYPT),
    native: NO_NATIVE_SHELL,
    appInfo: { version: 't', electron: null, locale: 'zh-CN' },
    sync: { streamRetryMs: 100, streamRetryMaxMs: 500, requestTimeoutMs: 3000, warn: () => {} },
  });
  const pending = createPendingTracker(db);
  let count = 0;
  pending.count$.subscribe((c) => (count = c));
  const laptop: AppLaptop = {
    db,
    services,
    pending,
    engine: null,
    statuses: [],
    pendingCount: () => count,
    start(account, initialDone = false) {
      const engine = startReplication({
        db,
        api: services.sync,
        account,
        pending,
        initialDone,
        retryTimeMs: 200,
      });
      engine.status$.subscribe((s) => laptop.statuses.push(s));
      laptop.engine = engine;
    },
    async close() {
      await laptop.engine?.stop();
      services.syncSession.close();
      pending.close();
      await db.close();
    },
  };
  return laptop;
}

function last(l: AppLaptop): ReplicationStatus {
  const s = l.statuses.at(-1);
  if (!s) throw new Error('no status yet');
  return s;
}

describe('renderer replication engine with the app database', () => {
  let ts: TestServer;
  let admin: SyncClient;
  let eng1: { username: string; password: string };
  let eng2: { username: string; password: string };
  const c1 = customer();
  const s1 = site(c1.id);
  const v1 = visit(c1.id, s1.id);
  const dirs: string[] = [];
  const laptops: AppLaptop[] = [];

  async function fresh(): Promise<AppLaptop> {
    const dir = await mkdtemp(join(tmpdir(), 'fieldbook-app-laptop-'));
    dirs.push(dir);
    const l = await appLaptop(dir);
    laptops.push(l);
    return l;
  }

  async function signIn(l: AppLaptop, who: { username: string; password: string }, url = ts.url) {
    const result = await l.services.sync.signIn({ serverUrl: url, ...who });
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    return result.value;
  }

  beforeAll(async () => {
    ts = await startTestServer({ kind: 'pglite' });
    eng1 = await ts.user('eng1', 'engineer');
    eng2 = await ts.user('eng2', 'engineer');
    await assignCustomer(ts.server.store, 'eng1', c1.id);
    await assignCustomer(ts.server.store, 'eng2', c1.id);
    admin = await SyncClient.login(ts.url, ts.admin.username, ts.admin.password);
    await admin.push('customers', creates([c1]));
    await admin.push('sites', creates([s1]));
    await admin.push('visits', creates([v1]));
  }, 120_000);

  // RxDB's free version opens at most 13 collections per process: one app database at a time.
  afterEach(async () => {
    for (const l of laptops.splice(0)) await l.close();
  });

  afterAll(async () => {
    await ts?.close();
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('replicates every collection of the database, with a first-sync progress that completes', async () => {
    const a = await fresh();
    let done = false;
    const account = await signIn(a, eng1);
    a.engine = startReplication({
      db: a.db,
      api: a.services.sync,
      account,
      pending: a.pending,
      initialDone: false,
      retryTimeMs: 200,
      onInitialDone: () => (done = true),
    });
    const statuses: ReplicationStatus[] = [];
    a.engine.status$.subscribe((s) => statuses.push(s));
    expect(statuses[0]?.initial).toEqual({
      collectionsDone: 0,
      collections: REPLICATED_COLLECTIONS.length,
      documents: 0,
    });
    await eventually(() => Promise.resolve(done));
    expect(statuses.at(-1)?.initial).toBeNull();
    expect(statuses.some((s) => (s.initial?.documents ?? 0) >= 3)).toBe(true);
    expect((await a.db.visits.findOne(v1.id).exec())?.summary).toBe(v1['summary']);
    expect(statuses.at(-1)?.lastSyncedAt).not.toBeNull();
  });

  it('a first sync through pull pages cut by size is done only when every document is in', async () => {
    // ~6 MB of visit-log entries: the server cuts the page at its byte cap (PROTOCOL.md §3a), a
    // short page RxDB alone would take for "up to date".
    const big = Array.from({ length: 24 }, (_, i) =>
      logEntry(c1.id, v1.id, {
        kind: 'command',
        command: 'dmesg',
        output: `${i}`.padEnd(250_000, 'y'),
      }),
    );
    for (let i = 0; i < big.length; i += 8)
      await admin.push('visitLogEntries', creates(big.slice(i, i + 8)));
    const a = await fresh();
    let done = false;
    a.engine = startReplication({
      db: a.db,
      api: a.services.sync,
      account: await signIn(a, eng1),
      pending: a.pending,
      initialDone: false,
      retryTimeMs: 200,
      onInitialDone: () => (done = true),
    });
    await eventually(() => Promise.resolve(done));
    const stored = await a.db.visitLogEntries
      .find({ selector: { id: { $in: big.map((d) => d.id) } } })
      .exec();
    expect(stored.map((d) => d.id).sort()).toEqual(big.map((d) => d.id).sort());
  });

  it('uploads what was recorded before the first sign-in, and its blobs after the documents', async () => {
    const a = await fresh();
    const bytes = randomBytes(2048);
    const ref = await a.services.blobs.put({ bytes, name: 'ups.jpg', mimeType: 'image/jpeg' });
    const entry = logEntry(c1.id, v1.id, {
      kind: 'photo',
      attachments: [ref],
    });
    const { _deleted: _d, ...entryDoc } = entry;
    void _d;
    await a.db.visitLogEntries.insert(entryDoc as never);
    await eventually(() => Promise.resolve(a.pendingCount() === 1));

    a.start(await signIn(a, eng1), true);
    await eventually(() => Promise.resolve(a.pendingCount() === 0));
    const onServer = await admin.pullAll('visitLogEntries');
    expect(onServer.documents.map((d) => d.id)).toContain(entry.id);
    // The photo follows its document; another engineer's laptop downloads it on demand (its
    // main-process services suffice: the download does not involve the database).
    const bDir = await mkdtemp(join(tmpdir(), 'fieldbook-app-laptop-'));
    dirs.push(bDir);
    const b = createDesktopServices({
      userDataDir: bDir,
      protector: createPassphraseProtector('profile', FAST_SCRYPT),
      native: NO_NATIVE_SHELL,
      appInfo: { version: 't', electron: null, locale: 'zh-CN' },
    });
    const signedIn = await b.sync.signIn({ serverUrl: ts.url, ...eng2 });
    expect(signedIn.ok).toBe(true);
    await eventually(async () => {
      const r = await b.sync.downloadBlob(ref.sha256);
      return r.ok && r.value;
    });
    b.syncSession.close();
    const got = await b.blobs.get(ref.sha256);
    expect(
      createHash('sha256')
        .update(got ?? new Uint8Array())
        .digest('hex'),
    ).toBe(ref.sha256);
  });

  it('uploads a signed deliverable with its PDF and signature image, then marks it synced', async () => {
    const a = await fresh();
    const pdfBytes = new TextEncoder().encode(`%PDF-1.7\n% signed report ${Date.now()}\n%%EOF\n`);
    const pdf = await a.services.blobs.put({
      bytes: pdfBytes,
      name: 'FB-FLT-20260304-0001.pdf',
      mimeType: 'application/pdf',
    });
    const png = await a.services.blobs.put({
      bytes: randomBytes(512),
      name: 'signature.png',
      mimeType: 'image/png',
    });
    const snapshot = sampleFaultSnapshot();
    const draft = createDraftDeliverable(
      {
        id: testId('D'),
        customerId: c1.id,
        kind: 'fault-report',
        sourceId: 'INC1',
        title: '故障报告',
        lang: 'zh',
        snapshot,
        pdf,
      },
      '2026-03-04T11:00:00+08:00',
    );
    const signed = markSigned(
      draft,
      {
        snapshot,
        pdf,
        sha256: pdf.sha256,
        signatures: [
          { role: 'customer', name: '李明', signedAt: '2026-03-04T11:20:00+08:00', image: png },
        ],
        signer: { subject: 'CN=eng1', selfSigned: true, fingerprint: 'c'.repeat(64) },
        signedAt: '2026-03-04T11:21:00+08:00',
      },
      '2026-03-04T11:21:00+08:00',
    );
    await a.db.deliverables.insert(signed);

    a.start(await signIn(a, eng1), true);
    await eventually(async () => {
      const doc = await a.db.deliverables.findOne(signed.id).exec();
      return doc?.syncedAt !== undefined;
    });
    // Synced means both blobs are on the server.
    for (const sha of [pdf.sha256, png.sha256]) {
      const res = await fetch(`${ts.url}/api/v1/blobs/${sha}`, {
        headers: { authorization: `Bearer ${admin.token}` },
      });
      expect(res.status).toBe(200);
    }
    // The stamp is an edit like any other: it reaches the server too, the signature untouched.
    await eventually(async () => {
      const onServer = (await admin.pullAll('deliverables')).documents.find(
        (d) => d.id === signed.id,
      );
      return onServer?.['syncedAt'] !== undefined;
    });
    const onServer = (await admin.pullAll('deliverables')).documents.find(
      (d) => d.id === signed.id,
    );
    expect(onServer?.['status']).toBe('signed');
    expect(onServer?.['sha256']).toBe(pdf.sha256);
  });

  it('keeps working offline, reports it, and merges with the history of what lost on return', async () => {
    const own = await startTestServer({ kind: 'pglite', keepData: true });
    try {
      const oa = await own.user('oa', 'engineer');
      const ob = await own.user('ob', 'engineer');
      const c = customer();
      const s = site(c.id);
      const v = visit(c.id, s.id, { summary: 'original' });
      await assignCustomer(own.server.store, 'oa', c.id);
      await assignCustomer(own.server.store, 'ob', c.id);
      const ownAdmin = await SyncClient.login(own.url, own.admin.username, own.admin.password);
      for (const [col, doc] of [
        ['customers', c],
        ['sites', s],
        ['visits', v],
      ] as const) {
        await ownAdmin.push(col, creates([doc]));
      }
      const a = await fresh();
      a.start(await signIn(a, oa, own.url), true);
      await eventually(async () => (await a.db.visits.findOne(v.id).exec()) !== null);

      // The server goes away: A still writes, and says it is offline with pending changes.
      await own.server.close();
      const docA = await a.db.visits.findOne(v.id).exec();
      await docA?.incrementalPatch({
        summary: 'A offline',
        updatedAt: '2026-12-01T09:00:00.000+08:00',
      });
      await eventually(() => Promise.resolve(a.pendingCount() === 1));
      await eventually(() =>
        Promise.resolve(!last(a).online && last(a).lastError?.code === 'unreachable'),
      );
      expect((await a.db.visits.findOne(v.id).exec())?.summary).toBe('A offline');

      // Back (same data folder, a new port): meanwhile B changed the same field, later.
      const again = await startTestServer({ kind: 'pglite', dataDir: own.dataDir });
      try {
        const b = await SyncClient.login(again.url, ob.username, ob.password);
        const bVersion = { ...v, summary: 'B online', updatedAt: '2026-12-01T09:30:00.000+08:00' };
        expect(
          await b.push('visits', [{ assumedMasterState: v, newDocumentState: bVersion }]),
        ).toEqual([]);
        await a.engine?.stop();
        a.start(await signIn(a, oa, again.url), true);
        const settled = async () => {
          const d = (await a.db.visits.findOne(v.id).exec())?.toJSON() as VisitDoc | undefined;
          return d?.summary === 'B online' && (d.mergeHistory?.length ?? 0) > 0;
        };
        await eventually(settled, 30_000);
        await eventually(() => Promise.resolve(a.pendingCount() === 0));
        const expected = [
          {
            field: 'summary',
            value: '"A offline"',
            lostAt: '2026-12-01T09:00:00.000+08:00',
            keptAt: '2026-12-01T09:30:00.000+08:00',
          },
        ];
        expect(
          ((await a.db.visits.findOne(v.id).exec())?.toJSON() as VisitDoc).mergeHistory,
        ).toEqual(expected);
        // The merged document went back to the server: B sees what lost, too.
        await eventually(async () => {
          const onServer = (await b.pullAll('visits')).documents.find((d) => d.id === v.id);
          return JSON.stringify(onServer?.['mergeHistory']) === JSON.stringify(expected);
        });
      } finally {
        await again.close();
      }
    } finally {
      await rm(own.dataDir, { recursive: true, force: true });
    }
  }, 90_000);

  it('stops for good when the server ends the session', async () => {
    let offsetMs = 0;
    const own = await startTestServer({ kind: 'pglite', now: () => Date.now() + offsetMs });
    try {
      const who = await own.user('ended', 'engineer');
      const a = await fresh();
      const account = await signIn(a, who, own.url);
      let fatal = '';
      a.engine = startReplication({
        db: a.db,
        api: a.services.sync,
        account,
        pending: a.pending,
        initialDone: true,
        retryTimeMs: 200,
        onFatal: (f) => (fatal = f.code),
      });
      const stopped = firstValueFrom(a.engine.status$.pipe(filter((s) => s.stopped)));
      // Changing the password elsewhere ends every session of the account ...
      const other = await SyncClient.login(own.url, who.username, who.password);
      const res = await fetch(`${own.url}/api/v1/auth/password`, {
        method: 'POST',
        headers: { authorization: `Bearer ${other.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ currentPassword: who.password, newPassword: 'a-new-password-1' }),
      });
      expect(res.status).toBe(200);
      // ... which the laptop learns when its access token has expired and the refresh is refused.
      offsetMs = 16 * 60_000;
      a.engine.syncNow();
      const status = await stopped;
      expect(status.lastError?.code).toBe('session_expired');
      expect(fatal).toBe('session_expired');
      expect((await a.services.sync.getSession()).expired).toBe(true);
    } finally {
      await own.close();
    }
  }, 60_000);
});
