/**
 * The home page's content (issue 12: "the first screen after start") as a pure function of the
 * local store and a clock: today's visits, open incidents by SLA time left, level 1 hourly
 * updates due, deadlines, clusters out of standard support at the customers visited this week.
 *
 * "Today" and "this week" (Monday to Sunday) are the SITE's, like every SLA time: a visit in
 * Singapore is today in Singapore. "My" is the engineer's name from the settings; without a
 * name every visit counts (the local store holds only the customers assigned to this laptop).
 */
import type {
  ClusterDoc,
  ContractDoc,
  CustomerDoc,
  IncidentDoc,
  IsoDate,
  SiteDoc,
  VisitDoc,
} from '../db/types';
import { getPolicyPack } from '../policy/index';
import type { PolicyPack } from '../policy/types';
import { cancellationDeadline, incidentSlaStatus } from './incident-ops';
import type { IncidentContext } from './incident-ops';
import { lifecycleStatus } from './lifecycle';
// Seed 002 (验收): the customer confirms the 验收报告 within 7 days after the contract ends.
import { ACCEPTANCE_CONFIRMATION_DAYS } from './ops/acceptance';
import type { LifecycleResult } from './lifecycle';
import type { SlaStatus } from './sla';
import { formatInZone, siteZone } from './sla-zone';

const DAY_MS = 86_400_000;

/** How far ahead a contract end (and its acceptance confirmation) is listed. */
export const ACCEPTANCE_LOOKAHEAD_DAYS = 30;

export interface HomeInput {
  customers: readonly CustomerDoc[];
  sites: readonly SiteDoc[];
  clusters: readonly ClusterDoc[];
  contracts: readonly ContractDoc[];
  visits: readonly VisitDoc[];
  incidents: readonly IncidentDoc[];
  /** The engineer's display name; empty for "everyone's". */
  engineer: string;
  ctx?: IncidentContext;
}

export interface HomeVisit {
  visit: VisitDoc;
  site: SiteDoc;
  /** The visit's date in the site zone. */
  date: IsoDate;
}

export interface HomeIncident {
  incident: IncidentDoc;
  site: SiteDoc;
  sla: SlaStatus;
}

export interface HomeHourlyUpdate extends HomeIncident {
  dueAtMs: number;
  overdue: boolean;
}

export interface HomeCancellation {
  kind: 'cancellation';
  /** 已由客户取消: the pack's days after the information request (level 3: 7, level 4: 14). */
  atMs: number;
  days: number;
  incident: IncidentDoc;
  site: SiteDoc;
  passed: boolean;
}

export type HomeDeadline =
  | HomeCancellation
  | {
      kind: 'acceptance';
      /** The last day the customer may confirm the 验收报告 (contract end + 7 days). */
      date: IsoDate;
      contract: ContractDoc;
      customer: CustomerDoc | undefined;
      /** The contract has ended: the confirmation window is running. */
      ended: boolean;
      passed: boolean;
    };

export interface HomeCluster {
  cluster: ClusterDoc;
  customer: CustomerDoc | undefined;
  site: SiteDoc | undefined;
  visit: VisitDoc;
  /** The visit's date, on which the support status is stated. */
  date: IsoDate;
  lifecycle: LifecycleResult;
}

export interface HomeView {
  todayVisits: HomeVisit[];
  openIncidents: HomeIncident[];
  hourlyUpdates: HomeHourlyUpdate[];
  deadlines: HomeDeadline[];
  unsupportedClusters: HomeCluster[];
  /** Visits of this week counted for the clusters section (0: say "no visits this week"). */
  visitsThisWeek: number;
}

function dateIn(site: SiteDoc, ms: number): IsoDate {
  return formatInZone(siteZone(site.timeZone), ms).slice(0, 10);
}

function addDays(date: IsoDate, days: number): IsoDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Monday of the week of `date` (ISO weeks). */
function mondayOf(date: IsoDate): IsoDate {
  const dow = new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(date, -((dow + 6) % 7));
}

/** The visit's date in its site zone: check-in if it happened, else the planned date. */
export function visitDate(visit: VisitDoc, site: SiteDoc): IsoDate | null {
  if (visit.checkInAt !== undefined) {
    const ms = Date.parse(visit.checkInAt);
    if (!Number.isNaN(ms)) return dateIn(site, ms);
  }
  return visit.plannedDate ?? null;
}

