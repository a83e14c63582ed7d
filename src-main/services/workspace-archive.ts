/**
 * The workspace file: documents and blobs in one password-encrypted file
 * (docs/workspace-file-format.md is the specification; keep the two in step).
 *
 *   magic "FBWSPACE" | u16 format version | u32 header length | header JSON | ciphertext | tag
 *
 * - Key: scrypt(password NFC, salt, 64 bytes): the first 32 are the AES-256-GCM key, the last
 *   32 key an HMAC whose value in the header tells a wrong password from a damaged file.
 * - Everything before the ciphertext (magic, version, header) is the GCM additional data, so an
 *   altered header fails authentication too.
 * - Plaintext: u32 length | gzip(payload JSON) | blob bytes in the order the payload lists them.
 * - Version 2: deleted documents are in the payload with `_deleted: true`; version 1 files have
 *   none and read the same way.
 *
 * Nothing here touches the file system: `sealWorkspace` returns the file's bytes and
 * `openWorkspace` takes them; the workspace service does the dialogs and the blob store.
 */
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  randomBytes,
  scrypt,
  timingSafeEqual,
} from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import type {
  WorkspaceDocuments,
  WorkspaceImportFailureCode,
  WorkspaceManifest,
  WorkspaceScope,
} from '../../src-shared/ipc';
import { isDeleted } from '../../src-shared/db/workspace-transfer';

export const WORKSPACE_MAGIC = 'FBWSPACE';
/** 2: deleted documents travel with `_deleted: true` (version 1 files still import). */
export const WORKSPACE_FORMAT_VERSION = 2;
const PREFIX_BYTES = WORKSPACE_MAGIC.length + 2 + 4;
const TAG_BYTES = 16;
const IV_BYTES = 12;
const SALT_BYTES = 16;
const HEADER_MAX_BYTES = 4096;
const CHECK_LABEL = 'fieldbook workspace password check v1';

/** scrypt cost: 2^15 × 8 × 128 bytes = 32 MiB and about 0.1 s on a laptop core. */
export const DEFAULT_SCRYPT = { N: 2 ** 15, r: 8, p: 1 } as const;
/** The most a file may ask of the reader (a crafted header must not exhaust memory). */
const SCRYPT_N_MAX = 2 ** 20;
const SCRYPT_MEMORY_MAX = 1100 * 1024 * 1024;

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

interface FileHeader {
  kdf: { name: 'scrypt'; N: number; r: number; p: number; salt: string };
  cipher: { name: 'aes-256-gcm'; iv: string };
  /** base64 HMAC-SHA256(check key, CHECK_LABEL). */
  check: string;
}

/** What the encrypted payload JSON holds. */
interface Payload {
  manifest: WorkspaceManifest;
  documents: WorkspaceDocuments;
  blobs: { sha256: string; size: number }[];
}

export interface WorkspaceContent {
  manifest: WorkspaceManifest;
  documents: WorkspaceDocuments;
  /** Blob bytes by SHA-256. */
  blobs: Map<string, Uint8Array>;
}

export interface SealInput {
  password: string;
  scope: WorkspaceScope;
  documents: WorkspaceDocuments;
  schemaVersions: WorkspaceManifest['schemaVersions'];
  blobs: ReadonlyMap<string, Uint8Array>;
  appVersion: string;
  now?: Date;
  /** Tests lower the cost; files always record the parameters they were written with. */
  scrypt?: ScryptParams;
  /**
   * Tests write version 1 files (the same layout, no deleted documents) to check that files
   * from earlier Fieldbooks still import.
   */
  formatVersion?: 1;
}

/** A refusal of `openWorkspace`, with the code the UI puts into words. */
export class WorkspaceFileError extends Error {
  constructor(
    readonly code: WorkspaceImportFailureCode,
    message: string,
  ) {
    super(message);
    this.name = 'WorkspaceFileError';
  }
}

function deriveKeys(
  password: string,
  salt: Buffer,
  params: ScryptParams,
): Promise<{ key: Buffer; check: Buffer }> {
  return new Promise((resolvePromise, reject) => {
    scrypt(
      Buffer.from(password.normalize('NFC'), 'utf8'),
      salt,
      64,
      { ...params, maxmem: SCRYPT_MEMORY_MAX },
      (error, derived) => {
        if (error) {
          reject(error);
          return;
        }
        const check = createHmac('sha256', derived.subarray(32)).update(CHECK_LABEL).digest();
        resolvePromise({ key: derived.subarray(0, 32), check });
      },
    );
  });
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}

