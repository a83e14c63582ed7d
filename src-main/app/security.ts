/**
 * All hardening of the Electron side, in one place (CONVENTIONS.md §4). Everything the renderer
 * can reach is the app's own files plus the typed preload API; anything else — remote pages,
 * new windows, webviews, permissions, network requests to foreign origins — is refused here.
 *
 * Only electron's types are imported: the objects come in as parameters (main.ts passes the real
 * ones), so this module also loads outside Electron — the e2e harness serves the same CSP from it,
 * and security.test.ts drives every handler with fakes.
 */
import { isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { App, Session, Shell, WebContents, WebPreferences } from 'electron';

/** `shell.openExternal`, injected. */
export type OpenExternal = Shell['openExternal'];

/** Where the app's own pages come from. */
export interface AppOrigin {
  /** Absolute path of the built renderer folder (out/renderer); its index.html is the app page. */
  rendererDir: string;
  /** electron-vite's dev server URL while developing (`ELECTRON_RENDERER_URL`), else unset. */
  devServerUrl?: string;
  /**
   * Remote origins the renderer may connect to (e.g. `https://sync.example.com`); the sync
   * configuration adds them later. Empty by default: the app works offline.
   */
  allowedRemoteOrigins?: readonly string[];
}

/**
 * Web preferences of every window. `sandbox` + `contextIsolation` + no Node keep a compromised
 * renderer inside Chromium's sandbox with only the preload's typed API to talk to.
 */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    // Middle-click would open links as new windows; setWindowOpenHandler denies those anyway.
    disableBlinkFeatures: 'Auxclick',
    enableWebSQL: false,
    navigateOnDragDrop: false,
    plugins: false,
    safeDialogs: true,
    // Spellcheck downloads dictionaries from Google's CDN: no network calls we did not ask for.
    spellcheck: false,
    // Sync keeps running while the window is minimised or hidden (RxDB replication timers).
    backgroundThrottling: false,
  };
}

/**
 * The renderer's Content Security Policy. Served as a response header (dev server, e2e harness)
 * and, because file:// responses carry no headers Electron could rewrite, also as the <meta> tag
 * in src-renderer/index.html — the two must stay identical (a test checks it).
 *
 * - style-src 'unsafe-inline': antd 6 styles components with CSS-in-JS, which inserts <style>
 *   elements at runtime; without it the UI renders unstyled. Scripts stay 'self' only, so an
 *   injected style cannot run code.
 * - img-src data:/blob: are photos previewed from memory (object URLs) and inline icons.
 * - worker-src blob: lets the PDF worker be created from a bundled blob if the bundler chooses to.
 * - frame-src 'none' also blocks the hidden iframe RxDB dev-mode would inject (STACK-NOTES).
 * - connect-src 'self': sync server origins are added from configuration when sync lands.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "frame-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/**
 * Development only — pages served by electron-vite's dev server (`npm start`), never a build:
 * React Fast Refresh injects its preamble as an inline module script, so scripts also allow
 * 'unsafe-inline' there. electron.vite.config.ts swaps the <meta> policy for this one in serve mode
 * and applySessionHardening sends it for dev-server responses only.
 */
export const DEV_SERVER_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace(
  "script-src 'self'",
  "script-src 'self' 'unsafe-inline'",
);

/**
 * Permissions the renderer may use; every other request or check is denied.
 * - clipboard-sanitized-write: "copy" buttons (command output, document numbers).
 * - persistent-storage: `navigator.storage.persist()` keeps the offline database from eviction
 *   under disk pressure — losing days of offline work is the worst failure this app can have.
 * - notifications: the SLA reminders (level 1 hourly update due, response about to breach or
 *   overdue) are desktop notifications shown by the renderer's Notification API.
 */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set([
  'clipboard-sanitized-write',
  'notifications',
  'persistent-storage',
]);

/** Schemes `shell.openExternal` may be given: web links only, never file:, smb:, custom handlers. */
const EXTERNAL_SCHEMES = new Set(['https:', 'http:']);

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

function sameDevOrigin(url: URL | null, devServerUrl: string | undefined): boolean {
  if (url === null || devServerUrl === undefined) return false;
  const dev = parseUrl(devServerUrl);
  if (!dev) return false;
  // Vite's hot-reload socket uses ws(s) on the same host and port as the http(s) page.
  const scheme = url.protocol.replace(/^ws/, 'http');
  return scheme === dev.protocol && url.host === dev.host;
}

