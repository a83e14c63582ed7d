/**
 * X.509 building blocks on WebCrypto + pkijs: key pairs, self-signed and CA certificates,
 * certificate requests (PKCS#10) and issuing a certificate from a request. Plain functions on the
 * global WebCrypto (Node >= 20, browsers) so the central server (acting as the organisation's CA),
 * the laptop and the command line share them.
 *
 * Keys are RSA-2048 / SHA-256 (RSASSA-PKCS1-v1_5): the combination every PDF reader and pdfsig
 * (NSS) verifies. SM2/SM3 are not available in WebCrypto or pkijs.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { base64Decode, base64Encode, latin1 } from './base64';
import { publicKeyProblem } from './key-strength';

const subtle: SubtleCrypto = globalThis.crypto.subtle;

/**
 * A standalone ArrayBuffer copy of `b`: WebCrypto and pkijs want ArrayBuffer-backed input, and a
 * Node Buffer's memory may be a shared pool. (Not `b.slice().buffer`: Buffer#slice is a view, so
 * for a small pooled Buffer that is the whole 8 KB pool.)
 */
export function arrayBufferOf(b: Uint8Array): ArrayBuffer {
  const copy = new Uint8Array(b.byteLength);
  copy.set(b);
  return copy.buffer;
}

export const RSA_SIGN_ALGORITHM: RsaHashedKeyGenParams = {
  name: 'RSASSA-PKCS1-v1_5',
  modulusLength: 2048,
  publicExponent: new Uint8Array([1, 0, 1]),
  hash: 'SHA-256',
};

const OID = {
  commonName: '2.5.4.3',
  organisation: '2.5.4.10',
  organisationalUnit: '2.5.4.11',
  country: '2.5.4.6',
  email: '1.2.840.113549.1.9.1',
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  subjectKeyIdentifier: '2.5.29.14',
  authorityKeyIdentifier: '2.5.29.35',
  extensionRequest: '1.2.840.113549.1.9.14',
} as const;

export interface DistinguishedName {
  commonName: string;
  organisation?: string;
  organisationalUnit?: string;
  /** Two-letter country code. */
  country?: string;
}

export async function generateSigningKeyPair(extractable = true): Promise<CryptoKeyPair> {
  return subtle.generateKey(RSA_SIGN_ALGORITHM, extractable, ['sign', 'verify']);
}

/**
 * A Name with one attribute per RDN (`C`, `O`, `OU`, `CN` in that order). pkijs would put all
 * attributes into a single multi-valued RDN, which readers show as `O=…+CN=…`; encoding the
 * sequence ourselves and parsing it back keeps the conventional shape.
 */
function makeName(dn: DistinguishedName): pkijs.RelativeDistinguishedNames {
  const rdns: asn1js.Set[] = [];
  const add = (type: string, value: string | undefined, printable = false) => {
    if (!value) return;
    const atv = new pkijs.AttributeTypeAndValue({
      type,
      value: printable ? new asn1js.PrintableString({ value }) : new asn1js.Utf8String({ value }),
    });
    rdns.push(new asn1js.Set({ value: [atv.toSchema()] }));
  };
  add(OID.country, dn.country, true);
  add(OID.organisation, dn.organisation);
  add(OID.organisationalUnit, dn.organisationalUnit);
  add(OID.commonName, dn.commonName);
  return pkijs.RelativeDistinguishedNames.fromBER(
    new asn1js.Sequence({ value: rdns }).toBER(false),
  );
}

/** The attributes of a name as a readable `CN=…, O=…` string and a field map. */
export function describeName(name: pkijs.RelativeDistinguishedNames): {
  text: string;
  commonName: string | null;
  organisation: string | null;
} {
  const short: Record<string, string> = {
    [OID.commonName]: 'CN',
    [OID.organisation]: 'O',
    [OID.organisationalUnit]: 'OU',
    [OID.country]: 'C',
    [OID.email]: 'E',
  };
  let commonName: string | null = null;
  let organisation: string | null = null;
  const parts = name.typesAndValues.map((tv) => {
    const value = String((tv.value as { valueBlock: { value: unknown } }).valueBlock.value);
    if (tv.type === OID.commonName) commonName = value;
    if (tv.type === OID.organisation) organisation = value;
    return `${short[tv.type] ?? tv.type}=${value}`;
  });
  return { text: parts.reverse().join(', '), commonName, organisation };
}

