/**
 * Browser mode's desktop API (scripts/browser-app.ts) against callers that are not the app page
 * (issue 7 item 8) and between browser profiles (issue 12 item 8), on the real browser-mode
 * server, the real renderer build (`npx electron-vite build` first), real Chromium and the real
 * sync server:
 * - a local process that claims the page's `Origin` without the launch's session gets 401/403,
 *   no database key, and changes nothing on disk; so does one that calls a profile's harness
 *   port directly, or a DNS-rebinding page (foreign `Host`);
 * - the launch secret is only in the user-only launch file, never in what the server serves;
 * - the real page, opened from the launch file, works;
 * - two browser profiles are two laptops: signing in in one does not sign in the other.
 */
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserApp } from '../../scripts/browser-app';
import type { BrowserApp } from '../../scripts/browser-app';
import { DEFAULT_RENDERER_DIR, startHarness } from '../e2e/harness/server';
import { startTestServer, type TestServer } from '../sync/harness';

const SYSTEM_CHROMIUM = '/usr/bin/chromium';
const APP_TIMEOUT = 60_000;
const PROFILE = '0b6f3c1e-8d2a-4c5b-9e7f-1a2b3c4d5e6f';

/** Every file under `dir`, relative, sorted: "nothing changed" is this list staying the same. */
async function listing(dir: string): Promise<string[]> {
  const out: string[] = [];
  async function walk(d: string) {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else out.push(relative(dir, p));
    }
  }
  await walk(dir);
  return out.sort();
}

