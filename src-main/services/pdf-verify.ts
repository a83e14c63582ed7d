/**
 * Verification of signed PDFs, independent of any reader:
 * 1. the signature's ByteRange starts at 0, skips exactly the /Contents hex string and ends at
 *    the end of the file (bytes appended after signing are not covered: invalid);
 * 2. the SHA-256 of the covered bytes equals the CMS messageDigest attribute;
 * 3. the CMS signature over the signed attributes verifies with the signer's certificate;
 * 4. the certificate chain: up to the given CA certificate(s), or — without one — the signer's
 *    certificate must be self-signed (and is reported so); the certificate must have been valid
 *    at the signing time.
 */
import { createHash, webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { describeName, isIssuedBy, isSelfIssued } from '../../src-shared/pki/certificates';

const subtle = webcrypto.subtle as SubtleCrypto;

export type ChainStatus = 'trusted' | 'self-signed' | 'untrusted';

export interface SignatureReport {
  byteRange: number[];
  coversWholeFile: boolean;
  digestMatches: boolean;
  signatureValid: boolean;
  chain: ChainStatus;
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
  valid: boolean;
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

/** Decodes a PDF string token: `(literal)` with escapes or `<hex>`; UTF-16BE when it has a BOM. */
export function decodePdfString(token: string): string {
  let bytes: number[] = [];
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
      const simple: Record<string, number> = {
        n: 10,
        r: 13,
        t: 9,
        b: 8,
        f: 12,
        '(': 40,
        ')': 41,
        '\\': 92,
      };
      if (n in simple) bytes.push(simple[n]!);
      else if (/[0-7]/.test(n)) {
        let oct = n;
        while (oct.length < 3 && /[0-7]/.test(s[i + 1] ?? '')) oct += s[++i];
        bytes.push(parseInt(oct, 8) & 0xff);
      } else if (n === '\r' || n === '\n') {
        if (n === '\r' && s[i + 1] === '\n') i++;
      } else bytes.push(n.charCodeAt(0) & 0xff);
    }
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    bytes = bytes.slice(2);
    let out = '';
    for (let i = 0; i + 1 < bytes.length; i += 2)
      out += String.fromCharCode((bytes[i]! << 8) | bytes[i + 1]!);
    return out;
  }
  return String.fromCharCode(...bytes);
}

/**
 * The string value of `/Key (…)`, `/Key <…>` or `/Key n g R` (resolved in `file`, the whole
 * file's text) in `text`, or null.
 */
function stringValue(text: string, key: string, file?: string): string | null {
  const ref = new RegExp(`/${key}\\s+(\\d+)\\s+(\\d+)\\s+R`).exec(text);
  if (ref && file !== undefined) {
    const obj = new RegExp(`(?:^|[\\r\\n\\s])${ref[1]}\\s+${ref[2]}\\s+obj\\s*`).exec(file);
    if (!obj) return null;
    return stringValue(
      `/V ${file.slice(obj.index + obj[0].length, obj.index + obj[0].length + 4096)}`,
      'V',
    );
  }
  const at = new RegExp(`/${key}\\s*([(<])`).exec(text);
  if (!at || at.index === undefined) return null;
  const start = at.index + at[0].length - 1;
  if (text[start] === '<') {
    const end = text.indexOf('>', start);
    return end < 0 ? null : decodePdfString(text.slice(start, end + 1));
  }
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    if (text[i] === '\\') {
      i++;
      continue;
    }
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return decodePdfString(text.slice(start, i + 1));
  }
  return null;
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

function findSignatures(pdf: Buffer): FoundSignature[] {
  const text = pdf.toString('latin1');
  const out: FoundSignature[] = [];
  const re = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g;
  for (const m of text.matchAll(re)) {
    const byteRange = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])];
    const pos = m.index ?? 0;
    const objStart = Math.max(0, text.lastIndexOf(' obj', pos));
    const found = text.indexOf('endobj', pos);
    const objEnd = found < 0 ? text.length : found;
    const [, gapStart, gapEnd] = byteRange as [number, number, number, number];
    // Cut the (large) Contents hex out of the dictionary text when it lies inside the object.
    const dictText =
      gapStart >= objStart && gapEnd <= objEnd && gapStart < gapEnd
        ? `${text.slice(objStart, gapStart)} ${text.slice(gapEnd, objEnd)}`
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

function sameCertificate(x: pkijs.Certificate, y: pkijs.Certificate): boolean {
  return hex(x.toSchema(true).toBER(false)) === hex(y.toSchema(true).toBER(false));
}

async function chainStatus(
  signer: pkijs.Certificate,
  embedded: pkijs.Certificate[],
  trusted: pkijs.Certificate[],
): Promise<ChainStatus> {
  if (trusted.length === 0) {
    return isSelfIssued(signer) && (await isIssuedBy(signer, signer)) ? 'self-signed' : 'untrusted';
  }
  // Walk up through embedded intermediates until a trusted CA signs the current certificate.
  let current = signer;
  for (let depth = 0; depth < 8; depth++) {
    for (const ca of trusted) {
      if (sameCertificate(current, ca) || (await isIssuedBy(current, ca))) return 'trusted';
    }
    let parent: pkijs.Certificate | undefined;
    for (const c of embedded) {
      if (c !== current && !isSelfIssued(c) && (await isIssuedBy(current, c))) {
        parent = c;
        break;
      }
    }
    if (!parent) return 'untrusted';
    current = parent;
  }
  return 'untrusted';
}

