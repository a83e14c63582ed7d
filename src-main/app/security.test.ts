import { EventEmitter } from 'node:events';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { App, Session, WebContents } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import {
  ALLOWED_PERMISSIONS,
  CONTENT_SECURITY_POLICY,
  DEV_SERVER_CONTENT_SECURITY_POLICY,
  applyAppHardening,
  applySessionHardening,
  hardenWebContents,
  isAllowedRequestUrl,
  isAppPageUrl,
  secureWebPreferences,
} from './security';

// security.ts must load without the Electron runtime (the e2e harness imports it): any runtime
// import of 'electron' would hit this mock and fail loudly.
vi.mock('electron', () => {
  throw new Error('security.ts must only import types from electron');
});

const openExternal = vi.fn((_url: string) => Promise.resolve());

const rendererDir = join(process.cwd(), 'out', 'renderer');
const origin = { rendererDir };
const appPage = pathToFileURL(join(rendererDir, 'index.html')).href;
const appAsset = pathToFileURL(join(rendererDir, 'assets', 'index.js')).href;

beforeEach(() => {
  openExternal.mockClear();
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});

describe('secureWebPreferences', () => {
  it('isolates and sandboxes the renderer without Node', () => {
    expect(secureWebPreferences('/app/preload.cjs')).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      backgroundThrottling: false,
      disableBlinkFeatures: 'Auxclick',
    });
  });
});

describe('CONTENT_SECURITY_POLICY', () => {
  const directives = new Map(
    CONTENT_SECURITY_POLICY.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name!, values.join(' ')];
    }),
  );

  it('has the agreed directives', () => {
    expect(Object.fromEntries(directives)).toEqual({
      'default-src': "'self'",
      'script-src': "'self'",
      'style-src': "'self' 'unsafe-inline'",
      'img-src': "'self' data: blob:",
      'font-src': "'self' data:",
      'connect-src': "'self'",
      'worker-src': "'self' blob:",
      'frame-src': "'none'",
      'object-src': "'none'",
      'base-uri': "'none'",
      'form-action': "'none'",
    });
  });

  it('never allows inline or eval scripts', () => {
    expect(directives.get('script-src')).not.toMatch(/unsafe|data:|blob:|\*/);
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
  });

  it('is the same policy as the <meta> tag in src-renderer/index.html', async () => {
    const html = await readFile(join(process.cwd(), 'src-renderer', 'index.html'), 'utf8');
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(html);
    expect(meta?.[1]).toBe(CONTENT_SECURITY_POLICY);
  });
});

type Listener = (...args: unknown[]) => unknown;

function fakeSession() {
  const handlers: Record<string, Listener> = {};
  const capture = (name: string) =>
    vi.fn((handler: Listener) => {
      handlers[name] = handler;
    });
  const session = {
    webRequest: {
      onHeadersReceived: capture('headers'),
      onBeforeRequest: capture('request'),
    },
    setPermissionRequestHandler: capture('permissionRequest'),
    setPermissionCheckHandler: capture('permissionCheck'),
    setDevicePermissionHandler: capture('device'),
  };
  return { session: session as unknown as Session, handlers };
}

function fakeContents(url = appPage) {
  const emitter = new EventEmitter();
  let windowOpenHandler: Listener | undefined;
  const contents = Object.assign(emitter, {
    getURL: () => url,
    setWindowOpenHandler: (handler: Listener) => {
      windowOpenHandler = handler;
    },
  });
  return {
    contents: contents as unknown as WebContents,
    emit(event: string, details: Record<string, unknown>) {
      const preventDefault = vi.fn();
      emitter.emit(event, { ...details, preventDefault }, details['url']);
      return preventDefault.mock.calls.length > 0;
    },
    openWindow: (url: string) => windowOpenHandler?.({ url }),
  };
}

