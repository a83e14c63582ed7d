import pg from 'pg';
import type { QueryResult, SqlClient, Store } from './types';

export interface PostgresStoreOptions {
  /** Pool size per server instance. */
  maxConnections?: number;
  /** Called when the listening connection fails, before it is re-established. */
  onListenerError?: (err: Error) => void;
}

interface Listener {
  channel: string;
  onPayload: (payload: string) => void;
  onReconnect?: () => void;
}

const RECONNECT_DELAYS_MS = [100, 250, 500, 1000, 2000, 5000];

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * A real PostgreSQL server: a connection pool for queries and transactions, plus one dedicated
 * connection that LISTENs, so notifications from other server instances on the same database
 * reach this one. That connection reconnects by itself; listeners are told so they can catch up.
 */
export async function openPostgresStore(
  connectionString: string,
  options: PostgresStoreOptions = {},
): Promise<Store> {
  const pool = new pg.Pool({
    connectionString,
    max: options.maxConnections ?? 10,
    application_name: 'fieldbook-server',
  });
  // An idle client losing its connection emits on the pool; without a handler Node would crash.
  pool.on('error', () => undefined);
  // Fail fast with a clear error when the database cannot be reached at all.
  const probe = await pool.connect();
  probe.release();

  const listeners: Listener[] = [];
  let listenClient: pg.Client | null = null;
  let closed = false;
  let connecting: Promise<void> | null = null;

  const connectListener = async (): Promise<void> => {
    const client = new pg.Client({ connectionString, application_name: 'fieldbook-listen' });
    client.on('notification', (msg) => {
      for (const l of listeners) {
        if (l.channel === msg.channel) l.onPayload(msg.payload ?? '');
      }
    });
    client.on('error', (err) => {
      options.onListenerError?.(err);
      if (listenClient === client) {
        listenClient = null;
        void client.end().catch(() => undefined);
        scheduleReconnect(0);
      }
    });
    await client.connect();
    for (const channel of new Set(listeners.map((l) => l.channel))) {
      await client.query(`LISTEN ${quoteIdent(channel)}`);
    }
    listenClient = client;
  };

  const scheduleReconnect = (attempt: number): void => {
    if (closed) return;
    const delay = RECONNECT_DELAYS_MS[Math.min(attempt, RECONNECT_DELAYS_MS.length - 1)] ?? 5000;
    setTimeout(() => {
      if (closed) return;
      connectListener().then(
        () => {
          for (const l of listeners) l.onReconnect?.();
        },
        (err: Error) => {
          options.onListenerError?.(err);
          scheduleReconnect(attempt + 1);
        },
      );
    }, delay).unref();
  };

  const query = async <R>(sql: string, params?: unknown[]): Promise<QueryResult<R>> => {
    const result = await pool.query(sql, params);
    return { rows: result.rows as R[] };
  };

  return {
    kind: 'postgres',
    query,
    async exec(sql) {
      await pool.query(sql);
    },
    async transaction(fn) {
      const client = await pool.connect();
      let broken = false;
      try {
        await client.query('BEGIN');
        const tx: SqlClient = {
          async query<R>(sql: string, params?: unknown[]) {
            const result = await client.query(sql, params);
            return { rows: result.rows as R[] };
          },
          async exec(sql: string) {
            await client.query(sql);
          },
        };
        const value = await fn(tx);
        await client.query('COMMIT');
        return value;
      } catch (err) {
        try {
          await client.query('ROLLBACK');
        } catch {
          broken = true;
        }
        throw err;
      } finally {
        // A connection whose rollback failed is in an unknown state: destroy it, never reuse it.
        client.release(broken);
      }
    },
    async listen(channel, onPayload, onReconnect) {
      const listener: Listener = { channel, onPayload, onReconnect };
      listeners.push(listener);
      if (!listenClient) {
        connecting ??= connectListener().finally(() => {
          connecting = null;
        });
        await connecting;
      } else {
        await listenClient.query(`LISTEN ${quoteIdent(channel)}`);
      }
      return async () => {
        const i = listeners.indexOf(listener);
        if (i >= 0) listeners.splice(i, 1);
        if (listenClient && !listeners.some((l) => l.channel === channel)) {
          await listenClient.query(`UNLISTEN ${quoteIdent(channel)}`).catch(() => undefined);
        }
      };
    },
    async close() {
      closed = true;
      const client = listenClient;
      listenClient = null;
      await client?.end().catch(() => undefined);
      await pool.end();
    },
  };
}
