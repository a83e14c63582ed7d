/**
 * Live name/zone lookups shared by the visits and incidents screens: lists show a customer's and
 * a site's name for each row, and every time is shown in the row's site zone.
 */
import { useMemo } from 'react';
import type { ContractDoc, CustomerDoc, SiteDoc } from '../../../src-shared/db/types';
import { useRxQuery } from '../../db/hooks';

export interface Lookups {
  customers: CustomerDoc[];
  customerById: ReadonlyMap<string, CustomerDoc>;
  siteById: ReadonlyMap<string, SiteDoc>;
  sites: SiteDoc[];
  loading: boolean;
}

export function useLookups(): Lookups {
  const customers = useRxQuery((db) => db.customers.find({ sort: [{ name: 'asc' }] }), []);
  const sites = useRxQuery((db) => db.sites.find(), []);
  return useMemo(
    () => ({
      customers: customers.docs,
      customerById: new Map(customers.docs.map((c) => [c.id, c])),
      sites: sites.docs,
      siteById: new Map(sites.docs.map((s) => [s.id, s])),
      loading: customers.loading || sites.loading,
    }),
    [customers.docs, customers.loading, sites.docs, sites.loading],
  );
}

/** The sites of one customer, by name. */
export function useCustomerSites(customerId: string | undefined): SiteDoc[] {
  return useRxQuery(
    (db) =>
      customerId === undefined || customerId === ''
        ? null
        : db.sites.find({ selector: { customerId }, sort: [{ name: 'asc' }] }),
    [customerId],
  ).docs;
}

/** The contracts of one customer, newest end date first. */
export function useCustomerContracts(customerId: string | undefined): ContractDoc[] {
  return useRxQuery(
    (db) =>
      customerId === undefined || customerId === ''
        ? null
        : db.contracts.find({ selector: { customerId }, sort: [{ endDate: 'desc' }] }),
    [customerId],
  ).docs;
}
