import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyServerOptions,
} from 'fastify';
import { join } from 'node:path';
import type { ErrorResponse, HealthResponse } from '../src-shared/sync';
import { PROTOCOL_VERSION, PROTOCOL_VERSION_HEADER, routes } from '../src-shared/sync';
import type { ServerContext } from './context';
import { registerAdminRoutes } from './routes/admin';
import { registerAuthRoutes } from './routes/auth';
import { registerBlobRoutes } from './routes/blobs';
import { registerCertificateRoutes } from './routes/certificates';
import { registerReplicationRoutes } from './routes/replication';
import { ensureAdmin } from './services/accounts';
import { BlobStore } from './services/blob-store';
import {
  CA_SECRET_ENV,
  ensureCertificateAuthority,
  loadCaSecret,
} from './services/certificate-authority';
import { ChangeFeed } from './services/change-feed';
import { HttpError } from './services/errors';
import { loadTokenSecret, TokenService } from './services/tokens';
import { migrate, openStore, type Store } from './store';
import { ensureStatistics } from './store/statistics';

export interface ServerOptions {
  /** Data folder: the embedded database (`db/`) and blobs (`blobs/`). */
  dataDir: string;
  /** PostgreSQL connection string; without it the embedded PGlite is used. */
  databaseUrl?: string;
  /** An already open store (tests share one between restarts); overrides the two above. */
  store?: Store;
  /** Blob folder; defaults to `<dataDir>/blobs`. Instances on one PostgreSQL share it. */
  blobDir?: string;
  /** `false` for silence, or pino options; defaults to info-level JSON lines on stdout. */
  logger?: FastifyServerOptions['logger'];
  accessTokenTtlSeconds?: number;
  refreshTokenTtlSeconds?: number;
  /** Largest JSON body (push batch), bytes. */
  bodyLimitBytes?: number;
  /** Largest blob, bytes. */
  blobLimitBytes?: number;
  /** Clock, ms since the epoch (tests move it to expire tokens). */
  now?: () => number;
  feedPollMs?: number;
  heartbeatMs?: number;
  maxConnections?: number;
  /** Create the first admin when there is none (default true). */
  bootstrapAdmin?: boolean;
  /**
   * Secret that encrypts the CA private key at rest (at least 16 characters); defaults to
   * `FIELDBOOK_CA_SECRET`, else a random secret in `<dataDir>/ca-key.secret`.
   */
  caSecret?: string;
  /** Organisation named in a CA created at this start (O=…); ignored once a CA exists. */
  organisationName?: string;
}

export interface FieldbookServer {
  app: FastifyInstance;
  store: Store;
  /** Credentials of the admin created at this start (print once), or null. */
  firstAdmin: { username: string; password: string } | null;
  listen(port: number, host?: string): Promise<string>;
  /** Stops accepting, ends live streams, finishes in-flight requests, closes the database. */
  close(): Promise<void>;
}

export const DEFAULTS = {
  accessTokenTtlSeconds: 15 * 60,
  refreshTokenTtlSeconds: 30 * 24 * 3600,
  bodyLimitBytes: 16 * 1024 * 1024,
  blobLimitBytes: 64 * 1024 * 1024,
  feedPollMs: 5000,
  heartbeatMs: 15_000,
} as const;

/** How long shutdown waits for in-flight requests before cutting the remaining connections. */
const SHUTDOWN_GRACE_MS = 30_000;

/** Paths and fields that never reach a log line. */
export const LOG_REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'password',
  'token',
  'refreshToken',
  '*.password',
  '*.token',
  '*.refreshToken',
  '*.currentPassword',
  '*.newPassword',
  'body.password',
];

function redactUrl(url: string): string {
  return url.replace(/([?&]access_token=)[^&]*/g, '$1[redacted]');
}

export function defaultLogger(): FastifyServerOptions['logger'] {
  return {
    level: process.env.LOG_LEVEL ?? 'info',
    redact: { paths: LOG_REDACT, censor: '[redacted]' },
    serializers: {
      req(req: { method: string; url: string; ip?: string; id?: string }) {
        return { method: req.method, url: redactUrl(req.url), remoteAddress: req.ip };
      },
    },
  };
}

function errorBody(
  statusCode: number,
  code: ErrorResponse['code'],
  message: string,
): ErrorResponse {
  return { statusCode, code, message };
}

/** Connection-level database failures (PostgreSQL classes 08 and 57P, refused sockets). */
function isDatabaseUnavailable(error: { code?: string }): boolean {
  const code = error.code ?? '';
  return /^(08|57P)/.test(code) || code === 'ECONNREFUSED' || code === 'ECONNRESET';
}