function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Encrypts documents and blobs into the bytes of a workspace file. */
export async function sealWorkspace(input: SealInput): Promise<Uint8Array> {
  const params = input.scrypt ?? DEFAULT_SCRYPT;
  const formatVersion = input.formatVersion ?? WORKSPACE_FORMAT_VERSION;
  if (formatVersion === 1 && Object.values(input.documents).some((d) => d.some(isDeleted))) {
    throw new RangeError('format version 1 cannot carry deleted documents');
  }
  const salt = randomBytes(SALT_BYTES);
  const iv = randomBytes(IV_BYTES);
  const { key, check } = await deriveKeys(input.password, salt, params);
  const blobList = [...input.blobs.entries()].map(([sha256, bytes]) => ({
    sha256,
    size: bytes.byteLength,
  }));
  const counts: WorkspaceManifest['counts'] = {};
  const deleted: NonNullable<WorkspaceManifest['deleted']> = {};
  for (const [name, docs] of Object.entries(input.documents)) {
    const gone = docs.filter(isDeleted).length;
    counts[name as keyof typeof counts] = docs.length - gone;
    if (gone > 0) deleted[name as keyof typeof deleted] = gone;
  }
  const payload: Payload = {
    manifest: {
      formatVersion,
      exportedAt: (input.now ?? new Date()).toISOString(),
      appVersion: input.appVersion,
      scope: input.scope,
      counts,
      ...(formatVersion === 1 ? {} : { deleted }),
      schemaVersions: input.schemaVersions,
      blobs: blobList.length,
    },
    documents: input.documents,
    blobs: blobList,
  };
  const header: FileHeader = {
    kdf: { name: 'scrypt', ...params, salt: salt.toString('base64') },
    cipher: { name: 'aes-256-gcm', iv: iv.toString('base64') },
    check: check.toString('base64'),
  };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const version = Buffer.alloc(2);
  version.writeUInt16BE(formatVersion);
  const prefix = Buffer.concat([
    Buffer.from(WORKSPACE_MAGIC, 'ascii'),
    version,
    u32(headerBytes.length),
    headerBytes,
  ]);
  const json = gzipSync(Buffer.from(JSON.stringify(payload), 'utf8'));
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(prefix);
  const parts = [prefix, cipher.update(u32(json.length)), cipher.update(json)];
  for (const { sha256 } of blobList) parts.push(cipher.update(input.blobs.get(sha256)!));
  parts.push(cipher.final(), cipher.getAuthTag());
  return Buffer.concat(parts);
}

function notAWorkspaceFile(detail: string): WorkspaceFileError {
  return new WorkspaceFileError(
    'not_a_workspace_file',
    `not a Fieldbook workspace file: ${detail}`,
  );
}

function parseHeader(bytes: Buffer): { header: FileHeader; prefixLength: number } {
  if (bytes.length < PREFIX_BYTES + TAG_BYTES) throw notAWorkspaceFile('too short');
  if (bytes.subarray(0, WORKSPACE_MAGIC.length).toString('latin1') !== WORKSPACE_MAGIC) {
    throw notAWorkspaceFile('no FBWSPACE signature');
  }
  const version = bytes.readUInt16BE(WORKSPACE_MAGIC.length);
  if (version > WORKSPACE_FORMAT_VERSION) {
    throw new WorkspaceFileError(
      'newer_format',
      `format version ${version}; this Fieldbook reads up to ${WORKSPACE_FORMAT_VERSION}`,
    );
  }
  if (version < 1) throw notAWorkspaceFile(`format version ${version}`);
  const headerLength = bytes.readUInt32BE(WORKSPACE_MAGIC.length + 2);
  if (headerLength > HEADER_MAX_BYTES || PREFIX_BYTES + headerLength + TAG_BYTES > bytes.length) {
    throw notAWorkspaceFile('header length out of range');
  }
  let raw: unknown;
  try {
    raw = JSON.parse(
      bytes.subarray(PREFIX_BYTES, PREFIX_BYTES + headerLength).toString('utf8'),
    ) as unknown;
  } catch {
    throw notAWorkspaceFile('header is not JSON');
  }
  const h = raw as Partial<FileHeader>;
  const kdf = h.kdf;
  const ok =
    kdf?.name === 'scrypt' &&
    Number.isInteger(kdf.N) &&
    kdf.N >= 2 &&
    kdf.N <= SCRYPT_N_MAX &&
    (kdf.N & (kdf.N - 1)) === 0 &&
    Number.isInteger(kdf.r) &&
    kdf.r >= 1 &&
    kdf.r <= 32 &&
    Number.isInteger(kdf.p) &&
    kdf.p >= 1 &&
    kdf.p <= 16 &&
    typeof kdf.salt === 'string' &&
    h.cipher?.name === 'aes-256-gcm' &&
    typeof h.cipher.iv === 'string' &&
    Buffer.from(h.cipher.iv, 'base64').length === IV_BYTES &&
    typeof h.check === 'string';
  if (!ok) throw notAWorkspaceFile('unsupported key derivation or cipher');
  return { header: h as FileHeader, prefixLength: PREFIX_BYTES + headerLength };
}

