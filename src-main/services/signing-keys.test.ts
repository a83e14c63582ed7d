import { describe, expect, it } from 'vitest';
import { isSelfIssued } from '../../src-shared/pki/certificates';
import { createCmsSignature } from './pdf-sign';
import {
  Pkcs12Error,
  createDevelopmentIdentity,
  exportIdentity,
  importIdentity,
  loadPkcs12,
} from './signing-keys';

describe('signing identities', () => {
  it('a development identity is self-signed and round-trips through the key-store format', async () => {
    const id = await createDevelopmentIdentity({
      extractable: true,
      subject: { commonName: '张伟', organisation: '示例' },
    });
    expect(isSelfIssued(id.certificate)).toBe(true);
    const stored = await exportIdentity(id);
    expect(stored.certificatePem).toMatch(/^-----BEGIN CERTIFICATE-----/);
    const back = await importIdentity(stored);
    expect(back.certificate.serialNumber.isEqual(id.certificate.serialNumber)).toBe(true);
    expect(back.privateKey.extractable).toBe(false);
    // The imported key signs.
    const cms = await createCmsSignature(new Uint8Array([1, 2, 3]), back, new Date());
    expect(cms[0]).toBe(0x30);
  });

  it('a non-extractable development key cannot be exported', async () => {
    const id = await createDevelopmentIdentity();
    await expect(exportIdentity(id)).rejects.toThrow();
  });

  it('rejects bytes that are not PKCS#12', async () => {
    await expect(loadPkcs12(new Uint8Array([1, 2, 3]), 'x')).rejects.toThrow(Pkcs12Error);
  });
});
