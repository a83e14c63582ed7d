/**
 * Which contracts cover a site (and a date): the one rule the incident form, the visit form,
 * the report builders and `openIncident` share.
 *
 * A contract lists the sites it covers in `siteIds`; an empty list means every site of the
 * contract's customer (the contract form's default, shown as “all sites”). Dates are civil
 * dates `yyyy-MM-dd` in the site's zone, and both the start and the end date are covered days.
 */
import type { ContractDoc, IsoDate } from '../db/types';

type Coverage = Pick<ContractDoc, 'customerId' | 'siteIds'>;

/** Whether `contract` covers the site `siteId` of customer `customerId`. */
export function contractCoversSite(
  contract: Coverage,
  site: { id: string; customerId: string },
): boolean {
  if (contract.customerId !== site.customerId) return false;
  return contract.siteIds.length === 0 || contract.siteIds.includes(site.id);
}

/** Whether the civil date `date` lies within the contract's start and end date (both included). */
export function contractValidOn(
  contract: Pick<ContractDoc, 'startDate' | 'endDate'>,
  date: IsoDate,
): boolean {
  return contract.startDate <= date && date <= contract.endDate;
}

/**
 * The contracts that cover `site`, in the given order; with `on`, only those valid on that
 * site-local date.
 */
export function contractsCoveringSite<
  C extends Coverage & Pick<ContractDoc, 'startDate' | 'endDate'>,
>(contracts: readonly C[], site: { id: string; customerId: string }, on?: IsoDate): C[] {
  return contracts.filter(
    (c) => contractCoversSite(c, site) && (on === undefined || contractValidOn(c, on)),
  );
}
