/**
 * `fieldbook server …`: runs the central sync server and administers its accounts.
 *
 * `server` is a leaf of the CLI router that dispatches its own words, because
 * `fieldbook server --port 8787` (no sub-command) must start the server.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildSampleWorkspace } from '../../src-shared/domain/sample-workspace';
import type { PushRow, UserRole, WireDocument } from '../../src-shared/sync';
import { PROTOCOL_VERSION, REPLICATED_COLLECTIONS, USER_ROLES } from '../../src-shared/sync';
import { createServer } from '../../src-server/app';
import {
  assignCustomer,
  assignTeam,
  createUser,
  findUserByName,
  listAssignments,
  listUsers,
  setPassword,
} from '../../src-server/services/accounts';
import {
  CA_SECRET_ENV,
  CertificateAuthorityError,
  ensureCertificateAuthority,
  importCertificateAuthority,
  loadCaSecret,
} from '../../src-server/services/certificate-authority';
import { HttpError } from '../../src-server/services/errors';
import { generatePassword } from '../../src-server/services/passwords';
import { push, validatePush } from '../../src-server/services/replication';
import { migrate, openStore, StoreLockedError, type Store } from '../../src-server/store';
import type { CliIo, LeafCommand } from '../router';
import { EXIT_FAILURE, EXIT_OK, UsageError, writeJson } from '../router';
import { parseLine, processIo, readStdinText } from './cli-io';

export const DEFAULT_DATA_DIR = 'fieldbook-server-data';

const HELP = `Usage:
  fieldbook server [--port 8787] [--host 127.0.0.1] [--data DIR] [--database-url URL] [CA]
  fieldbook server user add --username U --password-stdin --role engineer|lead|admin [STORE]
  fieldbook server user passwd --username U --password-stdin [STORE]
  fieldbook server user list [STORE]
  fieldbook server assign --username U --customer ID [STORE]
  fieldbook server assign --username ENGINEER --lead LEAD [STORE]
  fieldbook server assignments [STORE]
  fieldbook server demo [STORE]
  fieldbook server ca export [CA] [STORE]
  fieldbook server ca import --cert ca.pem --key key.pem [--replace] [CA] [STORE]

The central sync server (replication protocol v${PROTOCOL_VERSION}, see src-shared/sync/PROTOCOL.md).

STORE is where the server keeps its data:
  --data DIR          embedded database and blobs in DIR (default ./${DEFAULT_DATA_DIR})
  --database-url URL  a PostgreSQL database instead (or the DATABASE_URL variable);
                      blobs still go to DIR/blobs

CA is the organisation's certificate authority (it issues the engineers' signing certificates);
its private key is stored encrypted (AES-256-GCM) with a secret kept outside the database:
  --ca-secret-file F  the secret in file F (or the FIELDBOOK_CA_SECRET variable, at least
                      16 characters); without either, DIR/ca-key.secret, created at the first
                      start. Every instance on one PostgreSQL needs the same secret.
  --organisation O    the organisation named in a CA created at this start (default Fieldbook)

With the embedded database the admin commands run while the server is stopped (the folder is
locked by the running server); otherwise use the admin HTTP API (/api/v1/admin/...).

On the first start without an admin, the server creates one and prints its password once.
The server stops gracefully on SIGTERM or SIGINT.

Commands:
  (none)       start the server; logs are JSON lines on standard output
  user add     create an account; the password is read from standard input
  user passwd  set a new password (read from standard input); ends the user's sessions
  user list    list the accounts
  assign       assign a customer to an engineer or lead, or an engineer to a lead's team
  assignments  list the assignments
  demo         create an admin, a lead and two engineers with distinct customers, load the
               sample workspace, and print the credentials
  ca export    print the organisation's CA certificate (PEM) for PDF readers to trust; creates
               the CA first if the server never started
  ca import    use the admin's own CA: its certificate and unencrypted PKCS#8 private key (PEM);
               --replace to replace an existing CA (certificates it issued stop chaining)
`;

const STORE_FLAGS = ['data', 'database-url'] as const;
const CA_FLAGS = ['ca-secret-file', 'organisation'] as const;

/** The CA secret from --ca-secret-file or FIELDBOOK_CA_SECRET; undefined means the data folder's. */
function caSecretOption(flags: { 'ca-secret-file'?: string }): string | undefined {
  if (flags['ca-secret-file']) {
    try {
      return readFileSync(flags['ca-secret-file'], 'utf8').trim();
    } catch (e) {
      throw new UsageError(
        `cannot read --ca-secret-file ${flags['ca-secret-file']}: ${(e as Error).message}`,
      );
    }
  }
  return process.env[CA_SECRET_ENV] || undefined;
}

