import type { EventAccount } from '../../../src-shared/db/types';
import { useEngineer } from '../../app/settings';
import { useSync } from '../../db/sync-context';

/**
 * Who acts on a procedure run from this laptop. Signed in to the sync server, it is the
 * signed-in account (the server authenticated it, and its server role decides which steps it
 * may do): the executor, an approver and a waiver are then accounts, never typed names. An
 * unsigned laptop uses the local engineer name from the settings, and a second person types
 * their name; the screen says which of the two it is.
 */
export interface ProcedureIdentity {
  name: string;
  source: 'signed-in' | 'local';
  /** The signed-in account with its server role (signed-in only). */
  account?: EventAccount;
}

export function useProcedureIdentity(): ProcedureIdentity {
  const engineer = useEngineer();
  const { session } = useSync();
  const user = session?.account?.user;
  return user !== undefined
    ? {
        name: user.username,
        source: 'signed-in',
        account: { userId: user.id, username: user.username, role: user.role },
      }
    : { name: engineer.name, source: 'local' };
}
