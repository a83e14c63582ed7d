/**
 * Figures of the periodic operations service report (运维服务报告, seed 002 §七): the response
 * SLA of the period's incidents, computed with the SLA engine (sla.ts), and the resource
 * inspections done against the package's frequency (资源巡检 1 次/每工作日 on 5*8, 1 次/每天 on
 * 7*24). Pure: data and an `asOf` instant in, figures out; every figure lists the ids of the
 * records it was computed from, so the report's appendix can trace it.
 *
 * Rules (see INTERPRETATIONS.md, "ops service report"):
 * - An incident belongs to the period its customer's first contact (`openedAt`) falls in, on the
 *   SITE's civil calendar; it is counted there even when it was answered in the next period
 *   (listed as `answeredAfterPeriod`), and never again in the next report (which lists it under
 *   `fromEarlierPeriods` for information only).
 * - Each incident is judged with `slaStatus` at its current level (reclassification keeps the
 *   original start and applies the new level's target) and its pauses, as of `asOf`:
 *   met = first response at or before due; breached = responded late, or no response and `asOf`
 *   is past due; pending = no response yet and not yet due (or stopped by an open pause);
 *   no-target = the level has no time target.
 * - Attainment % = met / (met + breached) × 100; null when nothing was decided.
 * - Time to first response is in-window (business) time of the target's coverage window from
 *   the first contact to the first response, pauses excluded; median of an even count is the
 *   mean of the middle two; p90 is the nearest rank (the ⌈0.9·n⌉-th smallest).
 * - Inspection days: the period's days (clipped to the service period) that the package
 *   requires an inspection on; a day counts as done when a completed inspection started on it
 *   (site zone). Days after `asOf`'s date, and `asOf`'s own date while it has no inspection, are
 *   not yet due rather than missed.
 * - Records from after `asOf` (an incident opened, an inspection started later) are left out, so
 *   the figures of a signed report can be recomputed from the same records later.
 */
import type {
  HolidayCalendarId,
  IsoDate,
  IsoInstant,
  LevelChange,
  PauseInterval,
  PolicyPackId,
} from '../../db/types';
import { getPolicyPack } from '../../policy/index';
import type { Coverage, PolicyPack } from '../../policy/types';
import type { HolidayCalendarData } from '../calendar';
import {
  calendarView,
  isPublishedBits,
  isWorkingBits,
  isoDateOfDayNumber,
  parseIsoDate,
  yearOfDayNumber,
} from '../calendar';
import { InputError } from '../errors';
import { businessMsBetween, slaStatus, targetDurationMs } from '../sla';
import { formatInZone, parseInstant, siteZone, toEpochMs } from '../sla-zone';

/** What the figures need of an incident; an `IncidentDoc` fits. */
export interface FigureIncident {
  id: string;
  title: string;
  packId: PolicyPackId;
  tier: string;
  level: string;
  levelHistory: LevelChange[];
  openedAt: IsoInstant;
  firstResponseAt?: IsoInstant;
  pauses: PauseInterval[];
}

/** What the figures need of an inspection; an `InspectionDoc` fits. */
export interface FigureInspection {
  id: string;
  startedAt: IsoInstant;
  finishedAt?: IsoInstant;
  status: 'in-progress' | 'completed';
}

export interface DateRange {
  /** First day, the site's civil date. */
  start: IsoDate;
  /** Last day, inclusive. */
  end: IsoDate;
}

export interface ServiceFiguresInput {
  period: DateRange;
  /** The service period (entry report or contract dates): inspection days outside it are not due. */
  servicePeriod?: DateRange;
  packId: PolicyPackId;
  /** The package / tier of the contract, e.g. `5x8` or `7x24`: decides the inspection frequency. */
  tier: string;
  /** The site's IANA zone. */
  timeZone: string;
  calendar: HolidayCalendarId;
  calendars?: readonly HolidayCalendarData[];
  packs?: readonly PolicyPack[];
  incidents: readonly FigureIncident[];
  inspections: readonly FigureInspection[];
  /** When the figures are taken (the report's issue time). */
  asOf: IsoInstant;
}

export type IncidentOutcome = 'met' | 'breached' | 'pending' | 'no-target';
export type BreachReason = 'responded-late' | 'no-response';

