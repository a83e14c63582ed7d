/**
 * Builds what a deliverable is made from, out of the stored documents: a fault report from an
 * incident (the shared `faultSnapshotFrom`), an inspection report from a completed inspection
 * (the shared `inspectionSnapshotFrom`, with its evidence photos from the blob store). A new
 * revision keeps the number, adds one to the revision (`nextRevisionSnapshot`) and is rebuilt
 * from the source's current state.
 */
import type { DeliverableDoc, InspectionDoc } from '../../../src-shared/db/types';
import { nextRevisionSnapshot } from '../../../src-shared/domain/deliverables';
import { templateOf } from '../../../src-shared/domain/inspection-ops';
import { faultSnapshotFrom } from '../../../src-shared/reports/fault-snapshot';
import {
  evidencePhotoDataUrl,
  inspectionContract,
  inspectionEvidencePhotos,
  inspectionSnapshotFrom,
} from '../../../src-shared/reports/inspection-snapshot-from';
import type { ReportSnapshot, SnapshotPhoto } from '../../../src-shared/reports/snapshot-types';
import { nowInstant } from '../../app/clock';
import type { FieldbookDatabase } from '../../db/database';
import { readBlob } from '../../db/blob-fetch';
import { DeliverableUserError, sourceMissing } from './deliverable-errors';
import { planOfDoc } from '../../../src-shared/domain/planning/plan-doc';
import { validatePlan } from '../../../src-shared/domain/planning/validate-plan';
import { buildPlanningSnapshot } from '../../../src-shared/reports/kinds/planning-document/snapshot';
import type { SourceKind } from './deliverable-errors';
import { templateOfRun } from '../../../src-shared/domain/procedures/procedure-ops';
import { upgradeRecordFrom } from '../../../src-shared/reports/kinds/upgrade-record/snapshot';
import { implementationRecordFrom } from '../../../src-shared/reports/kinds/implementation-record/snapshot';
import { allocateDocumentNumber } from './report-pipeline';
import { opsChoiceRequest, opsOptionsOf } from './ops-report-requests';
import type { ReportRequest } from './report-pipeline';

async function need<T>(
  value: Promise<{ toMutableJSON(): T } | null>,
  kind: SourceKind,
  id: string,
): Promise<T> {
  const doc = await value;
  if (doc === null) throw sourceMissing(kind, id);
  return doc.toMutableJSON();
}

/**
 * The draft already open for this source (and, for a new revision, for that revision): opening
 * the generate dialog again continues it — same number, same record — instead of allocating
 * another number and leaving an orphan draft behind (which would also sync). The most recently
 * updated one if earlier versions left several.
 */
export async function openDraftFor(
  db: FieldbookDatabase,
  kind: DeliverableDoc['kind'],
  sourceId: string,
  previous: DeliverableDoc | undefined,
): Promise<DeliverableDoc | undefined> {
  const drafts = await db.deliverables
    .find({ selector: { kind, sourceId, status: 'draft' } })
    .exec();
  return drafts
    .map((d) => d.toMutableJSON())
    .filter((d) => d.supersedesId === previous?.id)
    .sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0))[0];
}

export async function faultReportRequest(
  db: FieldbookDatabase,
  incidentId: string,
  engineer: string,
  previous?: DeliverableDoc,
): Promise<ReportRequest> {
  const incident = await need(db.incidents.findOne(incidentId).exec(), 'incident', incidentId);
  const customer = await need(
    db.customers.findOne(incident.customerId).exec(),
    'customer',
    incident.customerId,
  );
  const site = await need(db.sites.findOne(incident.siteId).exec(), 'site', incident.siteId);
  const contract =
    (await db.contracts.findOne(incident.contractId).exec())?.toMutableJSON() ?? null;
  const cluster =
    incident.clusterId === undefined
      ? null
      : ((await db.clusters.findOne(incident.clusterId).exec())?.toMutableJSON() ?? null);
  const issuedAt = nowInstant();
  const open = await openDraftFor(db, 'fault-report', incident.id, previous);
  const documentNumber =
    open?.documentNumber ??
    previous?.documentNumber ??
    (await allocateDocumentNumber(db, 'fault-report', site.timeZone));
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
    // Rendering again updates the open draft with the source's current state.
    ...(open !== undefined ? { draft: open } : {}),
  };
}

