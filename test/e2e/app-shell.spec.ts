import { CONTENT_SECURITY_POLICY } from '../../src-main/app/security';
import type { DesktopApi } from '../../src-shared/ipc';
import { expect, test } from './fixtures';

type AppGlobal = typeof globalThis & {
  fieldbook?: DesktopApi;
  __cspViolations?: string[];
};

test('renders the app shell with window.fieldbook', async ({ page, appUrl }) => {
  const response = await page.goto(appUrl);
  expect(response?.status()).toBe(200);
  expect(response?.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);

  // React mounted something into the root element.
  await expect(page.locator('#root > *').first()).toBeVisible();

  const surface = await page.evaluate(() => {
    const api = (globalThis as AppGlobal).fieldbook;
    return api ? Object.keys(api).sort() : null;
  });
  expect(surface).toEqual([
    'app',
    'blobs',
    'deliverables',
    'keystore',
    'plans',
    'spreadsheets',
    'sync',
    'workspace',
  ]);
  expect(
    await page.evaluate(() => (globalThis as AppGlobal).fieldbook!.app.getInfo()),
  ).toMatchObject({ electron: null, locale: 'zh-CN' });
});

test('starts under the app CSP without violations or uncaught errors', async ({ page, appUrl }) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.addInitScript(() => {
    const g = globalThis as AppGlobal & {
      addEventListener(
        type: string,
        listener: (event: { violatedDirective: string; blockedURI: string }) => void,
      ): void;
    };
    g.__cspViolations = [];
    g.addEventListener('securitypolicyviolation', (event) => {
      g.__cspViolations!.push(`${event.violatedDirective} blocked ${event.blockedURI}`);
    });
  });

  await page.goto(appUrl);
  await expect(page.locator('#root > *').first()).toBeVisible();
  await page.waitForLoadState('networkidle');

  expect(await page.evaluate(() => (globalThis as AppGlobal).__cspViolations)).toEqual([]);
  expect(pageErrors).toEqual([]);
});
