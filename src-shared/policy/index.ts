/**
 * The policy packs the app and the server load. Built-in packs ship with the code; packs edited
 * on the server arrive as data and are checked with `validatePolicyPack` before use.
 */
import type { PolicyPackId } from '../db/types';
import { InputError } from '../domain/errors';
import { DCE_SUPPORT_PACK } from './dce-support';
import { PRIVATE_CLOUD_OPS_PACK } from './private-cloud-ops';
import type { PolicyPack, ResponseTarget } from './types';

export type * from './types';
export { DCE_SUPPORT_PACK } from './dce-support';
export { PRIVATE_CLOUD_OPS_PACK } from './private-cloud-ops';

export const BUILTIN_POLICY_PACKS: readonly PolicyPack[] = [
  DCE_SUPPORT_PACK,
  PRIVATE_CLOUD_OPS_PACK,
];

/**
 * The pack `id`: from `packs` when given (a synced pack replaces the built-in one of the same
 * id), otherwise the built-in. Throws InputError (field `packId`) for an unknown id.
 */
export function getPolicyPack(id: PolicyPackId, packs?: readonly PolicyPack[]): PolicyPack {
  const pack = packs?.find((p) => p.id === id) ?? BUILTIN_POLICY_PACKS.find((p) => p.id === id);
  if (!pack) {
    const known = [...new Set([...(packs ?? []), ...BUILTIN_POLICY_PACKS].map((p) => p.id))];
    throw new InputError(
      `unknown policy pack "${String(id)}"; known: ${known.join(', ')}`,
      'packId',
    );
  }
  return pack;
}

/**
 * The response target of `tier` × `level` in `pack`. Throws InputError (field `tier` or
 * `level`) naming the ids the pack knows.
 */
export function responseTarget(pack: PolicyPack, tier: string, level: string): ResponseTarget {
  const row = Object.prototype.hasOwnProperty.call(pack.responseMatrix, tier)
    ? pack.responseMatrix[tier]
    : undefined;
  if (!row || !pack.tiers.some((t) => t.id === tier)) {
    throw new InputError(
      `unknown tier "${tier}" in pack ${pack.id}; known: ${pack.tiers.map((t) => t.id).join(', ')}`,
      'tier',
    );
  }
  const target = Object.prototype.hasOwnProperty.call(row, level) ? row[level] : undefined;
  if (!target || !pack.levels.some((l) => l.id === level)) {
    throw new InputError(
      `unknown level "${level}" in pack ${pack.id}; known: ${pack.levels.map((l) => l.id).join(', ')}`,
      'level',
    );
  }
  return target;
}

/** Whether the pack lets the SLA clock pause for `reason`. */
export function isAllowedPauseReason(pack: PolicyPack, reason: string): boolean {
  return pack.pauseReasons.some((r) => r.id === reason);
}
