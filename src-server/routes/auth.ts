import type { FastifyInstance, FastifyReply } from 'fastify';
import type {
  ChangePasswordRequest,
  LoginRequest,
  RefreshRequest,
  SessionResponse,
} from '../../src-shared/sync';
import { routes } from '../../src-shared/sync';
import type { ServerContext } from '../context';
import {
  findUserById,
  findUserByName,
  loadScope,
  publicUser,
  setPassword,
  type UserRow,
} from '../services/accounts';
import { authenticate } from '../services/auth';
import { HttpError, unauthenticated } from '../services/errors';
import { LoginThrottle } from '../services/login-throttle';
import { dummyPasswordHash, verifyPassword } from '../services/passwords';

const loginSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['username', 'password'],
  properties: {
    // No control characters (a NUL reached PostgreSQL and answered 500); the account rules
    // themselves are checked where accounts are made (accounts.ts).
    username: { type: 'string', minLength: 1, maxLength: 64, pattern: '^[^\\u0000-\\u001f]+$' },
    password: { type: 'string', minLength: 1, maxLength: 256 },
  },
} as const;

const passwordSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['currentPassword', 'newPassword'],
  properties: {
    currentPassword: { type: 'string', minLength: 1, maxLength: 256 },
    newPassword: { type: 'string', minLength: 1, maxLength: 256 },
  },
} as const;

const refreshSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['refreshToken'],
  properties: { refreshToken: { type: 'string', minLength: 1, maxLength: 200 } },
} as const;

export function registerAuthRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const { store, tokens } = ctx;
  const throttle = new LoginThrottle(ctx.now);

  const refuseIfThrottled = (key: string, address: string, reply: FastifyReply): void => {
    const wait = throttle.attempt(key, address);
    if (wait > 0) {
      const seconds = Math.ceil(wait / 1000);
      void reply.header('retry-after', String(seconds));
      throw new HttpError(
        429,
        'too_many_attempts',
        `Too many failed attempts; try again in ${seconds} s.`,
      );
    }
  };

  const session = async (user: UserRow, familyId?: string): Promise<SessionResponse> => {
    const access = tokens.issueAccess(user.id, user.role, user.tokenGeneration);
    const refresh = await tokens.issueRefresh(store, user.id, familyId);
    return {
      token: access.token,
      expiresAt: access.expiresAt.toISOString(),
      refreshToken: refresh.refreshToken,
      refreshExpiresAt: refresh.expiresAt.toISOString(),
      user: publicUser(user),
    };
  };

  app.post<{ Body: LoginRequest }>(
    routes.login(),
    { schema: { body: loginSchema } },
    async (request, reply) => {
      const { username, password } = request.body;
      refuseIfThrottled(`login\u0000${username}`, request.ip, reply);
      const user = await findUserByName(store, username);
      // Same work whether or not the user exists: the response time reveals nothing.
      const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
      if (!user || !ok || user.disabled) {
        request.log.info({ username }, 'login refused');
        throw unauthenticated('invalid_credentials', 'Wrong username or password.');
      }
      throttle.succeed(`login\u0000${username}`, request.ip);
      request.log.info({ userId: user.id }, 'login');
      return session(user);
    },
  );

  app.post<{ Body: RefreshRequest }>(
    routes.refresh(),
    { schema: { body: refreshSchema } },
    async (request) => {
      const { userId, familyId } = await tokens.consumeRefresh(store, request.body.refreshToken);
      const user = await findUserById(store, userId);
      if (!user || user.disabled) {
        throw unauthenticated(
          'invalid_refresh_token',
          'The account no longer exists or is disabled.',
        );
      }
      return session(user, familyId);
    },
  );

  app.post<{ Body: RefreshRequest }>(
    routes.logout(),
    { schema: { body: refreshSchema } },
    async (request, reply) => {
      await tokens.revokeFamilyOf(store, request.body.refreshToken);
      return reply.code(204).send();
    },
  );

  app.post<{ Body: ChangePasswordRequest }>(
    routes.password(),
    { schema: { body: passwordSchema } },
    async (request, reply) => {
      const auth = await authenticate(store, tokens, request);
      // Guessing the current password with a stolen access token is throttled like sign-in.
      const key = `password\u0000${auth.user.id}`;
      refuseIfThrottled(key, request.ip, reply);
      const user = await findUserById(store, auth.user.id);
      if (!user || !(await verifyPassword(request.body.currentPassword, user.passwordHash))) {
        throw unauthenticated('invalid_credentials', 'The current password is wrong.');
      }
      throttle.succeed(key, request.ip);
      await setPassword(store, user.id, request.body.newPassword);
      request.log.info({ userId: user.id }, 'password changed');
      // Every session ended with the old password; this one continues in a new session.
      const changed = await findUserById(store, user.id);
      if (!changed) throw unauthenticated('invalid_token', 'The account no longer exists.');
      return session(changed);
    },
  );

  app.get(routes.me(), async (request) => {
    const auth = await authenticate(store, tokens, request);
    const scope = await loadScope(store, auth.user);
    return { user: auth.user, customerIds: scope.all ? null : scope.list };
  });
}
