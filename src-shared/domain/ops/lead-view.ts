/**
 * The team lead's view (issue 11 §5) as a pure function of the synced documents and a clock:
 * response-SLA compliance across the team's customers for a chosen period, open incidents by
 * time left with their assignee, the customers' acceptance confirmations (seed 002 §八: 7 days
 * after the contract ends) and overdue ops items.
 *
 * Rules:
 * - SLA figures are the ops report's (service-figures.ts): incidents are judged per site (its
 *   zone and holiday calendar) by `computeServiceFigures` as of `now`, and the judged rows of
 *   all sites are pooled per pack and level, and per engineer (the incident's assignee; `''`
 *   for the team queue), with the report's own `levelFigures` — so median and p90 are taken over
 *   the pooled responses, never averaged from per-site figures.
 * - Acceptance: every private-cloud-ops contract that has ended or ends within
 *   `ACCEPTANCE_LOOKAHEAD_DAYS`, with its deadline from `acceptanceDeadline` on its first site's
 *   calendar and the latest acceptance report of the contract (confirmed = signed). A confirmed
 *   acceptance stops being listed once its deadline has passed.
 * - Overdue ops items: a risk not in a final state whose due date is before `today`; a change
 *   that has no result although its window has ended or it is marked done / failed / rolled back
 *   (a cancelled change needs none).
 * - Hourly updates and cancellation deadlines: the home page's rules (`hourlyUpdateOf`,
 *   `cancellationOf` in home.ts) over the whole team's open incidents: level 1 gets a status
 *   update every hour (seed 000 “每小时”), and an incident waiting for the customer's information
 *   may be closed as 已由客户取消 after the pack's days for its level (7 at level 3, 14 at level 4).
 * - Transfer-to-customer retention: incidents closed as 已转移给客户 stay shown to the customer for
 *   the pack's years (seed 000 “两年内”, `transferRetentionUntil`); listed until then, the ones
 *   leaving soonest first.
 * - Dates of contracts, clusters and inspections are the SITE's civil dates (the contract's
 *   first site, else the customer's first site), not the laptop's.
 * - Contracts ending: any pack, running on the site's today and ending within
 *   `LEAD_LOOKAHEAD_DAYS` (the end date itself is covered, `contractValidOn`); a contract of the
 *   same pack covering the same site from the day after is named as its renewal.
 * - Clusters: `lifecycleStatus` on the site's today and `LEAD_LOOKAHEAD_DAYS` later — listed when
 *   support changes in between (support ends *after* the EOSS/EOSL date, so an EOSS exactly 90
 *   days ahead is not yet within 90 days), and when the cluster is already out of standard
 *   support or at end of life. Products without lifecycle data are not listed.
 * - Inspections due: every private-cloud-ops contract with the 资源巡检 service item running on the
 *   site's today, per covered site: the package's frequency (`inspectionFrequency`: one per
 *   working day on 5x8, one per day on 7x24) judged by `computeServiceFigures` over the current
 *   report period (clipped to the service period): listed when today's inspection is still due
 *   or days of the period were missed.
 * - Deleted documents (`_deleted: true`, as a workspace file or the server carries them) are
 *   ignored everywhere.
 */
import type {
  ClusterDoc,
  ContractDoc,
  CustomerDoc,
  DeliverableDoc,
  IncidentDoc,
  InspectionDoc,
  IsoDate,
  IsoInstant,
  OpsRecordDoc,
  PolicyPackId,
  SiteDoc,
} from '../../db/types';
import { getPolicyPack } from '../../policy/index';
import type { PolicyPack } from '../../policy/types';
import { parseIsoDate } from '../calendar';
import { contractsCoveringSite, contractValidOn } from '../contract-coverage';
import { formatInZone, siteZone, wallMinuteToEpoch } from '../sla-zone';
import {
  ACCEPTANCE_LOOKAHEAD_DAYS,
  cancellationOf,
  compareByTimeLeft,
  hourlyUpdateOf,
} from '../home';
import type { HomeCancellation, HomeHourlyUpdate, HomeIncident } from '../home';
import { incidentSlaStatus, transferRetentionUntil } from '../incident-ops';
import type { IncidentContext } from '../incident-ops';
import { lifecycleStatus } from '../lifecycle';
import type { LifecycleResult } from '../lifecycle';
import { acceptanceDeadline, deadlineState } from './acceptance';
import type { AcceptanceDeadline, DeadlineState } from './acceptance';
import { OPS_FINAL_STATES } from './records';
import { cadenceOf, periodContaining, periodInspections, servicePeriodFor } from './report-sources';
import { computeServiceFigures, levelFigures } from './service-figures';
import type {
  DateRange,
  IncidentFigureRow,
  InspectionFrequency,
  LevelFigures,
} from './service-figures';

