import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CollectionName } from '../../src-shared/db/types';
import type { PushRow } from '../../src-shared/sync';
import {
  API_PREFIX,
  isReplicatedCollection,
  PULL_LIMIT_DEFAULT,
  PULL_LIMIT_MAX,
  PUSH_BATCH_MAX,
  STREAM_EVENT_DOCUMENTS,
  STREAM_EVENT_RESYNC,
} from '../../src-shared/sync';
import type { ServerContext } from '../context';
import { loadScope, type Scope } from '../services/accounts';
import { authenticate, type AuthContext } from '../services/auth';
import type { FeedSubscriber } from '../services/change-feed';
import { HttpError } from '../services/errors';
import { decodeCheckpoint, pull, push, validatePush } from '../services/replication';

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthContext | null;
  }
}

// The row limit is checked before this schema (413, PROTOCOL.md §4), not by `maxItems` (400).
const pushBodySchema = {
  type: 'array',
  items: {
    type: 'object',
    required: ['newDocumentState'],
    properties: {
      // Shapes only: the documents themselves are checked against the collection schema (422).
      assumedMasterState: { type: ['object', 'null'] },
      newDocumentState: { type: 'object' },
    },
  },
} as const;

const pullQuerySchema = {
  type: 'object',
  properties: {
    checkpoint: { type: 'string', maxLength: 100 },
    limit: { type: 'integer', minimum: 1, maximum: PULL_LIMIT_MAX },
  },
} as const;

function collectionOf(request: FastifyRequest): CollectionName {
  const name = (request.params as { collection: string }).collection;
  if (!isReplicatedCollection(name)) {
    throw new HttpError(404, 'unknown_collection', `There is no collection ${name}.`);
  }
  return name;
}

function authOf(request: FastifyRequest): AuthContext {
  if (!request.auth) throw new Error('route registered without authentication');
  return request.auth;
}

export function registerReplicationRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const { store, tokens } = ctx;
  const base = `${API_PREFIX}/replication/:collection`;

  const requireUser = (allowQueryToken: boolean) => async (request: FastifyRequest) => {
    request.auth = await authenticate(store, tokens, request, allowQueryToken);
    // Unknown collections are refused before the body is read.
    collectionOf(request);
  };

  app.get<{ Querystring: { checkpoint?: string; limit?: number } }>(
    `${base}/pull`,
    { onRequest: requireUser(false), schema: { querystring: pullQuerySchema } },
    async (request, reply) => {
      const collection = collectionOf(request);
      const auth = authOf(request);
      const { checkpoint: raw, limit = PULL_LIMIT_DEFAULT } = request.query;
      const checkpoint = raw ? decodeCheckpoint(raw) : null;
      if (raw && !checkpoint) {
        throw new HttpError(400, 'bad_request', 'The checkpoint was not issued by this server.');
      }
      const scope = await loadScope(store, auth.user);
      const result = await pull(store, collection, scope, checkpoint, limit);
      // Stored JSON is sent as stored: no parse and re-serialise of every document, except the
      // collections with secret fields, which are decrypted (server-secrets.ts).
      const documents = result.documents.map((d) => ctx.secrets.openText(collection, d));
      return reply
        .type('application/json; charset=utf-8')
        .send(
          `{"documents":[${documents.join(',')}],"checkpoint":${JSON.stringify({ position: result.checkpoint })},"more":${result.more}}`,
        );
    },
  );

  app.post<{ Body: PushRow[] }>(
    `${base}/push`,
    {
      onRequest: requireUser(false),
      preValidation: (request, _reply, done) => {
        const body = request.body;
        if (Array.isArray(body) && body.length > PUSH_BATCH_MAX) {
          done(
            new HttpError(
              413,
              'payload_too_large',
              `A push carries at most ${PUSH_BATCH_MAX} rows (this one ${body.length}); nothing was written.`,
            ),
          );
          return;
        }
        done();
      },
      schema: { body: pushBodySchema },
    },
    async (request) => {
      const collection = collectionOf(request);
      const auth = authOf(request);
      const rows = request.body;
      validatePush(collection, rows);
      const scope = await loadScope(store, auth.user);
      // Secret fields are stored sealed; sealing is deterministic, so the push path compares
      // sealed states exactly as it compared clear ones.
      const sealed = rows.map((row) => ({
        assumedMasterState: ctx.secrets.sealDocument(collection, row.assumedMasterState),
        newDocumentState: ctx.secrets.sealDocument(collection, row.newDocumentState),
      }));
      const result = await push(
        store,
        { collection, userId: auth.user.id, role: auth.user.role, scope },
        sealed,
      );
      request.log.info(
        {
          collection,
          rows: rows.length,
          written: result.written,
          conflicts: result.conflicts.length,
        },
        'push',
      );
      return { conflicts: result.conflicts.map((d) => ctx.secrets.openDocument(collection, d)) };
    },
  );

  app.get(`${base}/stream`, { onRequest: requireUser(true) }, async (request, reply) => {
    const collection = collectionOf(request);
    const auth = authOf(request);
    await openStream(ctx, request, reply, collection, auth, await loadScope(store, auth.user));
  });
}

