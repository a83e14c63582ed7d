/**
 * Which public keys Fieldbook certifies (the server's CA, at request time) and accepts in a
 * signature (the verifier, for the signer and every certificate of its chain). One rule for
 * both, so the CA never issues a certificate the verifier would refuse, and a certificate some
 * other CA issued for a weak key is refused all the same.
 *
 * - RSA: modulus of 2048 to 16384 bits, public exponent odd and at least 65537 (FIPS 186-5
 *   allows 2^16+1 … 2^256−1). An exponent of 1 makes "signing" possible without any private key
 *   (the signature is the padded digest itself); 3 and even exponents are refused as well.
 * - ECDSA: the named curves P-256 and P-384 only (what PDF readers and WebCrypto agree on).
 * - Anything else (DSA, Ed25519, SM2, explicit curve parameters): refused.
 */
import type * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

const RSA_ENCRYPTION = '1.2.840.113549.1.1.1';
const EC_PUBLIC_KEY = '1.2.840.10045.2.1';

export const MIN_RSA_MODULUS_BITS = 2048;
/** Larger moduli exist nowhere in practice and only cost verification time. */
export const MAX_RSA_MODULUS_BITS = 16384;
export const MIN_RSA_PUBLIC_EXPONENT = 65537n;
const MAX_RSA_PUBLIC_EXPONENT = (1n << 256n) - 1n;

const ACCEPTED_CURVES: Record<string, string> = {
  '1.2.840.10045.3.1.7': 'P-256',
  '1.3.132.0.34': 'P-384',
};
const KNOWN_CURVES: Record<string, string> = {
  ...ACCEPTED_CURVES,
  '1.3.132.0.35': 'P-521',
  '1.3.132.0.10': 'secp256k1',
  '1.2.156.10197.1.301': 'SM2',
};

/** The number of significant bits of a big-endian unsigned integer. */
function bitLength(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length && bytes[i] === 0) i++;
  if (i === bytes.length) return 0;
  return (bytes.length - i - 1) * 8 + (32 - Math.clz32(bytes[i]!));
}

function toBigInt(bytes: Uint8Array): bigint {
  let v = 0n;
  for (const b of bytes) v = (v << 8n) | BigInt(b);
  return v;
}

function rsaProblem(spki: pkijs.PublicKeyInfo): string | null {
  let key: pkijs.RSAPublicKey;
  try {
    key = pkijs.RSAPublicKey.fromBER(spki.subjectPublicKey.valueBlock.valueHexView.slice().buffer);
  } catch (e) {
    return `the RSA public key is unreadable (${(e as Error).message})`;
  }
  const modulus = key.modulus.valueBlock.valueHexView;
  const bits = bitLength(modulus);
  if (bits < MIN_RSA_MODULUS_BITS)
    return `an RSA key of ${bits} bits is too short (at least ${MIN_RSA_MODULUS_BITS})`;
  if (bits > MAX_RSA_MODULUS_BITS)
    return `an RSA key of ${bits} bits is too long (at most ${MAX_RSA_MODULUS_BITS})`;
  if ((modulus[modulus.length - 1]! & 1) === 0) return 'the RSA modulus is even';
  const exponentBytes = key.publicExponent.valueBlock.valueHexView;
  if (bitLength(exponentBytes) > 256)
    return 'the RSA public exponent is not accepted (longer than 256 bits)';
  const e = toBigInt(exponentBytes);
  if (e < MIN_RSA_PUBLIC_EXPONENT || e > MAX_RSA_PUBLIC_EXPONENT || e % 2n === 0n) {
    return `an RSA public exponent of ${e} is not accepted (it must be odd and at least ${MIN_RSA_PUBLIC_EXPONENT}; an exponent of 1 lets anyone sign without the private key)`;
  }
  return null;
}

/**
 * Why the public key of a certificate or certificate request is not accepted, or null when it
 * is. The text is English, complete and suitable for an HTTP error body or a verify report.
 */
export function publicKeyProblem(spki: pkijs.PublicKeyInfo): string | null {
  const alg = spki.algorithm.algorithmId;
  if (alg === RSA_ENCRYPTION) return rsaProblem(spki);
  if (alg === EC_PUBLIC_KEY) {
    const params = spki.algorithm.algorithmParams as asn1js.ObjectIdentifier | undefined;
    const oid =
      params && typeof params.getValue === 'function' ? String(params.getValue()) : undefined;
    if (oid === undefined) return 'elliptic curve keys must name their curve (P-256 or P-384)';
    if (ACCEPTED_CURVES[oid]) return null;
    return `elliptic curve ${KNOWN_CURVES[oid] ?? oid} is not accepted (P-256, P-384)`;
  }
  return `key algorithm ${alg} is not accepted (RSA of at least ${MIN_RSA_MODULUS_BITS} bits, or ECDSA P-256/P-384)`;
}

/** A short description of the key, e.g. `RSA-2048` or `EC P-256`, for reports. */
export function describePublicKey(spki: pkijs.PublicKeyInfo): string {
  const alg = spki.algorithm.algorithmId;
  if (alg === RSA_ENCRYPTION) {
    try {
      const key = pkijs.RSAPublicKey.fromBER(
        spki.subjectPublicKey.valueBlock.valueHexView.slice().buffer,
      );
      return `RSA-${bitLength(key.modulus.valueBlock.valueHexView)}`;
    } catch {
      return 'RSA (unreadable)';
    }
  }
  if (alg === EC_PUBLIC_KEY) {
    const params = spki.algorithm.algorithmParams as asn1js.ObjectIdentifier | undefined;
    const oid =
      params && typeof params.getValue === 'function' ? String(params.getValue()) : undefined;
    return `EC ${oid ? (KNOWN_CURVES[oid] ?? oid) : '(explicit parameters)'}`;
  }
  return alg;
}