const DAY_MS = 86_400_000;

/** How far ahead contract ends and cluster support milestones are listed (issue 11 §5). */
export const LEAD_LOOKAHEAD_DAYS = 90;

/** The ops service item whose package frequency makes inspections due (seed 002 资源巡检). */
export const INSPECTION_SERVICE = 'resource-inspection';

export interface LeadViewInput {
  period: DateRange;
  customers: readonly CustomerDoc[];
  sites: readonly SiteDoc[];
  contracts: readonly ContractDoc[];
  incidents: readonly IncidentDoc[];
  records: readonly OpsRecordDoc[];
  deliverables: readonly DeliverableDoc[];
  clusters: readonly ClusterDoc[];
  inspections: readonly InspectionDoc[];
  /** The lead's civil date (for due dates of ops records, which have no site of their own). */
  today: IsoDate;
  ctx?: IncidentContext;
}

export interface LeadPackFigures {
  packId: PolicyPackId;
  /** One per level of the pack, in the pack's order; then the pack's totals. */
  levels: LevelFigures[];
  totals: LevelFigures;
}

export interface LeadEngineerFigures {
  /** The assignee's name; `''` for incidents in the team queue. */
  engineer: string;
  figures: LevelFigures;
}

export interface LeadAcceptance {
  contract: ContractDoc;
  customer: CustomerDoc | undefined;
  deadline: AcceptanceDeadline;
  /** When the confirmation window opens: 00:00 after the contract's last day, site zone. */
  opensAtMs: number;
  state: DeadlineState;
  msLeft: number;
  /** The latest acceptance report of the contract (highest revision), if one was made. */
  report: DeliverableDoc | undefined;
  confirmed: boolean;
}

export type LeadOverdueItem =
  | { reason: 'risk-past-due'; record: OpsRecordDoc; dueDate: IsoDate }
  | { reason: 'change-without-result'; record: OpsRecordDoc };

export interface LeadTransferRetention {
  incident: IncidentDoc;
  site: SiteDoc;
  /** Closed as 已转移给客户 at. */
  closedAt: IsoInstant;
  /** Shown to the customer until this instant (exclusive), site zone. */
  untilAt: IsoInstant;
  years: number;
}

export interface LeadContractEnding {
  contract: ContractDoc;
  customer: CustomerDoc | undefined;
  site: SiteDoc;
  /** Whole days from the site's today to the end date (0: the last covered day is today). */
  daysLeft: number;
  /** A contract of the same pack covering the site from the day after the end, if any. */
  renewal: ContractDoc | undefined;
}

export interface LeadClusterLifecycle {
  cluster: ClusterDoc;
  customer: CustomerDoc | undefined;
  site: SiteDoc;
  /** The site's today, on which `lifecycle` is stated. */
  date: IsoDate;
  lifecycle: LifecycleResult;
  /** The milestone listed: the one coming within the lookahead, else the one already passed. */
  milestone: 'end-of-standard-support' | 'end-of-life';
  /** The first day without that support: the day after the EOSS / EOSL date. */
  stopsOn: IsoDate;
  /** Already passed on `date`. */
  reached: boolean;
  /** Days from `date` to `stopsOn` (negative once reached). */
  daysLeft: number;
}

