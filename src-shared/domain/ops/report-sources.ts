/**
 * The ops package's deliverables (entry, periodic service, acceptance) made from the stored
 * documents, as the app makes them: which incidents, inspections and ops records a period's
 * report carries, the service period a signed entry report fixes, and the status of every
 * deliverable a contract promises. Pure: documents and the issue time in, snapshots out.
 *
 * Rules (INTERPRETATIONS.md, "ops service report"):
 * - Cadence: monthly on 5x8, weekly (Monday–Sunday) on 7x24 (seed 002 服务报告).
 * - A period report carries the contract's incidents that may belong to the period or were
 *   answered in it (a one-day margin on each side; the figures decide exactly, in the site zone),
 *   the site's inspections started in the period, and the customer's ops records open at some
 *   time during the period (opened before its end, not closed before its start).
 * - The service period is the one of the latest signed entry report of the contract, else the
 *   contract's dates.
 * - A list deliverable of the ops package (issue, event, risk, change, backup, requirement
 *   lists and the monthly report) is delivered inside the signed service report; a fault or
 *   inspection report by its own signed deliverable (the latest signed revision).
 */
import type {
  ClusterDoc,
  ContractDoc,
  CustomerDoc,
  DeliverableDoc,
  DeliverableKind,
  IncidentDoc,
  InspectionDoc,
  IsoDate,
  IsoInstant,
  OpsRecordDoc,
  SiteDoc,
} from '../../db/types';
import { InputError } from '../errors';
import { isoDateOfDayNumber, parseIsoDate } from '../calendar';
import { inspectionState } from '../inspection-ops';
import type { SnapshotPerson } from '../../reports/snapshot-types';
import type {
  OpsCostItem,
  OpsReportSnapshot,
} from '../../reports/kinds/ops-service-report/snapshot';
import { buildOpsReportSnapshot } from '../../reports/kinds/ops-service-report/snapshot';
import type { EntrySnapshot } from '../../reports/kinds/entry-report/snapshot';
import { servicePeriodOf } from '../../reports/kinds/entry-report/snapshot';
import type { AcceptanceSnapshot } from '../../reports/kinds/acceptance-report/snapshot';
import { buildAcceptanceSnapshot } from '../../reports/kinds/acceptance-report/snapshot';
import type { AcceptanceItem, AcceptanceReview, PunchItem } from './acceptance';
import { contractDeliverables } from './acceptance';
import type { OpsRecordRow } from './records';
import type { DateRange, FigureIncident, FigureInspection } from './service-figures';

const DAY_MS = 86_400_000;

export type ReportCadence = 'monthly' | 'weekly';

/** Monthly on the 5x8 package, weekly on 7x24 (seed 002 §服务报告). */
export function cadenceOf(tier: string): ReportCadence {
  return tier === '7x24' ? 'weekly' : 'monthly';
}

/** The report period of `cadence` that contains `date`: its calendar month, or Monday–Sunday. */
export function periodContaining(cadence: ReportCadence, date: IsoDate): DateRange {
  const day = parseIsoDate(date, 'date');
  if (cadence === 'weekly') {
    // Day 0 (1970-01-01) was a Thursday: Monday is 3 days before a Thursday.
    const monday = day - ((((day + 3) % 7) + 7) % 7);
    return { start: isoDateOfDayNumber(monday), end: isoDateOfDayNumber(monday + 6) };
  }
  const [y, m] = date.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const mm = String(m).padStart(2, '0');
  return { start: `${y}-${mm}-01`, end: `${y}-${mm}-${String(last).padStart(2, '0')}` };
}

/** The period before (`-1`) or after (`+1`) `period` of the same cadence. */
export function shiftPeriod(cadence: ReportCadence, period: DateRange, step: -1 | 1): DateRange {
  const anchor =
    step < 0 ? parseIsoDate(period.start, 'start') - 1 : parseIsoDate(period.end, 'end') + 1;
  return periodContaining(cadence, isoDateOfDayNumber(anchor));
}

