/**
 * The one implementation of the desktop API. The Electron IPC handlers and the e2e harness both
 * delegate here, so what the UI tests exercise in Chromium is the code the app runs.
 *
 * Callers validate payloads first (src-shared/ipc validators); the services re-check what could
 * touch the file system (digests become paths, names are stored), as a second line of defence.
 */
import { join } from 'node:path';
import type { AppInfo, DesktopApi } from '../../src-shared/ipc';
import { BlobStore } from './blob-store';
import { createDeliverablesService } from './deliverables-service';
import type { NativeShell } from './deliverables-service';
import { KeyStore } from './key-store';
import { createPlansService } from './plans-service';
import { createSpreadsheetsService } from './spreadsheets-service';
import type { PlanFilesShell } from './plans-service';
import { createWorkspaceService } from './workspace-service';
import type { WorkspaceFilesShell } from './workspace-service';
import type { ScryptParams } from './workspace-archive';
import type { SecretProtector } from './key-store';
import { SigningIdentityStore } from './signing-identity-store';
import { enrolOnSignIn } from './enrol-on-sign-in';
import { SyncSession } from './sync-session';
import type { SyncSessionOptions } from './sync-session';

export interface DesktopServicesOptions {
  /** The user's profile folder (Electron's `userData`, or a temporary folder in tests). */
  userDataDir: string;
  /** Encrypts the database key and the signing key at rest. */
  protector: SecretProtector;
  /** The save dialog and the system viewer (Electron's, or a stub in tests). */
  native: NativeShell;
  /** Save and open dialogs of the plan's workbook (Electron's, or a stub in tests). */
  planFiles?: PlanFilesShell;
  /** Save and open dialogs of workspace files (Electron's, or a stub in tests). */
  workspaceFiles?: WorkspaceFilesShell;
  /** Key derivation cost of workspace files (tests lower it; the default is workspace-archive's). */
  workspaceScrypt?: ScryptParams;
  /** What `app.getInfo` reports besides the platform. */
  appInfo: Omit<AppInfo, 'platform'>;
  /** Sync session tuning and hooks (tests shorten timeouts; `onSignedIn` replaces enrolment). */
  sync?: Omit<SyncSessionOptions, 'dir' | 'protector' | 'blobStore'>;
}

/** Folder layout inside `userDataDir`, fixed so profiles stay readable across versions. */
export const USER_DATA_LAYOUT = { blobs: 'blobs', keystore: 'keystore', sync: 'sync' } as const;

export interface DesktopServices extends DesktopApi {
  readonly blobStore: BlobStore;
  readonly keyStore: KeyStore;
  readonly signingIdentities: SigningIdentityStore;
  readonly syncSession: SyncSession;
}

export function createDesktopServices(options: DesktopServicesOptions): DesktopServices {
  const blobStore = new BlobStore(join(options.userDataDir, USER_DATA_LAYOUT.blobs));
  const keyStore = new KeyStore(
    join(options.userDataDir, USER_DATA_LAYOUT.keystore),
    options.protector,
  );
  // Same folder as the database key: one place holds the profile's encrypted secrets.
  const signingIdentities = new SigningIdentityStore(
    join(options.userDataDir, USER_DATA_LAYOUT.keystore),
    options.protector,
  );
  const syncSession = new SyncSession({
    // After each sign-in: certificate enrolment with the organisation's CA, unless replaced.
    onSignedIn: enrolOnSignIn({ identities: signingIdentities }),
    ...options.sync,
    dir: join(options.userDataDir, USER_DATA_LAYOUT.sync),
    protector: options.protector,
    blobStore,
  });
  const info: AppInfo = { ...options.appInfo, platform: process.platform };
  return {
    blobStore,
    keyStore,
    signingIdentities,
    syncSession,
    app: {
      getInfo: () => Promise.resolve({ ...info }),
    },
    keystore: {
      getDatabaseKey: () => keyStore.getDatabaseKey(),
    },
    blobs: {
      put: ({ bytes, name, mimeType }) => blobStore.put(bytes, name, mimeType),
      get: (sha256) => blobStore.get(sha256),
      has: (sha256) => blobStore.has(sha256),
    },
    deliverables: createDeliverablesService({
      identities: signingIdentities,
      native: options.native,
      identitySettled: () => syncSession.afterSignInSettled(),
    }),
    plans: createPlansService(
      options.planFiles ?? {
        chooseSavePath: (name) => options.native.chooseSavePath(name),
        chooseFolderPath: (name) => options.native.chooseSavePath(name),
        chooseOpenPath: () => Promise.reject(new Error('no open dialog is available here')),
      },
    ),
    workspace: createWorkspaceService({
      files: options.workspaceFiles ?? {
        chooseSavePath: (name) => options.native.chooseSavePath(name),
        chooseOpenPath: () => Promise.reject(new Error('no open dialog is available here')),
      },
      blobStore,
      appVersion: options.appInfo.version,
      ...(options.workspaceScrypt ? { scrypt: options.workspaceScrypt } : {}),
    }),
    spreadsheets: createSpreadsheetsService({
      chooseSavePath: (name) => (options.planFiles ?? options.native).chooseSavePath(name),
    }),
    sync: {
      getSession: () => syncSession.getSession(),
      signIn: (input) => syncSession.signIn(input),
      signOut: () => syncSession.signOut(),
      pull: (input) => syncSession.pull(input),
      push: (input) => syncSession.push(input),
      uploadBlob: (sha256) => syncSession.uploadBlob(sha256),
      downloadBlob: (sha256) => syncSession.downloadBlob(sha256),
      uploadLocalBlobs: () => syncSession.uploadLocalBlobs(),
      waitForChanges: (input) => syncSession.waitForChanges(input),
    },
  };
}