export interface LeadInspectionDue {
  contract: ContractDoc;
  customer: CustomerDoc | undefined;
  site: SiteDoc;
  frequency: InspectionFrequency;
  /** The report period judged (its cadence's period containing the site's today, clipped). */
  period: DateRange;
  /** The site's today. */
  date: IsoDate;
  /** An inspection is due today and none was completed yet. */
  dueToday: boolean;
  /** Today: `due` (none completed yet), `done`, or `not-required` (a day off on 5x8). */
  todayState: 'due' | 'done' | 'not-required';
  /** Due days of the period before today without a completed inspection. */
  missedDays: IsoDate[];
  /** The latest completed inspection of the site (any time up to now), if any. */
  lastInspection: InspectionDoc | undefined;
}

export interface LeadView {
  period: DateRange;
  packs: LeadPackFigures[];
  engineers: LeadEngineerFigures[];
  /** The judged incident rows behind the figures, by incident id (to link each figure). */
  rows: IncidentFigureRow[];
  /** Sites whose figures could not be computed (a pack or calendar this laptop lacks). */
  skippedSiteIds: string[];
  openIncidents: HomeIncident[];
  acceptances: LeadAcceptance[];
  overdue: LeadOverdueItem[];
  /** Level 1 incidents of the team with their next hourly update, soonest (most overdue) first. */
  hourlyUpdates: HomeHourlyUpdate[];
  /** 已由客户取消 deadlines running, soonest first. */
  cancellations: HomeCancellation[];
  transferRetentions: LeadTransferRetention[];
  contractsEnding: LeadContractEnding[];
  clusterLifecycles: LeadClusterLifecycle[];
  inspectionsDue: LeadInspectionDue[];
}

/** Whether a document is live: deletions travel as `_deleted: true` tombstones. */
function isLive(doc: object): boolean {
  return (doc as { _deleted?: unknown })._deleted !== true;
}

function liveOnly<T extends object>(docs: readonly T[]): T[] {
  return docs.filter(isLive);
}

function dateIn(site: SiteDoc, ms: number): IsoDate {
  return formatInZone(siteZone(site.timeZone), ms).slice(0, 10);
}

function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The site whose zone and calendar date a contract: its first listed site, else the customer's first. */
function contractSite(contract: ContractDoc, sites: readonly SiteDoc[]): SiteDoc | undefined {
  const byId = new Map(sites.map((s) => [s.id, s]));
  return (
    contract.siteIds.map((id) => byId.get(id)).find((s) => s !== undefined) ??
    sites.find((s) => s.customerId === contract.customerId)
  );
}

function addDays(date: IsoDate, days: number): IsoDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

function slaFigures(input: LeadViewInput, nowIso: string, siteById: Map<string, SiteDoc>) {
  // Group by (pack, site): one zone and calendar per call, as the ops report does.
  const groups = new Map<string, IncidentDoc[]>();
  for (const inc of input.incidents) {
    const key = `${inc.packId}\u0000${inc.siteId}`;
    const list = groups.get(key);
    if (list) list.push(inc);
    else groups.set(key, [inc]);
  }
  const rowsByPack = new Map<PolicyPackId, IncidentFigureRow[]>();
  const skipped = new Set<string>();
  for (const list of groups.values()) {
    const first = list[0]!;
    const site = siteById.get(first.siteId);
    if (site === undefined) continue;
    try {
      const figures = computeServiceFigures({
        period: input.period,
        packId: first.packId,
        tier: first.tier,
        timeZone: site.timeZone,
        calendar: site.holidayCalendar,
        ...(input.ctx?.calendars ? { calendars: input.ctx.calendars } : {}),
        ...(input.ctx?.packs ? { packs: input.ctx.packs } : {}),
        incidents: list,
        inspections: [],
        asOf: nowIso,
      });
      // A pack without incidents in the period gets no table (its totals would be all zeros).
      if (figures.incidents.length === 0) continue;
      const rows = rowsByPack.get(first.packId) ?? [];
      rows.push(...figures.incidents);
      rowsByPack.set(first.packId, rows);
    } catch {
      // A pack version or calendar this laptop does not know: named, not counted.
      skipped.add(site.id);
    }
  }
  return { rowsByPack, skipped };
}

