/**
 * The `deliverables` part of the desktop API: digital signing and verification of finished PDFs
 * with the engineer's stored identity, saving through the native save dialog and opening in the
 * system viewer. The native parts (dialog, viewer) are injected: Electron's in src-main/app, a
 * stub in the e2e harness and in tests.
 */
import { stat } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import type {
  DesktopApi,
  PdfSignerInfo,
  SigningCertificateInfo,
  PdfVerification,
  SavePdfInput,
  SignPdfInput,
  SignedPdf,
} from '../../src-shared/ipc';
import { writeFileAtomic } from './atomic-file';
import {
  certificateFingerprint,
  describeName,
  isSelfIssued,
} from '../../src-shared/pki/certificates';
import { signPdf } from './pdf-sign';
import { readDocumentInfo, verifyPdf } from './pdf-verify';
import type { VerifyReport } from './pdf-verify';
import type { SigningIdentityStore } from './signing-identity-store';
import type { SigningIdentity } from './signing-keys';

/** The operating system's file dialog and viewer. */
export interface NativeShell {
  /** Asks where to save; the absolute path chosen, or null when the user cancelled. */
  chooseSavePath(suggestedName: string): Promise<string | null>;
  /** Opens a file in the system's default application; rejects with the OS's reason. */
  openPath(path: string): Promise<void>;
}

export class DeliverableSigningError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeliverableSigningError';
  }
}

async function signerInfo(identity: SigningIdentity): Promise<PdfSignerInfo> {
  const cert = identity.certificate;
  const subject = describeName(cert.subject);
  return {
    subject: subject.text,
    commonName: subject.commonName,
    organisation: subject.organisation,
    selfSigned: isSelfIssued(cert) && identity.chain.length === 0,
    fingerprint: (await certificateFingerprint(cert)).replace(/:/g, '').toLowerCase(),
    notAfter: cert.notAfter.value.toISOString(),
  };
}

/**
 * The verifier's report as the UI's answer. The one place that reads the report's shape: the
 * last signature is the one that must cover the file (earlier ones cover earlier revisions).
 */
export function toPdfVerification(report: VerifyReport, caKnown: boolean): PdfVerification {
  const last = report.signatures[report.signatures.length - 1];
  return {
    valid: report.valid,
    // Intact: every signature's digest and CMS signature hold, each covers its revision, the last
    // covers the whole file and nothing but signatures was added after any of them.
    intact: last !== undefined && report.integrity.valid,
    sha256: report.file.sha256,
    documentNumber: report.documentNumber,
    revision: report.revision,
    chain: last?.chain ?? null,
    caKnown,
    coversWholeFile: last?.coversWholeFile ?? false,
    signerName: last?.signer?.commonName ?? last?.name ?? null,
    signingTime: last?.signingTime ?? null,
    problems: [...report.problems, ...report.signatures.flatMap((s) => s.problems)],
  };
}

/** Longest wait for an enrolment in flight before signing with the certificate in use. */
export const IDENTITY_SETTLE_WAIT_MS = 30_000;

export function createDeliverablesService(options: {
  identities: SigningIdentityStore;
  native: NativeShell;
  now?: () => Date;
  /**
   * Resolves when work that changes the identity has ended: the certificate enrolment that runs
   * in the background after a sign-in. Signing, the certificate shown and verification wait for
   * it (at most IDENTITY_SETTLE_WAIT_MS), so a report signed right after signing in carries the
   * enrolled certificate and is checked against the CA just fetched.
   */
  identitySettled?: () => Promise<void>;
  /** How long to wait for `identitySettled`; IDENTITY_SETTLE_WAIT_MS by default. */
  identitySettleWaitMs?: number;
}): DesktopApi['deliverables'] {
  const { identities, native } = options;
  const settled = async (): Promise<void> => {
    if (!options.identitySettled) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([
      options.identitySettled(),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, options.identitySettleWaitMs ?? IDENTITY_SETTLE_WAIT_MS);
      }),
    ]);
    clearTimeout(timer);
  };
  /** Files saved in this run: the only paths `openPdf` opens, so the page cannot open others. */
  const saved = new Set<string>();

  return {
    async signPdf(input: SignPdfInput): Promise<SignedPdf> {
      const pdf = Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength);
      const info = readDocumentInfo(pdf);
      if (info.documentNumber !== input.documentNumber) {
        throw new DeliverableSigningError(
          `the PDF is document ${info.documentNumber ?? '(none)'}, not ${input.documentNumber}`,
        );
      }
      await settled();
      // A first signature creates the identity, named after the engineer signing.
      const identity = await identities.get({
        commonName: input.signerName,
        organisation: 'Fieldbook (self-signed, not enrolled)',
      });
      const signer = await signerInfo(identity);
      const result = await signPdf(pdf, identity, {
        reason: input.reason,
        location: input.location,
        name: input.signerName,
        signingTime: options.now?.() ?? new Date(),
      });
      return {
        // A copy with its own buffer: IPC serialises a view's whole backing store.
        bytes: Uint8Array.from(result.pdf),
        sha256: result.sha256,
        signedAt: result.signingTime.toISOString(),
        signer,
      };
    },

    async getSigningCertificate(): Promise<SigningCertificateInfo | null> {
      await settled();
      const identity = await identities.peek();
      if (identity === null) return null;
      const signer = await signerInfo(identity);
      const { ca } = await identities.trustedCa();
      return {
        ...signer,
        status: signer.selfSigned ? 'self-signed' : 'enrolled',
        issuer: describeName(identity.certificate.issuer).text,
        notBefore: identity.certificate.notBefore.value.toISOString(),
        trustedCa: ca === null ? null : describeName(ca.subject).text,
      };
    },

    async verifyPdf(bytes: Uint8Array): Promise<PdfVerification> {
      const pdf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      // The organisation's CA from enrolment; without one only self-signed chains verify.
      await settled();
      const { ca } = await identities.trustedCa();
      const report = await verifyPdf(pdf, ca ? { trustedCas: [ca] } : {});
      return toPdfVerification(report, ca !== null);
    },

    async savePdf(input: SavePdfInput): Promise<string | null> {
      const chosen = await native.chooseSavePath(input.suggestedName);
      if (chosen === null) return null;
      if (!isAbsolute(chosen))
        throw new Error(`the save dialog returned a relative path: ${chosen}`);
      const target = resolve(chosen);
      await writeFileAtomic(target, input.bytes, dirname(target), 0o644);
      saved.add(target);
      return target;
    },

    async openPdf(path: string): Promise<void> {
      const target = resolve(path);
      if (!saved.has(target)) {
        throw new Error('only a PDF exported in this session can be opened');
      }
      const info = await stat(target);
      if (!info.isFile()) throw new Error(`${target} is not a file`);
      await native.openPath(target);
    },
  };
}
