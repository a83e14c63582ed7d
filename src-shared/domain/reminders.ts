/**
 * Which desktop reminders are due, as pure functions of the incidents' SLA state and a clock.
 *
 * Three kinds (issue 12): a level 1 hourly status update due within 10 minutes (seed 000: level 1
 * incidents get a status update every hour), a response due within 30 minutes (an SLA breach
 * coming), and a response overdue. Each reminder belongs to one event, named by its key:
 * kind, incident and the instant it is about (the update or response due time, as epoch ms). A
 * new due time (the next hourly update, a reclassification) is a new event; the same one is
 * never reminded twice, because the caller keeps the keys it has sent (`SentReminders`).
 *
 * A fourth kind is about contracts (issue 11): an operations contract has ended and its customer
 * has 7 days to confirm the 验收报告 (seed 002 §八). One reminder per confirmation window, when it
 * opens (the contract's end), or later while it is still open and unconfirmed; its key names the
 * contract and the deadline, so a moved end date is a new event and nothing else is.
 */
import type { IncidentDoc } from '../db/types';
import type { SlaStatus } from './sla';

export type ReminderKind =
  'hourly-update' | 'sla-breach-soon' | 'response-overdue' | 'acceptance-deadline';

export const REMINDER_KINDS: readonly ReminderKind[] = [
  'hourly-update',
  'sla-breach-soon',
  'response-overdue',
  'acceptance-deadline',
];

/** How long before a level 1 hourly update is due its reminder fires. */
export const HOURLY_UPDATE_LEAD_MS = 10 * 60_000;
/** How long before a response is due the breach warning fires. */
export const SLA_BREACH_LEAD_MS = 30 * 60_000;
/** Sent keys older than this are forgotten (their events are long past). */
export const SENT_REMINDER_TTL_MS = 30 * 86_400_000;

/** Which kinds the engineer wants (settings); all on by default. */
export type ReminderSettings = Readonly<Record<ReminderKind, boolean>>;

export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = {
  'hourly-update': true,
  'sla-breach-soon': true,
  'response-overdue': true,
  'acceptance-deadline': true,
};

/** Keys of the reminders already shown, with when they were shown (epoch ms). */
export type SentReminders = Readonly<Record<string, number>>;

/** An incident with its SLA state at the time of the check. */
export interface ReminderSubject {
  incident: Pick<IncidentDoc, 'id' | 'status' | 'title' | 'level' | 'siteId'>;
  sla: Pick<SlaStatus, 'dueAtMs' | 'responded' | 'paused' | 'nextHourlyUpdateAt' | 'dueAt'>;
}

export interface Reminder {
  /** `<kind>:<incident id>:<event instant ms>`: the identity of the event. */
  key: string;
  kind: ReminderKind;
  incidentId: string;
  /** The instant the reminder is about (update due, response due), epoch ms. */
  eventAtMs: number;
}

/** Statuses in which an incident still owes the customer a response or an update. */
function active(status: IncidentDoc['status']): boolean {
  return status === 'open' || status === 'paused';
}

/** Every reminder event of one incident, due now or later, with the instant it becomes due. */
function eventsOf(
  subject: ReminderSubject,
): { reminder: Reminder; fireAtMs: number; untilMs: number }[] {
  const { incident, sla } = subject;
  if (!active(incident.status)) return [];
  const out: { reminder: Reminder; fireAtMs: number; untilMs: number }[] = [];
  const make = (kind: ReminderKind, eventAtMs: number): Reminder => ({
    key: `${kind}:${incident.id}:${eventAtMs}`,
    kind,
    incidentId: incident.id,
    eventAtMs,
  });
  if (sla.nextHourlyUpdateAt !== null) {
    const at = Date.parse(sla.nextHourlyUpdateAt);
    if (!Number.isNaN(at)) {
      out.push({
        reminder: make('hourly-update', at),
        fireAtMs: at - HOURLY_UPDATE_LEAD_MS,
        untilMs: Infinity,
      });
    }
  }
  if (!sla.responded && sla.dueAtMs !== null) {
    const due = sla.dueAtMs;
    // The warning only makes sense before the due time; after it, "overdue" replaces it.
    if (!sla.paused) {
      out.push({
        reminder: make('sla-breach-soon', due),
        fireAtMs: due - SLA_BREACH_LEAD_MS,
        untilMs: due,
      });
    }
    out.push({ reminder: make('response-overdue', due), fireAtMs: due, untilMs: Infinity });
  }
  return out;
}

/**
 * The reminders to show at `nowMs`: enabled kinds, due (at or after their firing instant, and
 * for the breach warning before the due time), not sent yet. Ordered by the event instant,
 * earliest first, then by key.
 */
