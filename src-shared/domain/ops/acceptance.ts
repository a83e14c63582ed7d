/**
 * Acceptance (验收): what a contract promises to deliver, the customer's confirmation deadline,
 * and the reject → resubmit cycle. Pure.
 *
 * - Deliverables come from the contract's services: on pack `private-cloud-ops` the nine service
 *   items' named deliverables (seed 002 §4.2); on `dce-support` the deliverables of each service
 *   (PDS: planning document, implementation record, upgrade record, training, operations
 *   handbook; S360: inspection reports and fault reports; SNS: fault reports).
 * - Deadline (seed 002 §八 “运维服务合同到期后，客户应在 7 天内线上确认《验收报告》”): 7 calendar days
 *   after the contract's end date, on the site's calendar: the customer may confirm until the
 *   end of `endDate + 7` (site zone). The seed says 7 天, not 7 个工作日, so holidays do not move the
 *   deadline; a deadline that falls on a holiday or weekend is flagged so the lead can remind
 *   the customer in time (see INTERPRETATIONS.md).
 */
import type { HolidayCalendarId, IsoDate, IsoInstant, PolicyPackId } from '../../db/types';
import { getPolicyPack } from '../../policy/index';
import type { Localized, PolicyPack } from '../../policy/types';
import type { DayKind, HolidayCalendarData } from '../calendar';
import { dayKind, isoDateOfDayNumber, parseIsoDate } from '../calendar';
import { InputError } from '../errors';
import { formatInZone, siteZone, toEpochMs, wallMinuteToEpoch } from '../sla-zone';

export const ACCEPTANCE_CONFIRMATION_DAYS = 7;

export interface ContractDeliverable {
  /** Stable id within the contract: `<service>/<deliverable>`. */
  code: string;
  service: string;
  name: Localized;
}

const DCE_DELIVERABLES: Record<string, { id: string; name: Localized }[]> = {
  PDS: [
    { id: 'planning-document', name: { zh: '规划文档', en: 'Deployment planning document' } },
    { id: 'implementation-record', name: { zh: '实施记录', en: 'Implementation record' } },
    { id: 'upgrade-record', name: { zh: '升级记录', en: 'Upgrade record' } },
    { id: 'training', name: { zh: '培训记录', en: 'Training record' } },
    { id: 'operations-handbook', name: { zh: '运维手册', en: 'Operations handbook' } },
  ],
  S360: [
    { id: 'inspection-report', name: { zh: '巡检报告', en: 'Inspection reports' } },
    { id: 'fault-report', name: { zh: '故障报告', en: 'Fault reports' } },
  ],
  SNS: [{ id: 'fault-report', name: { zh: '故障报告', en: 'Fault reports' } }],
  EAM: [{ id: 'fault-report', name: { zh: '故障报告', en: 'Fault reports' } }],
};

/** Every deliverable the contract's services promise, in service order. */
export function contractDeliverables(
  contract: { packId: PolicyPackId; services: readonly string[] },
  packs?: readonly PolicyPack[],
): ContractDeliverable[] {
  const pack = getPolicyPack(contract.packId, packs);
  const out: ContractDeliverable[] = [];
  for (const code of contract.services) {
    const service = pack.services.find((s) => s.code === code);
    if (!service) {
      throw new InputError(
        `contract service "${code}" is not a service of pack ${pack.id}; known: ${pack.services.map((s) => s.code).join(', ')}`,
        'services',
      );
    }
    if (pack.id === 'private-cloud-ops') {
      if (service.deliverable) {
        out.push({
          code: `${code}/deliverable`,
          service: code,
          name: {
            zh: service.deliverable.zh.replace(/^《|》$/g, ''),
            en: service.deliverable.en,
          },
        });
      }
      continue;
    }
    for (const d of DCE_DELIVERABLES[code] ?? []) {
      out.push({ code: `${code}/${d.id}`, service: code, name: d.name });
    }
  }
  return out;
}

export interface AcceptanceDeadline {
  /** The last day the customer may confirm (site calendar). */
  deadlineDate: IsoDate;
  /** The instant it ends: 00:00 of the next day in the site zone (exclusive). */
  deadlineAt: IsoInstant;
  /** What kind of day the deadline is (a holiday or weekend is flagged for reminders). */
  deadlineDay: DayKind;
}

