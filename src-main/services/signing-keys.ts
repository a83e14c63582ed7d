/**
 * The engineer's signing identity: a private key with its certificate chain.
 *
 * - Development / before enrolment: a fresh key and a self-signed certificate
 *   (`createDevelopmentIdentity`); verification reports it as self-signed.
 * - A PKCS#12 file protected by a password (`loadPkcs12`), e.g. the engineer's key and the
 *   certificate the organisation's CA issued. Supported: the PBES2 (PBKDF2 + AES) encryption and
 *   HMAC-SHA-2 integrity OpenSSL 3 writes by default; legacy RC2/3DES files are refused with a
 *   message (WebCrypto has no such ciphers).
 *
 * Where the key is stored between runs (OS key store, passphrase file) is the key store's
 * business; this module only turns bytes into a usable identity. The key never leaves main.
 */
import { webcrypto } from 'node:crypto';
import type * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import {
  arrayBufferOf,
  certificateToPem,
  certificatesFromPemOrDer,
  createSelfSignedCertificate,
  generateSigningKeyPair,
  isCaCertificate,
  privateKeyFromPkcs8,
  signingAlgorithmFor,
} from '../../src-shared/pki/certificates';
import type { DistinguishedName } from '../../src-shared/pki/certificates';

const subtle = webcrypto.subtle as SubtleCrypto;

export interface SigningIdentity {
  privateKey: CryptoKey;
  /** The signer's certificate. */
  certificate: pkijs.Certificate;
  /** Further certificates to embed (intermediates, the CA), signer's excluded. */
  chain: pkijs.Certificate[];
  /** `enrolled`: certified by the organisation's CA (src-main/services/enrolment.ts). */
  source: 'development' | 'pkcs12' | 'generated' | 'enrolled';
}

export async function createDevelopmentIdentity(
  options: {
    subject?: DistinguishedName;
    now?: Date;
    validDays?: number;
    extractable?: boolean;
  } = {},
): Promise<SigningIdentity> {
  const keys = await generateSigningKeyPair(options.extractable === true);
  const certificate = await createSelfSignedCertificate(keys, {
    subject: options.subject ?? {
      commonName: 'Fieldbook development signer',
      organisation: 'Fieldbook (development)',
    },
    validDays: options.validDays ?? 365,
    ...(options.now ? { now: options.now } : {}),
  });
  return { privateKey: keys.privateKey, certificate, chain: [], source: 'development' };
}

export class Pkcs12Error extends Error {
  constructor(
    message: string,
    readonly reason: 'unreadable' | 'bad-password' | 'unsupported' | 'no-key' | 'no-certificate',
  ) {
    super(message);
    this.name = 'Pkcs12Error';
  }
}

const BAG_KEY = '1.2.840.113549.1.12.10.1.1';
const BAG_SHROUDED_KEY = '1.2.840.113549.1.12.10.1.2';
const BAG_CERT = '1.2.840.113549.1.12.10.1.3';
const ATTR_LOCAL_KEY_ID = '1.2.840.113549.1.9.21';
const PBES2 = '1.2.840.113549.1.5.13';

function localKeyId(bag: pkijs.SafeBag): string | null {
  const attr = bag.bagAttributes?.find((a) => a.type === ATTR_LOCAL_KEY_ID);
  const v = attr?.values[0] as asn1js.OctetString | undefined;
  return v ? Buffer.from(v.valueBlock.valueHexView).toString('hex') : null;
}

/** Password bytes as PKCS#12 and PBES2 expect them (UTF-8; pkijs converts for the MAC). */
function passwordBytes(password: string): ArrayBuffer {
  const b = new TextEncoder().encode(password);
  return b.slice().buffer;
}

