import { createContext, useContext } from 'react';
import type { FieldbookDatabase } from './database';

export const DatabaseContext = createContext<FieldbookDatabase | null>(null);

/** The open database; only inside `<DatabaseProvider>`, which renders children once it is open. */
export function useDatabase(): FieldbookDatabase {
  const db = useContext(DatabaseContext);
  if (db === null) throw new Error('useDatabase() must be used inside <DatabaseProvider>.');
  return db;
}