function randomSerial(): asn1js.Integer {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  bytes[0] = (bytes[0]! & 0x7f) | 0x01; // positive and without a leading zero byte
  return new asn1js.Integer({ valueHex: bytes.buffer });
}

async function keyIdentifier(spki: pkijs.PublicKeyInfo): Promise<ArrayBuffer> {
  return subtle.digest('SHA-1', arrayBufferOf(spki.subjectPublicKey.valueBlock.valueHexView));
}

function keyUsageExtension(bits: number): pkijs.Extension {
  // KeyUsage is a BIT STRING; bit 0 (digitalSignature) is the most significant bit of byte 0.
  const bytes = bits > 0xff ? new Uint8Array([bits >> 8, bits & 0xff]) : new Uint8Array([bits]);
  const unused = (() => {
    const last = bytes[bytes.length - 1]!;
    let n = 0;
    while (n < 8 && ((last >> n) & 1) === 0) n++;
    return n;
  })();
  return new pkijs.Extension({
    extnID: OID.keyUsage,
    critical: true,
    extnValue: new asn1js.BitString({ valueHex: bytes.buffer, unusedBits: unused }).toBER(false),
  });
}

const KU_DIGITAL_SIGNATURE = 0x80;
const KU_NON_REPUDIATION = 0x40;
const KU_KEY_CERT_SIGN = 0x04;
const KU_CRL_SIGN = 0x02;

async function baseExtensions(
  spki: pkijs.PublicKeyInfo,
  ca: boolean,
  issuerKeyId: ArrayBuffer | null,
): Promise<pkijs.Extension[]> {
  const ski = await keyIdentifier(spki);
  const exts = [
    new pkijs.Extension({
      extnID: OID.basicConstraints,
      critical: true,
      extnValue: new pkijs.BasicConstraints({ cA: ca }).toSchema().toBER(false),
    }),
    keyUsageExtension(
      ca
        ? KU_KEY_CERT_SIGN | KU_CRL_SIGN | KU_DIGITAL_SIGNATURE
        : KU_DIGITAL_SIGNATURE | KU_NON_REPUDIATION,
    ),
    new pkijs.Extension({
      extnID: OID.subjectKeyIdentifier,
      critical: false,
      extnValue: new asn1js.OctetString({ valueHex: ski }).toBER(false),
    }),
  ];
  if (issuerKeyId) {
    exts.push(
      new pkijs.Extension({
        extnID: OID.authorityKeyIdentifier,
        critical: false,
        extnValue: new pkijs.AuthorityKeyIdentifier({
          keyIdentifier: new asn1js.OctetString({ valueHex: issuerKeyId }),
        })
          .toSchema()
          .toBER(false),
      }),
    );
  }
  return exts;
}

export interface CertificateOptions {
  subject: DistinguishedName;
  /** Days of validity from `now`. */
  validDays: number;
  now?: Date;
  /** A CA certificate (can sign certificates) rather than an end-entity signing certificate. */
  ca?: boolean;
}

function validity(cert: pkijs.Certificate, now: Date, days: number): void {
  // Back-date by an hour so a laptop whose clock is slightly behind still accepts the certificate.
  cert.notBefore.value = new Date(now.getTime() - 3_600_000);
  cert.notAfter.value = new Date(now.getTime() + days * 86_400_000);
}

