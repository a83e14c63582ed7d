import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyServerOptions,
} from 'fastify';
import { Ajv } from 'ajv';
import { join } from 'node:path';
import type { ErrorResponse, HealthResponse } from '../src-shared/sync';
import { PROTOCOL_VERSION, PROTOCOL_VERSION_HEADER, routes } from '../src-shared/sync';
import type { ServerContext } from './context';
import { registerAdminRoutes } from './routes/admin';
import { registerAuthRoutes } from './routes/auth';
import { registerBlobRoutes } from './routes/blobs';
import { registerCertificateRoutes } from './routes/certificates';
import { registerReplicationRoutes } from './routes/replication';
import { ensureAdmin, logUsernameRenames } from './services/accounts';
import { BlobStore } from './services/blob-store';
import {
  CA_SECRET_ENV,
  ensureCertificateAuthority,
  loadCaSecret,
} from './services/certificate-authority';
import { ChangeFeed } from './services/change-feed';
import { HttpError } from './services/errors';
import { guardConnections } from './services/connection-guard';
import { sealStoredSecrets, ServerSecrets } from './services/server-secrets';
import { TokenService } from './services/tokens';
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
  /** Time to receive a request's headers, ms (slow-header attacks). */
  headersTimeoutMs?: number;
  /** Time to receive a whole request, headers and body, ms (bounds a blob upload too). */
  requestTimeoutMs?: number;
  /** A socket with no traffic at all for this long is closed, ms. */
  connectionTimeoutMs?: number;
  /** An idle keep-alive connection is closed after this long, ms. */
  keepAliveTimeoutMs?: number;
  /** Time a request on a not yet authenticated connection has to arrive completely, ms. */
  unauthenticatedRequestTimeoutMs?: number;
  /** Open connections per remote address before one of them authenticated. */
  maxUnauthenticatedConnectionsPerAddress?: number;
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
  headersTimeoutMs: 20_000,
  // A 64 MiB blob needs about 220 KB/s to make it.
  requestTimeoutMs: 5 * 60_000,
  // Above the stream heartbeat (15 s): a live stream is never idle that long.
  connectionTimeoutMs: 2 * 60_000,
  keepAliveTimeoutMs: 72_000,
  unauthenticatedRequestTimeoutMs: 15_000,
  maxUnauthenticatedConnectionsPerAddress: 64,
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

/**
 * Request parts are validated by two Ajv instances: bodies exactly as sent (no coercion: Fastify's
 * default would turn `{"password": ["pw"]}` into `"pw"`, `{"csr": [pem]}` into a PEM), and the
 * query string, parameters and headers with scalar coercion (they are text on the wire).
 */
function validatorCompiler(): Parameters<FastifyInstance['setValidatorCompiler']>[0] {
  const base = { allErrors: false, removeAdditional: false, useDefaults: false, strict: false };
  const body = new Ajv({ ...base, coerceTypes: false });
  const text = new Ajv({ ...base, coerceTypes: true });
  return ({ schema, httpPart }) =>
    (httpPart === 'body' ? body : text).compile(schema as Parameters<Ajv['compile']>[0]);
}

/** PostgreSQL refusing a character it cannot store (a NUL byte in text): the caller's fault. */
function isUnstorableCharacter(error: { code?: string }): boolean {
  return error.code === '22021' || error.code === '22P05';
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

  const headersTimeout = options.headersTimeoutMs ?? DEFAULTS.headersTimeoutMs;
  const requestTimeout = Math.max(
    headersTimeout,
    options.requestTimeoutMs ?? DEFAULTS.requestTimeoutMs,
  );
  const app = Fastify({
    logger: options.logger ?? defaultLogger(),
    bodyLimit: options.bodyLimitBytes ?? DEFAULTS.bodyLimitBytes,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    // Fastify's defaults are "no timeout": a trickled body would hold its socket forever.
    connectionTimeout: options.connectionTimeoutMs ?? DEFAULTS.connectionTimeoutMs,
    keepAliveTimeout: options.keepAliveTimeoutMs ?? DEFAULTS.keepAliveTimeoutMs,
    requestTimeout,
    http: {
      headersTimeout,
      requestTimeout,
      // Node checks the two timeouts above only this often (30 s by default).
      connectionsCheckingInterval: Math.max(100, Math.min(5000, Math.floor(headersTimeout / 4))),
    },
  });
  app.setValidatorCompiler(validatorCompiler());
  guardConnections(
    app,
    app.server,
    {
      maxUnauthenticatedPerAddress:
        options.maxUnauthenticatedConnectionsPerAddress ??
        DEFAULTS.maxUnauthenticatedConnectionsPerAddress,
      unauthenticatedRequestTimeoutMs:
        options.unauthenticatedRequestTimeoutMs ?? DEFAULTS.unauthenticatedRequestTimeoutMs,
    },
    app.log,
  );

  try {
    await migrate(store);
    const serverSecret = loadCaSecret({
      dataDir: options.dataDir,
      secret: options.caSecret ?? process.env[CA_SECRET_ENV],
    });
    const secrets = await ServerSecrets.load(store, serverSecret);
    if (!secrets.available) {
      app.log.error(
        "this instance's CA secret is not the one the stored secrets were encrypted with: " +
          'collections with secret fields answer 503',
      );
    }
    const sealedNow = await sealStoredSecrets(store, secrets);
    if (sealedNow > 0) app.log.info({ documents: sealedNow }, 'secret fields encrypted at rest');
    await logUsernameRenames(store, app.log);
    // PGlite keeps no planner statistics by itself (store/statistics.ts).
    await ensureStatistics(store);
    const firstAdmin = options.bootstrapAdmin === false ? null : await ensureAdmin(store);
    const tokens = new TokenService(
      secrets.tokenKey,
      now,
      options.accessTokenTtlSeconds ?? DEFAULTS.accessTokenTtlSeconds,
      options.refreshTokenTtlSeconds ?? DEFAULTS.refreshTokenTtlSeconds,
    );
    const { ca, created: caCreated } = await ensureCertificateAuthority(store, {
      secret: serverSecret,
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
        // A partial upload older than any request may last is a crashed one (another instance
        // sharing the folder may be writing younger ones).
        requestTimeout + 60_000,
      ),
      secrets,
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
      if (isUnstorableCharacter(error)) {
        request.log.info({ code: error.code }, 'request refused: unstorable character');
        return reply
          .code(400)
          .send(
            errorBody(400, 'bad_request', 'The request contains a character that is not allowed.'),
          );
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
