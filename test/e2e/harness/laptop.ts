/**
 * Another laptop in one test: its own profile folder, harness (desktop services) and browser
 * context, as the `harness`/`page` fixtures give the first one.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { authorizeContext } from './authorize';
import { desktopShim } from './desktop-shim';
import { startHarness } from './server';
import type { Harness, HarnessOptions } from './server';

export interface Laptop {
  harness: Harness;
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

export async function openLaptop(
  browser: Browser,
  options: { sync?: HarnessOptions['sync']; locale?: string } = {},
): Promise<Laptop> {
  const dir = await mkdtemp(join(tmpdir(), 'fieldbook-e2e-'));
  const harness = await startHarness({
    userDataDir: dir,
    ...(options.sync ? { sync: options.sync } : {}),
  });
  const context = await browser.newContext({
    baseURL: harness.url,
    locale: options.locale ?? 'zh-CN',
  });
  await context.addInitScript(desktopShim);
  await authorizeContext(context, harness);
  const page = await context.newPage();
  return {
    harness,
    context,
    page,
    async close() {
      await context.close();
      await harness.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
