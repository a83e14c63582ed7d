/**
 * Incidents as pure operations on documents (PRODUCT.md §3–4, seed 000 “事件处置/事件关闭”).
 *
 * Every operation returns a NEW document (the input is never mutated), bumps `updatedAt`,
 * appends to the append-only timeline, and recomputes the response `dueAt` whenever the clock
 * inputs change (level, pauses). Bad input throws InputError with a specific message and the
 * incident is unchanged.
 *
 * `dueAt` is stored in UTC (`…Z`) so the open-incidents index sorts by time; '' means no due
 * time: the level has no time target, or an open pause stopped the clock before it ran out.
 *
 * `at` is when something happened (site time with offset); `now` in the options is when the
 * record is written and defaults to `at`.
 */
import type {
  ClosureState,
  ContractDoc,
  IncidentDoc,
  IsoInstant,
  PauseInterval,
  ResolutionType,
  SiteDoc,
  TimelineEvent,
  TimelineEventKind,
} from '../db/types';
import {
  compact,
  instantMs,
  nowInstant,
  optionalText,
  requireId,
  requireText,
} from '../db/doc-fields';
import type { Now } from '../db/doc-fields';
import { getPolicyPack, isAllowedPauseReason, responseTarget } from '../policy/index';
import type { PolicyPack } from '../policy/types';
import type { HolidayCalendarData } from './calendar';
import { contractCoversSite, contractValidOn } from './contract-coverage';
import { InputError } from './errors';
import { newId } from './ids';
import { computeDue, slaStatus } from './sla';
import type { SlaStatus } from './sla';
import { DateTime } from 'luxon';
import { formatInZone, siteZone } from './sla-zone';

export type { Now } from '../db/doc-fields';

/** Synced packs and calendars that replace the built-in ones (as in `computeDue`). */
export interface IncidentContext {
  packs?: readonly PolicyPack[];
  calendars?: readonly HolidayCalendarData[];
}

export interface IncidentOpOptions extends IncidentContext {
  /** When the record is written; `at` by default. */
  now?: Now;
  /** Only for fixtures and imports: the id of the timeline event the operation appends. */
  eventId?: string;
}

/** The pause reason seed 000 allows (the customer owes information); also the ops pack's. */
export const INFO_REQUEST_PAUSE_REASON = 'waiting-for-customer-information';

/** First entry of `levelHistory`: the level the incident was opened with. */
export const OPENED_LEVEL_REASON = 'opened';

/** Timeline kinds written only by their own operation, never by `addTimelineEvent`. */
const OPERATION_KINDS = [
  'opened',
  'first-response',
  'reclassification',
  'pause',
  'resume',
  'dispatch',
  'on-site-arrival',
  'resolution',
  'closure',
  'assignment',
] as const satisfies readonly TimelineEventKind[];

export type FreeTimelineKind = Exclude<TimelineEventKind, (typeof OPERATION_KINDS)[number]>;

const FREE_KINDS: readonly FreeTimelineKind[] = [
  'contact',
  'update',
  'escalation',
  'workaround',
  'note',
];

// --- helpers ------------------------------------------------------------------------------

function requireSite(incident: Pick<IncidentDoc, 'siteId'>, site: SiteDoc): void {
  if (site.id !== incident.siteId) {
    throw new InputError(`site ${site.id} is not the incident's site ${incident.siteId}`, 'siteId');
  }
}

function requireNotClosed(incident: IncidentDoc, what: string): void {
  if (incident.status === 'closed') {
    throw new InputError(`the incident is closed; cannot ${what}`, 'status', {
      code: 'incidentClosed',
    });
  }
}

/** `at` as ms, not before the customer's first contact. */
function requireAfterOpened(
  incident: Pick<IncidentDoc, 'openedAt'>,
  at: IsoInstant,
  field = 'at',
): number {
  const ms = instantMs(at, field);
  if (ms < instantMs(incident.openedAt, 'openedAt')) {
    throw new InputError(
      `${field} ${at} is before the incident was opened (${incident.openedAt})`,
      field,
      { code: 'beforeOpened', params: { openedAt: incident.openedAt } },
    );
  }
  return ms;
}

/** The stored form of a due instant: UTC, or '' without one. */
export function storedDueAt(dueAtMs: number | null): string {
  return dueAtMs === null ? '' : new Date(dueAtMs).toISOString();
}

