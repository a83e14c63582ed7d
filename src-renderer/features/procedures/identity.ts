import { useEngineer } from '../../app/settings';
import { useSync } from '../../db/sync-context';

/**
 * Who acts on a procedure run from this laptop. Signed in to the sync server, it is the
 * signed-in user (the server authenticated them): the executor, an approver and a waiver are
 * then that identity, not a typed name. An unsigned laptop uses the local engineer name from the
 * settings, and a second person types their name; the screen says which of the two it is.
 */
export interface ProcedureIdentity {
  name: string;
  source: 'signed-in' | 'local';
}

export function useProcedureIdentity(): ProcedureIdentity {
  const engineer = useEngineer();
  const { session } = useSync();
  const user = session?.account?.user;
  return user !== undefined
    ? { name: user.username, source: 'signed-in' }
    : { name: engineer.name, source: 'local' };
}