/**
 * The evidence photos of an inspection as the report embeds them, read from the blob store.
 * A photo that is not on this laptop (not synced yet) or not a PNG/JPEG is left out: the report
 * then cites no photo for that answer rather than failing.
 */
async function evidencePhotos(inspection: InspectionDoc): Promise<SnapshotPhoto[]> {
  const photos: SnapshotPhoto[] = [];
  for (const p of inspectionEvidencePhotos(inspection)) {
    // Evidence recorded on another laptop arrives with its inspection, its bytes on demand.
    const bytes = await readBlob(p.attachment.sha256).catch(() => null);
    const dataUrl = bytes === null ? null : evidencePhotoDataUrl(bytes);
    if (dataUrl === null) continue;
    photos.push({
      id: p.attachment.sha256,
      sha256: p.attachment.sha256,
      caption: p.caption,
      takenAt: p.takenAt,
      dataUrl,
    });
  }
  return photos;
}

/**
 * The inspection report of a completed inspection, from its current state (a new revision
 * re-reads the inspection, so corrections made after reopening it are in). Throws when the
 * inspection is not completed (or no longer on this laptop).
 */
export async function inspectionReportRequest(
  db: FieldbookDatabase,
  inspectionId: string,
  engineer: string,
  previous?: DeliverableDoc,
): Promise<ReportRequest> {
  const inspection = await need(
    db.inspections.findOne(inspectionId).exec(),
    'inspection',
    inspectionId,
  );
  const customer = await need(
    db.customers.findOne(inspection.customerId).exec(),
    'customer',
    inspection.customerId,
  );
  const site = await need(db.sites.findOne(inspection.siteId).exec(), 'site', inspection.siteId);
  const clusterIds = inspection.clusters.map((c) => c.clusterId);
  const clusters = (await db.clusters.findByIds(clusterIds).exec()).values();
  const contracts = await db.contracts.find({ selector: { customerId: customer.id } }).exec();
  const contract = inspectionContract(
    inspection,
    site,
    contracts.map((c) => c.toMutableJSON()),
  );
  const photos = await evidencePhotos(inspection);
  const issuedAt = nowInstant();
  const open = await openDraftFor(db, 'inspection-report', inspection.id, previous);
  const documentNumber =
    open?.documentNumber ??
    previous?.documentNumber ??
    (await allocateDocumentNumber(db, 'inspection-report', site.timeZone));
  const rep = customer.contacts[0];
  const engineers = inspection.engineers.length > 0 ? inspection.engineers : [engineer];
  const fresh = inspectionSnapshotFrom({
    inspection,
    customer,
    site,
    clusters: [...clusters].map((c) => c.toMutableJSON()),
    ...(contract !== undefined ? { contract } : {}),
    documentNumber,
    issuedAt,
    engineers: engineers.map((name) => ({ name })),
    customerRepresentatives: rep
      ? [{ name: rep.name, ...(rep.title ? { title: rep.title } : {}) }]
      : [],
    photos,
  });
  const snapshot: ReportSnapshot =
    previous === undefined ? fresh : nextRevisionSnapshot(previous, issuedAt, fresh);
  const template = templateOf(inspection);
  return {
    kind: 'inspection-report',
    customerId: customer.id,
    siteId: site.id,
    sourceId: inspection.id,
    title: `${template.name.zh} · ${fresh.inspection.date}`,
    location: site.name,
    snapshot,
    ...(previous !== undefined ? { supersedesId: previous.id } : {}),
    customerRepresentative: { name: rep?.name ?? '', title: rep?.title ?? '' },
    engineer: { name: engineer, title: '' },
    // Rendering again updates the open draft with the source's current state.
    ...(open !== undefined ? { draft: open } : {}),
  };
}

