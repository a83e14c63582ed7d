import type { FastifyInstance, FastifyRequest } from 'fastify';
import type {
  AssignCustomerRequest,
  AssignTeamRequest,
  CreateUserRequest,
} from '../../src-shared/sync';
import { routes, USER_ROLES } from '../../src-shared/sync';
import type { ServerContext } from '../context';
import {
  assignCustomer,
  assignTeam,
  createUser,
  listAssignments,
  listUsers,
  unassignCustomer,
} from '../services/accounts';
import { authenticate } from '../services/auth';
import { forbidden } from '../services/errors';

const createUserSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['username', 'password', 'role'],
  properties: {
    username: { type: 'string', minLength: 1, maxLength: 64 },
    password: { type: 'string', minLength: 1, maxLength: 256 },
    role: { type: 'string', enum: [...USER_ROLES] },
  },
} as const;

const assignmentSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['username', 'customerId'],
  properties: {
    username: { type: 'string', minLength: 1, maxLength: 64 },
    customerId: { type: 'string', minLength: 1, maxLength: 64 },
  },
} as const;

const teamSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['engineer', 'lead'],
  properties: {
    engineer: { type: 'string', minLength: 1, maxLength: 64 },
    lead: { type: 'string', minLength: 1, maxLength: 64 },
  },
} as const;

/** Admin-only HTTP API: the same operations as `fieldbook server user add|assign`. */
export function registerAdminRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const { store, tokens } = ctx;

  // Authentication before body parsing: an anonymous caller learns nothing about the body rules.
  const onRequest = async (request: FastifyRequest): Promise<void> => {
    const auth = await authenticate(store, tokens, request);
    if (auth.user.role !== 'admin') throw forbidden('Only an admin may manage users.');
    request.log.info({ adminId: auth.user.id }, 'admin request');
  };

  app.get(routes.adminUsers(), { onRequest }, async () => ({ users: await listUsers(store) }));

  app.post<{ Body: CreateUserRequest }>(
    routes.adminUsers(),
    { onRequest, schema: { body: createUserSchema } },
    async (request, reply) => {
      const user = await createUser(store, request.body);
      return reply.code(201).send(user);
    },
  );

  app.get(routes.adminAssignments(), { onRequest }, async () => listAssignments(store));

  app.post<{ Body: AssignCustomerRequest }>(
    routes.adminAssignments(),
    { onRequest, schema: { body: assignmentSchema } },
    async (request, reply) => {
      await assignCustomer(store, request.body.username, request.body.customerId);
      return reply.code(204).send();
    },
  );

  app.delete<{ Body: AssignCustomerRequest }>(
    routes.adminAssignments(),
    { onRequest, schema: { body: assignmentSchema } },
    async (request, reply) => {
      await unassignCustomer(store, request.body.username, request.body.customerId);
      return reply.code(204).send();
    },
  );

  app.post<{ Body: AssignTeamRequest }>(
    routes.adminTeams(),
    { onRequest, schema: { body: teamSchema } },
    async (request, reply) => {
      await assignTeam(store, request.body.engineer, request.body.lead);
      return reply.code(204).send();
    },
  );
}
