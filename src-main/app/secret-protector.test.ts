import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { KeyStore } from '../services/key-store';
import { chooseSecretProtector, createSafeStorageProtector } from './secret-protector';

type Backend = 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown';

/** Stands in for Electron's safeStorage: reversible, marks its output, can be switched off. */
function fakeSafeStorage(available: boolean, backend: Backend = 'gnome_libsecret') {
  return {
    isEncryptionAvailable: vi.fn(() => available),
    getSelectedStorageBackend: vi.fn(() => backend),
    encryptString: vi.fn((text: string) => Buffer.from(`SAFE:${text}`)),
    decryptString: vi.fn((enc: Buffer) => {
      const text = enc.toString();
      if (!text.startsWith('SAFE:')) throw new Error('Error while decrypting the ciphertext');
      return text.slice(5);
    }),
  };
}

let dir: string;
const warn = vi.fn();

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fieldbook-protector-'));
  warn.mockClear();
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('createSafeStorageProtector', () => {
  it('round-trips arbitrary bytes through the string API', () => {
    const p = createSafeStorageProtector(fakeSafeStorage(true));
    const bytes = Buffer.from([0, 255, 128, 10, 13]);
    expect(p.kind).toBe('os-key-store');
    expect(p.decrypt(p.encrypt(bytes))).toEqual(bytes);
  });
});

describe('chooseSecretProtector', () => {
  it('uses the OS key store when a real one is available', async () => {
    const safeStorage = fakeSafeStorage(true);
    const p = await chooseSecretProtector({ safeStorage, platform: 'linux', keyDir: dir, warn });
    expect(p.kind).toBe('os-key-store');
    expect(warn).not.toHaveBeenCalled();
    await new KeyStore(dir, p).getDatabaseKey();
    expect(safeStorage.encryptString).toHaveBeenCalledTimes(1);
  });

  it("falls back to the install passphrase, with a warning, on Linux's basic_text backend", async () => {
    const safeStorage = fakeSafeStorage(true, 'basic_text');
    const p = await chooseSecretProtector({ safeStorage, platform: 'linux', keyDir: dir, warn });
    expect(p.kind).toBe('passphrase');
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/No OS key store available/));
    const key = await new KeyStore(dir, p).getDatabaseKey();
    expect(safeStorage.encryptString).not.toHaveBeenCalled();
    // The next start finds the same passphrase and the same key.
    const again = await chooseSecretProtector({
      safeStorage,
      platform: 'linux',
      keyDir: dir,
      warn,
    });
    expect(await new KeyStore(dir, again).getDatabaseKey()).toBe(key);
  });

  it('falls back when encryption is unavailable at all', async () => {
    const p = await chooseSecretProtector({
      safeStorage: fakeSafeStorage(false),
      platform: 'win32',
      keyDir: dir,
      warn,
    });
    expect(p.kind).toBe('passphrase');
  });

  it('keeps the fallback for a profile that started with it, after a keyring appears', async () => {
    const first = await chooseSecretProtector({
      safeStorage: fakeSafeStorage(false),
      platform: 'linux',
      keyDir: dir,
      warn,
    });
    const key = await new KeyStore(dir, first).getDatabaseKey();
    const later = await chooseSecretProtector({
      safeStorage: fakeSafeStorage(true),
      platform: 'linux',
      keyDir: dir,
      warn,
    });
    expect(later.kind).toBe('passphrase');
    expect(await new KeyStore(dir, later).getDatabaseKey()).toBe(key);
  });

  it('keeps the OS key store for a profile that started with it, even when it is missing now', async () => {
    const first = await chooseSecretProtector({
      safeStorage: fakeSafeStorage(true),
      platform: 'darwin',
      keyDir: dir,
      warn,
    });
    await new KeyStore(dir, first).getDatabaseKey();
    const later = await chooseSecretProtector({
      safeStorage: fakeSafeStorage(false),
      platform: 'darwin',
      keyDir: dir,
      warn,
    });
    expect(later.kind).toBe('os-key-store');
    await expect(new KeyStore(dir, later).getDatabaseKey()).rejects.toThrow(/not available/);
  });
});
