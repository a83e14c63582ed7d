/**
 * Certificates and keys for the attack tests, built with pkijs/asn1js/WebCrypto: certificates
 * with any basicConstraints, key usage, validity and extensions; RSA public keys with any
 * modulus and exponent; and "signatures" forged for a public exponent of 1, which need no
 * private key (with e = 1, s^e mod n = s: the signature is the padded digest itself).
 */
import { createHash, webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { keyUsageOf } from '../../src-shared/pki/certificates';

const subtle = webcrypto.subtle as SubtleCrypto;

const OID = {
  commonName: '2.5.4.3',
  organisation: '2.5.4.10',
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  subjectKeyIdentifier: '2.5.29.14',
  authorityKeyIdentifier: '2.5.29.35',
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256WithRsa: '1.2.840.113549.1.1.11',
};

export type KeyUsageName =
  | 'digitalSignature'
  | 'nonRepudiation'
  | 'keyEncipherment'
  | 'dataEncipherment'
  | 'keyAgreement'
  | 'keyCertSign'
  | 'cRLSign';
const KU_BITS: KeyUsageName[] = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
];

export function name(cn: string, o = 'Fieldbook Test'): pkijs.RelativeDistinguishedNames {
  const rdn = (type: string, value: string) =>
    new asn1js.Set({
      value: [
        new pkijs.AttributeTypeAndValue({
          type,
          value: new asn1js.Utf8String({ value }),
        }).toSchema(),
      ],
    });
  return pkijs.RelativeDistinguishedNames.fromBER(
    new asn1js.Sequence({ value: [rdn(OID.organisation, o), rdn(OID.commonName, cn)] }).toBER(
      false,
    ),
  );
}

function keyUsage(usages: KeyUsageName[]): pkijs.Extension {
  const bits = usages.reduce((acc, u) => acc | (0x8000 >> KU_BITS.indexOf(u)), 0);
  const bytes = bits & 0xff ? [bits >> 8, bits & 0xff] : [bits >> 8];
  const last = bytes[bytes.length - 1]!;
  let unused = 0;
  while (unused < 7 && ((last >> unused) & 1) === 0) unused++;
  return new pkijs.Extension({
    extnID: OID.keyUsage,
    critical: true,
    extnValue: new asn1js.BitString({
      valueHex: new Uint8Array(bytes).buffer,
      unusedBits: unused,
    }).toBER(false),
  });
}

async function keyId(spki: pkijs.PublicKeyInfo): Promise<ArrayBuffer> {
  return subtle.digest('SHA-1', spki.subjectPublicKey.valueBlock.valueHexView.slice());
}

export interface Issuer {
  certificate: pkijs.Certificate;
  /** A private key, or 'e=1' to forge the signature (the issuer's key has exponent 1). */
  privateKey: CryptoKey | 'e=1';
}

export interface CertOptions {
  subject: pkijs.RelativeDistinguishedNames;
  publicKey: CryptoKey | pkijs.PublicKeyInfo;
  /** Self-signed when absent (then `selfKey` signs). */
  issuer?: Issuer;
  selfKey?: CryptoKey | 'e=1';
  /** undefined: no basicConstraints extension at all. */
  ca?: boolean;
  pathLen?: number;
  /** null: no keyUsage extension. */
  keyUsage?: KeyUsageName[] | null;
  notBefore: Date;
  notAfter: Date;
  extraExtensions?: pkijs.Extension[];
}

let serial = 1000;