function isMine(visit: VisitDoc, engineer: string): boolean {
  const me = engineer.trim();
  return me === '' || visit.engineers.some((e) => e.trim() === me);
}

/** An incident assigned to the engineer, or to nobody (opened before incidents had assignees). */
export function isMyIncident(incident: IncidentDoc, engineer: string): boolean {
  const me = engineer.trim();
  const assignee = incident.assignee?.trim() ?? '';
  return me === '' || assignee === '' || assignee === me;
}

function byId<T extends { id: string }>(docs: readonly T[]): Map<string, T> {
  return new Map(docs.map((d) => [d.id, d]));
}

function safeSla(incident: IncidentDoc, site: SiteDoc, nowMs: number, ctx?: IncidentContext) {
  try {
    return incidentSlaStatus(incident, site, new Date(nowMs), ctx);
  } catch {
    // A document from a pack version this laptop does not know: left out of the SLA lists.
    return null;
  }
}

/**
 * Open incidents by SLA time left: those still waiting for the response first, least time left
 * (most overdue) first; then the responded ones and those without a target, newest first.
 */
export function compareByTimeLeft(a: HomeIncident, b: HomeIncident): number {
  const waiting = (x: HomeIncident) => !x.sla.responded && x.sla.remainingMs !== null;
  const wa = waiting(a);
  const wb = waiting(b);
  if (wa && wb) {
    const d = a.sla.remainingMs! - b.sla.remainingMs!;
    if (d !== 0) return d;
  } else if (wa !== wb) {
    return wa ? -1 : 1;
  } else {
    const d = Date.parse(b.incident.openedAt) - Date.parse(a.incident.openedAt);
    if (d !== 0) return d;
  }
  return a.incident.id < b.incident.id ? -1 : a.incident.id > b.incident.id ? 1 : 0;
}

/**
 * The next hourly status update of an open incident (seed 000: level 1 gets one every hour),
 * from the SLA engine's `nextHourlyUpdateAt`; null when its level has none. Overdue once the
 * due instant has come.
 */
export function hourlyUpdateOf(item: HomeIncident, nowMs: number): HomeHourlyUpdate | null {
  if (item.sla.nextHourlyUpdateAt === null) return null;
  const dueAtMs = Date.parse(item.sla.nextHourlyUpdateAt);
  return { ...item, dueAtMs, overdue: dueAtMs <= nowMs };
}

/**
 * The 已由客户取消 deadline of an open incident waiting for the customer's information
 * (`cancellationDeadline`: the pack's days for the level after the request); null when none
 * runs or the pack is unknown to this laptop. Passed once the deadline instant has come.
 */
export function cancellationOf(
  incident: IncidentDoc,
  site: SiteDoc,
  nowMs: number,
  ctx?: IncidentContext,
): HomeCancellation | null {
  let pack: PolicyPack;
  try {
    pack = getPolicyPack(incident.packId, ctx?.packs);
  } catch {
    return null;
  }
  const cancel = cancellationDeadline(incident, pack);
  if (cancel === null) return null;
  const days =
    pack.closureStates.find((s) => s.id === 'cancelled-by-customer')?.deadlineDaysByLevel?.[
      incident.level
    ] ?? 0;
  const atMs = Date.parse(cancel);
  return { kind: 'cancellation', atMs, days, incident, site, passed: atMs <= nowMs };
}

