import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { COLLECTION_SCHEMAS } from '../../src-shared/db/schemas';
import type { CollectionName } from '../../src-shared/db/types';
import type { WireDocument } from '../../src-shared/sync';
import type { SqlClient, Store } from '../store';
import { HttpError } from './errors';

/**
 * Secrets at rest on the server, under the one secret that is kept OUTSIDE the database and
 * already protects the CA key (`FIELDBOOK_CA_SECRET` / `--ca-secret-file` / `<data dir>/
 * ca-key.secret`, see certificate-authority.ts). From it (HKDF-SHA-256, a random salt stored in
 * `server_settings`) come:
 *
 * - the access-token signing key, which is therefore no longer in the database at all;
 * - the key that encrypts the secret fields of replicated documents (the fields a collection's
 *   schema lists in `encrypted`, today `sites.remoteAccess`, and the values of those fields kept
 *   in `mergeHistory`).
 *
 * A document is stored exactly as pushed except that each secret field holds an envelope
 * `fbsec1.<iv>.<ciphertext+tag>` (AES-256-GCM, additional data `<collection>/<id>/<field>`), and is
 * decrypted again before it is served. The encryption is deterministic (the IV is an HMAC of the
 * additional data and the canonical JSON of the value), so equal values give equal envelopes and
 * the push path's "stored equals pushed / assumed" comparisons work on stored documents
 * unchanged; it reveals only whether one document's value stayed the same.
 *
 * An instance started with a different secret notices (a check value stored at the first start
 * does not open): it still serves sign-in and the collections without secret fields, and answers
 * `503 unavailable` for those with secret fields instead of storing data the others cannot read.
 */
const ENVELOPE = 'fbsec1';
const SALT_SETTING = 'server_secret_salt';
const CHECK_SETTING = 'server_secret_check';
const CHECK_PLAINTEXT = 'fieldbook server secret check';

export class ServerSecrets {
  private constructor(
    private readonly encryptionKey: Buffer,
    private readonly ivKey: Buffer,
    /** HMAC key of the access tokens. */
    readonly tokenKey: Buffer,
    /** False when this instance's secret is not the one the stored data was sealed with. */
    readonly available: boolean,
  ) {}

  static async load(db: SqlClient, secret: Buffer): Promise<ServerSecrets> {
    // Two instances starting together: the first insert wins, both read the same row.
    await db.query(
      `INSERT INTO server_settings (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING`,
      [SALT_SETTING, randomBytes(16).toString('base64')],
    );
    const salt = Buffer.from(await setting(db, SALT_SETTING), 'base64');
    const derive = (info: string) => Buffer.from(hkdfSync('sha256', secret, salt, info, 32));
    const probe = new ServerSecrets(
      derive('fieldbook secret fields encryption'),
      derive('fieldbook secret fields iv'),
      derive('fieldbook access tokens'),
      true,
    );
    await db.query(
      `INSERT INTO server_settings (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING`,
      [CHECK_SETTING, probe.seal(CHECK_PLAINTEXT, CHECK_SETTING)],
    );
    let available: boolean;
    try {
      available = probe.open(await setting(db, CHECK_SETTING), CHECK_SETTING) === CHECK_PLAINTEXT;
    } catch {
      available = false;
    }
    return available
      ? probe
      : new ServerSecrets(probe.encryptionKey, probe.ivKey, probe.tokenKey, false);
  }

  private requireAvailable(): void {
    if (!this.available) {
      throw new HttpError(
        503,
        'unavailable',
        "This instance's server secret is not the one the stored secrets were encrypted with; " +
          'give every instance the same CA secret.',
      );
    }
  }

  /** Deterministic AES-256-GCM envelope of `plaintext`, bound to `aad`. */
  seal(plaintext: string, aad: string): string {
    const iv = createHmac('sha256', this.ivKey)
      .update(aad)
      .update('\u0000')
      .update(plaintext)
      .digest()
      .subarray(0, 12);
    const cipher = createCipheriv('aes-256-gcm', this.encryptionKey, iv);
    cipher.setAAD(Buffer.from(aad, 'utf8'));
    const body = Buffer.concat([
      cipher.update(plaintext, 'utf8'),
      cipher.final(),
      cipher.getAuthTag(),
    ]);
    return `${ENVELOPE}.${iv.toString('base64url')}.${body.toString('base64url')}`;
  }

  open(envelope: string, aad: string): string {
    const [format, iv, body] = envelope.split('.');
    if (format !== ENVELOPE || !iv || !body) throw new Error('not a sealed value');
    const data = Buffer.from(body, 'base64url');
    const decipher = createDecipheriv(
      'aes-256-gcm',
      this.encryptionKey,
      Buffer.from(iv, 'base64url'),
    );
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(data.subarray(data.length - 16));
    return Buffer.concat([
      decipher.update(data.subarray(0, data.length - 16)),
      decipher.final(),
    ]).toString('utf8');
  }

  /** Whether `collection` has secret fields (only those documents are ever re-serialised). */
  hasSecretFields(collection: CollectionName): boolean {
    return secretFieldsOf(collection).length > 0;
  }

