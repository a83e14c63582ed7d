import { openPgliteStore } from './pglite-store';
import { openPostgresStore } from './postgres-store';
import type { Store } from './types';

export type { Store, SqlClient, StoreKind, QueryResult } from './types';
export { StoreLockedError } from './dir-lock';
export { migrate } from './migrate';

export interface OpenStoreOptions {
  /** PostgreSQL connection string; when absent the embedded PGlite in `dataDir` is used. */
  databaseUrl?: string;
  dataDir: string;
  maxConnections?: number;
}

export async function openStore(options: OpenStoreOptions): Promise<Store> {
  if (options.databaseUrl) {
    return openPostgresStore(options.databaseUrl, { maxConnections: options.maxConnections });
  }
  return openPgliteStore(options.dataDir);
}