/** One incident of the period as the figures judged it (a row of the appendix). */
export interface IncidentFigureRow {
  incidentId: string;
  title: string;
  /** Current level: the one judged. */
  level: string;
  /** Levels it had before, oldest first (reclassifications). */
  reclassifiedFrom: string[];
  openedAt: IsoInstant;
  clockStartAt: IsoInstant | null;
  dueAt: IsoInstant | null;
  respondedAt: IsoInstant | null;
  /** In-window time from first contact to first response, pauses excluded; null if none yet. */
  responseMs: number | null;
  /** In-window time the pauses took off the clock up to the response (or `asOf`). */
  pausedMs: number;
  outcome: IncidentOutcome;
  breachReason?: BreachReason;
  /** In-window time past due: at the response, or at `asOf` without one. */
  overdueMs?: number;
  /** Answered after the period's last day, or not answered by then. */
  answeredAfterPeriod: boolean;
}

export interface LevelFigures {
  /** A level id of the pack, or `all` for the totals. */
  level: string;
  count: number;
  met: number;
  breached: number;
  pending: number;
  noTarget: number;
  /** met / (met + breached) × 100, unrounded; null when nothing was decided. */
  attainmentPct: number | null;
  medianResponseMs: number | null;
  p90ResponseMs: number | null;
  /** Incidents counted, in `incidents` order. */
  incidentIds: string[];
  /** The responded incidents the median and p90 were taken over. */
  responseIncidentIds: string[];
}

export type InspectionFrequency = 'working-day' | 'day';

export interface InspectionDay {
  date: IsoDate;
  inspectionIds: string[];
}

export interface InspectionFigures {
  frequency: InspectionFrequency;
  /** Days an inspection was due (up to `asOf`). */
  expected: number;
  /** Due days with at least one completed inspection. */
  done: number;
  missed: number;
  /** done / expected × 100, unrounded; null when no day was due. */
  donePct: number | null;
  doneDays: InspectionDay[];
  missedDays: IsoDate[];
  /** Completed inspections on days nothing was due (a weekend on 5x8, outside the service period). */
  extraDays: InspectionDay[];
  /** Days of the period still to come at `asOf` (or `asOf`'s own day without an inspection yet). */
  notYetDueDays: IsoDate[];
}

export interface ServiceFigures {
  period: DateRange;
  asOf: IsoInstant;
  coverage: Coverage | null;
  levels: LevelFigures[];
  totals: LevelFigures;
  incidents: IncidentFigureRow[];
  breaches: IncidentFigureRow[];
  answeredAfterPeriod: IncidentFigureRow[];
  /** Opened before the period, first answered in it: counted in their own period's report. */
  fromEarlierPeriods: {
    incidentId: string;
    title: string;
    openedAt: IsoInstant;
    respondedAt: IsoInstant;
  }[];
  inspections: InspectionFigures;
  /** Years looked at that the holiday calendar has no data for (plain weekends were used). */
  missingCalendarYears: number[];
}

/** Median of ascending values: the middle one, or the mean of the middle two. */
export function median(sorted: readonly number[]): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const mid = Math.floor(n / 2);
  return n % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Nearest-rank percentile of ascending values: the ⌈p/100 · n⌉-th smallest. */
export function nearestRank(sorted: readonly number[], p: number): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * n));
  return sorted[rank - 1]!;
}

function checkRange(range: DateRange, field: string): [number, number] {
  const s = parseIsoDate(range.start, `${field}.start`);
  const e = parseIsoDate(range.end, `${field}.end`);
  if (e < s)
    throw new InputError(`${field}: ends (${range.end}) before it starts (${range.start})`, field);
  return [s, e];
}

/**
 * The figures of one group of judged incidents (a level, an engineer, the totals): counts,
 * attainment and the median / p90 response. Exported so that views pooling several reports'
 * rows (the lead's view) compute them exactly as the report does.
 */
export function levelFigures(level: string, rows: readonly IncidentFigureRow[]): LevelFigures {
  let met = 0;
  let breached = 0;
  let pending = 0;
  let noTarget = 0;
  const responded: { ms: number; id: string }[] = [];
  for (const r of rows) {
    if (r.outcome === 'met') met++;
    else if (r.outcome === 'breached') breached++;
    else if (r.outcome === 'pending') pending++;
    else noTarget++;
    if (r.responseMs !== null && r.outcome !== 'no-target')
      responded.push({ ms: r.responseMs, id: r.incidentId });
  }
  const sorted = responded.map((x) => x.ms).sort((a, b) => a - b);
  return {
    level,
    count: rows.length,
    met,
    breached,
    pending,
    noTarget,
    attainmentPct: met + breached === 0 ? null : (met / (met + breached)) * 100,
    medianResponseMs: median(sorted),
    p90ResponseMs: nearestRank(sorted, 90),
    incidentIds: rows.map((r) => r.incidentId),
    responseIncidentIds: responded.map((x) => x.id),
  };
}

