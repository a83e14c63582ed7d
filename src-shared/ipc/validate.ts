/**
 * Payload validators for the desktop API. Pure functions, used by the Electron IPC handlers and by
 * the e2e harness alike, so both reject exactly the same payloads with the same messages.
 *
 * Each `parse*` function returns a clean copy of a valid value (extra properties dropped) or throws
 * `IpcPayloadError` naming the offending field.
 */
import { IPC_CHANNELS } from './contract';
import type {
  BlobPutInput,
  IpcArgs,
  IpcChannel,
  PlanExportInput,
  PlanInstallerExportInput,
  SavePdfInput,
  SignPdfInput,
  SyncPullInput,
  SyncPushInput,
  SyncSignInInput,
  SyncWaitInput,
  WorkspaceExportInput,
  WorkspaceImportInput,
  WorkspaceScope,
  TableExportInput,
} from './contract';
import type { Plan } from '../domain/planning/plan';
import {
  checkWorkspaceDocuments,
  WORKSPACE_FILE_EXTENSION,
  WORKSPACE_PASSWORD_MAX,
  WORKSPACE_PASSWORD_MIN,
} from '../db/workspace-transfer';
import { parsePlan } from '../domain/planning/plan-schema';
import { isReplicatedCollection, PULL_LIMIT_MAX, PUSH_BATCH_MAX } from '../sync/protocol';
import type { PushRow, ReplicationCheckpoint, WireDocument } from '../sync/protocol';

/** Largest blob accepted by `blobs.put`: 50 MiB (photos and command output, not disk images). */
export const MAX_BLOB_BYTES = 50 * 1024 * 1024;
/** Longest file name accepted; matches the usual file system limit. */
export const MAX_BLOB_NAME_LENGTH = 255;

const SHA256_HEX = /^[0-9a-f]{64}$/;
/**
 * `type/subtype` with RFC 6838 restricted-name characters, no parameters: the media type is shown
 * to the user and used to pick a viewer, so nothing else is needed and nothing else is allowed.
 */
const MIME_TYPE =
  /^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}\/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}$/;
// Control characters (including NUL) would let a name smuggle line breaks into logs and reports.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;

/** A payload that does not satisfy the contract. The message is safe to show to the caller. */
export class IpcPayloadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IpcPayloadError';
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Uint8Array) return `${value.constructor.name}`;
  return typeof value;
}

/** Whether `value` is a SHA-256 digest written as 64 lowercase hex characters. */
export function isSha256Hex(value: unknown): value is string {
  return typeof value === 'string' && SHA256_HEX.test(value);
}

export function parseSha256(value: unknown, field = 'sha256'): string {
  if (!isSha256Hex(value)) {
    throw new IpcPayloadError(
      `${field} must be a SHA-256 digest of 64 lowercase hex characters, got ${
        typeof value === 'string' ? `"${value.slice(0, 80)}"` : describe(value)
      }`,
    );
  }
  return value;
}

export function parseBlobName(value: unknown): string {
  if (typeof value !== 'string') {
    throw new IpcPayloadError(`name must be a string, got ${describe(value)}`);
  }
  if (value.length === 0) throw new IpcPayloadError('name must not be empty');
  if (value.length > MAX_BLOB_NAME_LENGTH) {
    throw new IpcPayloadError(
      `name must be at most ${MAX_BLOB_NAME_LENGTH} characters, got ${value.length}`,
    );
  }
  if (value.includes('/') || value.includes('\\')) {
    throw new IpcPayloadError('name must be a file name without path separators');
  }
  if (value === '.' || value === '..') throw new IpcPayloadError('name must not be "." or ".."');
  if (CONTROL_CHARS.test(value)) {
    throw new IpcPayloadError('name must not contain control characters');
  }
  return value;
}

export function parseMimeType(value: unknown): string {
  if (typeof value !== 'string' || !MIME_TYPE.test(value)) {
    throw new IpcPayloadError(
      `mimeType must look like "type/subtype" (e.g. "image/jpeg"), got ${
        typeof value === 'string' ? `"${value.slice(0, 80)}"` : describe(value)
      }`,
    );
  }
  return value;
}

