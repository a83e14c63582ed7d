import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDesktopServices } from './desktop-services';
import { createPassphraseProtector } from './key-store';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fieldbook-desktop-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function services(userDataDir = dir) {
  return createDesktopServices({
    userDataDir,
    protector: createPassphraseProtector('test', { N: 2 ** 10, r: 8, p: 1, maxmem: 2 ** 26 }),
    native: { chooseSavePath: () => Promise.resolve(null), openPath: () => Promise.resolve() },
    appInfo: { version: '9.9.9', electron: null, locale: 'zh-CN' },
  });
}

describe('createDesktopServices', () => {
  it('reports app info with the real platform', async () => {
    expect(await services().app.getInfo()).toEqual({
      version: '9.9.9',
      platform: process.platform,
      electron: null,
      locale: 'zh-CN',
    });
  });

  it('keeps blobs and the key inside userDataDir, and both survive a restart', async () => {
    const first = services();
    const ref = await first.blobs.put({
      bytes: new TextEncoder().encode('巡检记录'),
      name: '巡检.txt',
      mimeType: 'text/plain',
    });
    const key = await first.keystore.getDatabaseKey();
    expect((await readdir(dir)).sort()).toEqual(['blobs', 'keystore']);

    const second = services();
    expect(await second.keystore.getDatabaseKey()).toBe(key);
    expect(await second.blobs.has(ref.sha256)).toBe(true);
    const bytes = await second.blobs.get(ref.sha256);
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(new TextDecoder().decode(bytes ?? undefined)).toBe('巡检记录');
  });

  it('isolates profiles', async () => {
    const a = services(join(dir, 'a'));
    const b = services(join(dir, 'b'));
    const ref = await a.blobs.put({ bytes: new Uint8Array([1]), name: 'x', mimeType: 'a/b' });
    expect(await b.blobs.has(ref.sha256)).toBe(false);
    expect(await a.keystore.getDatabaseKey()).not.toBe(await b.keystore.getDatabaseKey());
  });

  it('re-validates what reaches the file system', async () => {
    const s = services();
    await expect(s.blobs.get('../keystore/database-key.json')).rejects.toThrow(/SHA-256/);
    await expect(
      s.blobs.put({ bytes: new Uint8Array([1]), name: '../../x', mimeType: 'a/b' }),
    ).rejects.toThrow(/path separators/);
  });
});