/** A certificate exactly as described, signed by the issuer (or itself). */
export async function makeCertificate(o: CertOptions): Promise<pkijs.Certificate> {
  const cert = new pkijs.Certificate();
  cert.version = 2;
  cert.serialNumber = new asn1js.Integer({ value: serial++ });
  cert.subject = o.subject;
  cert.issuer = o.issuer ? o.issuer.certificate.subject : o.subject;
  cert.notBefore.value = o.notBefore;
  cert.notAfter.value = o.notAfter;
  if (o.publicKey instanceof pkijs.PublicKeyInfo) cert.subjectPublicKeyInfo = o.publicKey;
  else await cert.subjectPublicKeyInfo.importKey(o.publicKey);
  const exts: pkijs.Extension[] = [];
  if (o.ca !== undefined) {
    exts.push(
      new pkijs.Extension({
        extnID: OID.basicConstraints,
        critical: true,
        extnValue: new pkijs.BasicConstraints({
          cA: o.ca,
          ...(o.pathLen !== undefined ? { pathLenConstraint: o.pathLen } : {}),
        })
          .toSchema()
          .toBER(false),
      }),
    );
  }
  if (o.keyUsage !== null && o.keyUsage !== undefined) exts.push(keyUsage(o.keyUsage));
  exts.push(
    new pkijs.Extension({
      extnID: OID.subjectKeyIdentifier,
      critical: false,
      extnValue: new asn1js.OctetString({
        valueHex: await keyId(cert.subjectPublicKeyInfo),
      }).toBER(false),
    }),
  );
  if (o.issuer) {
    exts.push(
      new pkijs.Extension({
        extnID: OID.authorityKeyIdentifier,
        critical: false,
        extnValue: new pkijs.AuthorityKeyIdentifier({
          keyIdentifier: new asn1js.OctetString({
            valueHex: await keyId(o.issuer.certificate.subjectPublicKeyInfo),
          }),
        })
          .toSchema()
          .toBER(false),
      }),
    );
  }
  exts.push(...(o.extraExtensions ?? []));
  cert.extensions = exts;
  const signer = o.issuer ? o.issuer.privateKey : o.selfKey;
  if (signer === undefined) throw new Error('makeCertificate: no signing key');
  if (signer === 'e=1') {
    const modulusBytes = rsaModulusLength(
      o.issuer ? o.issuer.certificate.subjectPublicKeyInfo : cert.subjectPublicKeyInfo,
    );
    cert.signature = new pkijs.AlgorithmIdentifier({
      algorithmId: OID.sha256WithRsa,
      algorithmParams: new asn1js.Null(),
    });
    cert.signatureAlgorithm = cert.signature;
    const tbs = new Uint8Array(cert.encodeTBS().toBER(false));
    cert.signatureValue = new asn1js.BitString({
      valueHex: forgedE1Signature(tbs, modulusBytes).buffer,
    });
    // Re-read so that the tbs view pkijs caches matches the encoding.
    return pkijs.Certificate.fromBER(cert.toSchema(true).toBER(false));
  }
  await cert.sign(signer, 'SHA-256');
  return pkijs.Certificate.fromBER(cert.toSchema(true).toBER(false));
}

/** An extension with an OID nobody processes. */
export function unknownExtension(critical: boolean): pkijs.Extension {
  return new pkijs.Extension({
    extnID: '1.3.6.1.4.1.55555.1.1',
    critical,
    extnValue: new asn1js.Utf8String({ value: 'process me or refuse me' }).toBER(false),
  });
}

/** An RSA SubjectPublicKeyInfo with a random odd modulus of `bits` bits and exponent `e`. */
export function rsaPublicKeyInfo(bits: number, e: number): pkijs.PublicKeyInfo {
  const n = webcrypto.getRandomValues(new Uint8Array(bits / 8));
  n[0] = (n[0] ?? 0) | 0x80;
  n[n.length - 1] = (n[n.length - 1] ?? 0) | 1;
  const eBytes: number[] = [];
  for (let v = e; v > 0; v = Math.floor(v / 256)) eBytes.unshift(v & 0xff);
  const rsa = new asn1js.Sequence({
    value: [
      new asn1js.Integer({ valueHex: new Uint8Array([0, ...n]).buffer }),
      new asn1js.Integer({ valueHex: new Uint8Array(eBytes).buffer }),
    ],
  });
  return new pkijs.PublicKeyInfo({
    algorithm: new pkijs.AlgorithmIdentifier({
      algorithmId: OID.rsaEncryption,
      algorithmParams: new asn1js.Null(),
    }),
    subjectPublicKey: new asn1js.BitString({ valueHex: rsa.toBER(false) }),
  });
}

function rsaModulusLength(spki: pkijs.PublicKeyInfo): number {
  const key = pkijs.RSAPublicKey.fromBER(spki.subjectPublicKey.valueBlock.valueHexView.slice());
  const m = key.modulus.valueBlock.valueHexView;
  return m[0] === 0 ? m.length - 1 : m.length;
}

