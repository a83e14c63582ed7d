import { createContext, useContext } from 'react';
import type {
  SyncAccount,
  SyncResult,
  SyncSessionState,
  SyncSignInInput,
} from '../../src-shared/ipc';
import type { ReplicationStatus } from './replication';

/** What the sync status bar, the sign-in screen and the sync page read. */
export interface SyncState {
  /** The stored session; `null` while it is being read. */
  session: SyncSessionState | null;
  /** The replication's status while it runs (signed in, session valid), else `null`. */
  replication: ReplicationStatus | null;
  /** Local changes the server has not acknowledged (also counted while signed out). */
  pending: number;
  /** Last successful sync of this account on this laptop (kept across restarts). */
  lastSyncedAt: string | null;
  signIn(input: SyncSignInInput): Promise<SyncResult<SyncAccount>>;
  signOut(): Promise<void>;
  /** Pulls everything again now and ends a backoff wait. */
  syncNow(): void;
}

export const SyncContext = createContext<SyncState | null>(null);

/** The sync state; only inside `<SyncProvider>`. */
export function useSync(): SyncState {
  const state = useContext(SyncContext);
  if (state === null) throw new Error('useSync() must be used inside <SyncProvider>.');
  return state;
}
