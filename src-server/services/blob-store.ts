import { createHash, randomUUID } from 'node:crypto';
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { HttpError } from './errors';

/**
 * Content-addressed files under `<root>/<aa>/<sha256>`. A blob is written to a temporary file
 * while its SHA-256 is computed and only renamed into place when the hash matches the name it
 * was uploaded under, so a stored blob is always complete and correct. Several server instances
 * share blobs by sharing this folder.
 */
export class BlobStore {
  private readonly tmpDir: string;

  constructor(
    readonly root: string,
    readonly maxBytes: number,
    /** A temporary file untouched for this long belongs to a crashed upload, ms. */
    staleTmpMs = 60 * 60_000,
  ) {
    this.tmpDir = join(root, 'tmp');
    mkdirSync(this.tmpDir, { recursive: true });
    this.sweepTemporaryFiles(staleTmpMs);
  }

  /**
   * Removes partial uploads left by a crash (an aborted upload removes its own file). Only files
   * older than `staleMs`: other instances sharing the folder may be writing younger ones.
   */
  sweepTemporaryFiles(staleMs: number, now = Date.now()): number {
    let removed = 0;
    for (const name of readdirSync(this.tmpDir)) {
      if (!name.endsWith('.part')) continue;
      const file = join(this.tmpDir, name);
      try {
        if (now - statSync(file).mtimeMs < staleMs) continue;
        rmSync(file, { force: true });
        removed += 1;
      } catch {
        // Gone meanwhile (its upload finished): nothing to sweep.
      }
    }
    return removed;
  }

  pathOf(sha256: string): string {
    return join(this.root, sha256.slice(0, 2), sha256);
  }

  has(sha256: string): boolean {
    return existsSync(this.pathOf(sha256));
  }

  size(sha256: string): number {
    return statSync(this.pathOf(sha256)).size;
  }

  open(sha256: string): Readable {
    return createReadStream(this.pathOf(sha256));
  }

  /** Stores `body` as `sha256`; 422 when the content hashes differently, 413 when too large. */
  async put(sha256: string, body: Readable): Promise<{ size: number; created: boolean }> {
    const tmp = join(this.tmpDir, `${randomUUID()}.part`);
    const hash = createHash('sha256');
    let size = 0;
    const max = this.maxBytes;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        if (size > max) {
          done(new HttpError(413, 'payload_too_large', `A blob is at most ${max} bytes.`));
          return;
        }
        hash.update(chunk);
        done(null, chunk);
      },
    });
    try {
      await pipeline(body, meter, createWriteStream(tmp, { flags: 'wx' }));
      const actual = hash.digest('hex');
      if (actual !== sha256) {
        throw new HttpError(
          422,
          'hash_mismatch',
          `The content's SHA-256 is ${actual}, not ${sha256}; the blob was not stored.`,
        );
      }
      // On disk before it is visible under its name: a crash never leaves a short blob behind.
      const fh = await open(tmp, 'r+');
      await fh.sync().finally(() => fh.close());
      const target = this.pathOf(sha256);
      if (existsSync(target)) {
        rmSync(tmp, { force: true });
        return { size, created: false };
      }
      mkdirSync(join(this.root, sha256.slice(0, 2)), { recursive: true });
      renameSync(tmp, target);
      return { size, created: true };
    } finally {
      rmSync(tmp, { force: true });
    }
  }
}
