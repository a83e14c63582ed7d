import { PGlite } from '@electric-sql/pglite';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { acquireDirLock } from './dir-lock';
import type { QueryResult, SqlClient, Store } from './types';

/**
 * PGlite (PostgreSQL compiled to WASM) in `<dataDir>/db`. It has a single connection, so
 * transactions are serialised by PGlite itself, and only one process may open the folder: a lock
 * file refuses a second one (the admin commands say "stop the server first").
 */
export async function openPgliteStore(dataDir: string): Promise<Store> {
  mkdirSync(dataDir, { recursive: true });
  const release = acquireDirLock(join(dataDir, 'store.lock'));
  let db: PGlite;
  try {
    db = new PGlite({ dataDir: join(dataDir, 'db') });
    await db.waitReady;
  } catch (err) {
    release();
    throw err;
  }

  const query = async <R>(sql: string, params?: unknown[]): Promise<QueryResult<R>> => {
    const result = await db.query<R>(sql, params);
    return { rows: result.rows };
  };

  return {
    kind: 'pglite',
    query,
    async exec(sql) {
      await db.exec(sql);
    },
    async transaction(fn) {
      return db.transaction(async (tx) => {
        const client: SqlClient = {
          async query<R>(sql: string, params?: unknown[]) {
            const result = await tx.query<R>(sql, params);
            return { rows: result.rows };
          },
          async exec(sql: string) {
            await tx.exec(sql);
          },
        };
        return fn(client);
      });
    },
    async listen(channel, onPayload) {
      // One in-process engine: no connection to lose, so no reconnect callback is ever needed.
      const unlisten = await db.listen(channel, onPayload);
      return async () => {
        if (!db.closed) await unlisten();
      };
    },
    async close() {
      try {
        if (!db.closed) await db.close();
      } finally {
        release();
      }
    },
  };
}
