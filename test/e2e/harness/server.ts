/**
 * End-to-end harness: runs the built renderer in a plain browser (Debian's Chromium) with the
 * desktop API backed by the REAL main-process services.
 *
 * - Serves out/renderer statically on 127.0.0.1 (random port) with the app's CSP header.
 * - Answers `POST /__desktop/<channel>` by validating the payload with the contract's validators and
 *   calling `createDesktopServices` on a fresh profile folder — the code Electron's IPC handlers
 *   call. desktop-shim.ts defines `window.fieldbook` over these endpoints.
 *
 * Wire format (only between the shim and this server):
 * - default: request body is the JSON array of arguments; response `{"result": …}`;
 * - `blobs:put`: request body is the raw bytes, name and media type in `x-fieldbook-name` (URI-encoded)
 *   and `x-fieldbook-mime-type`; response `{"result": AttachmentRef}`;
 * - `blobs:get`: response is the raw bytes, or 204 when there is no such blob (`null`);
 * - `deliverables:*`: JSON both ways, a Uint8Array written as `{"$bytes": "<base64>"}`;
 * - native dialogs are stubbed: `deliverables:save-pdf` "chooses" `<profile>/exports/<name>`, and
 *   `deliverables:open-pdf` records the path in `openedPaths` instead of starting a viewer;
 *   `plans:export-xlsx` saves to `<profile>/exports/<name>`, `plans:export-installer` creates
 *   `<profile>/exports/<folder>`, `plans:import-xlsx` opens the first .xlsx in
 *   `<profile>/imports`; `workspace:export-file` saves to `<profile>/exports/<name>`,
 *   `workspace:import-file` opens the first .fieldbook in `<profile>/imports`;
 * - errors: 400 (invalid payload) / 401 (no session) / 403 (foreign origin or host) / 500, body
 *   `{"error": message}`.
 *
 * Authentication (the counterpart of Electron's sender check, which a local HTTP server does
 * not get for free: any local process can send any `Origin`): every start makes a random
 * `launchSecret`. `POST /__session` with it in `x-fieldbook-launch` answers a session token;
 * the page keeps it in its localStorage (scoped to this exact origin, port included, unlike a
 * cookie, which every 127.0.0.1 port would receive) and the shim sends it in
 * `x-fieldbook-session` on every desktop call. Desktop calls also need the page's own `Origin`
 * and `Host: 127.0.0.1:<port>` (a DNS-rebinding page sends its own host name). The secret never
 * appears in a URL or a log. Tests get it from the Harness object (authorize.ts); browser mode
 * hands it to the page through a file only the user can read (scripts/browser-app.ts).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile, readdir } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, resolve } from 'node:path';
import {
  ALL_IPC_CHANNELS,
  IPC_ARGS_VALIDATORS,
  IPC_CHANNELS,
  IpcPayloadError,
  MAX_BLOB_BYTES,
  MAX_PDF_BYTES,
} from '../../../src-shared/ipc';
import type { IpcChannel } from '../../../src-shared/ipc';
import { CONTENT_SECURITY_POLICY } from '../../../src-main/app/security';
import {
  createDesktopServices,
  USER_DATA_LAYOUT,
} from '../../../src-main/services/desktop-services';
import type {
  DesktopServices,
  DesktopServicesOptions,
} from '../../../src-main/services/desktop-services';
import {
  createPassphraseProtector,
  readOrCreateInstallPassphrase,
} from '../../../src-main/services/key-store';

export const DESKTOP_ENDPOINT_PREFIX = '/__desktop/';
/** Exchanges the launch secret for the session cookie. */
export const SESSION_ENDPOINT = '/__session';
export const LAUNCH_SECRET_HEADER = 'x-fieldbook-launch';
export const SESSION_HEADER = 'x-fieldbook-session';
/** Where the page keeps its session token (desktop-shim.ts reads it). */
export const SESSION_STORAGE_KEY = 'fieldbook.desktopSession';
const PROJECT_ROOT = resolve(import.meta.dirname, '../../..');
export const DEFAULT_RENDERER_DIR = join(PROJECT_ROOT, 'out', 'renderer');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.map': 'application/json; charset=utf-8',
};

