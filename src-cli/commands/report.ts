import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import type { Lang } from '../../src-shared/domain/localized';
import { DELIVERABLE_KINDS, deliverableKindByCliName } from '../../src-shared/reports/kinds';
import { SNAPSHOT_INPUTS } from '../../src-shared/reports/kinds/validators';
import { renderPdf } from '../../src-main/services/pdf-render';
import type { CliIo, GroupCommand, LeafCommand } from '../router';
import { EXIT_OK, UsageError, writeJson } from '../router';
import {
  UnreadableInputError,
  guarded,
  parseLine,
  processIo,
  readInput,
  runStandalone,
  writeOutput,
} from './cli-io';

const KIND_NAMES = DELIVERABLE_KINDS.map((k) => k.cliName);

const HELP = `Usage: fieldbook report render ${KIND_NAMES.join('|')} --input snapshot.json [--lang zh|en] --out report.pdf

Renders a deliverable PDF from a report snapshot (the same builders and renderer as the app):
A4, cover, document number and revision, QR code, "x / y" page footer, Noto Sans SC embedded
as a subset. The snapshot is validated first (JSON Schema and figure consistency).

Flags:
  --input  snapshot JSON (see: fieldbook sample inspection|fault); for plan, a plan JSON
           (fieldbook sample plan) or a planning-document snapshot; for ops, an operations
           service report snapshot (fieldbook sample ops), whose figures must match its records
  --lang   report language: zh (default) or en
  --out    PDF file to write

Exit codes: 0 written, 2 bad flags or unreadable/invalid snapshot, 1 rendering failed.
Prints {"out", "bytes", "pages"?, "documentNumber", "revision", "lang"} as JSON.
`;

function parseSnapshotJson(bytes: Buffer, path: string): unknown {
  try {
    return JSON.parse(bytes.toString('utf8')) as unknown;
  } catch (e) {
    throw new UnreadableInputError(`${path} is not JSON: ${(e as Error).message}`);
  }
}

export const reportRenderCommand: LeafCommand = {
  name: 'render',
  summary: `render a deliverable PDF (${KIND_NAMES.join(', ')}) from its snapshot`,
  help: HELP,
  run(args, io) {
    return guarded(io, 'fieldbook report render', async () => {
      const { flags, positionals } = parseLine(args, ['input', 'lang', 'out'] as const);
      const kindName = positionals[0];
      const kind = kindName === undefined ? undefined : deliverableKindByCliName(kindName);
      if (!kind) {
        throw new UsageError(
          `expected the report kind ${KIND_NAMES.map((k) => `"${k}"`).join(', ')}, got ${kindName === undefined ? 'nothing' : `"${kindName}"`}`,
        );
      }
      if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}"`);
      const input = flags.input;
      const out = flags.out;
      if (!input) throw new UsageError('missing --input');
      if (!out) throw new UsageError('missing --out');
      const lang = (flags.lang ?? 'zh') as Lang;
      if (lang !== 'zh' && lang !== 'en')
        throw new UsageError(`invalid --lang: expected zh or en, got "${String(flags.lang)}"`);
      const json = parseSnapshotJson(await readInput(input, 'snapshot'), input);
      const v = SNAPSHOT_INPUTS[kind.kind](json, { now: new Date() });
      if (!v.ok) {
        throw new UnreadableInputError(
          `invalid ${kind.cliName} snapshot ${input}:\n  ${v.errors.join('\n  ')}`,
        );
      }
      // The registry pairs each kind's input validator with its builder (same kind id), so the
      // validated snapshot is what this builder takes.
      const build = kind.build as (snapshot: unknown, lang: Lang) => TDocumentDefinitions;
      const snapshot = v.snapshot as { documentNumber: string; revision: number };
      const definition = build(snapshot, lang);
      const { documentNumber, revision } = snapshot;
      const pdf = await renderPdf(definition);
      await writeOutput(out, pdf);
      writeJson(io, { out, bytes: pdf.length, documentNumber, revision, lang });
      return EXIT_OK;
    });
  },
};

export const reportCommand: GroupCommand = {
  name: 'report',
  summary: 'deliverable reports (PDF)',
  commands: [reportRenderCommand],
};

/** `fieldbook report …` on its own (argv without the word "report"). */
export function run(argv: string[], io: CliIo = processIo): Promise<number> {
  return runStandalone('fieldbook report', reportCommand, argv, io);
}
