import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorResponse } from '../../src-shared/sync';
import { routes } from '../../src-shared/sync';
import { request } from './client';
import { creates, logEntry } from './docs';
import { startWorld, type World } from './setup';

function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

describe('content-addressed blobs', () => {
  let w: World;
  const blobDir = () => join(w.ts.dataDir, 'blobs');

  beforeAll(async () => {
    w = await startWorld('pglite', { blobLimitBytes: 64 * 1024 });
  }, 120_000);

  afterAll(async () => {
    await w?.close();
  });

  const put = (token: string, sha: string, body: Uint8Array) =>
    request<ErrorResponse | { sha256: string; size: number }>(w.ts.url, routes.blob(sha), {
      method: 'PUT',
      token,
      headers: { 'content-type': 'application/octet-stream' },
      body: new Uint8Array(body),
    });

  /** A log entry of eng1's customer that references `sha` as a photo. */
  async function referenceAsPhoto(sha: string, size: number): Promise<void> {
    const entry = logEntry(w.c1, 'V1', {
      kind: 'photo',
      attachments: [{ sha256: sha, name: 'rack.jpg', mimeType: 'image/jpeg', size }],
    });
    expect(await w.eng1.push('visitLogEntries', creates([entry]))).toEqual([]);
  }

  it('stores a blob whose content matches its SHA-256 and serves it to the owner', async () => {
    const bytes = randomBytes(5000);
    const sha = sha256(bytes);
    await referenceAsPhoto(sha, bytes.length);
    const res = await put(w.eng1.token, sha, bytes);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ sha256: sha, size: 5000 });
    // Uploading again is harmless.
    expect((await put(w.eng1.token, sha, bytes)).status).toBe(200);

    const got = await fetch(w.ts.url + routes.blob(sha), {
      headers: { authorization: `Bearer ${w.eng1.token}` },
    });
    expect(got.status).toBe(200);
    expect(Buffer.from(await got.arrayBuffer()).equals(bytes)).toBe(true);
    // The lead of eng1 and the admin may read it too.
    for (const token of [w.lead.token, w.admin.token]) {
      const r = await fetch(w.ts.url + routes.blob(sha), {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(r.status).toBe(200);
      await r.arrayBuffer();
    }
  });

  it('rejects content that does not hash to the name, and stores nothing', async () => {
    const bytes = randomBytes(3000);
    const claimed = sha256(randomBytes(10));
    await referenceAsPhoto(claimed, bytes.length);
    const res = await put(w.eng1.token, claimed, bytes);
    expect(res.status).toBe(422);
    expect((res.body as ErrorResponse).code).toBe('hash_mismatch');
    expect(existsSync(join(blobDir(), claimed.slice(0, 2), claimed))).toBe(false);
    expect(readdirSync(join(blobDir(), 'tmp'))).toEqual([]);
    const get = await request(w.ts.url, routes.blob(claimed), { token: w.eng1.token });
    expect(get.status).toBe(404);
  });

  it('is scoped like the documents that reference it: another engineer gets 403', async () => {
    const bytes = randomBytes(1000);
    const sha = sha256(bytes);
    await referenceAsPhoto(sha, bytes.length);
    expect((await put(w.eng1.token, sha, bytes)).status).toBe(201);
    const other = await request<ErrorResponse>(w.ts.url, routes.blob(sha), {
      token: w.eng2.token,
    });
    expect(other.status).toBe(403);
    // Nor may they upload blobs that no document of theirs references.
    const stray = randomBytes(100);
    expect((await put(w.eng2.token, sha256(stray), stray)).status).toBe(403);
    const anonymous = await request(w.ts.url, routes.blob(sha));
    expect(anonymous.status).toBe(401);
  });

  it('refuses a blob over the size limit with 413 and a malformed name with 400', async () => {
    const bytes = randomBytes(70 * 1024);
    const sha = sha256(bytes);
    await referenceAsPhoto(sha, bytes.length);
    const res = await put(w.eng1.token, sha, bytes);
    expect(res.status).toBe(413);
    expect(existsSync(join(blobDir(), sha.slice(0, 2), sha))).toBe(false);
    const bad = await put(w.eng1.token, 'not-a-hash', bytes.subarray(0, 10));
    expect(bad.status).toBe(400);
  });

  it('deleting the referencing document withdraws access to its blob', async () => {
    const bytes = randomBytes(200);
    const sha = sha256(bytes);
    const entry = logEntry(w.c1, 'V1', {
      kind: 'file',
      attachments: [{ sha256: sha, name: 'out.txt', mimeType: 'text/plain', size: 200 }],
    });
    await w.eng1.push('visitLogEntries', creates([entry]));
    expect((await put(w.eng1.token, sha, bytes)).status).toBe(201);
    await w.eng1.push('visitLogEntries', [
      { assumedMasterState: entry, newDocumentState: { ...entry, _deleted: true } },
    ]);
    const res = await request(w.ts.url, routes.blob(sha), { token: w.eng1.token });
    expect(res.status).toBe(403);
  });
});