/**
 * The acceptance confirmations to follow at `now` (see the module comment): ended or soon-ending
 * private-cloud-ops contracts, unconfirmed ones first, least time left first. Used by the lead's
 * view and the desktop reminders.
 */
export function acceptanceConfirmations(
  input: Pick<
    LeadViewInput,
    'customers' | 'sites' | 'contracts' | 'deliverables' | 'today' | 'ctx'
  >,
  now: IsoInstant,
): LeadAcceptance[] {
  const sites = liveOnly(input.sites);
  const customerById = new Map(liveOnly(input.customers).map((c) => [c.id, c]));
  const deliverables = liveOnly(input.deliverables);
  const acceptances: LeadAcceptance[] = [];
  for (const contract of liveOnly(input.contracts)) {
    if (contract.packId !== 'private-cloud-ops') continue;
    const site = contractSite(contract, sites);
    if (site === undefined) continue;
    let deadline: AcceptanceDeadline;
    try {
      deadline = acceptanceDeadline(
        contract.endDate,
        site.timeZone,
        site.holidayCalendar,
        input.ctx?.calendars,
      );
    } catch {
      continue;
    }
    const { state, msLeft } = deadlineState(contract.endDate, deadline, site.timeZone, now);
    if (
      state === 'not-started' &&
      addDays(input.today, ACCEPTANCE_LOOKAHEAD_DAYS) < contract.endDate
    )
      continue;
    const report = deliverables
      .filter((d) => d.kind === 'acceptance-report' && d.sourceId === contract.id)
      .sort((a, b) => b.documentRevision - a.documentRevision)[0];
    const confirmed = report?.status === 'signed';
    if (confirmed && state === 'overdue') continue;
    const zone = siteZone(site.timeZone);
    const opensAtMs = wallMinuteToEpoch(zone, parseIsoDate(contract.endDate, 'endDate') + 1, 0);
    acceptances.push({
      contract,
      customer: customerById.get(contract.customerId),
      deadline,
      opensAtMs,
      state,
      msLeft,
      report,
      confirmed,
    });
  }
  return acceptances.sort(
    (a, b) =>
      Number(a.confirmed) - Number(b.confirmed) ||
      a.msLeft - b.msLeft ||
      a.contract.number.localeCompare(b.contract.number),
  );
}

/** Incidents closed as 已转移给客户 still shown to the customer at `nowMs`, leaving soonest first. */
export function transferRetentions(
  incidents: readonly IncidentDoc[],
  sites: readonly SiteDoc[],
  nowMs: number,
  ctx?: IncidentContext,
): LeadTransferRetention[] {
  const siteById = new Map(liveOnly(sites).map((s) => [s.id, s]));
  const out: LeadTransferRetention[] = [];
  for (const incident of liveOnly(incidents)) {
    if (incident.closure?.state !== 'transferred-to-customer') continue;
    const site = siteById.get(incident.siteId);
    if (site === undefined) continue;
    let pack: PolicyPack;
    let untilAt: IsoInstant | null;
    try {
      pack = getPolicyPack(incident.packId, ctx?.packs);
      untilAt = transferRetentionUntil(incident, pack, site.timeZone);
    } catch {
      continue;
    }
    if (untilAt === null || Date.parse(untilAt) <= nowMs) continue;
    const years =
      pack.closureStates.find((c) => c.id === 'transferred-to-customer')?.visibleYears ?? 0;
    out.push({ incident, site, closedAt: incident.closure.at, untilAt, years });
  }
  return out.sort(
    (a, b) =>
      Date.parse(a.untilAt) - Date.parse(b.untilAt) || a.incident.id.localeCompare(b.incident.id),
  );
}

