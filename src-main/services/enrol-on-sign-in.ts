/**
 * Certificate enrolment after sign-in (PRODUCT.md §5): before enrolment the engineer signs PDFs
 * with a self-signed certificate; on sign-in the laptop sends a certificate request for the same
 * key to the central server (the organisation's CA) and installs the certificate it issues, so
 * later signatures chain to the CA that readers trust.
 *
 * Runs as the sync session's `onSignedIn` step, with the session's authenticated request (the
 * token never leaves the session). Enrols again when the certificate is still self-signed, names
 * another account than the one signed in, or runs out within `RENEW_BEFORE_DAYS`. A failure is
 * reported by the session as a warning and never blocks the sign-in: signing keeps working with
 * the certificate in use.
 *
 * Every sign-in also fetches the organisation's CA certificate and stores it with the identity
 * (SigningIdentityStore.setTrustedCa): the laptop checks its own signed PDFs against it. A
 * certificate that no longer chains to the CA the server now has (the CA was replaced) is
 * enrolled again, against that CA.
 */
import type * as pkijs from 'pkijs';
import {
  certificateToPem,
  certificatesFromPemOrDer,
  describeName,
  isIssuedBy,
  isSelfIssued,
} from '../../src-shared/pki/certificates';
import { routes } from '../../src-shared/sync';
import { enrolSigningIdentity, EnrolmentError } from './enrolment';
import type { SigningIdentityStore } from './signing-identity-store';
import type { OnSignedIn } from './sync-session';

/** A certificate that runs out within this many days is renewed at the next sign-in. */
export const RENEW_BEFORE_DAYS = 30;

export interface EnrolOnSignInOptions {
  identities: SigningIdentityStore;
  /** Clock; `Date.now` by default. */
  now?: () => number;
}

export function enrolOnSignIn(options: EnrolOnSignInOptions): OnSignedIn {
  return async ({ account, request }) => {
    const username = account.user.username;
    // A laptop that never signed anything gets its key now, named after the account.
    const current = await options.identities.get({ commonName: username });
    const now = options.now?.() ?? Date.now();
    const expiresSoon =
      current.certificate.notAfter.value.getTime() - now < RENEW_BEFORE_DAYS * 86_400_000;
    const namedForAccount = describeName(current.certificate.subject).commonName === username;
    const ca = await fetchCa(request);
    const chainsToCa =
      !isSelfIssued(current.certificate) && (await isIssuedBy(current.certificate, ca));
    if (chainsToCa && namedForAccount && !expiresSoon) {
      await options.identities.setTrustedCa(certificateToPem(ca));
      return;
    }
    const enrolled = await enrolSigningIdentity({
      baseUrl: account.serverUrl,
      // The session's request adds the bearer token itself.
      accessToken: '',
      fetch: (url, init) =>
        request(new URL(url).pathname, {
          method: init.method ?? 'GET',
          ...(typeof init.body === 'string' ? { body: init.body } : {}),
        }),
      identity: current,
      // The issued certificate must chain to the CA just fetched, the one stored below.
      trustedCa: ca,
    });
    await options.identities.replaceCertificateChain(enrolled.certificatePem, enrolled.chainPem);
    await options.identities.setTrustedCa(certificateToPem(ca));
  };
}

/** The server's CA certificate (public, `GET /ca/certificate`), parsed. */
async function fetchCa(request: Parameters<OnSignedIn>[0]['request']): Promise<pkijs.Certificate> {
  const res = await request(routes.caCertificate(), { method: 'GET' });
  if (res.status !== 200) {
    throw new EnrolmentError(
      `the server did not give its CA certificate (HTTP ${res.status})`,
      'no_ca',
      res.status,
    );
  }
  const text = await res.text();
  let certs: pkijs.Certificate[];
  try {
    certs = certificatesFromPemOrDer(new TextEncoder().encode(text));
  } catch (e) {
    throw new EnrolmentError(`the server's CA certificate is unreadable: ${String(e)}`, 'no_ca');
  }
  const [ca] = certs;
  if (!ca) throw new EnrolmentError('the server answered no CA certificate', 'no_ca');
  return ca;
}
