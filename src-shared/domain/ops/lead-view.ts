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
 */
import type {
  ContractDoc,
  CustomerDoc,
  DeliverableDoc,
  IncidentDoc,
  IsoDate,
  IsoInstant,
  OpsRecordDoc,
  PolicyPackId,
  SiteDoc,
} from '../../db/types';
import { getPolicyPack } from '../../policy/index';
import { parseIsoDate } from '../calendar';
import { siteZone, wallMinuteToEpoch } from '../sla-zone';
import { ACCEPTANCE_LOOKAHEAD_DAYS, compareByTimeLeft } from '../home';
import type { HomeIncident } from '../home';
import { incidentSlaStatus } from '../incident-ops';
import type { IncidentContext } from '../incident-ops';
import { acceptanceDeadline, deadlineState } from './acceptance';
import type { AcceptanceDeadline, DeadlineState } from './acceptance';
import { OPS_FINAL_STATES } from './records';
import { computeServiceFigures, levelFigures } from './service-figures';
import type { DateRange, IncidentFigureRow, LevelFigures } from './service-figures';

const DAY_MS = 86_400_000;

export interface LeadViewInput {
  period: DateRange;
  customers: readonly CustomerDoc[];
  sites: readonly SiteDoc[];
  contracts: readonly ContractDoc[];
  incidents: readonly IncidentDoc[];
  records: readonly OpsRecordDoc[];
  deliverables: readonly DeliverableDoc[];
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
  const siteById = new Map(input.sites.map((s) => [s.id, s]));
  const customerById = new Map(input.customers.map((c) => [c.id, c]));
  const acceptances: LeadAcceptance[] = [];
  for (const contract of input.contracts) {
    if (contract.packId !== 'private-cloud-ops') continue;
    const site =
      contract.siteIds.map((id) => siteById.get(id)).find((s) => s !== undefined) ??
      input.sites.find((s) => s.customerId === contract.customerId);
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
    const report = input.deliverables
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

export function buildLeadView(input: LeadViewInput, now: Date | number): LeadView {
  const nowMs = typeof now === 'number' ? now : now.getTime();
  const nowIso = new Date(nowMs).toISOString();
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

  // Open incidents of the whole team, by time left.
  const openIncidents: HomeIncident[] = [];
  for (const incident of input.incidents) {
    if (incident.status !== 'open' && incident.status !== 'paused') continue;
    const site = siteById.get(incident.siteId);
    if (site === undefined) continue;
    try {
      openIncidents.push({
        incident,
        site,
        sla: incidentSlaStatus(incident, site, nowIso, input.ctx),
      });
    } catch {
      // Unknown pack version: not listed (the incident page says why).
    }
  }
  openIncidents.sort(compareByTimeLeft);

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
  };
}
