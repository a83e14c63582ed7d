import { useEffect, useState } from 'react';
import { readBlob } from '../../db/blob-fetch';

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
    readBlob(sha256)
      .then((bytes) => {
        if (cancelled) return;
        if (bytes === null) {
          setState({ key, value: { status: 'missing' } });
          return;
        }
        // Copy into a plain ArrayBuffer: a view over a shared/transferred buffer is not a BlobPart.
        url = URL.createObjectURL(new Blob([new Uint8Array(bytes)], { type: mimeType }));
        setState({ key, value: { status: 'ready', url } });
      })
      .catch((err: unknown) => {
        if (!cancelled) setState({ key, value: { status: 'error', message: String(err) } });
      });
    return () => {
      cancelled = true;
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
