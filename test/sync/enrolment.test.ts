/**
 * Certificate enrolment against the real server in-process: the server is the organisation's
 * CA, the laptop's enrolment service gets the engineer's key certified, and a PDF signed with
 * that identity verifies as chain-valid with `fieldbook verify --ca` and with pdfsig trusting the
 * CA through an NSS database. Also: bad requests, authentication, persistence of the CA across
 * restarts, an instance with the wrong CA secret, and `fieldbook server ca import|export`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as pkijs from 'pkijs';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src-cli/main';
import { enrolSigningIdentity, EnrolmentError } from '../../src-main/services/enrolment';
import { renderPdf } from '../../src-main/services/pdf-render';
import { signPdf } from '../../src-main/services/pdf-sign';
import { createDevelopmentIdentity } from '../../src-main/services/signing-keys';
import {
  certificatesFromPemOrDer,
  certificateToPem,
  createCertificateRequest,
  createSelfSignedCertificate,
  describeName,
  generateSigningKeyPair,
  isIssuedBy,
  keyUsageOf,
  privateKeyToPkcs8Pem,
  requestToPem,
  serialNumberHex,
} from '../../src-shared/pki/certificates';
import type { ErrorResponse, IssuedCertificateResponse } from '../../src-shared/sync';
import { routes } from '../../src-shared/sync';
import { captureIo, tool } from '../pdf/tools';
import { request } from './client';
import { freshDataDir, startTestServer } from './harness';
import { STORES, startWorld, type World } from './setup';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function certOf(pem: string): pkijs.Certificate {
  const [c] = certificatesFromPemOrDer(new TextEncoder().encode(pem));
  if (!c) throw new Error('no certificate');
  return c;
}

async function caPem(url: string): Promise<string> {
  const res = await fetch(url + routes.caCertificate());
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('application/x-pem-file');
  return res.text();
}

async function csrPem(subject = { commonName: 'admin', organisation: 'Someone Else' }) {
  const keys = await generateSigningKeyPair(false);
  return { keys, pem: requestToPem(await createCertificateRequest(keys, subject)) };
}

describe.each(STORES)('certificate enrolment on %s', (kind) => {
  let w: World;

  beforeAll(async () => {
    w = await startWorld(kind, { organisationName: '示例科技有限公司' });
  }, 120_000);

  afterAll(async () => {
    await w?.close();
  });

  it('issues the engineer a certificate for its key, chained to the CA, named after the account', async () => {
    const ca = certOf(await caPem(w.ts.url));
    expect(describeName(ca.subject).organisation).toBe('示例科技有限公司');
    const keys = await generateSigningKeyPair(false);
    const before = Date.now();
    const result = await enrolSigningIdentity({
      baseUrl: w.ts.url,
      accessToken: w.eng1.token,
      keyPair: keys,
    });
    const cert = result.identity.certificate;
    expect(result.identity.source).toBe('enrolled');
    expect(result.identity.privateKey).toBe(keys.privateKey);
    expect(await isIssuedBy(cert, ca)).toBe(true);
    expect(result.identity.chain.map(certificateToPem)).toEqual([certificateToPem(ca)]);
    // The subject the laptop asked for is ignored: CN is the username, O the organisation.
    expect(describeName(cert.subject).text).toBe('CN=eng1, O=示例科技有限公司');
    expect(keyUsageOf(cert)).toEqual(['digitalSignature', 'nonRepudiation']);
    const years = (cert.notAfter.value.getTime() - before) / (365 * 86_400_000);
    expect(years).toBeGreaterThan(1.99);
    expect(years).toBeLessThan(2.01);

    const { rows } = await w.ts.server.store.query<{ user_id: string; username: string }>(
      'SELECT user_id, username FROM issued_certificates WHERE serial = $1',
      [serialNumberHex(cert)],
    );
    expect(rows).toEqual([{ user_id: (await userId(w, 'eng1'))!, username: 'eng1' }]);
    expect(result.serialNumber).toBe(serialNumberHex(cert));
  });

  it('certifies the key of an existing identity (the self-signed one used before enrolment)', async () => {
    const dev = await createDevelopmentIdentity();
    const result = await enrolSigningIdentity({
      baseUrl: w.ts.url,
      accessToken: w.lead.token,
      identity: dev,
      trustedCa: certOf(await caPem(w.ts.url)),
    });
    expect(describeName(result.identity.certificate.subject).commonName).toBe('lead1');
    expect(result.identity.privateKey).toBe(dev.privateKey);
  });

  it('refuses a request whose signature does not verify (422) and records nothing', async () => {
    const { pem } = await csrPem();
    const der = Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
    der[der.length - 5] = der[der.length - 5]! ^ 0x01; // inside the signature bit string
    const bad = requestToPem(
      pkijs.CertificationRequest.fromBER(
        der.buffer.slice(der.byteOffset, der.byteOffset + der.byteLength),
      ),
    );
    const { rows: before } = await w.ts.server.store.query(
      'SELECT serial FROM issued_certificates',
    );
    const res = await request<ErrorResponse>(w.ts.url, routes.certificates(), {
      method: 'POST',
      token: w.eng2.token,
      json: { csr: bad },
    });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('invalid_certificate_request');
    expect(res.body.message).toMatch(/signature does not verify/);
    const { rows: after } = await w.ts.server.store.query('SELECT serial FROM issued_certificates');
    expect(after.length).toBe(before.length);
  });

  it('answers clear 400/401/413/422 errors', async () => {
    const { pem } = await csrPem();
    const post = (init: Parameters<typeof request>[2]) =>
      request<ErrorResponse>(w.ts.url, routes.certificates(), { method: 'POST', ...init });

    const anonymous = await post({ json: { csr: pem } });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.code).toBe('unauthenticated');
    const forged = await post({ json: { csr: pem }, token: `${w.eng1.token}x` });
    expect(forged.status).toBe(401);
    expect(forged.body.code).toBe('invalid_token');
    // Authentication comes first: an anonymous oversized body is still a 401.
    expect((await post({ json: { csr: 'x'.repeat(100_000) } })).status).toBe(401);

    const big = await post({ token: w.eng1.token, json: { csr: 'x'.repeat(100_000) } });
    expect(big.status).toBe(413);
    expect(big.body.code).toBe('payload_too_large');
    const missing = await post({ token: w.eng1.token, json: { request: pem } });
    expect(missing.status).toBe(400);
    expect(missing.body.code).toBe('bad_request');
    const malformed = await post({
      token: w.eng1.token,
      body: '{"csr": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe('invalid_json');
    const notPem = await post({ token: w.eng1.token, json: { csr: 'hello' } });
    expect(notPem.status).toBe(422);
    expect(notPem.body.message).toMatch(/no PEM certificate request/);
    const garbage = await post({
      token: w.eng1.token,
      json: {
        csr: '-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n',
      },
    });
    expect(garbage.status).toBe(422);
    expect(garbage.body.code).toBe('invalid_certificate_request');
    expect(garbage.body.message).toMatch(/not a PKCS#10/);

    // The enrolment service reports the server's refusal with its code.
    const refused = await enrolSigningIdentity({
      baseUrl: w.ts.url,
      accessToken: 'fb1.bad.token',
      keyPair: await generateSigningKeyPair(false),
    }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(EnrolmentError);
    expect(refused).toMatchObject({ code: 'invalid_token', statusCode: 401 });
  });

  it('refuses RSA keys shorter than 2048 bits', async () => {
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
    const res = await request<ErrorResponse>(w.ts.url, routes.certificates(), {
      method: 'POST',
      token: w.eng1.token,
      json: { csr: requestToPem(await createCertificateRequest(weak, { commonName: 'x' })) },
    });
    expect(res.status).toBe(422);
    expect(res.body.message).toMatch(/1024 bits is too short/);
  });

  it('keeps the CA across restarts; an instance with another CA secret serves the CA but cannot issue (503)', async () => {
    const dataDir = await freshDataDir(kind);
    const databaseUrl = w.pg ? await w.pg.createDatabase() : undefined;
    const start = (extra: { caSecret?: string } = {}) =>
      startTestServer({ kind, databaseUrl, dataDir, ...extra });
    try {
      const first = await start();
      const pem1 = await caPem(first.url);
      await first.close();
      const second = await start();
      expect(await caPem(second.url)).toBe(pem1);
      const eng = await second.user('restart-eng', 'engineer');
      await second.close();

      const wrong = await start({ caSecret: 'not the secret the key was stored with' });
      try {
        expect(await caPem(wrong.url)).toBe(pem1);
        const login = await request<{ token: string }>(wrong.url, routes.login(), {
          method: 'POST',
          json: { username: eng.username, password: eng.password },
        });
        const res = await request<ErrorResponse>(wrong.url, routes.certificates(), {
          method: 'POST',
          token: login.body.token,
          json: { csr: (await csrPem()).pem },
        });
        expect(res.status).toBe(503);
        expect(res.body.message).toMatch(/does not decrypt with this server's CA secret/);
      } finally {
        await wrong.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});

async function userId(w: World, username: string): Promise<string | undefined> {
  const { rows } = await w.ts.server.store.query<{ id: string }>(
    'SELECT id FROM users WHERE username = $1',
    [username],
  );
  return rows[0]?.id;
}

function tinyDefinition(): TDocumentDefinitions {
  return {
    content: [{ text: '巡检报告 签名测试 Enrolment signature test' }],
    defaultStyle: { font: 'NotoSansSC' },
    info: {
      title: 'enrolment',
      FieldbookDocumentNumber: 'FB-ENROL-1',
      FieldbookRevision: '1',
    } as TDocumentDefinitions['info'],
  };
}

function fieldbook(args: string[]) {
  return spawnSync(process.execPath, [join(ROOT, 'bin/fieldbook.mjs'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: '' },
  });
}

/** An NSS database (for pdfsig -nssdir) trusting `caFile`, or trusting nothing. */
function nssDb(dir: string, caFile: string | null): string {
  const db = `sql:${dir}`;
  const init = tool('certutil', ['-N', '-d', db, '--empty-password']);
  expect(init.status, init.stderr).toBe(0);
  if (caFile) {
    const add = tool('certutil', [
      '-A',
      '-d',
      db,
      '-n',
      'fieldbook-ca',
      '-t',
      'CT,C,C',
      '-i',
      caFile,
    ]);
    expect(add.status, add.stderr).toBe(0);
  }
  return db;
}

