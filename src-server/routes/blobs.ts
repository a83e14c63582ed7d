import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { API_PREFIX, SHA256_PATTERN } from '../../src-shared/sync';
import type { ServerContext } from '../context';
import { loadScope } from '../services/accounts';
import { authenticate } from '../services/auth';
import { forbidden, HttpError } from '../services/errors';

/**
 * Blobs are readable (and writable) by whoever may read a live document that references them by
 * a `sha256` field: the evidence of a log entry follows the entry's customer.
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

  const authorise = async (request: FastifyRequest): Promise<void> => {
    const sha = shaOf(request);
    const auth = await authenticate(store, tokens, request);
    const scope = await loadScope(store, auth.user);
    if (scope.all) return;
    const { rows } = await store.query(
      `SELECT 1 FROM blob_refs WHERE sha256 = $1 AND customer_id = ANY($2::text[]) LIMIT 1`,
      [sha, scope.list],
    );
    if (rows.length === 0) {
      throw forbidden(
        'No document of your customers references this blob (push the document before its blobs).',
      );
    }
  };

  app.put(path, { onRequest: authorise }, async (request, reply) => {
    const sha = shaOf(request);
    const declared = Number(request.headers['content-length'] ?? NaN);
    if (Number.isFinite(declared) && declared > blobs.maxBytes) {
      throw new HttpError(413, 'payload_too_large', `A blob is at most ${blobs.maxBytes} bytes.`);
    }
    if (typeof (request.body as Readable | undefined)?.pipe !== 'function') {
      throw new HttpError(415, 'bad_request', 'Send the blob as application/octet-stream.');
    }
    const result = await blobs.put(sha, request.body as Readable);
    await store.query(
      'INSERT INTO blobs (sha256, size) VALUES ($1, $2) ON CONFLICT (sha256) DO NOTHING',
      [sha, result.size],
    );
    return reply.code(result.created ? 201 : 200).send({ sha256: sha, size: result.size });
  });

  app.get(path, { onRequest: authorise }, async (request, reply) => {
    const sha = shaOf(request);
    if (!blobs.has(sha)) throw new HttpError(404, 'not_found', 'This blob was not uploaded yet.');
    return reply
      .type('application/octet-stream')
      .header('content-length', blobs.size(sha))
      .header('cache-control', 'private, max-age=31536000, immutable')
      .send(blobs.open(sha));
  });
}