export function parseBlobBytes(value: unknown): Uint8Array {
  if (!(value instanceof Uint8Array)) {
    throw new IpcPayloadError(`bytes must be a Uint8Array, got ${describe(value)}`);
  }
  if (value.byteLength > MAX_BLOB_BYTES) {
    throw new IpcPayloadError(
      `bytes must be at most ${MAX_BLOB_BYTES} bytes (50 MiB), got ${value.byteLength}`,
    );
  }
  return value;
}

/** Validates the argument of `blobs.put`. */
export function parseBlobPutInput(value: unknown): BlobPutInput {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new IpcPayloadError(`blobs.put expects an object, got ${describe(value)}`);
  }
  const input = value as Record<string, unknown>;
  return {
    bytes: parseBlobBytes(input['bytes']),
    name: parseBlobName(input['name']),
    mimeType: parseMimeType(input['mimeType']),
  };
}

/** Largest PDF accepted by the deliverables calls: the blob limit. */
export const MAX_PDF_BYTES = MAX_BLOB_BYTES;
const DOCUMENT_NUMBER = /^[A-Z0-9]{1,12}-[A-Z]{3}-[0-9]{8}-[0-9]{4,6}$/;

function parseObject(value: unknown, method: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new IpcPayloadError(`${method} expects an object, got ${describe(value)}`);
  }
  return value as Record<string, unknown>;
}

function parseText(value: unknown, field: string, maxLength: number, allowEmpty = false): string {
  if (typeof value !== 'string') {
    throw new IpcPayloadError(`${field} must be a string, got ${describe(value)}`);
  }
  if (!allowEmpty && value.trim() === '') throw new IpcPayloadError(`${field} must not be empty`);
  if (value.length > maxLength) {
    throw new IpcPayloadError(`${field} must be at most ${maxLength} characters`);
  }
  if (CONTROL_CHARS.test(value)) {
    throw new IpcPayloadError(`${field} must not contain control characters`);
  }
  return value;
}

/** PDF bytes: a Uint8Array starting with `%PDF-`, at most MAX_PDF_BYTES. */
export function parsePdfBytes(value: unknown, field = 'bytes'): Uint8Array {
  if (!(value instanceof Uint8Array)) {
    throw new IpcPayloadError(`${field} must be a Uint8Array, got ${describe(value)}`);
  }
  if (value.byteLength > MAX_PDF_BYTES) {
    throw new IpcPayloadError(`${field} must be at most ${MAX_PDF_BYTES} bytes`);
  }
  const head = String.fromCharCode(...value.subarray(0, 5));
  if (head !== '%PDF-') throw new IpcPayloadError(`${field} is not a PDF (no %PDF- header)`);
  return value;
}

export function parseSignPdfInput(value: unknown): SignPdfInput {
  const input = parseObject(value, 'deliverables.signPdf');
  const documentNumber = parseText(input['documentNumber'], 'documentNumber', 40);
  if (!DOCUMENT_NUMBER.test(documentNumber)) {
    throw new IpcPayloadError(`documentNumber "${documentNumber}" is not a document number`);
  }
  return {
    bytes: parsePdfBytes(input['bytes']),
    reason: parseText(input['reason'], 'reason', 200),
    location: parseText(input['location'], 'location', 300, true),
    documentNumber,
    signerName: parseText(input['signerName'], 'signerName', 100),
  };
}

/** A plan of the interchange shape (plan-schema.ts); the first schema errors otherwise. */
function parsePlanArg(value: unknown): Plan {
  const parsed = parsePlan(value);
  if (!parsed.ok) {
    const first = parsed.errors
      .slice(0, 3)
      .map((e) => `${e.field || '/'} ${e.message}`)
      .join('; ');
    throw new IpcPayloadError(`plan is not a plan: ${first}`);
  }
  return parsed.plan;
}

