/**
 * The desktop API as the renderer sees it (through the shim and the harness), backed by the real
 * main-process services: what the UI stores is really on disk in the test's profile folder.
 */
import { readFile } from 'node:fs/promises';
import type { DesktopApi } from '../../src-shared/ipc';
import { expect, test } from './fixtures';

type AppGlobal = typeof globalThis & { fieldbook: DesktopApi; __inlineRan?: boolean };

test.beforeEach(async ({ page, appUrl }) => {
  await page.goto(appUrl);
});

test('the database key is created once and kept across reloads', async ({ page, harness }) => {
  const getKey = () =>
    page.evaluate(() => (globalThis as AppGlobal).fieldbook.keystore.getDatabaseKey());
  const key = await getKey();
  expect(key).toMatch(/^[0-9a-f]{64}$/);
  await page.reload();
  expect(await getKey()).toBe(key);
  expect(await harness.services.keystore.getDatabaseKey()).toBe(key);
  // Stored encrypted, not in clear.
  expect(await readFile(harness.services.keyStore.path, 'utf8')).not.toContain(key);
});

test('blobs round-trip bytes and Chinese names through the real blob store', async ({
  page,
  harness,
}) => {
  const result = await page.evaluate(async () => {
    const { blobs } = (globalThis as AppGlobal).fieldbook;
    const bytes = new Uint8Array(256 * 1024).map((_, i) => (i * 7) & 0xff);
    const ref = await blobs.put({ bytes, name: '现场照片 1.jpg', mimeType: 'image/jpeg' });
    const back = await blobs.get(ref.sha256);
    return {
      ref,
      has: await blobs.has(ref.sha256),
      same: back !== null && back.length === bytes.length && back.every((b, i) => b === bytes[i]),
      missing: await blobs.get('0'.repeat(64)),
      hasMissing: await blobs.has('0'.repeat(64)),
    };
  });
  expect(result.ref).toMatchObject({
    name: '现场照片 1.jpg',
    mimeType: 'image/jpeg',
    size: 262144,
  });
  expect(result).toMatchObject({ has: true, same: true, missing: null, hasMissing: false });
  const onDisk = await harness.services.blobs.get(result.ref.sha256);
  expect(onDisk?.byteLength).toBe(262144);
});

test('invalid payloads are rejected with the validators’ messages', async ({ page }) => {
  const errors = await page.evaluate(async () => {
    const { blobs } = (globalThis as AppGlobal).fieldbook;
    const messageOf = (p: Promise<unknown>) =>
      p.then(
        () => 'resolved',
        (e: unknown) => (e instanceof Error ? e.message : String(e)),
      );
    return [
      await messageOf(blobs.get('../keystore/database-key.json')),
      await messageOf(blobs.has('ABC')),
      await messageOf(blobs.put({ bytes: new Uint8Array(1), name: '../x', mimeType: 'a/b' })),
      await messageOf(blobs.put({ bytes: new Uint8Array(1), name: 'x', mimeType: 'nope' })),
    ];
  });
  expect(errors[0]).toMatch(/^sha256 must be a SHA-256 digest/);
  expect(errors[1]).toMatch(/^sha256 must be a SHA-256 digest/);
  expect(errors[2]).toBe('name must be a file name without path separators');
  expect(errors[3]).toMatch(/^mimeType must look like "type\/subtype"/);
});

test('only the app page may call the desktop API', async ({ request, appUrl }) => {
  const foreign = await request.post(`${appUrl}__desktop/keystore:get-database-key`, {
    data: [],
    headers: { origin: 'http://evil.example' },
  });
  expect(foreign.status()).toBe(403);
  const unknown = await request.post(`${appUrl}__desktop/shell:open-external`, {
    data: [],
    headers: { origin: appUrl.replace(/\/$/, '') },
  });
  expect(unknown.status()).toBe(404);
});

test('the CSP blocks inline scripts', async ({ page }) => {
  await expect(page.addScriptTag({ content: 'globalThis.__inlineRan = true;' })).rejects.toThrow();
  expect(await page.evaluate(() => (globalThis as AppGlobal).__inlineRan ?? false)).toBe(false);
});