/**
 * The RSASSA-PKCS1-v1_5 SHA-256 "signature" of `data` for a key with public exponent 1: the
 * EMSA-PKCS1-v1_5 encoding of the digest, computed from public data only.
 */
export function forgedE1Signature(data: Uint8Array, modulusBytes: number): Uint8Array<ArrayBuffer> {
  const digestInfo = Buffer.concat([
    Buffer.from('3031300d060960864801650304020105000420', 'hex'),
    createHash('sha256').update(data).digest(),
  ]);
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0, 1]),
      Buffer.alloc(modulusBytes - 3 - digestInfo.length, 0xff),
      Buffer.from([0]),
      digestInfo,
    ]),
  );
}

/**
 * A PKCS#10 request for an e = 1 key, its proof of possession forged the same way (a throwaway
 * key signs first only so that pkijs encodes the request info; that signature is replaced).
 */
export async function forgedE1Request(subject: pkijs.RelativeDistinguishedNames): Promise<{
  request: pkijs.CertificationRequest;
  publicKeyInfo: pkijs.PublicKeyInfo;
}> {
  const publicKeyInfo = rsaPublicKeyInfo(2048, 1);
  const csr = new pkijs.CertificationRequest();
  csr.subject = subject;
  csr.subjectPublicKeyInfo = publicKeyInfo;
  const throwaway = await subtle.generateKey(
    {
      name: 'RSASSA-PKCS1-v1_5',
      modulusLength: 2048,
      publicExponent: new Uint8Array([1, 0, 1]),
      hash: 'SHA-256',
    },
    false,
    ['sign', 'verify'],
  );
  await csr.sign(throwaway.privateKey, 'SHA-256');
  csr.signatureValue = new asn1js.BitString({
    valueHex: forgedE1Signature(csr.tbsView, 256).buffer,
  });
  return {
    request: pkijs.CertificationRequest.fromBER(csr.toSchema().toBER(false)),
    publicKeyInfo,
  };
}

/**
 * Replaces the CMS signature value of every signature of `pdf` whose signer has an e = 1 key by
 * the forged one: what an attacker without any private key can produce.
 */
export function forgeE1SignatureInPdf(pdf: Buffer): Buffer {
  const text = pdf.toString('latin1');
  const out = Buffer.from(pdf);
  for (const m of text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)) {
    const [b, c] = [Number(m[2]), Number(m[3])];
    const hex = text.slice(b + 1, c - 1);
    const der = Buffer.from(hex, 'hex');
    const contentInfo = pkijs.ContentInfo.fromBER(der.subarray(0, asnLength(der)));
    const signedData = new pkijs.SignedData({ schema: contentInfo.content });
    const signerInfo = signedData.signerInfos[0]!;
    const signedAttrs = new Uint8Array(signerInfo.signedAttrs!.encodedValue);
    // The DER of the SET OF attributes (tag 0x31), as RFC 5652 §5.4 signs it.
    signedAttrs[0] = 0x31;
    const signer = (signedData.certificates ?? [])[0] as pkijs.Certificate;
    signerInfo.signature = new asn1js.OctetString({
      valueHex: forgedE1Signature(signedAttrs, rsaModulusLength(signer.subjectPublicKeyInfo))
        .buffer,
    });
    const forged = new pkijs.ContentInfo({
      contentType: contentInfo.contentType,
      content: signedData.toSchema(true),
    });
    const forgedHex = Buffer.from(forged.toSchema().toBER(false)).toString('hex');
    if (forgedHex.length > hex.length) throw new Error('forged CMS does not fit');
    out.write(forgedHex.padEnd(hex.length, '0'), b + 1, 'latin1');
  }
  return out;
}

/** Length of the DER element at the start of `der` (the CMS is padded with zeros). */
function asnLength(der: Buffer): number {
  const first = der[1]!;
  if (first < 0x80) return 2 + first;
  const n = first & 0x7f;
  let len = 0;
  for (let i = 0; i < n; i++) len = len * 256 + der[2 + i]!;
  return 2 + n + len;
}

export { keyUsageOf };
