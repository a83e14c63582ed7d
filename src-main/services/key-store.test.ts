import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  KeyStore,
  KeyStoreError,
  PASSPHRASE_SCRYPT,
  createPassphraseProtector,
  readOrCreateInstallPassphrase,
} from './key-store';
import type { SecretProtector } from './key-store';

// Cheap scrypt for most tests; one test below uses the production cost.
const FAST = { N: 2 ** 10, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const HEX64 = /^[0-9a-f]{64}$/;

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fieldbook-keys-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A reversible fake OS key store that can be switched off, and counts its calls. */
function fakeOsProtector(): SecretProtector & { available: boolean; encrypts: number } {
  const p = {
    kind: 'os-key-store',
    available: true,
    encrypts: 0,
    isAvailable: () => p.available,
    encrypt(plain: Buffer) {
      p.encrypts += 1;
      return Buffer.concat([Buffer.from('OS:'), Buffer.from(plain).reverse()]);
    },
    decrypt(enc: Buffer) {
      if (!enc.subarray(0, 3).equals(Buffer.from('OS:'))) throw new Error('not mine');
      return Buffer.from(enc.subarray(3)).reverse();
    },
  };
  return p;
}

describe('createPassphraseProtector', () => {
  it('round-trips and uses a fresh salt and IV each time', () => {
    const p = createPassphraseProtector('correct horse', FAST);
    const secret = Buffer.from('0123456789abcdef0123456789abcdef');
    const a = p.encrypt(secret);
    const b = p.encrypt(secret);
    expect(a.equals(b)).toBe(false);
    expect(a.includes(secret)).toBe(false);
    expect(p.decrypt(a)).toEqual(secret);
    expect(createPassphraseProtector('correct horse', FAST).decrypt(b)).toEqual(secret);
  });

  it('rejects a wrong passphrase, altered bytes and foreign input', () => {
    const p = createPassphraseProtector('correct horse', FAST);
    const enc = p.encrypt(Buffer.from('secret'));
    expect(() => createPassphraseProtector('wrong horse', FAST).decrypt(enc)).toThrow();
    for (const at of [5, 25, 40, enc.length - 1]) {
      const altered = Buffer.from(enc);
      altered[at] = altered[at]! ^ 1;
      expect(() => p.decrypt(altered), `byte ${at}`).toThrow();
    }
    expect(() => p.decrypt(Buffer.from('short'))).toThrow(/Not a passphrase-protected secret/);
    expect(() => createPassphraseProtector('', FAST)).toThrow(/must not be empty/);
  });

  it('works with the production scrypt cost', () => {
    const p = createPassphraseProtector('pass', PASSPHRASE_SCRYPT);
    expect(p.decrypt(p.encrypt(Buffer.from('k'))).toString()).toBe('k');
  });
});

describe('KeyStore', () => {
  it('creates a 32-byte key on first use and returns the same key afterwards', async () => {
    const protector = createPassphraseProtector('install secret', FAST);
    const key = await new KeyStore(dir, protector).getDatabaseKey();
    expect(key).toMatch(HEX64);
    expect(await new KeyStore(dir, protector).getDatabaseKey()).toBe(key);
    expect(
      await new KeyStore(dir, createPassphraseProtector('install secret', FAST)).getDatabaseKey(),
    ).toBe(key);
  });

  it('never writes the key in clear', async () => {
    const store = new KeyStore(dir, createPassphraseProtector('s', FAST));
    const key = await store.getDatabaseKey();
    const text = await readFile(store.path, 'utf8');
    expect(text).not.toContain(key);
    expect(text).not.toContain(Buffer.from(key, 'hex').toString('base64'));
    const file = JSON.parse(text) as { protector: string; format: number };
    expect(file).toMatchObject({ format: 1, protector: 'passphrase' });
    // Only the key file remains: the atomic write cleaned up its temporary file.
    expect(await readdir(join(dir, '.tmp'))).toEqual([]);
  });

  it('makes different keys for different profiles', async () => {
    const p = createPassphraseProtector('s', FAST);
    const a = await new KeyStore(join(dir, 'a'), p).getDatabaseKey();
    const b = await new KeyStore(join(dir, 'b'), p).getDatabaseKey();
    expect(a).not.toBe(b);
  });

  it('shares one creation between concurrent first calls', async () => {
    const protector = fakeOsProtector();
    const store = new KeyStore(dir, protector);
    const keys = await Promise.all([
      store.getDatabaseKey(),
      store.getDatabaseKey(),
      store.getDatabaseKey(),
    ]);
    expect(new Set(keys).size).toBe(1);
    expect(protector.encrypts).toBe(1);
  });

  it('refuses to work, and creates nothing, when the protector is unavailable', async () => {
    const protector = fakeOsProtector();
    protector.available = false;
    const store = new KeyStore(dir, protector);
    await expect(store.getDatabaseKey()).rejects.toThrow(/os-key-store .* not available/);
    await expect(stat(store.path)).rejects.toThrow(/ENOENT/);
    // A later attempt, once the keyring is back, succeeds: failures are not cached.
    protector.available = true;
    expect(await store.getDatabaseKey()).toMatch(HEX64);
  });

  it('never replaces a key it cannot decrypt', async () => {
    const store = new KeyStore(dir, createPassphraseProtector('right', FAST));
    await store.getDatabaseKey();
    const before = await readFile(store.path, 'utf8');
    await expect(
      new KeyStore(dir, createPassphraseProtector('wrong', FAST)).getDatabaseKey(),
    ).rejects.toBeInstanceOf(KeyStoreError);
    expect(await readFile(store.path, 'utf8')).toBe(before);
  });

  it('refuses a key protected by another mechanism', async () => {
    await new KeyStore(dir, fakeOsProtector()).getDatabaseKey();
    await expect(
      new KeyStore(dir, createPassphraseProtector('x', FAST)).getDatabaseKey(),
    ).rejects.toThrow(/protected with "os-key-store" but only "passphrase"/);
  });

  it('reports malformed key files and wrong key lengths', async () => {
    const store = new KeyStore(dir, fakeOsProtector());
    await writeFile(store.path, 'not json');
    await expect(store.getDatabaseKey()).rejects.toThrow(/not valid JSON/);
    await writeFile(store.path, JSON.stringify({ format: 9 }));
    await expect(store.getDatabaseKey()).rejects.toThrow(/unknown format/);
    const short = fakeOsProtector().encrypt(Buffer.alloc(16, 1)).toString('base64');
    await writeFile(
      store.path,
      JSON.stringify({ format: 1, protector: 'os-key-store', ciphertext: short }),
    );
    await expect(store.getDatabaseKey()).rejects.toThrow(/has 16 bytes, expected 32/);
  });
});

describe('readOrCreateInstallPassphrase', () => {
  it('creates a random owner-only passphrase once and keeps it', async () => {
    const first = await readOrCreateInstallPassphrase(dir);
    expect(first).toMatch(HEX64);
    expect(await readOrCreateInstallPassphrase(dir)).toBe(first);
    if (process.platform !== 'win32') {
      expect((await stat(join(dir, 'install-passphrase'))).mode & 0o777).toBe(0o600);
    }
    const other = await mkdtemp(join(tmpdir(), 'fieldbook-keys-'));
    try {
      expect(await readOrCreateInstallPassphrase(other)).not.toBe(first);
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });

  it('refuses a malformed passphrase file instead of replacing it', async () => {
    await writeFile(join(dir, 'install-passphrase'), 'short');
    await expect(readOrCreateInstallPassphrase(dir)).rejects.toThrow(/malformed/);
    expect(await readFile(join(dir, 'install-passphrase'), 'utf8')).toBe('short');
  });
});
