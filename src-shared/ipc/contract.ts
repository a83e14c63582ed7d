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

/** Input of `deliverables.signPdf`. */
export interface SignPdfInput {
  /** The finished, unsigned PDF (at most `MAX_PDF_BYTES`). */
  bytes: Uint8Array;
  /** Shown by PDF readers as the reason of the signature, e.g. `故障报告签署`. */
  reason: string;
  /** Where it was signed (the site), shown by PDF readers. */
  location: string;
  /** Must equal the document number in the PDF's metadata: a check against signing the wrong file. */
  documentNumber: string;
  /** The engineer's name, written into the signature dictionary. */
  signerName: string;
}

/** The certificate a PDF was signed with. */
export interface PdfSignerInfo {
  /** Readable subject, `CN=…, O=…`. */
  subject: string;
  commonName: string | null;
  organisation: string | null;
  /** True before enrolment: the certificate is self-signed and verification says so. */
  selfSigned: boolean;
  /** SHA-256 of the certificate (DER), 64 lowercase hex characters. */
  fingerprint: string;
  /** End of the certificate's validity, ISO-8601 UTC. */
  notAfter: string;
}

/** Result of `deliverables.signPdf`. */
export interface SignedPdf {
  /** The signed file: the input plus an incremental update holding the CMS signature. */
  bytes: Uint8Array;
  /** SHA-256 of `bytes`, 64 lowercase hex characters. */
  sha256: string;
  /** Signing time written into the signature, ISO-8601 UTC. */
  signedAt: string;
  signer: PdfSignerInfo;
}

/** Result of `deliverables.verifyPdf` (the same checks as `fieldbook verify`). */
export interface PdfVerification {
  /** Signature covers the whole file, digest matches, signature and chain acceptable. */
  valid: boolean;
  sha256: string;
  documentNumber: string | null;
  revision: string | null;
  /** Of the last signature; `null` without any signature. */
  chain: 'trusted' | 'self-signed' | 'untrusted' | null;
  coversWholeFile: boolean;
  signerName: string | null;
  signingTime: string | null;
  /** What is wrong, in English, for logs and details. */
  problems: string[];
}

/** Input of `deliverables.savePdf`. */
export interface SavePdfInput {
  bytes: Uint8Array;
  /** File name proposed in the save dialog, without a directory part, ending in `.pdf`. */
  suggestedName: string;
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
  deliverables: {
    /**
     * Signs a finished PDF with the engineer's key (CMS/CAdES detached, SHA-256), appended as an
     * incremental update. On first use a key and a self-signed certificate are created and stored
     * encrypted with the OS key store; the key never leaves the main process.
     */
    signPdf(input: SignPdfInput): Promise<SignedPdf>;
    /** Verifies the signatures of a PDF; rejects only when the bytes are not a PDF at all. */
    verifyPdf(bytes: Uint8Array): Promise<PdfVerification>;
    /**
     * Saves a PDF where the engineer chooses in the native save dialog. The absolute path written,
     * or `null` when the dialog was cancelled.
     */
    savePdf(input: SavePdfInput): Promise<string | null>;
    /** Opens a PDF saved by `savePdf` in this session in the system's PDF viewer. */
    openPdf(path: string): Promise<void>;
  };
}

/** IPC channel names, `namespace:verb-noun`. The only channels the main process answers. */
export const IPC_CHANNELS = {
  appGetInfo: 'app:get-info',
  keystoreGetDatabaseKey: 'keystore:get-database-key',
  blobsPut: 'blobs:put',
  blobsGet: 'blobs:get',
  blobsHas: 'blobs:has',
  deliverablesSignPdf: 'deliverables:sign-pdf',
  deliverablesVerifyPdf: 'deliverables:verify-pdf',
  deliverablesSavePdf: 'deliverables:save-pdf',
  deliverablesOpenPdf: 'deliverables:open-pdf',
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
  [IPC_CHANNELS.deliverablesSignPdf]: DesktopApi['deliverables']['signPdf'];
  [IPC_CHANNELS.deliverablesVerifyPdf]: DesktopApi['deliverables']['verifyPdf'];
  [IPC_CHANNELS.deliverablesSavePdf]: DesktopApi['deliverables']['savePdf'];
  [IPC_CHANNELS.deliverablesOpenPdf]: DesktopApi['deliverables']['openPdf'];
}

export type IpcArgs<C extends IpcChannel> = Parameters<IpcInvokeMap[C]>;
export type IpcResult<C extends IpcChannel> = Awaited<ReturnType<IpcInvokeMap[C]>>;

/** All channel names, for registration loops and tests. */
export const ALL_IPC_CHANNELS: readonly IpcChannel[] = Object.values(IPC_CHANNELS);
