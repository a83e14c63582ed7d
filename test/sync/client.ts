/**
 * A minimal protocol client over real HTTP (fetch), for the tests: what the app's RxDB
 * replication handlers will do, without RxDB.
 */
import type {
  ErrorResponse,
  PullResponse,
  PushResponse,
  PushRow,
  ReplicationCheckpoint,
  SessionResponse,
  WireDocument,
} from '../../src-shared/sync';
import { routes, STREAM_EVENT_DOCUMENTS, STREAM_EVENT_RESYNC } from '../../src-shared/sync';

export interface HttpResult<T> {
  status: number;
  body: T;
}

export async function request<T = unknown>(
  base: string,
  path: string,
  init: {
    method?: string;
    token?: string;
    json?: unknown;
    body?: BodyInit;
    headers?: Record<string, string>;
  } = {},
): Promise<HttpResult<T>> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  let body = init.body;
  if (init.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(init.json);
  }
  const res = await fetch(base + path, { method: init.method ?? 'GET', headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  if ((res.headers.get('content-type') ?? '').includes('json') && text) parsed = JSON.parse(text);
  return { status: res.status, body: parsed as T };
}

export class SyncClient {
  token = '';
  refreshToken = '';
  /** The signed-in account, as the login response named it. */
  user: SessionResponse['user'] | null = null;

  constructor(readonly base: string) {}

  static async login(base: string, username: string, password: string): Promise<SyncClient> {
    const c = new SyncClient(base);
    const res = await request<SessionResponse | ErrorResponse>(base, routes.login(), {
      method: 'POST',
      json: { username, password },
    });
    if (res.status !== 200)
      throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
    const s = res.body as SessionResponse;
    c.token = s.token;
    c.refreshToken = s.refreshToken;
    c.user = s.user;
    return c;
  }

  pullRaw(collection: string, checkpoint?: ReplicationCheckpoint | null, limit?: number) {
    return request<PullResponse | ErrorResponse>(
      this.base,
      routes.pull(collection, checkpoint, limit),
      {
        token: this.token,
      },
    );
  }

  async pull(
    collection: string,
    checkpoint?: ReplicationCheckpoint | null,
    limit?: number,
  ): Promise<PullResponse> {
    const res = await this.pullRaw(collection, checkpoint, limit);
    if (res.status !== 200) throw new Error(`pull: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as PullResponse;
  }

  /** Pulls until the server says nothing more follows; every document and the final checkpoint. */
  async pullAll(
    collection: string,
    from: ReplicationCheckpoint | null = null,
    limit = 100,
  ): Promise<{ documents: WireDocument[]; checkpoint: ReplicationCheckpoint | null }> {
    const documents: WireDocument[] = [];
    let checkpoint = from;
    for (;;) {
      const page = await this.pull(collection, checkpoint, limit);
      documents.push(...page.documents);
      checkpoint = page.checkpoint;
      if (!page.more) return { documents, checkpoint };
    }
  }

  pushRaw(collection: string, rows: unknown) {
    return request<PushResponse | ErrorResponse>(this.base, routes.push(collection), {
      method: 'POST',
      token: this.token,
      json: rows,
    });
  }

  async push(collection: string, rows: PushRow[]): Promise<WireDocument[]> {
    const res = await this.pushRaw(collection, rows);
    if (res.status !== 200) throw new Error(`push: ${res.status} ${JSON.stringify(res.body)}`);
    return (res.body as PushResponse).conflicts;
  }

  /** Opens the event stream; events are collected until `close()`. */
  async stream(collection: string): Promise<EventStream> {
    const controller = new AbortController();
    const res = await fetch(this.base + routes.stream(collection), {
      headers: { authorization: `Bearer ${this.token}`, accept: 'text/event-stream' },
      signal: controller.signal,
    });
    if (res.status !== 200 || !res.body) throw new Error(`stream: ${res.status}`);
    return new EventStream(res.body, controller);
  }
}

export interface StreamEvent {
  event: string;
  data: unknown;
}

export class EventStream {
  readonly events: StreamEvent[] = [];
  ended = false;
  private waiters: (() => void)[] = [];
  private readonly listeners: ((e: StreamEvent) => void)[] = [];

  /** Called for every event from now on (RxDB's pull.stream$ is fed from here). */
  onEvent(listener: (e: StreamEvent) => void): void {
    this.listeners.push(listener);
  }

  constructor(
    body: ReadableStream<Uint8Array>,
    private readonly controller: AbortController,
  ) {
    void this.read(body);
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of body) {
        buffer += decoder.decode(chunk, { stream: true });
        let idx: number;
        while ((idx = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, idx);
          buffer = buffer.slice(idx + 2);
          let event = 'message';
          let data = '';
          for (const line of block.split('\n')) {
            if (line.startsWith('event: ')) event = line.slice(7);
            else if (line.startsWith('data: ')) data += line.slice(6);
          }
          if (data) {
            const e = { event, data: JSON.parse(data) as unknown };
            this.events.push(e);
            for (const l of this.listeners) l(e);
          }
          this.wake();
        }
      }
    } catch {
      // aborted
    }
    this.ended = true;
    this.wake();
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  /** Resolves when `predicate` holds over the events received so far. */
  async waitFor(predicate: (events: StreamEvent[]) => boolean, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.events)) {
      if (this.ended) throw new Error('stream ended');
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(`timed out waiting; got ${JSON.stringify(this.events).slice(0, 500)}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  documents(): WireDocument[] {
    return this.events
      .filter((e) => e.event === STREAM_EVENT_DOCUMENTS)
      .flatMap((e) => (e.data as PullResponse).documents);
  }

  resyncs(): number {
    return this.events.filter((e) => e.event === STREAM_EVENT_RESYNC).length;
  }

  close(): void {
    this.controller.abort();
  }
}
