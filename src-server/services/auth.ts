import type { FastifyRequest } from 'fastify';
import type { UserInfo } from '../../src-shared/sync';
import type { Store } from '../store';
import { findUserById, loadScope, type Scope } from './accounts';
import { unauthenticated } from './errors';
import { markAuthenticated } from './connection-guard';
import type { TokenService } from './tokens';

export interface AuthContext {
  user: UserInfo;
  /** Access token expiry, ms since the epoch (live streams end there). */
  expiresAtMs: number;
}

/**
 * The bearer token of a request: the Authorization header, or for the event stream only an
 * `access_token` query parameter (EventSource cannot set headers; logs redact it).
 */
export function bearerToken(request: FastifyRequest, allowQuery: boolean): string | null {
  const header = request.headers.authorization;
  if (typeof header === 'string') {
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m)
      throw unauthenticated('invalid_token', 'The Authorization header is not "Bearer <token>".');
    return m[1] ?? null;
  }
  if (allowQuery) {
    const q = (request.query as Record<string, unknown> | undefined)?.access_token;
    if (typeof q === 'string' && q.length > 0) return q;
  }
  return null;
}

/**
 * Verifies the token and re-reads the user, so a disabled or deleted account, or a token issued
 * before the last password change, is refused at once, and a changed role applies to the next
 * request (not only after the token expires). The connection then no longer counts as
 * unauthenticated (connection-guard.ts).
 */
export async function authenticate(
  store: Store,
  tokens: TokenService,
  request: FastifyRequest,
  allowQueryToken = false,
): Promise<AuthContext> {
  const token = bearerToken(request, allowQueryToken);
  if (!token) throw unauthenticated('unauthenticated', 'Sign in first: no bearer token was sent.');
  const claims = tokens.verifyAccess(token);
  const user = await findUserById(store, claims.sub);
  if (!user || user.disabled) {
    throw unauthenticated(
      'invalid_token',
      'The account of this token no longer exists or is disabled.',
    );
  }
  if ((claims.gen ?? 0) !== user.tokenGeneration) {
    throw unauthenticated(
      'invalid_token',
      'The password of this account was changed since this token was issued; sign in again.',
    );
  }
  markAuthenticated(request.raw.socket);
  return {
    user: { id: user.id, username: user.username, role: user.role },
    expiresAtMs: claims.exp * 1000,
  };
}

export async function scopeOf(store: Store, auth: AuthContext): Promise<Scope> {
  return loadScope(store, auth.user);
}
