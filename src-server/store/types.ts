/**
 * One SQL dialect (PostgreSQL) over two engines: PGlite embedded in the data folder, or a real
 * PostgreSQL server. Everything above this interface is engine-agnostic; the engine differences
 * (one connection vs a pool, where notifications come from) stay in the two implementations.
 */

export type StoreKind = 'pglite' | 'postgres';

export interface QueryResult<R> {
  rows: R[];
}

export interface SqlClient {
  /** One statement with `$1…` parameters. */
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<R>>;
  /** Several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Store extends SqlClient {
  readonly kind: StoreKind;
  /**
   * Runs `fn` in one transaction (READ COMMITTED) and commits, or rolls back if it throws.
   * Notifications sent with `pg_notify` inside are delivered at commit, as in PostgreSQL.
   */
  transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T>;
  /**
   * Subscribes to a notification channel. `onReconnect` runs after a lost listening connection
   * came back, because notifications sent meanwhile are gone and the caller must catch up.
   */
  listen(
    channel: string,
    onPayload: (payload: string) => void,
    onReconnect?: () => void,
  ): Promise<() => Promise<void>>;
  close(): Promise<void>;
}
