/**
 * PDF digital signatures: a CMS (PKCS#7) detached signature with CAdES signed attributes,
 * SHA-256, placed in a signature dictionary whose ByteRange covers the whole file except the
 * signature itself.
 *
 * Two ways to get the placeholder the signature goes into:
 * - while rendering, through pdfkit (`addPlaceholderToPdfkit`, via @signpdf/placeholder-pdfkit);
 * - for a finished PDF, as an incremental update appended to the file
 *   (`addSignaturePlaceholder`) — the app's real path, since the PDF is rendered in a worker
 *   and signed in the main process. It writes its own objects instead of using
 *   @signpdf/placeholder-plain, which turns non-ASCII reason/name/location into mojibake: texts
 *   here are written as UTF-16BE hex strings, so Chinese survives.
 */
import { createHash, webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { pdfkitAddPlaceholder } from '@signpdf/placeholder-pdfkit';
import { SignPdf, Signer } from '@signpdf/signpdf';
import { SUBFILTER_ADOBE_PKCS7_DETACHED } from '@signpdf/utils';
import { arrayBufferOf } from '../../src-shared/pki/certificates';
import type { SigningIdentity } from './signing-keys';

const subtle = webcrypto.subtle as SubtleCrypto;

/** No spaces: readers choke on a Prop_Build App name with spaces. */
export const SIGNING_APP_NAME = 'Fieldbook';

/** Bytes reserved for the CMS blob (hex doubles it): ample for RSA-4096 and a 4-cert chain. */
export const SIGNATURE_LENGTH = 16384;

export interface PlaceholderOptions {
  reason: string;
  /** The signer's name as shown by readers. */
  name: string;
  location: string;
  contactInfo?: string;
  signingTime?: Date;
}

/** Adds the signature field while pdfkit is still writing the document (before `end()`). */
export function addPlaceholderToPdfkit(doc: unknown, o: PlaceholderOptions): void {
  pdfkitAddPlaceholder({
    pdf: doc,
    pdfBuffer: Buffer.alloc(0),
    reason: o.reason,
    contactInfo: o.contactInfo ?? '',
    name: o.name,
    location: o.location,
    signatureLength: SIGNATURE_LENGTH,
    subFilter: SUBFILTER_ADOBE_PKCS7_DETACHED,
    appName: SIGNING_APP_NAME,
    ...(o.signingTime ? { signingTime: o.signingTime } : {}),
  } as Parameters<typeof pdfkitAddPlaceholder>[0]);
}

// ---------------------------------------------------------------------------------------------
// Incremental-update placeholder for an existing PDF
// ---------------------------------------------------------------------------------------------

export class PdfStructureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PdfStructureError';
  }
}

interface Ref {
  num: number;
  gen: number;
}

interface XrefInfo {
  offsets: Map<number, number>;
  size: number;
  root: Ref;
  info: Ref | null;
  startxref: number;
}

const latin1 = (b: Uint8Array, s = 0, e = b.length) =>
  Buffer.from(b.buffer, b.byteOffset + s, e - s).toString('latin1');

function parseRef(text: string, key: string): Ref | null {
  const m = new RegExp(`/${key}\\s+(\\d+)\\s+(\\d+)\\s+R`).exec(text);
  return m ? { num: Number(m[1]), gen: Number(m[2]) } : null;
}

