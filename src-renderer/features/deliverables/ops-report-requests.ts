/**
 * The ops package's deliverables made from the stored documents: the periodic service report
 * (运维服务报告) of a contract for a period, the acceptance report (验收报告) and the entry report
 * (运维进场报告) of a contract. The shared builders (domain/ops/report-sources) decide what goes
 * in; this reads the documents, allocates the number and continues an open draft.
 */
import type { ContractDoc, DeliverableDoc, DeliverableKind } from '../../../src-shared/db/types';
import { nextRevisionSnapshot } from '../../../src-shared/domain/deliverables';
import type { AcceptanceReview, PunchItem } from '../../../src-shared/domain/ops/acceptance';
import type { DateRange } from '../../../src-shared/domain/ops/service-figures';
import type { OpsReportTexts } from '../../../src-shared/domain/ops/report-sources';
import {
  acceptanceResubmission,
  acceptanceSnapshotFromDocs,
  contractIdOfSource,
  entrySnapshotFromDocs,
  opsReportSourceId,
  opsSnapshotFromDocs,
} from '../../../src-shared/domain/ops/report-sources';
import type { AcceptanceSnapshot } from '../../../src-shared/reports/kinds/acceptance-report/snapshot';
import type { EntrySnapshot } from '../../../src-shared/reports/kinds/entry-report/snapshot';
import type { OpsReportSnapshot } from '../../../src-shared/reports/kinds/ops-service-report/snapshot';
import type { ReportSnapshot } from '../../../src-shared/reports/snapshot-types';
import { nowInstant } from '../../app/clock';
import type { FieldbookDatabase } from '../../db/database';
import { sourceMissing } from './deliverable-errors';
import { allocateDocumentNumber } from './report-pipeline';
import type { ReportRequest } from './report-pipeline';
import { openDraftFor } from './report-requests';

export interface OpsReportOptions {
  contractId: string;
  period: DateRange;
  texts: OpsReportTexts;
}

export interface AcceptanceOptions {
  contractId: string;
  /** Reason by deliverable code, for deliverables the customer agreed are not owed. */
  waived: Record<string, string>;
  punchList: PunchItem[];
  conclusion: string;
}

export interface EntryOptions {
  contractId: string;
  serviceStart: string;
  serviceEnd: string;
  mode: 'remote' | 'on-site';
  scope: string[];
  access: string[];
}

/** The contract, its customer and its (first) site, or a clear error naming what is missing. */
async function contractContext(db: FieldbookDatabase, contractId: string) {
  const contract = (await db.contracts.findOne(contractId).exec())?.toMutableJSON();
  if (contract === undefined) throw sourceMissing('contract', contractId);
  const customer = (await db.customers.findOne(contract.customerId).exec())?.toMutableJSON();
  if (customer === undefined) throw sourceMissing('customer', contract.customerId);
  const siteId = contract.siteIds[0];
  const site =
    siteId === undefined ? undefined : (await db.sites.findOne(siteId).exec())?.toMutableJSON();
  if (site === undefined) throw sourceMissing('site', siteId ?? contract.id);
  const rep = customer.contacts[0];
  return {
    contract,
    customer,
    site,
    rep: { name: rep?.name ?? '', title: rep?.title ?? '' },
    reps: rep ? [{ name: rep.name, ...(rep.title ? { title: rep.title } : {}) }] : [],
  };
}

/** Number, revision and open draft of a new document or of the next revision of `previous`. */
async function numbering(
  db: FieldbookDatabase,
  kind: DeliverableKind,
  sourceId: string,
  zone: string,
  previous: DeliverableDoc | undefined,
) {
  const open = await openDraftFor(db, kind, sourceId, previous);
  const documentNumber =
    open?.documentNumber ??
    previous?.documentNumber ??
    (await allocateDocumentNumber(db, kind, zone));
  return { open, documentNumber };
}

function requestOf(
  kind: DeliverableKind,
  ctx: Awaited<ReturnType<typeof contractContext>>,
  sourceId: string,
  title: string,
  fresh: ReportSnapshot,
  issuedAt: string,
  engineer: string,
  previous: DeliverableDoc | undefined,
  open: DeliverableDoc | undefined,
): ReportRequest {
  const snapshot = previous === undefined ? fresh : nextRevisionSnapshot(previous, issuedAt, fresh);
  return {
    kind,
    customerId: ctx.customer.id,
    siteId: ctx.site.id,
    sourceId,
    title,
    location: ctx.site.name,
    snapshot,
    ...(previous !== undefined ? { supersedesId: previous.id } : {}),
    customerRepresentative: ctx.rep,
    engineer: { name: engineer, title: '' },
    ...(open !== undefined ? { draft: open } : {}),
  };
}

