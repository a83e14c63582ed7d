/**
 * The replication wire protocol between a laptop (RxDB replication) and the central server.
 * `PROTOCOL.md` beside this file is the written spec; these types are its contract. Changing the
 * wire format bumps `PROTOCOL_VERSION` (CONVENTIONS 6).
 */
import type { CollectionName } from '../db/types';

/**
 * Version of the wire format. The server reports it at `/healthz` and in the
 * `x-fieldbook-protocol` response header; a client that speaks another version stops syncing
 * and says so instead of guessing.
 */
export const PROTOCOL_VERSION = 2;
export const PROTOCOL_VERSION_HEADER = 'x-fieldbook-protocol';

/** Collections replicated through the protocol (every RxDB collection of the app). */
export const REPLICATED_COLLECTIONS: readonly CollectionName[] = [
  'customers',
  'sites',
  'clusters',
  'contracts',
  'visits',
  'visitLogEntries',
  'incidents',
  'inspections',
  'deliverables',
  'procedureRuns',
  'opsRecords',
  'plans',
];

export function isReplicatedCollection(name: string): name is CollectionName {
  return (REPLICATED_COLLECTIONS as readonly string[]).includes(name);
}

/** A document as it travels: the app's fields plus RxDB's tombstone flag, nothing else. */
export type WireDocument = { id: string; customerId: string; _deleted: boolean } & Record<
  string,
  unknown
>;

/**
 * Position in a collection's change feed. Clients store it and send `position` back unchanged;
 * they never parse or compare it. It encodes the server-assigned sequence and the caller's access
 * scope, so a pull after an assignment change starts over (see PROTOCOL.md §Checkpoints).
 * An object, not a bare string, because RxDB keeps checkpoints as objects.
 */
export interface ReplicationCheckpoint {
  position: string;
}

/** `GET /api/v1/replication/:collection/pull` response. */
export interface PullResponse<D = WireDocument> {
  /** Ordered by the server sequence; tombstones included (`_deleted: true`). */
  documents: D[];
  /** Checkpoint to send with the next pull. */
  checkpoint: ReplicationCheckpoint;
  /**
   * More documents follow this checkpoint (protocol 2). A page may be shorter than the limit
   * and still have `more: true` when it was cut at `PULL_PAGE_BYTES_MAX`: only `more: false`
   * means "up to date" (PROTOCOL.md §3a).
   */
  more: boolean;
}

/** One row of `POST /api/v1/replication/:collection/push`. */
export interface PushRow<D = WireDocument> {
  /** The master state the client last saw; absent or `null` for a document it created. */
  assumedMasterState?: D | null;
  newDocumentState: D;
}

/** Push response: the current master state of every row that was not written. */
export interface PushResponse<D = WireDocument> {
  conflicts: D[];
}

/** Limits the server enforces (also listed in PROTOCOL.md). */
export const PULL_LIMIT_DEFAULT = 100;
export const PULL_LIMIT_MAX = 1000;
/**
 * A pull page holds documents of at most this many bytes (UTF-8 JSON) in all; a single larger
 * document is sent alone. A page cut here says `more: true` (PROTOCOL.md §3a).
 */
export const PULL_PAGE_BYTES_MAX = 4 * 1024 * 1024;
export const PUSH_BATCH_MAX = 1000;

/** Server-sent event names of the stream endpoint. */
export const STREAM_EVENT_DOCUMENTS = 'documents';
export const STREAM_EVENT_RESYNC = 'resync';

/** Payload of a `documents` stream event: same shape as a pull response. */
export type StreamDocumentsEvent<D = WireDocument> = Omit<PullResponse<D>, 'more'>;

export type UserRole = 'engineer' | 'lead' | 'admin';
export const USER_ROLES: readonly UserRole[] = ['engineer', 'lead', 'admin'];

export interface UserInfo {
  id: string;
  username: string;
  role: UserRole;
}

export interface LoginRequest {
  username: string;
  password: string;
}

/** Response of login and of refresh. */
export interface SessionResponse {
  /** Bearer access token, valid until `expiresAt`. */
  token: string;
  /** ISO-8601 UTC instant. */
  expiresAt: string;
  /** Single-use: each refresh returns a new one and retires the old. */
  refreshToken: string;
  refreshExpiresAt: string;
  user: UserInfo;
}

/** Change one's own password; answered with a new session, every older session ends. */
export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}

export interface RefreshRequest {
  refreshToken: string;
}

/** One failed check of a pushed document against its collection's JSON schema. */
export interface FieldError {
  /** Index of the row in the push batch. */
  index: number;
  id?: string;
  /** JSON pointer into the document, '' for the document itself. */
  path: string;
  message: string;
}

