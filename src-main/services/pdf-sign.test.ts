import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createCertificateRequest,
  createSelfSignedCertificate,
  generateSigningKeyPair,
  issueCertificate,
} from '../../src-shared/pki/certificates';
import { renderPdf } from './pdf-render';
import { PdfStructureError, addSignaturePlaceholder, pdfTextString, signPdf } from './pdf-sign';
import { UnreadablePdfError, decodePdfString, readDocumentInfo, verifyPdf } from './pdf-verify';
import type { SigningIdentity } from './signing-keys';
import { createDevelopmentIdentity } from './signing-keys';

const META = {
  reason: '巡检报告签署 FB-T-1 修订 2',
  name: '张伟',
  location: '上海张江数据中心',
  signingTime: new Date('2026-03-06T09:10:00Z'),
};

function tinyDefinition(): TDocumentDefinitions {
  return {
    content: [{ text: '签名测试 Signature test' }],
    defaultStyle: { font: 'NotoSansSC' },
    info: {
      title: 't',
      FieldbookDocumentNumber: 'FB-T-1',
      FieldbookRevision: '2',
    } as TDocumentDefinitions['info'],
  };
}

let plain: Buffer;
let dev: SigningIdentity;

beforeAll(async () => {
  plain = await renderPdf(tinyDefinition());
  // Issued before META.signingTime: the verifier checks the certificate was valid then.
  dev = await createDevelopmentIdentity({ now: new Date('2026-03-01T00:00:00Z') });
  // Parsing the 10 MB font takes seconds on a loaded 2-core machine.
}, 60_000);