function dayStartMs(date: IsoDate): number {
  return parseIsoDate(date, 'date') * DAY_MS;
}

/** The figure fields of an incident (the snapshot does not carry its timeline). */
function figureIncident(i: IncidentDoc): FigureIncident {
  return {
    id: i.id,
    title: i.title,
    packId: i.packId,
    tier: i.tier,
    level: i.level,
    levelHistory: i.levelHistory,
    openedAt: i.openedAt,
    ...(i.firstResponseAt !== undefined ? { firstResponseAt: i.firstResponseAt } : {}),
    pauses: i.pauses,
  };
}

/** Incidents of the contract the period's figures may need (see the module comment). */
export function periodIncidents(
  incidents: readonly IncidentDoc[],
  contractId: string,
  period: DateRange,
): FigureIncident[] {
  const from = dayStartMs(period.start) - DAY_MS;
  const to = dayStartMs(period.end) + 2 * DAY_MS;
  return incidents
    .filter((i) => i.contractId === contractId)
    .filter((i) => {
      const opened = Date.parse(i.openedAt);
      if (opened >= to) return false;
      if (opened >= from) return true;
      return i.firstResponseAt !== undefined && Date.parse(i.firstResponseAt) >= from;
    })
    .sort((a, b) => Date.parse(a.openedAt) - Date.parse(b.openedAt))
    .map(figureIncident);
}

/** The site's inspections started in the period (with a day's margin for the zone). */
export function periodInspections(
  inspections: readonly InspectionDoc[],
  siteIds: readonly string[],
  period: DateRange,
): InspectionDoc[] {
  const from = dayStartMs(period.start) - DAY_MS;
  const to = dayStartMs(period.end) + 2 * DAY_MS;
  return inspections
    .filter((i) => siteIds.includes(i.siteId))
    .filter((i) => {
      const t = Date.parse(i.startedAt);
      return t >= from && t < to;
    })
    .sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt));
}

function figureInspection(i: InspectionDoc): FigureInspection {
  return {
    id: i.id,
    startedAt: i.startedAt,
    ...(i.finishedAt !== undefined ? { finishedAt: i.finishedAt } : {}),
    status: i.status,
  };
}

/** A stored ops record as the report lists it (no sync metadata, no edit history). */
export function opsRecordRow(r: OpsRecordDoc): OpsRecordRow {
  const own = (r as unknown as Record<string, unknown>)[r.kind];
  return {
    id: r.id,
    kind: r.kind,
    number: r.number,
    title: r.title,
    description: r.description,
    state: r.state,
    ...(r.owner !== undefined ? { owner: r.owner } : {}),
    openedAt: r.openedAt,
    ...(r.closedAt !== undefined ? { closedAt: r.closedAt } : {}),
    links: r.links,
    [r.kind]: own,
  } as OpsRecordRow;
}

/** Records open at some time during the period, in list order (kind, number). */
export function periodRecords(records: readonly OpsRecordDoc[], period: DateRange): OpsRecordRow[] {
  const from = dayStartMs(period.start) - DAY_MS;
  const to = dayStartMs(period.end) + 2 * DAY_MS;
  return records
    .filter((r) => Date.parse(r.openedAt) < to)
    .filter((r) => r.closedAt === undefined || Date.parse(r.closedAt) >= from)
    .sort((a, b) => (a.kind !== b.kind ? (a.kind < b.kind ? -1 : 1) : a.number < b.number ? -1 : 1))
    .map(opsRecordRow);
}

function signedOf(
  deliverables: readonly DeliverableDoc[],
  kind: DeliverableKind,
  sourceOk: (d: DeliverableDoc) => boolean,
): DeliverableDoc[] {
  return deliverables
    .filter((d) => d.kind === kind && d.status === 'signed' && sourceOk(d))
    .sort((a, b) => ((a.signedAt ?? '') < (b.signedAt ?? '') ? 1 : -1));
}

/**
 * The source id of a contract's ops service report for a period: `<contractId>_<start>` (ids
 * admit letters, digits, `_` and `-` only).
 */
