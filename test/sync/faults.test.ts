/**
 * Faults: connections cut in the middle of a pull and of a push, and the server process killed
 * (SIGKILL) in the middle of a large push and restarted. After recovery and the client's retry,
 * every document is on the server exactly once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PushRow, WireDocument } from '../../src-shared/sync';
import { PULL_PAGE_BYTES_MAX, routes } from '../../src-shared/sync';
import { SyncClient } from './client';
import { creates, logEntry, site, testId } from './docs';
import { freshDataDir } from './harness';
import { startTestPostgres, type TestPostgres } from './pg';
import { STORES, startWorld, type World } from './setup';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Sends raw bytes over a fresh TCP connection and cuts it after `readBytes` of the response. */
function rawExchange(
  base: string,
  head: string,
  body: Buffer,
  options: { sendBytes: number; readBytes: number },
): Promise<number> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let received = 0;
    socket.on('error', () => resolve(received));
    socket.on('connect', () => {
      socket.write(head);
      socket.write(body.subarray(0, options.sendBytes), () => {
        if (options.readBytes === 0) {
          socket.destroy();
          resolve(0);
        }
      });
    });
    socket.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received >= options.readBytes) {
        socket.destroy();
        resolve(received);
      }
    });
    socket.on('close', () => resolve(received));
    setTimeout(() => reject(new Error('raw exchange timed out')), 15_000).unref();
  });
}

function idsOnce(docs: WireDocument[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const d of docs) counts.set(d.id, (counts.get(d.id) ?? 0) + 1);
  return counts;
}

describe.each(STORES)('cut connections on %s', (kind) => {
  let w: World;

  beforeAll(async () => {
    w = await startWorld(kind);
  }, 180_000);

  afterAll(async () => {
    await w?.close();
  });

  const pushHead = (length: number, token: string) =>
    `POST ${routes.push('sites')} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\n` +
    `Content-Type: application/json\r\nContent-Length: ${length}\r\nConnection: close\r\n\r\n`;

  it('a push cut in the middle of its body writes nothing; the retry writes everything once', async () => {
    const rows = creates(Array.from({ length: 200 }, () => site(w.c1)));
    const body = Buffer.from(JSON.stringify(rows));
    await rawExchange(w.ts.url, pushHead(body.length, w.eng1.token), body, {
      sendBytes: Math.floor(body.length / 2),
      readBytes: 0,
    });
    await new Promise((r) => setTimeout(r, 300));
    const before = await w.eng1.pullAll('sites', null, 1000);
    const pushedIds = new Set(rows.map((r) => r.newDocumentState.id));
    expect(before.documents.filter((d) => pushedIds.has(d.id))).toEqual([]);

    expect(await w.eng1.push('sites', rows)).toEqual([]);
    const after = await w.eng1.pullAll('sites', null, 1000);
    const counts = idsOnce(after.documents.filter((d) => pushedIds.has(d.id)));
    expect(counts.size).toBe(200);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
  });

  it('a push whose response is lost is retried without duplicates or conflicts', async () => {
    const rows = creates(Array.from({ length: 100 }, () => site(w.c1)));
    const body = Buffer.from(JSON.stringify(rows));
    // The whole request goes out; the connection is cut before any response byte is read.
    await rawExchange(w.ts.url, pushHead(body.length, w.eng1.token), body, {
      sendBytes: body.length,
      readBytes: 0,
    });
    await new Promise((r) => setTimeout(r, 500));
    expect(await w.eng1.push('sites', rows)).toEqual([]);
    const pushedIds = new Set(rows.map((r) => r.newDocumentState.id));
    const all = await w.admin.pullAll('sites', null, 1000);
    const counts = idsOnce(all.documents.filter((d) => pushedIds.has(d.id)));
    expect(counts.size).toBe(100);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
  });

  it('a pull cut mid-response is simply pulled again from the same checkpoint', async () => {
    const docs = Array.from({ length: 300 }, () => site(w.c1, { notes: 'n'.repeat(500) }));
    const start = await w.eng1.pullAll('sites', null, 1000);
    await w.eng1.push('sites', creates(docs));
    const head =
      `GET ${routes.pull('sites', start.checkpoint, 1000)} HTTP/1.1\r\nHost: x\r\n` +
      `Authorization: Bearer ${w.eng1.token}\r\nConnection: close\r\n\r\n`;
    const got = await rawExchange(w.ts.url, head, Buffer.alloc(0), {
      sendBytes: 0,
      readBytes: 4000,
    });
    expect(got).toBeGreaterThan(0);
    const again = await w.eng1.pullAll('sites', start.checkpoint, 100);
    expect(again.documents.map((d) => d.id)).toEqual(docs.map((d) => d.id));
    expect((await fetch(w.ts.url + routes.health())).status).toBe(200);
  });

  it('a pull page cut by size says more follows; its checkpoint leads to every document once', async () => {
    // 24 entries of ~250 KB command output: ~6 MB, over the page byte cap of 4 MiB.
    const visitId = testId('V');
    const big = Array.from({ length: 24 }, (_, i) =>
      logEntry(w.c1, visitId, {
        kind: 'command',
        command: 'dmesg',
        output: `${i}`.padEnd(250_000, 'x'),
      }),
    );
    const start = await w.eng1.pullAll('visitLogEntries', null, 1000);
    for (let i = 0; i < big.length; i += 8) {
      await w.eng1.push('visitLogEntries', creates(big.slice(i, i + 8)));
    }
    const first = await w.eng1.pull('visitLogEntries', start.checkpoint, 1000);
    expect(first.documents.length).toBeGreaterThan(0);
    expect(first.documents.length).toBeLessThan(big.length);
    const firstBytes = Buffer.byteLength(JSON.stringify(first.documents));
    expect(firstBytes).toBeLessThanOrEqual(PULL_PAGE_BYTES_MAX + 4096);
    expect(first.more).toBe(true);

    // Followed by `more` (not by the page being short), every document arrives once, in order.
    const pages = [first];
    while (pages.at(-1)!.more) {
      pages.push(await w.eng1.pull('visitLogEntries', pages.at(-1)!.checkpoint, 1000));
    }
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.flatMap((p) => p.documents.map((d) => d.id))).toEqual(big.map((d) => d.id));
    // The last page ends the feed: nothing more after its checkpoint.
    const after = await w.eng1.pull('visitLogEntries', pages.at(-1)!.checkpoint, 1000);
    expect(after).toMatchObject({ documents: [], more: false });
  });
});

