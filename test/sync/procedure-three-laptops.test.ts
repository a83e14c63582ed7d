/**
 * Three laptops on one procedure run (issue 9 §2): three engineers, each signed in on their own
 * laptop, work one DCE 5 upgrade run offline at the same time — 王磊 on the control plane, 陈静 on
 * the workers, the lead 李主管 pasting evidence into a control-plane step 王磊 is also working on
 * and pausing the run. Then every laptop syncs, in turn, and every laptop ends with the same
 * events (each one exactly once: the union of the three offline logs) and the same derived state.
 *
 * The app's database (every collection, the app's conflict handlers, encryption and validation
 * wrappers) on memory storage, the real main-process sync service and the renderer's replication
 * engine, against the real server in-process, as in first-sync-fast-path.test.ts. RxDB's free
 * version opens at most 13 collections per process, so only one laptop's database is open at a
 * time: a laptop "offline" is one whose database is open without its replication running, and
 * memory storage keeps each database's documents (and replication checkpoints) across a close,
 * as a laptop's disk keeps them across a restart.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NativeShell } from '../../src-main/services/deliverables-service';
import { createDesktopServices } from '../../src-main/services/desktop-services';
import type { DesktopServices } from '../../src-main/services/desktop-services';
import { createPassphraseProtector } from '../../src-main/services/key-store';
import { assignCustomer, assignTeam } from '../../src-server/services/accounts';
import type { ProcedureRunDoc } from '../../src-shared/db/types';
import { deriveRun } from '../../src-shared/domain/procedures/derive';
import {
  attachEvidence,
  completeStep,
  failStep,
  pauseRun,
  startRun,
  startStep,
} from '../../src-shared/domain/procedures/procedure-ops';
import type { Actor } from '../../src-shared/domain/procedures/procedure-ops';
import type { SyncAccount } from '../../src-shared/ipc';
import { DCE5_MINOR_UPGRADE_V1 } from '../../src-shared/policy/procedures';
import { openFieldbookDatabase } from '../../src-renderer/db/database';
import type { FieldbookDatabase } from '../../src-renderer/db/database';
import { createPendingTracker } from '../../src-renderer/db/pending-tracker';
import type { PendingTracker } from '../../src-renderer/db/pending-tracker';
import { startReplication } from '../../src-renderer/db/replication';
import type { ReplicationEngine } from '../../src-renderer/db/replication';
import { SyncClient } from './client';
import { customer } from './docs';
import { startTestServer, type TestServer } from './harness';
import { eventually } from './rxdb-laptop';

const FAST_SCRYPT = { N: 1024, r: 8, p: 1, maxmem: 2 ** 26 };
const NO_NATIVE_SHELL: NativeShell = {
  chooseSavePath: () => Promise.reject(new Error('no save dialog in this test')),
  openPath: () => Promise.reject(new Error('no viewer in this test')),
};

function at(minute: number): string {
  return new Date(Date.parse('2026-12-20T14:00:00Z') + minute * 60_000).toISOString();
}

const out = (text: string) => ({ kind: 'output' as const, text });

/** One engineer's laptop: a database name on the shared memory storage and its sync service. */
interface Laptop {
  name: string;
  services: DesktopServices;
  account: SyncAccount;
  actor: Actor;
  /** Whether its first full sync is done (the app persists this per account). */
  initialDone: boolean;
  open: { db: FieldbookDatabase; pending: PendingTracker; engine: ReplicationEngine | null } | null;
}

