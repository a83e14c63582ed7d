/**
 * The local database key: 32 random bytes, created once per user profile, kept on disk only in
 * encrypted form. What encrypts it is a `SecretProtector`:
 *
 * - in the app, Electron's `safeStorage` (DPAPI on Windows, Keychain on macOS, libsecret/kwallet on
 *   Linux), adapted in src-main/app because it needs `electron`;
 * - where no OS key store exists, the passphrase protector below (scrypt + AES-256-GCM).
 */
import {
  createCipheriv,
  createDecipheriv,
  randomBytes,
  scryptSync,
  timingSafeEqual,
} from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readTextIfExists, writeFileAtomic, writeJsonFileAtomic } from './atomic-file';

/** Encrypts small secrets (keys) at rest. Implementations must be authenticated encryption. */
export interface SecretProtector {
  /**
   * Stable name of the mechanism, stored next to the ciphertext so a key encrypted by one
   * mechanism is never fed to another (e.g. after the OS keyring disappeared).
   */
  readonly kind: string;
  isAvailable(): boolean;
  encrypt(plain: Buffer): Buffer;
  /** Throws when `enc` was not produced by this protector with the same secret, or was altered. */
  decrypt(enc: Buffer): Buffer;
}

export const DATABASE_KEY_BYTES = 32;
const KEY_FILE = 'database-key.json';
const KEY_FILE_FORMAT = 1;

interface KeyFile {
  format: typeof KEY_FILE_FORMAT;
  protector: string;
  /** base64 of the protector's ciphertext of the raw key bytes. */
  ciphertext: string;
  createdAt: string;
}

function isKeyFile(value: unknown): value is KeyFile {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    v['format'] === KEY_FILE_FORMAT &&
    typeof v['protector'] === 'string' &&
    typeof v['ciphertext'] === 'string'
  );
}

export class KeyStoreError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'KeyStoreError';
  }
}

/**
 * Which protector encrypted the key stored in `dir` (`null` if there is no key yet), so the app
 * keeps using the mechanism a profile started with even if another one becomes available later.
 */
export async function readKeyProtectorKind(dir: string): Promise<string | null> {
  const text = await readTextIfExists(join(dir, KEY_FILE));
  if (text === null) return null;
  try {
    const parsed: unknown = JSON.parse(text);
    return isKeyFile(parsed) ? parsed.protector : null;
  } catch {
    // A damaged file is reported by KeyStore.getDatabaseKey with its full reason.
    return null;
  }
}

export class KeyStore {
  private pending: Promise<string> | undefined;

  constructor(
    readonly dir: string,
    private readonly protector: SecretProtector,
  ) {}

  get path(): string {
    return join(this.dir, KEY_FILE);
  }

  /**
   * The database key as 64 lowercase hex characters. The first call of a fresh profile creates
   * and persists it; concurrent first calls share one creation. A key that exists but cannot be
   * decrypted is an error, never a reason to make a new key: that would orphan every encrypted
   * field in the database.
   */
  getDatabaseKey(): Promise<string> {
    this.pending ??= this.loadOrCreate().catch((error: unknown) => {
      // A failed attempt (keyring locked, disk full) may succeed later: do not cache it.
      this.pending = undefined;
      throw error;
    });
    return this.pending;
  }

  private async loadOrCreate(): Promise<string> {
    if (!this.protector.isAvailable()) {
      throw new KeyStoreError(
        `The ${this.protector.kind} secret protector is not available: cannot open the database key`,
      );
    }
    const existing = await this.readKeyFile();
    if (existing) return this.decryptKey(existing);

    const key = randomBytes(DATABASE_KEY_BYTES);
    const file: KeyFile = {
      format: KEY_FILE_FORMAT,
      protector: this.protector.kind,
      ciphertext: this.protector.encrypt(key).toString('base64'),
      createdAt: new Date().toISOString(),
    };
    // The main process holds the single-instance lock, so no other process creates a key
    // concurrently; the atomic write guarantees a kill never leaves half a key file.
    await writeJsonFileAtomic(this.path, file);
    return key.toString('hex');
  }