async function customerDocs(db: FieldbookDatabase, customerId: string) {
  const [incidents, inspections, records, deliverables, clusters] = await Promise.all([
    db.incidents.find({ selector: { customerId } }).exec(),
    db.inspections.find({ selector: { customerId } }).exec(),
    db.opsRecords.find({ selector: { customerId } }).exec(),
    db.deliverables.find({ selector: { customerId } }).exec(),
    db.clusters.find({ selector: { customerId } }).exec(),
  ]);
  const json = <T>(docs: { toMutableJSON(): T }[]) => docs.map((d) => d.toMutableJSON());
  return {
    incidents: json(incidents),
    inspections: json(inspections),
    records: json(records),
    deliverables: json(deliverables),
    clusters: json(clusters),
  };
}

/** The periodic service report of a contract for a period (figures from the stored records). */
export async function opsReportRequest(
  db: FieldbookDatabase,
  options: OpsReportOptions,
  engineer: string,
  previous?: DeliverableDoc,
): Promise<ReportRequest> {
  const ctx = await contractContext(db, options.contractId);
  const sourceId = opsReportSourceId(ctx.contract.id, options.period);
  const issuedAt = nowInstant();
  const { open, documentNumber } = await numbering(
    db,
    'ops-service-report',
    sourceId,
    ctx.site.timeZone,
    previous,
  );
  const docs = await customerDocs(db, ctx.customer.id);
  const fresh = opsSnapshotFromDocs({
    customer: ctx.customer,
    site: ctx.site,
    contract: ctx.contract,
    ...docs,
    period: options.period,
    texts: options.texts,
    documentNumber,
    revision: 1,
    issuedAt,
    engineers: [{ name: engineer }],
    customerRepresentatives: ctx.reps,
  });
  const title = `${ctx.contract.number} · ${options.period.start} — ${options.period.end}`;
  return requestOf(
    'ops-service-report',
    ctx,
    sourceId,
    title,
    fresh,
    issuedAt,
    engineer,
    previous,
    open,
  );
}

/** The acceptance report of a contract: every promised deliverable with its status now. */
export async function acceptanceReportRequest(
  db: FieldbookDatabase,
  options: AcceptanceOptions,
  engineer: string,
  previous?: DeliverableDoc,
): Promise<ReportRequest> {
  const ctx = await contractContext(db, options.contractId);
  const issuedAt = nowInstant();
  const { open, documentNumber } = await numbering(
    db,
    'acceptance-report',
    ctx.contract.id,
    ctx.site.timeZone,
    previous,
  );
  const docs = await customerDocs(db, ctx.customer.id);
  const fresh = acceptanceSnapshotFromDocs({
    customer: ctx.customer,
    site: ctx.site,
    contract: ctx.contract,
    deliverables: docs.deliverables,
    waived: options.waived,
    punchList: options.punchList,
    conclusion: options.conclusion,
    documentNumber,
    revision: 1,
    issuedAt,
    engineers: [{ name: engineer }],
    customerRepresentatives: ctx.reps,
  });
  return requestOf(
    'acceptance-report',
    ctx,
    ctx.contract.id,
    ctx.contract.number,
    fresh,
    issuedAt,
    engineer,
    previous,
    open,
  );
}

/**
 * The resubmission of an acceptance report the customer rejected (`review`, reasons per item):
 * a new draft of the next revision, superseding the rejected one, with the options (waivers,
 * punch list, conclusion) the rejected revision was made with.
 */
export async function acceptanceResubmissionRequest(
  db: FieldbookDatabase,
  rejected: DeliverableDoc,
  review: AcceptanceReview,
  engineer: string,
): Promise<ReportRequest> {
  const choice = opsOptionsOf(rejected);
  if (choice === null || choice.kind !== 'acceptance') {
    throw new Error(`${rejected.kind} is not an acceptance report`);
  }
  const options = choice.options;
  const ctx = await contractContext(db, options.contractId);
  const issuedAt = nowInstant();
  const docs = await customerDocs(db, ctx.customer.id);
  const snapshot = acceptanceResubmission(
    rejected.snapshot as unknown as AcceptanceSnapshot,
    review,
    {
      customer: ctx.customer,
      site: ctx.site,
      contract: ctx.contract,
      deliverables: docs.deliverables,
      waived: options.waived,
      punchList: options.punchList,
      conclusion: options.conclusion,
      issuedAt,
      engineers: [{ name: engineer }],
      customerRepresentatives: ctx.reps,
    },
  );
  return {
    ...requestOf(
      'acceptance-report',
      ctx,
      ctx.contract.id,
      ctx.contract.number,
      snapshot,
      issuedAt,
      engineer,
      undefined,
      undefined,
    ),
    supersedesId: rejected.id,
  };
}

