/**
 * Signing on an enrolled laptop (issue 7 item 1), through the desktop services the app and the
 * e2e harness use, against the real server: after sign-in the laptop's certificate is issued by
 * the organisation's CA, and its self-check of what it just signed must use that CA (stored with
 * the signing identity at enrolment, refreshed at every sign-in). The self-check refuses a PDF
 * whose signature is not intact and never refuses one for its chain.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDesktopServices } from '../../src-main/services/desktop-services';
import type { DesktopServices } from '../../src-main/services/desktop-services';
import { createPassphraseProtector } from '../../src-main/services/key-store';
import { renderPdf } from '../../src-main/services/pdf-render';
import {
  certificateFingerprint,
  certificateToPem,
  certificatesFromPemOrDer,
  createCertificateRequest,
  createSelfSignedCertificate,
  generateSigningKeyPair,
  issueCertificate,
  isIssuedBy,
} from '../../src-shared/pki/certificates';
import { buildFaultReport } from '../../src-shared/reports/fault-report';
import { sampleFaultSnapshot } from '../../src-shared/reports/sample';
import { routes } from '../../src-shared/sync';
import { DeliverableUserError } from '../../src-renderer/features/deliverables/deliverable-errors';
import { chainTrust, checkOwnSignature } from '../../src-renderer/features/deliverables/self-check';
import { startTestServer, type TestServer } from './harness';

const FAST_SCRYPT = { N: 1024, r: 8, p: 1, maxmem: 2 ** 26 };
const snapshot = sampleFaultSnapshot();

describe('signing a deliverable on an enrolled laptop', () => {
  let ts: TestServer;
  let eng: { username: string; password: string };
  let caPem: string;
  let unsigned: Uint8Array;
  const dirs: string[] = [];
  const services: DesktopServices[] = [];

  function servicesFor(dir: string): DesktopServices {
    const s = createDesktopServices({
      userDataDir: dir,
      protector: createPassphraseProtector('profile', FAST_SCRYPT),
      native: {
        chooseSavePath: () => Promise.reject(new Error('no dialog here')),
        openPath: () => Promise.reject(new Error('no viewer here')),
      },
      appInfo: { version: 't', electron: null, locale: 'zh-CN' },
      sync: { warn: () => {} },
    });
    services.push(s);
    return s;
  }

  async function profile(): Promise<{ s: DesktopServices; dir: string }> {
    const dir = await mkdtemp(join(tmpdir(), 'fieldbook-enrolled-sign-'));
    dirs.push(dir);
    return { s: servicesFor(dir), dir };
  }

  /** The renderer's signing step: sign in main, verify in main, self-check the answer. */
  async function signAndCheck(s: DesktopServices) {
    const signed = await s.deliverables.signPdf({
      bytes: unsigned,
      reason: '故障报告签署',
      location: '上海张江数据中心',
      documentNumber: snapshot.documentNumber,
      signerName: '王磊',
    });
    const verification = checkOwnSignature(
      await s.deliverables.verifyPdf(signed.bytes),
      snapshot.documentNumber,
    );
    return { signed, verification };
  }

  beforeAll(async () => {
    ts = await startTestServer({ kind: 'pglite' });
    eng = await ts.user('wangl', 'engineer');
    caPem = await (await fetch(ts.url + routes.caCertificate())).text();
    unsigned = new Uint8Array(await renderPdf(buildFaultReport(snapshot, 'zh')));
  }, 120_000);

  afterAll(async () => {
    for (const s of services) s.syncSession.close();
    await ts?.close();
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('self-checks its signed PDF against the CA it stored at enrolment: intact and trusted', async () => {
    const { s, dir } = await profile();
    expect((await s.sync.signIn({ serverUrl: ts.url, ...eng })).ok).toBe(true);
    await s.syncSession.afterSignInSettled();
    const [serverCa] = certificatesFromPemOrDer(new TextEncoder().encode(caPem));
    const identity = await s.signingIdentities.get();
    expect(await isIssuedBy(identity.certificate, serverCa!)).toBe(true);

    const { signed, verification } = await signAndCheck(s);
    expect(signed.signer.selfSigned).toBe(false);
    expect(verification).toMatchObject({
      valid: true,
      intact: true,
      chain: 'trusted',
      caKnown: true,
      coversWholeFile: true,
      documentNumber: snapshot.documentNumber,
      problems: [],
    });
    expect(chainTrust(verification)).toBe('trusted');

    // The CA is stored with the identity: the next start of the app (a fresh services object,
    // offline: no server involved) still trusts its own signatures.
    const restarted = servicesFor(dir);
    const stored = await restarted.signingIdentities.trustedCa();
    expect(stored.problem).toBeNull();
    expect(certificateToPem(stored.ca!)).toBe(certificateToPem(serverCa!));
    expect((await signAndCheck(restarted)).verification.chain).toBe('trusted');
  }, 60_000);

  it('a report signed the moment sign-in answers carries the enrolled certificate', async () => {
    // Enrolment runs after the sign-in has answered; signing waits for it rather than racing it
    // with the self-signed certificate.
    const { s } = await profile();
    expect((await s.sync.signIn({ serverUrl: ts.url, ...eng })).ok).toBe(true);
    const { signed, verification } = await signAndCheck(s);
    expect(signed.signer.selfSigned).toBe(false);
    expect(verification).toMatchObject({ valid: true, intact: true, chain: 'trusted' });
  }, 60_000);

  it('an enrolled laptop without its CA still signs (chain shown as unchecked); sign-in fetches it again', async () => {
    const { s, dir } = await profile();
    expect((await s.sync.signIn({ serverUrl: ts.url, ...eng })).ok).toBe(true);
    await s.syncSession.afterSignInSettled();
    // A profile enrolled before the CA was kept: the identity file has no CA.
    const path = s.signingIdentities.path;
    const file = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
    delete file['trustedCaPem'];
    delete file['trustedCaSeal'];
    await writeFile(path, JSON.stringify(file));
    const reopened = servicesFor(dir);

    const { signed, verification } = await signAndCheck(reopened);
    expect(signed.signer.selfSigned).toBe(false);
    expect(verification).toMatchObject({ intact: true, chain: 'untrusted', caKnown: false });
    expect(chainTrust(verification)).toBe('ca-missing');

    // The next sign-in (already enrolled: no new certificate) stores the CA again.
    const fingerprint = signed.signer.fingerprint;
    expect((await reopened.sync.signIn({ serverUrl: ts.url, ...eng })).ok).toBe(true);
    await reopened.syncSession.afterSignInSettled();
    const after = await signAndCheck(reopened);
    expect(after.signed.signer.fingerprint).toBe(fingerprint);
    expect(after.verification).toMatchObject({ valid: true, chain: 'trusted', caKnown: true });
  }, 60_000);

  it('a CA swapped in the identity file is not trusted: its seal does not match', async () => {
    const { s, dir } = await profile();
    expect((await s.sync.signIn({ serverUrl: ts.url, ...eng })).ok).toBe(true);
    await s.syncSession.afterSignInSettled();
    const rogueKeys = await generateSigningKeyPair();
    const rogue = await createSelfSignedCertificate(rogueKeys, {
      subject: { commonName: 'Rogue CA', organisation: 'Elsewhere' },
      validDays: 365,
      ca: true,
    });
    const path = s.signingIdentities.path;
    const file = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
    file['trustedCaPem'] = certificateToPem(rogue);
    await writeFile(path, JSON.stringify(file));
    const reopened = servicesFor(dir);
    expect(await reopened.signingIdentities.trustedCa()).toEqual({
      ca: null,
      problem: 'seal-mismatch',
    });
    const { verification } = await signAndCheck(reopened);
    expect(verification).toMatchObject({ intact: true, chain: 'untrusted', caKnown: false });
  }, 60_000);

  it('a certificate of another CA than the server has now is enrolled again at sign-in', async () => {
    // As after the organisation replaced its CA: the laptop's certificate, valid and named for
    // the account, chains to a CA the server no longer uses.
    const { s } = await profile();
    const identity = await s.signingIdentities.get({ commonName: eng.username });
    const oldCaKeys = await generateSigningKeyPair();
    const oldCa = await createSelfSignedCertificate(oldCaKeys, {
      subject: { commonName: 'Retired CA', organisation: 'Fieldbook' },
      validDays: 3650,
      ca: true,
    });
    const csr = await createCertificateRequest(
      { publicKey: await identity.certificate.getPublicKey(), privateKey: identity.privateKey },
      { commonName: eng.username },
    );
    const issued = await issueCertificate({
      request: csr,
      caCertificate: oldCa,
      caPrivateKey: oldCaKeys.privateKey,
      validDays: 365,
    });
    await s.signingIdentities.replaceCertificateChain(
      certificateToPem(issued),
      certificateToPem(oldCa),
    );
    await s.signingIdentities.setTrustedCa(certificateToPem(oldCa));

    expect((await s.sync.signIn({ serverUrl: ts.url, ...eng })).ok).toBe(true);
    await s.syncSession.afterSignInSettled();
    const [serverCa] = certificatesFromPemOrDer(new TextEncoder().encode(caPem));
    const after = await s.signingIdentities.get();
    expect(await certificateFingerprint(after.certificate)).not.toBe(
      await certificateFingerprint(issued),
    );
    expect(await isIssuedBy(after.certificate, serverCa!)).toBe(true);
    const stored = await s.signingIdentities.trustedCa();
    expect(certificateToPem(stored.ca!)).toBe(certificateToPem(serverCa!));
    expect((await signAndCheck(s)).verification).toMatchObject({ valid: true, chain: 'trusted' });
  }, 60_000);

  it('refuses to store a certificate that is not a CA, and changes nothing', async () => {
    const { s } = await profile();
    expect((await s.sync.signIn({ serverUrl: ts.url, ...eng })).ok).toBe(true);
    await s.syncSession.afterSignInSettled();
    const before = await readFile(s.signingIdentities.path, 'utf8');
    const own = certificateToPem((await s.signingIdentities.get()).certificate);
    await expect(s.signingIdentities.setTrustedCa(own)).rejects.toThrow(/not a self-signed CA/);
    await expect(s.signingIdentities.setTrustedCa(caPem + caPem)).rejects.toThrow(/exactly one/);
    await expect(s.signingIdentities.setTrustedCa('not a certificate')).rejects.toThrow();
    expect(await readFile(s.signingIdentities.path, 'utf8')).toBe(before);
  }, 60_000);

  it('a laptop never enrolled signs self-signed; a signature that is not intact is refused', async () => {
    const { s } = await profile();
    const { signed, verification } = await signAndCheck(s);
    expect(signed.signer.selfSigned).toBe(true);
    expect(verification).toMatchObject({ valid: true, intact: true, chain: 'self-signed' });
    expect(chainTrust(verification)).toBe('self-signed');

    const flipped = new Uint8Array(signed.bytes);
    const at = Math.floor(flipped.length / 3);
    flipped[at] = flipped[at]! ^ 0x01;
    const broken = await s.deliverables.verifyPdf(flipped);
    expect(broken.intact).toBe(false);
    let thrown: unknown;
    try {
      checkOwnSignature(broken, snapshot.documentNumber);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(DeliverableUserError);
    expect((thrown as DeliverableUserError).key).toBe('deliverables.error.signatureBroken');

    // Bytes appended after signing: still a valid CMS signature, but not over the whole file.
    const appended = new Uint8Array([...signed.bytes, ...new TextEncoder().encode('\n%extra\n')]);
    const partial = await s.deliverables.verifyPdf(appended);
    expect(partial).toMatchObject({ intact: false, coversWholeFile: false });
    expect(() => checkOwnSignature(partial, snapshot.documentNumber)).toThrow(DeliverableUserError);
  }, 60_000);
});