/** Contracts running on their site's today and ending within `LEAD_LOOKAHEAD_DAYS`, soonest first. */
export function contractsEnding(
  input: Pick<LeadViewInput, 'customers' | 'sites' | 'contracts'>,
  nowMs: number,
): LeadContractEnding[] {
  const sites = liveOnly(input.sites);
  const contracts = liveOnly(input.contracts);
  const customerById = new Map(liveOnly(input.customers).map((c) => [c.id, c]));
  const out: LeadContractEnding[] = [];
  for (const contract of contracts) {
    const site = contractSite(contract, sites);
    if (site === undefined) continue;
    const today = dateIn(site, nowMs);
    if (!contractValidOn(contract, today)) continue;
    const daysLeft = daysBetween(today, contract.endDate);
    if (daysLeft > LEAD_LOOKAHEAD_DAYS) continue;
    const renewal = contractsCoveringSite(
      contracts.filter((c) => c.id !== contract.id && c.packId === contract.packId),
      site,
      addDays(contract.endDate, 1),
    )[0];
    out.push({
      contract,
      customer: customerById.get(contract.customerId),
      site,
      daysLeft,
      renewal,
    });
  }
  return out.sort(
    (a, b) => a.daysLeft - b.daysLeft || a.contract.number.localeCompare(b.contract.number),
  );
}

/**
 * Clusters whose support changes within `LEAD_LOOKAHEAD_DAYS` of their site's today, or is already
 * over (see the module comment): upcoming ones first (soonest first), then end of life, then end
 * of standard support.
 */
export function clusterLifecycles(
  input: Pick<LeadViewInput, 'customers' | 'sites' | 'clusters' | 'ctx'>,
  nowMs: number,
): LeadClusterLifecycle[] {
  const siteById = new Map(liveOnly(input.sites).map((s) => [s.id, s]));
  const customerById = new Map(liveOnly(input.customers).map((c) => [c.id, c]));
  const out: LeadClusterLifecycle[] = [];
  for (const cluster of liveOnly(input.clusters)) {
    const site = siteById.get(cluster.siteId);
    if (site === undefined) continue;
    const date = dateIn(site, nowMs);
    let now: LifecycleResult;
    let ahead: LifecycleResult;
    try {
      now = lifecycleStatus(cluster.product, cluster.version, date, input.ctx?.packs);
      ahead = lifecycleStatus(
        cluster.product,
        cluster.version,
        addDays(date, LEAD_LOOKAHEAD_DAYS),
        input.ctx?.packs,
      );
    } catch {
      // No lifecycle data for the product (Apsara Stack, ZStack) or a malformed version.
      continue;
    }
    let milestone: LeadClusterLifecycle['milestone'];
    let reached: boolean;
    if (ahead.status === now.status) {
      if (now.status === 'supported') continue;
      milestone = now.status;
      reached = true;
    } else {
      // Supported now and out of standard support ahead, or out of standard support now and
      // at end of life ahead (a jump from supported straight to end of life names end of life).
      milestone = ahead.status === 'end-of-life' ? 'end-of-life' : 'end-of-standard-support';
      reached = false;
    }
    const stopsOn = addDays(milestone === 'end-of-life' ? now.eosl : now.eoss, 1);
    out.push({
      cluster,
      customer: customerById.get(cluster.customerId),
      site,
      date,
      lifecycle: now,
      milestone,
      stopsOn,
      reached,
      daysLeft: daysBetween(date, stopsOn),
    });
  }
  const rank = (c: LeadClusterLifecycle) =>
    !c.reached ? 0 : c.milestone === 'end-of-life' ? 1 : 2;
  return out.sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (rank(a) === 0 ? a.stopsOn.localeCompare(b.stopsOn) : 0) ||
      (a.customer?.name ?? '').localeCompare(b.customer?.name ?? '') ||
      a.cluster.name.localeCompare(b.cluster.name),
  );
}

/**
 * Inspections the ops packages owe (see the module comment): per running private-cloud-ops
 * contract with the 资源巡检 item and per covered site; most missed days first.
 */
