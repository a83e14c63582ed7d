/**
 * The first sync's fast path (src-renderer/db/replication.ts, writeNewDocuments): pulled pages
 * written straight to the collection's storage and RxDB's meta instance. What it must keep from
 * RxDB's own downstream: the laptop knows every document as synced (nothing is pushed back, a
 * later edit pushes against the right master state), a reload mid-sync resumes from the stored
 * checkpoint, and a document the laptop already has is merged, never overwritten.
 * The app's database (every collection, conflict handlers, wrappers) on memory storage, the real
 * main-process sync service and the real server in-process, as in renderer-replication.test.ts.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { NativeShell } from '../../src-main/services/deliverables-service';
import { assignCustomer } from '../../src-server/services/accounts';
import { createDesktopServices } from '../../src-main/services/desktop-services';
import type { DesktopServices } from '../../src-main/services/desktop-services';
import { createPassphraseProtector } from '../../src-main/services/key-store';
import type { DesktopApi, SyncAccount } from '../../src-shared/ipc';
import type { ReplicationCheckpoint, WireDocument } from '../../src-shared/sync';
import { openFieldbookDatabase } from '../../src-renderer/db/database';
import type { FieldbookDatabase } from '../../src-renderer/db/database';
import { createPendingTracker } from '../../src-renderer/db/pending-tracker';
import type { PendingTracker } from '../../src-renderer/db/pending-tracker';
import { startReplication } from '../../src-renderer/db/replication';
import type { ReplicationEngine } from '../../src-renderer/db/replication';
import { SyncClient } from './client';
import { creates, customer, logEntry, site, visit } from './docs';
import { eventually } from './rxdb-laptop';
import { startTestServer, type TestServer } from './harness';

const FAST_SCRYPT = { N: 1024, r: 8, p: 1, maxmem: 2 ** 26 };
const NO_NATIVE_SHELL: NativeShell = {
  chooseSavePath: () => Promise.reject(new Error('no save dialog in this test')),
  openPath: () => Promise.reject(new Error('no viewer in this test')),
};

/** The sync API with every pull and push recorded. */
function recording(api: DesktopApi['sync']) {
  const pulls: { collection: string; checkpoint: ReplicationCheckpoint | null; docs: number }[] =
    [];
  const pushes: { collection: string; rows: number; conflicts: WireDocument[] }[] = [];
  const wrapped: DesktopApi['sync'] = {
    ...api,
    pull: async (input) => {
      const result = await api.pull(input);
      pulls.push({
        collection: input.collection,
        checkpoint: input.checkpoint,
        docs: result.ok ? result.value.documents.length : -1,
      });
      return result;
    },
    push: async (input) => {
      const result = await api.push(input);
      pushes.push({
        collection: input.collection,
        rows: input.rows.length,
        conflicts: result.ok ? result.value : [],
      });
      return result;
    },
  };
  return { api: wrapped, pulls, pushes };
}

interface Laptop {
  db: FieldbookDatabase;
  services: DesktopServices;
  pending: PendingTracker;
  engine: ReplicationEngine | null;
  pendingCount(): number;
}

