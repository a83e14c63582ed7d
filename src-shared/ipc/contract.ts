/**
 * The desktop API: everything the renderer may ask of the main process, declared once.
 *
 * - The preload implements it (`satisfies DesktopApi`) and exposes it as `window.fieldbook`.
 * - The main process registers one handler per channel in `IPC_CHANNELS`, typed by `IpcInvokeMap`.
 * - The end-to-end harness implements the same shape over HTTP, so UI tests run in a plain browser.
 *
 * Every call is asynchronous and may reject with an `Error` whose message says what was wrong
 * (invalid payload, unknown blob, storage failure). Payloads are checked on the main side with the
 * validators in `./validate`; the renderer is never trusted.
 */
import type { AttachmentRef } from '../db/types';

/** What the running application reports about itself. */
export interface AppInfo {
  /** Application version (package.json `version`). */
  version: string;
  /** Node's `process.platform` of the main process: `win32`, `darwin`, `linux`. */
  platform: string;
  /** Electron version, or `null` when the API is served by something else (the e2e harness). */
  electron: string | null;
  /** The operating system's preferred UI locale as a BCP 47 tag, e.g. `zh-CN`. */
  locale: string;
}

/** Input of `blobs.put`. */
export interface BlobPutInput {
  /** The file's content; at most `MAX_BLOB_BYTES`. */
  bytes: Uint8Array;
  /** Original file name without any directory part; at most 255 characters. */
  name: string;
  /** Media type `type/subtype`, e.g. `image/jpeg`. */
  mimeType: string;
}

export interface DesktopApi {
  app: {
    /** Version, platform and locale of the running application. */
    getInfo(): Promise<AppInfo>;
  };
  keystore: {
    /**
     * 32-byte random key (64 lowercase hex characters) protecting the local database's encrypted
     * fields; created on first call, stored encrypted with the OS key store. The same key is
     * returned on every later call for the same user profile.
     */
    getDatabaseKey(): Promise<string>;
  };
  blobs: {
    /**
     * Content-addressed store (SHA-256) for photos/files attached to log entries. Storing bytes
     * that are already present is a no-op that returns the same `sha256`; the returned reference
     * carries the `name` and `mimeType` given in this call.
     */
    put(input: BlobPutInput): Promise<AttachmentRef>;
    /**
     * The stored bytes, or `null` when no blob has this hash. Rejects when the stored file no
     * longer matches its hash (disk corruption) rather than returning wrong bytes.
     */
    get(sha256: string): Promise<Uint8Array | null>;
    /** Whether a blob with this hash (64 lowercase hex characters) is stored. */
    has(sha256: string): Promise<boolean>;
  };
}

/** IPC channel names, `namespace:verb-noun`. The only channels the main process answers. */
export const IPC_CHANNELS = {
  appGetInfo: 'app:get-info',
  keystoreGetDatabaseKey: 'keystore:get-database-key',
  blobsPut: 'blobs:put',
  blobsGet: 'blobs:get',
  blobsHas: 'blobs:has',
} as const;

export type IpcChannel = (typeof IPC_CHANNELS)[keyof typeof IPC_CHANNELS];

/**
 * Signature of each channel: the arguments the preload sends and the value main answers with.
 * Main handlers and the e2e harness are typed from this map, so a change to `DesktopApi` that is
 * not reflected on every side fails to compile.
 */
export interface IpcInvokeMap {
  [IPC_CHANNELS.appGetInfo]: DesktopApi['app']['getInfo'];
  [IPC_CHANNELS.keystoreGetDatabaseKey]: DesktopApi['keystore']['getDatabaseKey'];
  [IPC_CHANNELS.blobsPut]: DesktopApi['blobs']['put'];
  [IPC_CHANNELS.blobsGet]: DesktopApi['blobs']['get'];
  [IPC_CHANNELS.blobsHas]: DesktopApi['blobs']['has'];
}

export type IpcArgs<C extends IpcChannel> = Parameters<IpcInvokeMap[C]>;
export type IpcResult<C extends IpcChannel> = Awaited<ReturnType<IpcInvokeMap[C]>>;

/** All channel names, for registration loops and tests. */
export const ALL_IPC_CHANNELS: readonly IpcChannel[] = Object.values(IPC_CHANNELS);
