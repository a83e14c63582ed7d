import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import type { SyncAccount, SyncSessionState, SyncSignInInput } from '../../src-shared/ipc';
import { desktop } from '../app/desktop';
import { useDatabase } from './database-context';
import { createPendingTracker } from './pending-tracker';
import type { PendingTracker } from './pending-tracker';
import { startReplication } from './replication';
import type { ReplicationStatus } from './replication';
import { SyncContext } from './sync-context';
import type { SyncState } from './sync-context';

export { useSync } from './sync-context';

const LAST_SYNC_KEY = 'fieldbook.sync.lastSyncedAt';
const INITIAL_DONE_KEY = 'fieldbook.sync.initialDone';

function accountKey(account: SyncAccount): string {
  return `${account.user.id}@${account.serverUrl}`;
}

function readJson<T>(key: string, fallback: T): T {
  try {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : fallback;
  } catch {
    return fallback;
  }
}

function writeJson(key: string, value: unknown): void {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Unavailable storage only costs the remembered value.
  }
}

/**
 * Runs replication while a valid session exists: on app start when one is stored, after
 * sign-in; stops it on sign-out or when the server ends the session. Counts pending changes
 * from the start, signed in or not. Renders its children at once: nothing waits for the network.
 */
export function SyncProvider({ children }: { children: ReactNode }) {
  const db = useDatabase();
  const [session, setSession] = useState<SyncSessionState | null>(null);
  const [replication, setReplication] = useState<ReplicationStatus | null>(null);
  const [pending, setPending] = useState(0);
  const [lastSyncedAt, setLastSyncedAt] = useState<string | null>(null);
  const trackerRef = useRef<PendingTracker | null>(null);
  const syncNowRef = useRef<() => void>(() => undefined);

  const refreshSession = useCallback(async () => {
    try {
      setSession(await desktop().sync.getSession());
    } catch {
      setSession({ account: null, expired: false });
    }
  }, []);

  useEffect(() => {
    void refreshSession();
  }, [refreshSession]);

  useEffect(() => {
    const tracker = createPendingTracker(db);
    trackerRef.current = tracker;
    const sub = tracker.count$.subscribe(setPending);
    return () => {
      sub.unsubscribe();
      tracker.close();
      trackerRef.current = null;
    };
  }, [db]);

  const account = session?.expired === false ? session.account : null;
  const key = account ? accountKey(account) : null;

  useEffect(() => {
    if (!account || !key || !trackerRef.current) {
      setReplication(null);
      return;
    }
    const stored = readJson<Record<string, string>>(LAST_SYNC_KEY, {});
    setLastSyncedAt(stored[key] ?? null);
    const initialDone = readJson<string[]>(INITIAL_DONE_KEY, []).includes(key);
    const engine = startReplication({
      db,
      api: desktop().sync,
      account,
      pending: trackerRef.current,
      initialDone,
      onInitialDone: () => {
        const done = readJson<string[]>(INITIAL_DONE_KEY, []);
        if (!done.includes(key)) writeJson(INITIAL_DONE_KEY, [...done, key]);
      },
      onFatal: () => void refreshSession(),
    });
    syncNowRef.current = () => engine.syncNow();
    let last: string | null = null;
    const sub = engine.status$.subscribe((status) => {
      setReplication(status);
      if (status.lastSyncedAt && status.lastSyncedAt !== last) {
        last = status.lastSyncedAt;
        setLastSyncedAt(last);
        writeJson(LAST_SYNC_KEY, {
          ...readJson<Record<string, string>>(LAST_SYNC_KEY, {}),
          [key]: last,
        });
      }
    });
    return () => {
      sub.unsubscribe();
      syncNowRef.current = () => undefined;
      void engine.stop();
    };
    // `account` is identified by `key`; a new object for the same account must not restart.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- restart only when the account changes
  }, [db, key, refreshSession]);

  const signIn = useCallback(
    async (input: SyncSignInInput) => {
      const result = await desktop().sync.signIn(input);
      if (result.ok) await refreshSession();
      return result;
    },
    [refreshSession],
  );

  const signOut = useCallback(async () => {
    await desktop().sync.signOut();
    await refreshSession();
  }, [refreshSession]);

  const value = useMemo<SyncState>(
    () => ({
      session,
      replication,
      pending,
      lastSyncedAt,
      signIn,
      signOut,
      syncNow: () => syncNowRef.current(),
    }),
    [session, replication, pending, lastSyncedAt, signIn, signOut],
  );
  return <SyncContext.Provider value={value}>{children}</SyncContext.Provider>;
}
