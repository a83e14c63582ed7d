/**
 * Upgrade planning rules (issue 9 §3): the upgrade path goes one minor version at a time, and
 * seed 000's change control needs 28 days' notice (rule `change-control-notice-28-days` of the
 * dce-support pack): a maintenance window closer than that to the approval request needs an
 * explicit emergency-change reason.
 */
import { InputError } from '../errors';
import { parseVersion } from '../lifecycle';

/** Seed 000: 至少提前 28 天发出通知. */
export const CHANGE_NOTICE_DAYS = 28;

export interface UpgradeHop {
  from: string;
  /** The exact target on the last hop; `x.y.x` (the newest patch of that minor) before it. */
  to: string;
}

/**
 * The runs an upgrade from `from` to `to` takes: one per minor version (5.0.3 → 5.2.1 is
 * 5.0.3 → 5.1.x, then 5.1.x → 5.2.1). A patch upgrade within one minor is one hop. Throws
 * InputError for malformed versions, a downgrade or a change of major version (a new DCE
 * generation is a new installation, not an upgrade run).
 */
export function upgradePath(from: string, to: string): UpgradeHop[] {
  const a = parseVersion(from);
  const b = parseVersion(to);
  if (a === null)
    throw new InputError(`not a version x.y.z: ${from}`, 'fromVersion', {
      code: 'procedureBadVersion',
    });
  if (b === null)
    throw new InputError(`not a version x.y.z: ${to}`, 'toVersion', {
      code: 'procedureBadVersion',
    });
  if (a.major !== b.major) {
    throw new InputError(`${from} → ${to} changes the major version`, 'toVersion', {
      code: 'procedureMajorUpgrade',
    });
  }
  const order = (v: typeof a) => v.minor * 1_000_000 + v.patch;
  if (order(b) <= order(a)) {
    throw new InputError(`${to} is not newer than ${from}`, 'toVersion', {
      code: 'procedureNotNewer',
    });
  }
  const hops: UpgradeHop[] = [];
  let current = from;
  for (let minor = a.minor + 1; minor < b.minor; minor++) {
    const next = `${a.major}.${minor}.x`;
    hops.push({ from: current, to: next });
    current = next;
  }
  hops.push({ from: current, to });
  return hops;
}

export interface NoticeCheck {
  /** Whole days between the approval request and the window's start (rounded down). */
  noticeDays: number;
  /** Less notice than `CHANGE_NOTICE_DAYS`. */
  short: boolean;
}

/** Notice between the approval request and the window's start, both instants with offset. */
export function changeNotice(requestedAt: string, windowStart: string): NoticeCheck {
  const r = Date.parse(requestedAt);
  const w = Date.parse(windowStart);
  if (Number.isNaN(r))
    throw new InputError(`not an instant: ${requestedAt}`, 'requestedAt', { code: 'badInstant' });
  if (Number.isNaN(w))
    throw new InputError(`not an instant: ${windowStart}`, 'windowStart', { code: 'badInstant' });
  const noticeDays = Math.floor((w - r) / 86_400_000);
  return { noticeDays, short: noticeDays < CHANGE_NOTICE_DAYS };
}

/**
 * Accepts a maintenance window: with short notice it needs a non-blank emergency-change reason
 * (InputError `procedureShortNotice` otherwise); a window that starts before the request is
 * refused outright.
 */
export function checkWindow(
  requestedAt: string,
  windowStart: string,
  emergencyReason?: string,
): NoticeCheck & { emergency: boolean } {
  const n = changeNotice(requestedAt, windowStart);
  if (Date.parse(windowStart) < Date.parse(requestedAt)) {
    throw new InputError('the window starts before the approval request', 'windowStart', {
      code: 'procedureWindowInPast',
    });
  }
  if (n.short && (emergencyReason ?? '').trim() === '') {
    throw new InputError(
      `the window is ${n.noticeDays} days after the request; ${CHANGE_NOTICE_DAYS} days' notice or an emergency-change reason is required`,
      'emergencyReason',
      {
        code: 'procedureShortNotice',
        params: { days: n.noticeDays, required: CHANGE_NOTICE_DAYS },
      },
    );
  }
  return { ...n, emergency: n.short };
}
