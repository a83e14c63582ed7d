import { samplePlan } from '../../src-shared/domain/planning/sample-plan';
import { sampleOpsSnapshot } from '../../src-shared/reports/kinds/ops-service-report/sample';
import { sampleAcceptanceSnapshot } from '../../src-shared/reports/kinds/acceptance-report/sample';
import { sampleEntrySnapshot } from '../../src-shared/reports/kinds/entry-report/sample';
import { sampleUpgradeRecordSnapshot } from '../../src-shared/reports/kinds/upgrade-record/sample';
import { sampleImplementationRecordSnapshot } from '../../src-shared/reports/kinds/implementation-record/sample';
import { sampleFaultSnapshot, sampleInspectionSnapshot } from '../../src-shared/reports/sample';
import type { CliIo, GroupCommand, LeafCommand } from '../router';
import { EXIT_OK, UsageError, writeJson } from '../router';
import { parseLine, processIo, runStandalone, writeOutput } from './cli-io';

const INSPECTION_HELP = `Usage: fieldbook sample inspection [--nodes N] [--seed S] [--template-version V] [--photos P] [--out snapshot.json]

Writes a realistic inspection report snapshot (the JSON a report is rendered from, see
src-shared/reports/inspection-snapshot.schema.json) for a fictitious bank's DCE cluster.
Deterministic: the same flags give the same JSON.

Flags:
  --nodes             nodes of the cluster, control-plane + worker (default 6; 3 control-plane from 5 on)
  --seed              seed of the generated measurements (default 20260306)
  --template-version  version of the dce-s360-inspection template (default: latest)
  --photos            evidence photos, at least 2 (default 3)
  --out               file to write (default: standard output)
`;

const FAULT_HELP = `Usage: fieldbook sample fault [--out snapshot.json]

Writes a realistic fault report snapshot (src-shared/reports/fault-snapshot.schema.json): a
level 2 incident, reclassified from 3, paused once, responded on time and closed.
`;

function intFlag(
  value: string | undefined,
  name: string,
  min: number,
  max: number,
): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new UsageError(`invalid --${name}: expected an integer ${min}–${max}, got "${value}"`);
  }
  return n;
}

async function emit(io: CliIo, out: string | undefined, value: unknown): Promise<void> {
  if (out === undefined) writeJson(io, value);
  else await writeOutput(out, `${JSON.stringify(value, null, 2)}\n`);
}