const MAX_TABLE_CELLS = 500_000;

/** `spreadsheets.exportTable`: up to 20 named sheets of text cells, an .xlsx file name. */
export function parseTableExportInput(value: unknown): TableExportInput {
  const input = parseObject(value, 'spreadsheets.exportTable');
  const suggestedName = parseBlobName(input['suggestedName']);
  if (!/\.xlsx$/i.test(suggestedName)) {
    throw new IpcPayloadError('suggestedName must end in .xlsx');
  }
  const sheets = input['sheets'];
  if (!Array.isArray(sheets) || sheets.length === 0 || sheets.length > 20) {
    throw new IpcPayloadError('sheets must be an array of 1 to 20 sheets');
  }
  const names = new Set<string>();
  let cells = 0;
  const texts = (v: unknown, what: string): string[] => {
    if (!Array.isArray(v) || v.some((c) => typeof c !== 'string' || c.length > 32_767)) {
      throw new IpcPayloadError(`${what} must be an array of strings of at most 32767 characters`);
    }
    cells += v.length;
    if (cells > MAX_TABLE_CELLS) throw new IpcPayloadError(`at most ${MAX_TABLE_CELLS} cells`);
    return v as string[];
  };
  return {
    suggestedName,
    sheets: sheets.map((raw, i) => {
      const sheet = parseObject(raw, `sheets[${i}]`);
      const name = sheet['name'];
      if (
        typeof name !== 'string' ||
        name.length === 0 ||
        name.length > 31 ||
        /[\\/?*[\]:]/.test(name)
      ) {
        throw new IpcPayloadError(
          `sheets[${i}].name must be 1–31 characters without \\ / ? * [ ] :`,
        );
      }
      if (names.has(name)) throw new IpcPayloadError(`sheets[${i}].name "${name}" is used twice`);
      names.add(name);
      const rows = sheet['rows'];
      if (!Array.isArray(rows)) throw new IpcPayloadError(`sheets[${i}].rows must be an array`);
      return {
        name,
        columns: texts(sheet['columns'], `sheets[${i}].columns`),
        rows: rows.map((r, j) => texts(r, `sheets[${i}].rows[${j}]`)),
      };
    }),
  };
}

/** `plans.exportXlsx`: a plan of the interchange shape, a language, an .xlsx file name. */
export function parsePlanExportInput(value: unknown): PlanExportInput {
  const input = parseObject(value, 'plans.exportXlsx');
  const suggestedName = parseBlobName(input['suggestedName']);
  if (!/\.xlsx$/i.test(suggestedName)) {
    throw new IpcPayloadError('suggestedName must end in .xlsx');
  }
  const lang = input['lang'];
  if (lang !== 'zh' && lang !== 'en') throw new IpcPayloadError('lang must be zh or en');
  return { plan: parsePlanArg(input['plan']), lang, suggestedName };
}

/** `plans.exportInstaller`: a plan of the interchange shape and a folder name (no separators). */
export function parsePlanInstallerExportInput(value: unknown): PlanInstallerExportInput {
  const input = parseObject(value, 'plans.exportInstaller');
  return { plan: parsePlanArg(input['plan']), folderName: parseBlobName(input['folderName']) };
}

export function parseSavePdfInput(value: unknown): SavePdfInput {
  const input = parseObject(value, 'deliverables.savePdf');
  const suggestedName = parseBlobName(input['suggestedName']);
  if (!/\.pdf$/i.test(suggestedName)) {
    throw new IpcPayloadError('suggestedName must end in .pdf');
  }
  return { bytes: parsePdfBytes(input['bytes']), suggestedName };
}

function parseWorkspacePassword(value: unknown): string {
  if (typeof value !== 'string') {
    throw new IpcPayloadError(`password must be a string, got ${describe(value)}`);
  }
  if ([...value].length < WORKSPACE_PASSWORD_MIN) {
    throw new IpcPayloadError(`password must have at least ${WORKSPACE_PASSWORD_MIN} characters`);
  }
  if (value.length > WORKSPACE_PASSWORD_MAX) {
    throw new IpcPayloadError(`password must be at most ${WORKSPACE_PASSWORD_MAX} characters`);
  }
  return value;
}