function storeOptions(flags: { data?: string; 'database-url'?: string }): {
  dataDir: string;
  databaseUrl?: string;
} {
  // An empty value (DATABASE_URL= in an env file) means: not set.
  const databaseUrl = flags['database-url'] || process.env.DATABASE_URL || undefined;
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new UsageError('invalid --database-url: expected postgres://…');
  }
  return {
    dataDir: resolve(flags.data ?? DEFAULT_DATA_DIR),
    databaseUrl: databaseUrl || undefined,
  };
}

function intFlag(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    throw new UsageError(`invalid --${name}: expected a port 0–65535, got "${value}"`);
  }
  return n;
}

/** Opens the store for an admin command, migrated; closes it whatever happens. */
async function withStore<T>(
  flags: { data?: string; 'database-url'?: string },
  fn: (store: Store) => Promise<T>,
): Promise<T> {
  const store = await openStore(storeOptions(flags));
  try {
    await migrate(store);
    return await fn(store);
  } finally {
    await store.close();
  }
}

async function startServer(args: string[], io: CliIo): Promise<number> {
  const { flags, positionals } = parseLine(args, [
    'port',
    'host',
    ...STORE_FLAGS,
    ...CA_FLAGS,
  ] as const);
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const port = intFlag(flags.port, 'port', 8787);
  const host = flags.host ?? '127.0.0.1';
  const server = await createServer({
    ...storeOptions(flags),
    caSecret: caSecretOption(flags),
    ...(flags.organisation ? { organisationName: flags.organisation } : {}),
  });
  if (server.firstAdmin) {
    io.stderr(
      `\nCreated the first admin account (shown only this once; change it after signing in):\n` +
        `  username: ${server.firstAdmin.username}\n  password: ${server.firstAdmin.password}\n\n`,
    );
  }
  const address = await server.listen(port, host);
  io.stderr(`fieldbook server listening on ${address} (store: ${server.store.kind})\n`);

  return new Promise<number>((resolveExit) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) return;
      stopping = true;
      server.app.log.info({ signal }, 'shutting down');
      server.close().then(
        () => resolveExit(EXIT_OK),
        (err: unknown) => {
          io.stderr(`shutdown failed: ${err instanceof Error ? err.message : String(err)}\n`);
          resolveExit(EXIT_FAILURE);
        },
      );
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
}

async function userCommand(args: string[], io: CliIo): Promise<number> {
  const [word, ...rest] = args;
  if (word === 'list') {
    const { flags, positionals } = parseLine(rest, STORE_FLAGS);
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    writeJson(io, { users: await withStore(flags, (s) => listUsers(s)) });
    return EXIT_OK;
  }
  if (word === 'passwd') {
    const { flags, bools, positionals } = parseLine(rest, ['username', ...STORE_FLAGS] as const, [
      'password-stdin',
    ]);
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    if (!flags.username) throw new UsageError('missing --username');
    if (!bools.has('password-stdin')) {
      throw new UsageError('give the password with --password-stdin');
    }
    const password = await readStdinText();
    await withStore(flags, async (s) => {
      const user = await findUserByName(s, flags.username ?? '');
      if (!user) throw new HttpError(404, 'not_found', `There is no user ${flags.username}.`);
      await setPassword(s, user.id, password);
    });
    writeJson(io, { passwordChanged: flags.username });
    return EXIT_OK;
  }
  if (word !== 'add') throw new UsageError('expected "user add", "user passwd" or "user list"');
  const { flags, bools, positionals } = parseLine(
    rest,
    ['username', 'role', ...STORE_FLAGS] as const,
    ['password-stdin'],
  );
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  if (!flags.username) throw new UsageError('missing --username');
  if (!flags.role || !(USER_ROLES as readonly string[]).includes(flags.role)) {
    throw new UsageError(`--role must be one of ${USER_ROLES.join(', ')}`);
  }
  // Never a --password flag: it would end up in the shell history and the process list.
  if (!bools.has('password-stdin')) throw new UsageError('give the password with --password-stdin');
  const password = await readStdinText();
  const user = await withStore(flags, (s) =>
    createUser(s, { username: flags.username ?? '', password, role: flags.role as UserRole }),
  );
  writeJson(io, { user });
  return EXIT_OK;
}