export function opsReportSourceId(contractId: string, period: DateRange): string {
  return `${contractId}_${period.start}`;
}

/** The contract of a source id: an ops report's `<contractId>_<start>`, or the id itself. */
export function contractIdOfSource(sourceId: string): string {
  const m = /^(.+)_\d{4}-\d{2}-\d{2}$/.exec(sourceId);
  return m ? m[1]! : sourceId;
}

/** The service period: the latest signed entry report of the contract's, else the contract's. */
export function servicePeriodFor(
  contract: ContractDoc,
  deliverables: readonly DeliverableDoc[],
): { period: DateRange; fromEntryReport: string | null } {
  for (const d of signedOf(deliverables, 'entry-report', (x) => x.sourceId === contract.id)) {
    const p = servicePeriodOf(d.snapshot as unknown as EntrySnapshot);
    if (p !== null) return { period: p, fromEntryReport: d.documentNumber };
  }
  return { period: { start: contract.startDate, end: contract.endDate }, fromEntryReport: null };
}

function customerOf(c: CustomerDoc): { name: string; shortName?: string } {
  return { name: c.name, ...(c.shortName ? { shortName: c.shortName } : {}) };
}

function siteOf(s: SiteDoc): OpsReportSnapshot['site'] {
  return {
    name: s.name,
    ...(s.address ? { address: s.address } : {}),
    timeZone: s.timeZone,
    holidayCalendar: s.holidayCalendar,
  };
}

function contractOf(c: ContractDoc) {
  return {
    number: c.number,
    tier: c.tier,
    services: [...c.services],
    startDate: c.startDate,
    endDate: c.endDate,
  };
}

function requireOpsContract(contract: ContractDoc): void {
  if (contract.packId !== 'private-cloud-ops') {
    throw new InputError(
      `contract ${contract.number} is on pack ${contract.packId}; ops reports need a private-cloud-ops contract`,
      'contractId',
      { code: 'opsContractNeeded', params: { number: contract.number } },
    );
  }
}

/** What the engineer writes into the service report (the rest comes from the records). */
export interface OpsReportTexts {
  servicePlan: string;
  nextPeriod: string;
  resourceSummary: string;
  backupStrategy: string;
  currency: string;
  costItems: OpsCostItem[];
  costAnalysis: string;
  recommendations: string;
}

export interface OpsSnapshotSources {
  customer: CustomerDoc;
  site: SiteDoc;
  contract: ContractDoc;
  clusters: readonly ClusterDoc[];
  incidents: readonly IncidentDoc[];
  inspections: readonly InspectionDoc[];
  records: readonly OpsRecordDoc[];
  deliverables: readonly DeliverableDoc[];
  period: DateRange;
  texts: OpsReportTexts;
  documentNumber: string;
  revision: number;
  issuedAt: IsoInstant;
  engineers: SnapshotPerson[];
  customerRepresentatives: SnapshotPerson[];
}

