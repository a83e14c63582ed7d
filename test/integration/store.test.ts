/**
 * The local store end to end in Node: Dexie on fake-indexeddb, wrapped exactly as in the app
 * (encryption + ajv validation). Performance is measured in Chromium (bench/store), not here.
 * Every test closes its databases: RxDB's free tier allows 13 open collections per process.
 */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { createRxDatabase } from 'rxdb';
import type { RxStorage } from 'rxdb';
import { wrappedKeyEncryptionCryptoJsStorage } from 'rxdb/plugins/encryption-crypto-js';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { afterEach, describe, expect, it } from 'vitest';
import { deliverableSchema, planSchema, siteSchemaV0 } from '../../src-shared/db/schemas/index';
import type { DeliverableDoc, PlanDoc, SiteDoc } from '../../src-shared/db/types';
import { planDocFields } from '../../src-shared/domain/planning/plan-doc';
import { samplePlan } from '../../src-shared/domain/planning/sample-plan';
import { createDraftDeliverable, markSigned } from '../../src-shared/domain/deliverables';
import { sampleFaultSnapshot } from '../../src-shared/reports/sample';
import {
  buildSampleWorkspace,
  sampleWorkspaceSize,
} from '../../src-shared/domain/sample-workspace';
import {
  BulkInsertError,
  DatabaseKeyError,
  bulkInsertChunked,
  openFieldbookDatabase,
} from '../../src-renderer/db/database';
import type { FieldbookDatabase } from '../../src-renderer/db/database';
import {
  customersByName,
  incidentsByDue,
  openIncidentsByDue,
  sitesOfCustomer,
  visitTimeline,
} from '../../src-renderer/db/queries';
import {
  WorkspaceNotEmptyError,
  isWorkspaceEmpty,
  loadSampleWorkspace,
  removeSampleWorkspace,
  sampleFootprint,
} from '../../src-renderer/db/sample-workspace-loader';

const PASSWORD = 'a3f1c9e07b2d4e68a3f1c9e07b2d4e68';
const NOW = new Date('2026-11-23T06:30:00Z');
const storage = getRxStorageDexie({ indexedDB, IDBKeyRange }) as RxStorage<unknown, unknown>;

let counter = 0;
const uniqueName = (label: string) => `fb-test-${label}-${Date.now()}-${counter++}`;
const open: FieldbookDatabase[] = [];

async function openDb(name: string, password = PASSWORD): Promise<FieldbookDatabase> {
  const db = await openFieldbookDatabase({ name, password, storage });
  open.push(db);
  return db;
}

function signedDeliverable(customerId: string): DeliverableDoc {
  const snapshot = sampleFaultSnapshot();
  const pdf = { sha256: 'a'.repeat(64), name: 'r.pdf', mimeType: 'application/pdf', size: 9 };
  const draft = createDraftDeliverable(
    {
      id: 'D1',
      customerId,
      kind: 'fault-report',
      sourceId: 'I1',
      title: '故障报告',
      lang: 'zh',
      snapshot,
      pdf,
    },
    '2026-03-04T11:00:00+08:00',
  );
  return markSigned(
    draft,
    {
      snapshot,
      pdf,
      sha256: pdf.sha256,
      signatures: [
        {
          role: 'customer',
          name: '李明',
          signedAt: '2026-03-04T11:20:00+08:00',
          image: { ...pdf, sha256: 'b'.repeat(64), mimeType: 'image/png', name: 's.png' },
        },
      ],
      signer: { subject: 'CN=张伟', selfSigned: true, fingerprint: 'c'.repeat(64) },
      signedAt: '2026-03-04T11:21:00+08:00',
    },
    '2026-03-04T11:21:00+08:00',
  );
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((db) => db.close()));
});

