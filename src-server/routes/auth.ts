import type { FastifyInstance } from 'fastify';
import type {
  ChangePasswordRequest,
  LoginRequest,
  RefreshRequest,
  SessionResponse,
  UserInfo,
} from '../../src-shared/sync';
import { routes } from '../../src-shared/sync';
import type { ServerContext } from '../context';
import {
  findUserById,
  findUserByName,
  loadScope,
  publicUser,
  setPassword,
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
    username: { type: 'string', minLength: 1, maxLength: 64 },
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

  const session = async (user: UserInfo, familyId?: string): Promise<SessionResponse> => {
    const access = tokens.issueAccess(user.id, user.role);
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
      const wait = throttle.retryAfterMs(username, request.ip);
      if (wait > 0) {
        const seconds = Math.ceil(wait / 1000);
        void reply.header('retry-after', String(seconds));
        throw new HttpError(
          429,
          'too_many_attempts',
          `Too many failed sign-ins; try again in ${seconds} s.`,
        );
      }
      const user = await findUserByName(store, username);
      // Same work whether or not the user exists: the response time reveals nothing.
      const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
      if (!user || !ok || user.disabled) {
        throttle.fail(username, request.ip);
        request.log.info({ username }, 'login refused');
        throw unauthenticated('invalid_credentials', 'Wrong username or password.');
      }
      throttle.succeed(username, request.ip);
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
    async (request) => {
      const auth = await authenticate(store, tokens, request);
      const user = await findUserById(store, auth.user.id);
      if (!user || !(await verifyPassword(request.body.currentPassword, user.passwordHash))) {
        throw unauthenticated('invalid_credentials', 'The current password is wrong.');
      }
      await setPassword(store, user.id, request.body.newPassword);
      request.log.info({ userId: user.id }, 'password changed');
      // Every session ended with the old password; this one continues in a new session.
      return session(user);
    },
  );

  app.get(routes.me(), async (request) => {
    const auth = await authenticate(store, tokens, request);
    const scope = await loadScope(store, auth.user);
    return { user: auth.user, customerIds: scope.all ? null : scope.list };
  });
}
