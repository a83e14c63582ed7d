/**
 * Where the engineer's signing identity lives between runs: `<dir>/signing-identity.json` holds
 * the private key (PKCS#8) encrypted by the profile's SecretProtector — the OS key store in the
 * app, the passphrase protector where there is none — next to the certificate chain in PEM.
 *
 * - `get()` loads it, or on first use creates a key and a self-signed certificate (verification
 *   reports "self-signed" until the laptop is enrolled).
 * - `replaceCertificateChain()` installs the certificate the organisation's CA issued for the
 *   stored key (enrolment), refusing a certificate for any other key.
 * - `setTrustedCa()` / `trustedCa()`: the organisation's CA certificate received at enrolment
 *   and refreshed at every sign-in, the anchor the laptop checks its own signed PDFs against.
 *   A CA certificate is public, but whoever can write this file must not be able to swap it:
 *   it is sealed to the stored key with the protector (authenticated encryption of the CA's and
 *   the key's SHA-256), and a CA whose seal does not open or does not match counts as absent.
 *
 * The private key never leaves the main process: callers get a SigningIdentity (a CryptoKey
 * that is not extractable once loaded), never key bytes.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type * as pkijs from 'pkijs';
import { readTextIfExists, writeJsonFileAtomic } from './atomic-file';
import {
  certificatesFromPemOrDer,
  isCaCertificate,
  isIssuedBy,
  isSelfIssued,
} from '../../src-shared/pki/certificates';
import type { DistinguishedName } from '../../src-shared/pki/certificates';
import { KeyStoreError } from './key-store';
import type { SecretProtector } from './key-store';
import { createDevelopmentIdentity, exportIdentity, importIdentity } from './signing-keys';
import type { SigningIdentity } from './signing-keys';

const FILE = 'signing-identity.json';
const FORMAT = 1;

interface IdentityFile {
  format: typeof FORMAT;
  protector: string;
  /** base64 of the protector's ciphertext of the PKCS#8 DER private key. */
  privateKey: string;
  /** base64 SPKI DER of the public key, to check certificates installed later. */
  publicKeySpki: string;
  certificatePem: string;
  chainPem: string;
  createdAt: string;
  /** When the certificate chain was last replaced (enrolment), if ever. */
  certificateReplacedAt?: string;
  /** The organisation's CA certificate (PEM), once enrolled. */
  trustedCaPem?: string;
  /** base64 of the protector's ciphertext of the `CaSeal` JSON binding the CA to this key. */
  trustedCaSeal?: string;
  trustedCaUpdatedAt?: string;
}

/** What the seal of the trusted CA authenticates: which CA, for which stored key. */
interface CaSeal {
  caSha256: string;
  publicKeySpkiSha256: string;
}

/** The trusted CA as the store holds it; `problem` says why there is none. */
export type TrustedCaState =
  | { ca: pkijs.Certificate; problem: null }
  | { ca: null; problem: 'none' | 'unreadable' | 'seal-mismatch' };

function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function certificateDer(cert: pkijs.Certificate): Uint8Array {
  return new Uint8Array(cert.toSchema(true).toBER(false));
}

function isIdentityFile(v: unknown): v is IdentityFile {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  return (
    r['format'] === FORMAT &&
    typeof r['protector'] === 'string' &&
    typeof r['privateKey'] === 'string' &&
    typeof r['publicKeySpki'] === 'string' &&
    typeof r['certificatePem'] === 'string' &&
    typeof r['chainPem'] === 'string' &&
    (r['trustedCaPem'] === undefined || typeof r['trustedCaPem'] === 'string') &&
    (r['trustedCaSeal'] === undefined || typeof r['trustedCaSeal'] === 'string')
  );
}

export interface SigningIdentityStoreOptions {
  /** Subject of the self-signed certificate made on first use. */
  subject?: DistinguishedName;
  /** Validity of that certificate; 2 years by default. */
  validDays?: number;
  now?: () => Date;
}

