/**
 * Enrolment: on the first sign-in the laptop asks the central server (the organisation's CA) to
 * certify the engineer's signing key. The private key never leaves the laptop: only a PKCS#10
 * request signed with it is sent. Storing the resulting identity is the key store's business.
 */
import type * as pkijs from 'pkijs';
import {
  certificatesFromPemOrDer,
  createCertificateRequest,
  describeName,
  isIssuedBy,
  isSelfIssued,
  keyMatchesCertificate,
  requestToPem,
  samePublicKey,
} from '../../src-shared/pki/certificates';
import type {
  CertificateRequestBody,
  ErrorResponse,
  IssuedCertificateResponse,
} from '../../src-shared/sync';
import { routes } from '../../src-shared/sync';
import type { SigningIdentity } from './signing-keys';

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface EnrolOptions {
  /** The server, e.g. `https://fieldbook.example.com` (no trailing `/api/v1`). */
  baseUrl: string;
  /** The engineer's bearer access token from sign-in. */
  accessToken: string;
  fetch?: FetchLike;
  /** The key to certify, as a key pair; or give `identity` instead. */
  keyPair?: CryptoKeyPair;
  /**
   * The identity in use so far: its private key and a certificate of the same key (e.g. the
   * self-signed one made before enrolment). Exactly one of `keyPair` and `identity`.
   */
  identity?: Pick<SigningIdentity, 'privateKey' | 'certificate'>;
  /**
   * The CA the laptop already trusts (e.g. pinned at first contact). When given, the returned
   * certificate must chain to exactly this CA.
   */
  trustedCa?: pkijs.Certificate;
}

export interface EnrolmentResult {
  identity: SigningIdentity;
  /** The issued certificate and the CA chain as the server sent them (PEM), for the key store. */
  certificatePem: string;
  chainPem: string;
  serialNumber: string;
  notAfter: Date;
}

/** Enrolment failed; `code` is the server's error code, or a local reason. */
export class EnrolmentError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly statusCode: number | null = null,
  ) {
    super(message);
    this.name = 'EnrolmentError';
  }
}

/**
 * Sends a certificate request for the engineer's key and returns the new identity (same private
 * key, the CA-issued certificate, the CA chain). The answer is checked before it is used: the
 * certificate must be for this very key and signed by the CA in the chain (or `trustedCa`).
 */
export async function enrolSigningIdentity(options: EnrolOptions): Promise<EnrolmentResult> {
  const doFetch: FetchLike = options.fetch ?? ((url, init) => fetch(url, init));
  const { keyPair, identity } = options;
  let keys: CryptoKeyPair | { privateKey: CryptoKey; publicKeyInfo: pkijs.PublicKeyInfo };
  if (keyPair && !identity) keys = keyPair;
  else if (identity && !keyPair) {
    keys = {
      privateKey: identity.privateKey,
      publicKeyInfo: identity.certificate.subjectPublicKeyInfo,
    };
  } else throw new EnrolmentError('give exactly one of keyPair and identity', 'bad_arguments');
  // The server names the certificate after the account; the subject asked for is a placeholder.
  const csr = await createCertificateRequest(keys, { commonName: 'Fieldbook enrolment' });
  const body: CertificateRequestBody = { csr: requestToPem(csr) };

  let response: Response;
  try {
    response = await doFetch(new URL(routes.certificates(), options.baseUrl).toString(), {
      method: 'POST',
      headers: {
        authorization: `Bearer ${options.accessToken}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify(body),
    });
  } catch (e) {
    throw new EnrolmentError(`the server is unreachable: ${(e as Error).message}`, 'unreachable');
  }
  const text = await response.text();
  if (!response.ok) {
    let error: Partial<ErrorResponse> = {};
    try {
      error = JSON.parse(text) as ErrorResponse;
    } catch {
      // Not a protocol error body (a proxy's page): report the status alone.
    }
    throw new EnrolmentError(
      `enrolment refused (${response.status}): ${error.message ?? text.slice(0, 200)}`,
      error.code ?? 'http_error',
      response.status,
    );
  }
  let issued: IssuedCertificateResponse;
  try {
    issued = JSON.parse(text) as IssuedCertificateResponse;
  } catch {
    throw new EnrolmentError('the server answered with something other than JSON', 'bad_response');
  }
  const [certificate] =
    typeof issued.certificate === 'string'
      ? safeCertificates(issued.certificate)
      : ([] as pkijs.Certificate[]);
  const chain = typeof issued.chain === 'string' ? safeCertificates(issued.chain) : [];
  if (!certificate) throw new EnrolmentError('the answer holds no certificate', 'bad_response');

  if (!samePublicKey(certificate.subjectPublicKeyInfo, csr.subjectPublicKeyInfo)) {
    throw new EnrolmentError('the issued certificate is for another key', 'key_mismatch');
  }
  if (!(await keyMatchesCertificate(keys.privateKey, certificate))) {
    throw new EnrolmentError(
      'the private key does not match the issued certificate',
      'key_mismatch',
    );
  }
  const issuer = options.trustedCa ?? chain[0];
  if (!issuer || isSelfIssued(certificate) || !(await isIssuedBy(certificate, issuer))) {
    throw new EnrolmentError(
      `the issued certificate (${describeName(certificate.subject).text}) is not signed by ${
        options.trustedCa ? 'the trusted CA' : 'the CA in the answer'
      }`,
      'untrusted_issuer',
    );
  }
  return {
    identity: {
      privateKey: keys.privateKey,
      certificate,
      chain: options.trustedCa ? [options.trustedCa] : chain,
      source: 'enrolled',
    },
    certificatePem: issued.certificate,
    chainPem: issued.chain,
    serialNumber: issued.serialNumber,
    notAfter: certificate.notAfter.value,
  };
}

function safeCertificates(pem: string): pkijs.Certificate[] {
  try {
    return certificatesFromPemOrDer(new TextEncoder().encode(pem));
  } catch (e) {
    throw new EnrolmentError(`unreadable certificate in the answer: ${String(e)}`, 'bad_response');
  }
}
