import { describe, expect, it } from 'vitest';
import { InputError } from './errors';
import {
  contractNumberKey,
  duplicateContractNumber,
  requireUniqueContractNumber,
} from './contract-number';

const contracts = [
  { id: 'K1', customerId: 'C1', number: 'DC-2026-0158' },
  { id: 'K2', customerId: 'C2', number: 'DC-2026-0200' },
];

describe('contract numbers are unique per customer', () => {
  it('compares trimmed, whitespace-collapsed, case-insensitive', () => {
    expect(contractNumberKey('  dc-2026  0158 ')).toBe('DC-2026 0158');
  });

  it('finds the same number of the same customer, not of another customer', () => {
    expect(
      duplicateContractNumber(contracts, { customerId: 'C1', number: ' dc-2026-0158' })?.id,
    ).toBe('K1');
    expect(
      duplicateContractNumber(contracts, { customerId: 'C2', number: 'DC-2026-0158' }),
    ).toBeUndefined();
  });

  it('an edited contract keeps its own number', () => {
    expect(
      duplicateContractNumber(contracts, {
        customerId: 'C1',
        number: 'DC-2026-0158',
        exceptId: 'K1',
      }),
    ).toBeUndefined();
  });

  it('refuses a duplicate with an InputError on the number field', () => {
    let caught: unknown;
    try {
      requireUniqueContractNumber(contracts, { customerId: 'C1', number: 'DC-2026-0158' });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(InputError);
    expect(caught).toMatchObject({
      field: 'number',
      code: 'duplicateContractNumber',
      params: { number: 'DC-2026-0158' },
    });
  });
});
