/**
 * A real PostgreSQL for the sync tests: `TEST_DATABASE_URL` when set (a database is created per
 * test file inside it), otherwise a throwaway cluster started from Debian's binaries
 * (`/usr/lib/postgresql/<v>/bin`) in a temporary folder on a free port, run as the `postgres`
 * user when the tests run as root (PostgreSQL refuses to run as root).
 *
 * When neither works the tests FAIL with the reason: they never skip (CI installs PostgreSQL in
 * .ci/run).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface TestPostgres {
  /** Connection string of a fresh, empty database. */
  createDatabase(): Promise<string>;
  stop(): Promise<void>;
}

function findBinDir(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function randomName(): string {
  return `fbtest_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
}

async function withAdmin<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

function databaseUrl(base: string, name: string): string {
  const u = new URL(base);
  u.pathname = `/${name}`;
  return u.toString();
}

function fromUrl(adminUrl: string, onStop: () => void): TestPostgres {
  const created: string[] = [];
  return {
    async createDatabase() {
      const name = randomName();
      await withAdmin(adminUrl, (c) => c.query(`CREATE DATABASE ${name}`));
      created.push(name);
      return databaseUrl(adminUrl, name);
    },
    async stop() {
      try {
        await withAdmin(adminUrl, async (c) => {
          for (const name of created.splice(0)) {
            await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
          }
        });
      } finally {
        onStop();
      }
    },
  };
}

export async function startTestPostgres(): Promise<TestPostgres> {
  const external = process.env.TEST_DATABASE_URL;
  if (external) return fromUrl(external, () => undefined);

  const bin = findBinDir();
  if (!bin) {
    throw new Error(
      'PostgreSQL tests need a PostgreSQL: none found in /usr/lib/postgresql/*/bin and ' +
        'TEST_DATABASE_URL is not set. Install it (apt-get install -y postgresql) or point ' +
        'TEST_DATABASE_URL at a server.',
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'fieldbook-pg-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  const run = (cmd: string, args: string[]) => {
    const full = asRoot ? ['-u', 'postgres', '--', cmd, ...args] : args;
    const result = spawnSync(asRoot ? 'runuser' : cmd, full, { encoding: 'utf8' });
    if (result.status !== 0) {
      throw new Error(
        `PostgreSQL test cluster: ${cmd} failed (${result.status}): ${result.stderr || result.stdout}`,
      );
    }
  };
  const data = join(dir, 'data');
  const port = await freePort();
  run(join(bin, 'initdb'), [
    '-D',
    data,
    '-A',
    'trust',
    '-U',
    'postgres',
    '--no-sync',
    '-E',
    'UTF8',
    '--locale=C.UTF-8',
  ]);
  const options = [
    `-p ${port}`,
    `-k ${dir}`,
    '-c listen_addresses=127.0.0.1',
    '-c fsync=off',
    '-c max_connections=300',
    '-c shared_buffers=64MB',
  ].join(' ');
  run(join(bin, 'pg_ctl'), [
    '-D',
    data,
    '-l',
    join(dir, 'log'),
    '-w',
    '-t',
    '60',
    '-o',
    options,
    'start',
  ]);

  let stopped = false;
  const stopCluster = () => {
    if (stopped) return;
    stopped = true;
    const args = ['-D', data, '-m', 'immediate', '-w', 'stop'];
    spawnSync(
      asRoot ? 'runuser' : join(bin, 'pg_ctl'),
      asRoot ? ['-u', 'postgres', '--', join(bin, 'pg_ctl'), ...args] : args,
    );
    rmSync(dir, { recursive: true, force: true });
  };
  // A crashed test run must not leave a postgres behind.
  process.once('exit', stopCluster);
  return fromUrl(`postgres://postgres@127.0.0.1:${port}/postgres`, stopCluster);
}
