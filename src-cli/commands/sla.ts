import type { PolicyPackId } from '../../src-shared/db/types';
import { InputError } from '../../src-shared/domain/errors';
import { computeDue } from '../../src-shared/domain/sla';
import { inputErrorToUsage, parseStringFlags, requireFlag } from '../flags';
import type { CliIo, GroupCommand } from '../router';
import { EXIT_OK, UsageError, writeJson } from '../router';

const DUE_FLAGS = ['pack', 'tier', 'level', 'opened', 'tz', 'calendar'] as const;

/** Which flag carries each SlaClockInput field, so errors name what the user typed. */
const FLAG_OF_FIELD: Record<string, string> = {
  packId: 'pack',
  tier: 'tier',
  level: 'level',
  openedAt: 'opened',
  timeZone: 'tz',
  calendar: 'calendar',
};

const DUE_HELP = `Usage: fieldbook sla due --pack <pack> --tier <tier> --level <level> --opened <instant> --tz <zone> [--calendar cn|none]

When the first response to an incident is due (PRODUCT.md §3), printed as JSON.

Flags:
  --pack      dce-support | private-cloud-ops
  --tier      dce-support: standard | advanced | professional
              private-cloud-ops: 5x8 | 7x24
  --level     dce-support: 1 | 2 | 3 | 4 | 5
              private-cloud-ops: P1 | P2 | P3 | P4 | request
  --opened    the customer's first contact, ISO-8601 WITH offset (2026-03-06T17:00:00+08:00)
  --tz        the site's IANA time zone (Asia/Shanghai); the clock counts in this zone
  --calendar  the site's holiday calendar: cn (default, mainland China) | none (weekends only)

Output: {"dueAt", "coverage", "target", "clockStartAt", "missingCalendarYears", "pack", "tier", "level"}
  dueAt is in the site zone with offset; null when the level has no time target.

Example:
  fieldbook sla due --pack dce-support --tier standard --level 2 --opened 2026-03-06T17:00:00+08:00 --tz Asia/Shanghai
`;

function runDue(args: string[], io: CliIo): number {
  const flags = parseStringFlags(args, DUE_FLAGS);
  const pack = requireFlag(flags, 'pack');
  const tier = requireFlag(flags, 'tier');
  const level = requireFlag(flags, 'level');
  const opened = requireFlag(flags, 'opened');
  const tz = requireFlag(flags, 'tz');
  const calendar = flags.calendar ?? 'cn';
  if (calendar !== 'cn' && calendar !== 'none') {
    throw new UsageError(`invalid --calendar: "${calendar}"; expected cn or none`);
  }
  try {
    const due = computeDue({
      packId: pack as PolicyPackId,
      tier,
      level,
      openedAt: opened,
      timeZone: tz,
      calendar,
    });
    writeJson(io, {
      dueAt: due.dueAt,
      coverage: due.coverage,
      target: due.target,
      clockStartAt: due.clockStartAt,
      missingCalendarYears: due.missingCalendarYears,
      pack,
      tier,
      level,
    });
    return EXIT_OK;
  } catch (e) {
    if (e instanceof InputError) throw inputErrorToUsage(e, FLAG_OF_FIELD);
    throw e;
  }
}

export const slaCommand: GroupCommand = {
  name: 'sla',
  summary: 'SLA clock of incidents',
  commands: [
    {
      name: 'due',
      summary: 'when the first response to an incident is due',
      help: DUE_HELP,
      run: runDue,
    },
  ],
};