describe('openFieldbookDatabase', () => {
  it('refuses to change a signed deliverable, but records sync and history', async () => {
    const db = await openDb(uniqueName('signed'));
    const doc = await db.deliverables.insert(signedDeliverable('K1'));
    await expect(doc.incrementalPatch({ lang: 'en' })).rejects.toThrow(
      /is signed and cannot change/,
    );
    await expect(doc.incrementalModify((d) => ({ ...d, signatures: [] }))).rejects.toThrow(
      /is signed and cannot change/,
    );
    const synced = await doc.incrementalPatch({ syncedAt: '2026-03-04T12:00:00+08:00' });
    expect(synced.syncedAt).toBe('2026-03-04T12:00:00+08:00');
    const stored = await db.deliverables.findOne('D1').exec();
    expect(stored?.lang).toBe('zh');
    expect(stored?.signatures).toHaveLength(1);
  });

  it('creates the 12 collections and refuses a short key', async () => {
    const db = await openDb(uniqueName('open'));
    expect(Object.keys(db.collections).sort()).toEqual(
      [
        'clusters',
        'contracts',
        'customers',
        'deliverables',
        'incidents',
        'inspections',
        'opsRecords',
        'plans',
        'procedureRuns',
        'sites',
        'visitLogEntries',
        'visits',
      ].sort(),
    );
    await expect(
      openFieldbookDatabase({ name: uniqueName('short'), password: 'short', storage }),
    ).rejects.toBeInstanceOf(DatabaseKeyError);
  });

  it('validates writes against the schemas', async () => {
    const db = await openDb(uniqueName('validate'));
    const ws = buildSampleWorkspace(NOW);
    const site = ws.sites[0]!;
    await expect(db.sites.insert({ ...site, timeZone: 'Beijing time' })).rejects.toThrow();
    await expect(db.sites.insert({ ...site, extra: 1 } as SiteDoc)).rejects.toThrow();
    await db.sites.insert(site);
    expect((await db.sites.findOne(site.id).exec())?.toJSON().remoteAccess).toEqual(
      site.remoteAccess,
    );
  });

  it('wires the merging conflict handlers, not RxDB’s default', async () => {
    const db = await openDb(uniqueName('conflict'));
    const [a] = buildSampleWorkspace(NOW).sites;
    const base = { ...a!, _deleted: false };
    const resolved = await db.sites.conflictHandler.resolve(
      {
        assumedMasterState: base,
        realMasterState: { ...base, name: 'server', updatedAt: '2026-11-23T10:00:00.000+08:00' },
        newDocumentState: { ...base, notes: 'laptop', updatedAt: '2026-11-23T09:00:00.000+08:00' },
      },
      'test',
    );
    expect(resolved).toMatchObject({ name: 'server', notes: 'laptop' });
  });
});

