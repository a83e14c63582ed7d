import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { UserRole } from '../../src-shared/sync';
import type { SqlClient, Store } from '../store';
import { unauthenticated } from './errors';

/**
 * Access tokens: `fb1.<payload>.<signature>` (base64url), HMAC-SHA256 with a key derived from the
 * server secret outside the database (server-secrets.ts), so every instance sharing that secret
 * accepts the tokens of the others and a database dump cannot forge them. A token carries its
 * account's token generation (`gen`), bumped by a password change: older tokens are refused at
 * once (services/auth.ts). Short-lived; refresh tokens (random, stored as SHA-256, single use,
 * rotated on every refresh) keep a session going. Presenting an already used refresh token
 * revokes its whole family: someone replayed a stolen copy.
 */
export interface AccessClaims {
  sub: string;
  role: UserRole;
  /** Seconds since the epoch. */
  iat: number;
  exp: number;
  /** The account's token generation at issue; absent in tokens of older servers (= 0). */
  gen?: number;
}

const TOKEN_PREFIX = 'fb1';

function b64url(buf: Buffer): string {
  return buf.toString('base64url');
}

export class TokenService {
  constructor(
    private readonly secret: Buffer,
    private readonly now: () => number,
    readonly accessTtlSeconds: number,
    readonly refreshTtlSeconds: number,
  ) {}

  private sign(payload: string): string {
    return b64url(createHmac('sha256', this.secret).update(payload).digest());
  }

  issueAccess(
    userId: string,
    role: UserRole,
    generation: number,
  ): { token: string; expiresAt: Date } {
    const iat = Math.floor(this.now() / 1000);
    const claims: AccessClaims = {
      sub: userId,
      role,
      iat,
      exp: iat + this.accessTtlSeconds,
      gen: generation,
    };
    const payload = b64url(Buffer.from(JSON.stringify(claims)));
    const body = `${TOKEN_PREFIX}.${payload}`;
    return { token: `${body}.${this.sign(body)}`, expiresAt: new Date(claims.exp * 1000) };
  }

  verifyAccess(token: string): AccessClaims {
    const parts = token.split('.');
    if (parts.length !== 3 || parts[0] !== TOKEN_PREFIX) {
      throw unauthenticated('invalid_token', 'The access token is malformed.');
    }
    const body = `${parts[0]}.${parts[1]}`;
    const expected = Buffer.from(this.sign(body));
    const actual = Buffer.from(parts[2] ?? '');
    if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) {
      throw unauthenticated('invalid_token', 'The access token signature is not valid.');
    }
    let claims: AccessClaims;
    try {
      claims = JSON.parse(
        Buffer.from(parts[1] ?? '', 'base64url').toString('utf8'),
      ) as AccessClaims;
    } catch {
      throw unauthenticated('invalid_token', 'The access token is malformed.');
    }
    if (typeof claims.exp !== 'number' || claims.exp * 1000 <= this.now()) {
      throw unauthenticated('token_expired', 'The access token has expired; refresh it.');
    }
    return claims;
  }

  async issueRefresh(
    db: SqlClient,
    userId: string,
    familyId: string = randomUUID(),
  ): Promise<{ refreshToken: string; expiresAt: Date }> {
    const refreshToken = b64url(randomBytes(32));
    const expiresAt = new Date(this.now() + this.refreshTtlSeconds * 1000);
    await db.query(
      `INSERT INTO refresh_tokens (token_hash, user_id, family_id, expires_at)
       VALUES ($1, $2, $3, $4)`,
      [hashRefreshToken(refreshToken), userId, familyId, expiresAt.toISOString()],
    );
    return { refreshToken, expiresAt };
  }

  /**
   * Retires `refreshToken` and returns its user and family for a new pair. Throws 401 when it is
   * unknown, expired or revoked; when it was already used, also revokes the family.
   */
  async consumeRefresh(
    store: Store,
    refreshToken: string,
  ): Promise<{ userId: string; familyId: string }> {
    const hash = hashRefreshToken(refreshToken);
    const outcome = await store.transaction(async (tx) => {
      const { rows } = await tx.query<{
        user_id: string;
        family_id: string;
        expires_at: string | Date;
        used_at: string | Date | null;
        revoked: boolean;
      }>(
        `SELECT user_id, family_id, expires_at, used_at, revoked FROM refresh_tokens
         WHERE token_hash = $1 FOR UPDATE`,
        [hash],
      );
      const row = rows[0];
      if (!row) return { ok: false as const, reason: 'The refresh token is not valid.' };
      if (row.revoked) return { ok: false as const, reason: 'The session was revoked.' };
      if (row.used_at !== null) {
        await tx.query('UPDATE refresh_tokens SET revoked = true WHERE family_id = $1', [
          row.family_id,
        ]);
        return {
          ok: false as const,
          reason: 'The refresh token was already used; the session is revoked.',
        };
      }
      if (new Date(row.expires_at).getTime() <= this.now()) {
        return { ok: false as const, reason: 'The session has expired; sign in again.' };
      }
      await tx.query('UPDATE refresh_tokens SET used_at = $2 WHERE token_hash = $1', [
        hash,
        new Date(this.now()).toISOString(),
      ]);
      return { ok: true as const, userId: row.user_id, familyId: row.family_id };
    });
    if (!outcome.ok) throw unauthenticated('invalid_refresh_token', outcome.reason);
    return { userId: outcome.userId, familyId: outcome.familyId };
  }

  async revokeFamilyOf(store: Store, refreshToken: string): Promise<void> {
    await store.query(
      `UPDATE refresh_tokens SET revoked = true
       WHERE family_id = (SELECT family_id FROM refresh_tokens WHERE token_hash = $1)`,
      [hashRefreshToken(refreshToken)],
    );
  }
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
