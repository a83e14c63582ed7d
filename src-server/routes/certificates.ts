import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { CertificateRequestBody } from '../../src-shared/sync';
import { CSR_MAX_LENGTH, routes } from '../../src-shared/sync';
import type { ServerContext } from '../context';
import { authenticate, type AuthContext } from '../services/auth';
import { issueUserCertificate } from '../services/certificate-authority';

const certificateRequestSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['csr'],
  properties: { csr: { type: 'string', minLength: 1, maxLength: CSR_MAX_LENGTH } },
} as const;

/** A request body well above any CSR but far below the replication body limit. */
const CERTIFICATE_BODY_LIMIT = 64 * 1024;

/**
 * The organisation's CA: its certificate for anyone (readers import it to trust engineers'
 * signatures), and certificates for the engineers' keys on enrolment.
 */
export function registerCertificateRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const { store, tokens, ca } = ctx;

  app.get(routes.caCertificate(), async (_request, reply) =>
    reply
      .type('application/x-pem-file')
      .header('content-disposition', 'attachment; filename="fieldbook-ca.pem"')
      .send(ca.certificatePem),
  );

  const authOf = new WeakMap<FastifyRequest, AuthContext>();
  app.post<{ Body: CertificateRequestBody }>(
    routes.certificates(),
    {
      bodyLimit: CERTIFICATE_BODY_LIMIT,
      // Authentication before body parsing: an anonymous caller gets 401, whatever it sends.
      onRequest: async (request) => {
        authOf.set(request, await authenticate(store, tokens, request));
      },
      schema: { body: certificateRequestSchema },
    },
    async (request, reply) => {
      const auth = authOf.get(request);
      if (!auth) throw new Error('certificate request without authentication');
      const issued = await issueUserCertificate(
        store,
        ca,
        auth.user,
        request.body.csr,
        new Date(ctx.now()),
      );
      request.log.info(
        { userId: auth.user.id, serialNumber: issued.serialNumber },
        'signing certificate issued',
      );
      return reply.code(201).send(issued);
    },
  );
}
