/**
 * The laptop's session with the central sync server, and the transport of the renderer's
 * replication (DesktopApi `sync`). Plain Node, no `electron`: vitest runs it against the real
 * server in-process.
 *
 * - Sign-in checks the server's protocol version (`/healthz`), logs in, and stores the session in
 *   `<dir>/session.json`: the account in clear (shown offline), the refresh token encrypted with
 *   the same `SecretProtector` as the database key. The access token lives in memory only; after
 *   a restart the first request refreshes it.
 * - Refresh tokens are single use (PROTOCOL.md §1): the new one is written to disk before the new
 *   access token is used, and refreshes are serialised so two requests never spend one token.
 * - Expected failures (offline, wrong password, throttled, session ended) are returned as
 *   `SyncResult` values with a stable code; the renderer words them.
 * - Live changes: while a session exists and the renderer polls, one SSE stream per collection is
 *   held open and its events are appended to a bounded in-memory log read by `waitForChanges`.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type {
  BlobUploadOutcome,
  LocalBlobsSweep,
  SyncAccount,
  SyncChanges,
  SyncFailure,
  SyncFailureCode,
  SyncPullInput,
  SyncPushInput,
  SyncResult,
  SyncSessionState,
  SyncSignInInput,
  SyncStreamEvent,
  SyncWaitInput,
} from '../../src-shared/ipc/contract';
import {
  pullPage,
  pushBatch,
  ServerSentEventParser,
  SyncHttpError,
} from '../../src-shared/sync/client';
import type { FetchLike, SyncEndpoint } from '../../src-shared/sync/client';
import {
  PROTOCOL_VERSION,
  PROTOCOL_VERSION_HEADER,
  REPLICATED_COLLECTIONS,
  routes,
  STREAM_EVENT_DOCUMENTS,
  STREAM_EVENT_RESYNC,
} from '../../src-shared/sync/protocol';
import type {
  ErrorResponse,
  HealthResponse,
  PullResponse,
  SessionResponse,
  UserInfo,
  WireDocument,
} from '../../src-shared/sync/protocol';
import { readTextIfExists, writeJsonFileAtomic } from './atomic-file';
import type { BlobStore } from './blob-store';
import type { SecretProtector } from './key-store';

const SESSION_FILE = 'session.json';
const SESSION_FILE_FORMAT = 1;
/** Digests the server is known to hold, per account (`uploadLocalBlobs`). */
const BLOBS_ON_SERVER_FILE = 'blobs-on-server.json';
/** Blob checks run this many at a time during `uploadLocalBlobs`. */
const BLOB_SWEEP_CONCURRENCY = 4;

interface BlobsOnServerFile {
  format: 1;
  /** `<user id>@<server URL>`: another account starts from nothing. */
  account: string;
  hashes: string[];
}

/** What the session file holds; the tokens only inside `ciphertext`. */
interface SessionFile {
  format: typeof SESSION_FILE_FORMAT;
  protector: string;
  account: SyncAccount;
  /** base64 of the protector's ciphertext of `StoredSecrets` as JSON; absent once expired. */
  ciphertext?: string;
}

interface StoredSecrets {
  refreshToken: string;
  refreshExpiresAt: string;
}

function isSessionFile(value: unknown): value is SessionFile {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  const account = v['account'] as Record<string, unknown> | undefined;
  return (
    v['format'] === SESSION_FILE_FORMAT &&
    typeof v['protector'] === 'string' &&
    typeof account === 'object' &&
    account !== null &&
    typeof account['serverUrl'] === 'string' &&
    typeof account['user'] === 'object' &&
    (v['ciphertext'] === undefined || typeof v['ciphertext'] === 'string')
  );
}

/**
 * Called after every successful sign-in, once the session is stored, in the background: the
 * sign-in answers without waiting for it (`afterSignInSettled` says when it has ended). The hook
 * point for certificate enrolment: it may call the server as the signed-in user through
 * `request`. A failure is logged and does not undo the sign-in.
 */
export type OnSignedIn = (context: {
  account: SyncAccount;
  /** An authenticated request to the server (path under the base URL), token refreshed as needed. */
  request: (path: string, init?: { method?: string; body?: string }) => Promise<Response>;
}) => Promise<void>;