export function dueReminders(
  subjects: readonly ReminderSubject[],
  nowMs: number,
  settings: ReminderSettings,
  sent: SentReminders,
): Reminder[] {
  const out: Reminder[] = [];
  for (const subject of subjects) {
    for (const { reminder, fireAtMs, untilMs } of eventsOf(subject)) {
      if (!settings[reminder.kind]) continue;
      if (Object.hasOwn(sent, reminder.key)) continue;
      if (nowMs >= fireAtMs && nowMs < untilMs) out.push(reminder);
    }
  }
  return out.sort(
    (a, b) => a.eventAtMs - b.eventAtMs || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
}

/**
 * The next instant after `nowMs` at which a reminder not yet sent becomes due (to set a timer),
 * or null when none is coming.
 */
export function nextReminderAt(
  subjects: readonly ReminderSubject[],
  nowMs: number,
  settings: ReminderSettings,
  sent: SentReminders,
): number | null {
  let best: number | null = null;
  for (const subject of subjects) {
    for (const { reminder, fireAtMs } of eventsOf(subject)) {
      if (!settings[reminder.kind] || Object.hasOwn(sent, reminder.key)) continue;
      if (fireAtMs > nowMs && (best === null || fireAtMs < best)) best = fireAtMs;
    }
  }
  return best;
}

/** `sent` with `keys` recorded at `nowMs` and entries older than the TTL dropped. */
export function recordSent(
  sent: SentReminders,
  keys: readonly string[],
  nowMs: number,
): SentReminders {
  const out: Record<string, number> = {};
  for (const [key, at] of Object.entries(sent)) {
    if (typeof at === 'number' && nowMs - at < SENT_REMINDER_TTL_MS) out[key] = at;
  }
  for (const key of keys) out[key] = nowMs;
  return out;
}

/**
 * Reads stored settings leniently: unknown keys are ignored, a missing or non-boolean kind takes
 * its default, anything that is not an object gives the defaults.
 */
export function parseReminderSettings(value: unknown): ReminderSettings {
  const out: Record<ReminderKind, boolean> = { ...DEFAULT_REMINDER_SETTINGS };
  if (typeof value === 'object' && value !== null) {
    for (const kind of REMINDER_KINDS) {
      const v = (value as Record<string, unknown>)[kind];
      if (typeof v === 'boolean') out[kind] = v;
    }
  }
  return out;
}

/** Reads a stored sent-set leniently: only `key → finite number` entries survive. */
export function parseSentReminders(value: unknown): SentReminders {
  const out: Record<string, number> = {};
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    for (const [key, at] of Object.entries(value as Record<string, unknown>)) {
      if (typeof at === 'number' && Number.isFinite(at)) out[key] = at;
    }
  }
  return out;
}

/** A contract whose acceptance confirmation window is followed (see `acceptanceConfirmations`). */
export interface AcceptanceReminderSubject {
  contractId: string;
  /** When the 7-day window opens (the contract's end), epoch ms. */
  opensAtMs: number;
  /** When it closes (end of contract end + 7 days, site zone), epoch ms. */
  deadlineAtMs: number;
  /** The customer signed the acceptance report: nothing to remind. */
  confirmed: boolean;
}

export interface AcceptanceReminder {
  /** `acceptance-deadline:<contract id>:<deadline ms>`. */
  key: string;
  kind: 'acceptance-deadline';
  contractId: string;
  /** The deadline the reminder is about, epoch ms. */
  eventAtMs: number;
}

function acceptanceKey(s: AcceptanceReminderSubject): string {
  return `acceptance-deadline:${s.contractId}:${s.deadlineAtMs}`;
}

/**
 * The acceptance reminders to show at `nowMs`: the window is open (opened, deadline not passed),
 * the acceptance is not confirmed, the kind is enabled and the event was not reminded yet.
 * Earliest deadline first.
 */
export function dueAcceptanceReminders(
  subjects: readonly AcceptanceReminderSubject[],
  nowMs: number,
  settings: ReminderSettings,
  sent: SentReminders,
): AcceptanceReminder[] {
  if (!settings['acceptance-deadline']) return [];
  const out: AcceptanceReminder[] = [];
  for (const s of subjects) {
    if (s.confirmed || nowMs < s.opensAtMs || nowMs >= s.deadlineAtMs) continue;
    const key = acceptanceKey(s);
    if (Object.hasOwn(sent, key)) continue;
    out.push({
      key,
      kind: 'acceptance-deadline',
      contractId: s.contractId,
      eventAtMs: s.deadlineAtMs,
    });
  }
  return out.sort(
    (a, b) => a.eventAtMs - b.eventAtMs || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
}

/** The next instant after `nowMs` an acceptance window opens with its reminder still to send. */
export function nextAcceptanceReminderAt(
  subjects: readonly AcceptanceReminderSubject[],
  nowMs: number,
  settings: ReminderSettings,
  sent: SentReminders,
): number | null {
  if (!settings['acceptance-deadline']) return null;
  let best: number | null = null;
  for (const s of subjects) {
    if (s.confirmed || Object.hasOwn(sent, acceptanceKey(s))) continue;
    if (s.opensAtMs > nowMs && (best === null || s.opensAtMs < best)) best = s.opensAtMs;
  }
  return best;
}
