/**
 * The laptop's checks on what the server answers (the happy path and the server's own refusals
 * run against the real server in test/sync/enrolment.test.ts). A CA made here plays a server that
 * answers wrongly; the fetch stub returns its answers.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type * as pkijs from 'pkijs';
import {
  certificateToPem,
  createCertificateRequest,
  createSelfSignedCertificate,
  generateSigningKeyPair,
  issueCertificate,
  requestFromPem,
} from '../../src-shared/pki/certificates';
import type { IssuedCertificateResponse } from '../../src-shared/sync';
import { enrolSigningIdentity, EnrolmentError, type FetchLike } from './enrolment';

let caKeys: CryptoKeyPair;
let ca: pkijs.Certificate;
let otherCa: pkijs.Certificate;

beforeAll(async () => {
  caKeys = await generateSigningKeyPair(false);
  ca = await createSelfSignedCertificate(caKeys, {
    subject: { commonName: 'Test CA' },
    validDays: 10,
    ca: true,
  });
  otherCa = await createSelfSignedCertificate(await generateSigningKeyPair(false), {
    subject: { commonName: 'Test CA' },
    validDays: 10,
    ca: true,
  });
});

/**
 * A server that certifies the requested key (or another one) with `signer`'s key (default the
 * CA's), naming `chain` (default the CA) as its CA.
 */
function server(options: {
  certify?: 'requested' | 'other-key';
  signer?: CryptoKey;
  chain?: pkijs.Certificate;
}): FetchLike & { calls: { url: string; init: RequestInit }[] } {
  const calls: { url: string; init: RequestInit }[] = [];
  const f = async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const { csr } = JSON.parse(init.body as string) as { csr: string };
    let request = requestFromPem(csr);
    if (options.certify === 'other-key') {
      const other = await generateSigningKeyPair(false);
      request = await createCertificateRequest(other, { commonName: 'x' });
    }
    const cert = await issueCertificate({
      request,
      caCertificate: ca,
      caPrivateKey: options.signer ?? caKeys.privateKey,
      validDays: 1,
      subject: { commonName: 'eng' },
    });
    const body: IssuedCertificateResponse = {
      certificate: certificateToPem(cert),
      chain: certificateToPem(options.chain ?? ca),
      serialNumber: '01',
      notBefore: cert.notBefore.value.toISOString(),
      notAfter: cert.notAfter.value.toISOString(),
    };
    return new Response(JSON.stringify(body), {
      status: 201,
      headers: { 'content-type': 'application/json' },
    });
  };
  return Object.assign(f, { calls });
}

const enrol = async (fetch: FetchLike, extra: { trustedCa?: pkijs.Certificate } = {}) =>
  enrolSigningIdentity({
    baseUrl: 'http://127.0.0.1:9',
    accessToken: 'token-1',
    fetch,
    keyPair: await generateSigningKeyPair(false),
    ...extra,
  }).catch((e: unknown) => e);

describe('enrolment checks the answer before using it', () => {
  it('accepts a certificate for its key signed by the CA; posts the CSR with the bearer token', async () => {
    const fetch = server({});
    const result = await enrol(fetch, { trustedCa: ca });
    expect(result).toMatchObject({ identity: { source: 'enrolled' }, serialNumber: '01' });
    expect(fetch.calls[0]?.url).toBe('http://127.0.0.1:9/api/v1/certificates');
    expect((fetch.calls[0]?.init.headers as Record<string, string>).authorization).toBe(
      'Bearer token-1',
    );
  });

  it('refuses a certificate for another key', async () => {
    const e = await enrol(server({ certify: 'other-key' }));
    expect(e).toBeInstanceOf(EnrolmentError);
    expect(e).toMatchObject({ code: 'key_mismatch' });
  });

  it('refuses a certificate the CA in the answer did not sign', async () => {
    const forger = await generateSigningKeyPair(false);
    const e = await enrol(server({ signer: forger.privateKey }));
    expect(e).toMatchObject({ code: 'untrusted_issuer' });
  });

  it('with a pinned CA, refuses an answer from another CA of the same name', async () => {
    const e = await enrol(server({}), { trustedCa: otherCa });
    expect(e).toMatchObject({ code: 'untrusted_issuer' });
  });

  it('reports an unreachable server and a non-JSON error page in words', async () => {
    const down = await enrol(() => Promise.reject(new Error('connect ECONNREFUSED')));
    expect(down).toMatchObject({ code: 'unreachable' });
    const proxy = await enrol(() =>
      Promise.resolve(new Response('<html>Bad gateway</html>', { status: 502 })),
    );
    expect(proxy).toMatchObject({ code: 'http_error', statusCode: 502 });
    expect((proxy as Error).message).toContain('Bad gateway');
  });

  it('needs exactly one of keyPair and identity', async () => {
    const e = await enrolSigningIdentity({
      baseUrl: 'http://127.0.0.1:9',
      accessToken: 't',
      fetch: server({}),
    }).catch((err: unknown) => err);
    expect(e).toMatchObject({ code: 'bad_arguments' });
  });
});