/** The entry report of an ops contract, fixing the service period both sides confirm. */
export async function entryReportRequest(
  db: FieldbookDatabase,
  options: EntryOptions,
  engineer: string,
  previous?: DeliverableDoc,
): Promise<ReportRequest> {
  const ctx = await contractContext(db, options.contractId);
  const issuedAt = nowInstant();
  const { open, documentNumber } = await numbering(
    db,
    'entry-report',
    ctx.contract.id,
    ctx.site.timeZone,
    previous,
  );
  const fresh = entrySnapshotFromDocs({
    customer: ctx.customer,
    site: ctx.site,
    contract: ctx.contract,
    serviceStart: options.serviceStart,
    serviceEnd: options.serviceEnd,
    mode: options.mode,
    scope: options.scope,
    access: options.access,
    documentNumber,
    revision: 1,
    issuedAt,
    engineers: [{ name: engineer }],
    customerRepresentatives: ctx.reps,
  });
  return requestOf(
    'entry-report',
    ctx,
    ctx.contract.id,
    ctx.contract.number,
    fresh,
    issuedAt,
    engineer,
    previous,
    open,
  );
}

/** The options a signed ops deliverable was made with, for its next revision. */
export function opsOptionsOf(doc: DeliverableDoc): OpsReportChoice | null {
  const contractId = contractIdOfSource(doc.sourceId);
  if (doc.kind === 'ops-service-report') {
    const s = doc.snapshot as unknown as OpsReportSnapshot;
    return {
      kind: 'ops',
      options: {
        contractId,
        period: s.period,
        texts: {
          servicePlan: s.servicePlan.summary,
          nextPeriod: s.servicePlan.nextPeriod,
          resourceSummary: s.resourceStatus.summary,
          backupStrategy: s.backupStrategy,
          currency: s.cost.currency,
          costItems: s.cost.items,
          costAnalysis: s.cost.analysis,
          recommendations: s.recommendations,
        },
      },
    };
  }
  if (doc.kind === 'acceptance-report') {
    const s = doc.snapshot as unknown as AcceptanceSnapshot;
    const waived: Record<string, string> = {};
    for (const d of s.deliverables)
      if (d.status === 'waived') waived[d.code] = d.waivedReason ?? '';
    return {
      kind: 'acceptance',
      options: { contractId, waived, punchList: s.punchList, conclusion: s.conclusion },
    };
  }
  if (doc.kind === 'entry-report') {
    const s = doc.snapshot as unknown as EntrySnapshot;
    return {
      kind: 'entry',
      options: {
        contractId,
        serviceStart: s.serviceStart,
        serviceEnd: s.serviceEnd,
        mode: s.mode,
        scope: s.scope,
        access: s.access,
      },
    };
  }
  return null;
}

/** Ops contracts (pack private-cloud-ops) of a customer, newest first. */
export function opsContracts(contracts: readonly ContractDoc[]): ContractDoc[] {
  return contracts
    .filter((c) => c.packId === 'private-cloud-ops')
    .sort((a, b) => (a.startDate < b.startDate ? 1 : -1));
}

export type OpsReportChoice =
  | { kind: 'ops'; options: OpsReportOptions }
  | { kind: 'acceptance'; options: AcceptanceOptions }
  | { kind: 'entry'; options: EntryOptions };

/** The request of a chosen ops-package deliverable (a new one, or the next revision of `previous`). */
export function opsChoiceRequest(
  db: FieldbookDatabase,
  choice: OpsReportChoice,
  engineer: string,
  previous?: DeliverableDoc,
): Promise<ReportRequest> {
  if (choice.kind === 'ops') return opsReportRequest(db, choice.options, engineer, previous);
  if (choice.kind === 'acceptance')
    return acceptanceReportRequest(db, choice.options, engineer, previous);
  return entryReportRequest(db, choice.options, engineer, previous);
}
