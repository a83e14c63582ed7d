import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { describe, expect, it } from 'vitest';
import { issueCertificate, CertificateRequestError } from './certificates';
import { describePublicKey, publicKeyProblem } from './key-strength';

/** An RSA SubjectPublicKeyInfo with a random odd modulus of `bits` bits and exponent `e`. */
function rsaKey(bits: number, e: number[]): pkijs.PublicKeyInfo {
  const n = globalThis.crypto.getRandomValues(new Uint8Array(bits / 8));
  n[0] = (n[0] ?? 0) | 0x80;
  n[n.length - 1] = (n[n.length - 1] ?? 0) | 1;
  const body = new asn1js.Sequence({
    value: [
      new asn1js.Integer({ valueHex: new Uint8Array([0, ...n]).buffer }),
      new asn1js.Integer({ valueHex: new Uint8Array(e).buffer }),
    ],
  });
  return new pkijs.PublicKeyInfo({
    algorithm: new pkijs.AlgorithmIdentifier({
      algorithmId: '1.2.840.113549.1.1.1',
      algorithmParams: new asn1js.Null(),
    }),
    subjectPublicKey: new asn1js.BitString({ valueHex: body.toBER(false) }),
  });
}

async function ecKey(namedCurve: string): Promise<pkijs.PublicKeyInfo> {
  const keys = await globalThis.crypto.subtle.generateKey({ name: 'ECDSA', namedCurve }, true, [
    'sign',
    'verify',
  ]);
  const spki = new pkijs.PublicKeyInfo();
  await spki.importKey(keys.publicKey);
  return spki;
}

function ecKeyWithCurve(oid: string): pkijs.PublicKeyInfo {
  return new pkijs.PublicKeyInfo({
    algorithm: new pkijs.AlgorithmIdentifier({
      algorithmId: '1.2.840.10045.2.1',
      algorithmParams: new asn1js.ObjectIdentifier({ value: oid }),
    }),
    subjectPublicKey: new asn1js.BitString({ valueHex: new Uint8Array([4, 1, 2]).buffer }),
  });
}

describe('publicKeyProblem (the one rule of the CA and the verifier)', () => {
  it('accepts RSA-2048 and RSA-4096 with e = 65537, and EC P-256 / P-384', async () => {
    expect(publicKeyProblem(rsaKey(2048, [1, 0, 1]))).toBeNull();
    expect(publicKeyProblem(rsaKey(4096, [1, 0, 1]))).toBeNull();
    expect(publicKeyProblem(await ecKey('P-256'))).toBeNull();
    expect(publicKeyProblem(await ecKey('P-384'))).toBeNull();
    expect(describePublicKey(rsaKey(2048, [1, 0, 1]))).toBe('RSA-2048');
    expect(describePublicKey(await ecKey('P-256'))).toBe('EC P-256');
  });

  it('refuses RSA exponents 1, 3, even ones and those below 65537', () => {
    expect(publicKeyProblem(rsaKey(2048, [1]))).toMatch(
      /RSA public exponent of 1 is not accepted \(it must be odd and at least 65537/,
    );
    expect(publicKeyProblem(rsaKey(2048, [3]))).toMatch(/exponent of 3 is not accepted/);
    expect(publicKeyProblem(rsaKey(2048, [1, 0, 2]))).toMatch(/exponent of 65538 is not accepted/);
    expect(publicKeyProblem(rsaKey(2048, [0xff, 0xff]))).toMatch(/exponent of 65535/);
  });

  it('refuses moduli under 2048 bits and absurdly long ones', () => {
    expect(publicKeyProblem(rsaKey(1024, [1, 0, 1]))).toBe(
      'an RSA key of 1024 bits is too short (at least 2048)',
    );
    expect(publicKeyProblem(rsaKey(2040, [1, 0, 1]))).toMatch(/2040 bits is too short/);
    expect(publicKeyProblem(rsaKey(16392, [1, 0, 1]))).toMatch(/16392 bits is too long/);
  });

  it('refuses other curves and other algorithms', async () => {
    expect(publicKeyProblem(await ecKey('P-521'))).toBe(
      'elliptic curve P-521 is not accepted (P-256, P-384)',
    );
    expect(publicKeyProblem(ecKeyWithCurve('1.3.132.0.10'))).toMatch(/secp256k1 is not accepted/);
    expect(publicKeyProblem(ecKeyWithCurve('1.2.156.10197.1.301'))).toMatch(/SM2 is not accepted/);
    const ed = new pkijs.PublicKeyInfo({
      algorithm: new pkijs.AlgorithmIdentifier({ algorithmId: '1.3.101.112' }),
      subjectPublicKey: new asn1js.BitString({ valueHex: new Uint8Array(32).buffer }),
    });
    expect(publicKeyProblem(ed)).toMatch(/key algorithm 1\.3\.101\.112 is not accepted/);
  });

  it('issueCertificate refuses a weak key before looking at the request signature', async () => {
    const request = new pkijs.CertificationRequest();
    request.subjectPublicKeyInfo = rsaKey(2048, [1]);
    await expect(
      issueCertificate({
        request,
        caCertificate: new pkijs.Certificate(),
        caPrivateKey: {} as CryptoKey,
        validDays: 1,
      }),
    ).rejects.toThrow(CertificateRequestError);
    await expect(
      issueCertificate({
        request,
        caCertificate: new pkijs.Certificate(),
        caPrivateKey: {} as CryptoKey,
        validDays: 1,
      }),
    ).rejects.toThrow(/public exponent of 1 is not accepted/);
  });
});