type ClockFields = Pick<IncidentDoc, 'packId' | 'tier' | 'level' | 'openedAt' | 'pauses'>;

/** The response due instant to store for these clock inputs at `site`. */
export function incidentDueAt(
  incident: ClockFields,
  site: SiteDoc,
  ctx: IncidentContext = {},
): string {
  const due = computeDue({
    packId: incident.packId,
    tier: incident.tier,
    level: incident.level,
    openedAt: incident.openedAt,
    timeZone: site.timeZone,
    calendar: site.holidayCalendar,
    pauses: incident.pauses,
    ...(ctx.packs ? { packs: ctx.packs } : {}),
    ...(ctx.calendars ? { calendars: ctx.calendars } : {}),
  });
  return storedDueAt(due.dueAtMs);
}

function timelineEvent(
  kind: TimelineEventKind,
  at: IsoInstant,
  author: string,
  text: string,
  opts: IncidentOpOptions,
  extra: Pick<TimelineEvent, 'fromLevel' | 'toLevel'> = {},
): TimelineEvent {
  return compact<TimelineEvent>({
    id:
      opts.eventId === undefined ? newId(instantMs(at, 'at')) : requireId(opts.eventId, 'eventId'),
    at,
    kind,
    author: requireText(author, 'author', 100),
    text,
    ...extra,
  });
}

function written(at: IsoInstant, opts: IncidentOpOptions): IsoInstant {
  return nowInstant(opts.now ?? at);
}

// --- operations ---------------------------------------------------------------------------

export interface OpenIncidentInput {
  customerId: string;
  site: SiteDoc;
  contract: ContractDoc;
  clusterId?: string;
  title: string;
  description: string;
  /** A level id of the contract's pack ('1'..'5', 'P1'..'P4', 'request'). */
  level: string;
  /** The customer's first contact: the SLA clock starts here. */
  openedAt: IsoInstant;
  author: string;
  /** The engineer responsible; the author (the engineer opening it) by default. */
  assignee?: string;
  impact?: string;
  /** Only for fixtures and imports. */
  id?: string;
}

/**
 * Whether an incident at `level` is a fault, so that a fault report applies: the level's kind
 * in the pack is not `request` (a quota request or a usage question is no fault).
 */
export function isFaultLevel(pack: PolicyPack, level: string): boolean {
  return pack.levels.find((l) => l.id === level)?.kind !== 'request';
}

/** The site-local calendar date of an instant. */
function localDate(site: SiteDoc, ms: number): string {
  return formatInZone(siteZone(site.timeZone), ms).slice(0, 10);
}

/**
 * Opens an incident under `contract` at `site`: tier and pack from the contract, response due
 * time from the pack's matrix, an 'opened' timeline event. The contract must belong to the
 * customer, cover the site and be valid on the opening date (site time).
 */