export class SigningIdentityStore {
  private pending: Promise<SigningIdentity> | undefined;

  constructor(
    readonly dir: string,
    private readonly protector: SecretProtector,
    private readonly options: SigningIdentityStoreOptions = {},
  ) {}

  get path(): string {
    return join(this.dir, FILE);
  }

  /**
   * The identity, created and stored on the first call (with `subjectIfNew`, else the store's
   * subject); concurrent first calls share it. An existing identity keeps its certificate.
   */
  get(subjectIfNew?: DistinguishedName): Promise<SigningIdentity> {
    this.pending ??= this.loadOrCreate(subjectIfNew).catch((error: unknown) => {
      this.pending = undefined;
      throw error;
    });
    return this.pending;
  }

  /** The stored identity, or `null` when none was created yet (this call never creates one). */
  async peek(): Promise<SigningIdentity | null> {
    if (this.pending) return this.pending;
    return (await this.read()) === null ? null : this.get();
  }

  private async loadOrCreate(subjectIfNew?: DistinguishedName): Promise<SigningIdentity> {
    const existing = await this.read();
    if (existing) return this.open(existing);
    if (!this.protector.isAvailable()) {
      throw new KeyStoreError(
        `The ${this.protector.kind} secret protector is not available: cannot store a signing key`,
      );
    }
    const now = this.options.now?.() ?? new Date();
    const created = await createDevelopmentIdentity({
      subject: subjectIfNew ??
        this.options.subject ?? {
          commonName: 'Fieldbook engineer (not enrolled)',
          organisation: 'Fieldbook (self-signed)',
        },
      validDays: this.options.validDays ?? 730,
      now,
      extractable: true,
    });
    const exported = await exportIdentity(created);
    const file: IdentityFile = {
      format: FORMAT,
      protector: this.protector.kind,
      privateKey: this.protector.encrypt(Buffer.from(exported.privateKeyPkcs8)).toString('base64'),
      publicKeySpki: Buffer.from(
        created.certificate.subjectPublicKeyInfo.toSchema().toBER(false),
      ).toString('base64'),
      certificatePem: exported.certificatePem,
      chainPem: exported.chainPem,
      createdAt: now.toISOString(),
    };
    await this.write(file);
    // Reload so the key in memory is the non-extractable import, as on every later start.
    return this.open(file);
  }

  /**
   * Installs `certificatePem` (the signer's certificate) and `chainPem` (intermediates and CA)
   * for the stored key. Refuses a certificate whose public key is not the stored key's.
   */
  async replaceCertificateChain(certificatePem: string, chainPem = ''): Promise<SigningIdentity> {
    await this.get();
    const file = await this.read();
    if (!file) throw new KeyStoreError('the signing identity disappeared while replacing it');
    const [certificate] = certificatesFromPemOrDer(Buffer.from(certificatePem));
    if (!certificate) throw new KeyStoreError('no certificate in the given PEM');
    const chain = chainPem.trim() === '' ? [] : certificatesFromPemOrDer(Buffer.from(chainPem));
    const spki = Buffer.from(certificate.subjectPublicKeyInfo.toSchema().toBER(false));
    if (!spki.equals(Buffer.from(file.publicKeySpki, 'base64'))) {
      throw new KeyStoreError('the certificate is for another key than the stored signing key');
    }
    const updated: IdentityFile = {
      ...file,
      certificatePem,
      chainPem: chain.length === 0 ? '' : chainPem,
      certificateReplacedAt: (this.options.now?.() ?? new Date()).toISOString(),
    };
    await this.write(updated);
    this.pending = this.open(updated);
    return this.pending;
  }

