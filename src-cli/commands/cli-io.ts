/**
 * Helpers shared by the deliverable commands (sample, report, sign, verify): flag parsing with
 * positional arguments, file reading that reports unreadable input as exit code 2, stdin.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { CliIo, Command } from '../router';
import { EXIT_FAILURE, EXIT_USAGE, UsageError, dispatch, isGroup } from '../router';

export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

export interface ParsedLine<K extends string> {
  flags: { [P in K]?: string };
  bools: Set<string>;
  positionals: string[];
}

/** Strict parsing of `--name value` flags, boolean switches and positional arguments. */
export function parseLine<K extends string>(
  args: string[],
  names: readonly K[],
  switches: readonly string[] = [],
): ParsedLine<K> {
  const options: Record<string, { type: 'string' | 'boolean' }> = {};
  for (const n of names) options[n] = { type: 'string' };
  for (const s of switches) options[s] = { type: 'boolean' };
  try {
    const { values, positionals } = parseArgs({
      args,
      options,
      strict: true,
      allowPositionals: true,
    });
    const flags: { [P in K]?: string } = {};
    const bools = new Set<string>();
    for (const [k, v] of Object.entries(values)) {
      if (typeof v === 'boolean') {
        if (v) bools.add(k);
      } else if (typeof v === 'string') (flags as Record<string, string>)[k] = v;
    }
    return { flags, bools, positionals };
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
}

/** Input the command cannot use (missing file, not a PDF, invalid snapshot): exit code 2. */
export class UnreadableInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnreadableInputError';
  }
}

export async function readInput(path: string, what: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UnreadableInputError(`cannot read ${what} ${path}: ${code ?? (e as Error).message}`);
  }
}

export async function writeOutput(path: string, data: Buffer | string): Promise<void> {
  await writeFile(path, data);
}

/** All of standard input as text, without the final line break (for --password-stdin). */
export async function readStdinText(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/**
 * Runs a command body, reporting unreadable input (exit 2) itself; usage errors propagate to
 * the router's caller, which prints them with the command's help hint.
 */
export async function guarded(
  io: CliIo,
  label: string,
  body: () => Promise<number>,
): Promise<number> {
  try {
    return await body();
  } catch (e) {
    if (e instanceof UnreadableInputError) {
      io.stderr(`${label}: ${e.message}\n`);
      return EXIT_USAGE;
    }
    throw e;
  }
}

/**
 * One command tree run on its own, with the error handling of the full CLI: usage errors print
 * a hint and exit 2, anything unexpected exits 1.
 */
export async function runStandalone(
  program: string,
  command: Command,
  argv: string[],
  io: CliIo,
): Promise<number> {
  try {
    if (isGroup(command)) return await dispatch(program, command, argv, io);
    return await dispatch(
      program,
      { name: program, summary: command.summary, commands: [command] },
      [command.name, ...argv],
      io,
    );
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`${program}: ${e.message}\nRun "${program} --help" for usage.\n`);
      return EXIT_USAGE;
    }
    io.stderr(
      `${program}: unexpected error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
    );
    return EXIT_FAILURE;
  }
}