function parseWorkspaceScope(value: unknown): WorkspaceScope {
  const scope = parseObject(value, 'scope');
  if (scope['kind'] === 'workspace') return { kind: 'workspace' };
  if (scope['kind'] === 'customer') {
    return {
      kind: 'customer',
      customerId: parseText(scope['customerId'], 'scope.customerId', 64),
      customerName: parseText(scope['customerName'], 'scope.customerName', 200),
    };
  }
  throw new IpcPayloadError('scope.kind must be workspace or customer');
}

/**
 * `workspace.exportFile`: a password, a `.fieldbook` name, a scope, and documents that each
 * match their collection's schema (the file must import on any laptop).
 */
export function parseWorkspaceExportInput(value: unknown): WorkspaceExportInput {
  const input = parseObject(value, 'workspace.exportFile');
  const suggestedName = parseBlobName(input['suggestedName']);
  if (!suggestedName.toLowerCase().endsWith(`.${WORKSPACE_FILE_EXTENSION}`)) {
    throw new IpcPayloadError(`suggestedName must end in .${WORKSPACE_FILE_EXTENSION}`);
  }
  const documents = parseObject(input['documents'], 'documents');
  const problems = checkWorkspaceDocuments(documents, 3);
  if (problems.length > 0) {
    throw new IpcPayloadError(
      `documents do not match their schemas: ${problems
        .map((p) => `${p.collection}/${p.documentId || '?'} ${p.detail}`)
        .join('; ')}`,
    );
  }
  return {
    password: parseWorkspacePassword(input['password']),
    suggestedName,
    scope: parseWorkspaceScope(input['scope']),
    documents,
  };
}

/** `workspace.importFile`: the password only (the file comes from the open dialog). */
export function parseWorkspaceImportInput(value: unknown): WorkspaceImportInput {
  const input = parseObject(value, 'workspace.importFile');
  return { password: parseWorkspacePassword(input['password']) };
}

/** An absolute file path (POSIX `/…` or Windows `C:\…`), no control characters. */
export function parseAbsolutePath(value: unknown, field = 'path'): string {
  const path = parseText(value, field, 4096);
  if (!path.startsWith('/') && !/^[A-Za-z]:[\\/]/.test(path)) {
    throw new IpcPayloadError(`${field} must be an absolute path`);
  }
  return path;
}

/** Validates that a call carries no arguments (the `getInfo`/`getDatabaseKey` style calls). */
export function parseNoArgs(args: readonly unknown[], method: string): [] {
  if (args.length !== 0) {
    throw new IpcPayloadError(`${method} takes no arguments, got ${args.length}`);
  }
  return [];
}

/** Validates that a call carries exactly one argument and returns it. */
export function parseSingleArg(args: readonly unknown[], method: string): unknown {
  if (args.length !== 1) {
    throw new IpcPayloadError(`${method} takes exactly one argument, got ${args.length}`);
  }
  return args[0];
}

/** Longest server URL accepted by `sync.signIn`. */
export const MAX_SERVER_URL_LENGTH = 2000;

/**
 * A sync server base URL: `http:` or `https:`, no credentials, query or fragment. Returned
 * normalised without a trailing slash, so paths from `routes` append cleanly.
 */
