import * as pkijs from 'pkijs';
import { describe, expect, it } from 'vitest';
import {
  CertificateRequestError,
  certificateFromDer,
  certificateToPem,
  certificatesFromPemOrDer,
  createCertificateRequest,
  createSelfSignedCertificate,
  describeName,
  generateSigningKeyPair,
  isCaCertificate,
  isIssuedBy,
  isSelfIssued,
  issueCertificate,
  keyMatchesCertificate,
  keyUsageOf,
  pemBlocks,
  privateKeyFromPem,
  privateKeyToPkcs8Pem,
  serialNumberHex,
  requestFromPem,
  requestToPem,
} from './certificates';

describe('certificates', () => {
  it('a CA issues an engineer certificate from a request, and the chain verifies', async () => {
    const caKeys = await generateSigningKeyPair(false);
    const ca = await createSelfSignedCertificate(caKeys, {
      subject: { commonName: 'Fieldbook 组织 CA', organisation: '示例科技有限公司' },
      validDays: 3650,
      ca: true,
    });
    expect(isCaCertificate(ca)).toBe(true);
    expect(isSelfIssued(ca)).toBe(true);

    const keys = await generateSigningKeyPair(false);
    const csrPem = requestToPem(
      await createCertificateRequest(keys, {
        commonName: '张伟',
        organisation: '示例科技有限公司',
      }),
    );
    expect(csrPem).toMatch(/^-----BEGIN CERTIFICATE REQUEST-----/);
    const request = requestFromPem(csrPem);
    const cert = await issueCertificate({
      request,
      caCertificate: ca,
      caPrivateKey: caKeys.privateKey,
      validDays: 365,
    });

    expect(describeName(cert.subject)).toMatchObject({
      commonName: '张伟',
      organisation: '示例科技有限公司',
      text: 'CN=张伟, O=示例科技有限公司',
    });
    expect(describeName(cert.issuer).commonName).toBe('Fieldbook 组织 CA');
    expect(isCaCertificate(cert)).toBe(false);
    expect(await isIssuedBy(cert, ca)).toBe(true);
    expect(await isIssuedBy(ca, cert)).toBe(false);

    // PEM round trip, several certificates in one file.
    const both = certificateToPem(cert) + certificateToPem(ca);
    const parsed = certificatesFromPemOrDer(Buffer.from(both));
    expect(parsed).toHaveLength(2);
    expect(await isIssuedBy(parsed[0]!, parsed[1]!)).toBe(true);
    expect(pemBlocks(both, 'CERTIFICATE')).toHaveLength(2);
  });

  it('puts each name attribute in its own RDN (not O=…+CN=…)', async () => {
    const keys = await generateSigningKeyPair(false);
    const cert = await createSelfSignedCertificate(keys, {
      subject: { commonName: 'a', organisation: 'b' },
      validDays: 1,
    });
    const reparsed = certificateFromDer(new Uint8Array(cert.toSchema(true).toBER(false)));
    const seq = reparsed.subject.toSchema();
    expect(seq.valueBlock.value).toHaveLength(2);
  });

  it('refuses a request whose signature does not verify, and a non-CA issuer', async () => {
    const caKeys = await generateSigningKeyPair(false);
    const ca = await createSelfSignedCertificate(caKeys, {
      subject: { commonName: 'CA' },
      validDays: 10,
      ca: true,
    });
    const keys = await generateSigningKeyPair(false);
    const other = await generateSigningKeyPair(false);
    const request = await createCertificateRequest(keys, { commonName: 'x' });
    // Claim someone else's public key: proof of possession fails.
    request.subjectPublicKeyInfo = new pkijs.PublicKeyInfo();
    await request.subjectPublicKeyInfo.importKey(other.publicKey);
    await expect(
      issueCertificate({
        request,
        caCertificate: ca,
        caPrivateKey: caKeys.privateKey,
        validDays: 1,
      }),
    ).rejects.toThrow(CertificateRequestError);

    const notCa = await createSelfSignedCertificate(keys, {
      subject: { commonName: 'not a CA' },
      validDays: 10,
    });
    const good = await createCertificateRequest(other, { commonName: 'y' });
    await expect(
      issueCertificate({
        request: good,
        caCertificate: notCa,
        caPrivateKey: keys.privateKey,
        validDays: 1,
      }),
    ).rejects.toThrow(/not a CA/);
  });

  it('tells whether a private key belongs to a certificate; reads serial and key usage', async () => {
    const keys = await generateSigningKeyPair(true);
    const other = await generateSigningKeyPair(false);
    const cert = await createSelfSignedCertificate(keys, {
      subject: { commonName: 'k' },
      validDays: 1,
    });
    expect(await keyMatchesCertificate(keys.privateKey, cert)).toBe(true);
    expect(await keyMatchesCertificate(other.privateKey, cert)).toBe(false);
    const reimported = await privateKeyFromPem(await privateKeyToPkcs8Pem(keys.privateKey));
    expect(await keyMatchesCertificate(reimported, cert)).toBe(true);
    await expect(privateKeyFromPem('-----BEGIN RSA PRIVATE KEY-----\nAA==\n')).rejects.toThrow(
      /openssl pkcs8 -topk8/,
    );
    expect(serialNumberHex(cert)).toMatch(/^[0-7][0-9a-f]{31}$/);
    expect(keyUsageOf(cert)).toEqual(['digitalSignature', 'nonRepudiation']);
    const ca = await createSelfSignedCertificate(keys, {
      subject: { commonName: 'ca' },
      validDays: 1,
      ca: true,
    });
    expect(keyUsageOf(ca)).toEqual(['digitalSignature', 'keyCertSign', 'cRLSign']);
  });
});