export async function loadPkcs12(data: Uint8Array, password: string): Promise<SigningIdentity> {
  let pfx: pkijs.PFX;
  try {
    pfx = pkijs.PFX.fromBER(arrayBufferOf(data));
  } catch (e) {
    throw new Pkcs12Error(`not a PKCS#12 file: ${(e as Error).message}`, 'unreadable');
  }
  const pw = passwordBytes(password);
  try {
    await pfx.parseInternalValues({ password: pw, checkIntegrity: true });
  } catch (e) {
    const msg = (e as Error).message;
    if (/integrity|mac|hmac/i.test(msg)) {
      throw new Pkcs12Error('wrong password (PKCS#12 integrity check failed)', 'bad-password');
    }
    throw new Pkcs12Error(`cannot read the PKCS#12 file: ${msg}`, 'unsupported');
  }
  const safe = pfx.parsedValue?.authenticatedSafe;
  if (!safe) throw new Pkcs12Error('PKCS#12 file without authenticated safe', 'unreadable');
  try {
    await safe.parseInternalValues({
      safeContents: safe.safeContents.map(() => ({ password: pw })),
    });
  } catch (e) {
    throw new Pkcs12Error(
      `cannot decrypt the PKCS#12 contents (only PBES2/AES files are supported; re-export with OpenSSL 3 defaults): ${(e as Error).message}`,
      'unsupported',
    );
  }

  const keys: { id: string | null; info: pkijs.PrivateKeyInfo }[] = [];
  const certs: { id: string | null; cert: pkijs.Certificate }[] = [];
  // pkijs types the parsed authenticated safe as any.
  const parsed = safe.parsedValue as { safeContents?: { value: pkijs.SafeContents }[] } | undefined;
  for (const content of parsed?.safeContents ?? []) {
    for (const bag of content.value.safeBags) {
      if (bag.bagId === BAG_SHROUDED_KEY) {
        const shrouded = bag.bagValue as pkijs.PKCS8ShroudedKeyBag;
        if (shrouded.encryptionAlgorithm.algorithmId !== PBES2) {
          throw new Pkcs12Error(
            `private key encrypted with ${shrouded.encryptionAlgorithm.algorithmId}; only PBES2 is supported`,
            'unsupported',
          );
        }
        try {
          // Declared protected in pkijs's types but it is the documented way to decrypt the bag.
          await (
            shrouded as unknown as {
              parseInternalValues(p: { password: ArrayBuffer }): Promise<void>;
            }
          ).parseInternalValues({ password: pw });
        } catch {
          throw new Pkcs12Error('wrong password (private key does not decrypt)', 'bad-password');
        }
        if (shrouded.parsedValue) keys.push({ id: localKeyId(bag), info: shrouded.parsedValue });
      } else if (bag.bagId === BAG_KEY) {
        keys.push({ id: localKeyId(bag), info: bag.bagValue as pkijs.PrivateKeyInfo });
      } else if (bag.bagId === BAG_CERT) {
        const certBag = bag.bagValue as pkijs.CertBag;
        if (certBag.parsedValue instanceof pkijs.Certificate) {
          certs.push({ id: localKeyId(bag), cert: certBag.parsedValue });
        }
      }
    }
  }
  const key = keys[0];
  if (!key) throw new Pkcs12Error('the PKCS#12 file holds no private key', 'no-key');
  const signer =
    certs.find((c) => key.id !== null && c.id === key.id) ??
    certs.find((c) => !isCaCertificate(c.cert)) ??
    certs[0];
  if (!signer) throw new Pkcs12Error('the PKCS#12 file holds no certificate', 'no-certificate');
  const der = key.info.toSchema().toBER(false);
  const privateKey = await subtle.importKey(
    'pkcs8',
    der,
    signingAlgorithmFor(key.info.privateKeyAlgorithm),
    false,
    ['sign'],
  );
  return {
    privateKey,
    certificate: signer.cert,
    chain: certs.filter((c) => c !== signer).map((c) => c.cert),
    source: 'pkcs12',
  };
}

/**
 * The identity as bytes for a key store: the private key as unencrypted PKCS#8 DER (the key
 * store encrypts it — OS key store or passphrase) and the certificates as PEM. The key must
 * have been created extractable.
 */
export async function exportIdentity(
  identity: SigningIdentity,
): Promise<{ privateKeyPkcs8: Uint8Array; certificatePem: string; chainPem: string }> {
  const der = await subtle.exportKey('pkcs8', identity.privateKey);
  return {
    privateKeyPkcs8: new Uint8Array(der),
    certificatePem: certificateToPem(identity.certificate),
    chainPem: identity.chain.map(certificateToPem).join(''),
  };
}

/** The inverse of exportIdentity; the imported key is not extractable. */
export async function importIdentity(stored: {
  privateKeyPkcs8: Uint8Array;
  certificatePem: string;
  chainPem?: string;
}): Promise<SigningIdentity> {
  const [certificate] = certificatesFromPemOrDer(Buffer.from(stored.certificatePem));
  if (!certificate) throw new Error('no certificate in the stored identity');
  return {
    privateKey: await privateKeyFromPkcs8(stored.privateKeyPkcs8),
    certificate,
    chain: stored.chainPem ? certificatesFromPemOrDer(Buffer.from(stored.chainPem)) : [],
    source: 'generated',
  };
}