export function openIncident(
  input: OpenIncidentInput,
  now: Now,
  opts: IncidentOpOptions = {},
): IncidentDoc {
  const { site, contract } = input;
  const customerId = requireId(input.customerId, 'customerId');
  if (site.customerId !== customerId) {
    throw new InputError(`site ${site.id} belongs to another customer`, 'siteId', {
      code: 'otherCustomer',
    });
  }
  if (contract.customerId !== customerId) {
    throw new InputError(`contract ${contract.number} belongs to another customer`, 'contractId', {
      code: 'otherCustomer',
    });
  }
  if (!contractCoversSite(contract, site)) {
    throw new InputError(
      `contract ${contract.number} does not cover site ${site.name}`,
      'contractId',
      { code: 'contractNotCoveringSite', params: { number: contract.number, site: site.name } },
    );
  }
  if (
    input.clusterId !== undefined &&
    contract.clusterIds.length > 0 &&
    !contract.clusterIds.includes(input.clusterId)
  ) {
    throw new InputError(
      `contract ${contract.number} does not cover cluster ${input.clusterId}`,
      'clusterId',
      { code: 'contractNotCoveringCluster', params: { number: contract.number } },
    );
  }
  const openedMs = instantMs(input.openedAt, 'openedAt');
  const writtenAt = nowInstant(now);
  if (openedMs > instantMs(writtenAt, 'now')) {
    throw new InputError(`openedAt ${input.openedAt} is in the future`, 'openedAt', {
      code: 'inFuture',
    });
  }
  const openedOn = localDate(site, openedMs);
  if (!contractValidOn(contract, openedOn)) {
    throw new InputError(
      `contract ${contract.number} is not valid on ${openedOn} (${contract.startDate} – ${contract.endDate})`,
      'contractId',
      {
        code: 'contractNotValidOn',
        params: {
          number: contract.number,
          date: openedOn,
          start: contract.startDate,
          end: contract.endDate,
        },
      },
    );
  }
  const pack = getPolicyPack(contract.packId, opts.packs);
  responseTarget(pack, contract.tier, input.level);
  const title = requireText(input.title, 'title', 300);
  const author = requireText(input.author, 'author', 100);
  const base: IncidentDoc = compact<IncidentDoc>({
    id: input.id === undefined ? newId(openedMs) : requireId(input.id, 'id'),
    customerId,
    assignee:
      optionalText(input.assignee, 'assignee', 100) ?? (author === '?' ? undefined : author),
    siteId: site.id,
    contractId: contract.id,
    clusterId: input.clusterId === undefined ? undefined : requireId(input.clusterId, 'clusterId'),
    title,
    description: optionalText(input.description, 'description', 20_000) ?? '',
    packId: contract.packId,
    tier: contract.tier,
    level: input.level,
    levelHistory: [{ level: input.level, at: input.openedAt, reason: OPENED_LEVEL_REASON }],
    openedAt: input.openedAt,
    status: 'open',
    dueAt: '',
    pauses: [],
    timeline: [timelineEvent('opened', input.openedAt, author, title, opts)],
    impact: optionalText(input.impact, 'impact', 10_000),
    createdAt: writtenAt,
    updatedAt: writtenAt,
  });
  return { ...base, dueAt: incidentDueAt(base, site, opts) };
}

/** The engineer's first contact with the customer: ends the response clock's question. */
export function recordFirstResponse(
  incident: IncidentDoc,
  at: IsoInstant,
  author: string,
  text: string,
  opts: IncidentOpOptions = {},
): IncidentDoc {
  requireNotClosed(incident, 'record a first response');
  if (incident.firstResponseAt !== undefined) {
    throw new InputError(
      `the first response was already recorded at ${incident.firstResponseAt}`,
      'firstResponseAt',
      { code: 'alreadyRecorded' },
    );
  }
  requireAfterOpened(incident, at);
  return {
    ...incident,
    firstResponseAt: at,
    timeline: [
      ...incident.timeline,
      timelineEvent('first-response', at, author, text.trim(), opts),
    ],
    updatedAt: written(at, opts),
  };
}

export interface TimelineEventInput {
  kind: FreeTimelineKind;
  at: IsoInstant;
  author: string;
  text: string;
}

/**
 * Appends a contact, update (hourly on level 1), escalation, workaround or note. Events with a
 * meaning for the clock or the status have their own operation. A closed incident only takes
 * notes.
 */
export function addTimelineEvent(
  incident: IncidentDoc,
  event: TimelineEventInput,
  opts: IncidentOpOptions = {},
): IncidentDoc {
  if ((OPERATION_KINDS as readonly string[]).includes(event.kind)) {
    throw new InputError(
      `"${event.kind}" events are recorded by their own operation, not added directly`,
      'kind',
    );
  }
  if (!FREE_KINDS.includes(event.kind)) {
    throw new InputError(`unknown timeline event kind "${String(event.kind)}"`, 'kind');
  }
  if (incident.status === 'closed' && event.kind !== 'note') {
    throw new InputError('the incident is closed; only notes can be added', 'status', {
      code: 'incidentClosedNotesOnly',
    });
  }
  requireAfterOpened(incident, event.at);
  const text = requireText(event.text, 'text', 20_000);
  return {
    ...incident,
    timeline: [...incident.timeline, timelineEvent(event.kind, event.at, event.author, text, opts)],
    updatedAt: written(event.at, opts),
  };
}

/**
 * Changes the severity level. The clock keeps its start (the customer's first contact) and the
 * new level's target applies from there (PRODUCT.md §3), so the due time may move either way.
 */