/**
 * Every error response has this body. `code` is stable and is what a client translates;
 * `message` is English for logs and operators.
 */
export interface ErrorResponse {
  statusCode: number;
  code: ErrorCode;
  message: string;
  fieldErrors?: FieldError[];
}

export type ErrorCode =
  | 'bad_request'
  | 'invalid_json'
  | 'unauthenticated'
  | 'invalid_credentials'
  | 'token_expired'
  | 'invalid_token'
  | 'invalid_refresh_token'
  | 'forbidden'
  | 'not_found'
  | 'unknown_collection'
  | 'payload_too_large'
  | 'invalid_document'
  | 'hash_mismatch'
  | 'invalid_certificate_request'
  | 'conflict'
  | 'too_many_attempts'
  | 'unavailable'
  | 'internal';

export interface HealthResponse {
  status: 'ok';
  store: 'pglite' | 'postgres';
  protocolVersion: number;
}

/** Route builders: the only place paths are spelled (the server registers the same shapes). */
export const API_PREFIX = '/api/v1';

export const routes = {
  health: () => '/healthz',
  login: () => `${API_PREFIX}/auth/login`,
  refresh: () => `${API_PREFIX}/auth/refresh`,
  logout: () => `${API_PREFIX}/auth/logout`,
  me: () => `${API_PREFIX}/auth/me`,
  password: () => `${API_PREFIX}/auth/password`,
  pull: (collection: string, checkpoint?: ReplicationCheckpoint | null, limit?: number) => {
    const query = new URLSearchParams();
    if (checkpoint) query.set('checkpoint', checkpoint.position);
    if (limit !== undefined) query.set('limit', String(limit));
    const qs = query.toString();
    return `${API_PREFIX}/replication/${encodeURIComponent(collection)}/pull${qs ? `?${qs}` : ''}`;
  },
  push: (collection: string) => `${API_PREFIX}/replication/${encodeURIComponent(collection)}/push`,
  stream: (collection: string) =>
    `${API_PREFIX}/replication/${encodeURIComponent(collection)}/stream`,
  blob: (sha256: string) => `${API_PREFIX}/blobs/${sha256}`,
  adminUsers: () => `${API_PREFIX}/admin/users`,
  adminAssignments: () => `${API_PREFIX}/admin/assignments`,
  adminTeams: () => `${API_PREFIX}/admin/teams`,
  caCertificate: () => `${API_PREFIX}/ca/certificate`,
  certificates: () => `${API_PREFIX}/certificates`,
} as const;

/** Admin API bodies. */
export interface CreateUserRequest {
  username: string;
  password: string;
  role: UserRole;
}

/** Assign a customer to a user (engineer or lead). */
export interface AssignCustomerRequest {
  username: string;
  customerId: string;
}

/** Put an engineer on a lead's team. */
export interface AssignTeamRequest {
  engineer: string;
  lead: string;
}

/**
 * `POST /api/v1/certificates` body: a certificate request (PKCS#10, PEM) signed with the
 * engineer's private key. The server ignores the subject it names (see PROTOCOL.md).
 */
export interface CertificateRequestBody {
  csr: string;
}

/** Largest `csr` the server accepts, characters (an RSA-4096 request is about 1.7 KB). */
export const CSR_MAX_LENGTH = 16_384;

/** `POST /api/v1/certificates` response (201). */
export interface IssuedCertificateResponse {
  /** The engineer's certificate, PEM. */
  certificate: string;
  /** The issuing CA certificate(s), PEM, the issuer first. */
  chain: string;
  /** Serial number, lower-case hex. */
  serialNumber: string;
  /** ISO-8601 UTC instants. */
  notBefore: string;
  notAfter: string;
}

export const SHA256_PATTERN = /^[0-9a-f]{64}$/;

/**
 * The blobs a document references: every `sha256` field anywhere in it (attachments of log
 * entries, inspection evidence, a deliverable's PDF and signature images, earlier states kept in
 * its history). The server grants blob access by these; the client uploads them after the
 * document. A deleted document references nothing.
 */
export function referencedBlobs(doc: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(doc)) {
    for (const v of doc) referencedBlobs(v, out);
  } else if (typeof doc === 'object' && doc !== null) {
    for (const [k, v] of Object.entries(doc)) {
      if (k === 'sha256' && typeof v === 'string' && SHA256_PATTERN.test(v)) out.add(v);
      else if (typeof v === 'object') referencedBlobs(v, out);
    }
  }
  return out;
}