describe('sample workspace in the store', () => {
  it('loads in chunks with progress, once, and answers the app’s queries from indexes', async () => {
    const db = await openDb(uniqueName('sample'));
    expect(await isWorkspaceEmpty(db)).toBe(true);
    const progress: [number, number][] = [];
    const ws = buildSampleWorkspace(NOW);
    const inserted = await loadSampleWorkspace(db, NOW, (done, total) =>
      progress.push([done, total]),
    );
    const total = sampleWorkspaceSize(ws);
    expect(inserted).toBe(total);
    expect(progress[0]).toEqual([0, total]);
    expect(progress.at(-1)).toEqual([total, total]);
    expect(progress.every(([d], i) => i === 0 || d >= progress[i - 1]![0])).toBe(true);
    expect(await isWorkspaceEmpty(db)).toBe(false);
    await expect(loadSampleWorkspace(db, NOW)).rejects.toBeInstanceOf(WorkspaceNotEmptyError);

    expect(await db.visitLogEntries.count().exec()).toBe(ws.visitLogEntries.length);

    const customers = await customersByName(db).exec();
    expect(customers.map((c) => c.name)).toEqual(ws.customers.map((c) => c.name).sort());

    const broker = ws.customers.find((c) => c.shortName === '申江证券')!;
    const sites = await sitesOfCustomer(db, broker.id).exec();
    expect(sites.map((s) => s.timeZone).sort()).toEqual(['Asia/Shanghai', 'Asia/Singapore']);

    const inspection = ws.visits.find(
      (v) => v.purpose === 'inspection' && v.status === 'checked-out',
    )!;
    const timelineQuery = visitTimeline(db, inspection.id, 5);
    const plan = timelineQuery.getPreparedQuery().queryPlan;
    expect(plan.index).toEqual(['_deleted', 'visitId', 'at', 'id']);
    // Dexie walks the visit's key range; the newest-first order is applied to that range only.
    expect(plan.selectorSatisfiedByIndex).toBe(true);
    const timeline = await timelineQuery.exec();
    expect(timeline).toHaveLength(5);
    expect(timeline.every((e) => e.visitId === inspection.id)).toBe(true);
    const ats = timeline.map((e) => Date.parse(e.at));
    expect([...ats].sort((a, b) => b - a)).toEqual(ats);

    const dueQuery = openIncidentsByDue(db);
    expect(dueQuery.getPreparedQuery().queryPlan.index).toEqual([
      '_deleted',
      'status',
      'dueAt',
      'id',
    ]);
    expect(dueQuery.getPreparedQuery().queryPlan.sortSatisfiedByIndex).toBe(true);
    const due = (await dueQuery.exec()).map((d) => d.toJSON());
    const expected = ws.incidents
      .filter((i) => i.status === 'open' && i.dueAt !== '')
      .map((i) => i.dueAt)
      .sort();
    expect(due.map((i) => i.dueAt)).toEqual(expected);
    expect(expected.length).toBeGreaterThanOrEqual(3);
    expect((await incidentsByDue(db, 'paused').exec()).length).toBe(
      ws.incidents.filter((i) => i.status === 'paused' && i.dueAt !== '').length,
    );
  });

  it('persists across a reopen and refuses the wrong key', async () => {
    const name = uniqueName('reopen');
    const first = await openDb(name);
    await loadSampleWorkspace(first, NOW);
    const countBefore = await first.incidents.count().exec();
    await first.close();

    const second = await openDb(name);
    expect(await second.incidents.count().exec()).toBe(countBefore);
    const site = buildSampleWorkspace(NOW).sites.find((s) => s.remoteAccess?.password)!;
    expect((await second.sites.findOne(site.id).exec())?.remoteAccess?.password).toBe(
      site.remoteAccess?.password,
    );
    await second.close();

    await expect(
      openFieldbookDatabase({ name, password: 'another-key-0123456789', storage }),
    ).rejects.toThrow();
  });

  it('keeps remote-access secrets encrypted at rest', async () => {
    const name = uniqueName('atrest');
    const db = await openDb(name);
    await loadSampleWorkspace(db, NOW);
    await db.close();

    const secrets = buildSampleWorkspace(NOW)
      .sites.map((s) => s.remoteAccess?.password)
      .filter((p): p is string => p !== undefined);
    expect(secrets.length).toBeGreaterThan(0);
    const dbNames = (await indexedDB.databases())
      .map((d) => d.name ?? '')
      .filter((n) => n.startsWith(`rxdb-dexie-${name}--`));
    expect(dbNames.some((n) => n.endsWith('--sites'))).toBe(true);

    let raw = '';
    for (const dbName of dbNames) raw += await dumpIndexedDb(dbName);
    // the dump really holds the sites (clear fields are readable) …
    expect(raw).toContain('杭州滨江数据中心');
    expect(raw).toContain('"remoteAccess":"');
    // … but none of the secrets, nor the host and user stored beside them
    for (const secret of secrets) expect(raw).not.toContain(secret);
    expect(raw).not.toContain('vpn.qtbank.com.cn');
    expect(raw).not.toContain('daocloud_ops01');
  });
});

describe('schema migration', () => {
  it('migrates a site stored with schema v0 when the app opens with v3 (v1 + mergeHistory, v3 more calendars)', async () => {
    const name = uniqueName('migrate');
    const wrapped = wrappedValidateAjvStorage({
      storage: wrappedKeyEncryptionCryptoJsStorage({ storage }),
    });
    const old = await createRxDatabase({
      name,
      storage: wrapped,
      password: PASSWORD,
      multiInstance: false,
    });
    await old.addCollections({ sites: { schema: siteSchemaV0 } });
    const t = '2025-06-01T09:00:00.000+08:00';
    await old.collections.sites!.insert({
      id: 'SITEV0',
      customerId: 'CUSTV0',
      name: '南京江北机房',
      address: '江苏省南京市江北新区',
      timeZone: 'Asia/Shanghai',
      remoteAccess: { method: 'VPN', password: 'v0-secret-pw' },
      createdAt: t,
      updatedAt: t,
    });
    // v0 had no calendar field: the old schema refuses it
    await expect(
      old.collections.sites!.insert({
        id: 'SITEV0B',
        customerId: 'CUSTV0',
        name: 'x',
        address: 'y',
        timeZone: 'Asia/Shanghai',
        holidayCalendar: 'cn',
        createdAt: t,
        updatedAt: t,
      }),
    ).rejects.toThrow();
    await old.close();

    const db = await openDb(name);
    const migrated = (await db.sites.findOne('SITEV0').exec())?.toJSON();
    expect(migrated).toMatchObject({
      id: 'SITEV0',
      name: '南京江北机房',
      holidayCalendar: 'cn',
      contacts: [],
      remoteAccess: { method: 'VPN', password: 'v0-secret-pw' },
    });
    expect(db.sites.schema.version).toBe(3);
    expect('mergeHistory' in (migrated ?? {})).toBe(false);
  });
});

