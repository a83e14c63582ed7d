/**
 * Reads a blob from the local store, and when it is not there asks the main process to fetch it
 * from the sync server first (attachments recorded on another laptop arrive with their log
 * entry, their bytes only on demand). Signed out or offline, a missing blob stays missing.
 */
import { desktop } from '../app/desktop';

export async function readBlob(sha256: string): Promise<Uint8Array | null> {
  const api = desktop();
  const local = await api.blobs.get(sha256);
  if (local !== null) return local;
  const downloaded = await api.sync.downloadBlob(sha256);
  if (!downloaded.ok || !downloaded.value) return null;
  return api.blobs.get(sha256);
}
