/**
 * Runs Fieldbook in a browser where the Electron binary is not available (`npm start` falls back
 * to this). The app is the same renderer build; `window.fieldbook` is the same shim the end-to-end
 * tests use, backed by the real main-process services on a persistent profile folder.
 *
 * Security (Electron checks the sender of every IPC call; a local HTTP server must do it itself):
 * - It listens on 127.0.0.1 only, and answers only requests whose `Host` is 127.0.0.1:<port>
 *   (a DNS-rebinding page sends its own host name).
 * - Every launch makes a random secret. It is written into `<data>/open-fieldbook.html`
 *   (readable by the user only), which forwards the browser to `/__launch#k=<secret>`: the
 *   fragment is never sent over HTTP nor logged, and the launch page removes it at once and
 *   exchanges it (`POST /__session`) for a session token it keeps in localStorage, which only
 *   pages of this exact origin can read (a cookie would also go to every other 127.0.0.1 port).
 *   Desktop calls need that token (`x-fieldbook-session`) and the page's `Origin`; without them:
 *   401/403 and nothing is done. Nothing served over HTTP holds the secret, so a local process
 *   that can only talk to the port gets nothing by loading the page. Out of scope: a process
 *   that can read the user's files or the browser's memory (the launch file, the browser's
 *   storage, the data folder).
 * - Each browser profile is its own laptop: the page keeps a random profile id in its
 *   localStorage and sends it with each call (desktop-shim.ts); every id gets its own data folder
 *   `<data>/profiles/<id>` (database key, signing key, signed-in session, blobs) behind its own
 *   e2e harness, so a fresh profile is never signed in as someone else. A profile folder made
 *   before profiles existed (`<data>/keystore`) is given to the first profile that connects.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { desktopShim } from '../test/e2e/harness/desktop-shim';
import {
  DEFAULT_RENDERER_DIR,
  DESKTOP_ENDPOINT_PREFIX,
  exchangeLaunchSecret,
  hasSession,
  HttpError,
  LAUNCH_SECRET_HEADER,
  newSecret,
  serveRendererFile,
  SESSION_ENDPOINT,
  SESSION_HEADER,
  SESSION_STORAGE_KEY,
  startHarness,
} from '../test/e2e/harness/server';
import type { Harness, HarnessOptions } from '../test/e2e/harness/server';
import { writeJsonFileAtomic } from '../src-main/services/atomic-file';
import { CONTENT_SECURITY_POLICY } from '../src-main/app/security';

const SHIM_PATH = '/__fieldbook-desktop-shim.js';
const LAUNCH_PATH = '/__launch';
const LAUNCH_SCRIPT_PATH = '/__launch.js';
export const PROFILE_HEADER = 'x-fieldbook-profile';
const PROFILE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const LAUNCH_FILE = 'open-fieldbook.html';

export interface BrowserAppOptions {
  /** The persistent data folder (`~/.fieldbook-browser` by default). */
  dataDir: string;
  /** 0 for a free port. */
  port: number;
  rendererDir?: string;
  /** Sync session tuning of every profile (tests). */
  sync?: HarnessOptions['sync'];
}

export interface BrowserApp {
  /** `http://127.0.0.1:<port>/` */
  url: string;
  origin: string;
  /** The file that opens the app with this launch's secret (mode 0600). */
  launchFile: string;
  /** The harness of each profile that connected, by profile id. */
  profiles: ReadonlyMap<string, Harness>;
  close(): Promise<void>;
}

