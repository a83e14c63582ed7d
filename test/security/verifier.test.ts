/**
 * Attacks on `fieldbook verify` and on the CA (issue 7, "Signed deliverables a customer can
 * trust"), each run against the real verifier with real signed PDFs (the project's own signing
 * code) and real certificates (pkijs/WebCrypto), and against the real server's CA:
 * - chain forgery: an enrolled engineer's end-entity key issuing a certificate for "CN=boss",
 *   and the other ways a path must fail RFC 5280 (no cA, pathLen, keyCertSign, expired
 *   intermediate, end entity key usage, unknown critical extension) — pdfsig agrees;
 * - weak keys: RSA e = 1 (signatures forged without a private key) and 1024-bit moduli, at the
 *   CA and in the verifier;
 * - denial of service: 20k ByteRanges, a 300 KB Reason, an oversized file, 200k objects;
 * - a PDF changed after signing and then countersigned.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as pkijs from 'pkijs';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrolSigningIdentity } from '../../src-main/services/enrolment';
import { renderPdf } from '../../src-main/services/pdf-render';
import {
  addSignaturePlaceholder,
  createCmsSignature,
  signPdf,
} from '../../src-main/services/pdf-sign';
import { verifyPdf, type VerifyReport } from '../../src-main/services/pdf-verify';
import type { SigningIdentity } from '../../src-main/services/signing-keys';
import { createDevelopmentIdentity } from '../../src-main/services/signing-keys';
import {
  certificatesFromPemOrDer,
  certificateToPem,
  createCertificateRequest,
  generateSigningKeyPair,
  requestToPem,
} from '../../src-shared/pki/certificates';
import type { ErrorResponse } from '../../src-shared/sync';
import { routes } from '../../src-shared/sync';
import { tool } from '../pdf/tools';
import { request } from '../sync/client';
import { startWorld, type World } from '../sync/setup';
import {
  forgedE1Request,
  forgedE1Signature,
  forgeE1SignatureInPdf,
  makeCertificate,
  name,
  rsaPublicKeyInfo,
  unknownExtension,
  type Issuer,
  type KeyUsageName,
} from './pki-fixtures';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/fieldbook.mjs', import.meta.url));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

/**
 * The real CLI in a child process, with its heap capped: a verifier that is not bounded in
 * memory crashes there instead of exiting 0/1/2.
 */
function fieldbook(args: string[], heapMb = 256): Promise<Run> {
  const started = Date.now();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [`--max-old-space-size=${heapMb}`, BIN, ...args],
      { cwd: ROOT, env: { ...process.env, DATABASE_URL: '' }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr, ms: Date.now() - started });
      },
    );
  });
}

const SIGNED_AT = new Date('2026-03-06T09:10:00Z');
const META = { reason: '巡检报告签署', name: '张伟', location: '上海', signingTime: SIGNED_AT };
const FROM = new Date('2026-01-01T00:00:00Z');
const UNTIL = new Date('2027-01-01T00:00:00Z');
const LEAF_USAGE: KeyUsageName[] = ['digitalSignature', 'nonRepudiation'];
const CA_USAGE: KeyUsageName[] = ['keyCertSign', 'cRLSign'];

function tinyDefinition(): TDocumentDefinitions {
  return {
    content: [{ text: '巡检报告 Inspection report: all 12 nodes healthy' }],
    defaultStyle: { font: 'NotoSansSC' },
    info: {
      title: 'security',
      FieldbookDocumentNumber: 'FB-SEC-1',
      FieldbookRevision: '1',
    } as TDocumentDefinitions['info'],
  };
}

let dir: string;
let plain: Buffer;
let root: Issuer;
const f = (file: string) => join(dir, file);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fieldbook-security-'));
  plain = await renderPdf(tinyDefinition());
  const rootKeys = await generateSigningKeyPair(false);
  root = {
    certificate: await makeCertificate({
      subject: name('Test Root CA'),
      publicKey: rootKeys.publicKey,
      selfKey: rootKeys.privateKey,
      ca: true,
      keyUsage: CA_USAGE,
      notBefore: FROM,
      notAfter: UNTIL,
    }),
    privateKey: rootKeys.privateKey,
  };
  writeFileSync(f('root.pem'), certificateToPem(root.certificate));
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function identity(
  certificate: pkijs.Certificate,
  privateKey: CryptoKey,
  chain: pkijs.Certificate[],
): SigningIdentity {
  return { certificate, privateKey, chain, source: 'generated' };
}

