/**
 * Launches the built app in the real Electron binary and checks the hardened window.
 *
 * The binary cannot be downloaded on every machine (Electron ≥ 42 fetches it on the first
 * `require('electron')`), so this locates it the way the electron package would — without
 * requiring the package, which would start a download — and skips, saying so, when it is absent.
 * This is the project's only skipped test.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron } from 'playwright-core';
import type { ElectronApplication } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const ELECTRON_DIR = join(ROOT, 'node_modules', 'electron');

/** The executable `require('electron')` would return, or null when it is not installed. */
function installedElectronBinary(): string | null {
  const pathFile = join(ELECTRON_DIR, 'path.txt');
  const relativePath = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const override = process.env['ELECTRON_OVERRIDE_DIST_PATH'];
  if (override) {
    const candidate = join(override, relativePath || 'electron');
    return existsSync(candidate) ? candidate : null;
  }
  if (!relativePath) return null;
  const candidate = join(ELECTRON_DIR, 'dist', relativePath);
  return existsSync(candidate) ? candidate : null;
}

const electronBinary = installedElectronBinary();
if (!electronBinary) {
  console.log('Electron binary not installed here: skipping Electron smoke test');
}

describe.skipIf(!electronBinary)('Electron smoke test', () => {
  let app: ElectronApplication;
  let userDataDir: string;

  beforeAll(async () => {
    execFileSync(join(ROOT, 'node_modules', '.bin', 'electron-vite'), ['build'], {
      cwd: ROOT,
      stdio: 'inherit',
    });
    userDataDir = await mkdtemp(join(tmpdir(), 'fieldbook-electron-'));
    app = await _electron.launch({
      executablePath: electronBinary!,
      args: [ROOT],
      cwd: ROOT,
      env: { ...process.env, FIELDBOOK_USER_DATA_DIR: userDataDir },
    });
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    if (userDataDir) await rm(userDataDir, { recursive: true, force: true });
  });

  it('opens one hardened Fieldbook window with the desktop API', async () => {
    const page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');

    const windowTitle = await app.evaluate(({ BrowserWindow }) =>
      BrowserWindow.getAllWindows().map((w) => w.getTitle()),
    );
    expect(windowTitle).toHaveLength(1);
    expect(windowTitle[0]).toMatch(/Fieldbook/);

    const renderer = await page.evaluate(() => {
      const g = globalThis as Record<string, unknown>;
      return {
        fieldbook: typeof g['fieldbook'],
        require: typeof g['require'],
        process: typeof g['process'],
        module: typeof g['module'],
      };
    });
    expect(renderer).toEqual({
      fieldbook: 'object',
      require: 'undefined',
      process: 'undefined',
      module: 'undefined',
    });

    const key = await page.evaluate(() =>
      (
        globalThis as unknown as { fieldbook: { keystore: { getDatabaseKey(): Promise<string> } } }
      ).fieldbook.keystore.getDatabaseKey(),
    );
    expect(key).toMatch(/^[0-9a-f]{64}$/);

    // Navigation away from the app page is refused by the will-navigate handler.
    await page.evaluate(() => {
      (globalThis as unknown as { location: { href: string } }).location.href =
        'https://example.com/';
    });
    await page.waitForTimeout(500);
    expect(page.url()).toMatch(/^file:.*\/out\/renderer\/index\.html/);
  });
});