/*
 * The v0 schemas as they were stored before issue 10's changes (git a71f4ee^ and fd13775^): the
 * deliverables kind enum without planning-document, accepted warnings without who and when.
 * Derived from today's schemas so that nothing else differs.
 */
function deliverableSchemaV0() {
  const schema = structuredClone(deliverableSchema) as unknown as {
    version: number;
    properties: { kind: { enum: string[] } };
  };
  schema.version = 0;
  schema.properties.kind.enum = ['inspection-report', 'fault-report'];
  return schema as unknown as typeof deliverableSchema;
}

function planSchemaV0() {
  const schema = structuredClone(planSchema) as unknown as {
    version: number;
    properties: { acceptedWarnings: { items: { properties: Record<string, unknown> } } };
  };
  schema.version = 0;
  const items = schema.properties.acceptedWarnings.items.properties;
  delete items['acceptedBy'];
  delete items['acceptedAt'];
  return schema as unknown as typeof planSchema;
}

describe('schema migration of issue 10 (deliverables v0 → today, plans v0 → v1)', () => {
  it('opens a database stored with deliverables v0 and plans v0: every document kept as it was', async () => {
    const name = uniqueName('migrate-v1');
    const wrapped = wrappedValidateAjvStorage({
      storage: wrappedKeyEncryptionCryptoJsStorage({ storage }),
    });
    const old = await createRxDatabase({
      name,
      storage: wrapped,
      password: PASSWORD,
      multiInstance: false,
    });
    await old.addCollections({
      deliverables: { schema: deliverableSchemaV0() },
      plans: { schema: planSchemaV0() },
    });
    const signed = signedDeliverable('CUSTV0');
    const draft = { ...signedDeliverable('CUSTV0'), id: 'D2', status: 'draft' as const };
    await old.collections.deliverables!.bulkInsert([signed, draft]);
    // v0 knew no planning document: its schema refuses one.
    await expect(
      old.collections.deliverables!.insert({ ...signed, id: 'D3', kind: 'planning-document' }),
    ).rejects.toThrow();
    let n = 0;
    const plan: PlanDoc = {
      id: 'PLANV0',
      customerId: 'CUSTV0',
      clusterId: 'K1',
      status: 'draft',
      ...planDocFields({ ...samplePlan(), dnsServers: [], acceptedWarnings: [] }, () => `r${++n}`),
      acceptedWarnings: [{ rule: 'missing-dns', path: '/dnsServers', reason: '使用 hosts 文件' }],
      createdAt: '2026-12-01T09:00:00.000+08:00',
      updatedAt: '2026-12-01T09:00:00.000+08:00',
    };
    await old.collections.plans!.insert(plan);
    await old.close();

    const db = await openDb(name);
    // v0 migrates through every later version to today's (v2 added the procedure records).
    expect(db.deliverables.schema.version).toBe(deliverableSchema.version);
    expect(db.plans.schema.version).toBe(1);
    const stored = (await db.deliverables.find().exec()).map((d) => d.toJSON());
    expect(stored.map((d) => d.id).sort()).toEqual(['D1', 'D2']);
    const d1 = stored.find((d) => d.id === 'D1')!;
    // A signed deliverable is immutable: the migration changes nothing in it.
    const {
      _meta: _m1,
      _rev: _r1,
      ...d1Fields
    } = d1 as typeof d1 & { _meta?: unknown; _rev?: string };
    expect(d1Fields).toEqual(JSON.parse(JSON.stringify(signed)));
    expect(d1.sha256).toBe(signed.sha256);
    // The new kind is accepted now.
    await db.deliverables.insert({ ...signed, id: 'D3', kind: 'planning-document' });
    const migratedPlan = (await db.plans.findOne('PLANV0').exec())!.toMutableJSON();
    expect(migratedPlan.machines).toEqual(plan.machines);
    expect(migratedPlan.acceptedWarnings).toEqual(plan.acceptedWarnings);
    // The acceptance names nobody yet, so it is not in effect until someone is named.
    await db.plans
      .findOne('PLANV0')
      .exec()
      .then((d) =>
        d!.incrementalPatch({
          acceptedWarnings: [{ ...plan.acceptedWarnings![0]!, acceptedBy: '王芳' }],
        }),
      );
    expect((await db.plans.findOne('PLANV0').exec())!.acceptedWarnings![0]!.acceptedBy).toBe(
      '王芳',
    );
  });
});

