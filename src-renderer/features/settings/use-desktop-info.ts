import { useEffect, useState } from 'react';

/** A value read once from the desktop API: loading, read, or the reason it could not be. */
export type DesktopInfo<T> =
  { phase: 'loading' } | { phase: 'ok'; info: T } | { phase: 'failed'; error: string };

/** Reads `read()` once when the component mounts (a throw or a rejection becomes `failed`). */
export function useDesktopInfo<T>(read: () => Promise<T>): DesktopInfo<T> {
  const [state, setState] = useState<DesktopInfo<T>>({ phase: 'loading' });
  useEffect(() => {
    let cancelled = false;
    Promise.resolve()
      .then(read)
      .then(
        (info) => !cancelled && setState({ phase: 'ok', info }),
        (err: unknown) =>
          !cancelled &&
          setState({ phase: 'failed', error: err instanceof Error ? err.message : String(err) }),
      );
    return () => {
      cancelled = true;
    };
    // Read once per mount: callers pass an inline function.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return state;
}