/** An NSS database for pdfsig -nssdir trusting `caFile`. */
function nssDb(caFile: string): string {
  const db = `sql:${mkdtempSync(join(dir, 'nss-'))}`;
  expect(tool('certutil', ['-N', '-d', db, '--empty-password']).status).toBe(0);
  const add = tool('certutil', ['-A', '-d', db, '-n', 'ca', '-t', 'CT,C,C', '-i', caFile]);
  expect(add.status, add.stderr).toBe(0);
  return db;
}

function caOf(pem: string): pkijs.Certificate {
  const [c] = certificatesFromPemOrDer(new TextEncoder().encode(pem));
  if (!c) throw new Error('no certificate');
  return c;
}

describe('certificates issued by the server’s CA', { timeout: 90_000 }, () => {
  let w: World;
  let caPem: string;
  let engKeys: CryptoKeyPair;
  let eng: SigningIdentity;

  beforeAll(async () => {
    w = await startWorld('pglite', { organisationName: '示例科技' });
    caPem = await (await fetch(w.ts.url + routes.caCertificate())).text();
    writeFileSync(f('server-ca.pem'), caPem);
    engKeys = await generateSigningKeyPair(false);
    ({ identity: eng } = await enrolSigningIdentity({
      baseUrl: w.ts.url,
      accessToken: w.eng1.token,
      keyPair: engKeys,
    }));
  }, 120_000);

  afterAll(async () => {
    await w?.close();
  });

  it('the genuine chain, as the CA issues it, is trusted by fieldbook verify --ca and by pdfsig', async () => {
    const signed = await signPdf(plain, eng, { ...META, signingTime: new Date() });
    writeFileSync(f('genuine.pdf'), signed.pdf);
    const r = await fieldbook(['verify', f('genuine.pdf'), '--ca', f('server-ca.pem')]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as VerifyReport & { chain: string };
    expect(out).toMatchObject({
      valid: true,
      chain: 'trusted',
      integrity: { valid: true, coversWholeFile: true, modifiedAfterSigning: false },
      trust: { trusted: true, status: 'trusted', reason: null },
    });
    expect(out.signatures[0]!.trust).toMatchObject({
      path: ['CN=eng1, O=示例科技', 'CN=示例科技 Fieldbook CA, O=示例科技'],
      validationTimeSource: 'signingTime attribute',
    });
    const sig = tool('pdfsig', ['-nssdir', nssDb(f('server-ca.pem')), f('genuine.pdf')]);
    expect(sig.stdout).toContain('Certificate is Trusted.');
  });

  it('an engineer’s end-entity key issuing a certificate for "CN=boss" is not trusted (pdfsig agrees)', async () => {
    const bossKeys = await generateSigningKeyPair(false);
    const now = new Date();
    const boss = await makeCertificate({
      subject: name('boss', '示例科技'),
      publicKey: bossKeys.publicKey,
      issuer: { certificate: eng.certificate, privateKey: engKeys.privateKey },
      ca: false,
      keyUsage: LEAF_USAGE,
      notBefore: new Date(now.getTime() - 3_600_000),
      notAfter: new Date(now.getTime() + 30 * 86_400_000),
    });
    const signed = await signPdf(
      plain,
      identity(boss, bossKeys.privateKey, [eng.certificate, caOf(caPem)]),
      { ...META, name: 'boss', signingTime: now },
    );
    writeFileSync(f('boss.pdf'), signed.pdf);
    const r = await fieldbook(['verify', f('boss.pdf'), '--ca', f('server-ca.pem')]);
    expect(r.code, r.stdout + r.stderr).toBe(1);
    const out = JSON.parse(r.stdout) as VerifyReport & { chain: string; signerCommonName: string };
    expect(out).toMatchObject({
      valid: false,
      chain: 'untrusted',
      signerCommonName: 'boss',
      // The signature itself is fine; the certificate is not trusted.
      integrity: { valid: true },
      trust: { trusted: false, status: 'untrusted' },
    });
    expect(out.trust.reason).toMatch(
      /CN=eng1, O=示例科技 cannot issue certificates: it is not a CA certificate/,
    );
    const sig = tool('pdfsig', ['-nssdir', nssDb(f('server-ca.pem')), f('boss.pdf')]);
    expect(sig.stdout).toContain('Signature is Valid.');
    expect(sig.stdout).not.toContain('Certificate is Trusted.');
  });

  it('the CA refuses a request for an e = 1 key (its forged proof of possession verifies) and a 1024-bit key; nothing is recorded', async () => {
    const count = async () =>
      (await w.ts.server.store.query('SELECT serial FROM issued_certificates')).rows.length;
    const before = await count();
    const { request: e1 } = await forgedE1Request(name('eng1'));
    // Without the key check, the request's signature would pass: e = 1 needs no private key.
    expect(await e1.verify()).toBe(true);
    const post = (csr: string) =>
      request<ErrorResponse>(w.ts.url, routes.certificates(), {
        method: 'POST',
        token: w.eng1.token,
        json: { csr },
      });
    const refusedE1 = await post(requestToPem(e1));
    expect(refusedE1.status).toBe(422);
    expect(refusedE1.body.code).toBe('invalid_certificate_request');
    expect(refusedE1.body.message).toMatch(/RSA public exponent of 1 is not accepted/);

    const weak = await crypto.subtle.generateKey(
      {
        name: 'RSASSA-PKCS1-v1_5',
        modulusLength: 1024,
        publicExponent: new Uint8Array([1, 0, 1]),
        hash: 'SHA-256',
      },
      false,
      ['sign', 'verify'],
    );
    const refused1024 = await post(
      requestToPem(await createCertificateRequest(weak, { commonName: 'eng1' })),
    );
    expect(refused1024.status).toBe(422);
    expect(refused1024.body.message).toMatch(/RSA key of 1024 bits is too short/);
    expect(await count()).toBe(before);
  });
});

describe('RFC 5280 path validation (fieldbook verify --ca)', { timeout: 90_000 }, () => {
  async function chainPdf(o: {
    intermediate?: Partial<Parameters<typeof makeCertificate>[0]>;
    root?: Issuer;
    leaf?: Partial<Parameters<typeof makeCertificate>[0]>;
  }): Promise<Buffer> {
    const top = o.root ?? root;
    let issuer = top;
    const chain = [top.certificate];
    if (o.intermediate) {
      const keys = await generateSigningKeyPair(false);
      const cert = await makeCertificate({
        subject: name('Test Intermediate CA'),
        publicKey: keys.publicKey,
        issuer: top,
        ca: true,
        keyUsage: CA_USAGE,
        notBefore: FROM,
        notAfter: UNTIL,
        ...o.intermediate,
      });
      issuer = { certificate: cert, privateKey: keys.privateKey };
      chain.unshift(cert);
    }
    const keys = await generateSigningKeyPair(false);
    const leaf = await makeCertificate({
      subject: name('王芳'),
      publicKey: keys.publicKey,
      issuer,
      ca: false,
      keyUsage: LEAF_USAGE,
      notBefore: FROM,
      notAfter: UNTIL,
      ...o.leaf,
    });
    return (await signPdf(plain, identity(leaf, keys.privateKey, chain), META)).pdf;
  }

  async function expectUntrusted(pdf: Buffer, reason: RegExp, trustedCas = [root.certificate]) {
    const r = await verifyPdf(pdf, { trustedCas });
    expect(r.valid).toBe(false);
    expect(r.integrity.valid).toBe(true);
    expect(r.trust).toMatchObject({ trusted: false, status: 'untrusted' });
    expect(r.signatures[0]!.chain).toBe('untrusted');
    expect(r.trust.reason).toMatch(reason);
    expect(r.signatures[0]!.trust.validationTimeSource).toBe('signingTime attribute');
    expect(r.signatures[0]!.trust.validatedAt).toBe(SIGNED_AT.toISOString());
  }

  it('a genuine root → intermediate (pathLen 0) → signer chain is trusted', async () => {
    const pdf = await chainPdf({ intermediate: { pathLen: 0 } });
    const r = await verifyPdf(pdf, { trustedCas: [root.certificate] });
    expect(r).toMatchObject({ valid: true, trust: { trusted: true, status: 'trusted' } });
    expect(r.signatures[0]!.trust.path).toEqual([
      'CN=王芳, O=Fieldbook Test',
      'CN=Test Intermediate CA, O=Fieldbook Test',
      'CN=Test Root CA, O=Fieldbook Test',
    ]);
  });

  it('an intermediate without cA (basicConstraints absent, or cA false) cannot issue', async () => {
    await expectUntrusted(
      await chainPdf({ intermediate: { ca: undefined, keyUsage: null } }),
      /Test Intermediate CA.* cannot issue certificates: it is not a CA certificate/,
    );
    await expectUntrusted(
      await chainPdf({ intermediate: { ca: false, keyUsage: LEAF_USAGE } }),
      /Test Intermediate CA.* cannot issue certificates: it is not a CA certificate/,
    );
  });

  it('pathLenConstraint 0 on the root forbids an intermediate below it', async () => {
    const keys = await generateSigningKeyPair(false);
    const strictRoot: Issuer = {
      certificate: await makeCertificate({
        subject: name('Strict Root CA'),
        publicKey: keys.publicKey,
        selfKey: keys.privateKey,
        ca: true,
        pathLen: 0,
        keyUsage: CA_USAGE,
        notBefore: FROM,
        notAfter: UNTIL,
      }),
      privateKey: keys.privateKey,
    };
    await expectUntrusted(
      await chainPdf({ root: strictRoot, intermediate: {} }),
      /Strict Root CA.* allows 0 intermediate CA certificate\(s\) below it \(pathLenConstraint\), the path has 1/,
      [strictRoot.certificate],
    );
    // Directly below it, a signer is fine.
    const direct = await chainPdf({ root: strictRoot });
    expect((await verifyPdf(direct, { trustedCas: [strictRoot.certificate] })).valid).toBe(true);
  });

  it('an intermediate whose key usage lacks keyCertSign cannot issue', async () => {
    await expectUntrusted(
      await chainPdf({ intermediate: { keyUsage: ['digitalSignature', 'cRLSign'] } }),
      /Test Intermediate CA.* cannot issue certificates: its key usage does not include keyCertSign/,
    );
  });

  it('an intermediate expired at the signing time cannot issue', async () => {
    await expectUntrusted(
      await chainPdf({
        intermediate: {
          notBefore: new Date('2025-01-01T00:00:00Z'),
          notAfter: new Date('2026-02-01T00:00:00Z'),
        },
      }),
      /Test Intermediate CA.* cannot issue certificates: expired at 2026-03-06T09:10:00.000Z/,
    );
  });

  it('a signer certificate without digitalSignature or nonRepudiation cannot sign', async () => {
    await expectUntrusted(
      await chainPdf({ leaf: { keyUsage: ['keyEncipherment'] } }),
      /key usage \(keyEncipherment\) allows neither digitalSignature nor nonRepudiation/,
    );
  });

  it('an unknown critical extension fails the path (on the signer and on an intermediate)', async () => {
    await expectUntrusted(
      await chainPdf({ leaf: { extraExtensions: [unknownExtension(true)] } }),
      /unknown critical extension 1\.3\.6\.1\.4\.1\.55555\.1\.1/,
    );
    await expectUntrusted(
      await chainPdf({ intermediate: { extraExtensions: [unknownExtension(true)] } }),
      /Test Intermediate CA.* unknown critical extension 1\.3\.6\.1\.4\.1\.55555\.1\.1/,
    );
    // The same extension, not critical, is ignored as RFC 5280 says.
    const fine = await chainPdf({ leaf: { extraExtensions: [unknownExtension(false)] } });
    expect((await verifyPdf(fine, { trustedCas: [root.certificate] })).valid).toBe(true);
  });
});

describe('weak keys in the verifier', { timeout: 90_000 }, () => {
  it('refuses a signature forged for an e = 1 key without any private key, self-signed or CA-certified', async () => {
    const spki = rsaPublicKeyInfo(2048, 1);
    const selfSigned = await makeCertificate({
      subject: name('e=1 signer'),
      publicKey: spki,
      selfKey: 'e=1',
      ca: false,
      keyUsage: LEAF_USAGE,
      notBefore: FROM,
      notAfter: UNTIL,
    });
    const certified = await makeCertificate({
      subject: name('e=1 signer'),
      publicKey: spki,
      issuer: root,
      ca: false,
      keyUsage: LEAF_USAGE,
      notBefore: FROM,
      notAfter: UNTIL,
    });
    // signPdf needs some key to run; its signature is then replaced by the forged one.
    const throwaway = await generateSigningKeyPair(false);
    for (const [cert, cas] of [
      [selfSigned, []],
      [certified, [root.certificate]],
    ] as const) {
      const placeholder = await signPdf(plain, identity(cert, throwaway.privateKey, []), META);
      const forged = forgeE1SignatureInPdf(placeholder.pdf);
      // The forgery is real: WebCrypto accepts the e = 1 key and the forged signature.
      const key = await crypto.subtle.importKey(
        'spki',
        spki.toSchema().toBER(false),
        { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
        false,
        ['verify'],
      );
      const probe = new TextEncoder().encode('anything at all');
      expect(
        await crypto.subtle.verify('RSASSA-PKCS1-v1_5', key, forgedE1Signature(probe, 256), probe),
      ).toBe(true);

      const r = await verifyPdf(forged, { trustedCas: [...cas] });
      expect(r.valid).toBe(false);
      expect(r.integrity.valid).toBe(false);
      expect(r.signatures[0]!.integrity).toMatchObject({
        digestMatches: true,
        signatureValid: false,
      });
      expect(r.signatures[0]!.integrity.reason).toMatch(/RSA public exponent of 1 is not accepted/);
    }
    writeFileSync(
      f('e1.pdf'),
      forgeE1SignatureInPdf(
        (await signPdf(plain, identity(selfSigned, throwaway.privateKey, []), META)).pdf,
      ),
    );
    const cli = await fieldbook(['verify', f('e1.pdf')]);
    expect(cli.code, cli.stderr).toBe(1);
    expect(JSON.parse(cli.stdout)).toMatchObject({
      valid: false,
      integrity: { valid: false, reason: expect.stringMatching(/public exponent of 1/) as unknown },
    });
  });

  it('refuses a signer certificate with a 1024-bit key, even one a CA certified', async () => {
    const weak = await crypto.subtle.generateKey(
      {
        name: 'RSASSA-PKCS1-v1_5',
        modulusLength: 1024,
        publicExponent: new Uint8Array([1, 0, 1]),
        hash: 'SHA-256',
      },
      false,
      ['sign', 'verify'],
    );
    const cert = await makeCertificate({
      subject: name('short key'),
      publicKey: weak.publicKey,
      issuer: root,
      ca: false,
      keyUsage: LEAF_USAGE,
      notBefore: FROM,
      notAfter: UNTIL,
    });
    const { pdf } = await signPdf(plain, identity(cert, weak.privateKey, [root.certificate]), META);
    const r = await verifyPdf(pdf, { trustedCas: [root.certificate] });
    expect(r.valid).toBe(false);
    expect(r.signatures[0]!.integrity.reason).toMatch(/RSA key of 1024 bits is too short/);
    expect(r.trust.reason).toMatch(/1024 bits is too short/);
  });
});

describe(
  'denial of service: absurd input is exit 2 with a message, in bounded time and memory',
  { timeout: 90_000 },
  () => {
    it('20k /ByteRange strings (420 KB)', async () => {
      writeFileSync(f('byteranges.pdf'), `%PDF-1.7\n${'/ByteRange [0 1 2 3]\n'.repeat(20_000)}`);
      const r = await fieldbook(['verify', f('byteranges.pdf')]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/more than 32 signatures \(\/ByteRange entries\): not examined/);
      expect(r.ms).toBeLessThan(15_000);
    });

    it('a 300 KB Reason, as literal string and as the UTF-16 hex the signer writes', async () => {
      const literal = [
        '%PDF-1.7',
        '1 0 obj',
        `<< /Type /Sig /ByteRange [0 10 20 30] /Contents <00> /Reason (${'A'.repeat(300_000)}) >>`,
        'endobj',
        '%%EOF',
        '',
      ].join('\n');
      writeFileSync(f('reason-literal.pdf'), literal);
      const { pdf } = await signPdf(plain, await createDevelopmentIdentity(), {
        ...META,
        signingTime: new Date(),
        reason: '巡检'.repeat(75_000),
      });
      writeFileSync(f('reason-hex.pdf'), pdf);
      for (const file of ['reason-literal.pdf', 'reason-hex.pdf']) {
        const r = await fieldbook(['verify', f(file)]);
        expect(r.code, `${file}: ${r.stderr}`).toBe(2);
        expect(r.stderr).toMatch(/the \/Reason string is unterminated or longer than 16384 bytes/);
        expect(r.ms).toBeLessThan(15_000);
      }
    });

    it('a file over 100 MB is refused before it is read', async () => {
      writeFileSync(f('huge.pdf'), '%PDF-1.7\n');
      truncateSync(f('huge.pdf'), 101 * 1024 * 1024); // sparse: no disk, no time
      const r = await fieldbook(['verify', f('huge.pdf')], 64);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/the file is 105906176 bytes, more than the 104857600 examined/);
    });

    it('200k objects appended after a signature are examined in linear time', async () => {
      const signed = (
        await signPdf(plain, await createDevelopmentIdentity(), {
          ...META,
          signingTime: new Date(),
        })
      ).pdf;
      const objects: string[] = [];
      for (let i = 0; i < 200_000; i++) objects.push(`${1000 + i} 0 obj\n<< /A ${i} >>\nendobj\n`);
      writeFileSync(f('objects.pdf'), Buffer.concat([signed, Buffer.from(objects.join(''))]));
      const r = await fieldbook(['verify', f('objects.pdf')]);
      expect(r.code, r.stderr).toBe(1);
      expect(JSON.parse(r.stdout)).toMatchObject({
        valid: false,
        integrity: { coversWholeFile: false },
      });
      expect(r.ms).toBeLessThan(20_000);
    });
  },
);

/** Appends an incremental update replacing or adding `objects` (classic xref, /Prev chained). */
function appendUpdate(pdf: Buffer, objects: { num: number; body: string }[]): Buffer {
  const text = pdf.toString('latin1');
  const startxref = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)![1]);
  const trailerAt = text.lastIndexOf('trailer');
  const trailer = text.slice(trailerAt, text.indexOf('startxref', trailerAt));
  const size = Number(/\/Size\s+(\d+)/.exec(trailer)![1]);
  const rootRef = /\/Root\s+\d+\s+\d+\s+R/.exec(trailer)![0];
  const infoRef = /\/Info\s+\d+\s+\d+\s+R/.exec(trailer)?.[0] ?? '';
  const parts: Buffer[] = [pdf];
  let offset = pdf.length;
  const xref = ['xref'];
  for (const o of objects) {
    const chunk = Buffer.from(`${o.num} 0 obj\n${o.body}\nendobj\n`, 'latin1');
    xref.push(`${o.num} 1`, `${String(offset).padStart(10, '0')} 00000 n\r`);
    parts.push(chunk);
    offset += chunk.length;
  }
  const newSize = Math.max(size, ...objects.map((o) => o.num + 1));
  parts.push(
    Buffer.from(
      `${xref.join('\n')}\ntrailer\n<< /Size ${newSize} ${rootRef} ${infoRef} /Prev ${startxref} >>\nstartxref\n${offset}\n%%EOF\n`,
      'latin1',
    ),
  );
  return Buffer.concat(parts);
}

