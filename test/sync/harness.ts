/**
 * Runs the real server in-process on a random 127.0.0.1 port, on PGlite (a fresh copy of a
 * migrated template folder: creating a PGlite database from scratch takes seconds) or on a
 * PostgreSQL database of `test/sync/pg.ts`.
 */
import { cpSync, existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { createServer, type FieldbookServer, type ServerOptions } from '../../src-server/app';
import { createUser } from '../../src-server/services/accounts';
import { loadMigrations } from '../../src-server/store/migrate';
import { migrate } from '../../src-server/store';
import { openPgliteStore } from '../../src-server/store/pglite-store';
import type { UserRole } from '../../src-shared/sync';

export type StoreUnderTest = 'pglite' | 'postgres';

let templatePromise: Promise<string> | null = null;

/** A PGlite data folder with every migration applied, built once per machine and version. */
export function pgliteTemplate(): Promise<string> {
  templatePromise ??= (async () => {
    const digest = createHash('sha256')
      .update(
        loadMigrations()
          .map((m) => m.sql)
          .join('\n'),
      )
      .digest('hex')
      .slice(0, 12);
    const template = join(tmpdir(), `fieldbook-pglite-template-${digest}`);
    if (existsSync(join(template, 'db', 'PG_VERSION'))) return template;
    const building = mkdtempSync(join(tmpdir(), 'fieldbook-pglite-build-'));
    const store = await openPgliteStore(building);
    await migrate(store);
    await store.close();
    try {
      renameSync(building, template);
    } catch {
      // Another worker finished first; its template is as good as ours.
      rmSync(building, { recursive: true, force: true });
    }
    return template;
  })();
  return templatePromise;
}

/** A fresh data folder; for PGlite it holds a migrated database already. */
export async function freshDataDir(kind: StoreUnderTest): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'fieldbook-sync-'));
  if (kind === 'pglite')
    cpSync(join(await pgliteTemplate(), 'db'), join(dir, 'db'), { recursive: true });
  return dir;
}

export interface TestServer {
  server: FieldbookServer;
  url: string;
  dataDir: string;
  admin: { username: string; password: string };
  /** Creates a user straight in the store and returns its credentials. */
  user(
    username: string,
    role: UserRole,
    password?: string,
  ): Promise<{ id: string; username: string; password: string }>;
  close(): Promise<void>;
}

export interface StartOptions extends Partial<ServerOptions> {
  kind: StoreUnderTest;
  /** For postgres: the database to use (several servers may share one). */
  databaseUrl?: string;
  dataDir?: string;
  /** Keep the data folder on close (restart tests). */
  keepData?: boolean;
}

export async function startTestServer(options: StartOptions): Promise<TestServer> {
  const dataDir = options.dataDir ?? (await freshDataDir(options.kind));
  if (options.kind === 'postgres' && !options.databaseUrl) {
    throw new Error('startTestServer: postgres needs a databaseUrl');
  }
  const server = await createServer({
    logger: false,
    ...options,
    dataDir,
    databaseUrl: options.kind === 'postgres' ? options.databaseUrl : undefined,
  });
  const url = await server.listen(0, '127.0.0.1');
  const admin = server.firstAdmin ?? { username: 'admin', password: '' };
  return {
    server,
    url,
    dataDir,
    admin,
    async user(username, role, password = `pw-${username}-secret`) {
      const u = await createUser(server.store, { username, password, role });
      return { id: u.id, username, password };
    },
    async close() {
      await server.close();
      if (!options.keepData && !options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
