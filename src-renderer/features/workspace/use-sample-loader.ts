import { markSampleWorkspaceLoaded } from './first-run';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useDatabase } from '../../db/database-context';
import {
  WorkspaceNotEmptyError,
  isWorkspaceEmpty,
  loadSampleWorkspace,
} from '../../db/sample-workspace-loader';

export type SampleLoaderState =
  | { phase: 'idle' }
  | { phase: 'loading'; done: number; total: number }
  | { phase: 'done'; total: number }
  | { phase: 'not-empty' }
  | { phase: 'failed'; error: string };

/** Runs `loadSampleWorkspace` with progress for the UI; a second call while loading is ignored. */
export function useSampleLoader(): { state: SampleLoaderState; load: () => Promise<boolean> } {
  const db = useDatabase();
  const [state, setState] = useState<SampleLoaderState>({ phase: 'idle' });
  const running = useRef(false);
  const mounted = useRef(true);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const load = useCallback(async () => {
    if (running.current) return false;
    running.current = true;
    const set = (s: SampleLoaderState) => mounted.current && setState(s);
    set({ phase: 'loading', done: 0, total: 0 });
    try {
      const total = await loadSampleWorkspace(db, new Date(), (done, all) =>
        set({ phase: 'loading', done, total: all }),
      );
      markSampleWorkspaceLoaded();
      set({ phase: 'done', total });
      return true;
    } catch (err) {
      if (err instanceof WorkspaceNotEmptyError) set({ phase: 'not-empty' });
      else set({ phase: 'failed', error: err instanceof Error ? err.message : String(err) });
      return false;
    } finally {
      running.current = false;
    }
  }, [db]);

  return { state, load };
}

/** Whether the workspace is empty, checked once per mount (null while checking). */
export function useWorkspaceEmpty(refreshKey?: unknown): boolean | null {
  const db = useDatabase();
  const [empty, setEmpty] = useState<boolean | null>(null);
  useEffect(() => {
    let cancelled = false;
    isWorkspaceEmpty(db).then(
      (value) => !cancelled && setEmpty(value),
      // An unreadable store is reported by the screens that query it; here it counts as not empty
      // so nothing offers to load a sample over data that may exist.
      () => !cancelled && setEmpty(false),
    );
    return () => {
      cancelled = true;
    };
  }, [db, refreshKey]);
  return empty;
}
