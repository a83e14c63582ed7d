import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RxConflictHandler } from 'rxdb';
import { CONFLICT_HANDLERS } from '../../src-shared/db/conflicts';
import { COLLECTION_NAMES } from '../../src-shared/db/schemas/index';
import type { BaseDoc, CollectionName, CustomerDoc } from '../../src-shared/db/types';
import { currentSchemaVersions, planImport } from '../../src-shared/db/workspace-transfer';
import { buildSampleWorkspace } from '../../src-shared/domain/sample-workspace';
import { IPC_ARGS_VALIDATORS, IPC_CHANNELS } from '../../src-shared/ipc';
import type { WorkspaceDocuments, WorkspaceImportResult } from '../../src-shared/ipc';
import { BlobStore } from './blob-store';
import { sealWorkspace, WORKSPACE_MAGIC } from './workspace-archive';
import { createWorkspaceService } from './workspace-service';

const FAST = { N: 1024, r: 8, p: 1 };
const PASSWORD = '现场交接-2026';
const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

async function laptop(file: string) {
  const dir = await mkdtemp(join(tmpdir(), 'ws-'));
  dirs.push(dir);
  const blobStore = new BlobStore(join(dir, 'blobs'));
  const service = createWorkspaceService({
    files: {
      chooseSavePath: () => Promise.resolve(file),
      chooseOpenPath: () => Promise.resolve(file),
    },
    blobStore,
    appVersion: '0.1.0',
    scrypt: FAST,
  });
  return { dir, blobStore, service };
}

async function fileIn(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'ws-file-'));
  dirs.push(dir);
  return join(dir, 'handover.fieldbook');
}

/** The sample workspace with a photo on its first log entry, stored in `store`. */
async function sampleWithPhoto(store: BlobStore): Promise<WorkspaceDocuments> {
  const ws = buildSampleWorkspace(new Date('2026-03-04T02:00:00Z'));
  const photo = await store.put(
    new TextEncoder().encode('JPEG bytes of a rack'),
    'rack.jpg',
    'image/jpeg',
  );
  const entry = ws.visitLogEntries[0]!;
  ws.visitLogEntries[0] = { ...entry, kind: 'photo', attachments: [photo] };
  const documents: WorkspaceDocuments = {};
  for (const name of COLLECTION_NAMES) documents[name] = ws[name];
  return documents;
}

function ok(result: WorkspaceImportResult | null) {
  if (result === null || !result.ok) throw new Error(`import refused: ${JSON.stringify(result)}`);
  return result;
}

/** A laptop's store as maps, merged into with `planImport` and the sync conflict handlers. */
async function mergeInto(
  store: Map<CollectionName, Map<string, BaseDoc>>,
  docs: WorkspaceDocuments,
) {
  let inserted = 0;
  let updated = 0;
  let unchanged = 0;
  for (const name of COLLECTION_NAMES) {
    const local = store.get(name) ?? new Map<string, BaseDoc>();
    store.set(name, local);
    const plan = await planImport(
      CONFLICT_HANDLERS[name] as unknown as RxConflictHandler<BaseDoc>,
      local,
      docs[name] ?? [],
    );
    for (const d of [...plan.insert, ...plan.update]) local.set(d.id, d);
    inserted += plan.insert.length;
    updated += plan.update.length;
    unchanged += plan.unchanged;
  }
  return { inserted, updated, unchanged };
}