describe('bulkInsertChunked', () => {
  it('reports progress per chunk and stops at a rejected chunk', async () => {
    const db = await openDb(uniqueName('bulk'));
    const base = buildSampleWorkspace(NOW).customers[0]!;
    const docs = Array.from({ length: 250 }, (_, i) => ({
      ...base,
      id: `C${String(i).padStart(4, '0')}`,
      customerId: `C${String(i).padStart(4, '0')}`,
      name: `客户 ${i}`,
    }));
    const seen: number[] = [];
    expect(await bulkInsertChunked(db.customers, docs, 100, (d) => seen.push(d))).toBe(250);
    expect(seen).toEqual([100, 200, 250]);
    const again = [{ ...docs[0]!, id: 'NEW1', customerId: 'NEW1' }, docs[1]!];
    const err = await bulkInsertChunked(db.customers, again, 100).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BulkInsertError);
    expect((err as BulkInsertError).failures).toEqual([{ documentId: docs[1]!.id, status: 409 }]);
    expect((err as BulkInsertError).inserted).toBe(1);
  });
});

/** Every record of every object store of an IndexedDB database, as JSON text. */
function dumpIndexedDb(name: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(name);
    req.onerror = () => reject(req.error ?? new Error(`cannot open ${name}`));
    req.onsuccess = () => {
      const idb = req.result;
      const stores = [...idb.objectStoreNames];
      if (stores.length === 0) {
        idb.close();
        resolve('');
        return;
      }
      const tx = idb.transaction(stores, 'readonly');
      const parts: unknown[] = [];
      for (const store of stores) {
        const all = tx.objectStore(store).getAll();
        all.onsuccess = () => parts.push(all.result);
      }
      tx.oncomplete = () => {
        idb.close();
        resolve(JSON.stringify(parts));
      };
      tx.onerror = () => reject(tx.error ?? new Error('read failed'));
    };
  });
}

describe('removing the sample workspace', () => {
  it('removes what the sample created (edited or not) and nothing the engineer created', async () => {
    const db = await openDb(uniqueName('remove-sample'));
    const ws = buildSampleWorkspace(NOW);
    const total = await loadSampleWorkspace(db, NOW);
    const bank = ws.customers[0]!;
    // An edit to a sample record, a customer of one's own, and a visit of one's own at a sample site.
    await (await db.customers.findOne(bank.id).exec())!.incrementalPatch({ notes: '改过' });
    const own = { ...ws.customers[1]!, id: 'OWNCUSTOMER0000000000000001', name: '自建客户' };
    own.customerId = own.id;
    await db.customers.insert(own);
    const site = ws.sites.find((x) => x.customerId === bank.id)!;
    const visit = {
      ...ws.visits.find((v) => v.customerId === bank.id)!,
      id: 'OWNVISIT000000000000000001',
    };
    visit.siteId = site.id;
    await db.visits.insert(visit);

    expect(await sampleFootprint(db)).toEqual({ sample: total, yoursUnderSample: 1 });
    expect(await removeSampleWorkspace(db)).toBe(total);
    expect((await db.customers.find().exec()).map((c) => c.id)).toEqual([own.id]);
    expect((await db.visits.find().exec()).map((v) => v.id)).toEqual([visit.id]);
    expect(await db.incidents.count().exec()).toBe(0);
    expect(await db.visitLogEntries.count().exec()).toBe(0);
    // The own visit still names the (removed) sample customer: it is the engineer's, it stays.
    expect(await sampleFootprint(db)).toEqual({ sample: 0, yoursUnderSample: 1 });
    // Nothing left to remove: a second run changes nothing.
    expect(await removeSampleWorkspace(db)).toBe(0);
  }, 120_000);
});
