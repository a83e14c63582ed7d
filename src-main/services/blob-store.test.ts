import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BlobCorruptError, BlobStore, sha256Hex } from './blob-store';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fieldbook-blobs-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function listFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(root.length + 1))
    .sort();
}

describe('BlobStore', () => {
  it('stores bytes under dir/ab/cd/<sha256> and reads them back', async () => {
    const store = new BlobStore(dir);
    const bytes = new TextEncoder().encode('kubectl get nodes\nnode-1 Ready\n');
    const ref = await store.put(bytes, 'output.txt', 'text/plain');
    const expected = sha256Hex(bytes);
    expect(ref).toEqual({ sha256: expected, name: 'output.txt', mimeType: 'text/plain', size: 31 });
    expect(await listFiles(dir)).toEqual([
      join(expected.slice(0, 2), expected.slice(2, 4), expected),
    ]);
    expect(await store.has(expected)).toBe(true);
    expect(Buffer.from((await store.get(expected))!)).toEqual(Buffer.from(bytes));
  });

  it('matches the well-known SHA-256 of "abc"', async () => {
    const ref = await new BlobStore(dir).put(Buffer.from('abc'), 'abc.txt', 'text/plain');
    expect(ref.sha256).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('deduplicates identical bytes stored under different names', async () => {
    const store = new BlobStore(dir);
    const bytes = randomBytes(4096);
    const a = await store.put(bytes, 'a.jpg', 'image/jpeg');
    const before = await stat(store.pathOf(a.sha256));
    const b = await store.put(bytes, '现场照片.jpg', 'image/jpeg');
    expect(b.sha256).toBe(a.sha256);
    expect(b.name).toBe('现场照片.jpg');
    expect(await listFiles(dir)).toHaveLength(1);
    // The existing file was left alone, not rewritten.
    expect((await stat(store.pathOf(a.sha256))).ino).toBe(before.ino);
  });

  it('stores an empty blob', async () => {
    const store = new BlobStore(dir);
    const ref = await store.put(new Uint8Array(0), 'empty', 'application/octet-stream');
    expect(ref.size).toBe(0);
    expect((await store.get(ref.sha256))?.byteLength).toBe(0);
  });

  it('returns null / false for unknown digests', async () => {
    const store = new BlobStore(dir);
    expect(await store.get('0'.repeat(64))).toBeNull();
    expect(await store.has('0'.repeat(64))).toBe(false);
  });

  it('refuses digests that are not 64 lowercase hex characters (they become paths)', async () => {
    const store = new BlobStore(dir);
    await expect(store.get('../../etc/passwd')).rejects.toThrow(/SHA-256 digest/);
    await expect(store.has('A'.repeat(64))).rejects.toThrow(/SHA-256 digest/);
  });

  it('validates name, media type and size on put', async () => {
    const store = new BlobStore(dir);
    await expect(store.put(new Uint8Array(1), 'a/b', 'text/plain')).rejects.toThrow(/separators/);
    await expect(store.put(new Uint8Array(1), 'a', 'text')).rejects.toThrow(/mimeType/);
    await expect(
      store.put(new Uint8Array(50 * 1024 * 1024 + 1), 'big.bin', 'application/octet-stream'),
    ).rejects.toThrow(/at most/);
    expect(await listFiles(dir)).toEqual([]);
  });

  it('reports a blob whose bytes changed on disk instead of returning them', async () => {
    const store = new BlobStore(dir);
    const ref = await store.put(Buffer.from('evidence'), 'e.txt', 'text/plain');
    await writeFile(store.pathOf(ref.sha256), 'tampered');
    await expect(store.get(ref.sha256)).rejects.toBeInstanceOf(BlobCorruptError);
  });

  it('repairs a corrupt copy when the same bytes are put again', async () => {
    const store = new BlobStore(dir);
    const bytes = Buffer.from('evidence');
    const ref = await store.put(bytes, 'e.txt', 'text/plain');
    await writeFile(store.pathOf(ref.sha256), 'evidenc');
    await store.put(bytes, 'e.txt', 'text/plain');
    expect(Buffer.from((await store.get(ref.sha256))!).toString()).toBe('evidence');
  });

  it('removes stale temporary files left by killed writes, keeps recent ones', async () => {
    const tmp = join(dir, '.tmp');
    await rm(tmp, { recursive: true, force: true });
    const store = new BlobStore(dir);
    await store.put(Buffer.from('x'), 'x', 'text/plain');
    const stale = join(tmp, 'old.part');
    const fresh = join(tmp, 'new.part');
    await writeFile(stale, 'partial');
    await writeFile(fresh, 'in progress');
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    await utimes(stale, twoHoursAgo, twoHoursAgo);
    await new BlobStore(dir).put(Buffer.from('y'), 'y', 'text/plain');
    expect(await readdir(tmp)).toEqual(['new.part']);
  });

  // A child process stores a blob and is SIGKILLed at a chosen point of the write; the store must
  // then hold either nothing or the complete blob under the final name, never a partial file.
  for (const killAt of ['writeFile', 'sync'] as const) {
    it(`never leaves a partial blob when the process is killed during ${killAt}`, async () => {
      const bytes = randomBytes(8 * 1024 * 1024);
      const sha = sha256Hex(bytes);
      const input = join(dir, '..', `${sha}.input`);
      await writeFile(input, bytes);
      const storeDir = join(dir, 'store');
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', '--input-type=module', '-e', childScript(killAt)],
        {
          cwd: process.cwd(),
          env: {
            ...process.env,
            BLOB_MODULE: join(import.meta.dirname, 'blob-store.ts'),
            STORE_DIR: storeDir,
            INPUT: input,
          },
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      );
      const exited = new Promise<NodeJS.Signals | null>((resolve) =>
        child.on('exit', (_code, signal) => resolve(signal)),
      );
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          if (chunk.toString().includes('PAUSED')) resolve();
        });
        child.on('exit', () => reject(new Error('child exited before reaching the kill point')));
      });
      child.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');
      await rm(input, { force: true });

      const store = new BlobStore(storeDir);
      expect(await store.has(sha)).toBe(false);
      expect(await store.get(sha)).toBeNull();
      // The interrupted write is visible only as a temporary file.
      const leftovers = await listFiles(storeDir);
      expect(leftovers).toHaveLength(1);
      expect(leftovers[0]).toMatch(/^\.tmp[/\\][0-9a-f]{24}\.part$/);
      // And the same bytes can be stored afterwards.
      await store.put(bytes, 'again.bin', 'application/octet-stream');
      expect(sha256Hex((await store.get(sha))!)).toBe(sha);
    });
  }
});

