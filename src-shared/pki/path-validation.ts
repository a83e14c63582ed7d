/**
 * Certificate path validation for signature verification (RFC 5280 §6, as far as a PDF
 * signature needs it), on pkijs' CertificateChainValidationEngine.
 *
 * The engine builds the path (issuer by key identifier or name, signature checked), checks
 * every certificate's validity period at the given time, name chaining, that each issuer is a CA
 * (basicConstraints cA, keyUsage keyCertSign when present), certificate policies and name
 * constraints. It does not check: pathLenConstraint, the end entity's key usage, unknown critical
 * extensions of the end entity (and of issuers, those pkijs happens to parse but we do not
 * process), key strength or weak signature algorithms. Those are checked here on the path it
 * returns. While building, candidate issuers that cannot issue (not a CA, no keyCertSign, weak
 * key, not valid at the time) are set aside with the reason, so that a refusal says why.
 *
 * Bounded: at most MAX_CHAIN_CERTIFICATES untrusted certificates and MAX_ISSUER_LOOKUPS issuer
 * searches per validation (cross-signed certificates would otherwise make the engine's
 * recursive path builder loop).
 */
import * as pkijs from 'pkijs';
import { describeName, isSelfIssued, keyUsageOf } from './certificates';
import { publicKeyProblem } from './key-strength';

export const MAX_CHAIN_CERTIFICATES = 16;
const MAX_ISSUER_LOOKUPS = 64;

const EXT = {
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  subjectAltName: '2.5.29.17',
  certificatePolicies: '2.5.29.32',
  policyMappings: '2.5.29.33',
  policyConstraints: '2.5.29.36',
  inhibitAnyPolicy: '2.5.29.54',
  nameConstraints: '2.5.29.30',
  subjectKeyIdentifier: '2.5.29.14',
  authorityKeyIdentifier: '2.5.29.35',
} as const;

/** Extensions this validation (or the engine) processes; any other critical one fails. */
const PROCESSED_EXTENSIONS = new Set<string>(Object.values(EXT));

/**
 * Extended key usages that allow signing documents: anyExtendedKeyUsage, emailProtection
 * (what NSS, hence pdfsig, asks for), id-kp-documentSigning (RFC 9336) and Adobe's
 * authentic-documents OID.
 */
const DOCUMENT_SIGNING_EKUS = new Set([
  '2.5.29.37.0',
  '1.3.6.1.5.5.7.3.4',
  '1.3.6.1.5.5.7.3.36',
  '1.2.840.113583.1.1.5',
]);

/** Signature algorithms accepted on certificates (SHA-2 with RSA, RSA-PSS or ECDSA). */
const STRONG_SIGNATURE_ALGORITHMS = new Set([
  '1.2.840.113549.1.1.11', // sha256WithRSAEncryption
  '1.2.840.113549.1.1.12', // sha384WithRSAEncryption
  '1.2.840.113549.1.1.13', // sha512WithRSAEncryption
  '1.2.840.113549.1.1.10', // RSASSA-PSS
  '1.2.840.10045.4.3.2', // ecdsa-with-SHA256
  '1.2.840.10045.4.3.3', // ecdsa-with-SHA384
  '1.2.840.10045.4.3.4', // ecdsa-with-SHA512
]);

export type ChainStatus = 'trusted' | 'self-signed' | 'untrusted';

export interface PathValidationResult {
  status: ChainStatus;
  /** Reached one of the trust anchors (status `trusted`). */
  trusted: boolean;
  /** Why the status is not `trusted` (or why a self-signed certificate is refused); null if trusted. */
  reason: string | null;
  /** Subjects from the end entity to the trust anchor, when a path was validated. */
  path: string[];
  /** The time every certificate was checked at. */
  validatedAt: string;
}

function nameOf(cert: pkijs.Certificate): string {
  const text = describeName(cert.subject).text;
  return text === '' ? '(empty subject)' : text;
}