/** The periodic service report of a contract for a period, figures computed from the records. */
export function opsSnapshotFromDocs(s: OpsSnapshotSources): OpsReportSnapshot {
  requireOpsContract(s.contract);
  if (s.period.end < s.period.start) {
    throw new InputError('period: ends before it starts', 'period');
  }
  const siteIds = s.contract.siteIds.length > 0 ? s.contract.siteIds : [s.site.id];
  const inspections = periodInspections(s.inspections, siteIds, s.period);
  const asOfDate = s.period.end;
  const clusters = s.clusters.filter(
    (c) => s.contract.clusterIds.includes(c.id) || siteIds.includes(c.siteId),
  );
  const status = clusters.map((c) => {
    const latest = [...inspections]
      .reverse()
      .find((i) => i.status === 'completed' && i.clusters.some((x) => x.clusterId === c.id));
    const score = latest === undefined ? null : inspectionState(latest, [c], asOfDate).score.score;
    return {
      name: c.name,
      product: c.product,
      version: c.version,
      environment: c.environment,
      nodes: c.controlPlaneNodes + c.workerNodes,
      healthScore: score,
      ...(latest !== undefined ? { lastInspectedAt: latest.finishedAt ?? latest.startedAt } : {}),
    };
  });
  const { period: servicePeriod, fromEntryReport } = servicePeriodFor(s.contract, s.deliverables);
  const t = s.texts;
  return buildOpsReportSnapshot({
    documentNumber: s.documentNumber,
    revision: s.revision,
    issuedAt: s.issuedAt,
    customer: customerOf(s.customer),
    site: siteOf(s.site),
    contract: contractOf(s.contract),
    packId: 'private-cloud-ops',
    cadence: cadenceOf(s.contract.tier),
    period: s.period,
    servicePeriod,
    engineers: s.engineers,
    customerRepresentatives: s.customerRepresentatives,
    signatures: [],
    servicePlan: {
      summary: t.servicePlan,
      ...(fromEntryReport !== null ? { confirmedAt: fromEntryReport } : {}),
      nextPeriod: t.nextPeriod,
    },
    resourceStatus: { summary: t.resourceSummary, clusters: status },
    records: periodRecords(s.records, s.period),
    backupStrategy: t.backupStrategy,
    cost: { currency: t.currency, items: t.costItems, analysis: t.costAnalysis },
    breachNotes: [],
    recommendations: t.recommendations,
    sources: {
      incidents: periodIncidents(s.incidents, s.contract.id, s.period),
      inspections: inspections.map(figureInspection),
    },
  });
}

/** Which stored deliverable kind delivers a promised deliverable (`<service>/<id>`). */
function deliveringKind(code: string): DeliverableKind | null {
  const [service, id] = code.split('/') as [string, string];
  if (id === 'fault-report' || service === 'fault-emergency') return 'fault-report';
  if (id === 'inspection-report' || service === 'resource-inspection') return 'inspection-report';
  if (id === 'planning-document') return 'planning-document';
  // The lists and the monthly report of the ops package are in the signed service report.
  if (id === 'deliverable') return 'ops-service-report';
  return null;
}

function signedDate(d: DeliverableDoc, zone: string): IsoDate {
  const at = d.signedAt ?? d.updatedAt;
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, dateStyle: 'short' }).format(
    new Date(at),
  );
}

/** The status of each promised deliverable from the signed deliverables of the customer. */
export function acceptanceStatuses(
  contract: ContractDoc,
  deliverables: readonly DeliverableDoc[],
  zone: string,
  waived: Readonly<Record<string, string>> = {},
): Record<string, Omit<AcceptanceItem, 'code' | 'service' | 'name'>> {
  const out: Record<string, Omit<AcceptanceItem, 'code' | 'service' | 'name'>> = {};
  const mine = deliverables.filter((d) => d.customerId === contract.customerId);
  for (const item of contractDeliverables(contract)) {
    const reason = waived[item.code]?.trim();
    if (reason) {
      out[item.code] = { status: 'waived', waivedReason: reason };
      continue;
    }
    const kind = deliveringKind(item.code);
    if (kind === null) continue;
    const ofContract = (d: DeliverableDoc) =>
      kind === 'ops-service-report' ? contractIdOfSource(d.sourceId) === contract.id : true;
    const latest = signedOf(mine, kind, ofContract)[0];
    if (latest === undefined) continue;
    out[item.code] = {
      status: 'signed',
      documentNumber: latest.documentNumber,
      revision: latest.documentRevision,
      signedDate: signedDate(latest, zone),
    };
  }
  return out;
}

export interface AcceptanceSnapshotSources {
  customer: CustomerDoc;
  site: SiteDoc;
  contract: ContractDoc;
  deliverables: readonly DeliverableDoc[];
  waived: Readonly<Record<string, string>>;
  punchList: PunchItem[];
  conclusion: string;
  documentNumber: string;
  revision: number;
  issuedAt: IsoInstant;
  engineers: SnapshotPerson[];
  customerRepresentatives: SnapshotPerson[];
  /** The customer's rejections of earlier revisions, oldest first (a resubmission carries them). */
  reviews?: AcceptanceReview[];
}

