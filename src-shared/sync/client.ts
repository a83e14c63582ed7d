/**
 * The client half of the protocol, free of any runtime: the caller injects `fetch` (the
 * renderer's window.fetch, Node's global fetch in tests), so this module runs anywhere and the
 * renderer's RxDB replication (and the tests) share one implementation of the wire rules.
 */
import type {
  ErrorCode,
  ErrorResponse,
  PullResponse,
  PushResponse,
  PushRow,
  ReplicationCheckpoint,
  WireDocument,
} from './protocol';
import { PROTOCOL_VERSION, PROTOCOL_VERSION_HEADER, routes } from './protocol';

/** The parts of a fetch Response this module uses. */
export interface FetchResponseLike {
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}

export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string },
) => Promise<FetchResponseLike>;

export interface SyncEndpoint {
  /** Server base URL without a trailing slash, e.g. `https://sync.example.com`. */
  baseUrl: string;
  /** The current access token (the caller refreshes it on `token_expired`). */
  getToken: () => string | Promise<string>;
  fetch: FetchLike;
}

/** A refused request, with the protocol's error code for the UI to translate. */
export class SyncHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'protocol_mismatch' | 'bad_response',
    message: string,
    readonly body?: ErrorResponse,
  ) {
    super(message);
    this.name = 'SyncHttpError';
  }

  /** Worth retrying later as is (network-side trouble), as opposed to fixing something first. */
  get retryable(): boolean {
    return this.status >= 500 || this.status === 429 || this.status === 0;
  }
}

async function call<T>(
  endpoint: SyncEndpoint,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const headers: Record<string, string> = {
    authorization: `Bearer ${await endpoint.getToken()}`,
    accept: 'application/json',
  };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await endpoint.fetch(endpoint.baseUrl + path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const version = res.headers.get(PROTOCOL_VERSION_HEADER);
  if (version !== null && version !== String(PROTOCOL_VERSION)) {
    throw new SyncHttpError(
      res.status,
      'protocol_mismatch',
      `The server speaks sync protocol ${version}; this app speaks ${PROTOCOL_VERSION}.`,
    );
  }
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    throw new SyncHttpError(res.status, 'bad_response', `Unreadable response (${res.status}).`);
  }
  if (res.status >= 200 && res.status < 300) return parsed as T;
  const err = parsed as ErrorResponse | undefined;
  throw new SyncHttpError(
    res.status,
    err?.code ?? 'internal',
    err?.message ?? `HTTP ${res.status}`,
    err,
  );
}

/** One pull page (RxDB `pull.handler`). */
export function pullPage<D = WireDocument>(
  endpoint: SyncEndpoint,
  collection: string,
  checkpoint: ReplicationCheckpoint | null | undefined,
  limit: number,
): Promise<PullResponse<D>> {
  return call<PullResponse<D>>(endpoint, 'GET', routes.pull(collection, checkpoint, limit));
}

/** One push batch (RxDB `push.handler`); resolves to the conflicting master states. */
export async function pushBatch<D = WireDocument>(
  endpoint: SyncEndpoint,
  collection: string,
  rows: PushRow<D>[],
): Promise<D[]> {
  const res = await call<PushResponse<D>>(endpoint, 'POST', routes.push(collection), rows);
  return res.conflicts;
}

export interface ServerSentEvent {
  event: string;
  data: string;
}

/**
 * Incremental parser of a `text/event-stream` body: feed it text as it arrives, get whole
 * events back. Handles CRLF and LF line ends, multi-line `data:`, comments and chunks that split
 * a line anywhere.
 */
export class ServerSentEventParser {
  private buffer = '';
  private event = '';
  private data: string[] = [];

  push(chunk: string): ServerSentEvent[] {
    this.buffer += chunk;
    const out: ServerSentEvent[] = [];
    for (;;) {
      const nl = this.buffer.search(/\r\n|\r|\n/);
      if (nl < 0) break;
      const lineEnd = this.buffer.startsWith('\r\n', nl) ? nl + 2 : nl + 1;
      // A lone CR at the very end may be the first half of CRLF: wait for the next chunk.
      if (this.buffer[nl] === '\r' && lineEnd === this.buffer.length) break;
      const line = this.buffer.slice(0, nl);
      this.buffer = this.buffer.slice(lineEnd);
      if (line === '') {
        if (this.data.length > 0) {
          out.push({ event: this.event || 'message', data: this.data.join('\n') });
        }
        this.event = '';
        this.data = [];
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      let value = colon < 0 ? '' : line.slice(colon + 1);
      if (value.startsWith(' ')) value = value.slice(1);
      if (field === 'event') this.event = value;
      else if (field === 'data') this.data.push(value);
    }
    return out;
  }
}