export function inspectionsDue(
  input: Pick<
    LeadViewInput,
    'customers' | 'sites' | 'contracts' | 'inspections' | 'deliverables' | 'ctx'
  >,
  nowMs: number,
): LeadInspectionDue[] {
  const sites = liveOnly(input.sites);
  const inspections = liveOnly(input.inspections);
  const deliverables = liveOnly(input.deliverables);
  const customerById = new Map(liveOnly(input.customers).map((c) => [c.id, c]));
  const asOf = new Date(nowMs).toISOString();
  const out: LeadInspectionDue[] = [];
  for (const contract of liveOnly(input.contracts)) {
    if (contract.packId !== 'private-cloud-ops') continue;
    if (!contract.services.includes(INSPECTION_SERVICE)) continue;
    const covered = sites.filter(
      (s) =>
        s.customerId === contract.customerId &&
        (contract.siteIds.length === 0 || contract.siteIds.includes(s.id)),
    );
    const service = servicePeriodFor(contract, deliverables).period;
    for (const site of covered) {
      const date = dateIn(site, nowMs);
      if (!contractValidOn(contract, date) || date < service.start || date > service.end) continue;
      const report = periodContaining(cadenceOf(contract.tier), date);
      const period: DateRange = {
        start: report.start < service.start ? service.start : report.start,
        end: report.end > service.end ? service.end : report.end,
      };
      let figures;
      try {
        figures = computeServiceFigures({
          period,
          servicePeriod: service,
          packId: contract.packId,
          tier: contract.tier,
          timeZone: site.timeZone,
          calendar: site.holidayCalendar,
          ...(input.ctx?.calendars ? { calendars: input.ctx.calendars } : {}),
          ...(input.ctx?.packs ? { packs: input.ctx.packs } : {}),
          incidents: [],
          inspections: periodInspections(inspections, [site.id], period),
          asOf,
        });
      } catch {
        // A tier, pack or calendar this laptop does not know: nothing to judge.
        continue;
      }
      const dueToday = figures.inspections.notYetDueDays.includes(date);
      const todayState = dueToday
        ? 'due'
        : figures.inspections.doneDays.some((d) => d.date === date)
          ? 'done'
          : 'not-required';
      const missedDays = figures.inspections.missedDays;
      if (!dueToday && missedDays.length === 0) continue;
      const lastInspection = inspections
        .filter(
          (i) =>
            i.siteId === site.id && i.status === 'completed' && Date.parse(i.startedAt) <= nowMs,
        )
        .sort((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt))[0];
      out.push({
        contract,
        customer: customerById.get(contract.customerId),
        site,
        frequency: figures.inspections.frequency,
        period,
        date,
        dueToday,
        todayState,
        missedDays,
        lastInspection,
      });
    }
  }
  return out.sort(
    (a, b) =>
      b.missedDays.length - a.missedDays.length ||
      Number(b.dueToday) - Number(a.dueToday) ||
      a.contract.number.localeCompare(b.contract.number) ||
      a.site.name.localeCompare(b.site.name),
  );
}

