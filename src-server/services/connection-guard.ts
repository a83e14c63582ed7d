import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/**
 * Keeps slow or idle strangers from holding the server's sockets (and file descriptors).
 *
 * - A connection is "unauthenticated" until one of its requests presents a valid access token
 *   (services/auth.ts marks it). Each remote address may hold at most
 *   `maxUnauthenticatedPerAddress` such connections; further ones are closed as they arrive.
 *   Signed-in clients (live streams, uploads) never count, so one busy office behind NAT is not
 *   throttled by its own sync traffic.
 * - A request on an unauthenticated connection must have arrived completely (headers and body)
 *   within `unauthenticatedRequestTimeoutMs`, or its connection is closed: a sign-in body is a
 *   few hundred bytes, a trickled one is an attack. Authenticated requests (blob uploads) are
 *   bounded by the server-wide request timeout only.
 *
 * The node-level timeouts (headers, whole request, idle socket, keep-alive) are set in app.ts.
 */
const authenticatedSockets = new WeakSet<Socket>();

export function markAuthenticated(socket: Socket | null | undefined): void {
  if (socket) authenticatedSockets.add(socket);
}

export function isAuthenticated(socket: Socket): boolean {
  return authenticatedSockets.has(socket);
}

export interface ConnectionGuardOptions {
  maxUnauthenticatedPerAddress: number;
  unauthenticatedRequestTimeoutMs: number;
}

export function guardConnections(
  app: FastifyInstance,
  server: Server,
  options: ConnectionGuardOptions,
  log: FastifyBaseLogger,
): void {
  const byAddress = new Map<string, Set<Socket>>();
  let lastWarning = 0;

  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? '';
    let sockets = byAddress.get(address);
    if (!sockets) {
      sockets = new Set();
      byAddress.set(address, sockets);
    }
    let unauthenticated = 0;
    for (const s of sockets) if (!authenticatedSockets.has(s)) unauthenticated += 1;
    if (unauthenticated >= options.maxUnauthenticatedPerAddress) {
      socket.destroy();
      if (sockets.size === 0) byAddress.delete(address);
      // One line per 10 s at most: the log must not become the next thing to exhaust.
      if (Date.now() - lastWarning > 10_000) {
        lastWarning = Date.now();
        log.warn(
          { remoteAddress: address, limit: options.maxUnauthenticatedPerAddress },
          'too many unauthenticated connections from one address; closing new ones',
        );
      }
      return;
    }
    sockets.add(socket);
    socket.once('close', () => {
      const set = byAddress.get(address);
      set?.delete(socket);
      if (set && set.size === 0) byAddress.delete(address);
    });
  });

  app.addHook('onRequest', (request, reply, done) => {
    const socket = request.raw.socket;
    if (!authenticatedSockets.has(socket)) {
      const timer = setTimeout(() => {
        if (!request.raw.complete && !authenticatedSockets.has(socket)) socket.destroy();
      }, options.unauthenticatedRequestTimeoutMs);
      timer.unref();
      reply.raw.once('close', () => clearTimeout(timer));
      reply.raw.once('finish', () => clearTimeout(timer));
    }
    done();
  });
}