/** Continue a recorded draft: its own snapshot, number and revision. */
export async function resumeDraftRequest(
  db: FieldbookDatabase,
  draft: DeliverableDoc,
  engineer: string,
): Promise<ReportRequest> {
  const customer = await need(
    db.customers.findOne(draft.customerId).exec(),
    'customer',
    draft.customerId,
  );
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

/**
 * A planning document (规划文档) from a plan: the plan as it is now, its validation result, the
 * customer, site and environment of the plan's cluster. Only a ready plan (no error findings)
 * becomes a document; the snapshot's findings are the plan's (the snapshot validator checks).
 */
export async function planningDocumentRequest(
  db: FieldbookDatabase,
  planId: string,
  engineer: string,
  previous?: DeliverableDoc,
): Promise<ReportRequest> {
  const planDoc = await need(db.plans.findOne(planId).exec(), 'plan', planId);
  const cluster = await need(
    db.clusters.findOne(planDoc.clusterId).exec(),
    'cluster',
    planDoc.clusterId,
  );
  const customer = await need(
    db.customers.findOne(planDoc.customerId).exec(),
    'customer',
    planDoc.customerId,
  );
  const site = await need(db.sites.findOne(cluster.siteId).exec(), 'site', cluster.siteId);
  const plan = planOfDoc(planDoc);
  if (!validatePlan(plan).valid)
    throw new DeliverableUserError('deliverables.error.planNotReady', {});
  const issuedAt = nowInstant();
  const documentNumber =
    previous?.documentNumber ??
    (await allocateDocumentNumber(db, 'planning-document', site.timeZone));
  const rep = customer.contacts[0];
  const fresh = buildPlanningSnapshot({
    plan,
    documentNumber,
    issuedAt,
    customer: {
      name: customer.name,
      ...(customer.shortName ? { shortName: customer.shortName } : {}),
    },
    site: {
      name: site.name,
      ...(site.address ? { address: site.address } : {}),
      timeZone: site.timeZone,
    },
    environment: cluster.name,
    engineers: [{ name: engineer }],
    customerRepresentatives: rep
      ? [{ name: rep.name, ...(rep.title ? { title: rep.title } : {}) }]
      : [],
  });
  const snapshot: ReportSnapshot =
    previous === undefined ? fresh : nextRevisionSnapshot(previous, issuedAt, fresh);
  return {
    kind: 'planning-document',
    customerId: customer.id,
    siteId: site.id,
    sourceId: planDoc.id,
    title: cluster.name,
    location: site.name,
    snapshot,
    ...(previous !== undefined ? { supersedesId: previous.id } : {}),
    customerRepresentative: { name: rep?.name ?? '', title: rep?.title ?? '' },
    engineer: { name: engineer, title: '' },
  };
}

/** The record a procedure run makes, by the run's kind (a troubleshooting guide makes none). */
const RECORD_KIND = {
  upgrade: 'upgrade-record',
  deployment: 'implementation-record',
} as const;

/**
 * The upgrade record or implementation record of a procedure run, from the run's events as they
 * are now (a new revision re-reads the run, so steps done after the first signature are in).
 */
export async function procedureRecordRequest(
  db: FieldbookDatabase,
  runId: string,
  engineer: string,
  previous?: DeliverableDoc,
): Promise<ReportRequest> {
  const run = await need(db.procedureRuns.findOne(runId).exec(), 'procedure', runId);
  if (run.kind === 'troubleshooting') {
    throw new DeliverableUserError('deliverables.error.noRecordKind', {});
  }
  const kind = RECORD_KIND[run.kind];
  const customer = await need(
    db.customers.findOne(run.customerId).exec(),
    'customer',
    run.customerId,
  );
  const site = await need(db.sites.findOne(run.siteId).exec(), 'site', run.siteId);
  const cluster =
    run.clusterId === undefined
      ? null
      : ((await db.clusters.findOne(run.clusterId).exec())?.toMutableJSON() ?? null);
  const issuedAt = nowInstant();
  const open = await openDraftFor(db, kind, run.id, previous);
  const documentNumber =
    open?.documentNumber ??
    previous?.documentNumber ??
    (await allocateDocumentNumber(db, kind, site.timeZone));
  const rep = customer.contacts[0];
  const template = templateOfRun(run);
  // Everyone who worked a step is an engineer of the record, the executor first; approvers and
  // waivers appear in their own sections.
  const worked = run.events.filter((e) => e.kind !== 'approval-given' && e.kind !== 'step-waived');
  const people = [...new Set([run.startedBy, ...worked.map((e) => e.by), engineer])].filter(
    (name) => name !== '' && name !== rep?.name,
  );
  const sources = {
    run,
    template,
    documentNumber,
    issuedAt,
    customer: {
      name: customer.name,
      ...(customer.shortName ? { shortName: customer.shortName } : {}),
    },
    site: {
      name: site.name,
      ...(site.address ? { address: site.address } : {}),
      timeZone: run.siteZone,
    },
    ...(cluster !== null
      ? {
          cluster: {
            name: cluster.name,
            environment: cluster.environment,
            product: cluster.product,
            version: cluster.version,
          },
        }
      : {}),
    engineers: people.map((name) => ({ name })),
    customerRepresentatives: rep
      ? [{ name: rep.name, ...(rep.title ? { title: rep.title } : {}) }]
      : [],
  };
  const fresh =
    kind === 'upgrade-record' ? upgradeRecordFrom(sources) : implementationRecordFrom(sources);
  const snapshot: ReportSnapshot =
    previous === undefined ? fresh : nextRevisionSnapshot(previous, issuedAt, fresh);
  return {
    kind,
    customerId: customer.id,
    siteId: site.id,
    sourceId: run.id,
    title: `${template.name.zh}${run.toVersion ? ` → ${run.toVersion}` : ''}`,
    location: site.name,
    snapshot,
    ...(previous !== undefined ? { supersedesId: previous.id } : {}),
    customerRepresentative: { name: rep?.name ?? '', title: rep?.title ?? '' },
    engineer: { name: engineer, title: '' },
    ...(open !== undefined ? { draft: open } : {}),
  };
}

/**
 * The next revision of a signed deliverable, rebuilt from its source's current state: one entry
 * per kind (the ops package's kinds take the options their last revision was made with).
 */
export const NEW_REVISION: Record<
  DeliverableDoc['kind'],
  (db: FieldbookDatabase, doc: DeliverableDoc, engineer: string) => Promise<ReportRequest>
> = {
  'fault-report': (db, doc, engineer) => faultReportRequest(db, doc.sourceId, engineer, doc),
  'inspection-report': (db, doc, engineer) =>
    inspectionReportRequest(db, doc.sourceId, engineer, doc),
  'planning-document': (db, doc, engineer) =>
    planningDocumentRequest(db, doc.sourceId, engineer, doc),
  'upgrade-record': (db, doc, engineer) => procedureRecordRequest(db, doc.sourceId, engineer, doc),
  'implementation-record': (db, doc, engineer) =>
    procedureRecordRequest(db, doc.sourceId, engineer, doc),
  'ops-service-report': opsRevision,
  'acceptance-report': opsRevision,
  'entry-report': opsRevision,
};

function opsRevision(db: FieldbookDatabase, doc: DeliverableDoc, engineer: string) {
  const choice = opsOptionsOf(doc);
  if (choice === null) throw new Error(`${doc.kind} is not an ops-package deliverable`);
  return opsChoiceRequest(db, choice, engineer, doc);
}