/** The (only) page's object number, its latest dictionary and its /Contents object number. */
function firstPage(pdf: Buffer): { page: number; contents: number; dict: string } {
  const pages = [...pdf.toString('latin1').matchAll(/(\d+) 0 obj\s*(<<[^]*?)endobj/g)].filter((m) =>
    /\/Type \/Page\b/.test(m[2]!),
  );
  const m = pages[pages.length - 1]!;
  return {
    page: Number(m[1]),
    contents: Number(/\/Contents (\d+) 0 R/.exec(m[2]!)![1]),
    dict: m[2]!.trim(),
  };
}

/**
 * Fills the signature placeholder of `prepared` the way @signpdf does, but over exactly the
 * bytes given, which need not end at %%EOF (@signpdf insists they do; another signer may not).
 */
async function signAsIs(prepared: Buffer, signer: SigningIdentity): Promise<Buffer> {
  const text = prepared.toString('latin1');
  const placeholder = '/ByteRange [0 /********** /********** /**********]';
  const at = text.indexOf(placeholder);
  const open = text.indexOf('<', text.indexOf('/Contents ', at));
  const close = text.indexOf('>', open);
  const range = [0, open, close + 1, prepared.length - (close + 1)];
  const written = Buffer.from(`/ByteRange [${range.join(' ')}]`.padEnd(placeholder.length, ' '));
  const pdf = Buffer.concat([
    prepared.subarray(0, at),
    written,
    prepared.subarray(at + placeholder.length),
  ]);
  const cms = await createCmsSignature(
    Buffer.concat([pdf.subarray(0, open), pdf.subarray(close + 1)]),
    signer,
    SIGNED_AT,
  );
  pdf.write(cms.toString('hex').padEnd(close - open - 1, '0'), open + 1, 'latin1');
  return pdf;
}