describe('a PDF signed with the enrolled identity', () => {
  let w: World;
  let dir: string;
  const f = (name: string) => join(dir, name);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fieldbook-enrol-'));
    w = await startWorld('pglite', { organisationName: '示例科技' });
    const { identity } = await enrolSigningIdentity({
      baseUrl: w.ts.url,
      accessToken: w.eng1.token,
      keyPair: await generateSigningKeyPair(false),
    });
    const signed = await signPdf(await renderPdf(tinyDefinition()), identity, {
      reason: '巡检报告签署',
      name: 'eng1',
      location: '上海',
    });
    writeFileSync(f('signed.pdf'), signed.pdf);
    writeFileSync(f('ca.pem'), await caPem(w.ts.url));
  }, 120_000);

  afterAll(async () => {
    await w?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('verifies as chain-valid with fieldbook verify --ca, and not without the CA', () => {
    const trusted = fieldbook(['verify', f('signed.pdf'), '--ca', f('ca.pem')]);
    expect(trusted.status, trusted.stdout + trusted.stderr).toBe(0);
    expect(JSON.parse(trusted.stdout)).toMatchObject({
      valid: true,
      chain: 'trusted',
      signerCommonName: 'eng1',
    });
    const alone = fieldbook(['verify', f('signed.pdf')]);
    expect(alone.status).toBe(1);
    expect(JSON.parse(alone.stdout)).toMatchObject({ valid: false, chain: 'untrusted' });
  });

  it('pdfsig accepts the signature and trusts the certificate once the CA is in its NSS db', () => {
    const trustingDir = mkdtempSync(join(dir, 'nss-ca-'));
    const r = tool('pdfsig', ['-nssdir', nssDb(trustingDir, f('ca.pem')), f('signed.pdf')]);
    expect(r.stdout).toContain('Signature is Valid.');
    expect(r.stdout).toContain('Certificate is Trusted.');
    expect(r.stdout).toContain('Total document signed');

    const emptyDir = mkdtempSync(join(dir, 'nss-empty-'));
    const untrusted = tool('pdfsig', ['-nssdir', nssDb(emptyDir, null), f('signed.pdf')]);
    expect(untrusted.stdout).toContain('Signature is Valid.');
    expect(untrusted.stdout).not.toContain('Certificate is Trusted.');
  });

  it('openssl verifies the issued certificate against the downloaded CA', async () => {
    const { certificatePem } = await enrolSigningIdentity({
      baseUrl: w.ts.url,
      accessToken: w.eng2.token,
      keyPair: await generateSigningKeyPair(false),
    });
    writeFileSync(f('eng2.pem'), certificatePem);
    const r = tool('openssl', ['verify', '-CAfile', f('ca.pem'), f('eng2.pem')]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('OK');
  });
});

describe('fieldbook server ca import | export', () => {
  let dir: string;
  let dataDir: string;
  const f = (name: string) => join(dir, name);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fieldbook-ca-cli-'));
    dataDir = await freshDataDir('pglite');
    const made = tool('openssl', [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      f('ca.key'),
      '-out',
      f('ca.pem'),
      '-days',
      '3650',
      '-subj',
      '/O=示例科技/CN=示例科技 Root CA',
      '-utf8',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ]);
    expect(made.status, made.stderr).toBe(0);
    // An end-entity (not CA) certificate with its key, made with the shared PKI code.
    const keys = await generateSigningKeyPair(true);
    const other = await createSelfSignedCertificate(keys, {
      subject: { commonName: 'not a CA' },
      validDays: 30,
    });
    writeFileSync(f('other.pem'), certificateToPem(other));
    writeFileSync(f('other.key'), await privateKeyToPkcs8Pem(keys.privateKey));
  }, 120_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const cli = async (...argv: string[]) => {
    const io = captureIo();
    const code = await runCli(['server', 'ca', ...argv, '--data', dataDir], io);
    return { code, out: io.out(), err: io.err() };
  };

  it('refuses a key that is not the certificate’s, and a certificate that is not a CA', async () => {
    const wrongKey = await cli('import', '--cert', f('ca.pem'), '--key', f('other.key'));
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.err).toMatch(/does not belong to the CA certificate/);
    const notCa = await cli('import', '--cert', f('other.pem'), '--key', f('other.key'));
    expect(notCa.code).toBe(1);
    expect(notCa.err).toMatch(/not a CA certificate/);
    const missing = await cli('import', '--cert', f('ca.pem'));
    expect(missing.code).toBe(2);
  });

  it('imports the admin’s CA; the server then issues under it and exports it', async () => {
    // The key is stored under the secret of --ca-secret-file: a server given the same secret
    // issues, one on the data folder's own secret file could not (503, tested above).
    const secret = 'admin-chosen CA secret, 32+ chars';
    writeFileSync(f('ca.secret'), `${secret}\n`);
    const unreadable = await cli('export', '--ca-secret-file', f('missing.secret'));
    expect(unreadable.code).toBe(2);
    expect(unreadable.err).toMatch(/cannot read --ca-secret-file/);
    const imported = await cli(
      'import',
      '--cert',
      f('ca.pem'),
      '--key',
      f('ca.key'),
      '--ca-secret-file',
      f('ca.secret'),
    );
    expect(imported.code, imported.err).toBe(0);
    expect(JSON.parse(imported.out)).toMatchObject({ imported: { organisation: '示例科技' } });
    const again = await cli('import', '--cert', f('ca.pem'), '--key', f('ca.key'));
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/has a CA already; give --replace/);

    // The real command line prints the PEM readers import.
    const exported = fieldbook(['server', 'ca', 'export', '--data', dataDir]);
    expect(exported.status, exported.stderr).toBe(0);
    const adminCa = certOf(readFileSync(f('ca.pem'), 'latin1'));
    expect(exported.stdout).toBe(certificateToPem(adminCa));

    const ts = await startTestServer({ kind: 'pglite', dataDir, caSecret: secret });
    try {
      expect(await caPem(ts.url)).toBe(certificateToPem(adminCa));
      const eng = await ts.user('zhang', 'engineer');
      const login = await request<{ token: string }>(ts.url, routes.login(), {
        method: 'POST',
        json: { username: eng.username, password: eng.password },
      });
      const { identity } = await enrolSigningIdentity({
        baseUrl: ts.url,
        accessToken: login.body.token,
        keyPair: await generateSigningKeyPair(false),
        trustedCa: adminCa,
      });
      expect(describeName(identity.certificate.subject).text).toBe('CN=zhang, O=示例科技');
      const body = (
        await request<IssuedCertificateResponse>(ts.url, routes.certificates(), {
          method: 'POST',
          token: login.body.token,
          json: { csr: (await csrPem()).pem },
        })
      ).body;
      expect(await isIssuedBy(certOf(body.certificate), adminCa)).toBe(true);
    } finally {
      await ts.close();
    }
  }, 60_000);
});