/** A certificate for `keys`, signed by its own private key. */
export async function createSelfSignedCertificate(
  keys: CryptoKeyPair,
  options: CertificateOptions,
): Promise<pkijs.Certificate> {
  const cert = new pkijs.Certificate();
  cert.version = 2;
  cert.serialNumber = randomSerial();
  cert.subject = makeName(options.subject);
  cert.issuer = makeName(options.subject);
  validity(cert, options.now ?? new Date(), options.validDays);
  await cert.subjectPublicKeyInfo.importKey(keys.publicKey);
  cert.extensions = await baseExtensions(cert.subjectPublicKeyInfo, options.ca === true, null);
  await cert.sign(keys.privateKey, 'SHA-256');
  return cert;
}

/**
 * A PKCS#10 certificate request signed with the private key (proof of possession). The public
 * key comes from the key pair, or from an existing certificate of the same key (an identity kept
 * in a key store holds its private key and certificate, not the public CryptoKey).
 */
export async function createCertificateRequest(
  keys: CryptoKeyPair | { privateKey: CryptoKey; publicKeyInfo: pkijs.PublicKeyInfo },
  subject: DistinguishedName,
): Promise<pkijs.CertificationRequest> {
  const csr = new pkijs.CertificationRequest();
  csr.subject = makeName(subject);
  if ('publicKeyInfo' in keys) csr.subjectPublicKeyInfo = keys.publicKeyInfo;
  else await csr.subjectPublicKeyInfo.importKey(keys.publicKey);
  await csr.sign(keys.privateKey, 'SHA-256');
  return csr;
}

export class CertificateRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CertificateRequestError';
  }
}

export interface IssueOptions {
  request: pkijs.CertificationRequest;
  caCertificate: pkijs.Certificate;
  caPrivateKey: CryptoKey;
  validDays: number;
  now?: Date;
  /** Replace the request's subject (the CA decides the name, e.g. from the engineer's account). */
  subject?: DistinguishedName;
}

/**
 * Issues an end-entity signing certificate for a request. Refuses requests whose signature does
 * not verify (the requester does not hold the private key), keys the verifier would refuse
 * (weak RSA, other curves: see key-strength.ts; checked first, since a weak key's proof of
 * possession proves nothing) and CA certificates that cannot sign.
 */
export async function issueCertificate(options: IssueOptions): Promise<pkijs.Certificate> {
  const keyProblem = publicKeyProblem(options.request.subjectPublicKeyInfo);
  if (keyProblem) {
    throw new CertificateRequestError(
      `the certificate request's key is not accepted: ${keyProblem}`,
    );
  }
  if (!(await options.request.verify())) {
    throw new CertificateRequestError('the certificate request signature does not verify');
  }
  const basic = options.caCertificate.extensions?.find((e) => e.extnID === OID.basicConstraints);
  if (!(basic?.parsedValue instanceof pkijs.BasicConstraints) || !basic.parsedValue.cA) {
    throw new CertificateRequestError('the issuing certificate is not a CA certificate');
  }
  const cert = new pkijs.Certificate();
  cert.version = 2;
  cert.serialNumber = randomSerial();
  cert.subject = options.subject ? makeName(options.subject) : options.request.subject;
  cert.issuer = options.caCertificate.subject;
  validity(cert, options.now ?? new Date(), options.validDays);
  cert.subjectPublicKeyInfo = options.request.subjectPublicKeyInfo;
  cert.extensions = await baseExtensions(
    cert.subjectPublicKeyInfo,
    false,
    await keyIdentifier(options.caCertificate.subjectPublicKeyInfo),
  );
  await cert.sign(options.caPrivateKey, 'SHA-256');
  return cert;
}

// ---- PEM / DER ----

function pem(label: string, der: ArrayBuffer | Uint8Array): string {
  const b64 = base64Encode(der instanceof Uint8Array ? der : new Uint8Array(der));
  return `-----BEGIN ${label}-----\n${b64.replace(/(.{64})/g, '$1\n').replace(/\n$/, '')}\n-----END ${label}-----\n`;
}

