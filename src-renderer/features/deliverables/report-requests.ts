/**
 * Builds what a deliverable is made from, out of the stored documents: a fault report from an
 * incident (the shared `faultSnapshotFrom`), an inspection report from the sample inspection
 * snapshot until inspections can be run in the app. A new revision keeps the number and adds one
 * to the revision (`nextRevisionSnapshot`).
 */
import type { DeliverableDoc } from '../../../src-shared/db/types';
import { nextRevisionSnapshot } from '../../../src-shared/domain/deliverables';
import { faultSnapshotFrom } from '../../../src-shared/reports/fault-snapshot';
import { sampleInspectionSnapshot } from '../../../src-shared/reports/sample';
import type { ReportSnapshot } from '../../../src-shared/reports/snapshot-types';
import { nowInstant } from '../../app/clock';
import type { FieldbookDatabase } from '../../db/database';
import { allocateDocumentNumber } from './report-pipeline';
import type { ReportRequest } from './report-pipeline';

/** The source id of inspection reports made from the sample snapshot. */
export const SAMPLE_INSPECTION_SOURCE = 'sample-inspection';

async function need<T>(value: Promise<{ toMutableJSON(): T } | null>, what: string): Promise<T> {
  const doc = await value;
  if (doc === null) throw new Error(`${what} not found`);
  return doc.toMutableJSON();
}

export async function faultReportRequest(
  db: FieldbookDatabase,
  incidentId: string,
  engineer: string,
  previous?: DeliverableDoc,
): Promise<ReportRequest> {
  const incident = await need(db.incidents.findOne(incidentId).exec(), `incident ${incidentId}`);
  const customer = await need(db.customers.findOne(incident.customerId).exec(), 'customer');
  const site = await need(db.sites.findOne(incident.siteId).exec(), 'site');
  const contract =
    (await db.contracts.findOne(incident.contractId).exec())?.toMutableJSON() ?? null;
  const cluster =
    incident.clusterId === undefined
      ? null
      : ((await db.clusters.findOne(incident.clusterId).exec())?.toMutableJSON() ?? null);
  const issuedAt = nowInstant();
  const documentNumber =
    previous?.documentNumber ?? (await allocateDocumentNumber(db, 'fault-report', site.timeZone));
  const rep = customer.contacts[0];
  const fresh = faultSnapshotFrom(incident, customer, site, contract, cluster, {
    documentNumber,
    revision: 1,
    issuedAt,
    engineers: [{ name: engineer }],
    customerRepresentatives: rep
      ? [{ name: rep.name, ...(rep.title ? { title: rep.title } : {}) }]
      : [],
  });
  const snapshot: ReportSnapshot =
    previous === undefined ? fresh : nextRevisionSnapshot(previous, issuedAt, fresh);
  return {
    kind: 'fault-report',
    customerId: customer.id,
    siteId: site.id,
    sourceId: incident.id,
    title: incident.title,
    location: site.name,
    snapshot,
    ...(previous !== undefined ? { supersedesId: previous.id } : {}),
    customerRepresentative: { name: rep?.name ?? '', title: rep?.title ?? '' },
    engineer: { name: engineer, title: '' },
  };
}

export async function inspectionReportRequest(
  db: FieldbookDatabase,
  customerId: string,
  siteId: string,
  engineer: string,
  previous?: DeliverableDoc,
): Promise<ReportRequest> {
  const customer = await need(db.customers.findOne(customerId).exec(), 'customer');
  const site = await need(db.sites.findOne(siteId).exec(), 'site');
  const issuedAt = nowInstant();
  const documentNumber =
    previous?.documentNumber ??
    (await allocateDocumentNumber(db, 'inspection-report', site.timeZone));
  const rep = customer.contacts[0];
  const snapshot: ReportSnapshot =
    previous !== undefined
      ? nextRevisionSnapshot(previous, issuedAt)
      : {
          ...sampleInspectionSnapshot(),
          documentNumber,
          revision: 1,
          issuedAt,
          customer: {
            name: customer.name,
            ...(customer.shortName ? { shortName: customer.shortName } : {}),
          },
          site: {
            name: site.name,
            timeZone: site.timeZone,
            ...(site.address ? { address: site.address } : {}),
          },
          engineers: [{ name: engineer }],
          customerRepresentatives: rep
            ? [{ name: rep.name, ...(rep.title ? { title: rep.title } : {}) }]
            : [],
          signatures: [],
        };
  return {
    kind: 'inspection-report',
    customerId: customer.id,
    siteId: site.id,
    sourceId: previous?.sourceId ?? SAMPLE_INSPECTION_SOURCE,
    title: previous?.title ?? site.name,
    location: site.name,
    snapshot,
    ...(previous !== undefined ? { supersedesId: previous.id } : {}),
    customerRepresentative: { name: rep?.name ?? '', title: rep?.title ?? '' },
    engineer: { name: engineer, title: '' },
  };
}

/** Continue a recorded draft: its own snapshot, number and revision. */
export async function resumeDraftRequest(
  db: FieldbookDatabase,
  draft: DeliverableDoc,
  engineer: string,
): Promise<ReportRequest> {
  const customer = await need(db.customers.findOne(draft.customerId).exec(), 'customer');
  const site =
    draft.siteId === undefined
      ? null
      : (await db.sites.findOne(draft.siteId).exec())?.toMutableJSON();
  const rep = customer.contacts[0];
  const snapshot = draft.snapshot as unknown as ReportSnapshot;
  return {
    kind: draft.kind,
    customerId: draft.customerId,
    ...(draft.siteId !== undefined ? { siteId: draft.siteId } : {}),
    sourceId: draft.sourceId,
    title: draft.title,
    location: site?.name ?? snapshot.site.name,
    snapshot,
    ...(draft.supersedesId !== undefined ? { supersedesId: draft.supersedesId } : {}),
    customerRepresentative: { name: rep?.name ?? '', title: rep?.title ?? '' },
    engineer: { name: engineer, title: '' },
    draft,
  };
}
