/**
 * Verification of signed PDFs, independent of any reader. For each signature:
 * 1. integrity: the ByteRange starts at 0, skips exactly the /Contents hex string and ends at the
 *    end of a revision (`%%EOF`); the SHA-256 of the covered bytes equals the CMS messageDigest;
 *    the CMS signature over the signed attributes verifies with the signer's certificate, whose
 *    key is strong enough (src-shared/pki/key-strength); later revisions only countersign
 *    (pdf-revisions.ts), otherwise the signature is "modified after signing";
 * 2. trust: the signer certificate's path (RFC 5280, src-shared/pki/path-validation) up to the
 *    given CA certificate(s), validated at the signing time (the CMS signingTime attribute, else
 *    the signature dictionary's /M, else now: `trust.validationTimeSource` says which); without a
 *    CA only a self-signed signer certificate is acceptable (`self-signed`).
 * The file is valid when every signature's integrity holds, the last one covers the whole file
 * and every chain is trusted or self-signed.
 *
 * Bounded: files over `maxFileBytes`, more than `maxSignatures` signatures, strings or CMS blobs
 * over their caps are refused as unreadable (UnreadablePdfError) rather than examined; parsing is
 * linear in the file size.
 */
import { createHash, webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { describeName } from '../../src-shared/pki/certificates';
import { describePublicKey, publicKeyProblem } from '../../src-shared/pki/key-strength';
import type { ChainStatus } from '../../src-shared/pki/path-validation';
import {
  MAX_CHAIN_CERTIFICATES,
  validateCertificatePath,
} from '../../src-shared/pki/path-validation';
import { changesAfterRevisions, revisionEnds } from './pdf-revisions';

export type { ChainStatus } from '../../src-shared/pki/path-validation';

const subtle = webcrypto.subtle as SubtleCrypto;

/** Limits on what is examined; anything beyond them is refused as unreadable. */
export const VERIFY_LIMITS = {
  /** Signed deliverables with photos are a few MB; 100 MB is far beyond any of them. */
  maxFileBytes: 100 * 1024 * 1024,
  /** A deliverable carries a handful of signatures (engineer, customer, countersignatures). */
  maxSignatures: 32,
  /** Raw length of a text value (Reason, Name, Location, document number…). */
  maxStringBytes: 16 * 1024,
  /** DER bytes of one CMS signature (/Contents); ours are under 16 KB, LTV ones under 200 KB. */
  maxSignatureBytes: 1024 * 1024,
} as const;

/** Where the time the certificates were validated at came from. */
export type ValidationTimeSource = 'signingTime attribute' | 'signature dictionary /M' | 'now';

export interface SignatureIntegrity {
  /**
   * The signature is cryptographically valid over the revision it covers and nothing but
   * countersigning happened after it: digest, CMS signature, accepted key, byte range ending at
   * a revision end, not modified after signing.
   */
  valid: boolean;
  digestMatches: boolean;
  signatureValid: boolean;
  /** The byte range ends at the end of a revision (`%%EOF`). */
  coversRevision: boolean;
  /** The byte range ends at the end of the file. */
  coversWholeFile: boolean;
  /** A later revision changed more than signatures/signature fields (see `changesAfterSigning`). */
  modifiedAfterSigning: boolean;
  changesAfterSigning: string[];
  /** The first reason `valid` is false, or null. */
  reason: string | null;
}

export interface SignatureTrust {
  /** `trusted`: a valid path to a given CA; `self-signed`: acceptable without a CA only. */
  status: ChainStatus;
  trusted: boolean;
  /** Why the status is not `trusted` (or why a self-signed certificate is refused), or null. */
  reason: string | null;
  /** Subjects from the signer to the trust anchor, when a path was validated. */
  path: string[];
  /** ISO time the certificates were validated at, and where it came from. */
  validatedAt: string;
  validationTimeSource: ValidationTimeSource;
}

export interface SignatureReport {
  byteRange: number[];
  /** Same as integrity.coversWholeFile (kept for existing callers). */
  coversWholeFile: boolean;
  /** Same as integrity.digestMatches. */
  digestMatches: boolean;
  /** Same as integrity.signatureValid. */
  signatureValid: boolean;
  /** Same as trust.status. */
  chain: ChainStatus;
  /** Same as integrity.modifiedAfterSigning: the document changed after this signature. */
  modifiedAfterSigning: boolean;
  integrity: SignatureIntegrity;
  trust: SignatureTrust;
  /** Certificate validity period includes the signing time. */
  certificateValidAtSigning: boolean;
  signer: {
    commonName: string | null;
    organisation: string | null;
    subject: string;
    issuer: string;
    serialNumber: string;
    notBefore: string;
    notAfter: string;
    /** e.g. `RSA-2048`, `EC P-256`. */
    key: string;
  } | null;
  /** From the CMS signing-time attribute, else the signature dictionary's /M. */
  signingTime: string | null;
  reason: string | null;
  name: string | null;
  location: string | null;
  subFilter: string | null;
  problems: string[];
}

export interface VerifyReport {
  /** integrity.valid and every signature's chain trusted or self-signed. */
  valid: boolean;
  /** Of the file as a whole. */
  integrity: {
    /** Every signature's integrity holds and the last one covers the whole file. */
    valid: boolean;
    /** The last signature covers the whole file. */
    coversWholeFile: boolean;
    /** Some signature's document was changed by a later revision (not countersigning). */
    modifiedAfterSigning: boolean;
    reason: string | null;
  };
  trust: {
    /** Every signature chains to a given CA. */
    trusted: boolean;
    /** The weakest status of the signatures (`untrusted` < `self-signed` < `trusted`). */
    status: ChainStatus | null;
    reason: string | null;
  };
  /** Same as integrity.modifiedAfterSigning. */
  modifiedAfterSigning: boolean;
  file: { bytes: number; sha256: string };
  documentNumber: string | null;
  revision: string | null;
  signatures: SignatureReport[];
  problems: string[];
}

export interface VerifyOptions {
  /** Trusted CA certificates; without them only self-signed signers can be valid. */
  trustedCas?: pkijs.Certificate[];
}

export class UnreadablePdfError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnreadablePdfError';
  }
}