function der(cert: pkijs.Certificate): Uint8Array {
  return new Uint8Array(cert.toSchema(true).toBER(false));
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

function extension(cert: pkijs.Certificate, oid: string): pkijs.Extension | undefined {
  return cert.extensions?.find((e) => e.extnID === oid);
}

/** The parsed value of an extension; pkijs types it `any`. */
function parsed(cert: pkijs.Certificate, oid: string): unknown {
  return extension(cert, oid)?.parsedValue as unknown;
}

function validAt(cert: pkijs.Certificate, at: Date): string | null {
  const from = cert.notBefore.value;
  const to = cert.notAfter.value;
  if (at < from) return `not yet valid at ${at.toISOString()} (valid from ${from.toISOString()})`;
  if (at > to) return `expired at ${at.toISOString()} (valid until ${to.toISOString()})`;
  return null;
}

function unknownCriticalExtension(cert: pkijs.Certificate): string | null {
  const unknown = (cert.extensions ?? []).find(
    (e) => e.critical && !PROCESSED_EXTENSIONS.has(e.extnID),
  );
  return unknown ? `it has an unknown critical extension ${unknown.extnID}` : null;
}

function weakSignatureAlgorithm(cert: pkijs.Certificate): string | null {
  const alg = cert.signatureAlgorithm.algorithmId;
  return STRONG_SIGNATURE_ALGORITHMS.has(alg)
    ? null
    : `it is signed with the weak or unknown algorithm ${alg}`;
}

function pathLenConstraint(cert: pkijs.Certificate): number | null {
  const basic = parsed(cert, EXT.basicConstraints);
  if (!(basic instanceof pkijs.BasicConstraints)) return null;
  const p = basic.pathLenConstraint;
  if (p === undefined) return null;
  return typeof p === 'number' ? p : p.valueBlock.valueDec;
}

/** Why `cert` cannot act as an issuer at `at`, or null. */
function issuerProblem(cert: pkijs.Certificate, at: Date): string | null {
  const basic = parsed(cert, EXT.basicConstraints);
  if (!(basic instanceof pkijs.BasicConstraints) || !basic.cA)
    return 'it is not a CA certificate (basicConstraints cA is not set)';
  if (extension(cert, EXT.keyUsage) && !keyUsageOf(cert).includes('keyCertSign'))
    return 'its key usage does not include keyCertSign';
  const key = publicKeyProblem(cert.subjectPublicKeyInfo);
  if (key) return `its key is not accepted: ${key}`;
  return validAt(cert, at) ?? unknownCriticalExtension(cert);
}

/**
 * Why `cert` cannot sign a document at `at`, or null: key strength, key usage
 * (digitalSignature or nonRepudiation when the extension is present), extended key usage,
 * critical extensions, validity.
 */
export function endEntityProblem(cert: pkijs.Certificate, at: Date): string | null {
  const key = publicKeyProblem(cert.subjectPublicKeyInfo);
  if (key) return `the signer's key is not accepted: ${key}`;
  if (extension(cert, EXT.keyUsage)) {
    const usage = keyUsageOf(cert);
    if (!usage.includes('digitalSignature') && !usage.includes('nonRepudiation'))
      return `the signer certificate's key usage (${usage.join(', ') || 'none'}) allows neither digitalSignature nor nonRepudiation`;
  }
  const eku = parsed(cert, EXT.extKeyUsage);
  if (
    eku instanceof pkijs.ExtKeyUsage &&
    !eku.keyPurposes.some((p) => DOCUMENT_SIGNING_EKUS.has(p))
  )
    return `the signer certificate's extended key usage (${eku.keyPurposes.join(', ')}) does not allow document signing`;
  const critical = unknownCriticalExtension(cert);
  if (critical) return `the signer certificate is not accepted: ${critical}`;
  const time = validAt(cert, at);
  if (time) return `the signer certificate was ${time}`;
  return null;
}

/** Checks RFC 5280 leaves to us on a path the engine built (leaf first, anchor last). */
function checkBuiltPath(path: pkijs.Certificate[], at: Date): string | null {
  const leaf = path[0]!;
  const leafProblem = endEntityProblem(leaf, at);
  if (leafProblem) return leafProblem;
  const weakLeafSignature = weakSignatureAlgorithm(leaf);
  if (weakLeafSignature) return `the signer certificate is not accepted: ${weakLeafSignature}`;
  let nonSelfIssuedBelow = 0;
  for (let k = 1; k < path.length; k++) {
    const cert = path[k]!;
    const isAnchor = k === path.length - 1;
    const problem =
      issuerProblem(cert, at) ??
      // The trust anchor's own (self-)signature is not what makes it trusted.
      (isAnchor ? null : weakSignatureAlgorithm(cert));
    if (problem) return `${nameOf(cert)} cannot issue certificates: ${problem}`;
    const limit = pathLenConstraint(cert);
    if (limit !== null && nonSelfIssuedBelow > limit)
      return `${nameOf(cert)} allows ${limit} intermediate CA certificate(s) below it (pathLenConstraint), the path has ${nonSelfIssuedBelow}`;
    if (!isSelfIssued(cert)) nonSelfIssuedBelow++;
  }
  return null;
}

/**
 * Validates the signer certificate `leaf` at time `at`: up to one of `trustAnchors` through the
 * untrusted `intermediates` (the certificates embedded in the signature), or — without trust
 * anchors — as a self-signed certificate (status `self-signed`, never `trusted`).
 */
export async function validateCertificatePath(input: {
  leaf: pkijs.Certificate;
  intermediates: pkijs.Certificate[];
  trustAnchors: pkijs.Certificate[];
  at: Date;
}): Promise<PathValidationResult> {
  const { leaf, trustAnchors, at } = input;
  const validatedAt = at.toISOString();
  const untrusted = (reason: string): PathValidationResult => ({
    status: 'untrusted',
    trusted: false,
    reason,
    path: [],
    validatedAt,
  });

  if (trustAnchors.length === 0) {
    let selfSigned = false;
    if (isSelfIssued(leaf)) {
      try {
        selfSigned = await leaf.verify();
      } catch {
        selfSigned = false;
      }
    }
    if (!selfSigned)
      return untrusted(
        'the signer certificate is issued by a CA: pass that CA certificate to check the chain',
      );
    const problem = endEntityProblem(leaf, at);
    if (problem) return untrusted(problem);
    return {
      status: 'self-signed',
      trusted: false,
      reason: null,
      path: [nameOf(leaf)],
      validatedAt,
    };
  }

  const leafDer = der(leaf);
  const anchorDers = trustAnchors.map(der);
  // A certificate the caller trusts as such needs no path (like an NSS peer trust).
  if (anchorDers.some((d) => sameBytes(d, leafDer))) {
    const problem = endEntityProblem(leaf, at);
    if (problem) return untrusted(problem);
    return { status: 'trusted', trusted: true, reason: null, path: [nameOf(leaf)], validatedAt };
  }

  // Untrusted candidates: no duplicates, not the leaf, not an anchor, no weak keys (verifying
  // signatures with an absurd key costs time; a weak key cannot be an issuer anyway).
  const setAside: string[] = [];
  const seen: Uint8Array[] = [leafDer, ...anchorDers];
  const candidates: pkijs.Certificate[] = [];
  for (const c of input.intermediates) {
    const d = der(c);
    if (seen.some((s) => sameBytes(s, d))) continue;
    seen.push(d);
    const key = publicKeyProblem(c.subjectPublicKeyInfo);
    if (key) {
      setAside.push(`${nameOf(c)} cannot issue certificates: its key is not accepted: ${key}`);
      continue;
    }
    candidates.push(c);
  }
  if (candidates.length > MAX_CHAIN_CERTIFICATES)
    return untrusted(
      `the signature embeds ${candidates.length} certificates (at most ${MAX_CHAIN_CERTIFICATES} are examined)`,
    );

  let lookups = 0;
  const engine = new pkijs.CertificateChainValidationEngine({
    trustedCerts: trustAnchors,
    // The engine takes the last certificate as the end entity.
    certs: [...candidates, leaf],
    checkDate: at,
    findIssuer: async (cert, eng, crypto) => {
      if (++lookups > MAX_ISSUER_LOOKUPS) return [];
      const found = await eng.defaultFindIssuer(cert, eng, crypto);
      return found.filter((issuer) => {
        if (issuer === cert) return true; // self-signed: the engine ends the path there
        const problem = issuerProblem(issuer, at);
        if (problem) setAside.push(`${nameOf(issuer)} cannot issue certificates: ${problem}`);
        return problem === null;
      });
    },
  });
  let result: pkijs.CertificateChainValidationEngineVerifyResult;
  try {
    result = await engine.verify();
  } catch (e) {
    return untrusted(`certificate path validation failed: ${(e as Error).message}`);
  }
  const path = result.certificatePath;
  if (!result.result || !path || path.length < 2) {
    const why = [...new Set(setAside)];
    return untrusted(
      why.length > 0
        ? `no path to a trusted CA: ${why.join('; ')}`
        : `no path to a trusted CA: ${result.resultMessage || 'the signer certificate does not chain to the given CA'}`,
    );
  }
  const anchorDer = der(path[path.length - 1]!);
  if (!anchorDers.some((d) => sameBytes(d, anchorDer)))
    return untrusted('no path to a trusted CA: the path does not end at a given CA');
  const problem = checkBuiltPath(path, at);
  if (problem) return untrusted(problem);
  return { status: 'trusted', trusted: true, reason: null, path: path.map(nameOf), validatedAt };
}