describe('applySessionHardening', () => {
  it('sets the CSP response header, replacing any the response brought', () => {
    const { session, handlers } = fakeSession();
    applySessionHardening(session, origin);
    const callback = vi.fn();
    handlers['headers']!(
      {
        url: 'http://localhost:5173/',
        responseHeaders: { 'content-security-policy': ['default-src *'], 'X-Other': ['1'] },
      },
      callback,
    );
    expect(callback).toHaveBeenCalledWith({
      responseHeaders: { 'Content-Security-Policy': [CONTENT_SECURITY_POLICY], 'X-Other': ['1'] },
    });
  });

  it('relaxes scripts to allow the Fast Refresh preamble for dev-server pages only', () => {
    const { session, handlers } = fakeSession();
    applySessionHardening(session, { rendererDir, devServerUrl: 'http://localhost:5173' });
    const policyFor = (url: string) => {
      const callback = vi.fn();
      handlers['headers']!({ url, responseHeaders: {} }, callback);
      return (callback.mock.calls[0]![0] as { responseHeaders: Record<string, string[]> })
        .responseHeaders['Content-Security-Policy']![0];
    };
    expect(policyFor('http://localhost:5173/')).toBe(DEV_SERVER_CONTENT_SECURITY_POLICY);
    expect(DEV_SERVER_CONTENT_SECURITY_POLICY).toContain("script-src 'self' 'unsafe-inline';");
    expect(DEV_SERVER_CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(policyFor('http://localhost:5174/')).toBe(CONTENT_SECURITY_POLICY);
    expect(policyFor(appPage)).toBe(CONTENT_SECURITY_POLICY);
  });

  it('cancels requests to foreign origins and files outside the app', () => {
    const { session, handlers } = fakeSession();
    applySessionHardening(session, origin);
    const decide = (url: string) => {
      const callback = vi.fn();
      handlers['request']!({ url }, callback);
      return (callback.mock.calls[0]![0] as { cancel: boolean }).cancel;
    };
    expect(decide('https://evil.example/x.js')).toBe(true);
    expect(decide('http://127.0.0.1:8080/')).toBe(true);
    expect(decide('wss://evil.example/socket')).toBe(true);
    expect(decide('file:///etc/passwd')).toBe(true);
    expect(decide(`${pathToFileURL(rendererDir).href}/../main/index.js`)).toBe(true);
    expect(decide(appAsset)).toBe(false);
    expect(decide('data:image/png;base64,AAAA')).toBe(false);
    expect(decide('blob:file:///0b0e8d7c')).toBe(false);
  });

  it('denies every permission except the allowed ones, and those only to the app page', () => {
    const { session, handlers } = fakeSession();
    applySessionHardening(session, origin);
    const request = (permission: string, url = appPage) => {
      const callback = vi.fn();
      handlers['permissionRequest']!(fakeContents(url).contents, permission, callback, {});
      return callback.mock.calls[0]![0] as boolean;
    };
    for (const permission of ['media', 'geolocation', 'openExternal', 'hid']) {
      expect(request(permission), permission).toBe(false);
    }
    expect(request('clipboard-sanitized-write')).toBe(true);
    expect(request('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
    // The SLA reminders; a foreign page still may not notify.
    expect(request('notifications')).toBe(true);
    expect(request('notifications', 'https://evil.example/')).toBe(false);
    expect([...ALLOWED_PERMISSIONS].sort()).toEqual([
      'clipboard-sanitized-write',
      'notifications',
      'persistent-storage',
    ]);

    const check = handlers['permissionCheck']!;
    expect(check(fakeContents().contents, 'media', 'file://', {})).toBe(false);
    expect(check(fakeContents().contents, 'clipboard-sanitized-write', 'file://', {})).toBe(true);
    expect(check(null, 'clipboard-sanitized-write', '', {})).toBe(false);
    expect(handlers['device']!({ deviceType: 'usb' })).toBe(false);
  });

  it('allows the dev server (page and hot-reload socket) and configured sync origins', () => {
    const dev = {
      rendererDir,
      devServerUrl: 'http://localhost:5173',
      allowedRemoteOrigins: ['https://sync.example.com'],
    };
    expect(isAllowedRequestUrl('http://localhost:5173/src/main.tsx', dev)).toBe(true);
    expect(isAllowedRequestUrl('ws://localhost:5173/', dev)).toBe(true);
    expect(isAllowedRequestUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isAllowedRequestUrl('https://sync.example.com/api/pull', dev)).toBe(true);
    expect(isAllowedRequestUrl('http://sync.example.com/api/pull', dev)).toBe(false);
    expect(isAllowedRequestUrl('http://localhost:5173/', origin)).toBe(false);
  });
});

describe('hardenWebContents', () => {
  it('blocks navigation away from the app page', () => {
    const fake = fakeContents();
    hardenWebContents(fake.contents, origin, openExternal);
    expect(fake.emit('will-navigate', { url: 'https://evil.example/' })).toBe(true);
    expect(fake.emit('will-navigate', { url: 'file:///etc/passwd' })).toBe(true);
    expect(fake.emit('will-navigate', { url: appAsset })).toBe(true);
    expect(fake.emit('will-navigate', { url: 'javascript:alert(1)' })).toBe(true);
    expect(fake.emit('will-navigate', { url: `${appPage}#/visits` })).toBe(false);
    expect(fake.emit('will-redirect', { url: 'https://evil.example/' })).toBe(true);
    expect(fake.emit('will-redirect', { url: appPage })).toBe(false);
    expect(fake.emit('will-frame-navigate', { url: appPage, isMainFrame: false })).toBe(true);
    expect(fake.emit('will-frame-navigate', { url: appPage, isMainFrame: true })).toBe(false);
  });

  it('denies window.open and opens only http(s) links in the browser', () => {
    const fake = fakeContents();
    hardenWebContents(fake.contents, origin, openExternal);
    expect(fake.openWindow('https://docs.example.com/dce')).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledWith('https://docs.example.com/dce');
    openExternal.mockClear();
    for (const url of ['file:///etc/passwd', 'smb://host/share', 'javascript:alert(1)', 'nope']) {
      expect(fake.openWindow(url)).toEqual({ action: 'deny' });
    }
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('prevents webviews from attaching', () => {
    const fake = fakeContents();
    hardenWebContents(fake.contents, origin, openExternal);
    expect(fake.emit('will-attach-webview', {})).toBe(true);
  });
});

describe('isAppPageUrl', () => {
  it('accepts index.html of the renderer build and the dev server only', () => {
    expect(isAppPageUrl(`${appPage}?x=1#/a`, origin)).toBe(true);
    expect(isAppPageUrl(appPage.replace('index.html', 'other.html'), origin)).toBe(false);
    expect(isAppPageUrl('file://evil-host/share/index.html', origin)).toBe(false);
    expect(isAppPageUrl('not a url', origin)).toBe(false);
    expect(
      isAppPageUrl('http://localhost:5173/#/x', {
        rendererDir,
        devServerUrl: 'http://localhost:5173',
      }),
    ).toBe(true);
  });
});

describe('applyAppHardening', () => {
  function fakeApp(gotLock: boolean) {
    const emitter = new EventEmitter();
    return Object.assign(emitter, {
      requestSingleInstanceLock: vi.fn(() => gotLock),
      quit: vi.fn(),
      enableSandbox: vi.fn(),
    });
  }

  it('quits when another instance holds the lock', () => {
    const app = fakeApp(false);
    expect(applyAppHardening(app as unknown as App, origin, openExternal)).toBe(false);
    expect(app.quit).toHaveBeenCalled();
    expect(app.enableSandbox).not.toHaveBeenCalled();
  });

  it('sandboxes all renderers and hardens every new webContents', () => {
    const app = fakeApp(true);
    expect(applyAppHardening(app as unknown as App, origin, openExternal)).toBe(true);
    expect(app.enableSandbox).toHaveBeenCalled();
    const fake = fakeContents();
    app.emit('web-contents-created', {}, fake.contents);
    expect(fake.emit('will-navigate', { url: 'https://evil.example/' })).toBe(true);
    expect(fake.openWindow('https://evil.example/')).toEqual({ action: 'deny' });
  });
});
