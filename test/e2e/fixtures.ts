/**
 * Playwright fixtures for Fieldbook's end-to-end tests. Each test gets:
 * - `harness`: the renderer build served with the real desktop services on a fresh profile folder
 *   (removed afterwards);
 * - `context`/`page`: a fresh browser context (fresh IndexedDB) with `window.fieldbook` defined by
 *   the desktop shim and the harness's desktop session cookie (harness/authorize.ts), in the
 *   app's default locale;
 * - `appUrl` (also `baseURL`, so `page.goto('/')` opens the app).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base } from '@playwright/test';
import { authorizeContext } from './harness/authorize';
import { desktopShim } from './harness/desktop-shim';
import { startHarness } from './harness/server';
import type { Harness } from './harness/server';

export { expect } from '@playwright/test';
export type { Harness } from './harness/server';

export const test = base.extend<{ harness: Harness; appUrl: string }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads fixture dependencies from a destructured first parameter
  harness: async ({}, provide) => {
    const userDataDir = await mkdtemp(join(tmpdir(), 'fieldbook-e2e-'));
    const harness = await startHarness({ userDataDir });
    try {
      await provide(harness);
    } finally {
      await harness.close();
      await rm(userDataDir, { recursive: true, force: true });
    }
  },
  appUrl: async ({ harness }, provide) => {
    await provide(harness.url);
  },
  baseURL: async ({ harness }, provide) => {
    await provide(harness.url);
  },
  locale: 'zh-CN',
  context: async ({ context, harness }, provide) => {
    await context.addInitScript(desktopShim);
    await authorizeContext(context, harness);
    await provide(context);
  },
});