function fileInside(url: URL, dir: string): string | null {
  if (url.protocol !== 'file:' || (url.host !== '' && url.host !== 'localhost')) return null;
  let path: string;
  try {
    path = fileURLToPath(new URL(url.pathname, 'file://'));
  } catch {
    return null;
  }
  const rel = relative(dir, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : null;
}

/** Whether `url` is one of the app's own resources (a file of the renderer build, or dev server). */
export function isAppResourceUrl(url: string, origin: AppOrigin): boolean {
  const parsed = parseUrl(url);
  if (!parsed) return false;
  return (
    sameDevOrigin(parsed, origin.devServerUrl) || fileInside(parsed, origin.rendererDir) !== null
  );
}

/** Whether `url` is the app's page itself (index.html, any hash or query), the only navigation target. */
export function isAppPageUrl(url: string, origin: AppOrigin): boolean {
  const parsed = parseUrl(url);
  if (!parsed) return false;
  if (sameDevOrigin(parsed, origin.devServerUrl)) return parsed.protocol.startsWith('http');
  return fileInside(parsed, origin.rendererDir) === 'index.html';
}

/** Whether the renderer may make this network request (everything else is cancelled). */
export function isAllowedRequestUrl(url: string, origin: AppOrigin): boolean {
  const parsed = parseUrl(url);
  if (!parsed) return false;
  switch (parsed.protocol) {
    // devtools: is DevTools' own UI, loaded when a developer opens it.
    case 'data:':
    case 'blob:':
    case 'devtools:':
      return true;
    case 'file:':
      return fileInside(parsed, origin.rendererDir) !== null;
    default:
      return (
        sameDevOrigin(parsed, origin.devServerUrl) ||
        (origin.allowedRemoteOrigins ?? []).includes(parsed.origin)
      );
  }
}

/** Opens a web link in the user's browser; anything but http(s) is refused and reported. */
export function openExternalSafely(url: string, openExternal: OpenExternal): boolean {
  const parsed = parseUrl(url);
  if (!parsed || !EXTERNAL_SCHEMES.has(parsed.protocol)) {
    console.warn(`[security] refused to open external URL with scheme ${parsed?.protocol ?? '?'}`);
    return false;
  }
  openExternal(parsed.href).catch((error: unknown) => {
    console.warn('[security] could not open external link', error);
  });
  return true;
}

/** Session-wide rules: CSP header, permission handlers, network allow-list. */
export function applySessionHardening(session: Session, origin: AppOrigin): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers = { ...details.responseHeaders };
    for (const name of Object.keys(headers)) {
      if (name.toLowerCase() === 'content-security-policy') delete headers[name];
    }
    const fromDevServer = sameDevOrigin(parseUrl(details.url), origin.devServerUrl);
    headers['Content-Security-Policy'] = [
      fromDevServer ? DEV_SERVER_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY,
    ];
    callback({ responseHeaders: headers });
  });

  session.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowedRequestUrl(details.url, origin);
    if (!allowed) console.warn(`[security] blocked request to ${details.url}`);
    callback({ cancel: !allowed });
  });

  session.setPermissionRequestHandler((contents, permission, callback) => {
    const granted =
      ALLOWED_PERMISSIONS.has(permission) && isAppResourceUrl(contents.getURL(), origin);
    if (!granted) console.warn(`[security] denied permission request "${permission}"`);
    callback(granted);
  });

  session.setPermissionCheckHandler((contents, permission) => {
    return (
      ALLOWED_PERMISSIONS.has(permission) &&
      contents !== null &&
      isAppResourceUrl(contents.getURL(), origin)
    );
  });

  // USB/HID/serial devices: the app never needs them.
  session.setDevicePermissionHandler(() => false);
}

/** Per-webContents rules: navigation stays on the app page, no new windows, no webviews. */
export function hardenWebContents(
  contents: WebContents,
  origin: AppOrigin,
  openExternal: OpenExternal,
): void {
  contents.on('will-navigate', (event) => {
    if (!isAppPageUrl(event.url, origin)) {
      event.preventDefault();
      console.warn(`[security] blocked navigation to ${event.url}`);
    }
  });

  contents.on('will-redirect', (event) => {
    if (!isAppPageUrl(event.url, origin)) {
      event.preventDefault();
      console.warn(`[security] blocked redirect to ${event.url}`);
    }
  });

  // The app has no frames (CSP frame-src 'none'); refuse any sub-frame navigation as well.
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame) event.preventDefault();
  });

  contents.setWindowOpenHandler(({ url }) => {
    // Links to the web (documentation, a customer portal) open in the user's browser.
    openExternalSafely(url, openExternal);
    return { action: 'deny' };
  });

  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
}

/**
 * Process-wide rules, called before `app.whenReady()`:
 * - every renderer is sandboxed, whatever a window's options say;
 * - every webContents ever created is hardened;
 * - one instance at a time: the local database and the blob store are single-writer. Returns
 *   false when another instance holds the lock (this one then quits).
 */
export function applyAppHardening(
  app: App,
  origin: AppOrigin,
  openExternal: OpenExternal,
): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.enableSandbox();
  app.on('web-contents-created', (_event, contents) =>
    hardenWebContents(contents, origin, openExternal),
  );
  return true;
}

/** Absolute path of the renderer's entry page. */
export function appPagePath(origin: AppOrigin): string {
  return join(origin.rendererDir, 'index.html');
}
