/**
 * `fieldbook` command line: the domain rules of src-shared, usable from a terminal and scripts.
 * Started by bin/fieldbook.mjs through tsx; `runCli` is also called directly by tests.
 */
import { lifecycleCommand } from './commands/lifecycle';
import { planCommand } from './commands/plan';
import { reportCommand } from './commands/report';
import { sampleCommand } from './commands/sample';
import { serverCommand } from './commands/server';
import { signCommand } from './commands/sign';
import { slaCommand } from './commands/sla';
import { verifyCommand } from './commands/verify';
import type { CliIo, GroupCommand } from './router';
import { EXIT_FAILURE, EXIT_USAGE, UsageError, dispatch } from './router';

export const PROGRAM = 'fieldbook';

export const ROOT: GroupCommand = {
  name: PROGRAM,
  summary: 'Fieldbook: service-policy rules for delivery and support engineers.',
  commands: [
    slaCommand,
    lifecycleCommand,
    planCommand,
    sampleCommand,
    reportCommand,
    signCommand,
    verifyCommand,
    serverCommand,
  ],
};

/** Runs one command line; returns the process exit code (0 ok, 1 failure, 2 bad input). */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  try {
    return await dispatch(PROGRAM, ROOT, argv, io);
  } catch (e) {
    if (e instanceof UsageError) {
      const command = [PROGRAM, ...e.commandPath].join(' ');
      io.stderr(`${command}: ${e.message}\nRun "${command} --help" for usage.\n`);
      return EXIT_USAGE;
    }
    io.stderr(
      `${PROGRAM}: unexpected error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
    );
    return EXIT_FAILURE;
  }
}
