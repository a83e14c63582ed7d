import { describe, expect, it } from 'vitest';
import type { ContractDoc } from '../db/types';
import { contractCoversSite, contractValidOn, contractsCoveringSite } from './contract-coverage';

const T0 = '2026-01-01T00:00:00.000Z';

function contract(id: string, siteIds: string[], customerId = 'CUST1'): ContractDoc {
  return {
    id,
    customerId,
    number: id,
    packId: 'dce-support',
    services: ['SNS'],
    tier: 'standard',
    startDate: '2026-01-01',
    endDate: '2026-12-31',
    validityRule: 'licence-activation',
    siteIds,
    clusterIds: [],
    createdAt: T0,
    updatedAt: T0,
  };
}

const site = { id: 'SITE1', customerId: 'CUST1' };

describe('contract coverage', () => {
  it('an empty site list covers every site of the same customer', () => {
    expect(contractCoversSite(contract('all', []), site)).toBe(true);
    expect(contractCoversSite(contract('all', [], 'CUST2'), site)).toBe(false);
  });

  it('a listed site list covers exactly those sites', () => {
    expect(contractCoversSite(contract('k', ['SITE1', 'SITE2']), site)).toBe(true);
    expect(contractCoversSite(contract('k', ['SITE2']), site)).toBe(false);
  });

  it('start and end dates are both covered days', () => {
    const k = contract('k', []);
    expect(contractValidOn(k, '2025-12-31')).toBe(false);
    expect(contractValidOn(k, '2026-01-01')).toBe(true);
    expect(contractValidOn(k, '2026-12-31')).toBe(true);
    expect(contractValidOn(k, '2027-01-01')).toBe(false);
  });

  it('lists the covering contracts in order, optionally valid on a date', () => {
    const list = [
      contract('all', []),
      contract('other', ['SITE2']),
      contract('mine', ['SITE1']),
      { ...contract('old', []), endDate: '2026-03-31' },
    ];
    expect(contractsCoveringSite(list, site).map((c) => c.id)).toEqual(['all', 'mine', 'old']);
    expect(contractsCoveringSite(list, site, '2026-06-01').map((c) => c.id)).toEqual([
      'all',
      'mine',
    ]);
  });
});
