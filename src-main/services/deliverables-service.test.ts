import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFaultReport } from '../../src-shared/reports/fault-report';
import { pdfPageCount } from '../../src-shared/reports/pdf-info';
import { sampleFaultSnapshot } from '../../src-shared/reports/sample';
import { tool } from '../../test/pdf/tools';
import {
  certificateToPem,
  createCertificateRequest,
  createSelfSignedCertificate,
  generateSigningKeyPair,
  issueCertificate,
} from '../../src-shared/pki/certificates';
import { createDeliverablesService } from './deliverables-service';
import { createPassphraseProtector } from './key-store';
import { renderPdf } from './pdf-render';
import { verifyPdf } from './pdf-verify';
import { SigningIdentityStore } from './signing-identity-store';

const FAST = { N: 2 ** 10, r: 8, p: 1, maxmem: 2 ** 26 };
let dir: string;
let unsigned: Uint8Array;
const snapshot = sampleFaultSnapshot();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fieldbook-deliverables-'));
  unsigned = new Uint8Array(await renderPdf(buildFaultReport(snapshot, 'zh')));
}, 60_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function setup(name: string, passphrase = 'pass') {
  const profile = join(dir, name);
  const opened: string[] = [];
  let answer: string | null = join(profile, 'exports', 'chosen.pdf');
  const identities = new SigningIdentityStore(
    join(profile, 'keystore'),
    createPassphraseProtector(passphrase, FAST),
    { subject: { commonName: '张伟', organisation: 'DaoCloud 服务中心' } },
  );
  const service = createDeliverablesService({
    identities,
    native: {
      chooseSavePath: () => Promise.resolve(answer),
      openPath: (p) => {
        opened.push(p);
        return Promise.resolve();
      },
    },
  });
  return {
    profile,
    identities,
    service,
    opened,
    cancelNext: () => {
      answer = null;
    },
  };
}

const signInput = () => ({
  bytes: unsigned,
  reason: '故障报告签署',
  location: '上海张江数据中心',
  documentNumber: snapshot.documentNumber,
  signerName: '张伟',
});