export interface SyncSessionOptions {
  /** Folder of the session file (`<userData>/sync`). */
  dir: string;
  /** Encrypts the refresh token at rest. */
  protector: SecretProtector;
  /** Source of uploads and target of downloads. */
  blobStore: BlobStore;
  /** Injected for tests; the global fetch by default. */
  fetch?: typeof fetch;
  /** Clock, ms since the epoch. */
  now?: () => number;
  /** Per-request timeout (not for streams), ms; default 30 s. */
  requestTimeoutMs?: number;
  /** First reconnection delay of a dropped stream, ms (doubles up to 30 s); default 1 s. */
  streamRetryMs?: number;
  /** Longest reconnection delay of a dropped stream, ms; default 30 s. */
  streamRetryMaxMs?: number;
  onSignedIn?: OnSignedIn;
  /** Where warnings go (never with a token in them); console.warn by default. */
  warn?: (message: string) => void;
}

/** Thrown inside the service to carry a failure to the method's result. */
class Failure extends Error {
  constructor(readonly failure: SyncFailure) {
    super(failure.message);
    this.name = 'SyncFailure';
  }
}

function fail(code: SyncFailureCode, message: string, extra: Partial<SyncFailure> = {}): never {
  throw new Failure({ code, message, ...extra });
}

/** How long before its expiry an access token is refreshed, so it does not expire in flight. */
const ACCESS_TOKEN_MARGIN_MS = 30_000;
/** Events kept for `waitForChanges`; a poller further behind gets a resync instead. */
const EVENT_LOG_LIMIT = 1000;
const DEFAULT_WAIT_MS = 25_000;
const STREAM_RETRY_MAX_MS = 30_000;

function failureOfHttpError(error: SyncHttpError): SyncFailure {
  const base = { message: error.message, status: error.status };
  if (error.code === 'protocol_mismatch') return { code: 'protocol_mismatch', ...base };
  if (error.status === 0) return { code: 'unreachable', ...base };
  if (error.code === 'invalid_credentials') return { code: 'invalid_credentials', ...base };
  if (error.status === 401) return { code: 'session_expired', ...base };
  if (error.status === 403) return { code: 'forbidden', ...base };
  if (error.status === 422 && error.code === 'invalid_document') {
    return { code: 'invalid_document', ...base };
  }
  if (error.status === 429) return { code: 'too_many_attempts', ...base };
  return { code: 'server_error', ...base };
}

function toFailure(error: unknown): SyncFailure | null {
  if (error instanceof Failure) return error.failure;
  if (error instanceof SyncHttpError) return failureOfHttpError(error);
  return null;
}

async function readErrorBody(res: Response): Promise<ErrorResponse | undefined> {
  try {
    return (await res.json()) as ErrorResponse;
  } catch {
    return undefined;
  }
}

export class SyncSession {
  private readonly fetchImpl: typeof fetch;
  private readonly now: () => number;
  private readonly timeoutMs: number;
  private readonly warn: (message: string) => void;

  /** The stored session, loaded lazily from disk. `undefined` = not loaded yet. */
  private file: SessionFile | null | undefined;
  private loading: Promise<SessionFile | null> | undefined;
  private access: { token: string; expiresAtMs: number } | null = null;
  private refreshing: Promise<string> | null = null;
  /** Bumped on every sign-in and sign-out: work of an older session does not touch the new one. */
  private generation = 0;
  /** The after-sign-in steps started so far, chained; never rejects (runSignedInHook warns). */
  private afterSignIn: Promise<void> = Promise.resolve();

  private readonly events: { seq: number; event: SyncStreamEvent }[] = [];
  private seq = 0;
  private waiters: (() => void)[] = [];
  private streams: { controller: AbortController; connected: Set<string> } | null = null;
  private closed = false;

  constructor(private readonly options: SyncSessionOptions) {
    this.fetchImpl = options.fetch ?? fetch;
    this.now = options.now ?? Date.now;
    this.timeoutMs = options.requestTimeoutMs ?? 30_000;
    this.warn = options.warn ?? ((message) => console.warn(message));
  }

  get path(): string {
    return join(this.options.dir, SESSION_FILE);
  }

  // --- session ------------------------------------------------------------------------------