export async function createServer(options: ServerOptions): Promise<FieldbookServer> {
  const now = options.now ?? Date.now;
  const store =
    options.store ??
    (await openStore({
      dataDir: options.dataDir,
      databaseUrl: options.databaseUrl,
      maxConnections: options.maxConnections,
    }));
  const ownsStore = !options.store;

  const app = Fastify({
    logger: options.logger ?? defaultLogger(),
    bodyLimit: options.bodyLimitBytes ?? DEFAULTS.bodyLimitBytes,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    ajv: {
      // Never rewrite a request: no removed properties, no coerced body types.
      customOptions: { removeAdditional: false, useDefaults: false, coerceTypes: 'array' },
    },
  });

  try {
    await migrate(store);
    // PGlite keeps no planner statistics by itself (store/statistics.ts).
    await ensureStatistics(store);
    const secret = await loadTokenSecret(store);
    const firstAdmin = options.bootstrapAdmin === false ? null : await ensureAdmin(store);
    const tokens = new TokenService(
      secret,
      now,
      options.accessTokenTtlSeconds ?? DEFAULTS.accessTokenTtlSeconds,
      options.refreshTokenTtlSeconds ?? DEFAULTS.refreshTokenTtlSeconds,
    );
    const { ca, created: caCreated } = await ensureCertificateAuthority(store, {
      secret: loadCaSecret({
        dataDir: options.dataDir,
        secret: options.caSecret ?? process.env[CA_SECRET_ENV],
      }),
      organisation: options.organisationName,
      now: new Date(now()),
    });
    if (caCreated) app.log.info({ organisation: ca.organisation }, 'certificate authority created');
    // An instance whose CA secret is wrong still serves sync; say why it cannot issue.
    await ca.privateKey().catch((err: unknown) => {
      app.log.warn({ err }, 'the CA private key cannot be opened; enrolment will answer 503');
    });
    const feed = new ChangeFeed(store, app.log, options.feedPollMs ?? DEFAULTS.feedPollMs);
    await feed.start();
    const ctx: ServerContext = {
      store,
      tokens,
      feed,
      blobs: new BlobStore(
        options.blobDir ?? join(options.dataDir, 'blobs'),
        options.blobLimitBytes ?? DEFAULTS.blobLimitBytes,
      ),
      ca,
      heartbeatMs: options.heartbeatMs ?? DEFAULTS.heartbeatMs,
      now,
      streams: new Set(),
    };

    app.addHook('onSend', async (_request, reply, payload) => {
      reply.header(PROTOCOL_VERSION_HEADER, String(PROTOCOL_VERSION));
      return payload;
    });

    app.setErrorHandler((error: FastifyError, request, reply) => {
      if (error instanceof HttpError) {
        const body: ErrorResponse = errorBody(error.statusCode, error.code, error.message);
        if (error.fieldErrors) body.fieldErrors = error.fieldErrors;
        return reply.code(error.statusCode).send(body);
      }
      if (error.validation) {
        return reply.code(400).send(errorBody(400, 'bad_request', error.message));
      }
      if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || error.statusCode === 413) {
        return reply
          .code(413)
          .send(errorBody(413, 'payload_too_large', 'The request body is too large.'));
      }
      if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
        return reply.code(415).send(errorBody(415, 'bad_request', error.message));
      }
      if (error.statusCode === 400) {
        const json = error instanceof SyntaxError || /JSON/i.test(error.code ?? '');
        return reply
          .code(400)
          .send(
            errorBody(
              400,
              json ? 'invalid_json' : 'bad_request',
              json ? `Malformed JSON: ${error.message}` : error.message,
            ),
          );
      }
      if (error.statusCode && error.statusCode < 500) {
        return reply
          .code(error.statusCode)
          .send(errorBody(error.statusCode, 'bad_request', error.message));
      }
      if (isDatabaseUnavailable(error)) {
        request.log.warn({ err: error }, 'database unavailable');
        return reply
          .code(503)
          .send(errorBody(503, 'unavailable', 'The database is unreachable; retry later.'));
      }
      request.log.error({ err: error }, 'request failed');
      return reply
        .code(500)
        .send(errorBody(500, 'internal', 'The server failed; the request can be retried.'));
    });

    app.setNotFoundHandler((request, reply) =>
      reply
        .code(404)
        .send(
          errorBody(404, 'not_found', `No route ${request.method} ${request.url.split('?')[0]}.`),
        ),
    );

    app.get(routes.health(), async (_request, reply) => {
      try {
        await store.query('SELECT 1');
      } catch {
        return reply.code(503).send(errorBody(503, 'unavailable', 'The database is unreachable.'));
      }
      const body: HealthResponse = {
        status: 'ok',
        store: store.kind,
        protocolVersion: PROTOCOL_VERSION,
      };
      return body;
    });

    registerAuthRoutes(app, ctx);
    registerAdminRoutes(app, ctx);
    registerReplicationRoutes(app, ctx);
    registerBlobRoutes(app, ctx);
    registerCertificateRoutes(app, ctx);

    // Live streams never finish by themselves: end them first, or close() would wait forever.
    app.addHook('preClose', (done) => {
      for (const s of [...ctx.streams]) s.end();
      done();
    });

    let closing: Promise<void> | null = null;
    const close = (): Promise<void> => {
      closing ??= (async () => {
        // A keep-alive connection that finishes its last request after close() began is idle
        // only then; close those as they appear, and after a grace period everything left.
        const idle = setInterval(() => app.server.closeIdleConnections(), 100);
        const force = setTimeout(() => app.server.closeAllConnections(), SHUTDOWN_GRACE_MS);
        try {
          await app.close();
        } finally {
          clearInterval(idle);
          clearTimeout(force);
        }
        await feed.close();
        if (ownsStore) await store.close();
      })();
      return closing;
    };

    return {
      app,
      store,
      firstAdmin,
      async listen(port, host = '127.0.0.1') {
        return app.listen({ port, host });
      },
      close,
    };
  } catch (err) {
    await app.close().catch(() => undefined);
    if (ownsStore) await store.close().catch(() => undefined);
    throw err;
  }
}