/** Reads the classic cross-reference tables (following /Prev) of `pdf`. */
function readXref(pdf: Buffer): XrefInfo {
  const tail = latin1(pdf, Math.max(0, pdf.length - 1024));
  const sx = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  if (!sx) throw new PdfStructureError('no startxref/%%EOF at the end of the file');
  const startxref = Number(sx[1]);
  const offsets = new Map<number, number>();
  let at: number | null = startxref;
  let newestTrailer: string | null = null;
  const seen = new Set<number>();
  while (at !== null) {
    if (seen.has(at) || at < 0 || at >= pdf.length)
      throw new PdfStructureError('broken cross-reference chain');
    seen.add(at);
    const head = latin1(pdf, at, Math.min(pdf.length, at + 4));
    if (head !== 'xref') {
      throw new PdfStructureError(
        'the PDF uses cross-reference streams; only classic xref tables are supported (re-save it, e.g. with qpdf --object-streams=disable)',
      );
    }
    const end = pdf.indexOf('trailer', at, 'latin1');
    if (end < 0) throw new PdfStructureError('xref table without trailer');
    const lines = latin1(pdf, at + 4, end)
      .split(/\r\n|\r|\n/)
      .map((l) => l.trim())
      .filter((l) => l !== '');
    let i = 0;
    while (i < lines.length) {
      const [startS, countS] = lines[i]!.split(/\s+/);
      const start = Number(startS);
      const count = Number(countS);
      if (!Number.isInteger(start) || !Number.isInteger(count))
        throw new PdfStructureError('malformed xref subsection');
      for (let k = 0; k < count; k++) {
        const [off, , kind] = (lines[i + 1 + k] ?? '').split(/\s+/);
        if (kind === 'n' && !offsets.has(start + k)) offsets.set(start + k, Number(off));
      }
      i += 1 + count;
    }
    const trailerEnd = pdf.indexOf('startxref', end, 'latin1');
    const trailer = latin1(pdf, end, trailerEnd < 0 ? pdf.length : trailerEnd);
    newestTrailer ??= trailer;
    const prev = /\/Prev\s+(\d+)/.exec(trailer);
    at = prev ? Number(prev[1]) : null;
  }
  const trailer = newestTrailer ?? '';
  const size = Number(/\/Size\s+(\d+)/.exec(trailer)?.[1]);
  const root = parseRef(trailer, 'Root');
  if (!root || !Number.isInteger(size))
    throw new PdfStructureError('trailer without /Size or /Root');
  return { offsets, size, root, info: parseRef(trailer, 'Info'), startxref };
}

/** Index just past the `>>` matching the `<<` at `start`, skipping strings. */
function dictEnd(text: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '(') {
      let nest = 1;
      i++;
      while (i < text.length && nest > 0) {
        if (text[i] === '\\') i++;
        else if (text[i] === '(') nest++;
        else if (text[i] === ')') nest--;
        i++;
      }
      continue;
    }
    if (c === '<' && text[i + 1] === '<') {
      depth++;
      i += 2;
      continue;
    }
    if (c === '>' && text[i + 1] === '>') {
      depth--;
      i += 2;
      if (depth === 0) return i;
      continue;
    }
    i++;
  }
  throw new PdfStructureError('unterminated dictionary');
}

/** The dictionary body (between the outer `<<` `>>`) of object `ref`. */
function objectDict(pdf: Buffer, x: XrefInfo, ref: Ref): string {
  const off = x.offsets.get(ref.num);
  if (off === undefined)
    throw new PdfStructureError(`object ${ref.num} not in the cross-reference table`);
  const text = latin1(pdf, off, Math.min(pdf.length, off + 65536));
  const head = new RegExp(`^${ref.num}\\s+${ref.gen}\\s+obj\\s*`).exec(text);
  if (!head) throw new PdfStructureError(`object ${ref.num} not found at its offset`);
  const start = head[0].length;
  if (!text.startsWith('<<', start))
    throw new PdfStructureError(`object ${ref.num} is not a dictionary`);
  return text.slice(start + 2, dictEnd(text, start) - 2);
}

function isPageTree(dict: string): boolean {
  return /\/Type\s*\/Pages\b/.test(dict);
}