/** Every PEM block with `label` in `text`, as DER. */
export function pemBlocks(text: string, label: string): Uint8Array[] {
  const re = new RegExp(`-----BEGIN ${label}-----([A-Za-z0-9+/=\\s]+)-----END ${label}-----`, 'g');
  return [...text.matchAll(re)].map((m) => base64Decode(m[1]!));
}

export function certificateToPem(cert: pkijs.Certificate): string {
  return pem('CERTIFICATE', cert.toSchema(true).toBER(false));
}

export function certificateFromDer(der: Uint8Array): pkijs.Certificate {
  return pkijs.Certificate.fromBER(arrayBufferOf(der));
}

/** Certificates in PEM text (a chain file may hold several) or one DER certificate. */
export function certificatesFromPemOrDer(data: Uint8Array): pkijs.Certificate[] {
  const text = latin1(data);
  if (text.includes('-----BEGIN CERTIFICATE-----'))
    return pemBlocks(text, 'CERTIFICATE').map(certificateFromDer);
  return [certificateFromDer(data)];
}

export function requestToPem(csr: pkijs.CertificationRequest): string {
  return pem('CERTIFICATE REQUEST', csr.toSchema().toBER(false));
}

/** Parses a PEM certificate request; anything unreadable is a CertificateRequestError. */
export function requestFromPem(text: string): pkijs.CertificationRequest {
  let der: Uint8Array | undefined;
  try {
    [der] = pemBlocks(text, 'CERTIFICATE REQUEST');
  } catch (e) {
    throw new CertificateRequestError(`the certificate request is not valid PEM: ${String(e)}`);
  }
  if (!der) throw new CertificateRequestError('no PEM certificate request found');
  try {
    return pkijs.CertificationRequest.fromBER(arrayBufferOf(der));
  } catch (e) {
    throw new CertificateRequestError(
      `the certificate request is not a PKCS#10 structure: ${(e as Error).message}`,
    );
  }
}

export async function privateKeyToPkcs8Pem(key: CryptoKey): Promise<string> {
  return pem('PRIVATE KEY', await subtle.exportKey('pkcs8', key));
}

/** Imports an unencrypted PKCS#8 RSA or EC private key for signing. */
export async function privateKeyFromPkcs8(
  der: Uint8Array,
  extractable = false,
): Promise<CryptoKey> {
  const info = pkijs.PrivateKeyInfo.fromBER(arrayBufferOf(der));
  return subtle.importKey(
    'pkcs8',
    arrayBufferOf(der),
    signingAlgorithmFor(info.privateKeyAlgorithm),
    extractable,
    ['sign'],
  );
}

