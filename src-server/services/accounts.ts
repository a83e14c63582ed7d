import { createHash, randomUUID } from 'node:crypto';
import type { UserInfo, UserRole } from '../../src-shared/sync';
import { USER_ROLES } from '../../src-shared/sync';
import type { SqlClient } from '../store';
import { HttpError } from './errors';
import {
  generatePassword,
  hashPassword,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  type ScryptParams,
} from './passwords';

export const USERNAME_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;
/** Same rule as document ids (src-shared/db/schemas/common.ts). */
export const CUSTOMER_ID_PATTERN = /^[0-9A-Za-z_-]{1,64}$/;

export interface UserRow extends UserInfo {
  disabled: boolean;
  passwordHash: string;
  /** Bumped by every password change; access tokens of an older generation are refused. */
  tokenGeneration: number;
}

interface DbUser {
  id: string;
  username: string;
  role: UserRole;
  disabled: boolean;
  password_hash: string;
  token_generation: number;
}

const USER_COLUMNS = 'id, username, role, disabled, password_hash, token_generation';

function toUser(r: DbUser): UserRow {
  return {
    id: r.id,
    username: r.username,
    role: r.role,
    disabled: r.disabled,
    passwordHash: r.password_hash,
    tokenGeneration: Number(r.token_generation),
  };
}

export function publicUser(u: UserInfo): UserInfo {
  return { id: u.id, username: u.username, role: u.role };
}

/**
 * The account named `username`, in any case: usernames are unique case-insensitively (migration
 * 003), so `Engineer1` signs in as `engineer1`; the stored spelling is what the server returns.
 */
export async function findUserByName(db: SqlClient, username: string): Promise<UserRow | null> {
  const { rows } = await db.query<DbUser>(
    `SELECT ${USER_COLUMNS} FROM users WHERE lower(username) = lower($1)`,
    [username],
  );
  return rows[0] ? toUser(rows[0]) : null;
}

export async function findUserById(db: SqlClient, id: string): Promise<UserRow | null> {
  const { rows } = await db.query<DbUser>(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1`, [id]);
  return rows[0] ? toUser(rows[0]) : null;
}

export async function listUsers(db: SqlClient): Promise<UserInfo[]> {
  const { rows } = await db.query<DbUser>(`SELECT ${USER_COLUMNS} FROM users ORDER BY username`);
  return rows.map((r) => publicUser(toUser(r)));
}

export function checkNewUser(username: string, password: string, role: string): void {
  if (!USERNAME_PATTERN.test(username)) {
    throw new HttpError(
      400,
      'bad_request',
      'A username is 1–64 letters, digits, dots, dashes or underscores.',
    );
  }
  if (password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH) {
    throw new HttpError(
      400,
      'bad_request',
      `A password has ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters.`,
    );
  }
  if (!(USER_ROLES as readonly string[]).includes(role)) {
    throw new HttpError(400, 'bad_request', `The role must be one of ${USER_ROLES.join(', ')}.`);
  }
}

export async function createUser(
  db: SqlClient,
  input: { username: string; password: string; role: UserRole },
  scrypt?: ScryptParams,
): Promise<UserInfo> {
  checkNewUser(input.username, input.password, input.role);
  const passwordHash = await hashPassword(input.password, scrypt);
  const id = randomUUID();
  // No conflict target: the unique index on lower(username) refuses `Engineer1` beside
  // `engineer1` as well as an exact repeat.
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO users (id, username, role, password_hash) VALUES ($1, $2, $3, $4)
     ON CONFLICT DO NOTHING RETURNING id`,
    [id, input.username, input.role, passwordHash],
  );
  if (rows.length === 0) {
    throw new HttpError(
      409,
      'conflict',
      `The user ${input.username} already exists (usernames are unique regardless of case).`,
    );
  }
  return { id, username: input.username, role: input.role };
}

export async function setPassword(db: SqlClient, userId: string, password: string): Promise<void> {
  if (password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH) {
    throw new HttpError(
      400,
      'bad_request',
      `A password has ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters.`,
    );
  }
  // A new password ends every session of the account: its refresh tokens, and (through the
  // generation) its access tokens at their next use.
  await db.query(
    'UPDATE users SET password_hash = $2, token_generation = token_generation + 1 WHERE id = $1',
    [userId, await hashPassword(password)],
  );
  await db.query('UPDATE refresh_tokens SET revoked = true WHERE user_id = $1', [userId]);
}

async function requireUser(db: SqlClient, username: string): Promise<UserRow> {
  const user = await findUserByName(db, username);
  if (!user) throw new HttpError(404, 'not_found', `There is no user ${username}.`);
  return user;
}