describe('three laptops on one procedure run', () => {
  let ts: TestServer;
  let admin: SyncClient;
  const c1 = customer();
  const dirs: string[] = [];
  const laptops: Laptop[] = [];
  let n = 0;

  async function laptop(username: string, role: 'engineer' | 'lead'): Promise<Laptop> {
    const creds = await ts.user(username, role);
    await assignCustomer(ts.server.store, username, c1.id);
    const dir = await mkdtemp(join(tmpdir(), 'fieldbook-three-laptops-'));
    dirs.push(dir);
    const services = createDesktopServices({
      userDataDir: dir,
      protector: createPassphraseProtector('profile', FAST_SCRYPT),
      native: NO_NATIVE_SHELL,
      appInfo: { version: 't', electron: null, locale: 'zh-CN' },
      sync: { streamRetryMs: 100, streamRetryMaxMs: 500, requestTimeoutMs: 5000, warn: () => {} },
    });
    const signedIn = await services.sync.signIn({ serverUrl: ts.url, ...creds });
    if (!signedIn.ok) throw new Error(JSON.stringify(signedIn.error));
    const account = signedIn.value;
    n += 1;
    const l: Laptop = {
      name: `three-laptops-${n}-${Date.now()}`,
      services,
      account,
      actor: {
        by: account.user.username,
        zone: 'Asia/Shanghai',
        account: {
          userId: account.user.id,
          username: account.user.username,
          role: account.user.role as 'engineer' | 'lead',
        },
      },
      initialDone: false,
      open: null,
    };
    laptops.push(l);
    return l;
  }

  /** Opens the laptop's database (the app started); `online` starts its replication too. */
  async function open(l: Laptop, online: boolean): Promise<FieldbookDatabase> {
    const db = await openFieldbookDatabase({
      name: l.name,
      password: 'database-key-for-tests',
      storage: getRxStorageMemory(),
    });
    const pending = createPendingTracker(db);
    l.open = { db, pending, engine: null };
    if (online) {
      const initialDone = l.initialDone;
      await new Promise<void>((resolve) => {
        l.open!.engine = startReplication({
          db,
          api: l.services.sync,
          account: l.account,
          pending,
          initialDone,
          retryTimeMs: 200,
          onInitialDone: resolve,
        });
        if (initialDone) resolve();
      });
      l.initialDone = true;
    }
    return db;
  }

  /** Quits the app on that laptop: replication stopped, database closed (its data kept). */
  async function close(l: Laptop): Promise<void> {
    if (!l.open) return;
    await l.open.engine?.stop();
    l.open.pending.close();
    await l.open.db.close();
    l.open = null;
  }

  async function runOn(db: FieldbookDatabase, id: string): Promise<ProcedureRunDoc | undefined> {
    return (await db.procedureRuns.findOne(id).exec())?.toMutableJSON();
  }

  /** Works offline: appends events with the domain operations, each write as the UI makes it. */
  async function offline(
    l: Laptop,
    id: string,
    ops: ((r: ProcedureRunDoc, who: Actor) => ProcedureRunDoc)[],
  ): Promise<string[]> {
    const db = await open(l, false);
    for (const op of ops) {
      const doc = await db.procedureRuns.findOne(id).exec();
      await doc!.incrementalModify((d) => op(d, l.actor));
    }
    const ids = (await runOn(db, id))!.events.map((e) => e.id);
    await close(l);
    return ids;
  }

  async function serverRun(id: string): Promise<ProcedureRunDoc | undefined> {
    return (await admin.pullAll('procedureRuns')).documents.find((d) => d.id === id) as
      ProcedureRunDoc | undefined;
  }

  beforeAll(async () => {
    ts = await startTestServer({ kind: 'pglite' });
    admin = await SyncClient.login(ts.url, ts.admin.username, ts.admin.password);
  }, 120_000);

  afterAll(async () => {
    for (const l of laptops) {
      await close(l).catch(() => undefined);
      l.services.syncSession.close();
    }
    await ts?.close();
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('converges on every event of the three offline logs, each once, and the same state', async () => {
    const masters = await laptop('wanglei', 'engineer');
    const workers = await laptop('chenjing', 'engineer');
    const lead = await laptop('lizhuguan', 'lead');
    await assignTeam(ts.server.store, 'wanglei', 'lizhuguan');
    await assignTeam(ts.server.store, 'chenjing', 'lizhuguan');

    // 王磊 starts the run on his laptop and syncs it; the two others pull it before the machine
    // room (no network there).
    const base = startRun(
      {
        customerId: c1.id,
        siteId: 'SITE1',
        siteZone: 'Asia/Shanghai',
        templateId: 'dce5-minor-upgrade',
        templateVersion: 1,
        clusterId: 'K1',
        fromVersion: '5.0.3',
        toVersion: '5.1.0',
      },
      masters.actor,
      at(0),
    );
    const dbA = await open(masters, true);
    await dbA.procedureRuns.insert(base);
    await eventually(async () => (await serverRun(base.id))?.events.length === 1);
    await close(masters);
    for (const l of [workers, lead]) {
      const db = await open(l, true);
      await eventually(async () => (await runOn(db, base.id)) !== undefined);
      await close(l);
    }

    // Offline, at the same time (the instants interleave), nobody seeing the others' work.
    const onMasters = await offline(masters, base.id, [
      (r, who) => startStep(r, 'cp-first', who, at(10)),
      (r, who) => attachEvidence(r, 'cp-first', out('upgrade-cp-first   Succeeded\n'), who, at(12)),
      (r, who) => completeStep(r, 'cp-first', who, at(14)),
      // The second control-plane node fails once (an Ansible task), then passes on retry.
      (r, who) =>
        attachEvidence(r, 'cp-rest', out('PLAY RECAP  master-02 failed=1\nFailed\n'), who, at(20)),
      (r, who) => failStep(r, 'cp-rest', 'master-02: kubelet restart timed out', who, at(21)),
      (r, who) => attachEvidence(r, 'cp-rest', out('upgrade-cp-rest   Succeeded\n'), who, at(25)),
      (r, who) => completeStep(r, 'cp-rest', who, at(26)),
    ]);
    const onWorkers = await offline(workers, base.id, [
      (r, who) =>
        attachEvidence(r, 'workers-canary', out('upgrade-canary   Succeeded\n'), who, at(11)),
      (r, who) => completeStep(r, 'workers-canary', who, at(13)),
      (r, who) =>
        attachEvidence(r, 'workers-batches', out('upgrade-workers   Succeeded\n'), who, at(22)),
      (r, who) => completeStep(r, 'workers-batches', who, at(27)),
    ]);
    // The lead, at the console: pastes the node list into cp-first while 王磊 is on it (on the
    // lead's laptop the step is not started yet, so this starts it too), then pauses the run.
    const onLead = await offline(lead, base.id, [
      (r, who) =>
        attachEvidence(
          r,
          'cp-first',
          out('master-01   Ready   control-plane   v1.27.5\n'),
          who,
          at(13),
        ),
      (r, who) => pauseRun(r, '等待客户确认业务正常后再继续', who, at(28)),
    ]);
    // started; A: cp-first started, evidence, done; cp-rest started, evidence, failed, started,
    // evidence, done. B: 2 × (started, evidence, done). Lead: cp-first started, evidence; paused.
    expect([onMasters.length, onWorkers.length, onLead.length]).toEqual([1 + 9, 1 + 6, 1 + 3]);
    const expected = new Set([...onMasters, ...onWorkers, ...onLead]);
    expect(expected.size).toBe(1 + 9 + 6 + 3);

    // Back online, one after another: the second and third pushes meet the server's newer run
    // as a conflict, which the app's handler merges.
    for (const l of [masters, workers, lead]) {
      const db = await open(l, true);
      const mine = new Set((await runOn(db, base.id))!.events.map((e) => e.id));
      await eventually(async () => {
        const ids = new Set((await serverRun(base.id))?.events.map((e) => e.id));
        return [...mine].every((id) => ids.has(id));
      }, 20_000);
      await close(l);
    }
    const onServer = (await serverRun(base.id))!;
    expect(onServer.events.map((e) => e.id).sort()).toEqual([...expected].sort());

    // And each laptop pulls what the others pushed.
    const finals: ProcedureRunDoc[] = [];
    for (const l of [masters, workers, lead]) {
      const db = await open(l, true);
      await eventually(async () => (await runOn(db, base.id))?.events.length === expected.size);
      finals.push((await runOn(db, base.id))!);
      await close(l);
    }
    for (const f of finals) {
      const ids = f.events.map((e) => e.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect([...ids].sort()).toEqual([...expected].sort());
    }

    const states = finals.map((f) => deriveRun(DCE5_MINOR_UPGRADE_V1, f));
    const [state] = states;
    for (const s of states.slice(1)) {
      expect(s.steps).toEqual(state!.steps);
      expect(s.events.map((e) => e.id)).toEqual(state!.events.map((e) => e.id));
      expect([s.status, s.mode, s.currentStepId]).toEqual([
        state!.status,
        state!.mode,
        state!.currentStepId,
      ]);
    }
    // The step touched on two laptops keeps both engineers' evidence in one attempt.
    expect(state!.steps['cp-first']).toMatchObject({
      status: 'done',
      attempts: 1,
      by: 'wanglei',
      startedAt: at(10),
      actualMinutes: 4,
    });
    expect(state!.steps['cp-first']!.allEvidence.map((e) => e.text)).toEqual([
      'upgrade-cp-first   Succeeded\n',
      'master-01   Ready   control-plane   v1.27.5\n',
    ]);
    expect(state!.steps['cp-rest']).toMatchObject({ status: 'done', attempts: 2, by: 'wanglei' });
    expect(state!.steps['cp-rest']!.allEvidence).toHaveLength(2);
    expect(state!.steps['workers-canary']).toMatchObject({ status: 'done', by: 'chenjing' });
    expect(state!.steps['workers-batches']).toMatchObject({ status: 'done', by: 'chenjing' });
    // The lead's pause holds on every laptop. Version 1 does not gate the pre-checks, which
    // nobody did here: the current step is still the first of them.
    expect(state!.status).toBe('paused');
    expect(state!.currentStepId).toBe('nodes-ready');
    const accounts = new Set(state!.events.map((e) => e.account?.username));
    expect(accounts).toEqual(new Set(['wanglei', 'chenjing', 'lizhuguan']));
  }, 180_000);
});