describe('a PDF changed after signing and then countersigned', { timeout: 90_000 }, () => {
  let alice: SigningIdentity;
  let bob: SigningIdentity;

  beforeAll(async () => {
    [alice, bob] = await Promise.all([
      createDevelopmentIdentity({ subject: { commonName: 'alice' }, now: FROM }),
      createDevelopmentIdentity({ subject: { commonName: 'bob' }, now: FROM }),
    ]);
  });

  it('a genuine countersignature (two signatures, nothing else changed) is valid', async () => {
    const first = (await signPdf(plain, alice, META)).pdf;
    const both = (await signPdf(first, bob, { ...META, name: 'bob' })).pdf;
    const r = await verifyPdf(both);
    expect(r).toMatchObject({
      valid: true,
      modifiedAfterSigning: false,
      integrity: { valid: true, coversWholeFile: true, modifiedAfterSigning: false },
    });
    expect(
      r.signatures.map((s) => [s.signer?.commonName, s.integrity.valid, s.coversWholeFile]),
    ).toEqual([
      ['alice', true, false],
      ['bob', true, true],
    ]);
    expect(r.signatures[0]!.integrity.changesAfterSigning).toEqual([]);
    writeFileSync(f('countersigned.pdf'), both);
    const sig = tool('pdfsig', [f('countersigned.pdf')]);
    expect(sig.stdout.match(/Signature is Valid\./g)?.length).toBe(2);
  });

  it('a page content replaced after the first signature: that signature is "modified after signing", the file is not valid', async () => {
    const first = (await signPdf(plain, alice, META)).pdf;
    const { contents } = firstPage(plain);
    const forged = 'BT /F1 24 Tf 72 720 Td (All nodes failed: pay again) Tj ET';
    const changed = appendUpdate(first, [
      { num: contents, body: `<< /Length ${forged.length} >>\nstream\n${forged}\nendstream` },
    ]);
    const both = (await signPdf(changed, bob, { ...META, name: 'bob' })).pdf;
    writeFileSync(f('modified.pdf'), both);
    const r = await verifyPdf(both);
    expect(r).toMatchObject({
      valid: false,
      modifiedAfterSigning: true,
      integrity: { valid: false, coversWholeFile: true, modifiedAfterSigning: true },
    });
    const [a, b] = r.signatures;
    expect(a!.modifiedAfterSigning).toBe(true);
    expect(a!.integrity).toMatchObject({ valid: false, digestMatches: true, signatureValid: true });
    expect(a!.integrity.changesAfterSigning).toContain(
      `object ${contents} 0: an existing object is replaced (content, resources or other)`,
    );
    // Bob's signature itself is fine: it signed the changed document.
    expect(b!.integrity).toMatchObject({ valid: true, modifiedAfterSigning: false });

    const cli = await fieldbook(['verify', f('modified.pdf')]);
    expect(cli.code).toBe(1);
    expect(JSON.parse(cli.stdout)).toMatchObject({
      valid: false,
      modifiedAfterSigning: true,
      integrity: { modifiedAfterSigning: true },
    });
  });

  it('a new content stream and a page pointing at it: "a page is changed"', async () => {
    const first = (await signPdf(plain, alice, META)).pdf;
    const { page, dict } = firstPage(first);
    const next = Number(/\/Size\s+(\d+)/.exec(first.toString('latin1').slice(-400))![1]);
    const forged = 'BT /F1 24 Tf 72 700 Td (Accepted without reservation) Tj ET';
    const changed = appendUpdate(first, [
      { num: next, body: `<< /Length ${forged.length} >>\nstream\n${forged}\nendstream` },
      { num: page, body: dict.replace(/\/Contents \d+ 0 R/, `/Contents ${next} 0 R`) },
    ]);
    const both = (await signPdf(changed, bob, { ...META, name: 'bob' })).pdf;
    const r = await verifyPdf(both);
    expect(r.valid).toBe(false);
    expect(r.signatures[0]!.integrity.changesAfterSigning).toEqual(
      expect.arrayContaining([
        `object ${next} 0: a content or other object is added`,
        `object ${page} 0: a page is changed (beyond adding signature fields to /Annots)`,
      ]),
    );
  });

  it('a signature whose byte range ends inside a revision is not valid, even countersigned', async () => {
    // Alice's signed bytes stop in the middle of an object that a later revision completes.
    const prepared = addSignaturePlaceholder(plain, META);
    const next = Number(/\/Size (\d+)/.exec(prepared.toString('latin1').slice(-300))![1]);
    const signed = await signAsIs(Buffer.concat([prepared, Buffer.from(`${next} 0 obj\n`)]), alice);
    const startxref = Number(
      /startxref\s+(\d+)\s+%%EOF/.exec(prepared.toString('latin1').slice(-100))![1],
    );
    const trailer = /trailer\s*<<([^]*?)>>/.exec(prepared.toString('latin1').slice(-400))![1]!;
    const objectAt = signed.length - `${next} 0 obj\n`.length;
    const body = '<< /Type /Annot /Subtype /FreeText /Contents (void) >>\nendobj\n';
    const rest = trailer.replace(/\/Prev \d+/, '').replace(/\/Size \d+/, `/Size ${next + 1}`);
    const completion = Buffer.from(
      `${body}xref\n${next} 1\n${String(objectAt).padStart(10, '0')} 00000 n\r\n` +
        `trailer\n<<${rest} /Prev ${startxref}>>\nstartxref\n${signed.length + body.length}\n%%EOF\n`,
      'latin1',
    );
    const completed = Buffer.concat([signed, completion]);
    const both = (await signPdf(completed, bob, { ...META, name: 'bob' })).pdf;
    const r = await verifyPdf(both);
    expect(r.valid).toBe(false);
    expect(r.signatures[0]!.integrity).toMatchObject({
      valid: false,
      coversRevision: false,
      digestMatches: true,
      signatureValid: true,
    });
    expect(r.signatures[0]!.integrity.reason).toMatch(/ending inside a revision/);
    expect(r.signatures[1]!.integrity.valid).toBe(true);
  });
});