interface ProfilesFile {
  /** The profile given the data folder of a version without profiles. */
  legacyOwner?: string;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The launch page: a page of its own (the app's hash router must not see the secret). */
function launchPage(launchFile: string): string {
  const file = escapeHtml(launchFile);
  return `<!doctype html>
<html lang="zh-CN">
  <head>
    <meta charset="utf-8" />
    <title>Fieldbook</title>
    <script src="${LAUNCH_SCRIPT_PATH}"></script>
  </head>
  <body style="font-family: sans-serif; max-width: 40em; margin: 3em auto">
    <p id="opening">正在打开 Fieldbook… / Opening Fieldbook…</p>
    <div id="instructions" hidden>
      <p>请在浏览器中打开本次启动生成的文件（只有您的账户可以读取）：</p>
      <p>Open the file this launch wrote (readable by your account only) in this browser:</p>
      <p><code>${file}</code></p>
      <p>每次运行 npm start 都会生成新的文件。/ Each npm start writes a new one.</p>
    </div>
  </body>
</html>
`;
}

/** Runs in the launch page: trades the fragment's secret for the session token. */
function launchScript(storageKey: string): void {
  const match = /^#k=([A-Za-z0-9_-]{20,})$/.exec(location.hash);
  // Out of the address bar and the history entry before anything else.
  history.replaceState(null, '', '/__launch');
  const showInstructions = () => {
    document.getElementById('opening')?.setAttribute('hidden', '');
    document.getElementById('instructions')?.removeAttribute('hidden');
  };
  if (!match) {
    document.addEventListener('DOMContentLoaded', showInstructions);
    return;
  }
  const failed = () => {
    if (document.readyState === 'loading')
      document.addEventListener('DOMContentLoaded', showInstructions);
    else showInstructions();
  };
  fetch('/__session', { method: 'POST', headers: { 'x-fieldbook-launch': match[1]! } })
    .then(async (res) => {
      if (res.status !== 200) return failed();
      const { token } = (await res.json()) as { token: string };
      localStorage.setItem(storageKey, token);
      location.replace('/');
    })
    .catch(failed);
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function startBrowserApp(options: BrowserAppOptions): Promise<BrowserApp> {
  const { dataDir } = options;
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const rendererDir = options.rendererDir ?? DEFAULT_RENDERER_DIR;
  const launchSecret = newSecret();
  const sessions = new Set<string>();
  const launchFile = join(dataDir, LAUNCH_FILE);
  const profilesFile = join(dataDir, 'profiles.json');
  const harnesses = new Map<string, Harness>();
  const starting = new Map<string, Promise<{ harness: Harness; token: string }>>();

  // The shim must run before the app's module script.
  // The launch page's address tells the shim this is browser mode (where to go on a 401).
  const indexHtml = (await readFile(join(rendererDir, 'index.html'), 'utf8'))
    .replace(
      '<script type="module"',
      `<script src="${SHIM_PATH}"></script>\n    <script type="module"`,
    )
    .replace('<html', `<html data-fieldbook-launch="${LAUNCH_PATH}"`);
  // tsx (esbuild with keepNames) wraps named functions in `__name(...)` calls inside the
  // function's source text; the page has no such helper, so give it an identity one.
  const shimSource = `var __name = (fn) => fn;\n(${desktopShim.toString()})();\n`;
  const launchSource = `var __name = (fn) => fn;\n(${launchScript.toString()})(${JSON.stringify(SESSION_STORAGE_KEY)});\n`;

  // One profile at a time decides who gets the legacy folder: two first calls must not both.
  let deciding: Promise<unknown> = Promise.resolve();
  function profileDir(id: string): Promise<string> {
    const decided = deciding.then(() => decideProfileDir(id));
    deciding = decided.catch(() => undefined);
    return decided;
  }

  async function decideProfileDir(id: string): Promise<string> {
    let file: ProfilesFile = {};
    try {
      file = JSON.parse(await readFile(profilesFile, 'utf8')) as ProfilesFile;
    } catch {
      // None yet.
    }
    if (file.legacyOwner === id) return dataDir;
    if (file.legacyOwner === undefined && existsSync(join(dataDir, 'keystore'))) {
      // The one profile of the version before profiles keeps its data (its database key opens
      // that browser's local database).
      await writeJsonFileAtomic(profilesFile, { ...file, legacyOwner: id });
      return dataDir;
    }
    return join(dataDir, 'profiles', id);
  }

  function profileHarness(id: string): Promise<{ harness: Harness; token: string }> {
    let pending = starting.get(id);
    if (pending === undefined) {
      pending = (async () => {
        const userDataDir = await profileDir(id);
        await mkdir(userDataDir, { recursive: true, mode: 0o700 });
        const harness = await startHarness({
          userDataDir,
          rendererDir,
          ...(options.sync ? { sync: options.sync } : {}),
        });
        harnesses.set(id, harness);
        // This front is the harness's only client: it holds the harness's own session.
        const res = await fetch(harness.origin + SESSION_ENDPOINT, {
          method: 'POST',
          headers: { [LAUNCH_SECRET_HEADER]: harness.launchSecret },
        });
        if (res.status !== 200) {
          throw new Error(`the profile's harness refused its launch secret (${res.status})`);
        }
        const { token } = (await res.json()) as { token: string };
        return { harness, token };
      })();
      pending.catch(() => starting.delete(id));
      starting.set(id, pending);
    }
    return pending;
  }

  let origin = '';
  let closing = false;
  const send = (
    res: ServerResponse,
    status: number,
    type: string,
    body: string,
    extra: Record<string, string> = {},
  ) => {
    res.writeHead(status, {
      'content-type': type,
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      ...extra,
    });
    res.end(body);
  };

  async function forwardDesktopCall(req: IncomingMessage, res: ServerResponse, url: URL) {
    if (req.method !== 'POST') throw new HttpError(405, 'desktop API calls use POST');
    if (req.headers.origin !== origin) {
      throw new HttpError(403, `caller origin ${req.headers.origin ?? 'none'} is not the app`);
    }
    if (!hasSession(req, sessions)) throw new HttpError(401, 'no desktop session');
    const profile = req.headers[PROFILE_HEADER];
    if (typeof profile !== 'string' || !PROFILE_ID.test(profile)) {
      throw new HttpError(400, `${PROFILE_HEADER} must be the browser profile's id`);
    }
    const { harness, token } = await profileHarness(profile);
    const body = await readBody(req);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) {
      if (
        typeof v === 'string' &&
        !['host', 'origin', SESSION_HEADER, 'content-length'].includes(k)
      ) {
        headers[k] = v;
      }
    }
    headers['origin'] = harness.origin;
    headers[SESSION_HEADER] = token;
    const upstream = await fetch(harness.origin + url.pathname + url.search, {
      method: 'POST',
      headers,
      body: body.length > 0 ? new Uint8Array(body) : undefined,
    });
    const out: Record<string, string> = {};
    upstream.headers.forEach((value, key) => {
      if (key !== 'content-length' && key !== 'transfer-encoding') out[key] = value;
    });
    const bytes = Buffer.from(await upstream.arrayBuffer());
    res.writeHead(upstream.status, out);
    res.end(bytes);
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const host = new URL(origin).host;
    if (req.headers.host !== host) {
      throw new HttpError(403, `host ${req.headers.host ?? 'none'} is not this server`);
    }
    const url = new URL(req.url ?? '/', origin);
    if (url.pathname.startsWith(DESKTOP_ENDPOINT_PREFIX)) {
      await forwardDesktopCall(req, res, url);
      return;
    }
    if (url.pathname === SESSION_ENDPOINT) {
      exchangeLaunchSecret(req, res, launchSecret, sessions);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      throw new HttpError(405, 'method not allowed');
    }
    if (url.pathname === LAUNCH_PATH) {
      send(res, 200, 'text/html; charset=utf-8', launchPage(launchFile));
      return;
    }
    if (url.pathname === LAUNCH_SCRIPT_PATH) {
      send(res, 200, 'text/javascript; charset=utf-8', launchSource);
      return;
    }
    if (url.pathname === '/' || url.pathname === '/index.html') {
      send(res, 200, 'text/html; charset=utf-8', indexHtml);
      return;
    }
    if (url.pathname === SHIM_PATH) {
      send(res, 200, 'text/javascript; charset=utf-8', shimSource);
      return;
    }
    await serveRendererFile(rendererDir, url.pathname, res);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      const status = error instanceof HttpError ? error.status : 502;
      const message = error instanceof Error ? error.message : String(error);
      // Closing ends the profiles' long polls in flight: not worth a log line.
      if (status >= 500 && !closing) console.error('[browser mode]', error);
      if (!res.headersSent) {
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify({ error: message }));
      } else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;

  // The secret only in a fragment (never sent, never logged) of a file only the user can read.
  const target = `${origin}${LAUNCH_PATH}#k=${launchSecret}`;
  await writeFile(
    launchFile,
    `<!doctype html>\n<meta charset="utf-8">\n<meta http-equiv="refresh" content="0;url=${target}">\n` +
      `<title>Fieldbook</title>\n<a href="${target}">Fieldbook</a>\n`,
    { mode: 0o600 },
  );
  await chmod(launchFile, 0o600);

  return {
    url: `${origin}/`,
    origin,
    launchFile,
    profiles: harnesses,
    async close() {
      closing = true;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.allSettled([...starting.values()]);
      for (const harness of harnesses.values()) await harness.close();
    },
  };
}

async function main(): Promise<void> {
  const dataDir = process.env['FIELDBOOK_DATA_DIR'] ?? join(homedir(), '.fieldbook-browser');
  const port = Number(process.env['PORT'] ?? 5740);
  const app = await startBrowserApp({ dataDir, port });
  const launchUrl = pathToFileURL(app.launchFile).href;
  console.log(`Fieldbook is running in browser mode on ${app.origin} (this computer only).`);
  console.log(`Open this file in your browser (in each browser profile you use): ${launchUrl}`);
  console.log(
    `Local data (desktop services), one folder per browser profile: ${dataDir}; browser data: your browser profile.`,
  );
  console.log('Press Ctrl+C to stop.');
  if (process.env['FIELDBOOK_OPEN_BROWSER'] !== '0') {
    // Best effort: the launch file holds no secret in its name, so its path may be in the argv.
    const opener = process.platform === 'darwin' ? 'open' : 'xdg-open';
    const child = spawn(opener, [app.launchFile], { stdio: 'ignore', detached: true });
    child.on('error', () => {});
    child.unref();
  }

  const stop = (): void => {
    void app.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      const port = process.env['PORT'] ?? '5740';
      console.error(
        `Port ${port} is in use (is Fieldbook already running?). Stop it, or start on another port: PORT=5741 npm start`,
      );
    } else {
      console.error(error);
    }
    process.exit(1);
  });
}
