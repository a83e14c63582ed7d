/**
 * Product lifecycle (seed 000 “生命周期公告”): whether a product version is still supported on a
 * given date. The seed says support ends *after* each date (“…日后停止”): the EOSS/EOSL date
 * itself is still covered, the next day is not.
 */
import type { IsoDate } from '../db/types';
import { BUILTIN_POLICY_PACKS } from '../policy/index';
import type { LifecycleEntry, PolicyPack } from '../policy/types';
import { parseIsoDate } from './calendar';
import { InputError } from './errors';

export type LifecycleStatus = 'supported' | 'end-of-standard-support' | 'end-of-life';

export interface LifecycleResult {
  series: string;
  status: LifecycleStatus;
  ga: IsoDate;
  eoss: IsoDate;
  eosl: IsoDate;
  /** The series was generally available on `at` (false for a date before GA). */
  releasedOnDate: boolean;
}

const VERSION_RE = /^(\d{1,6})\.(\d{1,6})\.(\d{1,6})$/;

/** Version `x.y.z` (x = major = DCE generation, y = minor, z = maintenance); null otherwise. */
export function parseVersion(v: string): { major: number; minor: number; patch: number } | null {
  const m = typeof v === 'string' ? VERSION_RE.exec(v.trim()) : null;
  if (!m) return null;
  return { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]) };
}

/** Lifecycle entries of every pack; a given pack's entry replaces a built-in one. */
function lifecycleEntries(packs: readonly PolicyPack[] | undefined): LifecycleEntry[] {
  const byKey = new Map<string, LifecycleEntry>();
  for (const pack of [...BUILTIN_POLICY_PACKS, ...(packs ?? [])]) {
    for (const e of pack.lifecycle) byKey.set(`${e.product}\u0000${e.major}`, e);
  }
  return [...byKey.values()];
}

/**
 * The support status of `product` `version` on the civil date `at`. Throws InputError for a
 * malformed version or date (fields `version`, `at`) and for a product or series the packs do
 * not know (fields `product`, `version`; the message lists the known ones).
 */
export function lifecycleStatus(
  product: string,
  version: string,
  at: IsoDate,
  packs?: readonly PolicyPack[],
): LifecycleResult {
  const v = parseVersion(version);
  if (!v) {
    throw new InputError(`version: "${version}" is not a version x.y.z (e.g. 5.0.3)`, 'version');
  }
  parseIsoDate(at, 'at');
  const entries = lifecycleEntries(packs);
  const ofProduct = entries.filter((e) => e.product === product);
  if (ofProduct.length === 0) {
    const products = [...new Set(entries.map((e) => e.product))];
    throw new InputError(
      `product: no lifecycle data for "${product}"; known products: ${products.join(', ')}`,
      'product',
    );
  }
  const entry = ofProduct.find((e) => e.major === v.major);
  if (!entry) {
    const known = ofProduct
      .slice()
      .sort((a, b) => b.major - a.major)
      .map((e) => e.series);
    throw new InputError(
      `version: ${product} ${version} belongs to no known series; known series: ${known.join(', ')}`,
      'version',
    );
  }
  const status: LifecycleStatus =
    at <= entry.eoss ? 'supported' : at <= entry.eosl ? 'end-of-standard-support' : 'end-of-life';
  return {
    series: entry.series,
    status,
    ga: entry.ga,
    eoss: entry.eoss,
    eosl: entry.eosl,
    releasedOnDate: at >= entry.ga,
  };
}