/**
 * Runs in the child: wraps FileHandle.writeFile/sync so the write stops at the chosen point
 * (after half the bytes for writeFile, after all the bytes for sync), reports PAUSED and waits.
 */
function childScript(killAt: 'writeFile' | 'sync'): string {
  return `
    import { open, readFile, rm } from 'node:fs/promises';
    import { tmpdir } from 'node:os';
    import { join } from 'node:path';
    const probePath = join(tmpdir(), 'fieldbook-probe-' + process.pid);
    const probe = await open(probePath, 'w');
    const proto = Object.getPrototypeOf(probe);
    await probe.close();
    await rm(probePath);
    // The interval keeps the paused process alive until it is killed.
    const pause = () => { setInterval(() => {}, 1000); process.stdout.write('PAUSED\\n'); return new Promise(() => {}); };
    const originalWrite = proto.writeFile;
    if (${JSON.stringify(killAt)} === 'writeFile') {
      proto.writeFile = async function (bytes) {
        await originalWrite.call(this, bytes.subarray(0, bytes.length >> 1));
        await this.datasync();
        return pause();
      };
    } else {
      proto.sync = function () { return pause(); };
    }
    const { BlobStore } = await import(process.env.BLOB_MODULE);
    const bytes = await readFile(process.env.INPUT);
    await new BlobStore(process.env.STORE_DIR).put(bytes, 'big.bin', 'application/octet-stream');
    process.stdout.write('FINISHED\\n');
  `;
}

describe('sha256Hex', () => {
  it('hashes a view, not its underlying buffer', () => {
    const whole = Buffer.from('xxabcxx');
    expect(sha256Hex(whole.subarray(2, 5))).toBe(sha256Hex(Buffer.from('abc')));
  });

  it('is consistent with readFile of what put wrote', async () => {
    const store = new BlobStore(dir);
    const ref = await store.put(randomBytes(1000), 'r', 'application/octet-stream');
    expect(sha256Hex(await readFile(store.pathOf(ref.sha256)))).toBe(ref.sha256);
  });
});