async function assignCommand(args: string[], io: CliIo): Promise<number> {
  const { flags, positionals } = parseLine(args, [
    'username',
    'customer',
    'lead',
    ...STORE_FLAGS,
  ] as const);
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  if (!flags.username) throw new UsageError('missing --username');
  if ((flags.customer === undefined) === (flags.lead === undefined)) {
    throw new UsageError('give exactly one of --customer ID or --lead LEAD');
  }
  await withStore(flags, async (s) => {
    if (flags.customer !== undefined) await assignCustomer(s, flags.username ?? '', flags.customer);
    else await assignTeam(s, flags.username ?? '', flags.lead ?? '');
  });
  writeJson(io, {
    assigned: flags.customer
      ? { username: flags.username, customerId: flags.customer }
      : { engineer: flags.username, lead: flags.lead },
  });
  return EXIT_OK;
}

/** Demo accounts: the role, and which sample customers (by index) each is assigned. */
const DEMO_USERS: { username: string; role: UserRole; customers: number[] }[] = [
  { username: 'admin', role: 'admin', customers: [] },
  { username: 'lead', role: 'lead', customers: [4] },
  { username: 'engineer1', role: 'engineer', customers: [0, 1] },
  { username: 'engineer2', role: 'engineer', customers: [2, 3] },
];

export interface DemoResult {
  users: { username: string; role: UserRole; password: string; customers: string[] }[];
  documents: number;
}

/** Creates (or resets) the demo accounts and loads the sample workspace into the store. */
export async function loadDemo(store: Store, now = new Date()): Promise<DemoResult> {
  await migrate(store);
  const ws = buildSampleWorkspace(now);
  const customers = ws.customers.map((c) => ({ id: c.id, name: c.name }));
  const result: DemoResult = { users: [], documents: 0 };
  let adminId = '';
  for (const spec of DEMO_USERS) {
    const password = generatePassword(12);
    const existing = await findUserByName(store, spec.username);
    let id: string;
    if (existing) {
      if (existing.role !== spec.role) {
        throw new HttpError(409, 'conflict', `${spec.username} exists with another role`);
      }
      await setPassword(store, existing.id, password);
      id = existing.id;
    } else {
      id = (await createUser(store, { username: spec.username, password, role: spec.role })).id;
    }
    if (spec.role === 'admin') adminId = id;
    const assigned = spec.customers
      .map((i) => customers[i])
      .filter((c): c is { id: string; name: string } => c !== undefined);
    for (const c of assigned) await assignCustomer(store, spec.username, c.id);
    result.users.push({
      username: spec.username,
      role: spec.role,
      password,
      customers: assigned.map((c) => `${c.id} ${c.name}`),
    });
  }
  await assignTeam(store, 'engineer1', 'lead');
  await assignTeam(store, 'engineer2', 'lead');

  for (const collection of REPLICATED_COLLECTIONS) {
    const docs = ws[collection] as unknown as Record<string, unknown>[];
    for (let i = 0; i < docs.length; i += 200) {
      const rows: PushRow[] = docs.slice(i, i + 200).map((d) => ({
        newDocumentState: { ...d, _deleted: false } as WireDocument,
      }));
      validatePush(collection, rows);
      // Re-running the demo: documents already there are equal (skipped) or newer (kept).
      await push(
        store,
        { collection, userId: adminId, role: 'admin', scope: { all: true, tag: 'all' } },
        rows.map((r) => ({ ...r, assumedMasterState: null })),
      );
      result.documents += rows.length;
    }
  }
  return result;
}

