/**
 * The deliverable pipeline end to end with the real tools a customer or auditor would use:
 * fieldbook sample → report render → sign → verify, checked with pdffonts, pdftotext, pdfsig
 * and openssl (PKCS#12). One render per language and report kind keeps the run short.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src-cli/main';
import {
  certificateToPem,
  createCertificateRequest,
  createSelfSignedCertificate,
  generateSigningKeyPair,
  issueCertificate,
  privateKeyToPkcs8Pem,
} from '../../src-shared/pki/certificates';
import type { CapturedIo } from './tools';
import { captureIo, tool } from './tools';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let dir: string;
const f = (name: string) => path.join(dir, name);

async function cli(
  ...argv: string[]
): Promise<{ code: number; io: CapturedIo; json: Record<string, unknown> | null }> {
  const io = captureIo();
  const code = await runCli(argv, io);
  let json: Record<string, unknown> | null;
  try {
    json = JSON.parse(io.out()) as Record<string, unknown>;
  } catch {
    json = null;
  }
  return { code, io, json };
}

const SECTION_TITLES = [
  '整体信息',
  '管理节点',
  '计算节点',
  '应用状态',
  '功能需求及问题处理',
  '总体评价',
];

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'fieldbook-pdf-'));
  expect(
    (await cli('sample', 'inspection', '--nodes', '5', '--out', f('inspection.json'))).code,
  ).toBe(0);
  expect((await cli('sample', 'fault', '--out', f('fault.json'))).code).toBe(0);
  for (const lang of ['zh', 'en']) {
    const r = await cli(
      'report',
      'render',
      'inspection',
      '--input',
      f('inspection.json'),
      '--lang',
      lang,
      '--out',
      f(`inspection-${lang}.pdf`),
    );
    expect(r.code, r.io.err()).toBe(0);
  }
  const fr = await cli(
    'report',
    'render',
    'fault',
    '--input',
    f('fault.json'),
    '--out',
    f('fault-zh.pdf'),
  );
  expect(fr.code, fr.io.err()).toBe(0);
  const s = await cli(
    'sign',
    f('inspection-zh.pdf'),
    '--out',
    f('signed.pdf'),
    '--location',
    '上海张江数据中心',
  );
  expect(s.code, s.io.err()).toBe(0);
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('rendered reports', () => {
  it('embed Noto Sans SC as subset CID TrueType fonts, and no other font', () => {
    for (const file of ['inspection-zh.pdf', 'inspection-en.pdf', 'fault-zh.pdf']) {
      const r = tool('pdffonts', [f(file)]);
      expect(r.status, r.stderr).toBe(0);
      const rows = r.stdout
        .split('\n')
        .slice(2)
        .filter((l) => l.trim() !== '');
      expect(rows.length).toBeGreaterThanOrEqual(1);
      for (const row of rows) {
        // name type encoding emb sub uni object-id
        expect(row).toMatch(
          /^[A-Z]{6}\+NotoSansSC-(Regular|Bold)\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes\s/,
        );
      }
    }
  });

  it('contain the customer name and the six section titles in Chinese', () => {
    const r = tool('pdftotext', ['-layout', f('inspection-zh.pdf'), '-']);
    expect(r.status, r.stderr).toBe(0);
    const text = r.stdout;
    expect(text).toContain('江南联合银行股份有限公司');
    expect(text).toContain('上海张江数据中心');
    expect(text).toContain('巡检报告');
    expect(text).toContain('FB-INS-20260306-0001');
    for (const title of SECTION_TITLES) expect(text).toContain(title);
    expect(text).toMatch(/\b2 \/ \d+\b/);
  });

  it('the English report has English headings and the Chinese data as recorded', () => {
    const text = tool('pdftotext', ['-layout', f('inspection-en.pdf'), '-']).stdout;
    for (const s of [
      'Inspection report',
      'Overall information',
      'Management nodes',
      'Findings and recommendations',
      '江南联合银行股份有限公司',
    ]) {
      expect(text).toContain(s);
    }
  });

  it('the fault report states the level definition, SLA and closure', () => {
    const text = tool('pdftotext', [f('fault-zh.pdf'), '-']).stdout;
    for (const s of ['故障报告', '影响严重性事故', '8 小时（5x8）', '根本原因', '已解决'])
      expect(text).toContain(s);
  });

  it('rejects an invalid snapshot with exit code 2', async () => {
    const bad = JSON.parse(readFileSync(f('inspection.json'), 'utf8')) as {
      score: { value: number };
    };
    bad.score.value = 3;
    writeFileSync(f('bad.json'), JSON.stringify(bad));
    const r = await cli(
      'report',
      'render',
      'inspection',
      '--input',
      f('bad.json'),
      '--out',
      f('bad.pdf'),
    );
    expect(r.code).toBe(2);
    expect(r.io.err()).toContain('score: recorded 3');
  });
});

describe('signed reports', () => {
  it('pdfsig reports a valid signature over the total document', () => {
    const r = tool('pdfsig', [f('signed.pdf')]);
    expect(r.stdout).toContain('Signature is Valid.');
    expect(r.stdout).toContain('Total document signed');
    expect(r.stdout).toContain('Fieldbook development signer');
  });

  it('fieldbook verify accepts it: whole file, digest, CMS, self-signed, document number', async () => {
    const r = await cli('verify', f('signed.pdf'));
    expect(r.code, r.io.out()).toBe(0);
    expect(r.json).toMatchObject({
      valid: true,
      coversWholeFile: true,
      digestMatches: true,
      signatureValid: true,
      chain: 'self-signed',
      documentNumber: 'FB-INS-20260306-0001',
      revision: '1',
      signerCommonName: 'Fieldbook development signer',
    });
    const sig = (r.json?.signatures as { location: string; reason: string }[])[0];
    expect(sig?.location).toBe('上海张江数据中心');
    expect(sig?.reason).toBe('签署 FB-INS-20260306-0001 修订 1');
  });

  it('one flipped byte makes both pdfsig and fieldbook verify fail', async () => {
    const pdf = readFileSync(f('signed.pdf'));
    const flipped = Buffer.from(pdf);
    const at = Math.floor(pdf.length / 4);
    flipped[at] = flipped[at]! ^ 0x20;
    writeFileSync(f('flipped.pdf'), flipped);
    const sig = tool('pdfsig', [f('flipped.pdf')]);
    expect(sig.stdout).not.toContain('Signature is Valid.');
    expect(sig.stdout).toMatch(/Digest Mismatch|Signature is Invalid/);
    const r = await cli('verify', f('flipped.pdf'));
    expect(r.code).toBe(1);
    expect(r.json).toMatchObject({ valid: false, digestMatches: false });
  });

  it('a byte appended after signing makes fieldbook verify fail (pdfsig no longer says "Total document signed")', async () => {
    writeFileSync(
      f('appended.pdf'),
      Buffer.concat([readFileSync(f('signed.pdf')), Buffer.from('%')]),
    );
    const r = await cli('verify', f('appended.pdf'));
    expect(r.code).toBe(1);
    expect(r.json).toMatchObject({ valid: false, coversWholeFile: false, digestMatches: true });
    expect(tool('pdfsig', [f('appended.pdf')]).stdout).not.toContain('Total document signed');
  });

  it('unreadable input exits 2', async () => {
    writeFileSync(f('not.pdf'), 'hello');
    expect((await cli('verify', f('not.pdf'))).code).toBe(2);
    expect((await cli('verify', f('missing.pdf'))).code).toBe(2);
    expect((await cli('verify', f('signed.pdf'), '--ca', f('not.pdf'))).code).toBe(2);
    expect((await cli('sign', f('not.pdf'), '--out', f('x.pdf'))).code).toBe(2);
  });
});

describe('organisation CA and PKCS#12 (openssl)', () => {
  it('signs with a PKCS#12 key read with --password-stdin; verifies against the CA only', async () => {
    const caKeys = await generateSigningKeyPair(false);
    const ca = await createSelfSignedCertificate(caKeys, {
      subject: { commonName: 'Fieldbook 组织 CA', organisation: '示例科技' },
      validDays: 3650,
      ca: true,
    });
    const keys = await generateSigningKeyPair(true);
    const request = await createCertificateRequest(keys, {
      commonName: '张伟',
      organisation: '示例科技',
    });
    const cert = await issueCertificate({
      request,
      caCertificate: ca,
      caPrivateKey: caKeys.privateKey,
      validDays: 365,
    });
    writeFileSync(f('ca.pem'), certificateToPem(ca));
    writeFileSync(f('engineer.pem'), certificateToPem(cert));
    writeFileSync(f('engineer.key'), await privateKeyToPkcs8Pem(keys.privateKey));
    const password = '现场-Pass 123';
    const p12 = tool(
      'openssl',
      [
        'pkcs12',
        '-export',
        '-inkey',
        f('engineer.key'),
        '-in',
        f('engineer.pem'),
        '-certfile',
        f('ca.pem'),
        '-passout',
        'stdin',
        '-out',
        f('engineer.p12'),
      ],
      `${password}\n`,
    );
    expect(p12.status, p12.stderr).toBe(0);

    // The real command line, so --password-stdin reads a real standard input.
    const run = spawnSync(
      process.execPath,
      [
        path.join(ROOT, 'bin/fieldbook.mjs'),
        'sign',
        f('inspection-zh.pdf'),
        '--out',
        f('p12-signed.pdf'),
        '--p12',
        f('engineer.p12'),
        '--password-stdin',
      ],
      {
        input: `${password}\n`,
        encoding: 'utf8',
        cwd: ROOT,
      },
    );
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      selfSigned: false,
      signer: 'CN=张伟, O=示例科技',
    });

    expect(tool('pdfsig', [f('p12-signed.pdf')]).stdout).toContain('Signature is Valid.');
    const trusted = await cli('verify', f('p12-signed.pdf'), '--ca', f('ca.pem'));
    expect(trusted.code, trusted.io.out()).toBe(0);
    expect(trusted.json).toMatchObject({ valid: true, chain: 'trusted', signerCommonName: '张伟' });
    const noCa = await cli('verify', f('p12-signed.pdf'));
    expect(noCa.code).toBe(1);
    expect(noCa.json).toMatchObject({ valid: false, chain: 'untrusted' });
    const otherKeys = await generateSigningKeyPair(false);
    const otherCa = await createSelfSignedCertificate(otherKeys, {
      subject: { commonName: 'Another CA' },
      validDays: 30,
      ca: true,
    });
    writeFileSync(f('other-ca.pem'), certificateToPem(otherCa));
    const wrongCa = await cli('verify', f('p12-signed.pdf'), '--ca', f('other-ca.pem'));
    expect(wrongCa.code).toBe(1);
    expect(wrongCa.json).toMatchObject({ valid: false, chain: 'untrusted' });

    const wrong = spawnSync(
      process.execPath,
      [
        path.join(ROOT, 'bin/fieldbook.mjs'),
        'sign',
        f('inspection-zh.pdf'),
        '--out',
        f('x.pdf'),
        '--p12',
        f('engineer.p12'),
        '--password-stdin',
      ],
      {
        input: 'not the password\n',
        encoding: 'utf8',
        cwd: ROOT,
      },
    );
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain('wrong password');
  }, 60_000);
});
