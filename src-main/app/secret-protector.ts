/**
 * Chooses what encrypts the database key at rest: the OS key store through Electron's
 * `safeStorage` where one exists, otherwise the per-install passphrase protector.
 */
import type { SafeStorage } from 'electron';
import {
  createPassphraseProtector,
  readKeyProtectorKind,
  readOrCreateInstallPassphrase,
} from '../services/key-store';
import type { SecretProtector } from '../services/key-store';

type SafeStorageApi = Pick<
  SafeStorage,
  'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'
>;

/** `safeStorage` as a `SecretProtector` (DPAPI, Keychain, libsecret/kwallet). */
export function createSafeStorageProtector(safeStorage: SafeStorageApi): SecretProtector {
  return {
    kind: 'os-key-store',
    isAvailable: () => safeStorage.isEncryptionAvailable(),
    // safeStorage encrypts strings: carry the bytes as base64 so any byte value survives.
    encrypt: (plain) => safeStorage.encryptString(plain.toString('base64')),
    decrypt: (enc) => Buffer.from(safeStorage.decryptString(enc), 'base64'),
  };
}

/**
 * Must be called after `app` is ready (before that, Linux reports no backend).
 *
 * A profile keeps the mechanism its key was created with: a key made with the fallback stays
 * with the fallback after a keyring appears, and a key made with the OS key store is never
 * silently replaced when the keyring is missing (KeyStore then reports it as unavailable).
 *
 * On Linux without a keyring Electron falls back to `basic_text`, which "encrypts" with a
 * password hard-coded in Chromium: no better than a file, so it is treated as unavailable and the
 * per-install passphrase protector is used instead, with a warning. LIMITATION: that passphrase is
 * stored in the profile itself (see readOrCreateInstallPassphrase), so on such machines the
 * database key is only as safe as the user's home folder; a later issue adds a passphrase the user
 * types at start-up.
 */
export async function chooseSecretProtector(options: {
  safeStorage: SafeStorageApi;
  platform: NodeJS.Platform;
  /** The KeyStore's folder; also holds the install passphrase file when the fallback is used. */
  keyDir: string;
  warn?: (message: string) => void;
}): Promise<SecretProtector> {
  const { safeStorage, platform } = options;
  const existing = await readKeyProtectorKind(options.keyDir);
  const osProtector = createSafeStorageProtector(safeStorage);
  if (existing === osProtector.kind) return osProtector;
  const weakLinuxBackend =
    platform === 'linux' &&
    ['basic_text', 'unknown'].includes(safeStorage.getSelectedStorageBackend());
  if (existing === null && safeStorage.isEncryptionAvailable() && !weakLinuxBackend) {
    return osProtector;
  }
  (options.warn ?? console.warn)(
    existing === null
      ? '[keystore] No OS key store available (on Linux: no running keyring). The database key ' +
          'is protected with a per-install passphrase stored in the profile, which does not ' +
          'protect it from someone who can read the whole profile folder.'
      : `[keystore] This profile's database key is protected with "${existing}" (it was created ` +
          'without an OS key store); the per-install passphrase in the profile protects it.',
  );
  return createPassphraseProtector(await readOrCreateInstallPassphrase(options.keyDir));
}