export function reclassify(
  incident: IncidentDoc,
  site: SiteDoc,
  toLevel: string,
  reason: string,
  at: IsoInstant,
  author: string,
  opts: IncidentOpOptions = {},
): IncidentDoc {
  requireSite(incident, site);
  requireNotClosed(incident, 'reclassify');
  if (toLevel === incident.level) {
    throw new InputError(`the incident is already level ${toLevel}`, 'level', {
      code: 'alreadyLevel',
      params: { level: toLevel },
    });
  }
  const pack = getPolicyPack(incident.packId, opts.packs);
  responseTarget(pack, incident.tier, toLevel);
  requireAfterOpened(incident, at);
  const why = requireText(reason, 'reason', 2_000);
  const next: IncidentDoc = {
    ...incident,
    level: toLevel,
    levelHistory: [...incident.levelHistory, { level: toLevel, at, reason: why }],
    timeline: [
      ...incident.timeline,
      timelineEvent('reclassification', at, author, why, opts, {
        fromLevel: incident.level,
        toLevel,
      }),
    ],
    updatedAt: written(at, opts),
  };
  return { ...next, dueAt: incidentDueAt(next, site, opts) };
}

function openPause(incident: IncidentDoc): PauseInterval | undefined {
  return incident.pauses.find((p) => p.end === undefined);
}

/** Stops the SLA clock for a reason the pack allows (waiting for the customer's information). */
export function pauseIncident(
  incident: IncidentDoc,
  site: SiteDoc,
  reason: string,
  at: IsoInstant,
  author: string,
  note?: string,
  opts: IncidentOpOptions = {},
): IncidentDoc {
  requireSite(incident, site);
  requireNotClosed(incident, 'pause');
  const pack = getPolicyPack(incident.packId, opts.packs);
  if (!isAllowedPauseReason(pack, reason)) {
    throw new InputError(
      `the ${pack.id} policy does not allow pausing for "${reason}"; allowed: ${pack.pauseReasons.map((r) => r.id).join(', ')}`,
      'reason',
    );
  }
  const current = openPause(incident);
  if (incident.status === 'paused' || current !== undefined) {
    throw new InputError(
      `the incident is already paused since ${current?.start ?? '?'}`,
      'status',
      {
        code: 'alreadyPaused',
      },
    );
  }
  if (incident.status === 'resolved') {
    throw new InputError('the incident is resolved; the clock no longer runs', 'status', {
      code: 'incidentResolved',
    });
  }
  const atMs = requireAfterOpened(incident, at);
  const lastEnd = Math.max(
    -Infinity,
    ...incident.pauses.map((p) =>
      p.end === undefined ? -Infinity : instantMs(p.end, 'pause.end'),
    ),
  );
  if (atMs < lastEnd) {
    throw new InputError(`a pause cannot start before the previous one ended`, 'at', {
      code: 'beforePreviousPause',
    });
  }
  const noteText = optionalText(note, 'note', 2_000);
  const reasonName = pack.pauseReasons.find((r) => r.id === reason)?.name.zh ?? reason;
  const next: IncidentDoc = {
    ...incident,
    status: 'paused',
    pauses: [...incident.pauses, compact<PauseInterval>({ start: at, reason, note: noteText })],
    timeline: [
      ...incident.timeline,
      timelineEvent(
        'pause',
        at,
        author,
        noteText === undefined ? reasonName : `${reasonName}：${noteText}`,
        opts,
      ),
    ],
    updatedAt: written(at, opts),
  };
  return { ...next, dueAt: incidentDueAt(next, site, opts) };
}

/** Restarts the clock: ends the open pause at `at`. */
export function resumeIncident(
  incident: IncidentDoc,
  site: SiteDoc,
  at: IsoInstant,
  author: string,
  note?: string,
  opts: IncidentOpOptions = {},
): IncidentDoc {
  requireSite(incident, site);
  requireNotClosed(incident, 'resume');
  const current = openPause(incident);
  if (current === undefined) {
    throw new InputError('the incident is not paused', 'status', { code: 'notPaused' });
  }
  if (instantMs(at, 'at') < instantMs(current.start, 'pause.start')) {
    throw new InputError(`resume ${at} is before the pause started (${current.start})`, 'at', {
      code: 'beforePauseStart',
    });
  }
  const noteText = optionalText(note, 'note', 2_000);
  const next: IncidentDoc = {
    ...incident,
    status: 'open',
    pauses: incident.pauses.map((p) => (p === current ? { ...p, end: at } : p)),
    timeline: [...incident.timeline, timelineEvent('resume', at, author, noteText ?? '', opts)],
    updatedAt: written(at, opts),
  };
  return { ...next, dueAt: incidentDueAt(next, site, opts) };
}