/** Assigns a customer to an engineer or a lead. Idempotent. */
export async function assignCustomer(
  db: SqlClient,
  username: string,
  customerId: string,
): Promise<void> {
  if (!CUSTOMER_ID_PATTERN.test(customerId)) {
    throw new HttpError(400, 'bad_request', 'A customer id is 1–64 letters, digits, - or _.');
  }
  const user = await requireUser(db, username);
  if (user.role === 'admin') {
    throw new HttpError(
      400,
      'bad_request',
      'Admins see every customer; assign engineers or leads.',
    );
  }
  await db.query(
    `INSERT INTO customer_assignments (customer_id, user_id) VALUES ($1, $2)
     ON CONFLICT DO NOTHING`,
    [customerId, user.id],
  );
  await notifyScopeChange(db);
}

export async function unassignCustomer(
  db: SqlClient,
  username: string,
  customerId: string,
): Promise<boolean> {
  const user = await requireUser(db, username);
  const { rows } = await db.query(
    'DELETE FROM customer_assignments WHERE customer_id = $1 AND user_id = $2 RETURNING user_id',
    [customerId, user.id],
  );
  await notifyScopeChange(db);
  return rows.length > 0;
}

/** Puts an engineer on a lead's team. Idempotent. */
export async function assignTeam(db: SqlClient, engineer: string, lead: string): Promise<void> {
  const e = await requireUser(db, engineer);
  const l = await requireUser(db, lead);
  if (e.role !== 'engineer')
    throw new HttpError(400, 'bad_request', `${engineer} is not an engineer.`);
  if (l.role !== 'lead') throw new HttpError(400, 'bad_request', `${lead} is not a lead.`);
  await db.query(
    'INSERT INTO team_members (lead_id, engineer_id) VALUES ($1, $2) ON CONFLICT DO NOTHING',
    [l.id, e.id],
  );
  await notifyScopeChange(db);
}

export interface AssignmentRow {
  username: string;
  customerId: string;
}

export async function listAssignments(db: SqlClient): Promise<{
  customers: AssignmentRow[];
  teams: { lead: string; engineer: string }[];
}> {
  const customers = await db.query<{ username: string; customer_id: string }>(
    `SELECT u.username, a.customer_id FROM customer_assignments a JOIN users u ON u.id = a.user_id
     ORDER BY u.username, a.customer_id`,
  );
  const teams = await db.query<{ lead: string; engineer: string }>(
    `SELECT l.username AS lead, e.username AS engineer FROM team_members t
     JOIN users l ON l.id = t.lead_id JOIN users e ON e.id = t.engineer_id
     ORDER BY l.username, e.username`,
  );
  return {
    customers: customers.rows.map((r) => ({ username: r.username, customerId: r.customer_id })),
    teams: teams.rows,
  };
}

/** Channel on which assignment changes are announced, so live streams re-scope. */
export const SCOPE_CHANNEL = 'fieldbook_scope';

async function notifyScopeChange(db: SqlClient): Promise<void> {
  await db.query('SELECT pg_notify($1, $2)', [SCOPE_CHANNEL, 'changed']);
}

/** Creates the first admin when there is none; returns its one-time password, else null. */
export async function ensureAdmin(
  db: SqlClient,
): Promise<{ username: string; password: string } | null> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM users WHERE role = 'admin' AND NOT disabled`,
  );
  if ((rows[0]?.n ?? 0) > 0) return null;
  const password = generatePassword(20);
  let username = 'admin';
  for (let i = 2; await findUserByName(db, username); i++) username = `admin${i}`;
  await createUser(db, { username, password, role: 'admin' });
  return { username, password };
}

/**
 * What a user may read and write: every customer (admin) or a set of customer ids. `tag` is a
 * short digest of the set; checkpoints carry it so a pull notices when the scope changed.
 */
export type Scope =
  | { all: true; tag: 'all' }
  | { all: false; customerIds: ReadonlySet<string>; list: string[]; tag: string };

export async function loadScope(db: SqlClient, user: UserInfo): Promise<Scope> {
  if (user.role === 'admin') return { all: true, tag: 'all' };
  const { rows } = await db.query<{ customer_id: string }>(
    user.role === 'lead'
      ? `SELECT customer_id FROM customer_assignments WHERE user_id = $1
         UNION
         SELECT a.customer_id FROM customer_assignments a
         JOIN team_members t ON t.engineer_id = a.user_id WHERE t.lead_id = $1`
      : 'SELECT customer_id FROM customer_assignments WHERE user_id = $1',
    [user.id],
  );
  const list = rows.map((r) => r.customer_id).sort();
  const tag = createHash('sha256').update(list.join('\n')).digest('hex').slice(0, 12);
  return { all: false, customerIds: new Set(list), list, tag };
}

export function inScope(scope: Scope, customerId: string): boolean {
  return scope.all || scope.customerIds.has(customerId);
}

/** Logs the renames migration 003 made to usernames that differed only in case. */
export async function logUsernameRenames(
  db: SqlClient,
  log: { warn(obj: object, msg: string): void },
): Promise<void> {
  const { rows } = await db.query<{ old_username: string; new_username: string }>(
    'SELECT old_username, new_username FROM username_renames ORDER BY renamed_at, user_id',
  );
  for (const r of rows) {
    log.warn(
      { from: r.old_username, to: r.new_username },
      'username renamed: it differed only in case from an older account; tell its owner',
    );
  }
}