  private async readKeyFile(): Promise<KeyFile | null> {
    const text = await readTextIfExists(this.path);
    if (text === null) return null;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new KeyStoreError(`Database key file ${this.path} is not valid JSON`, { cause: error });
    }
    if (!isKeyFile(parsed)) {
      throw new KeyStoreError(`Database key file ${this.path} has an unknown format`);
    }
    return parsed;
  }

  private decryptKey(file: KeyFile): string {
    if (file.protector !== this.protector.kind) {
      throw new KeyStoreError(
        `The database key was protected with "${file.protector}" but only "${this.protector.kind}" ` +
          'is available now; it cannot be decrypted with a different mechanism.',
      );
    }
    let key: Buffer;
    try {
      key = this.protector.decrypt(Buffer.from(file.ciphertext, 'base64'));
    } catch (error) {
      throw new KeyStoreError(
        `The database key could not be decrypted with ${this.protector.kind} (wrong secret or ` +
          'altered file)',
        { cause: error },
      );
    }
    if (key.length !== DATABASE_KEY_BYTES) {
      throw new KeyStoreError(
        `The decrypted database key has ${key.length} bytes, expected ${DATABASE_KEY_BYTES}`,
      );
    }
    return key.toString('hex');
  }
}

// --- Passphrase protector -------------------------------------------------------------------

const MAGIC = Buffer.from('FBP1', 'ascii');
const SALT_BYTES = 16;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = MAGIC.length + SALT_BYTES + IV_BYTES + TAG_BYTES;

/** scrypt cost: N = 2^15, r = 8 (32 MiB, ~0.1 s here): OWASP's minimum for interactive use. */
export const PASSPHRASE_SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;

/**
 * Authenticated encryption under a key derived from `passphrase` with scrypt. Output layout:
 * `"FBP1" | salt (16) | iv (12) | GCM tag (16) | ciphertext`; a fresh salt and IV per call.
 */
export function createPassphraseProtector(
  passphrase: string,
  scryptParams: { N: number; r: number; p: number; maxmem: number } = PASSPHRASE_SCRYPT,
): SecretProtector {
  if (passphrase.length === 0) throw new KeyStoreError('The passphrase must not be empty');
  const derived = new Map<string, Buffer>();
  const deriveKey = (salt: Buffer): Buffer => {
    const id = salt.toString('hex');
    let key = derived.get(id);
    if (!key) {
      key = scryptSync(passphrase.normalize('NFC'), salt, 32, scryptParams);
      derived.set(id, key);
    }
    return key;
  };
  return {
    kind: 'passphrase',
    isAvailable: () => true,
    encrypt(plain) {
      const salt = randomBytes(SALT_BYTES);
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', deriveKey(salt), iv);
      const body = Buffer.concat([cipher.update(plain), cipher.final()]);
      return Buffer.concat([MAGIC, salt, iv, cipher.getAuthTag(), body]);
    },
    decrypt(enc) {
      if (enc.length < HEADER_BYTES || !timingSafeEqual(enc.subarray(0, MAGIC.length), MAGIC)) {
        throw new KeyStoreError('Not a passphrase-protected secret');
      }
      let at = MAGIC.length;
      const salt = enc.subarray(at, (at += SALT_BYTES));
      const iv = enc.subarray(at, (at += IV_BYTES));
      const tag = enc.subarray(at, (at += TAG_BYTES));
      const decipher = createDecipheriv('aes-256-gcm', deriveKey(Buffer.from(salt)), iv);
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(enc.subarray(at)), decipher.final()]);
    },
  };
}

const INSTALL_PASSPHRASE_FILE = 'install-passphrase';

/**
 * The per-install passphrase used when no OS key store is available (Linux without a running
 * keyring): 32 random bytes in `<dir>/install-passphrase`, readable by the owner only, created on
 * first use.
 *
 * LIMITATION: the passphrase sits on the same disk as the key it protects, so this only keeps the
 * database key out of a casual copy of the key file; anyone who can read the whole profile can
 * read the key. It matches what Chromium itself does without a keyring. A later issue adds a
 * passphrase the user types, which this protector already supports.
 */
export async function readOrCreateInstallPassphrase(dir: string): Promise<string> {
  const path = join(dir, INSTALL_PASSPHRASE_FILE);
  try {
    const text = (await readFile(path, 'utf8')).trim();
    if (/^[0-9a-f]{64}$/.test(text)) return text;
    throw new KeyStoreError(`Install passphrase file ${path} is malformed`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(dir, { recursive: true });
  const passphrase = randomBytes(32).toString('hex');
  await writeFileAtomic(path, Buffer.from(`${passphrase}\n`), join(dir, '.tmp'), 0o600);
  return passphrase;
}