describe('first-sync fast path', () => {
  let ts: TestServer;
  let admin: SyncClient;
  let eng: { username: string; password: string };
  const c1 = customer();
  const s1 = site(c1.id);
  const v1 = visit(c1.id, s1.id);
  const dirs: string[] = [];
  const open: Laptop[] = [];
  let n = 0;

  async function laptop(): Promise<Laptop> {
    n += 1;
    const dir = await mkdtemp(join(tmpdir(), 'fieldbook-fast-path-'));
    dirs.push(dir);
    const db = await openFieldbookDatabase({
      name: `fast-path-${n}-${Date.now()}`,
      password: 'database-key-for-tests',
      storage: getRxStorageMemory(),
    });
    const services = createDesktopServices({
      userDataDir: dir,
      protector: createPassphraseProtector('profile', FAST_SCRYPT),
      native: NO_NATIVE_SHELL,
      appInfo: { version: 't', electron: null, locale: 'zh-CN' },
      sync: { streamRetryMs: 100, streamRetryMaxMs: 500, requestTimeoutMs: 5000, warn: () => {} },
    });
    const pending = createPendingTracker(db);
    let count = 0;
    pending.count$.subscribe((c) => (count = c));
    const l: Laptop = { db, services, pending, engine: null, pendingCount: () => count };
    open.push(l);
    return l;
  }

  async function signIn(l: Laptop): Promise<SyncAccount> {
    const result = await l.services.sync.signIn({ serverUrl: ts.url, ...eng });
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    return result.value;
  }

  function firstSync(
    l: Laptop,
    api: DesktopApi['sync'],
    account: SyncAccount,
    firstSyncFastPath = true,
  ): Promise<void> {
    return new Promise((resolve) => {
      l.engine = startReplication({
        db: l.db,
        api,
        account,
        pending: l.pending,
        initialDone: false,
        retryTimeMs: 200,
        firstSyncFastPath,
        onInitialDone: resolve,
      });
    });
  }

  const entries = Array.from({ length: 2_300 }, (_, i) =>
    logEntry(c1.id, v1.id, { text: `条目 ${i}` }),
  );

  beforeAll(async () => {
    ts = await startTestServer({ kind: 'pglite' });
    eng = await ts.user('fast-eng', 'engineer');
    await assignCustomer(ts.server.store, 'fast-eng', c1.id);
    admin = await SyncClient.login(ts.url, ts.admin.username, ts.admin.password);
    await admin.push('customers', creates([c1]));
    await admin.push('sites', creates([s1]));
    await admin.push('visits', creates([v1]));
    for (let i = 0; i < entries.length; i += 500) {
      await admin.push('visitLogEntries', creates(entries.slice(i, i + 500)));
    }
  }, 180_000);

  afterEach(async () => {
    for (const l of open.splice(0)) {
      await l.engine?.stop();
      l.services.syncSession.close();
      l.pending.close();
      await l.db.close();
    }
  });

  afterAll(async () => {
    await ts?.close();
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('stores pages as synced: nothing is pushed back, and a later edit pushes without conflict', async () => {
    const a = await laptop();
    const rec = recording(a.services.sync);
    await firstSync(a, rec.api, await signIn(a));
    expect(await a.db.visitLogEntries.count().exec()).toBe(entries.length);
    // Pages of 1,000: the fast path wrote them (RxDB's own downstream would also have, with the
    // same outcome); the upstream must see them as the server's, not as local changes.
    expect(rec.pulls.filter((p) => p.collection === 'visitLogEntries').length).toBeGreaterThan(2);
    await new Promise((r) => setTimeout(r, 1500));
    expect(rec.pushes).toEqual([]);
    expect(a.pendingCount()).toBe(0);

    const target = entries[1234];
    if (!target) throw new Error('no entry');
    const doc = await a.db.visitLogEntries.findOne(target.id).exec();
    await doc?.incrementalPatch({ text: '复核后修改', updatedAt: new Date().toISOString() });
    await eventually(() => Promise.resolve(a.pendingCount() === 0), 30_000);
    expect(rec.pushes.map((p) => [p.collection, p.rows, p.conflicts.length])).toEqual([
      ['visitLogEntries', 1, 0],
    ]);
    const onServer = await admin.pullAll('visitLogEntries');
    expect(onServer.documents.find((d) => d.id === target.id)?.['text']).toBe('复核后修改');
  }, 120_000);

  it('resumes after a reload mid-sync from the stored checkpoint, nothing pushed back', async () => {
    const a = await laptop();
    const account = await signIn(a);
    const first = recording(a.services.sync);
    // The third page of visit-log entries does not arrive before the app is closed: the first
    // two are written and their checkpoints stored by then.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    let requested = 0;
    const api: DesktopApi['sync'] = {
      ...first.api,
      pull: async (input) => {
        if (input.collection === 'visitLogEntries' && ++requested === 3) await held;
        return first.api.pull(input);
      },
    };
    void firstSync(a, api, account);
    await eventually(async () => (await a.db.visitLogEntries.count().exec()) >= 2_000, 60_000);
    await new Promise((r) => setTimeout(r, 1000));
    await a.engine?.stop();
    release();
    const stored = await a.db.visitLogEntries.count().exec();
    expect(stored).toBeGreaterThan(0);
    expect(stored).toBeLessThan(entries.length);

    const again = recording(a.services.sync);
    await firstSync(a, again.api, account);
    expect(await a.db.visitLogEntries.count().exec()).toBe(entries.length);
    const resumed = again.pulls.find((p) => p.collection === 'visitLogEntries');
    expect(resumed?.checkpoint).not.toBeNull();
    // Only the page that had not arrived is pulled again.
    expect(
      again.pulls.filter((p) => p.collection === 'visitLogEntries').map((p) => p.docs),
    ).toEqual([entries.length - 2_000]);
    await new Promise((r) => setTimeout(r, 1500));
    expect([...first.pushes, ...again.pushes]).toEqual([]);
    expect(a.pendingCount()).toBe(0);
  }, 120_000);

  it('never overwrites a document the laptop already has: RxDB merges it', async () => {
    // Recorded offline before the first sign-in, under the id of a server document (the same
    // entry edited on a laptop restored from a backup, say). Its push is held back until the
    // first sync has pulled everything: the pulled page must not have replaced it.
    const target = entries[42];
    if (!target) throw new Error('no entry');
    const l = await laptop();
    const { _deleted: _d, ...local } = target;
    void _d;
    await l.db.visitLogEntries.insert({ ...local, text: '本机离线记录' } as never);
    const rec = recording(l.services.sync);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const api: DesktopApi['sync'] = {
      ...rec.api,
      push: async (input) => {
        await gate;
        return rec.api.push(input);
      },
    };
    const done = firstSync(l, api, await signIn(l));
    await eventually(
      async () => (await l.db.visitLogEntries.count().exec()) === entries.length,
      60_000,
    );
    await new Promise((r) => setTimeout(r, 500));
    expect((await l.db.visitLogEntries.findOne(target.id).exec())?.text).toBe('本机离线记录');
    release();
    await done;
    await eventually(() => Promise.resolve(l.pendingCount() === 0), 30_000);
    // The push met the server's state as a conflict, which the handler resolved.
    expect(rec.pushes.some((p) => p.conflicts.some((c) => c.id === target.id))).toBe(true);
  }, 180_000);

  it('never brings back a document deleted on the laptop and not pushed yet', async () => {
    // Created offline under the id of a server document (as the sample workspace's records are
    // when a server already holds them), then deleted (the sample removed) while the first sync
    // runs and before the deletion is pushed: the pulled page must leave it deleted.
    const target = entries[77];
    if (!target) throw new Error('no entry');
    const l = await laptop();
    const { _deleted: _d, ...local } = target;
    void _d;
    const inserted = await l.db.visitLogEntries.insert({ ...local, text: '示例记录' } as never);
    await inserted.remove();
    const rec = recording(l.services.sync);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const api: DesktopApi['sync'] = {
      ...rec.api,
      push: async (input) => {
        await gate;
        return rec.api.push(input);
      },
    };
    const done = firstSync(l, api, await signIn(l));
    await eventually(
      async () => (await l.db.visitLogEntries.count().exec()) === entries.length - 1,
      60_000,
    );
    await new Promise((r) => setTimeout(r, 500));
    expect(await l.db.visitLogEntries.findOne(target.id).exec()).toBeNull();
    expect(await l.db.visitLogEntries.count().exec()).toBe(entries.length - 1);
    release();
    await done;
    await eventually(() => Promise.resolve(l.pendingCount() === 0), 30_000);
    // The deletion went up against the server's state and met it as a conflict, resolved by the
    // handler: it was not silently replaced by the pulled copy.
    expect(rec.pushes.some((p) => p.conflicts.some((c) => c.id === target.id))).toBe(true);
  }, 180_000);
});
