import { stat } from 'node:fs/promises';
import type * as pkijs from 'pkijs';
import { certificatesFromPemOrDer } from '../../src-shared/pki/certificates';
import { UnreadablePdfError, VERIFY_LIMITS, verifyPdf } from '../../src-main/services/pdf-verify';
import type { CliIo, LeafCommand } from '../router';
import { EXIT_FAILURE, EXIT_OK, UsageError, writeJson } from '../router';
import {
  UnreadableInputError,
  guarded,
  parseLine,
  processIo,
  readInput,
  runStandalone,
} from './cli-io';

const HELP = `Usage: fieldbook verify signed.pdf [--ca ca.pem]

Verifies the digital signature(s) of a PDF and prints a JSON report. Two questions, answered
separately:
  integrity  is every signature cryptographically valid (digest, CMS signature, accepted key),
             does it end at a revision of the file, does the last one cover the whole file, and
             did nothing but countersigning change the document after an earlier signature
             ("modifiedAfterSigning")?
  trust      does each signer certificate chain to --ca (RFC 5280 path validation at the
             signing time: issuers must be CAs allowed to sign certificates), or is it
             "self-signed" (acceptable only without --ca)?
The report also gives the signer, the signing time and the document number and revision.

Flags:
  --ca  trusted CA certificate(s), PEM (several allowed in one file) or DER

Exit codes: 0 valid, 1 invalid (or unsigned), 2 unreadable input (missing file, not a PDF, bad
CA file, or beyond the limits examined: more than ${VERIFY_LIMITS.maxFileBytes / 1024 / 1024} MB,
more than ${VERIFY_LIMITS.maxSignatures} signatures, text strings over ${VERIFY_LIMITS.maxStringBytes / 1024} KB).
`;

export const verifyCommand: LeafCommand = {
  name: 'verify',
  summary: 'verify the digital signature of a PDF (JSON report)',
  help: HELP,
  run(args, io) {
    return guarded(io, 'fieldbook verify', async () => {
      const { flags, positionals } = parseLine(args, ['ca'] as const);
      const input = positionals[0];
      if (!input) throw new UsageError('missing the PDF to verify');
      if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}"`);
      let trustedCas: pkijs.Certificate[] = [];
      if (flags.ca) {
        const caBytes = await readInput(flags.ca, 'CA certificate');
        try {
          trustedCas = certificatesFromPemOrDer(caBytes);
        } catch (e) {
          throw new UnreadableInputError(
            `${flags.ca}: not a certificate (${(e as Error).message})`,
          );
        }
        if (trustedCas.length === 0)
          throw new UnreadableInputError(`${flags.ca}: no certificate found`);
      }
      // Refuse an absurd file before reading it into memory.
      const size = await stat(input).then(
        (st) => st.size,
        () => null,
      );
      if (size !== null && size > VERIFY_LIMITS.maxFileBytes) {
        throw new UnreadableInputError(
          `${input}: the file is ${size} bytes, more than the ${VERIFY_LIMITS.maxFileBytes} examined`,
        );
      }
      const pdf = await readInput(input, 'PDF');
      let report;
      try {
        report = await verifyPdf(pdf, { trustedCas });
      } catch (e) {
        if (e instanceof UnreadablePdfError)
          throw new UnreadableInputError(`${input}: ${e.message}`);
        throw e;
      }
      const last = report.signatures[report.signatures.length - 1];
      writeJson(io, {
        valid: report.valid,
        integrity: report.integrity,
        trust: report.trust,
        modifiedAfterSigning: report.modifiedAfterSigning,
        file: input,
        bytes: report.file.bytes,
        sha256: report.file.sha256,
        documentNumber: report.documentNumber,
        revision: report.revision,
        // Of the last signature, as before the integrity/trust split.
        signer: last?.signer?.subject ?? null,
        signerCommonName: last?.signer?.commonName ?? null,
        signingTime: last?.signingTime ?? null,
        chain: last?.chain ?? null,
        coversWholeFile: last?.coversWholeFile ?? false,
        digestMatches: last?.digestMatches ?? false,
        signatureValid: last?.signatureValid ?? false,
        problems: [...report.problems, ...report.signatures.flatMap((s) => s.problems)],
        signatures: report.signatures,
      });
      return report.valid ? EXIT_OK : EXIT_FAILURE;
    });
  },
};

/** `fieldbook verify …` on its own (argv without the word "verify"). */
export function run(argv: string[], io: CliIo = processIo): Promise<number> {
  return runStandalone('fieldbook verify', verifyCommand, argv, io);
}