export function buildLeadView(rawInput: LeadViewInput, now: Date | number): LeadView {
  const nowMs = typeof now === 'number' ? now : now.getTime();
  const nowIso = new Date(nowMs).toISOString();
  const input: LeadViewInput = {
    ...rawInput,
    customers: liveOnly(rawInput.customers),
    sites: liveOnly(rawInput.sites),
    contracts: liveOnly(rawInput.contracts),
    incidents: liveOnly(rawInput.incidents),
    records: liveOnly(rawInput.records),
    deliverables: liveOnly(rawInput.deliverables),
    clusters: liveOnly(rawInput.clusters),
    inspections: liveOnly(rawInput.inspections),
  };
  const siteById = new Map(input.sites.map((s) => [s.id, s]));
  const incidentById = new Map(input.incidents.map((i) => [i.id, i]));

  // SLA compliance.
  const { rowsByPack, skipped } = slaFigures(input, nowIso, siteById);
  const packs: LeadPackFigures[] = [];
  const allRows: IncidentFigureRow[] = [];
  for (const [packId, rows] of [...rowsByPack].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    rows.sort((a, b) => Date.parse(a.openedAt) - Date.parse(b.openedAt));
    const pack = getPolicyPack(packId, input.ctx?.packs);
    packs.push({
      packId,
      levels: pack.levels.map((l) =>
        levelFigures(
          l.id,
          rows.filter((r) => r.level === l.id),
        ),
      ),
      totals: levelFigures('all', rows),
    });
    allRows.push(...rows);
  }
  const byEngineer = new Map<string, IncidentFigureRow[]>();
  for (const row of allRows) {
    const who = incidentById.get(row.incidentId)?.assignee?.trim() ?? '';
    const list = byEngineer.get(who);
    if (list) list.push(row);
    else byEngineer.set(who, [row]);
  }
  const engineers = [...byEngineer]
    .map(([engineer, rows]) => ({ engineer, figures: levelFigures('all', rows) }))
    // Named engineers by name; the team queue last.
    .sort((a, b) =>
      a.engineer === '' ? 1 : b.engineer === '' ? -1 : a.engineer.localeCompare(b.engineer),
    );

  // Open incidents of the whole team, by time left; their hourly updates and cancellations.
  const openIncidents: HomeIncident[] = [];
  const hourlyUpdates: HomeHourlyUpdate[] = [];
  const cancellations: HomeCancellation[] = [];
  for (const incident of input.incidents) {
    if (incident.status !== 'open' && incident.status !== 'paused') continue;
    const site = siteById.get(incident.siteId);
    if (site === undefined) continue;
    let item: HomeIncident;
    try {
      item = { incident, site, sla: incidentSlaStatus(incident, site, nowIso, input.ctx) };
    } catch {
      // Unknown pack version: not listed (the incident page says why).
      continue;
    }
    openIncidents.push(item);
    const hourly = hourlyUpdateOf(item, nowMs);
    if (hourly !== null) hourlyUpdates.push(hourly);
    const cancel = cancellationOf(incident, site, nowMs, input.ctx);
    if (cancel !== null) cancellations.push(cancel);
  }
  openIncidents.sort(compareByTimeLeft);
  hourlyUpdates.sort((a, b) => a.dueAtMs - b.dueAtMs || a.incident.id.localeCompare(b.incident.id));
  cancellations.sort((a, b) => a.atMs - b.atMs || a.incident.id.localeCompare(b.incident.id));

  const acceptances = acceptanceConfirmations(input, nowIso);

  // Overdue ops items.
  const overdue: LeadOverdueItem[] = [];
  for (const record of input.records) {
    if (record.kind === 'risk' && record.risk) {
      const due = record.risk.dueDate;
      if (due !== undefined && due < input.today && !OPS_FINAL_STATES.has(record.state)) {
        overdue.push({ reason: 'risk-past-due', record, dueDate: due });
      }
    } else if (record.kind === 'change' && record.change) {
      const c = record.change;
      if (c.result !== undefined || record.state === 'cancelled') continue;
      const ended = c.windowEnd !== undefined && Date.parse(c.windowEnd) < nowMs;
      const finished = ['done', 'failed', 'rolled-back'].includes(record.state);
      if (ended || finished) overdue.push({ reason: 'change-without-result', record });
    }
  }
  const overdueKey = (o: LeadOverdueItem) =>
    o.reason === 'risk-past-due' ? o.dueDate : (o.record.change?.windowEnd ?? o.record.openedAt);
  overdue.sort(
    (a, b) =>
      overdueKey(a).localeCompare(overdueKey(b)) || a.record.number.localeCompare(b.record.number),
  );

  return {
    period: input.period,
    packs,
    engineers,
    rows: allRows,
    skippedSiteIds: [...skipped].sort(),
    openIncidents,
    acceptances,
    overdue,
    hourlyUpdates,
    cancellations,
    transferRetentions: transferRetentions(input.incidents, input.sites, nowMs, input.ctx),
    contractsEnding: contractsEnding(input, nowMs),
    clusterLifecycles: clusterLifecycles(input, nowMs),
    inspectionsDue: inspectionsDue(input, nowMs),
  };
}