const SIMPLE_ESCAPES: Record<string, number> = {
  n: 10,
  r: 13,
  t: 9,
  b: 8,
  f: 12,
  '(': 40,
  ')': 41,
  '\\': 92,
};

/** Decodes a PDF string token: `(literal)` with escapes or `<hex>`; UTF-16BE when it has a BOM. */
export function decodePdfString(token: string): string {
  const bytes: number[] = [];
  if (token.startsWith('<')) {
    const hex = token.slice(1, -1).replace(/\s+/g, '');
    for (let i = 0; i < hex.length; i += 2)
      bytes.push(parseInt(hex.slice(i, i + 2).padEnd(2, '0'), 16));
  } else {
    const s = token.slice(1, -1);
    for (let i = 0; i < s.length; i++) {
      const c = s[i]!;
      if (c !== '\\') {
        bytes.push(c.charCodeAt(0) & 0xff);
        continue;
      }
      const n = s[++i];
      if (n === undefined) break;
      if (n in SIMPLE_ESCAPES) bytes.push(SIMPLE_ESCAPES[n]!);
      else if (/[0-7]/.test(n)) {
        let oct = n;
        while (oct.length < 3 && /[0-7]/.test(s[i + 1] ?? '')) oct += s[++i];
        bytes.push(parseInt(oct, 8) & 0xff);
      } else if (n === '\r' || n === '\n') {
        if (n === '\r' && s[i + 1] === '\n') i++;
      } else bytes.push(n.charCodeAt(0) & 0xff);
    }
  }
  // Buffers rather than String.fromCharCode(...bytes): no argument-count limit on long strings.
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const utf16 = Buffer.from(bytes.slice(2, 2 + ((bytes.length - 2) & ~1)));
    return utf16.swap16().toString('utf16le');
  }
  return Buffer.from(bytes).toString('latin1');
}

/**
 * The raw token of `/Key (…)` or `/Key <…>` in `text`, or null. Throws UnreadablePdfError when
 * the string is longer than the cap or does not end within `text`.
 */
