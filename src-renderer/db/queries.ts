/**
 * The queries the app runs, each shaped to hit one of the schema's indexes (see
 * src-shared/db/schemas). Use them with `useRxQuery((db) => visitTimeline(db, id), [id])`.
 */
import type { RxDocument, RxQuery } from 'rxdb';
import type {
  ClusterDoc,
  ContractDoc,
  CustomerDoc,
  IncidentDoc,
  IncidentStatus,
  SiteDoc,
  VisitDoc,
  VisitLogEntryDoc,
} from '../../src-shared/db/types';
import type { FieldbookDatabase } from './database';

type Find<T> = RxQuery<T, RxDocument<T>[]>;

/** All customers by name (index `name`). */
export function customersByName(db: FieldbookDatabase): Find<CustomerDoc> {
  return db.customers.find({ sort: [{ name: 'asc' }] });
}

/** Index `[customerId, name]`. */
export function sitesOfCustomer(db: FieldbookDatabase, customerId: string): Find<SiteDoc> {
  return db.sites.find({ selector: { customerId }, sort: [{ name: 'asc' }] });
}

/** Index `[siteId, name]`. */
export function clustersOfSite(db: FieldbookDatabase, siteId: string): Find<ClusterDoc> {
  return db.clusters.find({ selector: { siteId }, sort: [{ name: 'asc' }] });
}

/** Index `customerId`. */
export function clustersOfCustomer(db: FieldbookDatabase, customerId: string): Find<ClusterDoc> {
  return db.clusters.find({ selector: { customerId } });
}

/** Index `[customerId, endDate]`: the contract ending last first. */
export function contractsOfCustomer(db: FieldbookDatabase, customerId: string): Find<ContractDoc> {
  return db.contracts.find({ selector: { customerId }, sort: [{ endDate: 'desc' }] });
}

/** Index `[customerId, createdAt]`, newest first. */
export function visitsOfCustomer(db: FieldbookDatabase, customerId: string): Find<VisitDoc> {
  return db.visits.find({ selector: { customerId }, sort: [{ createdAt: 'desc' }] });
}

/** Index `[siteId, createdAt]`, newest first. */
export function visitsOfSite(db: FieldbookDatabase, siteId: string): Find<VisitDoc> {
  return db.visits.find({ selector: { siteId }, sort: [{ createdAt: 'desc' }] });
}

/** Index `[status, createdAt]`: e.g. the visits checked in right now. */
export function visitsByStatus(db: FieldbookDatabase, status: VisitDoc['status']): Find<VisitDoc> {
  return db.visits.find({ selector: { status }, sort: [{ createdAt: 'desc' }] });
}

/**
 * One visit's log, newest first (index `[visitId, at]`). Corrections are separate entries;
 * `effectiveTimeline` marks what they supersede.
 */
export function visitTimeline(
  db: FieldbookDatabase,
  visitId: string,
  limit = 100,
): Find<VisitLogEntryDoc> {
  return db.visitLogEntries.find({
    selector: { visitId },
    sort: [{ at: 'desc' }],
    limit,
  });
}

/**
 * Incidents of one status with a response target, the earliest due first (index
 * `[status, dueAt]`). Incidents without a target (`dueAt` '') are left out: see
 * `incidentsWithoutTarget`.
 */
export function incidentsByDue(
  db: FieldbookDatabase,
  status: IncidentStatus = 'open',
  limit = 100,
): Find<IncidentDoc> {
  return db.incidents.find({
    selector: { status, dueAt: { $gt: '' } },
    sort: [{ dueAt: 'asc' }],
    limit,
  });
}

/** Open incidents, the earliest response due first. */
export function openIncidentsByDue(db: FieldbookDatabase, limit = 100): Find<IncidentDoc> {
  return incidentsByDue(db, 'open', limit);
}

/** Incidents of one status whose level has no time target (level 5, requests outside hours). */
export function incidentsWithoutTarget(
  db: FieldbookDatabase,
  status: IncidentStatus = 'open',
): Find<IncidentDoc> {
  return db.incidents.find({ selector: { status, dueAt: '' } });
}

/** Index `[customerId, openedAt]`, newest first. */
export function incidentsOfCustomer(db: FieldbookDatabase, customerId: string): Find<IncidentDoc> {
  return db.incidents.find({ selector: { customerId }, sort: [{ openedAt: 'desc' }] });
}
