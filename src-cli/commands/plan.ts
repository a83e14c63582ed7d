import { parsePlan } from '../../src-shared/domain/planning/plan-schema';
import { validatePlan } from '../../src-shared/domain/planning/validate-plan';
import type { GroupCommand, LeafCommand } from '../router';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UsageError, writeJson } from '../router';
import { guarded, parseLine, readInput } from './cli-io';

const VALIDATE_HELP = `Usage: fieldbook plan validate --input plan.json

Validates a deployment plan (machines, IP and NIC plans, VIPs, cluster ranges) offline with the
same rules the app runs while the plan is edited, and prints
  {"valid": bool, "findings": [{"rule", "severity", "path", "message": {"zh", "en"}}]}
"path" is the JSON pointer of the field to change; severity "error" blocks "plan ready".

Exit codes: 0 no error finding, 1 error findings, 2 the file is not JSON or not a plan (the
schema errors are printed on stderr).

Example:
  fieldbook sample plan --out plan.json && fieldbook plan validate --input plan.json
`;

export const planValidateCommand: LeafCommand = {
  name: 'validate',
  summary: 'validate a deployment plan (JSON)',
  help: VALIDATE_HELP,
  run(args, io) {
    return guarded(io, 'fieldbook plan validate', async () => {
      const { flags, positionals } = parseLine(args, ['input'] as const);
      if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
      if (!flags.input) throw new UsageError('missing --input');
      const bytes = await readInput(flags.input, 'plan');
      let value: unknown;
      try {
        value = JSON.parse(bytes.toString('utf8'));
      } catch (e) {
        io.stderr(`fieldbook plan validate: ${flags.input} is not JSON: ${(e as Error).message}\n`);
        return EXIT_USAGE;
      }
      const parsed = parsePlan(value);
      if (!parsed.ok) {
        const lines = parsed.errors.slice(0, 50).map((e) => `  ${e.field || '/'}: ${e.message}`);
        const more = parsed.errors.length > 50 ? `\n  … ${parsed.errors.length - 50} more` : '';
        io.stderr(
          `fieldbook plan validate: ${flags.input} is not a plan:\n${lines.join('\n')}${more}\n`,
        );
        return EXIT_USAGE;
      }
      const result = validatePlan(parsed.plan);
      writeJson(io, result);
      return result.valid ? EXIT_OK : EXIT_FAILURE;
    });
  },
};

export const planCommand: GroupCommand = {
  name: 'plan',
  summary: 'deployment plans: validate',
  commands: [planValidateCommand],
};
