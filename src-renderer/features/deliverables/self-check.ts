/**
 * What the laptop concludes from verifying a PDF it just signed (no DOM, no desktop API: the
 * sync tests run it on the services' answer).
 */
import type { PdfVerification } from '../../../src-shared/ipc';
import { DeliverableUserError } from './deliverable-errors';

/** How far a reader can trust who signed, as the signed dialog words it. */
export type ChainTrust = 'trusted' | 'self-signed' | 'ca-missing' | 'untrusted';

export function chainTrust(verification: PdfVerification): ChainTrust {
  if (verification.chain === 'trusted') return 'trusted';
  if (verification.chain === 'self-signed') return 'self-signed';
  return verification.caKnown ? 'untrusted' : 'ca-missing';
}

/**
 * The self-check of a PDF this laptop just signed. The signature must be intact (valid and
 * covering the whole file), or nothing is recorded. The chain is not checked here: a laptop not
 * enrolled yet, or one that lost its CA certificate, still signs and saves; the dialog shows the
 * chain's state.
 */
export function checkOwnSignature(
  verification: PdfVerification,
  documentNumber: string,
): PdfVerification {
  if (!verification.intact) {
    throw new DeliverableUserError('deliverables.error.signatureBroken', {
      number: documentNumber,
      details: verification.problems.join('; '),
    });
  }
  return verification;
}
