import type { FastifyInstance } from 'fastify';
import type {
  LoginRequest,
  RefreshRequest,
  SessionResponse,
  UserInfo,
} from '../../src-shared/sync';
import { routes } from '../../src-shared/sync';
import type { ServerContext } from '../context';
import { findUserById, findUserByName, loadScope, publicUser } from '../services/accounts';
import { authenticate } from '../services/auth';
import { unauthenticated } from '../services/errors';
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

const refreshSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['refreshToken'],
  properties: { refreshToken: { type: 'string', minLength: 1, maxLength: 200 } },
} as const;

export function registerAuthRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const { store, tokens } = ctx;

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
    async (request) => {
      const { username, password } = request.body;
      const user = await findUserByName(store, username);
      // Same work whether or not the user exists: the response time reveals nothing.
      const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
      if (!user || !ok || user.disabled) {
        request.log.info({ username }, 'login refused');
        throw unauthenticated('invalid_credentials', 'Wrong username or password.');
      }
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

  app.get(routes.me(), async (request) => {
    const auth = await authenticate(store, tokens, request);
    const scope = await loadScope(store, auth.user);
    return { user: auth.user, customerIds: scope.all ? null : scope.list };
  });
}