  /** The document as it is stored: every secret field (and its merge-history values) sealed. */
  sealDocument<D extends WireDocument | null | undefined>(collection: CollectionName, doc: D): D {
    const fields = secretFieldsOf(collection);
    if (fields.length === 0 || !doc) return doc;
    this.requireAvailable();
    const out: Record<string, unknown> = { ...doc };
    for (const field of fields) {
      const value = out[field];
      if (value === undefined || isSealed(value)) continue;
      out[field] = this.seal(canonicalJson(value), `${collection}/${doc.id}/${field}`);
    }
    const history = out.mergeHistory;
    if (Array.isArray(history)) {
      out.mergeHistory = history.map((loss: unknown) => {
        if (!isLossOf(loss, fields) || isSealed(loss.value)) return loss;
        return {
          ...loss,
          value: this.seal(loss.value, `${collection}/${doc.id}/mergeHistory/${loss.field}`),
        };
      });
    }
    return out as D;
  }

  /** The document as pushed: every sealed field opened again. */
  openDocument<D extends WireDocument>(collection: CollectionName, doc: D): D {
    const fields = secretFieldsOf(collection);
    if (fields.length === 0) return doc;
    const sealedFields = fields.filter((f) => isSealed(doc[f]));
    const history = Array.isArray(doc.mergeHistory) ? (doc.mergeHistory as unknown[]) : null;
    const sealedHistory = history?.some((l) => isLossOf(l, fields) && isSealed(l.value)) ?? false;
    if (sealedFields.length === 0 && !sealedHistory) return doc;
    this.requireAvailable();
    const out: Record<string, unknown> = { ...doc };
    try {
      for (const field of sealedFields) {
        out[field] = JSON.parse(
          this.open(doc[field] as string, `${collection}/${doc.id}/${field}`),
        ) as unknown;
      }
      if (history && sealedHistory) {
        out.mergeHistory = history.map((loss) =>
          isLossOf(loss, fields) && isSealed(loss.value)
            ? {
                ...loss,
                value: this.open(loss.value, `${collection}/${doc.id}/mergeHistory/${loss.field}`),
              }
            : loss,
        );
      }
    } catch (err) {
      if (err instanceof HttpError) throw err;
      throw new HttpError(
        503,
        'unavailable',
        `A secret field of ${collection}/${doc.id} does not decrypt with this instance's secret.`,
      );
    }
    return out as D;
  }

  /** `openDocument` on stored JSON text; the text itself when the collection has no secrets. */
  openText(collection: CollectionName, text: string): string {
    if (!this.hasSecretFields(collection)) return text;
    return JSON.stringify(this.openDocument(collection, JSON.parse(text) as WireDocument));
  }
}

async function setting(db: SqlClient, name: string): Promise<string> {
  const { rows } = await db.query<{ value: string }>(
    'SELECT value FROM server_settings WHERE name = $1',
    [name],
  );
  const value = rows[0]?.value;
  if (!value) throw new Error(`server setting ${name} missing`);
  return value;
}

const fieldCache = new Map<CollectionName, readonly string[]>();
function secretFieldsOf(collection: CollectionName): readonly string[] {
  let fields = fieldCache.get(collection);
  if (!fields) {
    const schema = COLLECTION_SCHEMAS[collection] as { encrypted?: readonly string[] } | undefined;
    fields = schema?.encrypted ?? [];
    fieldCache.set(collection, fields);
  }
  return fields;
}

function isSealed(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(`${ENVELOPE}.`);
}

function isLossOf(
  loss: unknown,
  fields: readonly string[],
): loss is { field: string; value: string } {
  if (typeof loss !== 'object' || loss === null) return false;
  const l = loss as { field?: unknown; value?: unknown };
  return typeof l.field === 'string' && fields.includes(l.field) && typeof l.value === 'string';
}

/** JSON with object keys sorted, so equal values seal to equal envelopes. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Seals the secret fields of documents stored before this version (or by an instance that had
 * none), in place: the sequence is not touched, so nothing replicates again. Runs under the
 * push path's per-collection lock, so no push interleaves.
 */
export async function sealStoredSecrets(store: Store, secrets: ServerSecrets): Promise<number> {
  if (!secrets.available) return 0;
  let sealed = 0;
  for (const collection of Object.keys(COLLECTION_SCHEMAS) as CollectionName[]) {
    if (!secrets.hasSecretFields(collection)) continue;
    sealed += await store.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [4_242_002, collection]);
      const { rows } = await tx.query<{ id: string; doc: string }>(
        'SELECT id, doc::text AS doc FROM documents WHERE collection = $1',
        [collection],
      );
      const ids: string[] = [];
      const docs: string[] = [];
      for (const row of rows) {
        const doc = JSON.parse(row.doc) as WireDocument;
        const next = JSON.stringify(secrets.sealDocument(collection, doc));
        if (next !== JSON.stringify(doc)) {
          ids.push(row.id);
          docs.push(next);
        }
      }
      if (ids.length > 0) {
        await tx.query(
          `UPDATE documents AS d SET doc = u.doc::json
           FROM unnest($2::text[], $3::text[]) AS u(id, doc)
           WHERE d.collection = $1 AND d.id = u.id`,
          [collection, ids, docs],
        );
      }
      return ids.length;
    });
  }
  return sealed;
}