/** An engineer is sent on site: starts the on-site response measurement (PRODUCT.md §3). */
export function recordDispatch(
  incident: IncidentDoc,
  at: IsoInstant,
  author: string,
  text = '',
  opts: IncidentOpOptions = {},
): IncidentDoc {
  requireNotClosed(incident, 'dispatch');
  if (incident.dispatchedAt !== undefined) {
    throw new InputError(
      `an engineer was already dispatched at ${incident.dispatchedAt}`,
      'dispatchedAt',
      { code: 'alreadyRecorded' },
    );
  }
  requireAfterOpened(incident, at);
  return {
    ...incident,
    dispatchedAt: at,
    timeline: [...incident.timeline, timelineEvent('dispatch', at, author, text.trim(), opts)],
    updatedAt: written(at, opts),
  };
}

/** The dispatched engineer arrived on site: ends the on-site response measurement. */
export function recordOnSiteArrival(
  incident: IncidentDoc,
  at: IsoInstant,
  author: string,
  text = '',
  opts: IncidentOpOptions = {},
): IncidentDoc {
  requireNotClosed(incident, 'record an arrival');
  if (incident.dispatchedAt === undefined) {
    throw new InputError('no engineer was dispatched', 'dispatchedAt', { code: 'notDispatched' });
  }
  if (incident.onSiteArrivalAt !== undefined) {
    throw new InputError(
      `the arrival was already recorded at ${incident.onSiteArrivalAt}`,
      'onSiteArrivalAt',
      { code: 'alreadyRecorded' },
    );
  }
  if (instantMs(at, 'at') < instantMs(incident.dispatchedAt, 'dispatchedAt')) {
    throw new InputError(`arrival ${at} is before the dispatch (${incident.dispatchedAt})`, 'at', {
      code: 'beforeDispatch',
    });
  }
  return {
    ...incident,
    onSiteArrivalAt: at,
    timeline: [
      ...incident.timeline,
      timelineEvent('on-site-arrival', at, author, text.trim(), opts),
    ],
    updatedAt: written(at, opts),
  };
}

/**
 * A solution was provided; the incident waits for the customer's agreement to close
 * (seed 000 “事件关闭”). Ends an open pause.
 */
export function recordResolution(
  incident: IncidentDoc,
  at: IsoInstant,
  author: string,
  text: string,
  opts: IncidentOpOptions = {},
): IncidentDoc {
  requireNotClosed(incident, 'record a resolution');
  if (incident.status === 'resolved') {
    throw new InputError('a resolution is already recorded; close the incident', 'status', {
      code: 'alreadyResolved',
    });
  }
  requireAfterOpened(incident, at);
  return {
    ...incident,
    status: 'resolved',
    pauses: endOpenPause(incident.pauses, at),
    timeline: [
      ...incident.timeline,
      timelineEvent('resolution', at, author, requireText(text, 'text', 20_000), opts),
    ],
    updatedAt: written(at, opts),
  };
}

function endOpenPause(pauses: PauseInterval[], at: IsoInstant): PauseInterval[] {
  return pauses.map((p) => (p.end === undefined ? { ...p, end: at } : p));
}

/**
 * When the customer's silence lets the incident be closed as cancelled (已由客户取消): the pack's
 * days for the level (seed 000: level 3 → 7 days, level 4 → 14 days) after the information
 * was requested, i.e. after the start of the latest pause for the customer's information.
 * Null when the level has no such deadline, or no request is outstanding (no such pause, or
 * the latest one ended because the customer answered). Calendar days, in real time.
 */
export function cancellationDeadline(incident: IncidentDoc, pack: PolicyPack): IsoInstant | null {
  const state = pack.closureStates.find((s) => s.id === 'cancelled-by-customer');
  const days = state?.deadlineDaysByLevel?.[incident.level];
  if (days === undefined) return null;
  const requests = incident.pauses.filter((p) => p.reason === INFO_REQUEST_PAUSE_REASON);
  const latest = requests.reduce<PauseInterval | undefined>(
    (best, p) =>
      best === undefined || instantMs(p.start, 'pause.start') > instantMs(best.start, 'pause.start')
        ? p
        : best,
    undefined,
  );
  if (latest === undefined || latest.end !== undefined) return null;
  const deadlineMs = instantMs(latest.start, 'pause.start') + days * 86_400_000;
  return new Date(deadlineMs).toISOString();
}