async function verifyOne(
  pdf: Buffer,
  found: FoundSignature,
  options: VerifyOptions,
): Promise<SignatureReport> {
  const [a, b, c, d] = found.byteRange as [number, number, number, number];
  const problems: string[] = [];
  const report: SignatureReport = {
    byteRange: found.byteRange,
    coversWholeFile: false,
    digestMatches: false,
    signatureValid: false,
    chain: 'untrusted',
    certificateValidAtSigning: false,
    signer: null,
    signingTime: pdfDateToIso(stringValue(found.dictText, 'M')),
    reason: stringValue(found.dictText, 'Reason'),
    name: stringValue(found.dictText, 'Name'),
    location: stringValue(found.dictText, 'Location'),
    subFilter: /\/SubFilter\s*\/([^\s/>\]]+)/.exec(found.dictText)?.[1] ?? null,
    problems,
  };
  const rangesSane = a === 0 && b > 0 && c > b && c + d <= pdf.length;
  if (!rangesSane) {
    problems.push(
      `ByteRange [${found.byteRange.join(' ')}] does not describe the file (${pdf.length} bytes)`,
    );
    return report;
  }
  const gap = pdf.subarray(b, c).toString('latin1');
  if (!/^<[0-9A-Fa-f]*>$/.test(gap)) {
    problems.push('the bytes left out of the ByteRange are not exactly the /Contents signature');
    return report;
  }
  report.coversWholeFile = c + d === pdf.length;
  if (!report.coversWholeFile) {
    problems.push(
      `the signature covers ${c + d} of ${pdf.length} bytes: the file was changed after signing`,
    );
  }
  const cmsDer = Buffer.from(gap.slice(1, -1), 'hex');
  let signedData: pkijs.SignedData;
  try {
    const asn = asn1js.fromBER(toArrayBuffer(cmsDer));
    if (asn.offset === -1) throw new Error('not DER');
    const contentInfo = new pkijs.ContentInfo({ schema: asn.result });
    signedData = new pkijs.SignedData({ schema: contentInfo.content });
  } catch (e) {
    problems.push(`the signature is not a readable CMS SignedData: ${(e as Error).message}`);
    return report;
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
    problems.push('the signer certificate is not in the signature');
    return report;
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
  };

  const signed = Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]);
  const attrs = signerInfo.signedAttrs?.attributes ?? [];
  const md = attrs.find((x) => x.type === '1.2.840.113549.1.9.4')?.values[0] as
    asn1js.OctetString | undefined;
  const st = attrs.find((x) => x.type === '1.2.840.113549.1.9.5')?.values[0] as
    asn1js.UTCTime | asn1js.GeneralizedTime | undefined;
  if (st) report.signingTime = st.toDate().toISOString();
  if (!md) problems.push('the signature has no messageDigest attribute');
  else {
    const digest = await subtle.digest('SHA-256', signed);
    report.digestMatches = hex(digest) === hex(md.valueBlock.valueHexView);
    if (!report.digestMatches) problems.push('digest mismatch: the signed bytes were changed');
  }
  try {
    const r = await signedData.verify({
      signer: 0,
      data: toArrayBuffer(signed),
      checkChain: false,
      extendedMode: true,
    });
    report.signatureValid = r.signatureVerified === true;
  } catch (e) {
    const r = e as { signatureVerified?: boolean | null; message?: string };
    report.signatureValid = false;
    if (report.digestMatches)
      problems.push(`CMS signature does not verify: ${r.message ?? String(e)}`);
  }
  if (!report.signatureValid && report.digestMatches)
    problems.push('the CMS signature does not verify with the signer certificate');

  const at = report.signingTime ? new Date(report.signingTime) : new Date();
  report.certificateValidAtSigning =
    signerCert.notBefore.value <= at && at <= signerCert.notAfter.value;
  if (!report.certificateValidAtSigning)
    problems.push('the signer certificate was not valid at the signing time');
  report.chain = await chainStatus(signerCert, certs, options.trustedCas ?? []);
  if (report.chain === 'untrusted') {
    problems.push(
      (options.trustedCas ?? []).length > 0
        ? 'the signer certificate does not chain to the given CA'
        : 'the signer certificate is issued by a CA: pass that CA certificate to check the chain',
    );
  }
  return report;
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

/** Verifies every signature of `pdf`; throws UnreadablePdfError when it is not a PDF at all. */
export async function verifyPdf(pdf: Buffer, options: VerifyOptions = {}): Promise<VerifyReport> {
  if (pdf.length < 8 || pdf.subarray(0, 5).toString('latin1') !== '%PDF-') {
    throw new UnreadablePdfError('not a PDF file (no %PDF- header)');
  }
  const { documentNumber, revision } = readDocumentInfo(pdf);
  const found = findSignatures(pdf);
  const signatures: SignatureReport[] = [];
  for (const f of found) signatures.push(await verifyOne(pdf, f, options));
  const problems: string[] = [];
  if (signatures.length === 0) problems.push('the file has no digital signature');
  const last = signatures[signatures.length - 1];
  // Earlier signatures of an incrementally updated file cover earlier revisions only; the last
  // one must cover the whole file.
  const valid =
    last !== undefined &&
    last.coversWholeFile &&
    signatures.every(
      (s) =>
        s.digestMatches &&
        s.signatureValid &&
        s.chain !== 'untrusted' &&
        s.certificateValidAtSigning,
    );
  return {
    valid,
    file: { bytes: pdf.length, sha256: createHash('sha256').update(pdf).digest('hex') },
    documentNumber,
    revision,
    signatures,
    problems,
  };
}
