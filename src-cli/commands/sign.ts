import { describeName } from '../../src-shared/pki/certificates';
import { PdfStructureError, signPdf } from '../../src-main/services/pdf-sign';
import { readDocumentInfo } from '../../src-main/services/pdf-verify';
import {
  Pkcs12Error,
  createDevelopmentIdentity,
  loadPkcs12,
} from '../../src-main/services/signing-keys';
import type { CliIo, LeafCommand } from '../router';
import { EXIT_OK, UsageError, writeJson } from '../router';
import {
  UnreadableInputError,
  guarded,
  parseLine,
  processIo,
  readInput,
  readStdinText,
  runStandalone,
  writeOutput,
} from './cli-io';

const HELP = `Usage: fieldbook sign report.pdf --out signed.pdf [--p12 FILE --password-stdin] [--reason TEXT] [--location TEXT]

Signs a PDF with a CMS (PKCS#7, CAdES attributes, SHA-256) detached digital signature, as an
incremental update: the original bytes stay unchanged and the signature covers the whole file.
Verifiable with pdfsig, common PDF readers and "fieldbook verify".

Without --p12 a development key and a self-signed certificate are generated for this run
(verification then reports "self-signed").

Flags:
  --out             signed PDF to write
  --p12             PKCS#12 file with the signer's key and certificate (PBES2/AES, OpenSSL 3 default)
  --password-stdin  read the PKCS#12 password from standard input (required with --p12)
  --reason          signing reason (default: "签署 <document number> 修订 <revision>")
  --location        signing location (default: empty)

Exit codes: 0 signed, 2 bad flags or unreadable input (missing file, not a PDF, wrong password), 1 failure.
`;

export const signCommand: LeafCommand = {
  name: 'sign',
  summary: 'digitally sign a PDF (CMS detached, pdfsig-verifiable)',
  help: HELP,
  run(args, io) {
    return guarded(io, 'fieldbook sign', async () => {
      const { flags, bools, positionals } = parseLine(
        args,
        ['out', 'p12', 'reason', 'location'] as const,
        ['password-stdin'],
      );
      const input = positionals[0];
      if (!input) throw new UsageError('missing the PDF to sign');
      if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}"`);
      if (!flags.out) throw new UsageError('missing --out');
      if (flags.p12 && !bools.has('password-stdin'))
        throw new UsageError('--p12 needs --password-stdin');
      if (!flags.p12 && bools.has('password-stdin'))
        throw new UsageError('--password-stdin is only used with --p12');
      const pdf = await readInput(input, 'PDF');
      if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-')
        throw new UnreadableInputError(`${input} is not a PDF file`);

      let identity;
      if (flags.p12) {
        const p12 = await readInput(flags.p12, 'PKCS#12 file');
        const password = await readStdinText();
        try {
          identity = await loadPkcs12(p12, password);
        } catch (e) {
          if (e instanceof Pkcs12Error)
            throw new UnreadableInputError(`${flags.p12}: ${e.message}`);
          throw e;
        }
      } else {
        identity = await createDevelopmentIdentity();
      }
      const info = readDocumentInfo(pdf);
      const signer = describeName(identity.certificate.subject);
      const reason =
        flags.reason ??
        (info.documentNumber
          ? `签署 ${info.documentNumber} 修订 ${info.revision ?? '1'}`
          : '签署文档');
      let result;
      try {
        result = await signPdf(pdf, identity, {
          reason,
          name: signer.commonName ?? signer.text,
          location: flags.location ?? '',
        });
      } catch (e) {
        if (e instanceof PdfStructureError)
          throw new UnreadableInputError(`${input}: ${e.message}`);
        throw e;
      }
      await writeOutput(flags.out, result.pdf);
      writeJson(io, {
        out: flags.out,
        bytes: result.pdf.length,
        sha256: result.sha256,
        signer: signer.text,
        selfSigned: identity.source === 'development',
        signingTime: result.signingTime.toISOString(),
        documentNumber: info.documentNumber,
        revision: info.revision,
      });
      return EXIT_OK;
    });
  },
};

/** `fieldbook sign …` on its own (argv without the word "sign"). */
export function run(argv: string[], io: CliIo = processIo): Promise<number> {
  return runStandalone('fieldbook sign', signCommand, argv, io);
}
