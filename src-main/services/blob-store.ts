/**
 * Content-addressed store for the binary evidence attached to log entries (photos, files).
 *
 * Layout: `<dir>/<ab>/<cd>/<sha256>` where `ab`/`cd` are the first two byte pairs of the digest, so
 * no directory grows beyond a few thousand entries. A blob file holds exactly the bytes whose
 * SHA-256 is its name; names and media types live in the documents that reference the blob
 * (`AttachmentRef`), so identical bytes stored under two names are stored once.
 *
 * Durability: bytes go to a temporary file in `<dir>/.tmp`, are fsynced, then renamed into place
 * (and the directory fsynced where the platform allows). A process killed mid-write leaves at most
 * an orphaned temporary file, never a partially written blob under its final name. Reads re-hash
 * the bytes, so disk corruption is reported instead of handed to the user as evidence.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { AttachmentRef } from '../../src-shared/db/types';
import { writeFileAtomic } from './atomic-file';
import { parseBlobBytes, parseBlobName, parseMimeType, parseSha256 } from '../../src-shared/ipc';

const TEMP_DIR = '.tmp';
/** Temporary files older than this are leftovers of a killed write, not a write in progress. */
const STALE_TEMP_MS = 60 * 60 * 1000;

/** A stored blob whose bytes no longer hash to its name. */
export class BlobCorruptError extends Error {
  constructor(readonly sha256: string) {
    super(`Stored blob ${sha256} is corrupt: its content no longer matches its SHA-256`);
    this.name = 'BlobCorruptError';
  }
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function isErrnoCode(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}

export class BlobStore {
  private readonly tempDir: string;
  private tempSwept = false;

  constructor(readonly dir: string) {
    this.tempDir = join(dir, TEMP_DIR);
  }

  /** Where the blob with this digest lives (whether or not it exists). */
  pathOf(sha256: string): string {
    // The digest becomes a path: only ever build it from a validated 64-hex string.
    const hash = parseSha256(sha256);
    return join(this.dir, hash.slice(0, 2), hash.slice(2, 4), hash);
  }

  /**
   * Stores `bytes` and returns a reference to them. Storing bytes that are already present writes
   * nothing, unless the present copy is corrupt, in which case it is replaced by the good bytes.
   */
  async put(bytes: Uint8Array, name: string, mimeType: string): Promise<AttachmentRef> {
    const content = parseBlobBytes(bytes);
    const ref: AttachmentRef = {
      sha256: sha256Hex(content),
      name: parseBlobName(name),
      mimeType: parseMimeType(mimeType),
      size: content.byteLength,
    };
    await this.sweepStaleTempFiles();
    const target = this.pathOf(ref.sha256);
    if (await this.isIntact(target, ref.sha256)) return ref;
    await mkdir(join(target, '..'), { recursive: true });
    await writeFileAtomic(target, content, this.tempDir, 0o644);
    return ref;
  }

  /** The blob's bytes, `null` if absent; throws `BlobCorruptError` if they fail verification. */
  async get(sha256: string): Promise<Uint8Array | null> {
    const path = this.pathOf(sha256);
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch (error) {
      if (isErrnoCode(error, 'ENOENT')) return null;
      throw error;
    }
    if (sha256Hex(bytes) !== sha256) throw new BlobCorruptError(sha256);
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** Whether a blob with this digest is stored (existence only; `get` verifies the content). */
  async has(sha256: string): Promise<boolean> {
    try {
      return (await stat(this.pathOf(sha256))).isFile();
    } catch (error) {
      if (isErrnoCode(error, 'ENOENT')) return false;
      throw error;
    }
  }

  /** Digests of every stored blob (the `xx/yy/<sha256>` files; temporary files are not blobs). */
  async list(): Promise<string[]> {
    const out: string[] = [];
    const names = async (dir: string): Promise<string[]> => {
      try {
        return await readdir(dir);
      } catch (error) {
        if (isErrnoCode(error, 'ENOENT') || isErrnoCode(error, 'ENOTDIR')) return [];
        throw error;
      }
    };
    for (const a of await names(this.dir)) {
      if (!/^[0-9a-f]{2}$/.test(a)) continue;
      for (const b of await names(join(this.dir, a))) {
        if (!/^[0-9a-f]{2}$/.test(b)) continue;
        for (const name of await names(join(this.dir, a, b))) {
          if (/^[0-9a-f]{64}$/.test(name) && name.startsWith(a + b)) out.push(name);
        }
      }
    }
    return out;
  }

  private async isIntact(path: string, sha256: string): Promise<boolean> {
    try {
      return sha256Hex(await readFile(path)) === sha256;
    } catch (error) {
      if (isErrnoCode(error, 'ENOENT')) return false;
      throw error;
    }
  }

  /** Removes temporary files left by writes that were killed, once per store instance. */
  private async sweepStaleTempFiles(): Promise<void> {
    if (this.tempSwept) return;
    this.tempSwept = true;
    let names: string[];
    try {
      names = await readdir(this.tempDir);
    } catch (error) {
      if (isErrnoCode(error, 'ENOENT')) return;
      throw error;
    }
    const now = Date.now();
    for (const name of names) {
      const path = join(this.tempDir, name);
      try {
        if (now - (await stat(path)).mtimeMs > STALE_TEMP_MS) await rm(path, { force: true });
      } catch {
        // Another sweep or write removed it meanwhile: nothing to clean.
      }
    }
  }
}
