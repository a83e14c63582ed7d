import { describe, expect, it } from 'vitest';
import { contractFromForm, contractStatus, contractToForm, daysLeft } from './contract-form';
import type { ContractFormValues } from './contract-form';

const NOW = '2026-11-23T10:00:00.000+08:00';
const VALUES: ContractFormValues = {
  number: ' DC-2026-0158 ',
  packId: 'dce-support',
  services: ['SNS', 'PDS', 'SNS'],
  tier: 'standard',
  startDate: '2026-01-01',
  endDate: '2026-12-31',
  validityRule: 'licence-activation',
  siteIds: ['S1'],
  clusterIds: [],
};
const IDS = { id: 'K1', customerId: 'C1' };

describe('contractFromForm', () => {
  it('builds a contract, de-duplicating services, and round-trips it', () => {
    const doc = contractFromForm(VALUES, NOW, IDS);
    expect(doc).toMatchObject({
      number: 'DC-2026-0158',
      packId: 'dce-support',
      services: ['SNS', 'PDS'],
      tier: 'standard',
      siteIds: ['S1'],
      clusterIds: [],
    });
    expect(contractFromForm(contractToForm(doc), NOW, doc)).toEqual(doc);
  });

  it('refuses services and tiers of another pack', () => {
    expect(() =>
      contractFromForm({ ...VALUES, services: ['resource-inspection'] }, NOW, IDS),
    ).toThrow(/resource-inspection/);
    expect(() => contractFromForm({ ...VALUES, tier: '7x24' }, NOW, IDS)).toThrow(/7x24/);
    expect(() =>
      contractFromForm(
        { ...VALUES, packId: 'private-cloud-ops', services: ['resource-inspection'], tier: '7x24' },
        NOW,
        IDS,
      ),
    ).not.toThrow();
  });

  it('refuses an end before the start, malformed dates and no service', () => {
    expect(() => contractFromForm({ ...VALUES, endDate: '2025-12-31' }, NOW, IDS)).toThrow(
      /before/,
    );
    expect(() => contractFromForm({ ...VALUES, startDate: '2026/01/01' }, NOW, IDS)).toThrow(
      /date/,
    );
    expect(() => contractFromForm({ ...VALUES, services: [] }, NOW, IDS)).toThrow(/service/);
  });
});

describe('contractStatus', () => {
  const c = { startDate: '2026-01-01', endDate: '2026-12-31' };
  it('covers the first and the last day', () => {
    expect(contractStatus(c, '2025-12-31')).toBe('upcoming');
    expect(contractStatus(c, '2026-01-01')).toBe('active');
    expect(contractStatus(c, '2026-12-31')).toBe('active');
    expect(contractStatus(c, '2027-01-01')).toBe('expired');
    expect(daysLeft(c, '2026-12-31')).toBe(1);
    expect(daysLeft(c, '2026-11-23')).toBe(39);
  });
});
