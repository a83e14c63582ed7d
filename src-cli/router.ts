/**
 * A small command router for the `fieldbook` CLI. A command is either a leaf (`run`) or a group
 * of sub-commands (`sla due`); later commands (`server`, `sample`, `report`, `sign`, `verify`)
 * plug in by adding an entry to the table in main.ts.
 *
 * Exit codes: 0 success, 1 unexpected failure, 2 bad input (unknown command or flag, missing
 * or invalid value). Results are JSON on stdout; messages go to stderr.
 */

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** Bad command-line input: reported on stderr with exit code 2. */
export class UsageError extends Error {
  /** Command words the error happened in, so the hint can point at the right `--help`. */
  commandPath: string[] = [];
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface LeafCommand {
  name: string;
  summary: string;
  /** Full help text: usage line, flags, examples. */
  help: string;
  /** `path` is the command words (`['sla', 'due']`), `args` the rest of the line. */
  run(args: string[], io: CliIo, path: string[]): Promise<number> | number;
}

export interface GroupCommand {
  name: string;
  summary: string;
  commands: Command[];
}

export type Command = LeafCommand | GroupCommand;

export function isGroup(c: Command): c is GroupCommand {
  return 'commands' in c;
}

export function writeJson(io: CliIo, value: unknown): void {
  io.stdout(`${JSON.stringify(value, null, 2)}\n`);
}

function listing(commands: Command[], prefix: string): string {
  const rows = commands.map((c) => [`${prefix}${c.name}`, c.summary] as const);
  const width = Math.max(...rows.map(([n]) => n.length));
  return rows.map(([n, s]) => `  ${n.padEnd(width)}  ${s}`).join('\n');
}

export function groupHelp(program: string, group: GroupCommand, path: string[]): string {
  const prefix = [program, ...path].join(' ');
  return `Usage: ${prefix} <command> [flags]\n\n${group.summary}\n\nCommands:\n${listing(group.commands, '')}\n\nRun "${prefix} <command> --help" for a command's flags.\n`;
}

function isHelpFlag(arg: string | undefined): boolean {
  return arg === '--help' || arg === '-h';
}

/**
 * Resolves `argv` against `root` and runs the leaf command. `help <words>` and `--help` anywhere
 * in the command words print help on stdout (exit 0).
 */
export async function dispatch(
  program: string,
  root: GroupCommand,
  argv: string[],
  io: CliIo,
): Promise<number> {
  let args = argv;
  let forcedHelp = false;
  if (args[0] === 'help') {
    forcedHelp = true;
    args = args.slice(1);
  }
  let node: Command = root;
  const path: string[] = [];
  while (isGroup(node)) {
    const word = args[0];
    if (word === undefined || isHelpFlag(word)) {
      // `fieldbook sla` without a sub-command is a usage error; asking for help is not.
      const missing = word === undefined && !forcedHelp && path.length > 0;
      const text = groupHelp(program, node, path);
      if (missing) io.stderr(text);
      else io.stdout(text);
      return missing ? EXIT_USAGE : EXIT_OK;
    }
    const next: Command | undefined = node.commands.find((c) => c.name === word);
    if (!next) {
      const where = [program, ...path].join(' ');
      io.stderr(
        `${where}: unknown command "${word}". Commands: ${node.commands.map((c) => c.name).join(', ')}\n`,
      );
      return EXIT_USAGE;
    }
    node = next;
    path.push(word);
    args = args.slice(1);
  }
  if (forcedHelp || args.some(isHelpFlag)) {
    io.stdout(node.help);
    return EXIT_OK;
  }
  try {
    return await node.run(args, io, path);
  } catch (e) {
    if (e instanceof UsageError && e.commandPath.length === 0) e.commandPath = path;
    throw e;
  }
}
