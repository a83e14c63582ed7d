import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { API_PREFIX, SHA256_PATTERN } from '../../src-shared/sync';
import type { ServerContext } from '../context';
import { loadScope, type Scope } from '../services/accounts';
import { authenticate } from '../services/auth';
import { forbidden, HttpError } from '../services/errors';

/**
 * Blobs are stored per customer. The bytes sit on disk once, content-addressed, but a customer
 * has a blob only once it was uploaded for that customer (`blob_grants`):
 *
 * - an upload is accepted from a caller who may write a customer with a live document that
 *   references the blob, and records the blob for each such customer of the caller;
 * - a read is allowed to a caller who may read a customer that has the blob and a live document
 *   referencing it.
 *
 * So knowing a hash, and referencing it from one's own document, reads nothing: the answer is
 * 404 as for a blob nobody uploaded, whether or not another customer has it.
 */
export function registerBlobRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const { store, tokens, blobs } = ctx;
  const path = `${API_PREFIX}/blobs/:sha256`;

  // The upload is streamed to disk while hashed, never buffered whole.
  app.addContentTypeParser('application/octet-stream', (_request, payload, done) => {
    done(null, payload);
  });

  const shaOf = (request: FastifyRequest): string => {
    const sha = (request.params as { sha256: string }).sha256.toLowerCase();
    if (!SHA256_PATTERN.test(sha)) {
      throw new HttpError(400, 'bad_request', 'A blob is named by its SHA-256 in lowercase hex.');
    }
    return sha;
  };

  /** Customers of the caller with a live document referencing the blob (all, for an admin). */
  const referencingCustomers = async (sha: string, scope: Scope): Promise<string[]> => {
    const { rows } = scope.all
      ? await store.query<{ customer_id: string }>(
          'SELECT DISTINCT customer_id FROM blob_refs WHERE sha256 = $1',
          [sha],
        )
      : await store.query<{ customer_id: string }>(
          `SELECT DISTINCT customer_id FROM blob_refs
           WHERE sha256 = $1 AND customer_id = ANY($2::text[])`,
          [sha, scope.list],
        );
    return rows.map((r) => r.customer_id);
  };

  const scopes = new WeakMap<FastifyRequest, { userId: string; scope: Scope }>();
  const authorise = async (request: FastifyRequest): Promise<void> => {
    shaOf(request);
    const auth = await authenticate(store, tokens, request);
    scopes.set(request, { userId: auth.user.id, scope: await loadScope(store, auth.user) });
  };
  const callerOf = (request: FastifyRequest) => {
    const caller = scopes.get(request);
    if (!caller) throw new Error('blob route without authentication');
    return caller;
  };

  app.put(
    path,
    {
      onRequest: async (request) => {
        await authorise(request);
        // Refused before the body is read: nothing is stored for a caller who may not write it.
        const sha = shaOf(request);
        if ((await referencingCustomers(sha, callerOf(request).scope)).length === 0) {
          throw forbidden(
            'No document of your customers references this blob (push the document before its blobs).',
          );
        }
      },
    },
    async (request, reply) => {
      const sha = shaOf(request);
      const { userId, scope } = callerOf(request);
      const declared = Number(request.headers['content-length'] ?? NaN);
      if (Number.isFinite(declared) && declared > blobs.maxBytes) {
        throw new HttpError(413, 'payload_too_large', `A blob is at most ${blobs.maxBytes} bytes.`);
      }
      if (typeof (request.body as Readable | undefined)?.pipe !== 'function') {
        throw new HttpError(415, 'bad_request', 'Send the blob as application/octet-stream.');
      }
      const result = await blobs.put(sha, request.body as Readable);
      // Re-read after the upload: a document may have been deleted meanwhile.
      const customers = await referencingCustomers(sha, scope);
      await store.query(
        'INSERT INTO blobs (sha256, size) VALUES ($1, $2) ON CONFLICT (sha256) DO NOTHING',
        [sha, result.size],
      );
      const { rows } = await store.query(
        `INSERT INTO blob_grants (sha256, customer_id, uploaded_by)
         SELECT $1, unnest($2::text[]), $3 ON CONFLICT DO NOTHING RETURNING customer_id`,
        [sha, customers, userId],
      );
      // "Created" is per customer: whether some other customer had these bytes is not revealed.
      return reply.code(rows.length > 0 ? 201 : 200).send({ sha256: sha, size: result.size });
    },
  );

  app.get(path, { onRequest: authorise }, async (request, reply) => {
    const sha = shaOf(request);
    const { scope } = callerOf(request);
    const customers = await referencingCustomers(sha, scope);
    if (customers.length === 0) {
      throw forbidden('No document of your customers references this blob.');
    }
    const { rows } = await store.query(
      'SELECT 1 FROM blob_grants WHERE sha256 = $1 AND customer_id = ANY($2::text[]) LIMIT 1',
      [sha, customers],
    );
    if (rows.length === 0 || !blobs.has(sha)) {
      throw new HttpError(404, 'not_found', 'This blob was not uploaded for your customers yet.');
    }
    return reply
      .type('application/octet-stream')
      .header('content-length', blobs.size(sha))
      .header('cache-control', 'private, max-age=31536000, immutable')
      .send(blobs.open(sha));
  });
}
