/**
 * Enrolment on sign-in, through the desktop services the app and the e2e harness use: a fresh
 * profile signs with a self-signed certificate; signing in to the server replaces it with one the
 * server's CA issued for the same key, named after the account; later sign-ins keep it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDesktopServices } from '../../src-main/services/desktop-services';
import type { DesktopServices } from '../../src-main/services/desktop-services';
import { createPassphraseProtector } from '../../src-main/services/key-store';
import {
  certificateFingerprint,
  certificatesFromPemOrDer,
  describeName,
  isIssuedBy,
  isSelfIssued,
} from '../../src-shared/pki/certificates';
import { routes } from '../../src-shared/sync';
import { startTestServer, type TestServer } from './harness';

const FAST_SCRYPT = { N: 1024, r: 8, p: 1, maxmem: 2 ** 26 };

describe('certificate enrolment on sign-in', () => {
  let ts: TestServer;
  let eng: { username: string; password: string };
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
    const dir = await mkdtemp(join(tmpdir(), 'fieldbook-enrol-'));
    dirs.push(dir);
    return { s: servicesFor(dir), dir };
  }

  beforeAll(async () => {
    ts = await startTestServer({ kind: 'pglite' });
    eng = await ts.user('wangl', 'engineer');
  }, 120_000);

  afterAll(async () => {
    for (const s of services) s.syncSession.close();
    await ts?.close();
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('replaces the self-signed certificate by one the CA issues for the same key, once', async () => {
    const { s, dir } = await profile();
    const before = await s.signingIdentities.get();
    expect(isSelfIssued(before.certificate)).toBe(true);

    const signedIn = await s.sync.signIn({ serverUrl: ts.url, ...eng });
    expect(signedIn.ok).toBe(true);
    await s.syncSession.afterSignInSettled();

    const caPem = await (await fetch(ts.url + routes.caCertificate())).text();
    const [ca] = certificatesFromPemOrDer(new TextEncoder().encode(caPem));
    if (!ca) throw new Error('no CA certificate');
    // A fresh store object reads what was persisted, as the next start of the app does.
    const after = await servicesFor(dir).signingIdentities.get();
    expect(isSelfIssued(after.certificate)).toBe(false);
    expect(await isIssuedBy(after.certificate, ca)).toBe(true);
    expect(describeName(after.certificate.subject).commonName).toBe('wangl');
    // Same key: the public key did not change.
    expect(after.certificate.subjectPublicKeyInfo.toSchema().toBER()).toEqual(
      before.certificate.subjectPublicKeyInfo.toSchema().toBER(),
    );

    // Signing in again keeps the certificate (no new enrolment while it is valid).
    const fingerprint = await certificateFingerprint(after.certificate);
    await s.sync.signOut();
    expect((await s.sync.signIn({ serverUrl: ts.url, ...eng })).ok).toBe(true);
    await s.syncSession.afterSignInSettled();
    const again = await s.signingIdentities.get();
    expect(await certificateFingerprint(again.certificate)).toBe(fingerprint);
  });

  it('a profile that never signed gets its key and certificate at sign-in', async () => {
    const { s } = await profile();
    expect((await s.sync.signIn({ serverUrl: ts.url, ...eng })).ok).toBe(true);
    await s.syncSession.afterSignInSettled();
    const identity = await s.signingIdentities.get();
    expect(isSelfIssued(identity.certificate)).toBe(false);
    expect(identity.chain.length).toBeGreaterThan(0);
  });
});