/** The acceptance report of a contract from the deliverables signed so far. */
export function acceptanceSnapshotFromDocs(s: AcceptanceSnapshotSources): AcceptanceSnapshot {
  return buildAcceptanceSnapshot({
    documentNumber: s.documentNumber,
    revision: s.revision,
    issuedAt: s.issuedAt,
    customer: customerOf(s.customer),
    site: siteOf(s.site),
    contract: { ...contractOf(s.contract), packId: s.contract.packId },
    engineers: s.engineers,
    customerRepresentatives: s.customerRepresentatives,
    signatures: [],
    statuses: acceptanceStatuses(s.contract, s.deliverables, s.site.timeZone, s.waived),
    punchList: s.punchList,
    conclusion: s.conclusion,
    ...(s.reviews !== undefined ? { reviews: s.reviews } : {}),
  });
}

/**
 * The resubmission of a rejected acceptance report (issue 11: "a rejection records its reasons per
 * item and a resubmission makes a new revision"): the same number, the next revision, the items'
 * statuses rebuilt from the deliverables signed by now, and the rejection added to the earlier
 * ones. Throws InputError when the review is not of the rejected revision.
 */
export function acceptanceResubmission(
  rejected: AcceptanceSnapshot,
  review: AcceptanceReview,
  s: Omit<AcceptanceSnapshotSources, 'documentNumber' | 'revision' | 'reviews'>,
): AcceptanceSnapshot {
  if (review.revision !== rejected.revision) {
    throw new InputError(
      `the rejection is of revision ${review.revision}, not of revision ${rejected.revision}`,
      'revision',
    );
  }
  return acceptanceSnapshotFromDocs({
    ...s,
    documentNumber: rejected.documentNumber,
    revision: rejected.revision + 1,
    reviews: [...rejected.reviews, review],
  });
}

export interface EntrySnapshotSources {
  customer: CustomerDoc;
  site: SiteDoc;
  contract: ContractDoc;
  serviceStart: IsoDate;
  serviceEnd: IsoDate;
  mode: 'remote' | 'on-site';
  scope: string[];
  access: string[];
  documentNumber: string;
  revision: number;
  issuedAt: IsoInstant;
  engineers: SnapshotPerson[];
  customerRepresentatives: SnapshotPerson[];
}

/** The entry report of an ops contract (its dates are checked by the snapshot's validation). */
export function entrySnapshotFromDocs(s: EntrySnapshotSources): EntrySnapshot {
  requireOpsContract(s.contract);
  parseIsoDate(s.serviceStart, 'serviceStart');
  parseIsoDate(s.serviceEnd, 'serviceEnd');
  if (s.serviceEnd < s.serviceStart) {
    throw new InputError('serviceEnd: before the service start', 'serviceEnd', {
      code: 'endBeforeStart',
      params: {},
    });
  }
  if (s.serviceStart < s.contract.startDate || s.serviceEnd > s.contract.endDate) {
    throw new InputError(
      `serviceStart: the service period must lie inside the contract (${s.contract.startDate} — ${s.contract.endDate})`,
      'serviceStart',
      {
        code: 'outsideContract',
        params: {
          number: s.contract.number,
          start: s.contract.startDate,
          end: s.contract.endDate,
        },
      },
    );
  }
  return {
    kind: 'entry-report',
    schemaVersion: 1,
    documentNumber: s.documentNumber,
    revision: s.revision,
    issuedAt: s.issuedAt,
    customer: customerOf(s.customer),
    site: siteOf(s.site),
    contract: { ...contractOf(s.contract), packId: 'private-cloud-ops' },
    serviceStart: s.serviceStart,
    serviceEnd: s.serviceEnd,
    mode: s.mode,
    engineers: s.engineers,
    customerRepresentatives: s.customerRepresentatives,
    scope: s.scope,
    access: s.access,
    signatures: [],
  };
}