export interface HarnessOptions {
  /** Fresh profile folder for this harness (the test owns and removes it). */
  userDataDir: string;
  /** Built renderer to serve; defaults to out/renderer of this checkout. */
  rendererDir?: string;
  /** Sync session tuning (the sync tests shorten stream reconnection delays). */
  sync?: DesktopServicesOptions['sync'];
}

export interface Harness {
  /** `http://127.0.0.1:<port>/` — the app page. */
  url: string;
  /** `http://127.0.0.1:<port>`, the only Origin desktop calls are accepted from. */
  origin: string;
  /** Per start; exchanged at `POST /__session` for the session token desktop calls need. */
  launchSecret: string;
  userDataDir: string;
  /** The services behind the endpoints, for assertions on what the UI stored. */
  services: DesktopServices;
  /** Where the stubbed save dialog puts exported files. */
  exportsDir: string;
  /** Paths the app asked the system viewer to open, in order. */
  openedPaths: string[];
  close(): Promise<void>;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > limit) throw new HttpError(413, `request body larger than ${limit} bytes`);
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

function parseJsonArgs(body: Buffer): unknown[] {
  if (body.length === 0) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw new IpcPayloadError('request body is not valid JSON');
  }
  if (!Array.isArray(parsed)) throw new IpcPayloadError('request body must be a JSON array');
  return parsed as unknown[];
}

/** JSON with Uint8Array values as `{"$bytes": base64}` (see the wire format above). */
function bytesReviver(_key: string, value: unknown): unknown {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const b64 = (value as Record<string, unknown>)['$bytes'];
    if (typeof b64 === 'string' && Object.keys(value).length === 1) {
      const buf = Buffer.from(b64, 'base64');
      return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
    }
  }
  return value;
}

function bytesReplacer(_key: string, value: unknown): unknown {
  return value instanceof Uint8Array ? { $bytes: Buffer.from(value).toString('base64') } : value;
}

function parseBytesJsonArgs(body: Buffer): unknown[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'), bytesReviver);
  } catch {
    throw new IpcPayloadError('request body is not valid JSON');
  }
  if (!Array.isArray(parsed)) throw new IpcPayloadError('request body must be a JSON array');
  return parsed as unknown[];
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function decodeName(raw: string | undefined): unknown {
  if (raw === undefined) return undefined;
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new IpcPayloadError('x-fieldbook-name is not URI-encoded');
  }
}

/**
 * Serves a file of the renderer build (`/` is index.html) with the app's CSP; 404 outside it.
 * Shared with browser mode's front server.
 */
export async function serveRendererFile(
  rendererDir: string,
  pathname: string,
  res: ServerResponse,
): Promise<void> {
  let relativePath: string;
  try {
    relativePath = pathname === '/' ? 'index.html' : decodeURIComponent(pathname.slice(1));
  } catch {
    throw new HttpError(404, 'not found');
  }
  const file = resolve(rendererDir, relativePath);
  const rel = relative(rendererDir, file);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) throw new HttpError(404, 'not found');
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    throw new HttpError(404, `not found: ${pathname}`);
  }
  res.writeHead(200, {
    'content-type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
  });
  res.end(body);
}

/** Constant-time comparison of two secrets given as strings. */
export function sameSecret(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Answers `POST /__session`: with the right launch secret, a fresh session token (kept in
 * `sessions`) as `{"token": …}`; else 401 and nothing stored.
 */
export function exchangeLaunchSecret(
  req: IncomingMessage,
  res: ServerResponse,
  launchSecret: string,
  sessions: Set<string>,
): void {
  if (req.method !== 'POST') throw new HttpError(405, 'use POST');
  if (!sameSecret(header(req, LAUNCH_SECRET_HEADER), launchSecret)) {
    throw new HttpError(401, 'wrong or missing launch secret');
  }
  const token = newSecret();
  sessions.add(token);
  res.writeHead(200, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  });
  res.end(JSON.stringify({ token }));
}

