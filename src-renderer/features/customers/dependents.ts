/**
 * What still refers to a record the engineer wants to delete. Deleting is a tombstone that
 * replicates; deleting a customer, site, cluster or contract that other records still point to
 * would leave them dangling (invisible incidents, contracts covering nothing), so the screens
 * refuse and say what is in the way.
 */
import type { FieldbookDatabase } from '../../db/database';

export type DependentKind =
  'sites' | 'clusters' | 'contracts' | 'visits' | 'incidents' | 'inspections' | 'procedureRuns';

export type Dependents = Partial<Record<DependentKind, number>>;

function nonZero(counts: Record<DependentKind, number>): Dependents {
  const out: Dependents = {};
  for (const [k, n] of Object.entries(counts) as [DependentKind, number][]) if (n > 0) out[k] = n;
  return out;
}

export async function dependentsOfCustomer(
  db: FieldbookDatabase,
  customerId: string,
): Promise<Dependents> {
  const selector = { customerId };
  const [sites, clusters, contracts, visits, incidents, inspections, procedureRuns] =
    await Promise.all([
      db.sites.count({ selector }).exec(),
      db.clusters.count({ selector }).exec(),
      db.contracts.count({ selector }).exec(),
      db.visits.count({ selector }).exec(),
      db.incidents.count({ selector }).exec(),
      db.inspections.count({ selector }).exec(),
      db.procedureRuns.count({ selector }).exec(),
    ]);
  return nonZero({ sites, clusters, contracts, visits, incidents, inspections, procedureRuns });
}

export async function dependentsOfSite(
  db: FieldbookDatabase,
  customerId: string,
  siteId: string,
): Promise<Dependents> {
  const [clusters, contracts, visits, incidents, inspections, procedureRuns] = await Promise.all([
    db.clusters.count({ selector: { siteId } }).exec(),
    db.contracts.find({ selector: { customerId } }).exec(),
    db.visits.count({ selector: { siteId } }).exec(),
    db.incidents.count({ selector: { customerId, siteId } }).exec(),
    db.inspections.count({ selector: { customerId, siteId } }).exec(),
    db.procedureRuns.count({ selector: { customerId, siteId } }).exec(),
  ]);
  return nonZero({
    sites: 0,
    clusters,
    contracts: contracts.filter((c) => c.siteIds.includes(siteId)).length,
    visits,
    incidents,
    inspections,
    procedureRuns,
  });
}

export async function dependentsOfCluster(
  db: FieldbookDatabase,
  customerId: string,
  clusterId: string,
): Promise<Dependents> {
  const [contracts, incidents, inspections, procedureRuns] = await Promise.all([
    db.contracts.find({ selector: { customerId } }).exec(),
    db.incidents.count({ selector: { customerId, clusterId } }).exec(),
    db.inspections.find({ selector: { customerId } }).exec(),
    db.procedureRuns.count({ selector: { customerId, clusterId } }).exec(),
  ]);
  return nonZero({
    sites: 0,
    clusters: 0,
    contracts: contracts.filter((c) => c.clusterIds.includes(clusterId)).length,
    visits: 0,
    incidents,
    inspections: inspections.filter((i) => i.clusters.some((c) => c.clusterId === clusterId))
      .length,
    procedureRuns,
  });
}

export async function dependentsOfContract(
  db: FieldbookDatabase,
  customerId: string,
  contractId: string,
): Promise<Dependents> {
  const [visits, incidents] = await Promise.all([
    db.visits.count({ selector: { customerId, contractId } }).exec(),
    db.incidents.count({ selector: { customerId, contractId } }).exec(),
  ]);
  return nonZero({
    sites: 0,
    clusters: 0,
    contracts: 0,
    visits,
    incidents,
    inspections: 0,
    procedureRuns: 0,
  });
}

/** `["2 个站点", "1 份合同"]`: the dependents in words, for the refusal message. */
export function describeDependents(
  t: (key: string, params?: Record<string, string | number>) => string,
  deps: Dependents,
): string[] {
  return (Object.entries(deps) as [DependentKind, number][]).map(([kind, n]) =>
    t(`common.dependents.${kind}`, { n }),
  );
}
