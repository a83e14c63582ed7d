/** Form values ⇄ contract documents, and the contract's status on a date (pure; unit-tested). */
import type { ContractDoc, PolicyPackId, ValidityRule } from '../../../src-shared/db/types';
import { getPolicyPack } from '../../../src-shared/policy/index';
import { optionalText } from '../../components/form-rules';

export const PACK_IDS: readonly PolicyPackId[] = ['dce-support', 'private-cloud-ops'];

export const VALIDITY_RULES: readonly ValidityRule[] = [
  'licence-activation',
  'appliance-delivery',
  'new-cluster-expansion',
  'shares-original-cluster',
];

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface ContractFormValues {
  number: string;
  packId: PolicyPackId;
  services: string[];
  tier: string;
  /** `yyyy-MM-dd` */
  startDate: string;
  /** `yyyy-MM-dd` */
  endDate: string;
  validityRule: ValidityRule;
  siteIds?: string[];
  clusterIds?: string[];
  notes?: string;
}

export function contractToForm(doc: ContractDoc): ContractFormValues {
  return {
    number: doc.number,
    packId: doc.packId,
    services: [...doc.services],
    tier: doc.tier,
    startDate: doc.startDate,
    endDate: doc.endDate,
    validityRule: doc.validityRule,
    siteIds: [...doc.siteIds],
    clusterIds: [...doc.clusterIds],
    notes: doc.notes ?? '',
  };
}

/**
 * The contract to store. Checks what the form checks (so a bypassed form cannot store nonsense):
 * services and tier exist in the chosen pack, the dates are real and in order.
 */
export function contractFromForm(
  values: ContractFormValues,
  now: string,
  existing: ContractDoc | { id: string; customerId: string },
): ContractDoc {
  const number = optionalText(values.number);
  if (number === undefined) throw new Error('contract number is required');
  const pack = getPolicyPack(values.packId);
  const services = [...new Set(values.services ?? [])];
  if (services.length === 0) throw new Error('at least one service is required');
  const unknown = services.filter((s) => !pack.services.some((p) => p.code === s));
  if (unknown.length > 0) throw new Error(`services not in pack ${pack.id}: ${unknown.join(', ')}`);
  if (!pack.tiers.some((t) => t.id === values.tier)) {
    throw new Error(`tier "${values.tier}" is not in pack ${pack.id}`);
  }
  for (const d of [values.startDate, values.endDate]) {
    if (typeof d !== 'string' || !ISO_DATE.test(d)) throw new Error(`not a date yyyy-MM-dd: ${d}`);
  }
  if (values.endDate < values.startDate) throw new Error('end date is before start date');
  if (!VALIDITY_RULES.includes(values.validityRule)) throw new Error('unknown validity rule');
  const doc: ContractDoc = {
    id: existing.id,
    customerId: existing.customerId,
    createdAt: 'createdAt' in existing ? existing.createdAt : now,
    updatedAt: now,
    number,
    packId: pack.id,
    services,
    tier: values.tier,
    startDate: values.startDate,
    endDate: values.endDate,
    validityRule: values.validityRule,
    siteIds: [...new Set(values.siteIds ?? [])],
    clusterIds: [...new Set(values.clusterIds ?? [])],
  };
  const notes = optionalText(values.notes);
  if (notes !== undefined) doc.notes = notes;
  return doc;
}

export type ContractStatus = 'upcoming' | 'active' | 'expired';

/** Status on the civil date `today`; both the start and the end date are covered days. */
export function contractStatus(
  doc: Pick<ContractDoc, 'startDate' | 'endDate'>,
  today: string,
): ContractStatus {
  if (today < doc.startDate) return 'upcoming';
  if (today > doc.endDate) return 'expired';
  return 'active';
}

/** Covered days left including today, for an active contract. */
export function daysLeft(doc: Pick<ContractDoc, 'endDate'>, today: string): number {
  const ms = Date.parse(`${doc.endDate}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`);
  return Math.round(ms / 86_400_000) + 1;
}