/** The levels an incident had before its current one, oldest first (levelHistory starts with the opening level). */
function earlierLevels(inc: FigureIncident): string[] {
  const levels = [...inc.levelHistory]
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at))
    .map((h) => h.level);
  if (levels[levels.length - 1] === inc.level) levels.pop();
  return levels.filter((l, k) => k === 0 || levels[k - 1] !== l);
}

/** The package's inspection frequency: one per working day on 5x8, one per day on 7x24. */
export function inspectionFrequency(pack: PolicyPack, tier: string): InspectionFrequency {
  if (!pack.tiers.some((t) => t.id === tier)) {
    throw new InputError(
      `unknown tier "${tier}" in pack ${pack.id}; known: ${pack.tiers.map((t) => t.id).join(', ')}`,
      'tier',
    );
  }
  // The ops packages are named after their coverage window (INTERPRETATIONS.md); otherwise the
  // tier's first timed target decides. 5x8 counts working days only (seed 002 服务规格).
  let coverage: Coverage | undefined = tier === '5x8' || tier === '7x24' ? tier : undefined;
  if (coverage === undefined) {
    for (const t of Object.values(pack.responseMatrix[tier] ?? {})) {
      if (t.kind !== 'none') {
        coverage = t.coverage;
        break;
      }
    }
  }
  return coverage !== undefined && pack.coverageWindows[coverage].workingDaysOnly
    ? 'working-day'
    : 'day';
}