export const sampleInspectionCommand: LeafCommand = {
  name: 'inspection',
  summary: 'write a sample inspection report snapshot',
  help: INSPECTION_HELP,
  async run(args, io) {
    const { flags, positionals } = parseLine(args, [
      'nodes',
      'seed',
      'template-version',
      'photos',
      'out',
    ] as const);
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const nodes = intFlag(flags.nodes, 'nodes', 1, 2000);
    const seed = intFlag(flags.seed, 'seed', 0, 2 ** 31);
    const templateVersion = intFlag(flags['template-version'], 'template-version', 1, 1000);
    const photos = intFlag(flags.photos, 'photos', 2, 200);
    let snapshot;
    try {
      snapshot = sampleInspectionSnapshot({
        ...(nodes !== undefined ? { nodes } : {}),
        ...(seed !== undefined ? { seed } : {}),
        ...(templateVersion !== undefined ? { templateVersion } : {}),
        ...(photos !== undefined ? { photos } : {}),
      });
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    await emit(io, flags.out, snapshot);
    return EXIT_OK;
  },
};

export const sampleFaultCommand: LeafCommand = {
  name: 'fault',
  summary: 'write a sample fault report snapshot',
  help: FAULT_HELP,
  async run(args, io) {
    const { flags, positionals } = parseLine(args, ['out'] as const);
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    await emit(io, flags.out, sampleFaultSnapshot());
    return EXIT_OK;
  },
};

const PLAN_HELP = `Usage: fieldbook sample plan [--out plan.json]

Writes a realistic DCE 5 production deployment plan in the 7-node mode (1 bootstrap + 3 masters
+ 3 workers, bonded management network, storage network, API/ingress/insight VIPs) that
validates without findings (see fieldbook plan validate).
`;

export const samplePlanCommand: LeafCommand = {
  name: 'plan',
  summary: 'write a sample deployment plan',
  help: PLAN_HELP,
  async run(args, io) {
    const { flags, positionals } = parseLine(args, ['out'] as const);
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    await emit(io, flags.out, samplePlan());
    return EXIT_OK;
  },
};

const OPS_HELP = `Usage: fieldbook sample ops [--out period.json]

Writes a realistic operations service report snapshot (运维服务报告, September 2026 monthly
report on the 5x8 package): the period's incidents and inspections, the ops lists, the service
plan, backup and cost fields, and the SLA and inspection figures computed from them. Render it
with fieldbook report render ops --input period.json --out report.pdf.
`;

export const sampleOpsCommand: LeafCommand = {
  name: 'ops',
  summary: 'write a sample operations service report snapshot',
  help: OPS_HELP,
  async run(args, io) {
    const { flags, positionals } = parseLine(args, ['out'] as const);
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    await emit(io, flags.out, sampleOpsSnapshot());
    return EXIT_OK;
  },
};

const ACCEPTANCE_HELP = `Usage: fieldbook sample acceptance [--out acceptance.json]

Writes a realistic acceptance report snapshot (验收报告): a 5x8 ops contract ended 2026-09-30,
every promised deliverable with its status (signed / missing / waived), a punch list, the
customer's 7-day confirmation deadline, and revision 2 answering the customer's rejection of
revision 1. Render it with fieldbook report render acceptance --input acceptance.json --out a.pdf.
`;

export const sampleAcceptanceCommand: LeafCommand = {
  name: 'acceptance',
  summary: 'write a sample acceptance report snapshot',
  help: ACCEPTANCE_HELP,
  async run(args, io) {
    const { flags, positionals } = parseLine(args, ['out'] as const);
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    await emit(io, flags.out, sampleAcceptanceSnapshot());
    return EXIT_OK;
  },
};

const ENTRY_HELP = `Usage: fieldbook sample entry [--out entry.json]

Writes a realistic operations entry report snapshot (运维进场报告): a resident 5x8 ops service
whose signed service start and end dates become the service period of the other reports.
`;

export const sampleEntryCommand: LeafCommand = {
  name: 'entry',
  summary: 'write a sample operations entry report snapshot',
  help: ENTRY_HELP,
  async run(args, io) {
    const { flags, positionals } = parseLine(args, ['out'] as const);
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    await emit(io, flags.out, sampleEntrySnapshot());
    return EXIT_OK;
  },
};

/** `sample upgrade` / `sample implementation`: a record made by running the real template. */
function recordSample(
  name: string,
  summary: string,
  help: string,
  make: () => unknown,
): LeafCommand {
  return {
    name,
    summary,
    help,
    async run(args, io) {
      const { flags, positionals } = parseLine(args, ['out'] as const);
      if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
      await emit(io, flags.out, make());
      return EXIT_OK;
    },
  };
}

export const sampleUpgradeCommand = recordSample(
  'upgrade',
  'write a sample upgrade record snapshot',
  `Usage: fieldbook sample upgrade [--out run.json]

Writes a realistic upgrade record snapshot (升级记录): DCE 5.0.3 → 5.1.0 with an emergency-change
window, a failed control-plane batch and the rollback entered from it, made by running the real
dce5-minor-upgrade template. Render it with fieldbook report render upgrade --input run.json.
`,
  sampleUpgradeRecordSnapshot,
);

export const sampleImplementationCommand = recordSample(
  'implementation',
  'write a sample implementation record snapshot',
  `Usage: fieldbook sample implementation [--out run.json]

Writes a realistic implementation record snapshot (实施记录): a DCE 5 installation checklist run
with a failed and retried prerequisite and the full installer log in the appendix. Render it with
fieldbook report render implementation --input run.json --out record.pdf.
`,
  sampleImplementationRecordSnapshot,
);

export const sampleCommand: GroupCommand = {
  name: 'sample',
  summary: 'write sample report snapshots and plans (JSON)',
  commands: [
    sampleInspectionCommand,
    sampleFaultCommand,
    samplePlanCommand,
    sampleOpsCommand,
    sampleAcceptanceCommand,
    sampleEntryCommand,
    sampleUpgradeCommand,
    sampleImplementationCommand,
  ],
};

/** `fieldbook sample …` on its own (argv without the word "sample"). */
export function run(argv: string[], io: CliIo = processIo): Promise<number> {
  return runStandalone('fieldbook sample', sampleCommand, argv, io);
}