describe('deliverables service', () => {
  it('signs with a self-signed identity made on first use; pdfsig and verify accept it', async () => {
    const { service, identities, profile } = setup('sign');
    const signed = await service.signPdf(signInput());
    expect(signed.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(signed.signer).toMatchObject({ commonName: '张伟', selfSigned: true });
    expect(signed.signer.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    const check = await service.verifyPdf(signed.bytes);
    expect(check).toMatchObject({
      valid: true,
      chain: 'self-signed',
      coversWholeFile: true,
      documentNumber: snapshot.documentNumber,
      sha256: signed.sha256,
    });
    const file = join(profile, 'signed.pdf');
    await writeFile(file, signed.bytes);
    // The preview's page count agrees with poppler's.
    const pages = /Pages:\s+(\d+)/.exec(tool('pdfinfo', [file]).stdout)?.[1];
    expect(pdfPageCount(signed.bytes)).toBe(Number(pages));
    const sig = tool('pdfsig', [file]);
    expect(sig.stdout).toMatch(/Signature Validation: Signature is Valid/);
    expect(sig.stdout).toMatch(/Total document signed/);

    // The identity is stored encrypted and reused: same certificate on the next sign.
    const again = await service.signPdf(signInput());
    expect(again.signer.fingerprint).toBe(signed.signer.fingerprint);
    const stored = await readFile(identities.path, 'utf8');
    expect(stored).not.toMatch(/PRIVATE KEY/);
    const parsed = JSON.parse(stored) as { protector: string };
    expect(parsed.protector).toBe('passphrase');
    const reopened = new SigningIdentityStore(
      join(profile, 'keystore'),
      createPassphraseProtector('pass', FAST),
    );
    const identity = await reopened.get();
    expect(identity.privateKey.extractable).toBe(false);
    const wrong = new SigningIdentityStore(
      join(profile, 'keystore'),
      createPassphraseProtector('other', FAST),
    );
    await expect(wrong.get()).rejects.toThrow(/could not be decrypted/);
  }, 60_000);

  it('a flipped byte fails verification; the wrong document number is refused', async () => {
    const { service } = setup('flip');
    const signed = await service.signPdf(signInput());
    const flipped = new Uint8Array(signed.bytes);
    const at = Math.floor(flipped.length / 3);
    flipped[at] = flipped[at]! ^ 0x01;
    expect((await service.verifyPdf(flipped)).valid).toBe(false);
    await expect(
      service.signPdf({ ...signInput(), documentNumber: 'FB-FLT-20260304-0099' }),
    ).rejects.toThrow(/not FB-FLT-20260304-0099/);
  }, 60_000);

  it('saves where the dialog says, opens only files it saved, and reports a cancel', async () => {
    const { service, opened, profile, cancelNext } = setup('save');
    const path = await service.savePdf({ bytes: unsigned, suggestedName: 'r.pdf' });
    expect(path).toBe(join(profile, 'exports', 'chosen.pdf'));
    expect(Buffer.compare(await readFile(path!), Buffer.from(unsigned))).toBe(0);
    await service.openPdf(path!);
    expect(opened).toEqual([path]);
    await expect(service.openPdf('/etc/passwd')).rejects.toThrow(/exported in this session/);
    cancelNext();
    expect(await service.savePdf({ bytes: unsigned, suggestedName: 'r.pdf' })).toBeNull();
  });

  it('replaces the certificate chain for the stored key only', async () => {
    const { service, identities } = setup('enrol');
    const before = await service.signPdf(signInput());
    expect(before.signer.selfSigned).toBe(true);
    const identity = await identities.get();

    // An organisation CA issues a certificate for the stored key (its public key from the cert).
    const caKeys = await generateSigningKeyPair();
    const ca = await createSelfSignedCertificate(caKeys, {
      subject: { commonName: 'Fieldbook Test CA', organisation: 'Fieldbook' },
      validDays: 3650,
      ca: true,
    });
    const publicKey = await identity.certificate.getPublicKey();
    const csrKeys = { publicKey, privateKey: identity.privateKey };
    const csr = await createCertificateRequest(csrKeys, {
      commonName: '张伟',
      organisation: 'Org',
    });
    const issued = await issueCertificate({
      request: csr,
      caCertificate: ca,
      caPrivateKey: caKeys.privateKey,
      validDays: 365,
    });
    await identities.replaceCertificateChain(certificateToPem(issued), certificateToPem(ca));

    const after = await service.signPdf(signInput());
    expect(after.signer.selfSigned).toBe(false);
    expect(after.signer.fingerprint).not.toBe(before.signer.fingerprint);
    const report = await verifyPdf(Buffer.from(after.bytes), { trustedCas: [ca] });
    expect(report.valid).toBe(true);
    expect(report.signatures[0]?.chain).toBe('trusted');

    // A certificate for another key is refused and the stored one stays.
    const otherKeys = await generateSigningKeyPair();
    const foreign = await createSelfSignedCertificate(otherKeys, {
      subject: { commonName: 'someone else' },
      validDays: 30,
    });
    await expect(identities.replaceCertificateChain(certificateToPem(foreign))).rejects.toThrow(
      /another key/,
    );
    const still = await service.signPdf(signInput());
    expect(still.signer.fingerprint).toBe(after.signer.fingerprint);

    // Settings reads the enrolled certificate: issuer, validity, fingerprint; the CA once stored.
    const enrolled = await service.getSigningCertificate();
    expect(enrolled).toMatchObject({
      status: 'enrolled',
      commonName: '张伟',
      fingerprint: after.signer.fingerprint,
      trustedCa: null,
    });
    expect(enrolled?.issuer).toContain('CN=Fieldbook Test CA');
    await identities.setTrustedCa(certificateToPem(ca));
    const info = (await service.getSigningCertificate())!;
    expect(info.trustedCa).toContain('Fieldbook Test CA');
    expect(Date.parse(info.notAfter) - Date.parse(info.notBefore)).toBeGreaterThan(
      364 * 86_400_000,
    );
  }, 60_000);

  it('the signing certificate: none before the first signature (and asking creates none), then self-signed', async () => {
    const { service, identities } = setup('cert-info');
    expect(await service.getSigningCertificate()).toBeNull();
    await expect(readFile(identities.path)).rejects.toThrow(/ENOENT/);
    const signed = await service.signPdf(signInput());
    const info = await service.getSigningCertificate();
    expect(info).toMatchObject({
      status: 'self-signed',
      selfSigned: true,
      commonName: '张伟',
      fingerprint: signed.signer.fingerprint,
      trustedCa: null,
    });
    // Self-signed: the issuer is the subject.
    expect(info!.issuer).toBe(info!.subject);
  }, 60_000);
});
