/**
 * The organisation's certificate authority. The server creates a CA key and a self-signed CA
 * certificate at its first start (or the admin imports theirs with `fieldbook server ca import`),
 * keeps both in the database so every instance on one PostgreSQL issues under the same CA, and
 * issues engineers' signing certificates from their certificate requests.
 *
 * The CA private key is encrypted at rest (AES-256-GCM, key derived with HKDF-SHA-256) with a
 * secret kept OUTSIDE the database, so that a database dump or backup alone cannot issue
 * certificates. The secret is, in order:
 *   1. the `caSecret` option (CLI `--ca-secret-file FILE`, or the `FIELDBOOK_CA_SECRET` variable);
 *   2. otherwise `<data dir>/ca-key.secret`, 32 random bytes created at the first start (mode 0600).
 * Several instances on one PostgreSQL must therefore share the secret (the variable, or the same
 * data folder). An instance whose secret does not open the key still starts and serves everything
 * else; issuing there answers 503 with the reason.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as pkijs from 'pkijs';
import {
  certificateFingerprint,
  certificateToPem,
  certificatesFromPemOrDer,
  CertificateRequestError,
  createSelfSignedCertificate,
  describeName,
  generateSigningKeyPair,
  isCaCertificate,
  issueCertificate,
  keyMatchesCertificate,
  pemBlocks,
  privateKeyFromPkcs8,
  requestFromPem,
  serialNumberHex,
} from '../../src-shared/pki/certificates';
import { publicKeyProblem } from '../../src-shared/pki/key-strength';
import type { IssuedCertificateResponse, UserInfo } from '../../src-shared/sync';
import type { SqlClient, Store } from '../store';
import { HttpError } from './errors';

export const CA_SECRET_ENV = 'FIELDBOOK_CA_SECRET';
export const CA_SECRET_FILE = 'ca-key.secret';
/** Engineers' signing certificates are valid for two years from issue. */
export const ISSUED_VALID_DAYS = 730;
/** A generated CA certificate is valid for twenty years. */
export const CA_VALID_DAYS = 20 * 365;
export const DEFAULT_ORGANISATION = 'Fieldbook';

/** A problem with the CA itself (its secret, an import): the CLI prints it, the server logs it. */
export class CertificateAuthorityError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CertificateAuthorityError';
  }
}

/**
 * The key-encryption secret: the given one (at least 16 characters), else the data folder's
 * secret file, created on first use.
 */
export function loadCaSecret(options: { dataDir: string; secret?: string }): Buffer {
  if (options.secret !== undefined && options.secret !== '') {
    if (options.secret.length < 16) {
      throw new CertificateAuthorityError('the CA secret must be at least 16 characters long');
    }
    return Buffer.from(options.secret, 'utf8');
  }
  const file = join(options.dataDir, CA_SECRET_FILE);
  mkdirSync(options.dataDir, { recursive: true });
  try {
    writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (e) {
    // Created earlier (or by a concurrent start): use what is there.
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  const secret = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (secret.length < 16) throw new CertificateAuthorityError(`${file} does not hold a secret`);
  return secret;
}

const KEY_FORMAT = 'fbca1';
const HKDF_INFO = 'fieldbook certificate authority private key';

function keyEncryptionKey(secret: Buffer, salt: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, salt, HKDF_INFO, 32));
}

/** `fbca1.<salt>.<iv>.<ciphertext+tag>` (base64), the PKCS#8 DER encrypted with AES-256-GCM. */
export function encryptCaKey(pkcs8: Uint8Array, secret: Buffer): string {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyEncryptionKey(secret, salt), iv);
  cipher.setAAD(Buffer.from(KEY_FORMAT));
  const body = Buffer.concat([cipher.update(pkcs8), cipher.final(), cipher.getAuthTag()]);
  return [KEY_FORMAT, salt, iv, body]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64')))
    .join('.');
}

export function decryptCaKey(stored: string, secret: Buffer): Uint8Array {
  const [format, salt, iv, body] = stored.split('.');
  if (format !== KEY_FORMAT || !salt || !iv || !body) {
    throw new CertificateAuthorityError('the stored CA key is in an unknown format');
  }
  const data = Buffer.from(body, 'base64');
  const decipher = createDecipheriv(
    'aes-256-gcm',
    keyEncryptionKey(secret, Buffer.from(salt, 'base64')),
    Buffer.from(iv, 'base64'),
  );
  decipher.setAAD(Buffer.from(KEY_FORMAT));
  decipher.setAuthTag(data.subarray(data.length - 16));
  try {
    return new Uint8Array(
      Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]),
    );
  } catch {
    throw new CertificateAuthorityError(
      `the CA private key does not decrypt with this server's CA secret; give every instance the ` +
        `secret the key was stored with (${CA_SECRET_ENV}, --ca-secret-file, or the data folder's ` +
        `${CA_SECRET_FILE})`,
    );
  }
}