/** Whether the request carries one of `sessions` in its session header. */
export function hasSession(req: IncomingMessage, sessions: Set<string>): boolean {
  const token = header(req, SESSION_HEADER);
  return token !== undefined && [...sessions].some((s) => sameSecret(token, s));
}

/** Starts a harness on a random port. */
export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const rendererDir = resolve(options.rendererDir ?? DEFAULT_RENDERER_DIR);
  const keyDir = join(options.userDataDir, USER_DATA_LAYOUT.keystore);
  const exportsDir = join(options.userDataDir, 'exports');
  const openedPaths: string[] = [];
  const services = createDesktopServices({
    userDataDir: options.userDataDir,
    native: {
      chooseSavePath: (suggestedName) => Promise.resolve(join(exportsDir, suggestedName)),
      openPath: (path) => {
        openedPaths.push(path);
        return Promise.resolve();
      },
    },
    // The open dialog "chooses" the first .xlsx in <profile>/imports (none: cancelled).
    planFiles: {
      chooseSavePath: (suggestedName) => Promise.resolve(join(exportsDir, suggestedName)),
      chooseFolderPath: (folderName) => Promise.resolve(join(exportsDir, folderName)),
      chooseOpenPath: async () => {
        const dir = join(options.userDataDir, 'imports');
        const names = await readdir(dir).catch(() => [] as string[]);
        const first = names.filter((n) => n.endsWith('.xlsx')).sort()[0];
        return first === undefined ? null : join(dir, first);
      },
    },
    // The workspace dialogs: save to <profile>/exports/<name>; open the newest .fieldbook in
    // <profile>/imports (none: cancelled), so a test copies laptop A's export there.
    workspaceFiles: {
      chooseSavePath: (suggestedName) => Promise.resolve(join(exportsDir, suggestedName)),
      chooseOpenPath: async () => {
        const dir = join(options.userDataDir, 'imports');
        const names = await readdir(dir).catch(() => [] as string[]);
        const first = names.filter((n) => n.endsWith('.fieldbook')).sort()[0];
        return first === undefined ? null : join(dir, first);
      },
    },
    // No OS key store in a test browser: the same fallback the app uses on keyring-less Linux.
    protector: createPassphraseProtector(await readOrCreateInstallPassphrase(keyDir)),
    appInfo: { version: await readVersion(), electron: null, locale: 'zh-CN' },
    ...(options.sync ? { sync: options.sync } : {}),
  });
  let origin = '';
  const launchSecret = newSecret();
  const sessions = new Set<string>();

  async function callDesktop(channel: IpcChannel, req: IncomingMessage, res: ServerResponse) {
    if (channel === IPC_CHANNELS.blobsPut) {
      const bytes = await readBody(req, MAX_BLOB_BYTES + 1);
      const [input] = IPC_ARGS_VALIDATORS[channel]([
        {
          bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
          name: decodeName(header(req, 'x-fieldbook-name')),
          mimeType: header(req, 'x-fieldbook-mime-type'),
        },
      ]);
      sendJson(res, 200, { result: await services.blobs.put(input) });
      return;
    }
    if (channel.startsWith('deliverables:')) {
      // base64 adds a third; allow the largest PDF plus the JSON around it.
      const args = parseBytesJsonArgs(await readBody(req, Math.ceil(MAX_PDF_BYTES * 1.4) + 65536));
      const result = await callDeliverables(channel, args);
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ result: result ?? null }, bytesReplacer));
      return;
    }
    // A push batch may carry up to 16 MiB of documents (PROTOCOL.md §4), a plan up to a few MiB;
    // everything else is small.
    // A workspace export carries every document of the workspace.
    const limit =
      channel === IPC_CHANNELS.workspaceExportFile
        ? 512 * 1024 * 1024
        : channel === IPC_CHANNELS.syncPush ||
            channel === IPC_CHANNELS.plansExportXlsx ||
            channel === IPC_CHANNELS.plansExportInstaller ||
            channel === IPC_CHANNELS.spreadsheetsExportTable
          ? 17 * 1024 * 1024
          : 64 * 1024;
    const args = parseJsonArgs(await readBody(req, limit));
    switch (channel) {
      case IPC_CHANNELS.plansExportXlsx:
        sendJson(res, 200, {
          result: await services.plans.exportXlsx(...IPC_ARGS_VALIDATORS[channel](args)),
        });
        return;
      case IPC_CHANNELS.plansExportInstaller:
        sendJson(res, 200, {
          result: await services.plans.exportInstaller(...IPC_ARGS_VALIDATORS[channel](args)),
        });
        return;
      case IPC_CHANNELS.spreadsheetsExportTable:
        sendJson(res, 200, {
          result: await services.spreadsheets.exportTable(...IPC_ARGS_VALIDATORS[channel](args)),
        });
        return;
      case IPC_CHANNELS.plansImportXlsx:
        IPC_ARGS_VALIDATORS[channel](args);
        sendJson(res, 200, { result: await services.plans.importXlsx() });
        return;
      case IPC_CHANNELS.workspaceExportFile:
        sendJson(res, 200, {
          result: await services.workspace.exportFile(...IPC_ARGS_VALIDATORS[channel](args)),
        });
        return;
      case IPC_CHANNELS.workspaceImportFile:
        sendJson(res, 200, {
          result: await services.workspace.importFile(...IPC_ARGS_VALIDATORS[channel](args)),
        });
        return;
      case IPC_CHANNELS.blobsGet: {
        const bytes = await services.blobs.get(...IPC_ARGS_VALIDATORS[channel](args));
        if (bytes === null) {
          res.writeHead(204).end();
        } else {
          res.writeHead(200, { 'content-type': 'application/octet-stream' });
          res.end(bytes);
        }
        return;
      }
      case IPC_CHANNELS.blobsHas:
        sendJson(res, 200, {
          result: await services.blobs.has(...IPC_ARGS_VALIDATORS[channel](args)),
        });
        return;
      case IPC_CHANNELS.appGetInfo:
        IPC_ARGS_VALIDATORS[channel](args);
        sendJson(res, 200, { result: await services.app.getInfo() });
        return;
      case IPC_CHANNELS.keystoreGetDatabaseKey:
        IPC_ARGS_VALIDATORS[channel](args);
        sendJson(res, 200, { result: await services.keystore.getDatabaseKey() });
        return;
      case IPC_CHANNELS.syncGetSession:
        IPC_ARGS_VALIDATORS[channel](args);
        sendJson(res, 200, { result: await services.sync.getSession() });
        return;
      case IPC_CHANNELS.syncSignIn:
        sendJson(res, 200, {
          result: await services.sync.signIn(...IPC_ARGS_VALIDATORS[channel](args)),
        });
        return;
      case IPC_CHANNELS.syncSignOut:
        IPC_ARGS_VALIDATORS[channel](args);
        await services.sync.signOut();
        sendJson(res, 200, { result: null });
        return;
      case IPC_CHANNELS.syncPull:
        sendJson(res, 200, {
          result: await services.sync.pull(...IPC_ARGS_VALIDATORS[channel](args)),
        });
        return;
      case IPC_CHANNELS.syncPush:
        sendJson(res, 200, {
          result: await services.sync.push(...IPC_ARGS_VALIDATORS[channel](args)),
        });
        return;
      case IPC_CHANNELS.syncUploadBlob:
        sendJson(res, 200, {
          result: await services.sync.uploadBlob(...IPC_ARGS_VALIDATORS[channel](args)),
        });
        return;
      case IPC_CHANNELS.syncDownloadBlob:
        sendJson(res, 200, {
          result: await services.sync.downloadBlob(...IPC_ARGS_VALIDATORS[channel](args)),
        });
        return;
      case IPC_CHANNELS.syncUploadLocalBlobs:
        IPC_ARGS_VALIDATORS[channel](args);
        sendJson(res, 200, { result: await services.sync.uploadLocalBlobs() });
        return;
      case IPC_CHANNELS.syncWaitForChanges:
        sendJson(res, 200, {
          result: await services.sync.waitForChanges(...IPC_ARGS_VALIDATORS[channel](args)),
        });
        return;
    }
  }

  function callDeliverables(channel: IpcChannel, args: unknown[]): Promise<unknown> {
    switch (channel) {
      case IPC_CHANNELS.deliverablesSignPdf:
        return services.deliverables.signPdf(...IPC_ARGS_VALIDATORS[channel](args));
      case IPC_CHANNELS.deliverablesVerifyPdf:
        return services.deliverables.verifyPdf(...IPC_ARGS_VALIDATORS[channel](args));
      case IPC_CHANNELS.deliverablesSavePdf:
        return services.deliverables.savePdf(...IPC_ARGS_VALIDATORS[channel](args));
      case IPC_CHANNELS.deliverablesOpenPdf:
        return services.deliverables.openPdf(...IPC_ARGS_VALIDATORS[channel](args));
      case IPC_CHANNELS.deliverablesGetSigningCertificate:
        IPC_ARGS_VALIDATORS[channel](args);
        return services.deliverables.getSigningCertificate();
      default:
        throw new HttpError(404, `unknown deliverables channel "${channel}"`);
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', origin);
    // A DNS-rebinding page reaches this port under its own host name.
    if (header(req, 'host') !== new URL(origin).host) {
      throw new HttpError(403, `host ${header(req, 'host') ?? 'none'} is not this server`);
    }
    if (url.pathname === SESSION_ENDPOINT) {
      exchangeLaunchSecret(req, res, launchSecret, sessions);
      return;
    }
    if (url.pathname.startsWith(DESKTOP_ENDPOINT_PREFIX)) {
      if (req.method !== 'POST') throw new HttpError(405, 'desktop API calls use POST');
      // The counterpart of the IPC sender check: only the app page served here may call.
      if (header(req, 'origin') !== origin) {
        throw new HttpError(403, `caller origin ${header(req, 'origin') ?? 'none'} is not the app`);
      }
      const channel = decodeURIComponent(url.pathname.slice(DESKTOP_ENDPOINT_PREFIX.length));
      if (!(ALL_IPC_CHANNELS as readonly string[]).includes(channel)) {
        throw new HttpError(404, `unknown desktop API channel "${channel}"`);
      }
      // Anyone local can claim the right Origin: the session token is what a caller must have.
      if (!hasSession(req, sessions)) throw new HttpError(401, 'no desktop session');
      await callDesktop(channel as IpcChannel, req, res);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD')
      throw new HttpError(405, 'method not allowed');
    await serveRendererFile(rendererDir, url.pathname, res);
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      const status =
        error instanceof HttpError ? error.status : error instanceof IpcPayloadError ? 400 : 500;
      const message = error instanceof Error ? error.message : String(error);
      if (status === 500) console.error('[harness]', error);
      if (!res.headersSent) sendJson(res, status, { error: message });
      else res.end();
    });
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolveListen());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/`,
    origin,
    launchSecret,
    userDataDir: options.userDataDir,
    services,
    exportsDir,
    openedPaths,
    close: () =>
      new Promise<void>((resolveClose, reject) => {
        services.syncSession.close();
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolveClose()));
      }),
  };
}

async function readVersion(): Promise<string> {
  const pkg = JSON.parse(await readFile(join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}
