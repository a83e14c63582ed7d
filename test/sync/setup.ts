/** One server per describe block, on PGlite or on PostgreSQL, with the usual cast of users. */
import type { ServerOptions } from '../../src-server/app';
import { assignCustomer, assignTeam } from '../../src-server/services/accounts';
import { SyncClient } from './client';
import { customer } from './docs';
import { startTestServer, type StoreUnderTest, type TestServer } from './harness';
import { startTestPostgres, type TestPostgres } from './pg';

export interface World {
  ts: TestServer;
  pg: TestPostgres | null;
  databaseUrl?: string;
  admin: SyncClient;
  eng1: SyncClient;
  eng2: SyncClient;
  lead: SyncClient;
  /** eng1's, eng2's customers, and one nobody is assigned to. */
  c1: string;
  c2: string;
  cOther: string;
  close(): Promise<void>;
}

export async function startWorld(
  kind: StoreUnderTest,
  options: Partial<ServerOptions> = {},
): Promise<World> {
  let pg: TestPostgres | null = null;
  let databaseUrl: string | undefined;
  if (kind === 'postgres') {
    pg = await startTestPostgres();
    databaseUrl = await pg.createDatabase();
  }
  const ts = await startTestServer({ kind, databaseUrl, ...options });
  const [e1, e2, l] = await Promise.all([
    ts.user('eng1', 'engineer'),
    ts.user('eng2', 'engineer'),
    ts.user('lead1', 'lead'),
  ]);
  const c1 = customer().id;
  const c2 = customer().id;
  const cOther = customer().id;
  await assignCustomer(ts.server.store, 'eng1', c1);
  await assignCustomer(ts.server.store, 'eng2', c2);
  await assignTeam(ts.server.store, 'eng1', 'lead1');
  const [admin, eng1, eng2, lead] = await Promise.all([
    SyncClient.login(ts.url, ts.admin.username, ts.admin.password),
    SyncClient.login(ts.url, e1.username, e1.password),
    SyncClient.login(ts.url, e2.username, e2.password),
    SyncClient.login(ts.url, l.username, l.password),
  ]);
  return {
    ts,
    pg,
    databaseUrl,
    admin,
    eng1,
    eng2,
    lead,
    c1,
    c2,
    cOther,
    async close() {
      await ts.close();
      await pg?.stop();
    },
  };
}

export const STORES: StoreUnderTest[] = ['pglite', 'postgres'];