interface CaRow {
  certificate_pem: string;
  private_key_encrypted: string;
  source: 'generated' | 'imported';
}

async function readCaRow(db: SqlClient): Promise<CaRow | null> {
  const { rows } = await db.query<CaRow>(
    'SELECT certificate_pem, private_key_encrypted, source FROM certificate_authority WHERE id = 1',
  );
  return rows[0] ?? null;
}

function parseCertificatePem(pem: string): pkijs.Certificate {
  const [cert] = certificatesFromPemOrDer(Buffer.from(pem, 'latin1'));
  if (!cert) throw new CertificateAuthorityError('no certificate in the CA record');
  return cert;
}

/** The organisation a CA certifies for: its certificate's O, else its CN. */
function organisationOf(cert: pkijs.Certificate): string {
  const name = describeName(cert.subject);
  return name.organisation ?? name.commonName ?? DEFAULT_ORGANISATION;
}

/** The CA of one server instance. The private key is opened on first use and kept. */
export class CertificateAuthority {
  readonly certificate: pkijs.Certificate;
  readonly organisation: string;
  private key: Promise<CryptoKey> | null = null;

  constructor(
    readonly certificatePem: string,
    readonly source: 'generated' | 'imported',
    private readonly encryptedKey: string,
    private readonly secret: Buffer,
  ) {
    this.certificate = parseCertificatePem(certificatePem);
    this.organisation = organisationOf(this.certificate);
  }

  /** The private key; throws CertificateAuthorityError when this instance's secret is wrong. */
  privateKey(): Promise<CryptoKey> {
    this.key ??= (async () => {
      const der = decryptCaKey(this.encryptedKey, this.secret);
      return privateKeyFromPkcs8(der);
    })();
    // A failed attempt is not cached: the operator may fix the secret file and retry.
    this.key.catch(() => {
      this.key = null;
    });
    return this.key;
  }
}

/**
 * Loads the CA, creating it (key, self-signed certificate) when the database has none. Two
 * instances starting together both generate one; the first insert wins and both use it.
 */
export async function ensureCertificateAuthority(
  store: Store,
  options: { secret: Buffer; organisation?: string; now?: Date },
): Promise<{ ca: CertificateAuthority; created: boolean }> {
  let row = await readCaRow(store);
  let created = false;
  if (!row) {
    const organisation = options.organisation?.trim() || DEFAULT_ORGANISATION;
    const keys = await generateSigningKeyPair(true);
    const certificate = await createSelfSignedCertificate(keys, {
      subject: { commonName: `${organisation} Fieldbook CA`, organisation },
      validDays: CA_VALID_DAYS,
      ca: true,
      ...(options.now ? { now: options.now } : {}),
    });
    const pkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', keys.privateKey));
    const { rows } = await store.query<{ id: number }>(
      `INSERT INTO certificate_authority (id, certificate_pem, private_key_encrypted, source)
       VALUES (1, $1, $2, 'generated') ON CONFLICT (id) DO NOTHING RETURNING id`,
      [certificateToPem(certificate), encryptCaKey(pkcs8, options.secret)],
    );
    created = rows.length > 0;
    row = await readCaRow(store);
    if (!row) throw new CertificateAuthorityError('the CA record vanished after it was created');
  }
  return {
    ca: new CertificateAuthority(
      row.certificate_pem,
      row.source,
      row.private_key_encrypted,
      options.secret,
    ),
    created,
  };
}

/**
 * Stores the admin's own CA (certificate and unencrypted PKCS#8 private key, PEM). Refuses a
 * certificate that is not a CA, a key that does not belong to it, an expired certificate, and —
 * unless `replace` — replacing an existing CA (certificates it issued would stop chaining).
 */