describe('pdf signing and verification', () => {
  it('signs an existing PDF as an incremental update that keeps the original bytes', async () => {
    const { pdf, sha256 } = await signPdf(plain, dev, META);
    expect(pdf.subarray(0, plain.length).equals(plain)).toBe(true);
    expect(sha256).toMatch(/^[0-9a-f]{64}$/);
    const r = await verifyPdf(pdf);
    expect(r.valid).toBe(true);
    expect(r.documentNumber).toBe('FB-T-1');
    expect(r.revision).toBe('2');
    const s = r.signatures[0]!;
    expect(s).toMatchObject({
      coversWholeFile: true,
      digestMatches: true,
      signatureValid: true,
      chain: 'self-signed',
    });
    // Chinese texts survive the placeholder (placeholder-plain would garble them).
    expect(s.reason).toBe(META.reason);
    expect(s.name).toBe('张伟');
    expect(s.location).toBe('上海张江数据中心');
    expect(s.signingTime).toBe('2026-03-06T09:10:00.000Z');
    expect(s.signer?.commonName).toBe('Fieldbook development signer');
  });

  it('signs through the pdfkit placeholder while rendering, with Chinese texts intact', async () => {
    const withPlaceholder = await renderPdf(tinyDefinition(), { signaturePlaceholder: META });
    const { pdf } = await signPdf(withPlaceholder, dev, META);
    const r = await verifyPdf(pdf);
    expect(r.valid).toBe(true);
    expect(r.signatures).toHaveLength(1);
    expect(r.signatures[0]?.reason).toBe(META.reason);
    expect(r.signatures[0]?.location).toBe(META.location);
  });

  it('a flipped byte breaks the digest; an appended byte leaves part of the file unsigned', async () => {
    const { pdf } = await signPdf(plain, dev, META);
    const flipped = Buffer.from(pdf);
    const at = 200;
    flipped[at] = flipped[at]! ^ 0x01;
    const f = await verifyPdf(flipped);
    expect(f.valid).toBe(false);
    expect(f.signatures[0]?.digestMatches).toBe(false);

    const appended = Buffer.concat([pdf, Buffer.from('\n')]);
    const a = await verifyPdf(appended);
    expect(a.valid).toBe(false);
    expect(a.signatures[0]).toMatchObject({
      digestMatches: true,
      signatureValid: true,
      coversWholeFile: false,
    });
  });

  it('a tampered signature blob does not verify', async () => {
    const { pdf } = await signPdf(plain, dev, META);
    const r0 = await verifyPdf(pdf);
    const [, b] = r0.signatures[0]!.byteRange as [number, number, number, number];
    const tampered = Buffer.from(pdf);
    // Near the end of the CMS blob (inside the RSA signature value), stay a hex digit.
    const hexEnd = tampered.indexOf('000000', b, 'latin1');
    const pos = hexEnd - 4;
    tampered[pos] = tampered[pos] === 0x61 ? 0x62 : 0x61;
    const r = await verifyPdf(tampered);
    expect(r.valid).toBe(false);
  });

  it('checks the chain against a CA: trusted, wrong CA, or no CA given', async () => {
    const caKeys = await generateSigningKeyPair(false);
    // Path validation checks every certificate at the signing time (2026-03-06), the CA too.
    const ca = await createSelfSignedCertificate(caKeys, {
      subject: { commonName: 'Org CA' },
      validDays: 100,
      ca: true,
      now: new Date('2026-03-01T00:00:00Z'),
    });
    const otherCaKeys = await generateSigningKeyPair(false);
    const otherCa = await createSelfSignedCertificate(otherCaKeys, {
      subject: { commonName: 'Other CA' },
      validDays: 100,
      ca: true,
      now: new Date('2026-03-01T00:00:00Z'),
    });
    const keys = await generateSigningKeyPair(false);
    const request = await createCertificateRequest(keys, { commonName: '王芳' });
    const cert = await issueCertificate({
      request,
      caCertificate: ca,
      caPrivateKey: caKeys.privateKey,
      validDays: 30,
      now: new Date('2026-03-01T00:00:00Z'),
    });
    const identity: SigningIdentity = {
      privateKey: keys.privateKey,
      certificate: cert,
      chain: [ca],
      source: 'generated',
    };
    const { pdf } = await signPdf(plain, identity, META);

    expect(await verifyPdf(pdf, { trustedCas: [ca] })).toMatchObject({
      valid: true,
      signatures: [{ chain: 'trusted' }],
    });
    expect(await verifyPdf(pdf, { trustedCas: [otherCa] })).toMatchObject({
      valid: false,
      signatures: [{ chain: 'untrusted' }],
    });
    expect(await verifyPdf(pdf)).toMatchObject({
      valid: false,
      signatures: [{ chain: 'untrusted' }],
    });
    // Signed on 2026-03-06 with a certificate valid 2026-03-01 … 2026-03-31.
    expect(
      (await verifyPdf(pdf, { trustedCas: [ca] })).signatures[0]?.certificateValidAtSigning,
    ).toBe(true);
  });

  it('an unsigned PDF is not valid; a non-PDF is unreadable', async () => {
    const r = await verifyPdf(plain);
    expect(r.valid).toBe(false);
    expect(r.problems).toContain('the file has no digital signature');
    await expect(verifyPdf(Buffer.from('hello'))).rejects.toThrow(UnreadablePdfError);
    expect(() => addSignaturePlaceholder(Buffer.from('%PDF-1.3\nnothing'), META)).toThrow(
      PdfStructureError,
    );
  });

  it('encodes and decodes PDF text strings', () => {
    expect(pdfTextString('A')).toBe('<FEFF0041>');
    expect(decodePdfString(pdfTextString('巡检 ✓ (x)'))).toBe('巡检 ✓ (x)');
    expect(decodePdfString('(a\\(b\\)\\101)')).toBe('a(b)A');
    expect(readDocumentInfo(plain)).toEqual({ documentNumber: 'FB-T-1', revision: '2' });
  });
});

describe('certificate validity at signing time', () => {
  it('a signature made before the certificate was issued is invalid', async () => {
    const late = await createDevelopmentIdentity({ now: new Date('2026-04-01T00:00:00Z') });
    const { pdf } = await signPdf(plain, late, META);
    const r = await verifyPdf(pdf);
    expect(r.valid).toBe(false);
    expect(r.signatures[0]?.problems).toContain(
      'the signer certificate was not valid at the signing time',
    );
  });
});

describe('small documents', () => {
  it('a PDF whose signed bytes are under 4 KB verifies (the digest is over those bytes, not the Buffer pool)', async () => {
    // Node serves Buffers under 4 KB from a shared 8 KB pool: hashing `buffer` of such a view
    // hashed the whole pool, and every small PDF got a digest mismatch.
    const tiny = await renderPdf({
      content: [{ text: 'x' }],
      defaultStyle: { font: 'NotoSansSC' },
    });
    const { pdf } = await signPdf(tiny, dev, META);
    const [, , b, c, d] = /\/ByteRange \[(\d+) (\d+) (\d+) (\d+)\]/
      .exec(pdf.toString('latin1'))!
      .map(Number) as [number, number, number, number, number];
    expect(b + d).toBeLessThan(4096);
    expect(c).toBeGreaterThan(b);
    const r = await verifyPdf(pdf);
    expect(r.signatures[0]).toMatchObject({ digestMatches: true, signatureValid: true });
    expect(r.valid).toBe(true);
  });
});
