/**
 * Contract numbers are unique per customer: two contracts of one customer with the same number
 * would make every incident, visit and report that names the number ambiguous. Different
 * customers may use the same number (their numbering schemes are their own).
 */
import type { ContractDoc } from '../db/types';
import { InputError } from './errors';

/**
 * The form of a number compared for uniqueness: trimmed, inner whitespace collapsed, letters
 * upper-cased (“dc-2026-01 ” and “DC-2026-01” are the same contract number on paper).
 */
export function contractNumberKey(number: string): string {
  return number.trim().replace(/\s+/g, ' ').toUpperCase();
}

/** The other contract of `customerId` that already has `number`, if any (`exceptId` is the edited one). */
export function duplicateContractNumber(
  contracts: readonly Pick<ContractDoc, 'id' | 'customerId' | 'number'>[],
  candidate: { customerId: string; number: string; exceptId?: string },
): Pick<ContractDoc, 'id' | 'customerId' | 'number'> | undefined {
  const key = contractNumberKey(candidate.number);
  return contracts.find(
    (c) =>
      c.customerId === candidate.customerId &&
      c.id !== candidate.exceptId &&
      contractNumberKey(c.number) === key,
  );
}

/** Throws InputError (field `number`, code `duplicateContractNumber`) for a number in use. */
export function requireUniqueContractNumber(
  contracts: readonly Pick<ContractDoc, 'id' | 'customerId' | 'number'>[],
  candidate: { customerId: string; number: string; exceptId?: string },
): void {
  const other = duplicateContractNumber(contracts, candidate);
  if (other !== undefined) {
    throw new InputError(
      `customer ${candidate.customerId} already has contract number ${other.number}`,
      'number',
      { code: 'duplicateContractNumber', params: { number: other.number } },
    );
  }
}