/**
 * Until when an incident closed as transferred to customer (已转移给客户) stays shown to the
 * customer: the pack's `visibleYears` for the state (seed 000: “两年内”) after the closure, the
 * same wall-clock time that many years later in the site zone (29 February → 28 February).
 * Exclusive: from that instant on it is no longer kept. Null when the incident was not closed
 * that way or the pack sets no period.
 */
export function transferRetentionUntil(
  incident: IncidentDoc,
  pack: PolicyPack,
  timeZone: string,
): IsoInstant | null {
  if (incident.status !== 'closed' || incident.closure?.state !== 'transferred-to-customer') {
    return null;
  }
  const years = pack.closureStates.find((s) => s.id === 'transferred-to-customer')?.visibleYears;
  if (years === undefined) return null;
  const zone = siteZone(timeZone);
  const closedMs = instantMs(incident.closure.at, 'closure.at');
  const untilMs = DateTime.fromMillis(closedMs, { zone: zone.luxon }).plus({ years }).toMillis();
  return formatInZone(zone, untilMs);
}

export interface CloseIncidentInput {
  state: ClosureState;
  resolutionType?: ResolutionType;
  note: string;
}

/**
 * Closes the incident in one of the pack's closure states:
 * - `resolved` needs a resolution type when the pack defines them (advice / permanent
 *   workaround / change request);
 * - `cancelled-by-customer` only once the cancellation deadline has passed (see
 *   `cancellationDeadline`), when the pack sets deadlines.
 * An open pause ends at the closing time.
 */
export function closeIncident(
  incident: IncidentDoc,
  input: CloseIncidentInput,
  at: IsoInstant,
  author: string,
  opts: IncidentOpOptions = {},
): IncidentDoc {
  requireNotClosed(incident, 'close it again');
  const pack = getPolicyPack(incident.packId, opts.packs);
  const state = pack.closureStates.find((s) => s.id === input.state);
  if (state === undefined) {
    throw new InputError(
      `"${String(input.state)}" is not a closure state of ${pack.id}; allowed: ${pack.closureStates.map((s) => s.id).join(', ')}`,
      'state',
    );
  }
  const atMs = requireAfterOpened(incident, at);
  let resolutionType: ResolutionType | undefined;
  if (input.state === 'resolved' && pack.resolutionTypes.length > 0) {
    if (input.resolutionType === undefined) {
      throw new InputError('closing as resolved needs the resolution type', 'resolutionType', {
        code: 'required',
      });
    }
    if (!pack.resolutionTypes.some((r) => r.id === input.resolutionType)) {
      throw new InputError(
        `unknown resolution type "${String(input.resolutionType)}"`,
        'resolutionType',
      );
    }
    resolutionType = input.resolutionType;
  } else if (input.resolutionType !== undefined) {
    throw new InputError(`a resolution type belongs to resolved closures only`, 'resolutionType');
  }
  if (input.state === 'cancelled-by-customer' && state.deadlineDaysByLevel !== undefined) {
    const deadline = cancellationDeadline(incident, pack);
    if (deadline === null) {
      throw new InputError(
        `cancelled-by-customer needs an outstanding information request on a level ${Object.keys(state.deadlineDaysByLevel).join('/')} incident`,
        'state',
      );
    }
    if (atMs < instantMs(deadline, 'deadline')) {
      throw new InputError(
        `the customer has until ${deadline} to supply the information`,
        'state',
        {
          code: 'customerDeadline',
          params: { deadline },
        },
      );
    }
  }
  const note = optionalText(input.note, 'note', 10_000);
  return {
    ...incident,
    status: 'closed',
    pauses: endOpenPause(incident.pauses, at),
    closure: compact({ state: input.state, at, resolutionType, note }),
    timeline: [
      ...incident.timeline,
      timelineEvent('closure', at, author, note ?? state.name.zh, opts),
    ],
    updatedAt: written(at, opts),
  };
}

export interface IncidentDetailsInput {
  title?: string;
  description?: string;
  impact?: string;
  rootCause?: string;
  workaround?: string;
  /** The engineer responsible; blank makes the incident everyone's again. */
  assignee?: string;
}

