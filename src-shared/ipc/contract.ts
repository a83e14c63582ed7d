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
import type { AttachmentRef, BaseDoc, CollectionName } from '../db/types';
import type { Plan } from '../domain/planning/plan';
import type {
  PullResponse,
  PushRow,
  ReplicationCheckpoint,
  UserInfo,
  WireDocument,
} from '../sync/protocol';

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

/** The laptop's signing certificate as Settings shows it. */
export interface SigningCertificateInfo extends PdfSignerInfo {
  /**
   * `enrolled`: issued by the organisation's CA at sign-in; `self-signed`: made on this laptop
   * at its first signature, before enrolment (readers cannot trust it).
   */
  status: 'enrolled' | 'self-signed';
  /** Readable issuer, `CN=…, O=…`. */
  issuer: string;
  /** Start of the validity, ISO-8601 UTC. */
  notBefore: string;
  /** Subject of the organisation's CA the laptop checks its signed PDFs against, if stored. */
  trustedCa: string | null;
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

/**
 * Result of `deliverables.verifyPdf` (the same checks as `fieldbook verify`, against the
 * organisation's CA certificate the laptop stored at enrolment, when it has one).
 *
 * Two questions with different consequences: `intact` (the signature is cryptographically valid
 * and covers the whole file — a signed PDF that is not intact must not be handed over) and
 * `chain` (whether a reader can trust who signed — shown to the engineer, never a reason to
 * refuse: a laptop not enrolled yet signs self-signed).
 */
export interface PdfVerification {
  /** Intact and the chain acceptable (trusted, or self-signed when no CA is known). */
  valid: boolean;
  /**
   * The last signature's digest matches the signed bytes, its CMS signature verifies with the
   * signer's certificate, and its byte range covers the whole file.
   */
  intact: boolean;
  sha256: string;
  documentNumber: string | null;
  revision: string | null;
  /** Of the last signature; `null` without any signature. */
  chain: 'trusted' | 'self-signed' | 'untrusted' | null;
  /**
   * Whether the laptop had the organisation's CA certificate to check the chain against
   * (stored at enrolment, refreshed at sign-in). `false` with `chain: 'untrusted'` on an
   * enrolled laptop: signing in again fetches it.
   */
  caKnown: boolean;
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

/** Input of `sync.signIn`. The password is used once and never stored. */
export interface SyncSignInInput {
  /** Base URL of the sync server, `http://` or `https://`, e.g. `https://sync.example.com`. */
  serverUrl: string;
  username: string;
  password: string;
}

/**
 * Why a sync call failed, for the UI to put into words (the codes are stable; `message` is
 * English detail for logs):
 * - `unreachable`: no answer from the server (offline, wrong address, server down); retry later.
 * - `invalid_credentials`: wrong username or password.
 * - `too_many_attempts`: sign-in refused for `retryAfterSeconds` after repeated failures.
 * - `protocol_mismatch`: the server speaks another sync protocol version; syncing stops.
 * - `not_signed_in`: no session (never signed in, or signed out).
 * - `session_expired`: the server ended the session (password changed, refresh token expired or
 *   revoked); the user must sign in again. Local data stays.
 * - `forbidden`: outside the account's customers (PROTOCOL.md §5).
 * - `invalid_document`: the server's schema check refused a document.
 * - `invalid_server_url`: the URL is not an http(s) URL.
 * - `server_error`: any other refusal (5xx, unexpected status or body).
 */
export type SyncFailureCode =
  | 'unreachable'
  | 'invalid_credentials'
  | 'too_many_attempts'
  | 'protocol_mismatch'
  | 'not_signed_in'
  | 'session_expired'
  | 'forbidden'
  | 'invalid_document'
  | 'invalid_server_url'
  | 'server_error';

export interface SyncFailure {
  code: SyncFailureCode;
  /** English detail (the server's message where there is one); never contains a token. */
  message: string;
  /** HTTP status when the server answered. */
  status?: number;
  /** For `too_many_attempts`: seconds until the next attempt is accepted. */
  retryAfterSeconds?: number;
}

/**
 * Outcome of a sync call. Expected failures (offline, wrong password) are values, not
 * rejections: across IPC only an error's message survives, and the UI needs the code. A
 * rejection still means a bug or an invalid payload.
 */
export type SyncResult<T> = { ok: true; value: T } | { ok: false; error: SyncFailure };

/** The signed-in account, as the renderer may see it (no tokens, ever). */
export interface SyncAccount {
  serverUrl: string;
  user: UserInfo;
  /** ISO-8601 UTC instant of the sign-in that created this session. */
  signedInAt: string;
}

/** What `sync.getSession` reports. Tokens stay in the main process. */
export interface SyncSessionState {
  /** The account of the stored session, or `null` when signed out. */
  account: SyncAccount | null;
  /**
   * `true` when the server ended the session: the account is still shown (and its local data
   * kept) but nothing syncs until the user signs in again.
   */
  expired: boolean;
}

/** Input of `sync.pull`: one page of a collection's change feed (PROTOCOL.md §3). */
export interface SyncPullInput {
  /** An RxDB collection name listed in `REPLICATED_COLLECTIONS`. */
  collection: string;
  /** The checkpoint of the previous page, or `null` to start from the beginning. */
  checkpoint: ReplicationCheckpoint | null;
  /** 1–1000. */
  limit: number;
}

/** Input of `sync.push` (PROTOCOL.md §4). */
export interface SyncPushInput {
  collection: string;
  /** 1–1000 rows; the server also caps the body at 16 MiB. */
  rows: PushRow[];
}

/** Input of `sync.waitForChanges`. */
export interface SyncWaitInput {
  /**
   * The `cursor` of the previous answer, or `null` on the first call. Events after this cursor
   * are returned; a cursor the main process no longer remembers yields a `resync` of every
   * collection, so nothing is missed.
   */
  cursor: number | null;
  /** How long to wait for an event before answering with none: 0–60 000 ms (default 25 000). */
  timeoutMs?: number;
}

/** One live-stream event, relayed from the server's per-collection SSE stream (§6). */
export type SyncStreamEvent =
  | { collection: string; kind: 'resync' }
  | {
      collection: string;
      kind: 'documents';
      documents: WireDocument[];
      checkpoint: ReplicationCheckpoint;
    };

/** Answer of `sync.waitForChanges`. */
export interface SyncChanges {
  /** Pass back with the next call. */
  cursor: number;
  /** Whether the main process currently holds live streams to the server. */
  online: boolean;
  events: SyncStreamEvent[];
}

/** Outcome of `sync.uploadBlob`. */
export type BlobUploadOutcome = 'uploaded' | 'present' | 'missing-locally';

/** Answer of `sync.uploadLocalBlobs`. */
export interface LocalBlobsSweep {
  /** Digests of local blobs the server holds for this account (uploaded now or earlier). */
  onServer: string[];
  /** Uploaded by this call. */
  uploaded: number;
  /** Refused by the server (no document it holds references them yet); tried again later. */
  refused: number;
}

/** Input of `spreadsheets.exportTable`: sheets of text cells, as the list on screen shows them. */
export interface TableExportInput {
  /** At most 20 sheets; names up to 31 characters (the xlsx limit), unique. */
  sheets: { name: string; columns: string[]; rows: string[][] }[];
  /** File name proposed in the save dialog; ends in `.xlsx`. */
  suggestedName: string;
}

/** Input of `plans.exportXlsx`. */
export interface PlanExportInput {
  /** The plan in the interchange format (it must have the plan shape: plan-schema.ts). */
  plan: Plan;
  /** Language of the sheet names and headers (both are read back on import). */
  lang: 'zh' | 'en';
  /** File name proposed in the save dialog; ends in `.xlsx`. */
  suggestedName: string;
}

/** Input of `plans.exportInstaller`. */
export interface PlanInstallerExportInput {
  /** The plan in the interchange format; a plan with error findings is refused. */
  plan: Plan;
  /** Name of the folder proposed in the save dialog (created; an existing one is never written into). */
  folderName: string;
}

/** Result of `plans.exportInstaller`: the folder created and the files in it (relative paths). */
export interface PlanInstallerExport {
  path: string;
  files: string[];
}

/** A cell of an imported workbook that cannot be read (table, 1-based row, column). */
export interface PlanImportError {
  table: string;
  row: number;
  column?: string;
  message: { zh: string; en: string };
}

/** Result of `plans.importXlsx`: the plan, or every unreadable cell (nothing is guessed). */
export type PlanImportResult =
  { ok: true; name: string; plan: Plan } | { ok: false; name: string; errors: PlanImportError[] };

/** What a workspace file holds: the whole workspace, or one customer's documents. */
export type WorkspaceScope =
  { kind: 'workspace' } | { kind: 'customer'; customerId: string; customerName: string };

/**
 * Documents per collection, without storage metadata (no `_meta`, `_rev`, `_attachments`); a
 * deleted document (a tombstone) carries `_deleted: true` beside its fields, as on the sync wire.
 */
export type WorkspaceDocuments = Partial<Record<CollectionName, BaseDoc[]>>;

/** Input of `workspace.exportFile`. The password is used once and never stored. */
export interface WorkspaceExportInput {
  /** At least `WORKSPACE_PASSWORD_MIN` characters; the file's key is derived from it (scrypt). */
  password: string;
  /** File name proposed in the save dialog; ends in `.fieldbook`. */
  suggestedName: string;
  scope: WorkspaceScope;
  /** Each document must match its collection's current schema. */
  documents: WorkspaceDocuments;
}

/** Result of `workspace.exportFile`. */
export interface WorkspaceExportResult {
  /** Absolute path written. */
  path: string;
  /** Size of the file in bytes. */
  bytes: number;
  /** Documents written, deleted ones included. */
  documents: number;
  /** Of those, deleted documents (they delete the importing laptop's copies). */
  deleted: number;
  /** Blobs (photos, files, PDFs) written into the file. */
  blobs: number;
  /**
   * Blobs the documents reference that this laptop does not hold (synced documents whose files
   * were never downloaded); the file is written without them.
   */
  missingBlobs: string[];
}

/** The clear part of a workspace file's content, shown before anything is merged. */
export interface WorkspaceManifest {
  /** Format version of the file (docs/workspace-file-format.md). */
  formatVersion: number;
  /** ISO-8601 UTC instant of the export. */
  exportedAt: string;
  /** Version of the Fieldbook that wrote it. */
  appVersion: string;
  scope: WorkspaceScope;
  /** Live documents per collection. */
  counts: Partial<Record<CollectionName, number>>;
  /** Deleted documents per collection (format version 2; absent in version 1 files). */
  deleted?: Partial<Record<CollectionName, number>>;
  /** Schema version per collection the documents were written with. */
  schemaVersions: Partial<Record<CollectionName, number>>;
  blobs: number;
}

/**
 * Why an import was refused; nothing was changed (no blob stored, no document returned):
 * - `wrong_password`: the password does not open the file (or its header was altered);
 * - `tampered`: the password is right but the content fails its authentication tag: the file
 *   was altered or damaged after export;
 * - `not_a_workspace_file`: not a Fieldbook workspace file at all;
 * - `newer_format`: written by a newer Fieldbook in a format this one cannot read;
 * - `newer_schema`: its documents use a schema version newer than this Fieldbook's;
 * - `invalid_content`: authentic but its content does not match the schemas (a bug of the writer).
 */
export type WorkspaceImportFailureCode =
  | 'wrong_password'
  | 'tampered'
  | 'not_a_workspace_file'
  | 'newer_format'
  | 'newer_schema'
  | 'invalid_content';

/** Input of `workspace.importFile`. */
export interface WorkspaceImportInput {
  password: string;
}

/**
 * Result of `workspace.importFile`: the documents, migrated to the current schemas, for the
 * renderer to merge into its store with the sync conflict handlers; the blobs are already in
 * the local blob store. Expected refusals are values (the code survives IPC).
 */
export type WorkspaceImportResult =
  | {
      ok: true;
      /** File name without directory. */
      name: string;
      manifest: WorkspaceManifest;
      documents: WorkspaceDocuments;
      /** Blobs stored (already present ones count too). */
      blobs: number;
    }
  | { ok: false; name: string; code: WorkspaceImportFailureCode; message: string };

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
    /**
     * The signing certificate, or `null` before the first signature (nothing is created by this
     * call).
     */
    getSigningCertificate(): Promise<SigningCertificateInfo | null>;
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
  /** The plan's spreadsheet, as engineers exchange it (one sheet per table, exceljs). */
  plans: {
    /** Writes the plan as .xlsx where the engineer chooses; the path, or `null` when cancelled. */
    exportXlsx(input: PlanExportInput): Promise<string | null>;
    /**
     * Reads a workbook the engineer chooses in the open dialog; `null` when cancelled. Rejects
     * when the file is not an .xlsx workbook or is larger than the limit.
     */
    importXlsx(): Promise<PlanImportResult | null>;
    /**
     * Writes the installer configuration derived from the plan (DCE 5 ClusterConfig, kubean
     * Cluster and kubespray inventory: installer-config.ts, the files of `fieldbook plan
     * installer`) into a new folder the engineer names in the save dialog; `null` when
     * cancelled. Rejects, writing nothing, when the plan has error findings or the folder exists.
     */
    exportInstaller(input: PlanInstallerExportInput): Promise<PlanInstallerExport | null>;
  };
  /**
   * The engineer's data in one encrypted file (docs/workspace-file-format.md): export where the
   * engineer chooses, import on another laptop. This is also how a laptop at an air-gapped site
   * hands its work to one that reaches the server.
   */
  workspace: {
    /** Writes the file where the engineer chooses; `null` when the dialog was cancelled. */
    exportFile(input: WorkspaceExportInput): Promise<WorkspaceExportResult | null>;
    /**
     * Opens the file the engineer chooses (`null` when cancelled), checks the password and the
     * content's integrity, stores its blobs and answers its documents. A refusal changes nothing.
     */
    importFile(input: WorkspaceImportInput): Promise<WorkspaceImportResult | null>;
  };
  /** Lists exported as spreadsheets (the ops lists); exceljs in main, like the plan's workbook. */
  spreadsheets: {
    /** Writes the sheets as .xlsx where the engineer chooses; the path, or `null` when cancelled. */
    exportTable(input: TableExportInput): Promise<string | null>;
  };
  /**
   * The sync server session and the replication transport. The main process signs in, keeps the
   * refresh token encrypted at rest (the same secret protector as the database key), refreshes
   * access tokens and talks to the server; the renderer's RxDB replication calls these methods
   * and never sees a token, and its CSP keeps `connect-src 'self'`.
   *
   * Live changes: the main process holds the server's SSE streams (one per collection) while a
   * session exists, and the renderer long-polls them with `waitForChanges`. A long poll works the
   * same over Electron IPC and over the e2e harness's HTTP bridge, needs no push channel from main
   * to the renderer, and its cursor makes missed events detectable (answered with a resync).
   */
  sync: {
    /** The stored session, if any (works offline: nothing is asked of the server). */
    getSession(): Promise<SyncSessionState>;
    /**
     * Signs in and stores the session (replacing any other). Checks the server's protocol
     * version first. The password is not kept.
     */
    signIn(input: SyncSignInInput): Promise<SyncResult<SyncAccount>>;
    /** Ends the session on the server when reachable and forgets it locally in any case. */
    signOut(): Promise<void>;
    /** One pull page; refreshes the access token when it expired. */
    pull(input: SyncPullInput): Promise<SyncResult<PullResponse>>;
    /** One push batch; resolves to the master states of the conflicting rows. */
    push(input: SyncPushInput): Promise<SyncResult<WireDocument[]>>;
    /**
     * Uploads the local blob with this digest unless the server has it. `missing-locally` when
     * this laptop does not hold the bytes (another laptop will upload them).
     */
    uploadBlob(sha256: string): Promise<SyncResult<BlobUploadOutcome>>;
    /**
     * Downloads the blob into the local blob store (verified against its digest); `false` when
     * the server does not have it yet.
     */
    downloadBlob(sha256: string): Promise<SyncResult<boolean>>;
    /**
     * The start-up blob check in one call: every blob of the local store that is not known to be
     * on the server is checked there and uploaded if missing (the server refuses blobs no
     * document of the account references yet; the push of that document uploads them later).
     * Which blobs are on the server is remembered per account, so a later start asks about new
     * ones only.
     */
    uploadLocalBlobs(): Promise<SyncResult<LocalBlobsSweep>>;
    /** Long poll of the live streams; see the namespace comment. */
    waitForChanges(input: SyncWaitInput): Promise<SyncResult<SyncChanges>>;
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
  deliverablesGetSigningCertificate: 'deliverables:get-signing-certificate',
  plansExportXlsx: 'plans:export-xlsx',
  plansImportXlsx: 'plans:import-xlsx',
  plansExportInstaller: 'plans:export-installer',
  workspaceExportFile: 'workspace:export-file',
  workspaceImportFile: 'workspace:import-file',
  spreadsheetsExportTable: 'spreadsheets:export-table',
  syncGetSession: 'sync:get-session',
  syncSignIn: 'sync:sign-in',
  syncSignOut: 'sync:sign-out',
  syncPull: 'sync:pull-documents',
  syncPush: 'sync:push-documents',
  syncUploadBlob: 'sync:upload-blob',
  syncDownloadBlob: 'sync:download-blob',
  syncUploadLocalBlobs: 'sync:upload-local-blobs',
  syncWaitForChanges: 'sync:wait-for-changes',
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
  [IPC_CHANNELS.deliverablesGetSigningCertificate]: DesktopApi['deliverables']['getSigningCertificate'];
  [IPC_CHANNELS.plansExportXlsx]: DesktopApi['plans']['exportXlsx'];
  [IPC_CHANNELS.plansImportXlsx]: DesktopApi['plans']['importXlsx'];
  [IPC_CHANNELS.plansExportInstaller]: DesktopApi['plans']['exportInstaller'];
  [IPC_CHANNELS.workspaceExportFile]: DesktopApi['workspace']['exportFile'];
  [IPC_CHANNELS.workspaceImportFile]: DesktopApi['workspace']['importFile'];
  [IPC_CHANNELS.spreadsheetsExportTable]: DesktopApi['spreadsheets']['exportTable'];
  [IPC_CHANNELS.syncGetSession]: DesktopApi['sync']['getSession'];
  [IPC_CHANNELS.syncSignIn]: DesktopApi['sync']['signIn'];
  [IPC_CHANNELS.syncSignOut]: DesktopApi['sync']['signOut'];
  [IPC_CHANNELS.syncPull]: DesktopApi['sync']['pull'];
  [IPC_CHANNELS.syncPush]: DesktopApi['sync']['push'];
  [IPC_CHANNELS.syncUploadBlob]: DesktopApi['sync']['uploadBlob'];
  [IPC_CHANNELS.syncDownloadBlob]: DesktopApi['sync']['downloadBlob'];
  [IPC_CHANNELS.syncUploadLocalBlobs]: DesktopApi['sync']['uploadLocalBlobs'];
  [IPC_CHANNELS.syncWaitForChanges]: DesktopApi['sync']['waitForChanges'];
}

export type IpcArgs<C extends IpcChannel> = Parameters<IpcInvokeMap[C]>;
export type IpcResult<C extends IpcChannel> = Awaited<ReturnType<IpcInvokeMap[C]>>;

/** All channel names, for registration loops and tests. */
export const ALL_IPC_CHANNELS: readonly IpcChannel[] = Object.values(IPC_CHANNELS);
