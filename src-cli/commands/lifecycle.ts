import { DateTime } from 'luxon';
import { InputError } from '../../src-shared/domain/errors';
import { lifecycleStatus } from '../../src-shared/domain/lifecycle';
import { inputErrorToUsage, parseStringFlags, requireFlag } from '../flags';
import type { CliIo, LeafCommand } from '../router';
import { EXIT_OK, writeJson } from '../router';

const FLAGS = ['product', 'version', 'at'] as const;
const FLAG_OF_FIELD: Record<string, string> = { product: 'product', version: 'version', at: 'at' };

const HELP = `Usage: fieldbook lifecycle --product <product> --version <x.y.z> [--at <yyyy-MM-dd>]

Support status of a product version on a date (seed 000 lifecycle), printed as JSON.
Support ends AFTER each published date: the EOSS/EOSL day itself is still covered.

Flags:
  --product  product name, e.g. DCE
  --version  version x.y.z; x is the series (DCE 5, DCE 4, DCE 3)
  --at       the date to check, yyyy-MM-dd (default: today on this computer)

Output: {"series", "status", "ga", "eoss", "eosl"}
  status: supported | end-of-standard-support | end-of-life

Example:
  fieldbook lifecycle --product DCE --version 5.0.3 --at 2026-11-23
`;

function run(args: string[], io: CliIo): number {
  const flags = parseStringFlags(args, FLAGS);
  const product = requireFlag(flags, 'product');
  const version = requireFlag(flags, 'version');
  const at = flags.at ?? DateTime.now().toISODate();
  try {
    const r = lifecycleStatus(product, version, at);
    writeJson(io, { series: r.series, status: r.status, ga: r.ga, eoss: r.eoss, eosl: r.eosl });
    return EXIT_OK;
  } catch (e) {
    if (e instanceof InputError) throw inputErrorToUsage(e, FLAG_OF_FIELD);
    throw e;
  }
}

export const lifecycleCommand: LeafCommand = {
  name: 'lifecycle',
  summary: 'support status of a product version on a date',
  help: HELP,
  run,
};
