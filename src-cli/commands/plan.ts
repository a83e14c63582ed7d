import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import {
  PlanSpreadsheetError,
  planToXlsx,
  xlsxToPlan,
} from '../../src-main/services/plan-spreadsheet';
import { installerConfig } from '../../src-shared/domain/planning/installer-config';
import type { Plan } from '../../src-shared/domain/planning/plan';
import { parsePlan } from '../../src-shared/domain/planning/plan-schema';
import { validatePlan } from '../../src-shared/domain/planning/validate-plan';
import type { GroupCommand, LeafCommand } from '../router';
import { EXIT_FAILURE, EXIT_OK, UsageError, writeJson } from '../router';
import type { CliIo } from '../router';
import { UnreadableInputError, guarded, parseLine, readInput } from './cli-io';

/** Reads and shape-checks a plan file; unreadable, not JSON or not a plan → exit 2 with the reason. */
async function readPlan(path: string): Promise<Plan> {
  const bytes = await readInput(path, 'plan');
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch (e) {
    throw new UnreadableInputError(`${path} is not JSON: ${(e as Error).message}`);
  }
  const parsed = parsePlan(value);
  if (!parsed.ok) {
    const lines = parsed.errors.slice(0, 50).map((e) => `  ${e.field || '/'}: ${e.message}`);
    const more = parsed.errors.length > 50 ? `\n  … ${parsed.errors.length - 50} more` : '';
    throw new UnreadableInputError(`${path} is not a plan:\n${lines.join('\n')}${more}`);
  }
  return parsed.plan;
}

function flagsOf<K extends string>(args: string[], names: readonly K[]) {
  const { flags, positionals } = parseLine(args, names);
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  return flags;
}

function required(value: string | undefined, name: string): string {
  if (!value) throw new UsageError(`missing --${name}`);
  return value;
}

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
      const flags = flagsOf(args, ['input'] as const);
      const result = validatePlan(await readPlan(required(flags.input, 'input')));
      writeJson(io, result);
      return result.valid ? EXIT_OK : EXIT_FAILURE;
    });
  },
};

const INSTALLER_HELP = `Usage: fieldbook plan installer --input plan.json --out DIR

Writes the installer configuration derived from the plan into DIR:
  clusterConfig.yaml   the DCE 5 installer's ClusterConfig (nodes, VIPs, CIDRs, NTP, kubeanConfig)
  kubean/cluster.yaml  a kubean Cluster with its hosts and vars ConfigMaps
  kubean/hosts.yml     the kubespray inventory (groups kube_control_plane, kube_node, etcd)
  README.txt           what to do before installing
No secret is written: nodes are reached with an SSH key the files only name.
A plan with error findings is refused (exit 1, the findings on stdout): fix it first.
`;

export const planInstallerCommand: LeafCommand = {
  name: 'installer',
  summary: 'write the installer configuration (DCE 5 ClusterConfig, kubean/kubespray inventory)',
  help: INSTALLER_HELP,
  run(args, io: CliIo) {
    return guarded(io, 'fieldbook plan installer', async () => {
      const flags = flagsOf(args, ['input', 'out'] as const);
      const input = required(flags.input, 'input');
      const out = required(flags.out, 'out');
      const plan = await readPlan(input);
      const result = validatePlan(plan);
      if (!result.valid) {
        writeJson(io, result);
        io.stderr('fieldbook plan installer: the plan has error findings; nothing was written\n');
        return EXIT_FAILURE;
      }
      const files = installerConfig(plan);
      for (const f of files) {
        const target = join(out, f.path);
        await mkdir(dirname(target), { recursive: true });
        await writeFile(target, f.content);
      }
      writeJson(io, { written: files.map((f) => join(out, f.path)) });
      return EXIT_OK;
    });
  },
};

const IMPORT_HELP = `Usage: fieldbook plan import --input plan.xlsx --out plan.json

Reads the planning workbook (sheets 概要, 机器, 网卡, 磁盘, 网络, VIP, 外部依赖, 环境要求,
已接受的警告; headers in Chinese or English, in any order) into a plan JSON. Cells that cannot
be read are listed with sheet, row and column (exit 2, nothing written). The plan is then
validated: its findings are printed, and exit 1 when there are errors (the JSON is written).
`;

const EXPORT_HELP = `Usage: fieldbook plan export --input plan.json --out plan.xlsx [--lang zh|en]

Writes the plan as the planning workbook, one sheet per table, headers in Chinese (default) or
English. import reads it back without loss.
`;

export const planImportCommand: LeafCommand = {
  name: 'import',
  summary: 'read a planning workbook (.xlsx) into a plan JSON',
  help: IMPORT_HELP,
  run(args, io) {
    return guarded(io, 'fieldbook plan import', async () => {
      const flags = flagsOf(args, ['input', 'out'] as const);
      const input = required(flags.input, 'input');
      const out = required(flags.out, 'out');
      const bytes = await readInput(input, 'workbook');
      let result;
      try {
        result = await xlsxToPlan(bytes);
      } catch (e) {
        if (e instanceof PlanSpreadsheetError)
          throw new UnreadableInputError(`${input}: ${e.message}`);
        throw e;
      }
      if (!result.ok) {
        const lines = result.errors.map((e) => `  ${e.message.zh} / ${e.message.en}`);
        throw new UnreadableInputError(`${input} cannot be read as a plan:\n${lines.join('\n')}`);
      }
      const parsed = parsePlan(result.plan);
      if (!parsed.ok) {
        const lines = parsed.errors.map((e) => `  ${e.field || '/'}: ${e.message}`);
        throw new UnreadableInputError(`${input} is not a plan:\n${lines.join('\n')}`);
      }
      await writeFile(out, `${JSON.stringify(parsed.plan, null, 2)}\n`);
      const validation = validatePlan(parsed.plan);
      writeJson(io, validation);
      return validation.valid ? EXIT_OK : EXIT_FAILURE;
    });
  },
};

export const planExportCommand: LeafCommand = {
  name: 'export',
  summary: 'write a plan JSON as the planning workbook (.xlsx)',
  help: EXPORT_HELP,
  run(args, io) {
    return guarded(io, 'fieldbook plan export', async () => {
      const flags = flagsOf(args, ['input', 'out', 'lang'] as const);
      const lang = flags.lang ?? 'zh';
      if (lang !== 'zh' && lang !== 'en')
        throw new UsageError(`invalid --lang: "${lang}" (zh or en)`);
      const plan = await readPlan(required(flags.input, 'input'));
      const out = required(flags.out, 'out');
      await writeFile(out, await planToXlsx(plan, lang));
      writeJson(io, { written: out });
      return EXIT_OK;
    });
  },
};

export const planCommand: GroupCommand = {
  name: 'plan',
  summary: 'deployment plans: validate, spreadsheet import/export, installer configuration',
  commands: [planValidateCommand, planImportCommand, planExportCommand, planInstallerCommand],
};