function stringToken(text: string, key: string): string | null {
  const at = new RegExp(`/${key}(?![A-Za-z0-9])\\s{0,32}([(<])`).exec(text);
  if (!at) return null;
  const start = at.index + at[0].length - 1;
  const tooLong = () =>
    new UnreadablePdfError(
      `the /${key} string is unterminated or longer than ${VERIFY_LIMITS.maxStringBytes} bytes`,
    );
  const limit = Math.min(text.length, start + VERIFY_LIMITS.maxStringBytes);
  if (text[start] === '<') {
    const end = text.indexOf('>', start);
    if (end < 0 || end >= limit) throw tooLong();
    return text.slice(start, end + 1);
  }
  let depth = 0;
  for (let i = start; i < limit; i++) {
    if (text[i] === '\\') {
      i++;
      continue;
    }
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return text.slice(start, i + 1);
  }
  throw tooLong();
}

/**
 * The string value of `/Key (…)`, `/Key <…>` or `/Key n g R` (resolved in `file`, the whole
 * file's text) in `text`, or null.
 */
function stringValue(text: string, key: string, file?: string): string | null {
  const ref = new RegExp(
    `/${key}(?![A-Za-z0-9])\\s{0,32}(\\d{1,10})\\s{1,32}(\\d{1,5})\\s{1,32}R`,
  ).exec(text);
  if (ref && file !== undefined) {
    const obj = new RegExp(`(?<![0-9])${ref[1]}\\s{1,32}${ref[2]}\\s{1,32}obj\\s*`).exec(file);
    if (!obj) return null;
    const from = obj.index + obj[0].length;
    return stringValue(`/V ${file.slice(from, from + VERIFY_LIMITS.maxStringBytes + 16)}`, 'V');
  }
  const token = stringToken(text, key);
  return token === null ? null : decodePdfString(token);
}

function pdfDateToIso(d: string | null): string | null {
  const m = d
    ? /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(Z|[+-]\d{2}'?\d{2}'?)?/.exec(d)
    : null;
  if (!m) return null;
  const tz =
    !m[7] || m[7] === 'Z' ? 'Z' : `${m[7].slice(0, 3)}:${m[7].replace(/'/g, '').slice(3, 5)}`;
  return `${m[1]}-${m[2] ?? '01'}-${m[3] ?? '01'}T${m[4] ?? '00'}:${m[5] ?? '00'}:${m[6] ?? '00'}${tz}`;
}

interface FoundSignature {
  byteRange: number[];
  /** Dictionary text around the ByteRange, with the Contents hex cut out. */
  dictText: string;
}

/** How far around a ByteRange its signature dictionary is looked for. */
const DICT_WINDOW = 2 * VERIFY_LIMITS.maxStringBytes + 4096;

function findSignatures(text: string): FoundSignature[] {
  const out: FoundSignature[] = [];
  const re =
    /\/ByteRange\s{0,32}\[\s{0,32}(\d{1,15})\s{1,32}(\d{1,15})\s{1,32}(\d{1,15})\s{1,32}(\d{1,15})\s{0,32}\]/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (out.length >= VERIFY_LIMITS.maxSignatures) {
      throw new UnreadablePdfError(
        `the file has more than ${VERIFY_LIMITS.maxSignatures} signatures (/ByteRange entries): not examined`,
      );
    }
    const byteRange = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])];
    const pos = m.index;
    const [, b, c] = byteRange as [number, number, number, number];
    // The dictionary spans the ByteRange and, when it is next to it, the Contents gap.
    const gapNear = c > b && Math.abs(b - pos) <= DICT_WINDOW;
    const lo = gapNear ? Math.min(pos, b) : pos;
    const hi = gapNear ? Math.max(pos + m[0].length, c) : pos + m[0].length;
    const headFrom = Math.max(0, lo - DICT_WINDOW);
    const head = text.slice(headFrom, lo).lastIndexOf(' obj');
    const objStart = head < 0 ? headFrom : headFrom + head;
    const tail = text.slice(hi, Math.min(text.length, hi + DICT_WINDOW)).indexOf('endobj');
    const objEnd = tail < 0 ? Math.min(text.length, hi + DICT_WINDOW) : hi + tail;
    const dictText = gapNear
      ? `${text.slice(objStart, b)} ${text.slice(c, objEnd)}`
      : text.slice(objStart, objEnd);
    out.push({ byteRange, dictText });
  }
  return out;
}

function toArrayBuffer(b: Uint8Array): ArrayBuffer {
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
}

function hex(buf: ArrayBuffer | Uint8Array): string {
  return Buffer.from(buf instanceof Uint8Array ? buf : new Uint8Array(buf)).toString('hex');
}