export function buildHomeView(input: HomeInput, now: Date | number): HomeView {
  const nowMs = typeof now === 'number' ? now : now.getTime();
  const siteById = byId(input.sites);
  const customerById = byId(input.customers);

  // Visits: today's (or still checked in), and this week's at the customers for the clusters.
  const todayVisits: HomeVisit[] = [];
  const weekVisitByCustomer = new Map<string, { visit: VisitDoc; date: IsoDate }>();
  let visitsThisWeek = 0;
  for (const visit of input.visits) {
    const site = siteById.get(visit.siteId);
    if (site === undefined || !isMine(visit, input.engineer)) continue;
    const date = visitDate(visit, site);
    const today = dateIn(site, nowMs);
    if (visit.status === 'checked-in' || date === today) {
      todayVisits.push({ visit, site, date: date ?? today });
    }
    if (date === null) continue;
    const monday = mondayOf(today);
    if (date >= monday && date <= addDays(monday, 6)) {
      visitsThisWeek++;
      const known = weekVisitByCustomer.get(visit.customerId);
      if (known === undefined || date < known.date) {
        weekVisitByCustomer.set(visit.customerId, { visit, date });
      }
    }
  }
  todayVisits.sort(
    (a, b) =>
      Number(b.visit.status === 'checked-in') - Number(a.visit.status === 'checked-in') ||
      (a.visit.checkInAt ?? a.date).localeCompare(b.visit.checkInAt ?? b.date) ||
      a.visit.id.localeCompare(b.visit.id),
  );

  // Incidents.
  const openIncidents: HomeIncident[] = [];
  const hourlyUpdates: HomeHourlyUpdate[] = [];
  const deadlines: HomeDeadline[] = [];
  for (const incident of input.incidents) {
    if (incident.status !== 'open' && incident.status !== 'paused') continue;
    if (!isMyIncident(incident, input.engineer)) continue;
    const site = siteById.get(incident.siteId);
    if (site === undefined) continue;
    const sla = safeSla(incident, site, nowMs, input.ctx);
    if (sla === null) continue;
    const item: HomeIncident = { incident, site, sla };
    openIncidents.push(item);
    const hourly = hourlyUpdateOf(item, nowMs);
    if (hourly !== null) hourlyUpdates.push(hourly);
    const cancel = cancellationOf(incident, site, nowMs, input.ctx);
    if (cancel !== null) deadlines.push(cancel);
  }
  openIncidents.sort(compareByTimeLeft);
  hourlyUpdates.sort((a, b) => a.dueAtMs - b.dueAtMs || a.incident.id.localeCompare(b.incident.id));

  // Acceptance confirmations of operations contracts (seed 002), in the laptop's calendar: a
  // contract spans sites, so no single site zone applies.
  const today = new Date(nowMs).toISOString().slice(0, 10);
  for (const contract of input.contracts) {
    if (contract.packId !== 'private-cloud-ops') continue;
    const last = addDays(contract.endDate, ACCEPTANCE_CONFIRMATION_DAYS);
    if (today > last || addDays(today, ACCEPTANCE_LOOKAHEAD_DAYS) < contract.endDate) continue;
    deadlines.push({
      kind: 'acceptance',
      date: last,
      contract,
      customer: customerById.get(contract.customerId),
      ended: today > contract.endDate,
      passed: false,
    });
  }
  const deadlineMs = (d: HomeDeadline) =>
    d.kind === 'cancellation' ? d.atMs : Date.parse(`${d.date}T23:59:59Z`);
  deadlines.sort((a, b) => deadlineMs(a) - deadlineMs(b));

  // Clusters out of standard support at the customers visited this week, on the visit's date.
  const unsupportedClusters: HomeCluster[] = [];
  for (const cluster of input.clusters) {
    const week = weekVisitByCustomer.get(cluster.customerId);
    if (week === undefined) continue;
    let lifecycle: LifecycleResult;
    try {
      lifecycle = lifecycleStatus(cluster.product, cluster.version, week.date, input.ctx?.packs);
    } catch {
      // No lifecycle data for the product (or a malformed version): nothing to state.
      continue;
    }
    if (lifecycle.status === 'supported') continue;
    unsupportedClusters.push({
      cluster,
      customer: customerById.get(cluster.customerId),
      site: siteById.get(cluster.siteId),
      visit: week.visit,
      date: week.date,
      lifecycle,
    });
  }
  const rank = (c: HomeCluster) => (c.lifecycle.status === 'end-of-life' ? 0 : 1);
  unsupportedClusters.sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (a.customer?.name ?? '').localeCompare(b.customer?.name ?? '') ||
      a.cluster.name.localeCompare(b.cluster.name),
  );

  return {
    todayVisits,
    openIncidents,
    hourlyUpdates,
    deadlines,
    unsupportedClusters,
    visitsThisWeek,
  };
}
