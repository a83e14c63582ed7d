import type * as pkijs from 'pkijs';
import { certificatesFromPemOrDer } from '../../src-shared/pki/certificates';
import { UnreadablePdfError, verifyPdf } from '../../src-main/services/pdf-verify';
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

Verifies the digital signature(s) of a PDF and prints a JSON report: whether the signature
covers the whole file (bytes appended after signing make it invalid), whether the digest
matches, whether the CMS signature verifies, the certificate chain (against --ca, or
"self-signed"), the signer, the signing time and the document number and revision.

Flags:
  --ca  trusted CA certificate(s), PEM (several allowed in one file) or DER

Exit codes: 0 valid, 1 invalid (or unsigned), 2 unreadable input (missing file, not a PDF, bad CA file).
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
        file: input,
        bytes: report.file.bytes,
        sha256: report.file.sha256,
        documentNumber: report.documentNumber,
        revision: report.revision,
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