export function parseServerUrl(value: unknown): string {
  const text = parseText(value, 'serverUrl', MAX_SERVER_URL_LENGTH).trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new IpcPayloadError(`serverUrl must be an http(s) URL, got "${text.slice(0, 80)}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new IpcPayloadError(`serverUrl must use http or https, got ${url.protocol}`);
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new IpcPayloadError('serverUrl must not carry credentials, a query or a fragment');
  }
  return url.href.replace(/\/+$/, '');
}

export function parseSyncSignInInput(value: unknown): SyncSignInInput {
  const input = parseObject(value, 'sync.signIn input');
  return {
    serverUrl: parseServerUrl(input['serverUrl']),
    username: parseText(input['username'], 'username', 100),
    password: parseText(input['password'], 'password', 1000),
  };
}

function parseCollection(value: unknown): string {
  const name = parseText(value, 'collection', 64);
  if (!isReplicatedCollection(name)) {
    throw new IpcPayloadError(`collection "${name}" is not a replicated collection`);
  }
  return name;
}

function parseCheckpoint(value: unknown): ReplicationCheckpoint | null {
  if (value === null || value === undefined) return null;
  const checkpoint = parseObject(value, 'checkpoint');
  return { position: parseText(checkpoint['position'], 'checkpoint.position', 1000) };
}

function parseWireDocument(value: unknown, field: string): WireDocument {
  const doc = parseObject(value, field);
  if (typeof doc['id'] !== 'string') throw new IpcPayloadError(`${field}.id must be a string`);
  // The server checks the rest against the collection's schema; a copy would only drift.
  return doc as WireDocument;
}

export function parseSyncPullInput(value: unknown): SyncPullInput {
  const input = parseObject(value, 'sync.pull input');
  const limit = input['limit'];
  if (
    typeof limit !== 'number' ||
    !Number.isInteger(limit) ||
    limit < 1 ||
    limit > PULL_LIMIT_MAX
  ) {
    throw new IpcPayloadError(`limit must be an integer from 1 to ${PULL_LIMIT_MAX}`);
  }
  return {
    collection: parseCollection(input['collection']),
    checkpoint: parseCheckpoint(input['checkpoint']),
    limit,
  };
}

export function parseSyncPushInput(value: unknown): SyncPushInput {
  const input = parseObject(value, 'sync.push input');
  const rows = input['rows'];
  if (!Array.isArray(rows) || rows.length === 0 || rows.length > PUSH_BATCH_MAX) {
    throw new IpcPayloadError(`rows must be an array of 1 to ${PUSH_BATCH_MAX} push rows`);
  }
  return {
    collection: parseCollection(input['collection']),
    rows: rows.map((raw: unknown, i): PushRow => {
      const row = parseObject(raw, `rows[${i}]`);
      const assumed = row['assumedMasterState'];
      return {
        assumedMasterState:
          assumed === null || assumed === undefined
            ? null
            : parseWireDocument(assumed, `rows[${i}].assumedMasterState`),
        newDocumentState: parseWireDocument(row['newDocumentState'], `rows[${i}].newDocumentState`),
      };
    }),
  };
}

/** Longest long poll `sync.waitForChanges` accepts. */
export const MAX_SYNC_WAIT_MS = 60_000;

export function parseSyncWaitInput(value: unknown): SyncWaitInput {
  const input = parseObject(value, 'sync.waitForChanges input');
  const cursor = input['cursor'];
  if (
    cursor !== null &&
    (typeof cursor !== 'number' || !Number.isSafeInteger(cursor) || cursor < 0)
  ) {
    throw new IpcPayloadError('cursor must be null or a non-negative integer');
  }
  const timeoutMs = input['timeoutMs'];
  if (
    timeoutMs !== undefined &&
    (typeof timeoutMs !== 'number' ||
      !Number.isInteger(timeoutMs) ||
      timeoutMs < 0 ||
      timeoutMs > MAX_SYNC_WAIT_MS)
  ) {
    throw new IpcPayloadError(`timeoutMs must be an integer from 0 to ${MAX_SYNC_WAIT_MS}`);
  }
  return timeoutMs === undefined ? { cursor } : { cursor, timeoutMs };
}

/**
 * Argument validators per channel: turn the untrusted argument list received over IPC (or HTTP in
 * the e2e harness) into the typed arguments of the `DesktopApi` method, or throw.
 */
export const IPC_ARGS_VALIDATORS: {
  readonly [C in IpcChannel]: (args: readonly unknown[]) => IpcArgs<C>;
} = {
  [IPC_CHANNELS.appGetInfo]: (args) => parseNoArgs(args, 'app.getInfo'),
  [IPC_CHANNELS.keystoreGetDatabaseKey]: (args) => parseNoArgs(args, 'keystore.getDatabaseKey'),
  [IPC_CHANNELS.blobsPut]: (args) => [parseBlobPutInput(parseSingleArg(args, 'blobs.put'))],
  [IPC_CHANNELS.blobsGet]: (args) => [parseSha256(parseSingleArg(args, 'blobs.get'))],
  [IPC_CHANNELS.blobsHas]: (args) => [parseSha256(parseSingleArg(args, 'blobs.has'))],
  [IPC_CHANNELS.deliverablesSignPdf]: (args) => [
    parseSignPdfInput(parseSingleArg(args, 'deliverables.signPdf')),
  ],
  [IPC_CHANNELS.deliverablesVerifyPdf]: (args) => [
    parsePdfBytes(parseSingleArg(args, 'deliverables.verifyPdf')),
  ],
  [IPC_CHANNELS.deliverablesSavePdf]: (args) => [
    parseSavePdfInput(parseSingleArg(args, 'deliverables.savePdf')),
  ],
  [IPC_CHANNELS.deliverablesOpenPdf]: (args) => [
    parseAbsolutePath(parseSingleArg(args, 'deliverables.openPdf')),
  ],
  [IPC_CHANNELS.deliverablesGetSigningCertificate]: (args) =>
    parseNoArgs(args, 'deliverables.getSigningCertificate'),
  [IPC_CHANNELS.plansExportXlsx]: (args) => [
    parsePlanExportInput(parseSingleArg(args, 'plans.exportXlsx')),
  ],
  [IPC_CHANNELS.plansImportXlsx]: (args) => parseNoArgs(args, 'plans.importXlsx'),
  [IPC_CHANNELS.plansExportInstaller]: (args) => [
    parsePlanInstallerExportInput(parseSingleArg(args, 'plans.exportInstaller')),
  ],
  [IPC_CHANNELS.workspaceExportFile]: (args) => [
    parseWorkspaceExportInput(parseSingleArg(args, 'workspace.exportFile')),
  ],
  [IPC_CHANNELS.workspaceImportFile]: (args) => [
    parseWorkspaceImportInput(parseSingleArg(args, 'workspace.importFile')),
  ],
  [IPC_CHANNELS.spreadsheetsExportTable]: (args) => [
    parseTableExportInput(parseSingleArg(args, 'spreadsheets.exportTable')),
  ],
  [IPC_CHANNELS.syncGetSession]: (args) => parseNoArgs(args, 'sync.getSession'),
  [IPC_CHANNELS.syncSignIn]: (args) => [parseSyncSignInInput(parseSingleArg(args, 'sync.signIn'))],
  [IPC_CHANNELS.syncSignOut]: (args) => parseNoArgs(args, 'sync.signOut'),
  [IPC_CHANNELS.syncPull]: (args) => [parseSyncPullInput(parseSingleArg(args, 'sync.pull'))],
  [IPC_CHANNELS.syncPush]: (args) => [parseSyncPushInput(parseSingleArg(args, 'sync.push'))],
  [IPC_CHANNELS.syncUploadBlob]: (args) => [parseSha256(parseSingleArg(args, 'sync.uploadBlob'))],
  [IPC_CHANNELS.syncDownloadBlob]: (args) => [
    parseSha256(parseSingleArg(args, 'sync.downloadBlob')),
  ],
  [IPC_CHANNELS.syncUploadLocalBlobs]: (args) => parseNoArgs(args, 'sync.uploadLocalBlobs'),
  [IPC_CHANNELS.syncWaitForChanges]: (args) => [
    parseSyncWaitInput(parseSingleArg(args, 'sync.waitForChanges')),
  ],
};
