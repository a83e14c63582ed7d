/**
 * Crash-safe file replacement for the small and large files the main services own.
 */
import { randomBytes } from 'node:crypto';
import { constants as fsConstants } from 'node:fs';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * Makes a rename durable on POSIX. Windows cannot open a directory for fsync (EPERM/EISDIR) and
 * NTFS journals the rename itself, so failures here are not errors.
 */
async function fsyncDirectory(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, fsConstants.O_RDONLY);
    await handle.sync();
  } catch {
    // See above: best effort by design.
  } finally {
    await handle?.close();
  }
}

/**
 * Writes `bytes` to `target` atomically: temporary file in `tempDir` (same file system), fsync,
 * rename over the target, fsync the target's directory.
 */
export async function writeFileAtomic(
  target: string,
  bytes: Uint8Array,
  tempDir: string,
  mode = 0o600,
): Promise<void> {
  await mkdir(tempDir, { recursive: true });
  const temp = join(tempDir, `${randomBytes(12).toString('hex')}.part`);
  const handle = await open(temp, 'wx', mode);
  try {
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await fsyncDirectory(dirname(target));
}

/**
 * Writes `value` as indented JSON to `target` atomically, creating its folder; temporary files go
 * to `<folder>/.tmp` (same file system). Mode 0600 by default: these files hold secrets.
 */
export async function writeJsonFileAtomic(
  target: string,
  value: unknown,
  mode = 0o600,
): Promise<void> {
  const dir = dirname(target);
  await mkdir(dir, { recursive: true });
  await writeFileAtomic(
    target,
    Buffer.from(`${JSON.stringify(value, null, 2)}\n`),
    join(dir, '.tmp'),
    mode,
  );
}

/** The file's text, or `null` when it does not exist; any other read error is thrown. */
export async function readTextIfExists(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