  /**
   * Stores `caPem`, the organisation's CA certificate (a self-signed CA certificate, one only),
   * as the anchor of the laptop's own checks, sealed to the stored key. Refuses anything else
   * and then changes nothing.
   */
  async setTrustedCa(caPem: string): Promise<pkijs.Certificate> {
    let certs: pkijs.Certificate[];
    try {
      certs = certificatesFromPemOrDer(Buffer.from(caPem));
    } catch (error) {
      throw new KeyStoreError('the CA certificate is unreadable', { cause: error });
    }
    const [ca] = certs;
    if (!ca || certs.length !== 1) {
      throw new KeyStoreError(`expected exactly one CA certificate, got ${certs.length}`);
    }
    if (!isCaCertificate(ca) || !isSelfIssued(ca) || !(await isIssuedBy(ca, ca))) {
      throw new KeyStoreError('the certificate is not a self-signed CA certificate');
    }
    await this.get();
    const file = await this.read();
    if (!file) throw new KeyStoreError('the signing identity disappeared while storing the CA');
    const seal: CaSeal = {
      caSha256: sha256Hex(certificateDer(ca)),
      publicKeySpkiSha256: sha256Hex(Buffer.from(file.publicKeySpki, 'base64')),
    };
    await this.write({
      ...file,
      trustedCaPem: caPem,
      trustedCaSeal: this.protector
        .encrypt(Buffer.from(JSON.stringify(seal), 'utf8'))
        .toString('base64'),
      trustedCaUpdatedAt: (this.options.now?.() ?? new Date()).toISOString(),
    });
    return ca;
  }

  /**
   * The organisation's CA the laptop trusts, if one is stored and its seal holds. Reads only:
   * a profile without a signing identity has no CA (and gets no key from this call).
   */
  async trustedCa(): Promise<TrustedCaState> {
    const file = await this.read();
    if (!file || file.trustedCaPem === undefined || file.trustedCaSeal === undefined) {
      return { ca: null, problem: 'none' };
    }
    let ca: pkijs.Certificate | undefined;
    let seal: Partial<CaSeal>;
    try {
      [ca] = certificatesFromPemOrDer(Buffer.from(file.trustedCaPem));
      const plain = this.protector.decrypt(Buffer.from(file.trustedCaSeal, 'base64'));
      seal = JSON.parse(plain.toString('utf8')) as Partial<CaSeal>;
    } catch {
      return { ca: null, problem: 'unreadable' };
    }
    if (
      !ca ||
      seal.caSha256 !== sha256Hex(certificateDer(ca)) ||
      seal.publicKeySpkiSha256 !== sha256Hex(Buffer.from(file.publicKeySpki, 'base64'))
    ) {
      return { ca: null, problem: 'seal-mismatch' };
    }
    return { ca, problem: null };
  }

  private async open(file: IdentityFile): Promise<SigningIdentity> {
    if (file.protector !== this.protector.kind) {
      throw new KeyStoreError(
        `The signing key was protected with "${file.protector}" but only "${this.protector.kind}" is available now`,
      );
    }
    let pkcs8: Buffer;
    try {
      pkcs8 = this.protector.decrypt(Buffer.from(file.privateKey, 'base64'));
    } catch (error) {
      throw new KeyStoreError(`The signing key could not be decrypted with ${file.protector}`, {
        cause: error,
      });
    }
    const identity = await importIdentity({
      // A plain copy: a decrypted Buffer may be a view into Node's shared pool.
      privateKeyPkcs8: Uint8Array.from(pkcs8),
      certificatePem: file.certificatePem,
      chainPem: file.chainPem,
    });
    pkcs8.fill(0);
    return identity;
  }

  private async read(): Promise<IdentityFile | null> {
    const text = await readTextIfExists(this.path);
    if (text === null) return null;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new KeyStoreError(`Signing identity file ${this.path} is not valid JSON`, {
        cause: error,
      });
    }
    if (!isIdentityFile(parsed)) {
      throw new KeyStoreError(`Signing identity file ${this.path} has an unknown format`);
    }
    return parsed;
  }

  private async write(file: IdentityFile): Promise<void> {
    await writeJsonFileAtomic(this.path, file);
  }
}