/**
 * Decrypts and checks a workspace file. Throws `WorkspaceFileError`: `wrong_password` when the
 * password check fails, `tampered` when the content fails authentication or its blobs do not
 * match their digests, `not_a_workspace_file` / `newer_format` for foreign files. Nothing is
 * returned unless every byte was authenticated.
 */
export async function openWorkspace(
  fileBytes: Uint8Array,
  password: string,
): Promise<WorkspaceContent> {
  const bytes = Buffer.from(fileBytes.buffer, fileBytes.byteOffset, fileBytes.byteLength);
  const { header, prefixLength } = parseHeader(bytes);
  const { N, r, p } = header.kdf;
  const { key, check } = await deriveKeys(password, Buffer.from(header.kdf.salt, 'base64'), {
    N,
    r,
    p,
  });
  const stored = Buffer.from(header.check, 'base64');
  if (stored.length !== check.length || !timingSafeEqual(stored, check)) {
    throw new WorkspaceFileError(
      'wrong_password',
      'the password does not open this file (or its header was altered)',
    );
  }
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(header.cipher.iv, 'base64'));
  decipher.setAAD(bytes.subarray(0, prefixLength));
  decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
  let plain: Buffer;
  try {
    plain = Buffer.concat([
      decipher.update(bytes.subarray(prefixLength, bytes.length - TAG_BYTES)),
      decipher.final(),
    ]);
  } catch {
    throw new WorkspaceFileError(
      'tampered',
      'the content fails its authentication check: the file was altered or damaged after export',
    );
  }
  // Authentic from here on: anything malformed below is a writer's bug, reported as such.
  const invalid = (detail: string) => new WorkspaceFileError('invalid_content', detail);
  if (plain.length < 4) throw invalid('content too short');
  const jsonLength = plain.readUInt32BE(0);
  if (4 + jsonLength > plain.length) throw invalid('payload length out of range');
  let payload: Payload;
  try {
    payload = JSON.parse(gunzipSync(plain.subarray(4, 4 + jsonLength)).toString('utf8')) as Payload;
  } catch {
    throw invalid('payload is not gzip-compressed JSON');
  }
  if (
    typeof payload !== 'object' ||
    payload === null ||
    typeof payload.manifest !== 'object' ||
    typeof payload.documents !== 'object' ||
    !Array.isArray(payload.blobs)
  ) {
    throw invalid('payload lacks manifest, documents or blobs');
  }
  const blobs = new Map<string, Uint8Array>();
  let offset = 4 + jsonLength;
  for (const blob of payload.blobs) {
    if (!Number.isInteger(blob.size) || blob.size < 0 || offset + blob.size > plain.length) {
      throw invalid(`blob ${String(blob.sha256)} runs past the end of the content`);
    }
    const content = plain.subarray(offset, offset + blob.size);
    offset += blob.size;
    if (sha256Hex(content) !== blob.sha256) {
      throw new WorkspaceFileError(
        'tampered',
        `blob ${String(blob.sha256)} does not match its digest`,
      );
    }
    blobs.set(blob.sha256, new Uint8Array(content));
  }
  if (offset !== plain.length) throw invalid('bytes after the last blob');
  return { manifest: payload.manifest, documents: payload.documents, blobs };
}