async function demoCommand(args: string[], io: CliIo): Promise<number> {
  const { flags, positionals } = parseLine(args, STORE_FLAGS);
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const result = await withStore(flags, (s) => loadDemo(s));
  io.stderr(
    'Demo accounts (passwords are new on every run of "server demo"):\n' +
      result.users
        .map(
          (u) =>
            `  ${u.role.padEnd(8)} ${u.username.padEnd(10)} ${u.password}` +
            (u.customers.length ? `  customers: ${u.customers.join(', ')}` : ''),
        )
        .join('\n') +
      `\nThe lead's team is engineer1 and engineer2. ${result.documents} sample documents loaded.\n` +
      'Start the server with the same --data/--database-url and sign in from the app.\n',
  );
  writeJson(io, result);
  return EXIT_OK;
}

async function assignmentsCommand(args: string[], io: CliIo): Promise<number> {
  const { flags, positionals } = parseLine(args, STORE_FLAGS);
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  writeJson(io, await withStore(flags, (s) => listAssignments(s)));
  return EXIT_OK;
}

async function caCommand(args: string[], io: CliIo): Promise<number> {
  const [word, ...rest] = args;
  if (word === 'export') {
    const { flags, positionals } = parseLine(rest, [...STORE_FLAGS, ...CA_FLAGS] as const);
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const { dataDir } = storeOptions(flags);
    const secret = loadCaSecret({ dataDir, secret: caSecretOption(flags) });
    const { ca } = await withStore(flags, (s) =>
      ensureCertificateAuthority(s, {
        secret,
        ...(flags.organisation ? { organisation: flags.organisation } : {}),
      }),
    );
    io.stdout(ca.certificatePem);
    return EXIT_OK;
  }
  if (word !== 'import') throw new UsageError('expected "ca export" or "ca import"');
  const { flags, bools, positionals } = parseLine(
    rest,
    ['cert', 'key', ...STORE_FLAGS, ...CA_FLAGS] as const,
    ['replace'],
  );
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  if (!flags.cert) throw new UsageError('missing --cert (the CA certificate, PEM)');
  if (!flags.key) throw new UsageError('missing --key (the CA private key, PKCS#8 PEM)');
  const read = (file: string, flag: string): string => {
    try {
      return readFileSync(file, 'latin1');
    } catch (e) {
      throw new UsageError(`cannot read --${flag} ${file}: ${(e as Error).message}`);
    }
  };
  const certificatePem = read(flags.cert, 'cert');
  const privateKeyPem = read(flags.key, 'key');
  const { dataDir } = storeOptions(flags);
  const secret = loadCaSecret({ dataDir, secret: caSecretOption(flags) });
  const ca = await withStore(flags, (s) =>
    importCertificateAuthority(s, {
      certificatePem,
      privateKeyPem,
      secret,
      replace: bools.has('replace'),
    }),
  );
  writeJson(io, { imported: { organisation: ca.organisation, certificate: ca.certificatePem } });
  return EXIT_OK;
}

/** Runs `fieldbook server <args>`; the exit code is 0 ok, 1 failure, 2 bad input. */
export async function run(args: string[], io: CliIo = processIo): Promise<number> {
  const [word, ...rest] = args;
  try {
    switch (word) {
      case 'user':
        return await userCommand(rest, io);
      case 'assign':
        return await assignCommand(rest, io);
      case 'assignments':
        return await assignmentsCommand(rest, io);
      case 'demo':
        return await demoCommand(rest, io);
      case 'ca':
        return await caCommand(rest, io);
      case 'start':
        return await startServer(rest, io);
      default:
        return await startServer(args, io);
    }
  } catch (e) {
    if (
      e instanceof StoreLockedError ||
      e instanceof HttpError ||
      e instanceof CertificateAuthorityError
    ) {
      io.stderr(`fieldbook server: ${e.message}\n`);
      return EXIT_FAILURE;
    }
    throw e;
  }
}

export const serverCommand: LeafCommand = {
  name: 'server',
  summary: 'run the central sync server and manage its accounts',
  help: HELP,
  run: (args, io) => run(args, io),
};