describe('browser mode', () => {
  let dataDir: string;
  let app: BrowserApp;
  let ts: TestServer;
  let eng: { username: string; password: string };
  let browser: Browser;
  let secret: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    if (!existsSync(join(DEFAULT_RENDERER_DIR, 'index.html'))) {
      throw new Error('no renderer build: run `npx electron-vite build` first');
    }
    dataDir = await mkdtemp(join(tmpdir(), 'fieldbook-browser-mode-'));
    app = await startBrowserApp({ dataDir, port: 0 });
    ts = await startTestServer({ kind: 'pglite' });
    eng = await ts.user('wanglei', 'engineer');
    secret = /#k=([A-Za-z0-9_-]+)/.exec(await readFile(app.launchFile, 'utf8'))?.[1] ?? '';
    browser = await chromium.launch({
      ...(existsSync(SYSTEM_CHROMIUM) ? { executablePath: SYSTEM_CHROMIUM } : {}),
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-sync'],
    });
  }, 120_000);

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await app?.close();
    await ts?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  /** A browser profile (its own storage) that opens the app through the launch file. */
  async function openProfile(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ locale: 'zh-CN' });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(pathToFileURL(app.launchFile).href);
    await page.waitForURL(app.url, { timeout: APP_TIMEOUT });
    await page
      .getByRole('navigation')
      .or(page.getByTestId('first-run'))
      .waitFor({ timeout: APP_TIMEOUT });
    return { context, page };
  }

  function call(
    channel: string,
    init: { headers?: Record<string, string>; body?: string; base?: string } = {},
  ) {
    return fetch(`${init.base ?? app.origin}/__desktop/${encodeURIComponent(channel)}`, {
      method: 'POST',
      headers: {
        origin: init.base ?? app.origin,
        'content-type': 'application/json',
        'x-fieldbook-profile': PROFILE,
        ...init.headers,
      },
      body: init.body ?? '[]',
    });
  }

  it('the launch secret is in a file only the user can read, and in nothing the server serves', async () => {
    expect((await stat(app.launchFile)).mode & 0o777).toBe(0o600);
    expect(secret.length).toBeGreaterThanOrEqual(40);
    for (const path of [
      '/',
      '/index.html',
      '/__launch',
      '/__launch.js',
      '/__fieldbook-desktop-shim.js',
    ]) {
      const res = await fetch(app.origin + path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('cache-control'), path).toBe('no-store');
      expect(await res.text(), path).not.toContain(secret);
    }
  });

  it('a forged Origin without the session gets 401, no key, and changes nothing', async () => {
    const before = await listing(dataDir);
    const key = await call('keystore:get-database-key');
    expect(key.status).toBe(401);
    const body = (await key.json()) as Record<string, unknown>;
    expect(body).not.toHaveProperty('result');
    expect(body['error']).toBe('no desktop session');

    const signIn = await call('sync:sign-in', {
      body: JSON.stringify([{ serverUrl: ts.url, ...eng }]),
    });
    expect(signIn.status).toBe(401);
    // A made-up token, a wrong launch secret, a foreign origin, a rebinding host name.
    expect(
      (await call('keystore:get-database-key', { headers: { 'x-fieldbook-session': secret } }))
        .status,
    ).toBe(401);
    const wrongLaunch = await fetch(`${app.origin}/__session`, {
      method: 'POST',
      headers: { 'x-fieldbook-launch': secret.slice(1) + 'x' },
    });
    expect(wrongLaunch.status).toBe(401);
    expect(
      (await call('keystore:get-database-key', { headers: { origin: 'http://evil.example' } }))
        .status,
    ).toBe(403);
    const { port } = new URL(app.origin);
    const rebinding = await new Promise<number>((resolve, reject) => {
      // fetch does not let a caller set Host: speak HTTP/1.1 by hand.
      import('node:net')
        .then(({ connect }) => {
          const socket = connect(Number(port), '127.0.0.1', () => {
            socket.write(
              `POST /__desktop/keystore:get-database-key HTTP/1.1\r\nHost: evil.example:${port}\r\n` +
                `Origin: http://evil.example:${port}\r\nContent-Length: 2\r\nConnection: close\r\n\r\n[]`,
            );
          });
          let text = '';
          socket.on('data', (d: Buffer) => (text += d.toString('latin1')));
          socket.on('end', () => resolve(Number(/^HTTP\/1\.1 (\d+)/.exec(text)?.[1] ?? 0)));
          socket.on('error', reject);
        })
        .catch(reject);
    });
    expect(rebinding).toBe(403);

    expect(app.profiles.size).toBe(0);
    expect(await listing(dataDir)).toEqual(before);
  });

  it('the real page works, each browser profile is its own laptop, and no port gives in without the session', async () => {
    const a = await openProfile();
    // The app opened its encrypted database with the key the desktop API gave it.
    await a.page.getByTestId('first-run').waitFor({ timeout: APP_TIMEOUT });
    await a.page.getByRole('button', { name: '登录服务器' }).click();
    const form = a.page.getByTestId('sign-in');
    await form.getByLabel('服务器地址').fill(ts.url);
    await form.getByLabel('用户名').fill(eng.username);
    await form.getByLabel('密码').fill(eng.password);
    await form.getByRole('button', { name: '登录' }).click();
    await a.page
      .getByTestId('sync-account')
      .getByText(eng.username)
      .waitFor({ timeout: APP_TIMEOUT });

    // A second, fresh browser profile against the same server: not signed in, its own data.
    const b = await openProfile();
    await b.page.getByTestId('first-run').waitFor({ timeout: APP_TIMEOUT });
    const sessionOf = (page: Page) =>
      page.evaluate(() =>
        (
          globalThis as unknown as {
            fieldbook: { sync: { getSession(): Promise<{ account: unknown }> } };
          }
        ).fieldbook.sync.getSession(),
      );
    expect((await sessionOf(b.page)).account).toBeNull();
    expect(await sessionOf(a.page)).toMatchObject({
      account: { user: { username: eng.username } },
    });
    expect(app.profiles.size).toBe(2);
    const [dirA, dirB] = [...app.profiles.values()].map((h) => h.userDataDir);
    expect(dirA).not.toBe(dirB);
    expect(existsSync(join(dirA!, 'sync', 'session.json'))).toBe(true);
    expect(existsSync(join(dirB!, 'sync', 'session.json'))).toBe(false);
    // The profile keeps its laptop across reloads (the id is in its own storage).
    await a.page.reload();
    await a.page.getByRole('navigation').or(a.page.getByTestId('first-run')).waitFor();
    expect(await sessionOf(a.page)).toMatchObject({
      account: { user: { username: eng.username } },
    });
    expect(app.profiles.size).toBe(2);

    // Each profile's harness listens on its own port: claiming its Origin is not enough there
    // either (the front holds that harness's session, nobody else).
    for (const harness of app.profiles.values()) {
      const direct = await call('keystore:get-database-key', { base: harness.origin });
      expect(direct.status).toBe(401);
      expect(await direct.text()).not.toMatch(/result/);
    }

    // A token of an earlier launch: the page goes to the launch page, which says what to open.
    await b.page.evaluate(() => localStorage.setItem('fieldbook.desktopSession', 'stale'));
    await b.page.reload();
    await b.page.waitForURL(`${app.origin}/__launch`, { timeout: APP_TIMEOUT });
    await b.page.getByText(app.launchFile).waitFor({ timeout: APP_TIMEOUT });
  }, 180_000);

  it('the data folder of a version before profiles goes to the first profile only', async () => {
    const legacyDir = await mkdtemp(join(tmpdir(), 'fieldbook-browser-legacy-'));
    try {
      // The old layout: one laptop's folders right in the data folder.
      const old = await startHarness({ userDataDir: legacyDir });
      const oldKey = await old.services.keystore.getDatabaseKey();
      await old.close();

      const legacyApp = await startBrowserApp({ dataDir: legacyDir, port: 0 });
      try {
        const launch = /#k=([A-Za-z0-9_-]+)/.exec(
          await readFile(legacyApp.launchFile, 'utf8'),
        )?.[1];
        const session = await fetch(`${legacyApp.origin}/__session`, {
          method: 'POST',
          headers: { 'x-fieldbook-launch': launch ?? '' },
        });
        expect(session.status).toBe(200);
        const { token } = (await session.json()) as { token: string };
        const keyOf = async (profile: string) => {
          const res = await call('keystore:get-database-key', {
            base: legacyApp.origin,
            headers: { 'x-fieldbook-session': token, 'x-fieldbook-profile': profile },
          });
          expect(res.status).toBe(200);
          return ((await res.json()) as { result: string }).result;
        };
        const first = '11111111-2222-4333-8444-555555555555';
        const second = '66666666-7777-4888-8999-aaaaaaaaaaaa';
        // Both connect at once: exactly one gets the old folder (and its key), for good.
        const [a, b] = await Promise.all([keyOf(first), keyOf(second)]);
        expect([a, b].filter((k) => k === oldKey)).toHaveLength(1);
        const [owner, other] = a === oldKey ? [first, second] : [second, first];
        expect(await keyOf(owner)).toBe(oldKey);
        expect(await keyOf(other)).not.toBe(oldKey);
        expect(legacyApp.profiles.get(owner)?.userDataDir).toBe(legacyDir);
        expect(legacyApp.profiles.get(other)?.userDataDir).toBe(join(legacyDir, 'profiles', other));
      } finally {
        await legacyApp.close();
      }
    } finally {
      await rm(legacyDir, { recursive: true, force: true });
    }
  }, 60_000);
});