  async getSession(): Promise<SyncSessionState> {
    const file = await this.load();
    return file
      ? { account: structuredClone(file.account), expired: file.ciphertext === undefined }
      : { account: null, expired: false };
  }

  async signIn(input: SyncSignInInput): Promise<SyncResult<SyncAccount>> {
    return this.result(async () => {
      const serverUrl = input.serverUrl.replace(/\/+$/, '');
      await this.checkServer(serverUrl);
      const res = await this.send(serverUrl + routes.login(), {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ username: input.username, password: input.password }),
      });
      if (res.status === 429) {
        const retryAfter = Number(res.headers.get('retry-after') ?? '');
        const body = await readErrorBody(res);
        fail('too_many_attempts', body?.message ?? 'Too many failed sign-ins.', {
          status: 429,
          ...(Number.isFinite(retryAfter) && retryAfter > 0
            ? { retryAfterSeconds: retryAfter }
            : {}),
        });
      }
      if (res.status === 401) {
        const body = await readErrorBody(res);
        fail('invalid_credentials', body?.message ?? 'Wrong username or password.', {
          status: 401,
        });
      }
      if (res.status !== 200) {
        const body = await readErrorBody(res);
        fail('server_error', body?.message ?? `Sign-in answered HTTP ${res.status}.`, {
          status: res.status,
        });
      }
      const session = (await res.json()) as SessionResponse;
      const account: SyncAccount = {
        serverUrl,
        user: { id: session.user.id, username: session.user.username, role: session.user.role },
        signedInAt: new Date(this.now()).toISOString(),
      };
      this.stopStreams();
      this.generation += 1;
      await this.store(account, session);
      this.access = { token: session.token, expiresAtMs: Date.parse(session.expiresAt) };
      this.signalSessionChange();
      // Enrolment runs after the answer, not before it: it took 8.6–19.5 s of the sign-in on a
      // loaded 2-core machine (key, CA, certificate request), during which the app could not
      // start syncing. Sign-ins' steps run one after another; signing waits for them.
      this.afterSignIn = this.afterSignIn.then(() => this.runSignedInHook(account));
      return structuredClone(account);
    });
  }

  async signOut(): Promise<void> {
    const file = await this.load();
    const secrets = file ? this.secretsOf(file) : null;
    this.stopStreams();
    this.generation += 1;
    this.access = null;
    this.refreshing = null;
    this.file = null;
    await rm(this.path, { force: true });
    this.signalSessionChange();
    if (file && secrets) {
      // Best effort: ends the token family on the server; offline, it simply expires there.
      try {
        await this.send(file.account.serverUrl + routes.logout(), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ refreshToken: secrets.refreshToken }),
        });
      } catch {
        // Unreachable: nothing else to do.
      }
    }
  }

  /**
   * Resolves once the after-sign-in step (certificate enrolment) of every sign-in so far has
   * ended, done or failed (a failure is a warning, never a rejection); at once when none runs.
   */
  afterSignInSettled(): Promise<void> {
    return this.afterSignIn;
  }

  /** Stops the live streams and wakes every poller; the service is unusable afterwards. */
  close(): void {
    this.closed = true;
    this.stopStreams();
    for (const wake of this.waiters.splice(0)) wake();
  }

  // --- replication --------------------------------------------------------------------------

  pull(input: SyncPullInput): Promise<SyncResult<PullResponse>> {
    return this.result(() =>
      this.withToken((endpoint) =>
        pullPage(endpoint, input.collection, input.checkpoint, input.limit),
      ),
    );
  }

  push(input: SyncPushInput): Promise<SyncResult<WireDocument[]>> {
    return this.result(() =>
      this.withToken((endpoint) => pushBatch(endpoint, input.collection, input.rows)),
    );
  }

  uploadBlob(sha256: string): Promise<SyncResult<BlobUploadOutcome>> {
    return this.result(async () => {
      const outcome = await this.uploadOne(sha256);
      if (outcome !== 'missing-locally') await this.rememberOnServer([sha256]);
      return outcome;
    });
  }

  uploadLocalBlobs(): Promise<SyncResult<LocalBlobsSweep>> {
    return this.result(async () => {
      const known = await this.blobsOnServer();
      const todo = (await this.options.blobStore.list()).filter((h) => !known.has(h));
      const confirmed: string[] = [];
      let uploaded = 0;
      let refused = 0;
      let next = 0;
      const worker = async () => {
        while (next < todo.length) {
          const sha256 = todo[next++]!;
          try {
            const outcome = await this.uploadOne(sha256);
            if (outcome === 'missing-locally') continue;
            if (outcome === 'uploaded') uploaded += 1;
            confirmed.push(sha256);
          } catch (error) {
            // No document of this account references it on the server yet: its push uploads it.
            if (toFailure(error)?.code !== 'forbidden') throw error;
            refused += 1;
          }
        }
      };
      try {
        await Promise.all(Array.from({ length: BLOB_SWEEP_CONCURRENCY }, worker));
      } finally {
        // What was confirmed before a failure is not asked again.
        await this.rememberOnServer(confirmed);
      }
      return { onServer: [...(await this.blobsOnServer())], uploaded, refused };
    });
  }

  /** HEAD, then PUT when the server lacks the blob. */
  private async uploadOne(sha256: string): Promise<BlobUploadOutcome> {
    if (!(await this.options.blobStore.has(sha256))) return 'missing-locally';
    const head = await this.authorized(routes.blob(sha256), { method: 'HEAD' });
    if (head.status === 200) return 'present';
    if (head.status !== 404) await this.raise(head);
    const bytes = await this.options.blobStore.get(sha256);
    if (bytes === null) return 'missing-locally';
    const put = await this.authorized(routes.blob(sha256), {
      method: 'PUT',
      headers: { 'content-type': 'application/octet-stream' },
      body: bytes,
    });
    if (put.status === 201) return 'uploaded';
    if (put.status === 200) return 'present';
    return this.raise(put);
  }

  private blobsKnown: { account: string; hashes: Set<string> } | null = null;

  private get blobsPath(): string {
    return join(this.options.dir, BLOBS_ON_SERVER_FILE);
  }

  /** The digests known to be on the server for the signed-in account. */
  private async blobsOnServer(): Promise<Set<string>> {
    const file = await this.current();
    const account = `${file.account.user.id}@${file.account.serverUrl}`;
    if (this.blobsKnown?.account === account) return this.blobsKnown.hashes;
    let hashes = new Set<string>();
    const text = await readTextIfExists(this.blobsPath);
    if (text !== null) {
      try {
        const parsed = JSON.parse(text) as Partial<BlobsOnServerFile>;
        if (parsed.format === 1 && parsed.account === account && Array.isArray(parsed.hashes)) {
          hashes = new Set(parsed.hashes.filter((h) => typeof h === 'string'));
        }
      } catch {
        // Unreadable: every local blob is checked again, which is only slower.
      }
    }
    this.blobsKnown = { account, hashes };
    return hashes;
  }

  private async rememberOnServer(hashes: string[]): Promise<void> {
    if (hashes.length === 0) return;
    const known = await this.blobsOnServer();
    const before = known.size;
    for (const h of hashes) known.add(h);
    if (known.size === before || !this.blobsKnown) return;
    const file: BlobsOnServerFile = {
      format: 1,
      account: this.blobsKnown.account,
      hashes: [...known],
    };
    await writeJsonFileAtomic(this.blobsPath, file);
  }

  downloadBlob(sha256: string): Promise<SyncResult<boolean>> {
    return this.result(async () => {
      const res = await this.authorized(routes.blob(sha256), { method: 'GET' });
      if (res.status === 404) return false;
      if (res.status !== 200) await this.raise(res);
      const bytes = new Uint8Array(await res.arrayBuffer());
      const ref = await this.options.blobStore.put(bytes, 'download', 'application/octet-stream');
      if (ref.sha256 !== sha256) {
        // BlobStore named it by its real digest; the wrong bytes are not what was asked for.
        fail('server_error', `The server's bytes for ${sha256} hash to ${ref.sha256}.`);
      }
      await this.rememberOnServer([sha256]);
      return true;
    });
  }

  async waitForChanges(input: SyncWaitInput): Promise<SyncResult<SyncChanges>> {
    const file = await this.load();
    if (!file) return { ok: false, error: { code: 'not_signed_in', message: 'Not signed in.' } };
    if (file.ciphertext === undefined) {
      return { ok: false, error: { code: 'session_expired', message: 'Sign in again.' } };
    }
    this.startStreams(file);
    const firstKept = this.events[0]?.seq ?? this.seq + 1;
    const cursor = input.cursor;
    // No cursor yet, or one older than what is kept: the renderer pulls every collection.
    if (cursor === null || cursor < firstKept - 1 || cursor > this.seq) {
      return {
        ok: true,
        value: {
          cursor: this.seq,
          online: this.isOnline(),
          events: REPLICATED_COLLECTIONS.map((collection) => ({ collection, kind: 'resync' })),
        },
      };
    }
    if (cursor === this.seq && !this.closed) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, input.timeoutMs ?? DEFAULT_WAIT_MS);
        const waiters = this.waiters;
        function done() {
          clearTimeout(timer);
          const i = waiters.indexOf(done);
          if (i >= 0) waiters.splice(i, 1);
          resolve();
        }
        waiters.push(done);
      });
    }
    const events = this.events.filter((e) => e.seq > cursor).map((e) => e.event);
    return { ok: true, value: { cursor: this.seq, online: this.isOnline(), events } };
  }

  // --- internals: storage -------------------------------------------------------------------

  private load(): Promise<SessionFile | null> {
    if (this.file !== undefined) return Promise.resolve(this.file);
    this.loading ??= this.readFile().then((file) => {
      this.file ??= file;
      this.loading = undefined;
      return this.file;
    });
    return this.loading;
  }

  private async readFile(): Promise<SessionFile | null> {
    const text = await readTextIfExists(this.path);
    if (text === null) return null;
    try {
      const parsed: unknown = JSON.parse(text);
      if (isSessionFile(parsed)) return parsed;
    } catch {
      // Reported below.
    }
    this.warn(`[sync] ${this.path} is unreadable; signed out.`);
    return null;
  }

  private async store(account: SyncAccount, session: SessionResponse): Promise<void> {
    const secrets: StoredSecrets = {
      refreshToken: session.refreshToken,
      refreshExpiresAt: session.refreshExpiresAt,
    };
    const file: SessionFile = {
      format: SESSION_FILE_FORMAT,
      protector: this.options.protector.kind,
      account,
      ciphertext: this.options.protector
        .encrypt(Buffer.from(JSON.stringify(secrets), 'utf8'))
        .toString('base64'),
    };
    await this.writeSessionFile(file);
  }

  private async writeSessionFile(file: SessionFile): Promise<void> {
    await writeJsonFileAtomic(this.path, file);
    this.file = file;
  }

  private secretsOf(file: SessionFile): StoredSecrets | null {
    if (file.ciphertext === undefined) return null;
    if (file.protector !== this.options.protector.kind) return null;
    try {
      const plain = this.options.protector.decrypt(Buffer.from(file.ciphertext, 'base64'));
      return JSON.parse(plain.toString('utf8')) as StoredSecrets;
    } catch {
      this.warn('[sync] The stored session could not be decrypted; sign in again.');
      return null;
    }
  }

  /** Keeps the account (shown, local data kept) but drops the tokens: sign in again. */
  private async expire(generation: number, reason: string): Promise<never> {
    const file = this.file;
    if (generation === this.generation && file && file.ciphertext !== undefined) {
      this.access = null;
      this.stopStreams();
      const expired: SessionFile = {
        format: file.format,
        protector: file.protector,
        account: file.account,
      };
      await this.writeSessionFile(expired);
      this.signalSessionChange();
    }
    return fail('session_expired', reason, { status: 401 });
  }

  // --- internals: tokens and requests -------------------------------------------------------

  private async current(): Promise<SessionFile> {
    const file = await this.load();
    if (!file) fail('not_signed_in', 'Not signed in.');
    if (file.ciphertext === undefined) fail('session_expired', 'The session ended; sign in again.');
    return file;
  }

  /** A valid access token, refreshing when there is none or it is about to expire. */
  private async token(forceRefresh = false): Promise<string> {
    const file = await this.current();
    if (
      !forceRefresh &&
      this.access &&
      this.access.expiresAtMs - ACCESS_TOKEN_MARGIN_MS > this.now()
    ) {
      return this.access.token;
    }
    if (forceRefresh) this.access = null;
    this.refreshing ??= this.refresh(file).finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async refresh(file: SessionFile): Promise<string> {
    const generation = this.generation;
    const secrets = this.secretsOf(file);
    if (!secrets)
      return this.expire(generation, 'The stored session cannot be read; sign in again.');
    const res = await this.send(file.account.serverUrl + routes.refresh(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ refreshToken: secrets.refreshToken }),
    });
    if (res.status === 401) {
      const body = await readErrorBody(res);
      return this.expire(generation, body?.message ?? 'The session ended; sign in again.');
    }
    if (res.status !== 200) {
      const body = await readErrorBody(res);
      fail('server_error', body?.message ?? `Token refresh answered HTTP ${res.status}.`, {
        status: res.status,
      });
    }
    const session = (await res.json()) as SessionResponse;
    if (generation !== this.generation) fail('not_signed_in', 'Signed out meanwhile.');
    // Single-use refresh tokens: persist the new one before anything uses the new access token.
    const user: UserInfo = session.user;
    await this.store({ ...file.account, user }, session);
    this.access = { token: session.token, expiresAtMs: Date.parse(session.expiresAt) };
    return session.token;
  }

  /** Runs `action` with the protocol client's endpoint; on an expired token refreshes once. */
  private async withToken<T>(action: (endpoint: SyncEndpoint) => Promise<T>): Promise<T> {
    const file = await this.current();
    const endpoint = (token: string): SyncEndpoint => ({
      baseUrl: file.account.serverUrl,
      getToken: () => token,
      fetch: this.fetchLike,
    });
    try {
      return await action(endpoint(await this.token()));
    } catch (error) {
      if (!(error instanceof SyncHttpError) || error.status !== 401) throw error;
      return action(endpoint(await this.token(true)));
    }
  }

  /** A raw authenticated request (blobs, the sign-in hook), with one refresh on 401. */
  private async authorized(
    path: string,
    init: { method: string; headers?: Record<string, string>; body?: Uint8Array | string },
  ): Promise<Response> {
    const file = await this.current();
    const generation = this.generation;
    const attempt = async (token: string) =>
      this.send(file.account.serverUrl + path, {
        method: init.method,
        headers: { ...init.headers, authorization: `Bearer ${token}` },
        body: init.body as BodyInit | undefined,
      });
    let res = await attempt(await this.token());
    if (res.status === 401) res = await attempt(await this.token(true));
    if (res.status === 401) return this.expire(generation, 'The server refused the session.');
    return res;
  }

  private async raise(res: Response): Promise<never> {
    const body = await readErrorBody(res);
    throw new SyncHttpError(
      res.status,
      body?.code ?? 'internal',
      body?.message ?? `HTTP ${res.status}`,
      body,
    );
  }

  /** fetch with a timeout; no answer at all becomes `unreachable`; a foreign protocol is refused. */
  private async send(url: string, init: RequestInit): Promise<Response> {
    let res: Response;
    try {
      res = await this.fetchImpl(url, { ...init, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      fail('unreachable', `No answer from ${new URL(url).origin}${cause ? ` (${cause})` : ''}.`);
    }
    const version = res.headers.get(PROTOCOL_VERSION_HEADER);
    if (version !== null && version !== String(PROTOCOL_VERSION)) {
      fail(
        'protocol_mismatch',
        `The server speaks sync protocol ${version}; this app speaks ${PROTOCOL_VERSION}.`,
        { status: res.status },
      );
    }
    return res;
  }

  private readonly fetchLike: FetchLike = (url, init) => this.send(url, init);

  private async checkServer(serverUrl: string): Promise<void> {
    const res = await this.send(serverUrl + routes.health(), {
      method: 'GET',
      headers: { accept: 'application/json' },
    });
    let health: Partial<HealthResponse> | undefined;
    try {
      health = (await res.json()) as Partial<HealthResponse>;
    } catch {
      health = undefined;
    }
    if (typeof health?.protocolVersion !== 'number') {
      fail('server_error', `${serverUrl} does not answer like a Fieldbook sync server.`, {
        status: res.status,
      });
    }
    if (health.protocolVersion !== PROTOCOL_VERSION) {
      fail(
        'protocol_mismatch',
        `The server speaks sync protocol ${health.protocolVersion}; this app speaks ${PROTOCOL_VERSION}.`,
        { status: res.status },
      );
    }
  }

  private async runSignedInHook(account: SyncAccount): Promise<void> {
    const hook = this.options.onSignedIn;
    if (!hook) return;
    try {
      await hook({
        account: structuredClone(account),
        request: (path, init = {}) =>
          this.authorized(path, {
            method: init.method ?? 'GET',
            ...(init.body === undefined
              ? {}
              : { body: init.body, headers: { 'content-type': 'application/json' } }),
          }),
      });
    } catch (error) {
      this.warn(
        `[sync] after-sign-in step failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  private async result<T>(action: () => Promise<T>): Promise<SyncResult<T>> {
    try {
      return { ok: true, value: await action() };
    } catch (error) {
      const failure = toFailure(error);
      if (failure) return { ok: false, error: failure };
      throw error;
    }
  }

  // --- internals: live streams --------------------------------------------------------------

  private isOnline(): boolean {
    return this.streams !== null && this.streams.connected.size === REPLICATED_COLLECTIONS.length;
  }

  private append(event: SyncStreamEvent): void {
    this.seq += 1;
    this.events.push({ seq: this.seq, event });
    if (this.events.length > EVENT_LOG_LIMIT)
      this.events.splice(0, this.events.length - EVENT_LOG_LIMIT);
    this.wake();
  }

  /** Answers every pending long poll (new events, or the connection state changed). */
  private wake(): void {
    for (const wake of this.waiters.splice(0)) wake();
  }

  /** A sign-in or sign-out: pollers learn it at once, and must pull everything again. */
  private signalSessionChange(): void {
    for (const collection of REPLICATED_COLLECTIONS) this.append({ collection, kind: 'resync' });
  }

  private startStreams(file: SessionFile): void {
    if (this.streams || this.closed) return;
    const controller = new AbortController();
    const streams = { controller, connected: new Set<string>() };
    this.streams = streams;
    for (const collection of REPLICATED_COLLECTIONS) {
      void this.followStream(file, collection, streams);
    }
  }

  private stopStreams(): void {
    this.streams?.controller.abort();
    this.streams = null;
  }

  /** Holds one collection's SSE stream open, reconnecting with backoff until stopped. */
  private async followStream(
    file: SessionFile,
    collection: string,
    streams: { controller: AbortController; connected: Set<string> },
  ): Promise<void> {
    const signal = streams.controller.signal;
    let delay = this.options.streamRetryMs ?? 1000;
    while (!signal.aborted) {
      try {
        const token = await this.token();
        const res = await this.fetchImpl(file.account.serverUrl + routes.stream(collection), {
          headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
          signal,
        });
        if (res.status === 401) {
          await res.body?.cancel();
          // Expired access token: refresh on the next round (an ended session stops here).
          await this.token(true);
          continue;
        }
        if (res.status !== 200 || !res.body) {
          await res.body?.cancel();
          throw new Error(`stream answered HTTP ${res.status}`);
        }
        streams.connected.add(collection);
        this.wake();
        delay = this.options.streamRetryMs ?? 1000;
        const parser = new ServerSentEventParser();
        const decoder = new TextDecoder();
        for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
          for (const e of parser.push(decoder.decode(chunk, { stream: true }))) {
            if (e.event === STREAM_EVENT_RESYNC) this.append({ collection, kind: 'resync' });
            if (e.event === STREAM_EVENT_DOCUMENTS) {
              const page = JSON.parse(e.data) as PullResponse;
              this.append({
                collection,
                kind: 'documents',
                documents: page.documents,
                checkpoint: page.checkpoint,
              });
            }
          }
        }
      } catch (error) {
        const failure = toFailure(error);
        if (failure?.code === 'session_expired' || failure?.code === 'not_signed_in') break;
      } finally {
        if (streams.connected.delete(collection)) this.wake();
      }
      if (signal.aborted) break;
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, this.options.streamRetryMaxMs ?? STREAM_RETRY_MAX_MS);
    }
  }
}