async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => resolve(typeof addr === 'object' && addr ? addr.port : 0));
    });
  });
}

interface Child {
  proc: ChildProcess;
  url: string;
  stderr: string;
}

/** `fieldbook server` as a real child process; resolves once it listens. */
async function spawnServer(args: string[]): Promise<Child> {
  const port = await freePort();
  const proc = spawn(
    process.execPath,
    ['bin/fieldbook.mjs', 'server', '--port', String(port), ...args],
    { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const child: Child = { proc, url: `http://127.0.0.1:${port}`, stderr: '' };
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`server did not start: ${child.stderr}`)),
      90_000,
    );
    proc.stderr?.on('data', (chunk: Buffer) => {
      child.stderr += chunk.toString();
      if (child.stderr.includes('listening on')) {
        clearTimeout(timer);
        resolve();
      }
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}: ${child.stderr}`));
    });
  });
  return child;
}

function killed(proc: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (proc.exitCode !== null || proc.signalCode !== null) resolve();
    else proc.once('exit', () => resolve());
  });
}

describe.each(STORES)('server killed (SIGKILL) in the middle of a large push on %s', (kind) => {
  let pg: TestPostgres | null = null;
  let storeArgs: string[] = [];
  let current: Child | null = null;

  beforeAll(async () => {
    const dataDir = await freshDataDir(kind);
    storeArgs = ['--data', dataDir];
    if (kind === 'postgres') {
      pg = await startTestPostgres();
      storeArgs.push('--database-url', await pg.createDatabase());
    }
  }, 120_000);

  afterAll(async () => {
    current?.proc.kill('SIGKILL');
    await pg?.stop();
  });

  it('after restart and the retry, every document is present exactly once', async () => {
    current = await spawnServer(storeArgs);
    const password = /password: (\S+)/.exec(current.stderr)?.[1];
    expect(password).toBeTruthy();
    let client = await SyncClient.login(current.url, 'admin', password ?? '');

    const customerId = 'KILLTEST';
    const batches: PushRow[][] = Array.from({ length: 6 }, () =>
      creates(Array.from({ length: 400 }, () => site(customerId, { notes: 'x'.repeat(300) }))),
    );
    for (const batch of batches.slice(0, 3)) expect(await client.push('sites', batch)).toEqual([]);

    // Batch 4 is in flight when the process dies.
    const inFlight = client.pushRaw('sites', batches[3]).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 40));
    current.proc.kill('SIGKILL');
    await killed(current.proc);
    await inFlight;

    current = await spawnServer(storeArgs);
    client = await SyncClient.login(current.url, 'admin', password ?? '');
    // Acknowledged batches survived; the interrupted one is all there or not there at all.
    const recovered = new Set(
      (await client.pullAll('sites', null, 1000)).documents.map((d) => d.id),
    );
    for (const row of batches.slice(0, 3).flat()) {
      expect(recovered.has(row.newDocumentState.id)).toBe(true);
    }
    const ofInFlight = (batches[3] ?? []).filter((r) => recovered.has(r.newDocumentState.id));
    expect([0, 400]).toContain(ofInFlight.length);
    // The client never got an answer for batch 4, so it sends it again, then the rest.
    for (const batch of batches.slice(3)) expect(await client.push('sites', batch)).toEqual([]);

    const all = await client.pullAll('sites', null, 1000);
    const counts = idsOnce(all.documents);
    const expected = batches.flat().map((r) => r.newDocumentState.id);
    expect(counts.size).toBe(expected.length);
    expect(expected.every((id) => counts.get(id) === 1)).toBe(true);
    expect(all.documents.length).toBe(expected.length);

    current.proc.kill('SIGTERM');
    await killed(current.proc);
    expect(current.proc.exitCode).toBe(0);
    current = null;
  }, 240_000);
});