/** The WebCrypto import parameters for a key with this algorithm identifier. */
export function signingAlgorithmFor(
  alg: pkijs.AlgorithmIdentifier,
): RsaHashedImportParams | EcKeyImportParams {
  if (alg.algorithmId === '1.2.840.113549.1.1.1')
    return { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
  if (alg.algorithmId === '1.2.840.10045.2.1') {
    const curveOid = (
      alg.algorithmParams as asn1js.ObjectIdentifier | undefined
    )?.valueBlock.toString();
    const curves: Record<string, string> = {
      '1.2.840.10045.3.1.7': 'P-256',
      '1.3.132.0.34': 'P-384',
      '1.3.132.0.35': 'P-521',
    };
    const namedCurve = curveOid ? curves[curveOid] : undefined;
    if (!namedCurve) throw new Error(`unsupported elliptic curve ${String(curveOid)}`);
    return { name: 'ECDSA', namedCurve };
  }
  throw new Error(
    `unsupported key algorithm ${alg.algorithmId} (RSA and ECDSA keys are supported; SM2 is not)`,
  );
}

/** SHA-256 fingerprint of a certificate, upper-case hex with colons. */
export async function certificateFingerprint(cert: pkijs.Certificate): Promise<string> {
  const d = new Uint8Array(await subtle.digest('SHA-256', cert.toSchema(true).toBER(false)));
  return [...d].map((b) => b.toString(16).padStart(2, '0').toUpperCase()).join(':');
}

export function isSelfIssued(cert: pkijs.Certificate): boolean {
  return cert.subject.isEqual(cert.issuer);
}

/** Whether `cert` was signed by `issuer`'s key and names it as issuer. */
export async function isIssuedBy(
  cert: pkijs.Certificate,
  issuer: pkijs.Certificate,
): Promise<boolean> {
  if (!cert.issuer.isEqual(issuer.subject)) return false;
  try {
    return await cert.verify(issuer);
  } catch {
    return false;
  }
}

export function isCaCertificate(cert: pkijs.Certificate): boolean {
  const basic = cert.extensions?.find((e) => e.extnID === OID.basicConstraints);
  return basic?.parsedValue instanceof pkijs.BasicConstraints && basic.parsedValue.cA === true;
}

/** The serial number as lower-case hex, as it is recorded and shown (e.g. by openssl). */
export function serialNumberHex(cert: pkijs.Certificate): string {
  return [...cert.serialNumber.valueBlock.valueHexView]
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('');
}

/** DER of a SubjectPublicKeyInfo, to compare keys byte for byte. */
export function publicKeyInfoDer(spki: pkijs.PublicKeyInfo): Uint8Array {
  return new Uint8Array(spki.toSchema().toBER(false));
}

export function samePublicKey(a: pkijs.PublicKeyInfo, b: pkijs.PublicKeyInfo): boolean {
  const x = publicKeyInfoDer(a);
  const y = publicKeyInfoDer(b);
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

const KEY_USAGE_NAMES = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly',
] as const;

/** The key usage bits a certificate names, e.g. `['digitalSignature', 'nonRepudiation']`. */
export function keyUsageOf(cert: pkijs.Certificate): string[] {
  const ext = cert.extensions?.find((e) => e.extnID === OID.keyUsage);
  if (!ext) return [];
  const bits = asn1js.fromBER(ext.extnValue.valueBlock.valueHexView).result as asn1js.BitString;
  const bytes = bits.valueBlock.valueHexView;
  return KEY_USAGE_NAMES.filter((_, i) => ((bytes[i >> 3] ?? 0) >> (7 - (i & 7))) & 1);
}

/**
 * Whether `privateKey` belongs to the certificate's public key: a probe message signed with the
 * one must verify with the other (WebCrypto cannot derive a public key from a private one).
 */
export async function keyMatchesCertificate(
  privateKey: CryptoKey,
  cert: pkijs.Certificate,
): Promise<boolean> {
  const spki = cert.subjectPublicKeyInfo;
  const importParams = signingAlgorithmFor(spki.algorithm);
  const params =
    importParams.name === 'ECDSA'
      ? { name: 'ECDSA', hash: 'SHA-256' }
      : { name: importParams.name };
  try {
    const publicKey = await subtle.importKey(
      'spki',
      arrayBufferOf(publicKeyInfoDer(spki)),
      importParams,
      false,
      ['verify'],
    );
    const probe = globalThis.crypto.getRandomValues(new Uint8Array(32));
    const signature = await subtle.sign(params, privateKey, probe);
    return await subtle.verify(params, publicKey, signature, probe);
  } catch {
    return false;
  }
}

/** The first PKCS#8 `PRIVATE KEY` block of a PEM text, imported for signing. */
export async function privateKeyFromPem(text: string, extractable = false): Promise<CryptoKey> {
  const [der] = pemBlocks(text, 'PRIVATE KEY');
  if (!der) {
    throw new Error(
      /-----BEGIN (RSA |EC |ENCRYPTED )PRIVATE KEY-----/.test(text)
        ? 'the key is not an unencrypted PKCS#8 "PRIVATE KEY"; convert it with ' +
            '`openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem`'
        : 'no PEM "PRIVATE KEY" block found',
    );
  }
  return privateKeyFromPkcs8(der, extractable);
}