/** What verifyOne needs of the whole file, computed once. */
interface FileContext {
  pdf: Buffer;
  text: string;
  /** Offsets where a revision ends (just past `%%EOF`, with or without its end of line). */
  revisionEnds: Set<number>;
  /** Per signature end offset: what later revisions changed beyond countersigning. */
  changesAfter: Map<number, string[]>;
}

async function verifyOne(
  ctx: FileContext,
  found: FoundSignature,
  options: VerifyOptions,
): Promise<SignatureReport> {
  const { pdf } = ctx;
  const [a, b, c, d] = found.byteRange as [number, number, number, number];
  const problems: string[] = [];
  const integrity: SignatureIntegrity = {
    valid: false,
    digestMatches: false,
    signatureValid: false,
    coversRevision: false,
    coversWholeFile: false,
    modifiedAfterSigning: false,
    changesAfterSigning: [],
    reason: null,
  };
  const dictTime = pdfDateToIso(stringValue(found.dictText, 'M'));
  const trust: SignatureTrust = {
    status: 'untrusted',
    trusted: false,
    reason: 'the signature was not checked',
    path: [],
    validatedAt: new Date().toISOString(),
    validationTimeSource: 'now',
  };
  const report: SignatureReport = {
    byteRange: found.byteRange,
    coversWholeFile: false,
    digestMatches: false,
    signatureValid: false,
    chain: 'untrusted',
    modifiedAfterSigning: false,
    integrity,
    trust,
    certificateValidAtSigning: false,
    signer: null,
    signingTime: dictTime,
    reason: stringValue(found.dictText, 'Reason'),
    name: stringValue(found.dictText, 'Name'),
    location: stringValue(found.dictText, 'Location'),
    subFilter: /\/SubFilter\s{0,32}\/([^\s/<>[\]()]{1,64})/.exec(found.dictText)?.[1] ?? null,
    problems,
  };
  const fail = (reason: string) => {
    problems.push(reason);
    integrity.reason ??= reason;
  };
  const done = () => {
    integrity.valid =
      integrity.reason === null &&
      integrity.digestMatches &&
      integrity.signatureValid &&
      integrity.coversRevision &&
      !integrity.modifiedAfterSigning;
    report.coversWholeFile = integrity.coversWholeFile;
    report.digestMatches = integrity.digestMatches;
    report.signatureValid = integrity.signatureValid;
    report.modifiedAfterSigning = integrity.modifiedAfterSigning;
    report.chain = trust.status;
    return report;
  };

  const rangesSane = a === 0 && b > 0 && c > b && c + d <= pdf.length;
  if (!rangesSane) {
    fail(
      `ByteRange [${found.byteRange.join(' ')}] does not describe the file (${pdf.length} bytes)`,
    );
    return done();
  }
  if (c - b > 2 * VERIFY_LIMITS.maxSignatureBytes + 2) {
    throw new UnreadablePdfError(
      `a signature's /Contents is ${Math.floor((c - b) / 2)} bytes (more than ${VERIFY_LIMITS.maxSignatureBytes}): not examined`,
    );
  }
  const gap = ctx.text.slice(b, c);
  if (!/^<[0-9A-Fa-f]*>$/.test(gap)) {
    fail('the bytes left out of the ByteRange are not exactly the /Contents signature');
    return done();
  }
  const end = c + d;
  integrity.coversWholeFile = end === pdf.length;
  integrity.coversRevision = ctx.revisionEnds.has(end);
  if (!integrity.coversRevision) {
    fail(
      integrity.coversWholeFile
        ? 'the signature covers the whole file, but the file does not end with a complete revision (%%EOF)'
        : `the signature covers ${end} of ${pdf.length} bytes, ending inside a revision: the file was changed after signing`,
    );
  } else if (!integrity.coversWholeFile) {
    const changes = ctx.changesAfter.get(end) ?? [];
    integrity.changesAfterSigning = changes;
    integrity.modifiedAfterSigning = changes.length > 0;
    if (changes.length > 0)
      fail(`the document was modified after this signature: ${changes.join('; ')}`);
  }
  const cmsDer = Buffer.from(gap.slice(1, -1), 'hex');
  let signedData: pkijs.SignedData;
  try {
    const asn = asn1js.fromBER(toArrayBuffer(cmsDer));
    if (asn.offset === -1) throw new Error('not DER');
    const contentInfo = new pkijs.ContentInfo({ schema: asn.result });
    signedData = new pkijs.SignedData({ schema: contentInfo.content });
  } catch (e) {
    fail(`the signature is not a readable CMS SignedData: ${(e as Error).message}`);
    return done();
  }
  const signerInfo = signedData.signerInfos[0];
  const certs = (signedData.certificates ?? []).filter(
    (x): x is pkijs.Certificate => x instanceof pkijs.Certificate,
  );
  // pkijs types the sid loosely; narrow it before use.
  const sid: unknown = signerInfo?.sid;
  const signerCert =
    sid instanceof pkijs.IssuerAndSerialNumber
      ? certs.find((x) => x.issuer.isEqual(sid.issuer) && x.serialNumber.isEqual(sid.serialNumber))
      : undefined;
  if (!signerInfo || !signerCert) {
    fail('the signer certificate is not in the signature');
    return done();
  }
  const subject = describeName(signerCert.subject);
  report.signer = {
    commonName: subject.commonName,
    organisation: subject.organisation,
    subject: subject.text,
    issuer: describeName(signerCert.issuer).text,
    serialNumber: hex(signerCert.serialNumber.valueBlock.valueHexView),
    notBefore: signerCert.notBefore.value.toISOString(),
    notAfter: signerCert.notAfter.value.toISOString(),
    key: describePublicKey(signerCert.subjectPublicKeyInfo),
  };

  const signed = Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]);
  const attrs = signerInfo.signedAttrs?.attributes ?? [];
  const md = attrs.find((x) => x.type === '1.2.840.113549.1.9.4')?.values[0] as
    asn1js.OctetString | undefined;
  const st = attrs.find((x) => x.type === '1.2.840.113549.1.9.5')?.values[0] as
    asn1js.UTCTime | asn1js.GeneralizedTime | undefined;
  let at = new Date();
  if (st && typeof st.toDate === 'function') {
    at = st.toDate();
    report.signingTime = at.toISOString();
    trust.validationTimeSource = 'signingTime attribute';
  } else if (dictTime) {
    at = new Date(dictTime);
    trust.validationTimeSource = 'signature dictionary /M';
  }
  if (Number.isNaN(at.getTime())) {
    at = new Date();
    trust.validationTimeSource = 'now';
  }
  trust.validatedAt = at.toISOString();

  if (!md) fail('the signature has no messageDigest attribute');
  else {
    const digest = await subtle.digest('SHA-256', signed);
    integrity.digestMatches = hex(digest) === hex(md.valueBlock.valueHexView);
    if (!integrity.digestMatches) fail('digest mismatch: the signed bytes were changed');
  }
  // A weak key "verifies" anything (with e = 1 the signature is the padded digest itself).
  const keyProblem = publicKeyProblem(signerCert.subjectPublicKeyInfo);
  if (keyProblem) {
    fail(`the signer's key is not accepted: ${keyProblem}`);
  } else {
    try {
      const r = await signedData.verify({
        signer: 0,
        data: toArrayBuffer(signed),
        checkChain: false,
        extendedMode: true,
      });
      integrity.signatureValid = r.signatureVerified === true;
    } catch (e) {
      const r = e as { message?: string };
      integrity.signatureValid = false;
      if (integrity.digestMatches) fail(`CMS signature does not verify: ${r.message ?? String(e)}`);
    }
    if (!integrity.signatureValid && integrity.digestMatches)
      fail('the CMS signature does not verify with the signer certificate');
  }

  report.certificateValidAtSigning =
    signerCert.notBefore.value <= at && at <= signerCert.notAfter.value;
  if (!report.certificateValidAtSigning)
    problems.push('the signer certificate was not valid at the signing time');

  const result = await validateCertificatePath({
    leaf: signerCert,
    intermediates: certs.filter((x) => x !== signerCert).slice(0, MAX_CHAIN_CERTIFICATES + 1),
    trustAnchors: options.trustedCas ?? [],
    at,
  });
  trust.status = result.status;
  trust.trusted = result.trusted;
  trust.reason = result.reason;
  trust.path = result.path;
  if (result.status === 'untrusted') {
    problems.push(
      (options.trustedCas ?? []).length > 0
        ? `the signer certificate does not chain to the given CA: ${result.reason ?? ''}`
        : (result.reason ?? 'the signer certificate is not trusted'),
    );
  }
  return done();
}

