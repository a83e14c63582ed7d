import { useEffect, useState } from 'react';
import { readBlob } from '../../db/blob-fetch';

/** Looks for a missing blob again after 2, 4, 8 … s, six times (about two minutes). */
const BLOB_RETRIES = 6;
const BLOB_RETRY_MS = 2000;

export type BlobUrlState =
  | { status: 'loading' }
  | { status: 'missing' }
  | { status: 'error'; message: string }
  | { status: 'ready'; url: string };

/**
 * An object URL for a stored blob, read through the desktop API (downloaded from the sync server
 * when this laptop does not have it yet); revoked when the component
 * unmounts or the hash changes, so thumbnails do not leak memory on long logs.
 */
export function useBlobUrl(sha256: string, mimeType: string): BlobUrlState {
  const [state, setState] = useState<{ key: string; value: BlobUrlState }>({
    key: '',
    value: { status: 'loading' },
  });
  const key = `${sha256}:${mimeType}`;

  useEffect(() => {
    let cancelled = false;
    let url: string | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let attempt = 0;
    const read = () => {
      readBlob(sha256)
        .then((bytes) => {
          if (cancelled) return;
          if (bytes === null) {
            setState({ key, value: { status: 'missing' } });
            // An entry synced from another laptop may arrive before its photo is uploaded: look
            // again for a while (the server is asked each time; offline it answers at once).
            if (attempt < BLOB_RETRIES) timer = setTimeout(read, BLOB_RETRY_MS * 2 ** attempt++);
            return;
          }
          // Copy into a plain ArrayBuffer: a view over a shared/transferred buffer is not a BlobPart.
          url = URL.createObjectURL(new Blob([new Uint8Array(bytes)], { type: mimeType }));
          setState({ key, value: { status: 'ready', url } });
        })
        .catch((err: unknown) => {
          if (!cancelled) setState({ key, value: { status: 'error', message: String(err) } });
        });
    };
    read();
    return () => {
      cancelled = true;
      if (timer !== null) clearTimeout(timer);
      if (url !== null) URL.revokeObjectURL(url);
    };
  }, [sha256, mimeType, key]);

  return state.key === key ? state.value : { status: 'loading' };
}

/** Saves a stored blob to the user's disk through the browser's download mechanism. */
export async function downloadBlob(
  sha256: string,
  name: string,
  mimeType: string,
): Promise<boolean> {
  const bytes = await readBlob(sha256);
  if (bytes === null) return false;
  const url = URL.createObjectURL(new Blob([new Uint8Array(bytes)], { type: mimeType }));
  try {
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
  } finally {
    // The click starts the download synchronously; revoke on the next tick to be safe.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
  return true;
}