/** Edits the descriptive fields and the assignee (not the clock, not the timeline). */
export function updateIncidentDetails(
  incident: IncidentDoc,
  details: IncidentDetailsInput,
  now: Now,
): IncidentDoc {
  return compact<IncidentDoc>({
    ...incident,
    title: details.title === undefined ? incident.title : requireText(details.title, 'title', 300),
    description:
      details.description === undefined
        ? incident.description
        : (optionalText(details.description, 'description', 20_000) ?? ''),
    impact:
      details.impact === undefined
        ? incident.impact
        : optionalText(details.impact, 'impact', 10_000),
    rootCause:
      details.rootCause === undefined
        ? incident.rootCause
        : optionalText(details.rootCause, 'rootCause', 10_000),
    workaround:
      details.workaround === undefined
        ? incident.workaround
        : optionalText(details.workaround, 'workaround', 10_000),
    assignee:
      details.assignee === undefined
        ? incident.assignee
        : optionalText(details.assignee.trim(), 'assignee', 100),
    updatedAt: nowInstant(now),
  });
}

/**
 * Hands the incident to `assignee` (another engineer of the team, or the author taking it over):
 * the assignee field changes and the timeline records who handed it to whom, when. Handing it to
 * its current assignee changes nothing. In sync the field merges like any other (the later
 * `updatedAt` wins when two laptops assign differently, the other in `mergeHistory`) and both
 * timeline events are kept.
 */
export function assignIncident(
  incident: IncidentDoc,
  assignee: string,
  author: string,
  opts: IncidentOpOptions & { now: Now },
): IncidentDoc {
  const name = requireText(assignee.trim(), 'assignee', 100);
  if (name === incident.assignee) return incident;
  const at = nowInstant(opts.now);
  return {
    ...incident,
    assignee: name,
    timeline: [...incident.timeline, timelineEvent('assignment', at, author, name, opts)],
    updatedAt: at,
  };
}

/**
 * Engineers the laptop knows of, for handing an incident over: `extra` (the signed-in account,
 * the engineer's own name) and everyone already named on an incident — as its assignee, as the
 * author of a timeline event, or as the engineer of an earlier handover. Trimmed, de-duplicated, sorted by the Chinese collation; the
 * placeholder author `?` (no name set) is left out.
 */
export function knownEngineers(
  incidents: readonly Pick<IncidentDoc, 'assignee' | 'timeline'>[],
  extra: readonly (string | undefined)[] = [],
): string[] {
  const names = new Set<string>();
  const add = (n: string | undefined) => {
    const name = n?.trim();
    if (name !== undefined && name !== '' && name !== '?') names.add(name);
  };
  extra.forEach(add);
  for (const incident of incidents) {
    add(incident.assignee);
    for (const event of incident.timeline) {
      add(event.author);
      // An earlier handover names an engineer who may no longer be the assignee.
      if (event.kind === 'assignment') add(event.text);
    }
  }
  return [...names].sort((a, b) => a.localeCompare(b, 'zh'));
}

/** The latest customer status update (for the hourly-update rule of level 1). */
export function lastUpdateAt(incident: IncidentDoc): IsoInstant | undefined {
  let best: { at: IsoInstant; ms: number } | undefined;
  for (const e of incident.timeline) {
    if (e.kind !== 'update' && e.kind !== 'first-response') continue;
    const ms = Date.parse(e.at);
    if (best === undefined || ms > best.ms) best = { at: e.at, ms };
  }
  return best?.at;
}

/** The SLA state of a stored incident at `now`, for lists and the detail page. */
export function incidentSlaStatus(
  incident: IncidentDoc,
  site: SiteDoc,
  now: Now,
  ctx: IncidentContext = {},
): SlaStatus {
  requireSite(incident, site);
  const last = lastUpdateAt(incident);
  return slaStatus(
    {
      packId: incident.packId,
      tier: incident.tier,
      level: incident.level,
      openedAt: incident.openedAt,
      timeZone: site.timeZone,
      calendar: site.holidayCalendar,
      pauses: incident.pauses,
      closed: incident.status === 'closed',
      ...(incident.firstResponseAt !== undefined
        ? { firstResponseAt: incident.firstResponseAt }
        : {}),
      ...(last !== undefined ? { lastUpdateAt: last } : {}),
      ...(ctx.packs ? { packs: ctx.packs } : {}),
      ...(ctx.calendars ? { calendars: ctx.calendars } : {}),
    },
    now,
  );
}