/** Over this many unsent bytes the client is not keeping up: drop it, it resyncs on reconnect. */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

async function openStream(
  ctx: ServerContext,
  request: FastifyRequest,
  reply: FastifyReply,
  collection: CollectionName,
  auth: AuthContext,
  initialScope: Scope,
): Promise<void> {
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });

  let ended = false;
  // Until the resync signal is out, feed events are dropped: RxDB would take their checkpoint
  // as its own and then resync from there, skipping what lies between its old checkpoint and
  // them. The resync pull, which runs after the signal, covers them.
  let resyncSent = false;
  let unsubscribe: (() => void) | null = null;
  const timers: NodeJS.Timeout[] = [];
  const handle = { end: () => finish() };

  const write = (chunk: string): void => {
    if (ended) return;
    res.write(chunk);
    if (res.writableLength > MAX_BUFFERED_BYTES) {
      request.log.warn({ collection }, 'stream client too slow; closing');
      finish();
    }
  };
  const finish = (): void => {
    if (ended) return;
    ended = true;
    for (const t of timers) clearTimeout(t);
    unsubscribe?.();
    ctx.streams.delete(handle);
    res.end();
  };

  const subscriber: FeedSubscriber = {
    collection,
    scope: initialScope,
    onDocuments(stored, checkpoint) {
      if (!resyncSent) return;
      let documents: string[];
      try {
        documents = stored.map((d) => ctx.secrets.openText(collection, d));
      } catch (err) {
        request.log.warn({ err, collection }, 'stream documents cannot be decrypted; closing');
        finish();
        return;
      }
      write(
        `event: ${STREAM_EVENT_DOCUMENTS}\ndata: {"documents":[${documents.join(',')}],` +
          `"checkpoint":${JSON.stringify({ position: checkpoint })}}\n\n`,
      );
    },
    onScopeChanged() {
      loadScope(ctx.store, auth.user).then(
        (scope) => {
          if (scope.tag === subscriber.scope.tag) return;
          subscriber.scope = scope;
          write(`event: ${STREAM_EVENT_RESYNC}\ndata: {}\n\n`);
        },
        () => finish(),
      );
    },
  };

  ctx.streams.add(handle);
  res.on('close', finish);
  try {
    unsubscribe = await ctx.feed.subscribe(subscriber);
  } catch (err) {
    request.log.warn({ err }, 'stream subscription failed');
    finish();
    return;
  }
  if (ended) {
    unsubscribe();
    return;
  }
  // The client pulls from its checkpoint now; from here on the feed delivers every commit.
  write(`event: ${STREAM_EVENT_RESYNC}\ndata: {}\n\n`);
  resyncSent = true;

  const heartbeat = setInterval(() => write(`: keep-alive\n\n`), ctx.heartbeatMs);
  timers.push(heartbeat);
  // The stream lives no longer than its token; the client reconnects with a refreshed one.
  const remaining = Math.max(0, auth.expiresAtMs - ctx.now());
  timers.push(setTimeout(finish, Math.min(remaining, 2 ** 31 - 1)));
}