export async function importCertificateAuthority(
  store: Store,
  options: {
    certificatePem: string;
    privateKeyPem: string;
    secret: Buffer;
    replace?: boolean;
    now?: Date;
  },
): Promise<CertificateAuthority> {
  let certificate: pkijs.Certificate;
  try {
    const certs = certificatesFromPemOrDer(Buffer.from(options.certificatePem, 'latin1'));
    if (!certs[0]) throw new Error('no certificate found');
    certificate = certs[0];
  } catch (e) {
    throw new CertificateAuthorityError(
      `the CA certificate is unreadable: ${(e as Error).message}`,
    );
  }
  if (!isCaCertificate(certificate)) {
    throw new CertificateAuthorityError(
      'the certificate is not a CA certificate (basicConstraints cA is not set)',
    );
  }
  const now = options.now ?? new Date();
  if (certificate.notAfter.value.getTime() <= now.getTime()) {
    throw new CertificateAuthorityError(
      `the CA certificate expired on ${certificate.notAfter.value.toISOString()}`,
    );
  }
  const [der] = pemBlocks(options.privateKeyPem, 'PRIVATE KEY');
  if (!der) {
    throw new CertificateAuthorityError(
      'the key file holds no unencrypted PKCS#8 "PRIVATE KEY" block; convert it with ' +
        '`openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem`',
    );
  }
  let key: CryptoKey;
  try {
    key = await privateKeyFromPkcs8(der);
  } catch (e) {
    throw new CertificateAuthorityError(`the private key is unreadable: ${(e as Error).message}`);
  }
  if (!(await keyMatchesCertificate(key, certificate))) {
    throw new CertificateAuthorityError('the private key does not belong to the CA certificate');
  }
  const certificatePem = certificateToPem(certificate);
  const encrypted = encryptCaKey(der, options.secret);
  await store.transaction(async (tx) => {
    const existing = await readCaRow(tx);
    if (existing && !options.replace) {
      throw new CertificateAuthorityError(
        'this server has a CA already; give --replace to replace it (certificates the old CA ' +
          'issued will no longer chain to the new one)',
      );
    }
    await tx.query(
      `INSERT INTO certificate_authority (id, certificate_pem, private_key_encrypted, source)
       VALUES (1, $1, $2, 'imported')
       ON CONFLICT (id) DO UPDATE SET certificate_pem = EXCLUDED.certificate_pem,
         private_key_encrypted = EXCLUDED.private_key_encrypted, source = 'imported',
         created_at = now()`,
      [certificatePem, encrypted],
    );
  });
  return new CertificateAuthority(certificatePem, 'imported', encrypted, options.secret);
}

const invalidRequest = (message: string) =>
  new HttpError(422, 'invalid_certificate_request', message);

/**
 * Refuses keys the verifier would refuse (the shared rule of src-shared/pki/key-strength): RSA
 * under 2048 bits or with an exponent other than an odd one of at least 65537 (an exponent of 1
 * certifies a "key" anyone can sign with), curves other than P-256/P-384. Checked before the
 * request's own signature, which proves nothing for such a key. A key that cannot even be read is
 * left to the signature check, whose refusal says what the requester can act on.
 */
function checkRequestKey(request: pkijs.CertificationRequest): void {
  let problem: string | null;
  try {
    problem = publicKeyProblem(request.subjectPublicKeyInfo);
  } catch {
    return;
  }
  if (problem) throw invalidRequest(`the certificate request's key is not accepted: ${problem}`);
}

/**
 * Issues `user` a signing certificate for the key of a PEM PKCS#10 request. The request must be
 * signed by its key (proof of possession); the subject it asks for is ignored: the certificate
 * names the account (CN = username, O = the CA's organisation). Recorded in issued_certificates.
 */
export async function issueUserCertificate(
  store: Store,
  ca: CertificateAuthority,
  user: UserInfo,
  csrPem: string,
  now: Date,
): Promise<IssuedCertificateResponse> {
  let request: pkijs.CertificationRequest;
  try {
    request = requestFromPem(csrPem);
  } catch (e) {
    throw invalidRequest((e as Error).message);
  }
  checkRequestKey(request);
  // pkijs throws (rather than answering false) on some malformed signatures.
  const verified = await request.verify().catch(() => false);
  if (!verified) {
    throw invalidRequest(
      'the certificate request signature does not verify: it must be signed with the private key of the public key it contains',
    );
  }
  let caKey: CryptoKey;
  try {
    caKey = await ca.privateKey();
  } catch (e) {
    throw new HttpError(
      503,
      'unavailable',
      `This server instance cannot issue certificates: ${(e as Error).message}.`,
    );
  }
  const subject = { commonName: user.username, organisation: ca.organisation };
  let certificate: pkijs.Certificate;
  try {
    certificate = await issueCertificate({
      request,
      caCertificate: ca.certificate,
      caPrivateKey: caKey,
      validDays: ISSUED_VALID_DAYS,
      now,
      subject,
    });
  } catch (e) {
    if (e instanceof CertificateRequestError) throw invalidRequest(e.message);
    throw e;
  }
  const certificatePem = certificateToPem(certificate);
  const serial = serialNumberHex(certificate);
  await store.query(
    `INSERT INTO issued_certificates
       (serial, user_id, username, subject, not_before, not_after, fingerprint_sha256, certificate_pem)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      serial,
      user.id,
      user.username,
      describeName(certificate.subject).text,
      certificate.notBefore.value.toISOString(),
      certificate.notAfter.value.toISOString(),
      await certificateFingerprint(certificate),
      certificatePem,
    ],
  );
  return {
    certificate: certificatePem,
    chain: ca.certificatePem,
    serialNumber: serial,
    notBefore: certificate.notBefore.value.toISOString(),
    notAfter: certificate.notAfter.value.toISOString(),
  };
}