/** The figures of one report period (see the module comment for the rules). */
export function computeServiceFigures(input: ServiceFiguresInput): ServiceFigures {
  const pack = getPolicyPack(input.packId, input.packs);
  const zone = siteZone(input.timeZone);
  const [pStart, pEnd] = checkRange(input.period, 'period');
  const [sStart, sEnd] = input.servicePeriod
    ? checkRange(input.servicePeriod, 'servicePeriod')
    : [-Infinity, Infinity];
  const asOfMs = toEpochMs(input.asOf, 'asOf');
  const asOf = formatInZone(zone, asOfMs);
  const asOfDay = parseIsoDate(asOf.slice(0, 10), 'asOf');
  const localDay = (ms: number) => parseIsoDate(formatInZone(zone, ms).slice(0, 10));
  const frequency = inspectionFrequency(pack, input.tier);
  const missing = new Set<number>();
  const shared = {
    timeZone: input.timeZone,
    calendar: input.calendar,
    ...(input.calendars ? { calendars: input.calendars } : {}),
    ...(input.packs ? { packs: input.packs } : {}),
  };

  const rows: IncidentFigureRow[] = [];
  const fromEarlier: ServiceFigures['fromEarlierPeriods'] = [];
  let coverage: Coverage | null = null;
  for (const [i, inc] of input.incidents.entries()) {
    const openedMs = parseInstant(inc.openedAt, `incidents[${i}].openedAt`);
    if (openedMs > asOfMs) continue;
    const openedDay = localDay(openedMs);
    const recordedMs =
      inc.firstResponseAt !== undefined && inc.firstResponseAt !== ''
        ? parseInstant(inc.firstResponseAt, `incidents[${i}].firstResponseAt`)
        : null;
    const respondedMs = recordedMs !== null && recordedMs <= asOfMs ? recordedMs : null;
    if (openedDay < pStart) {
      if (respondedMs !== null) {
        const d = localDay(respondedMs);
        if (d >= pStart && d <= pEnd) {
          fromEarlier.push({
            incidentId: inc.id,
            title: inc.title,
            openedAt: inc.openedAt,
            respondedAt: inc.firstResponseAt as string,
          });
        }
      }
      continue;
    }
    if (openedDay > pEnd) continue;
    if (inc.packId !== input.packId) {
      throw new InputError(
        `incidents[${i}] (${inc.id}): pack ${inc.packId} is not the report's pack ${input.packId}`,
        'incidents',
      );
    }
    const status = slaStatus(
      {
        packId: inc.packId,
        tier: inc.tier,
        level: inc.level,
        openedAt: inc.openedAt,
        pauses: inc.pauses,
        ...shared,
        ...(respondedMs !== null ? { firstResponseAt: inc.firstResponseAt } : {}),
      },
      input.asOf,
    );
    for (const y of status.missingCalendarYears) missing.add(y);
    coverage ??= status.coverage;
    let outcome: IncidentOutcome;
    let breachReason: BreachReason | undefined;
    if (status.coverage === null) outcome = 'no-target';
    else if (status.breached) {
      outcome = 'breached';
      breachReason = respondedMs !== null ? 'responded-late' : 'no-response';
    } else if (respondedMs !== null && status.respondedInTime === true) outcome = 'met';
    else outcome = 'pending';

    const business = (withPauses: boolean, toMs: number) =>
      status.coverage === null
        ? toMs - openedMs
        : businessMsBetween(openedMs, toMs, {
            coverage: status.coverage,
            packId: inc.packId,
            ...shared,
            ...(withPauses ? { pauses: inc.pauses } : {}),
          });
    const endMs = respondedMs ?? asOfMs;
    // slaStatus already walked the clock to the response: the in-window time it consumed is the
    // target minus what remained (saves a second walk per incident).
    const needMs = targetDurationMs(pack, status.target);
    const responseMs =
      respondedMs === null
        ? null
        : needMs !== null && status.remainingMs !== null
          ? needMs - status.remainingMs
          : business(true, respondedMs);
    const pausedMs =
      inc.pauses.length > 0 ? Math.max(0, business(false, endMs) - business(true, endMs)) : 0;
    const row: IncidentFigureRow = {
      incidentId: inc.id,
      title: inc.title,
      level: inc.level,
      reclassifiedFrom: earlierLevels(inc),
      openedAt: inc.openedAt,
      clockStartAt: status.clockStartAt,
      dueAt: status.dueAt,
      respondedAt: status.respondedAt,
      responseMs,
      pausedMs,
      outcome,
      answeredAfterPeriod: respondedMs === null ? asOfDay > pEnd : localDay(respondedMs) > pEnd,
    };
    if (breachReason) {
      row.breachReason = breachReason;
      if (status.remainingMs !== null) row.overdueMs = Math.max(0, -status.remainingMs);
    }
    rows.push(row);
  }

  const levels = pack.levels.map((l) =>
    levelFigures(
      l.id,
      rows.filter((r) => r.level === l.id),
    ),
  );
  const unknownLevel = rows.find((r) => !pack.levels.some((l) => l.id === r.level));
  if (unknownLevel) {
    throw new InputError(
      `incident ${unknownLevel.incidentId}: unknown level ${unknownLevel.level}`,
      'incidents',
    );
  }

  // Inspection days.
  const view = calendarView(input.calendar, input.calendars);
  const byDay = new Map<number, string[]>();
  for (const [i, ins] of input.inspections.entries()) {
    if (ins.status !== 'completed') continue;
    const startedMs = parseInstant(ins.startedAt, `inspections[${i}].startedAt`);
    // Figures are taken as of `asOf`: a record from after it (a later sync) does not count.
    if (startedMs > asOfMs) continue;
    const d = localDay(startedMs);
    if (d < pStart || d > pEnd) continue;
    const list = byDay.get(d);
    if (list) list.push(ins.id);
    else byDay.set(d, [ins.id]);
  }
  const doneDays: InspectionDay[] = [];
  const missedDays: IsoDate[] = [];
  const extraDays: InspectionDay[] = [];
  const notYetDueDays: IsoDate[] = [];
  for (let d = pStart; d <= pEnd; d++) {
    const ids = byDay.get(d);
    let required = d >= sStart && d <= sEnd;
    if (required && frequency === 'working-day') {
      const bits = view.dayBits(d);
      if (!isPublishedBits(bits)) missing.add(yearOfDayNumber(d));
      required = isWorkingBits(bits);
    }
    const date = isoDateOfDayNumber(d);
    if (!required) {
      if (ids) extraDays.push({ date, inspectionIds: ids });
      continue;
    }
    if (ids) doneDays.push({ date, inspectionIds: ids });
    else if (d >= asOfDay) notYetDueDays.push(date);
    else missedDays.push(date);
  }
  const expected = doneDays.length + missedDays.length;

  return {
    period: { start: input.period.start, end: input.period.end },
    asOf,
    coverage,
    levels,
    totals: levelFigures('all', rows),
    incidents: rows,
    breaches: rows.filter((r) => r.outcome === 'breached'),
    answeredAfterPeriod: rows.filter((r) => r.answeredAfterPeriod),
    fromEarlierPeriods: fromEarlier,
    inspections: {
      frequency,
      expected,
      done: doneDays.length,
      missed: missedDays.length,
      donePct: expected === 0 ? null : (doneDays.length / expected) * 100,
      doneDays,
      missedDays,
      extraDays,
      notYetDueDays,
    },
    missingCalendarYears: [...missing].sort((a, b) => a - b),
  };
}