function firstPage(pdf: Buffer, x: XrefInfo, root: string): Ref {
  let ref = parseRef(root, 'Pages');
  for (let depth = 0; ref && depth < 32; depth++) {
    const dict = objectDict(pdf, x, ref);
    if (!isPageTree(dict)) return ref;
    const kids = /\/Kids\s*\[\s*(\d+)\s+(\d+)\s+R/.exec(dict);
    ref = kids ? { num: Number(kids[1]), gen: Number(kids[2]) } : null;
  }
  throw new PdfStructureError('no page found');
}

/** A PDF text string: UTF-16BE with BOM, as hex, so any language and any character is safe. */
export function pdfTextString(s: string): string {
  const b = Buffer.from(s, 'utf16le').swap16();
  return `<FEFF${b.toString('hex').toUpperCase()}>`;
}

function pdfDate(d: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `(D:${p(d.getUTCFullYear(), 4)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z)`;
}

function appendRefToArray(dict: string, key: string, ref: string): string | null {
  const re = new RegExp(`/${key}\\s*\\[([^\\]]*)\\]`);
  const m = re.exec(dict);
  if (m) return dict.replace(re, `/${key} [${m[1]!.trim()} ${ref}]`);
  if (new RegExp(`/${key}\\b`).test(dict)) return null; // an indirect array: not handled
  return `${dict} /${key} [${ref}]`;
}

/**
 * Appends an incremental update to `pdf` adding an invisible signature field on the first page
 * and an empty signature for `signPdf` to fill. The original bytes stay untouched.
 */
export function addSignaturePlaceholder(pdf: Buffer, o: PlaceholderOptions): Buffer {
  const x = readXref(pdf);
  const rootDict = objectDict(pdf, x, x.root);
  const pageRef = firstPage(pdf, x, rootDict);
  const pageDict = objectDict(pdf, x, pageRef);

  let next = x.size;
  const sigNum = next++;
  const widgetNum = next++;
  const objects: { num: number; gen: number; body: string }[] = [];
  const widgetRef = `${widgetNum} 0 R`;

  const sig = [
    '/Type /Sig',
    '/Filter /Adobe.PPKLite',
    `/SubFilter /${SUBFILTER_ADOBE_PKCS7_DETACHED}`,
    // The ByteRange must precede Contents: @signpdf looks for Contents after it.
    '/ByteRange [0 /********** /********** /**********]',
    `/Contents <${'0'.repeat(SIGNATURE_LENGTH * 2)}>`,
    `/Reason ${pdfTextString(o.reason)}`,
    `/M ${pdfDate(o.signingTime ?? new Date())}`,
    `/ContactInfo ${pdfTextString(o.contactInfo ?? '')}`,
    `/Name ${pdfTextString(o.name)}`,
    `/Location ${pdfTextString(o.location)}`,
    `/Prop_Build << /Filter << /Name /Adobe.PPKLite >> /App << /Name /${SIGNING_APP_NAME} >> >>`,
  ].join('\n');
  objects.push({ num: sigNum, gen: 0, body: `<<\n${sig}\n>>` });

  const existingFields = /\/Fields\s*\[/.test(rootDict);
  const acroRef = parseRef(rootDict, 'AcroForm');
  if (acroRef) {
    const acro = objectDict(pdf, x, acroRef);
    const updated = appendRefToArray(acro, 'Fields', widgetRef);
    if (updated === null)
      throw new PdfStructureError('AcroForm /Fields is an indirect array: not supported');
    const flagged = /\/SigFlags\s+\d+/.test(updated)
      ? updated.replace(/\/SigFlags\s+\d+/, '/SigFlags 3')
      : `${updated} /SigFlags 3`;
    objects.push({ num: acroRef.num, gen: acroRef.gen, body: `<<${flagged}>>` });
  } else if (/\/AcroForm\s*<</.test(rootDict) || existingFields) {
    throw new PdfStructureError('inline AcroForm dictionaries are not supported');
  } else {
    const acroNum = next++;
    objects.push({
      num: acroNum,
      gen: 0,
      body: `<<\n/Type /AcroForm\n/SigFlags 3\n/Fields [${widgetRef}]\n>>`,
    });
    objects.push({
      num: x.root.num,
      gen: x.root.gen,
      body: `<<${rootDict}\n/AcroForm ${acroNum} 0 R>>`,
    });
  }

  const widget = [
    '/Type /Annot',
    '/Subtype /Widget',
    '/FT /Sig',
    '/Rect [0 0 0 0]',
    '/F 132',
    `/V ${sigNum} 0 R`,
    `/T ${pdfTextString(`Signature${sigNum}`)}`,
    `/P ${pageRef.num} ${pageRef.gen} R`,
  ].join('\n');
  objects.push({ num: widgetNum, gen: 0, body: `<<\n${widget}\n>>` });

  const annotated = appendRefToArray(pageDict, 'Annots', widgetRef);
  if (annotated === null)
    throw new PdfStructureError('page /Annots is an indirect array: not supported');
  objects.push({ num: pageRef.num, gen: pageRef.gen, body: `<<${annotated}>>` });

  // Serialise: objects, then one xref subsection per object, then the trailer.
  const base = pdf[pdf.length - 1] === 0x0a ? pdf : Buffer.concat([pdf, Buffer.from('\n')]);
  const parts: Buffer[] = [base];
  let offset = base.length;
  const entries: { num: number; gen: number; offset: number }[] = [];
  for (const obj of objects) {
    const text = Buffer.from(`${obj.num} ${obj.gen} obj\n${obj.body}\nendobj\n`, 'latin1');
    entries.push({ num: obj.num, gen: obj.gen, offset });
    parts.push(text);
    offset += text.length;
  }
  const xrefAt = offset;
  const xref = ['xref'];
  for (const e of entries.sort((a, b) => a.num - b.num)) {
    xref.push(
      `${e.num} 1`,
      `${String(e.offset).padStart(10, '0')} ${String(e.gen).padStart(5, '0')} n\r`,
    );
  }
  const trailer = [
    'trailer',
    '<<',
    `/Size ${next}`,
    `/Root ${x.root.num} ${x.root.gen} R`,
    ...(x.info ? [`/Info ${x.info.num} ${x.info.gen} R`] : []),
    `/Prev ${x.startxref}`,
    '>>',
    'startxref',
    String(xrefAt),
    '%%EOF',
  ];
  parts.push(Buffer.from(`${xref.join('\n')}\n${trailer.join('\n')}\n`, 'latin1'));
  return Buffer.concat(parts);
}

// ---------------------------------------------------------------------------------------------
// CMS signer
// ---------------------------------------------------------------------------------------------

const OID_DATA = '1.2.840.113549.1.7.1';
const OID_SIGNED_DATA = '1.2.840.113549.1.7.2';
const OID_CONTENT_TYPE = '1.2.840.113549.1.9.3';
const OID_MESSAGE_DIGEST = '1.2.840.113549.1.9.4';
const OID_SIGNING_TIME = '1.2.840.113549.1.9.5';
const OID_SIGNING_CERTIFICATE_V2 = '1.2.840.113549.1.9.16.2.47';

/**
 * A detached CMS SignedData over `data`: SHA-256, signed attributes content type, signing time,
 * message digest and ESS signing-certificate-v2 (which binds the signer's certificate: CAdES-BES).
 */
export async function createCmsSignature(
  data: Uint8Array,
  identity: SigningIdentity,
  signingTime: Date,
): Promise<Buffer> {
  const cert = identity.certificate;
  const digest = await subtle.digest('SHA-256', arrayBufferOf(data));
  const certDer = cert.toSchema(true).toBER(false);
  const certHash = await subtle.digest('SHA-256', certDer);
  const essCertIdV2 = new asn1js.Sequence({
    value: [
      // hashAlgorithm omitted: DEFAULT sha256.
      new asn1js.OctetString({ valueHex: certHash }),
      new asn1js.Sequence({
        value: [
          new asn1js.Sequence({
            value: [
              new asn1js.Constructed({
                idBlock: { tagClass: 3, tagNumber: 4 },
                value: [cert.issuer.toSchema()],
              }),
            ],
          }),
          cert.serialNumber,
        ],
      }),
    ],
  });
  const signedData = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID_DATA }),
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({
          issuer: cert.issuer,
          serialNumber: cert.serialNumber,
        }),
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({
          type: 0,
          attributes: [
            new pkijs.Attribute({
              type: OID_CONTENT_TYPE,
              values: [new asn1js.ObjectIdentifier({ value: OID_DATA })],
            }),
            new pkijs.Attribute({
              type: OID_SIGNING_TIME,
              values: [new asn1js.UTCTime({ valueDate: signingTime })],
            }),
            new pkijs.Attribute({
              type: OID_MESSAGE_DIGEST,
              values: [new asn1js.OctetString({ valueHex: digest })],
            }),
            new pkijs.Attribute({
              type: OID_SIGNING_CERTIFICATE_V2,
              values: [
                new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] }),
              ],
            }),
          ],
        }),
      }),
    ],
    certificates: [cert, ...identity.chain],
  });
  await signedData.sign(identity.privateKey, 0, 'SHA-256');
  const contentInfo = new pkijs.ContentInfo({
    contentType: OID_SIGNED_DATA,
    content: signedData.toSchema(true),
  });
  return Buffer.from(contentInfo.toSchema().toBER(false));
}

class CmsSigner extends Signer {
  constructor(private readonly identity: SigningIdentity) {
    super();
  }

  override async sign(pdfBuffer: Buffer, signingTime?: Date): Promise<Buffer> {
    return createCmsSignature(pdfBuffer, this.identity, signingTime ?? new Date());
  }
}

export interface SignResult {
  pdf: Buffer;
  sha256: string;
  signingTime: Date;
}

/**
 * Signs a PDF. Without a placeholder in it, one is appended first (incremental update) using
 * `placeholder`. The result ends right after the signed revision: the signature covers it all.
 */
export async function signPdf(
  pdf: Buffer,
  identity: SigningIdentity,
  placeholder: PlaceholderOptions,
): Promise<SignResult> {
  const signingTime = placeholder.signingTime ?? new Date();
  const hasPlaceholder = pdf.includes(
    '/ByteRange [0 /********** /********** /**********]',
    0,
    'latin1',
  );
  const prepared = hasPlaceholder
    ? pdf
    : addSignaturePlaceholder(pdf, { ...placeholder, signingTime });
  const signed = await new SignPdf().sign(prepared, new CmsSigner(identity), signingTime);
  return { pdf: signed, sha256: createHash('sha256').update(signed).digest('hex'), signingTime };
}