/** Document number and revision from the PDF metadata the report builders write. */
export function readDocumentInfo(pdf: Buffer): {
  documentNumber: string | null;
  revision: string | null;
} {
  const text = pdf.toString('latin1');
  return {
    documentNumber: stringValue(text, 'FieldbookDocumentNumber', text),
    revision: stringValue(text, 'FieldbookRevision', text),
  };
}

const STATUS_RANK: Record<ChainStatus, number> = { untrusted: 0, 'self-signed': 1, trusted: 2 };

/**
 * Verifies every signature of `pdf`. Throws UnreadablePdfError when it is not a PDF at all or
 * is beyond the limits of VERIFY_LIMITS (too large, too many signatures, absurd strings).
 */
export async function verifyPdf(pdf: Buffer, options: VerifyOptions = {}): Promise<VerifyReport> {
  if (pdf.length > VERIFY_LIMITS.maxFileBytes) {
    throw new UnreadablePdfError(
      `the file is ${pdf.length} bytes, more than the ${VERIFY_LIMITS.maxFileBytes} examined`,
    );
  }
  if (pdf.length < 8 || pdf.subarray(0, 5).toString('latin1') !== '%PDF-') {
    throw new UnreadablePdfError('not a PDF file (no %PDF- header)');
  }
  const text = pdf.toString('latin1');
  const found = findSignatures(text);
  const { documentNumber, revision } = readDocumentInfo(pdf);
  const ends = revisionEnds(text);
  const endSet = new Set(ends);
  const signatureEnds = found
    .map((f) => (f.byteRange[2] ?? 0) + (f.byteRange[3] ?? 0))
    .filter((e) => endSet.has(e));
  const ctx: FileContext = {
    pdf,
    text,
    revisionEnds: endSet,
    changesAfter: changesAfterRevisions(text, [...new Set(signatureEnds)]),
  };
  const signatures: SignatureReport[] = [];
  for (const f of found) signatures.push(await verifyOne(ctx, f, options));
  // Verify in file order of what they cover: the last one must cover the whole file.
  signatures.sort(
    (x, y) =>
      (x.byteRange[2] ?? 0) +
      (x.byteRange[3] ?? 0) -
      ((y.byteRange[2] ?? 0) + (y.byteRange[3] ?? 0)),
  );
  const problems: string[] = [];
  if (signatures.length === 0) problems.push('the file has no digital signature');
  const last = signatures[signatures.length - 1];
  const coversWholeFile = last?.integrity.coversWholeFile ?? false;
  const modifiedAfterSigning = signatures.some((s) => s.integrity.modifiedAfterSigning);
  const broken = signatures.find((s) => !s.integrity.valid);
  const integrityValid = last !== undefined && coversWholeFile && broken === undefined;
  const integrityReason =
    last === undefined
      ? 'the file has no digital signature'
      : (broken?.integrity.reason ??
        (coversWholeFile
          ? null
          : `the last signature covers ${(last.byteRange[2] ?? 0) + (last.byteRange[3] ?? 0)} of ${pdf.length} bytes: the file was changed after signing`));
  if (modifiedAfterSigning)
    problems.push(
      'the document was modified after it was signed (see the signatures\u2019 changesAfterSigning)',
    );
  const weakest = signatures.reduce<SignatureReport | undefined>(
    (w, s) =>
      w === undefined || STATUS_RANK[s.trust.status] < STATUS_RANK[w.trust.status] ? s : w,
    undefined,
  );
  const trust = {
    trusted: signatures.length > 0 && signatures.every((s) => s.trust.trusted),
    status: weakest?.trust.status ?? null,
    reason: weakest === undefined ? 'the file has no digital signature' : weakest.trust.reason,
  };
  const valid = integrityValid && signatures.every((s) => s.trust.status !== 'untrusted');
  return {
    valid,
    integrity: {
      valid: integrityValid,
      coversWholeFile,
      modifiedAfterSigning,
      reason: integrityValid ? null : integrityReason,
    },
    trust,
    modifiedAfterSigning,
    file: { bytes: pdf.length, sha256: createHash('sha256').update(pdf).digest('hex') },
    documentNumber,
    revision,
    signatures,
    problems,
  };
}
