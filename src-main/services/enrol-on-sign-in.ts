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
 */
import { describeName, isSelfIssued } from '../../src-shared/pki/certificates';
import { enrolSigningIdentity } from './enrolment';
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
    if (!isSelfIssued(current.certificate) && namedForAccount && !expiresSoon) return;
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
    });
    await options.identities.replaceCertificateChain(enrolled.certificatePem, enrolled.chainPem);
  };
}
