import { useEffect, useState, useSyncExternalStore } from 'react';
import { useDatabase } from '../../db/database-context';
import { LiveSearchIndex } from './live-search-index';
import type { LiveSearchState } from './live-search-index';

const IDLE: LiveSearchState = { ready: false, size: 0 };

/**
 * The live search index of the open database: created once per database (not per palette
 * opening, not per keystroke) and stopped when the database goes away.
 */
export function useLiveSearchIndex(): { index: LiveSearchIndex | null; state: LiveSearchState } {
  const db = useDatabase();
  const [index, setIndex] = useState<LiveSearchIndex | null>(null);
  useEffect(() => {
    const live = new LiveSearchIndex(db);
    live.start();
    setIndex(live);
    return () => {
      live.stop();
      setIndex(null);
    };
  }, [db]);
  const state = useSyncExternalStore(
    (listener) => (index === null ? () => undefined : index.subscribe(listener)),
    () => (index === null ? IDLE : index.getState()),
  );
  return { index, state };
}