/** The customer's confirmation deadline after the contract ends (see the module comment). */
export function acceptanceDeadline(
  contractEndDate: IsoDate,
  timeZone: string,
  calendar: HolidayCalendarId,
  calendars?: readonly HolidayCalendarData[],
): AcceptanceDeadline {
  const end = parseIsoDate(contractEndDate, 'endDate');
  const zone = siteZone(timeZone);
  const last = end + ACCEPTANCE_CONFIRMATION_DAYS;
  const deadlineDate = isoDateOfDayNumber(last);
  return {
    deadlineDate,
    deadlineAt: formatInZone(zone, wallMinuteToEpoch(zone, last + 1, 0)),
    deadlineDay: dayKind(deadlineDate, calendar, calendars),
  };
}

export type DeadlineState = 'not-started' | 'open' | 'overdue';

/**
 * Where the confirmation stands at `now`: not started while the contract runs, open until the
 * deadline (with whole days left, rounded down), overdue after it.
 */
export function deadlineState(
  contractEndDate: IsoDate,
  deadline: AcceptanceDeadline,
  timeZone: string,
  now: Date | IsoInstant,
): { state: DeadlineState; msLeft: number } {
  const zone = siteZone(timeZone);
  const nowMs = toEpochMs(now, 'now');
  const endsMs = wallMinuteToEpoch(zone, parseIsoDate(contractEndDate, 'endDate') + 1, 0);
  const dueMs = Date.parse(deadline.deadlineAt);
  if (nowMs < endsMs) return { state: 'not-started', msLeft: dueMs - nowMs };
  return { state: nowMs < dueMs ? 'open' : 'overdue', msLeft: dueMs - nowMs };
}

export type DeliverableAcceptanceStatus = 'signed' | 'missing' | 'waived';

export interface AcceptanceItem extends ContractDeliverable {
  status: DeliverableAcceptanceStatus;
  /** For `signed`: the signed deliverable's number, revision and signing date. */
  documentNumber?: string;
  revision?: number;
  signedDate?: IsoDate;
  /** For `waived`: why the deliverable is not owed (agreed with the customer). */
  waivedReason?: string;
}

export interface PunchItem {
  item: string;
  owner: string;
  due: IsoDate;
  state: 'open' | 'closed';
}

export interface ItemRejection {
  code: string;
  reason: string;
}

export interface AcceptanceReview {
  revision: number;
  rejectedAt: IsoInstant;
  by: string;
  items: ItemRejection[];
}

/** Problems of the items' statuses: signed needs number and date, waived needs a reason. */
export function itemProblems(items: readonly AcceptanceItem[]): string[] {
  const errors: string[] = [];
  for (const [i, it] of items.entries()) {
    if (it.status === 'signed') {
      if (!it.documentNumber)
        errors.push(`deliverables[${i}] (${it.code}): signed needs documentNumber`);
      if (!it.signedDate) errors.push(`deliverables[${i}] (${it.code}): signed needs signedDate`);
      else parseIsoDate(it.signedDate, `deliverables[${i}].signedDate`);
    }
    if (it.status === 'waived' && !it.waivedReason?.trim()) {
      errors.push(`deliverables[${i}] (${it.code}): waived needs waivedReason`);
    }
  }
  return errors;
}

/**
 * The customer's rejection of revision `revision`: at least one item, each an item of the report
 * with a reason. Throws InputError naming the first bad item.
 */
export function rejection(
  items: readonly AcceptanceItem[],
  revision: number,
  rejected: readonly ItemRejection[],
  at: IsoInstant,
  by: string,
): AcceptanceReview {
  if (rejected.length === 0) throw new InputError('a rejection names at least one item', 'items');
  const seen = new Set<string>();
  for (const [i, r] of rejected.entries()) {
    if (!items.some((it) => it.code === r.code)) {
      throw new InputError(`items[${i}]: "${r.code}" is not a deliverable of this report`, 'items');
    }
    if (seen.has(r.code))
      throw new InputError(`items[${i}]: "${r.code}" is rejected twice`, 'items');
    seen.add(r.code);
    if (!r.reason.trim())
      throw new InputError(`items[${i}] (${r.code}): a rejection needs a reason`, 'items');
  }
  if (!by.trim()) throw new InputError('by: who rejected is required', 'by');
  toEpochMs(at, 'at');
  return {
    revision,
    rejectedAt: at,
    by,
    items: rejected.map((r) => ({ code: r.code, reason: r.reason.trim() })),
  };
}
