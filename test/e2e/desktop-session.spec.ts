/**
 * The harness's desktop API takes calls from the app page only: the right `Origin` is not
 * enough (any local process can send it), the caller needs the session token the launch secret
 * buys (harness/server.ts). The fixtures' pages have it (harness/authorize.ts).
 */
import { existsSync } from 'node:fs';
import { expect, test } from './fixtures';
import { LAUNCH_SECRET_HEADER, SESSION_ENDPOINT } from './harness/server';

test('a caller with the page’s Origin but no session gets 401 and no key', async ({
  playwright,
  harness,
  page,
}) => {
  // A fresh request context: no cookies, no storage, nothing of the page's.
  const outsider = await playwright.request.newContext();
  try {
    const forged = await outsider.post(`${harness.origin}/__desktop/keystore:get-database-key`, {
      data: [],
      headers: { origin: harness.origin },
    });
    expect(forged.status()).toBe(401);
    expect(await forged.text()).not.toContain('result');
    const guessed = await outsider.post(harness.origin + SESSION_ENDPOINT, {
      headers: { [LAUNCH_SECRET_HEADER]: 'not-the-secret' },
    });
    expect(guessed.status()).toBe(401);
  } finally {
    await outsider.dispose();
  }
  // The refused call created no key; the page's first call does.
  expect(existsSync(harness.services.keyStore.path)).toBe(false);
  await page.goto('/');
  const key = await page.evaluate(() =>
    (
      globalThis as unknown as { fieldbook: { keystore: { getDatabaseKey(): Promise<string> } } }
    ).fieldbook.keystore.getDatabaseKey(),
  );
  expect(key).toMatch(/^[0-9a-f]{64}$/);
});