describe('workspace file: export and import', () => {
  it('format 2 carries deletions: a deleted site deletes the importing laptop’s copy, its photo is not carried; a version 1 file still imports', async () => {
    const file = await fileIn();
    const a = await laptop(file);
    const documents = await sampleWithPhoto(a.blobStore);
    const site = documents.sites![0]!;
    const entry = documents.visitLogEntries![0]!;
    documents.sites![0] = { ...site, _deleted: true } as BaseDoc;
    documents.visitLogEntries![0] = { ...entry, _deleted: true } as BaseDoc;
    const written = await a.service.exportFile({
      password: PASSWORD,
      suggestedName: 'handover.fieldbook',
      scope: { kind: 'workspace' },
      documents,
    });
    expect(written).toMatchObject({ deleted: 2, blobs: 0 });
    expect((await readFile(file)).readUInt16BE(8)).toBe(2);

    const b = await laptop(file);
    const back = ok(await b.service.importFile({ password: PASSWORD }));
    expect(back.manifest.deleted).toEqual({ sites: 1, visitLogEntries: 1 });
    expect(back.manifest.counts.sites).toBe(documents.sites!.length - 1);
    expect(back.documents.sites![0]).toEqual({ ...site, _deleted: true });
    // B holds the site as it was before A deleted it: the deletion is taken.
    const store = new Map<CollectionName, Map<string, BaseDoc>>([
      ['sites', new Map([[site.id, site]])],
    ]);
    await mergeInto(store, back.documents);
    expect(store.get('sites')!.get(site.id)).toEqual({ ...site, _deleted: true });

    // A version 1 file (an earlier Fieldbook's) has no deletions and imports as before.
    const old = await sampleWithPhoto(a.blobStore);
    const bytes = await sealWorkspace({
      password: PASSWORD,
      scope: { kind: 'workspace' },
      documents: old,
      schemaVersions: currentSchemaVersions(),
      blobs: new Map(),
      appVersion: '0.0.9',
      scrypt: FAST,
      formatVersion: 1,
    });
    expect(Buffer.from(bytes).readUInt16BE(8)).toBe(1);
    await writeFile(file, bytes);
    const fromOld = ok(await b.service.importFile({ password: PASSWORD }));
    expect(fromOld.manifest.formatVersion).toBe(1);
    expect(fromOld.documents).toEqual(old);
  });

  it('round trip: every document and the photo arrive on a fresh laptop', async () => {
    const file = await fileIn();
    const a = await laptop(file);
    const documents = await sampleWithPhoto(a.blobStore);
    const written = await a.service.exportFile({
      password: PASSWORD,
      suggestedName: 'handover.fieldbook',
      scope: { kind: 'workspace' },
      documents,
    });
    const total = Object.values(documents).reduce((n, d) => n + d.length, 0);
    expect(written).toMatchObject({ path: file, documents: total, blobs: 1, missingBlobs: [] });
    const bytes = await readFile(file);
    expect(bytes.subarray(0, 8).toString('latin1')).toBe(WORKSPACE_MAGIC);
    // Encrypted: no customer name readable in the file.
    const someName = (documents.customers![0] as CustomerDoc).name;
    expect(bytes.includes(Buffer.from(someName, 'utf8'))).toBe(false);

    const b = await laptop(file);
    const back = ok(await b.service.importFile({ password: PASSWORD }));
    expect(back.name).toBe('handover.fieldbook');
    expect(back.documents).toEqual(documents);
    expect(back.manifest).toMatchObject({
      formatVersion: 2,
      scope: { kind: 'workspace' },
      blobs: 1,
    });
    expect(back.manifest.counts.visitLogEntries).toBe(documents.visitLogEntries!.length);
    const photo = (
      documents.visitLogEntries![0] as unknown as { attachments: { sha256: string }[] }
    ).attachments[0]!.sha256;
    expect(new TextDecoder().decode((await b.blobStore.get(photo))!)).toBe('JPEG bytes of a rack');

    // Into an empty store everything is new; a second import of the same file changes nothing.
    const store = new Map<CollectionName, Map<string, BaseDoc>>();
    expect(await mergeInto(store, back.documents)).toEqual({
      inserted: total,
      updated: 0,
      unchanged: 0,
    });
    const again = ok(await b.service.importFile({ password: PASSWORD }));
    expect(await mergeInto(store, again.documents)).toEqual({
      inserted: 0,
      updated: 0,
      unchanged: total,
    });
    expect([...store.values()].reduce((n, m) => n + m.size, 0)).toBe(total);
  });

  it('a customer scope: the export holds that customer’s documents only', async () => {
    const file = await fileIn();
    const a = await laptop(file);
    const all = await sampleWithPhoto(a.blobStore);
    const customer = all.customers![1]!;
    const documents: WorkspaceDocuments = {};
    for (const name of COLLECTION_NAMES) {
      documents[name] = (all[name] ?? []).filter((d) => d.customerId === customer.id);
    }
    await a.service.exportFile({
      password: PASSWORD,
      suggestedName: 'one.fieldbook',
      scope: { kind: 'customer', customerId: customer.id, customerName: 'X' },
      documents,
    });
    const back = ok(await (await laptop(file)).service.importFile({ password: PASSWORD }));
    expect(back.manifest.scope).toEqual({
      kind: 'customer',
      customerId: customer.id,
      customerName: 'X',
    });
    expect(back.documents.customers!.map((c) => c.id)).toEqual([customer.id]);
    for (const docs of Object.values(back.documents)) {
      for (const d of docs) expect(d.customerId).toBe(customer.id);
    }
  });

  it('conflicts merge by the sync handler: no common ancestor, so each differing field goes to the later side and every loser is recorded', async () => {
    const file = await fileIn();
    const a = await laptop(file);
    const ws = buildSampleWorkspace(new Date('2026-03-04T02:00:00Z'));
    const base = ws.customers[0]!;
    // Laptop A (the file) changed the industry at 10:00; laptop B changed the name at 11:00
    // and the short name at 09:00 (A changed the short name too, later).
    const onA: CustomerDoc = {
      ...base,
      industry: '能源',
      shortName: 'A 简称',
      updatedAt: '2026-03-05T10:00:00.000+08:00',
    };
    const onB: CustomerDoc = {
      ...base,
      name: `${base.name}（新）`,
      shortName: 'B 简称',
      updatedAt: '2026-03-05T09:00:00.000+08:00',
    };
    await a.service.exportFile({
      password: PASSWORD,
      suggestedName: 'c.fieldbook',
      scope: { kind: 'workspace' },
      documents: { customers: [onA] },
    });
    const back = ok(await (await laptop(file)).service.importFile({ password: PASSWORD }));
    const store = new Map<CollectionName, Map<string, BaseDoc>>([
      ['customers', new Map([[onB.id, onB]])],
    ]);
    expect(await mergeInto(store, back.documents)).toEqual({
      inserted: 0,
      updated: 1,
      unchanged: 0,
    });
    const merged = store.get('customers')!.get(base.id) as CustomerDoc;
    // No common ancestor: each differing field goes to the later side (A, 10:00), the loser is
    // kept in mergeHistory, exactly as a sync conflict without an assumed master state.
    expect(merged.industry).toBe('能源');
    expect(merged.shortName).toBe('A 简称');
    expect(merged.name).toBe(base.name);
    expect(merged.updatedAt).toBe(onA.updatedAt);
    expect(merged.mergeHistory?.map((l) => l.field).sort()).toEqual([
      'industry',
      'name',
      'shortName',
    ]);
    expect(merged.mergeHistory?.find((l) => l.field === 'shortName')?.value).toBe('"B 简称"');
    // Importing the same file again finds nothing to do.
    expect(await mergeInto(store, back.documents)).toEqual({
      inserted: 0,
      updated: 0,
      unchanged: 1,
    });
  });

  it('a wrong password is refused as such, and nothing is stored', async () => {
    const file = await fileIn();
    const a = await laptop(file);
    await a.service.exportFile({
      password: PASSWORD,
      suggestedName: 'x.fieldbook',
      scope: { kind: 'workspace' },
      documents: await sampleWithPhoto(a.blobStore),
    });
    const b = await laptop(file);
    const result = await b.service.importFile({ password: 'not-the-password' });
    expect(result).toMatchObject({ ok: false, code: 'wrong_password' });
    expect(await b.blobStore.list()).toEqual([]);
  });

  it('a tampered file is refused: content, header, truncation; a foreign file is not a workspace file', async () => {
    const file = await fileIn();
    const a = await laptop(file);
    await a.service.exportFile({
      password: PASSWORD,
      suggestedName: 'x.fieldbook',
      scope: { kind: 'workspace' },
      documents: await sampleWithPhoto(a.blobStore),
    });
    const good = await readFile(file);
    const b = await laptop(file);
    const tryBytes = async (bytes: Buffer) => {
      await writeFile(file, bytes);
      return b.service.importFile({ password: PASSWORD });
    };
    const flipped = Buffer.from(good);
    flipped[good.length - 100]! ^= 0x01;
    expect(await tryBytes(flipped)).toMatchObject({ ok: false, code: 'tampered' });
    const tag = Buffer.from(good);
    tag[good.length - 1]! ^= 0x80;
    expect(await tryBytes(tag)).toMatchObject({ ok: false, code: 'tampered' });
    expect(await tryBytes(good.subarray(0, good.length - 10))).toMatchObject({
      ok: false,
      code: 'tampered',
    });
    // The header is authenticated too: a changed IV (same length) fails the tag.
    const headerAt = good.indexOf('"iv":"') + 6;
    const header = Buffer.from(good);
    header[headerAt] = header[headerAt] === 0x41 ? 0x42 : 0x41;
    expect(await tryBytes(header)).toMatchObject({ ok: false, code: 'tampered' });
    // A changed salt derives another key: indistinguishable from a wrong password, and said so.
    const saltAt = good.indexOf('"salt":"') + 8;
    const salt = Buffer.from(good);
    salt[saltAt] = salt[saltAt] === 0x41 ? 0x42 : 0x41;
    expect(await tryBytes(salt)).toMatchObject({ ok: false, code: 'wrong_password' });
    expect(await tryBytes(Buffer.from('PK\u0003\u0004 a zip, not ours at all'))).toMatchObject({
      ok: false,
      code: 'not_a_workspace_file',
    });
    const newer = Buffer.from(good);
    newer.writeUInt16BE(9, 8);
    expect(await tryBytes(newer)).toMatchObject({ ok: false, code: 'newer_format' });
    expect(await b.blobStore.list()).toEqual([]);
    // The intact file still imports.
    expect(await tryBytes(good)).toMatchObject({ ok: true });
  });

  it('uses scrypt at the default cost when not told otherwise, and the file records it', async () => {
    const file = await fileIn();
    const dir = await mkdtemp(join(tmpdir(), 'ws-'));
    dirs.push(dir);
    const service = createWorkspaceService({
      files: {
        chooseSavePath: () => Promise.resolve(file),
        chooseOpenPath: () => Promise.resolve(file),
      },
      blobStore: new BlobStore(join(dir, 'blobs')),
      appVersion: '0.1.0',
    });
    await service.exportFile({
      password: PASSWORD,
      suggestedName: 'x.fieldbook',
      scope: { kind: 'workspace' },
      documents: { customers: [buildSampleWorkspace(new Date()).customers[0]!] },
    });
    const text = (await readFile(file)).toString('latin1');
    expect(text).toContain('"name":"scrypt","N":32768,"r":8,"p":1');
    expect(text).toContain('"name":"aes-256-gcm"');
    expect(await service.importFile({ password: PASSWORD })).toMatchObject({ ok: true });
  });

  it('cancelled dialogs write and read nothing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ws-'));
    dirs.push(dir);
    const service = createWorkspaceService({
      files: {
        chooseSavePath: () => Promise.resolve(null),
        chooseOpenPath: () => Promise.resolve(null),
      },
      blobStore: new BlobStore(join(dir, 'blobs')),
      appVersion: '0.1.0',
      scrypt: FAST,
    });
    expect(
      await service.exportFile({
        password: PASSWORD,
        suggestedName: 'x.fieldbook',
        scope: { kind: 'workspace' },
        documents: {},
      }),
    ).toBeNull();
    expect(await service.importFile({ password: PASSWORD })).toBeNull();
    expect(await readdir(dir)).toEqual([]);
  });

  it('the channels refuse a short password, a foreign name and documents that fail their schema', () => {
    const exportArgs = IPC_ARGS_VALIDATORS[IPC_CHANNELS.workspaceExportFile];
    const customer = buildSampleWorkspace(new Date()).customers[0]!;
    const valid = {
      password: PASSWORD,
      suggestedName: 'a.fieldbook',
      scope: { kind: 'workspace' },
      documents: { customers: [customer] },
    };
    expect(exportArgs([valid])[0].documents.customers).toHaveLength(1);
    expect(() => exportArgs([{ ...valid, password: 'short' }])).toThrow(/at least 8/);
    expect(() => exportArgs([{ ...valid, suggestedName: 'a.zip' }])).toThrow(/\.fieldbook/);
    expect(() =>
      exportArgs([{ ...valid, documents: { customers: [{ ...customer, name: 42 }] } }]),
    ).toThrow(/customers\/.* \/name/);
    expect(() =>
      exportArgs([{ ...valid, documents: { customers: [customer, customer] } }]),
    ).toThrow(/twice/);
    expect(() => exportArgs([{ ...valid, documents: { nonsense: [] } }])).toThrow(
      /unknown collection/,
    );
    expect(() => exportArgs([{ ...valid, scope: { kind: 'all' } }])).toThrow(/scope.kind/);
    const importArgs = IPC_ARGS_VALIDATORS[IPC_CHANNELS.workspaceImportFile];
    expect(importArgs([{ password: PASSWORD }])).toEqual([{ password: PASSWORD }]);
    expect(() => importArgs([{ password: 1 }])).toThrow(/password must be a string/);
  });
});
