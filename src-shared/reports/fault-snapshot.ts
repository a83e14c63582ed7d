/**
 * The fault report snapshot of an incident: the policy's texts for its level, tier, pauses,
 * resolution and closure, and the SLA figures the SLA clock computes at the report time.
 */
import type {
  ClusterDoc,
  ContractDoc,
  CustomerDoc,
  HolidayCalendarId,
  IncidentDoc,
  IsoInstant,
  SiteDoc,
} from '../db/types';
import type { HolidayCalendarData } from '../domain/calendar';
import { parseInstant } from '../domain/sla-zone';
import { businessMsBetween, slaStatus } from '../domain/sla';
import { getPolicyPack } from '../policy/index';
import type { Localized, PolicyPack, ResponseTarget } from '../policy/types';
import type { FaultReportSnapshot, SnapshotCluster, SnapshotPerson } from './snapshot-types';

export interface FaultSnapshotInput {
  incident: IncidentDoc;
  documentNumber: string;
  revision: number;
  /** The report time: open figures (remaining time, open pauses) are taken at this instant. */
  issuedAt: IsoInstant;
  customer: FaultReportSnapshot['customer'];
  site: FaultReportSnapshot['site'] & { holidayCalendar: HolidayCalendarId };
  contract?: FaultReportSnapshot['contract'];
  cluster?: Omit<SnapshotCluster, 'nodes'>;
  engineers: SnapshotPerson[];
  customerRepresentatives: SnapshotPerson[];
  signatures: FaultReportSnapshot['signatures'];
  photos: FaultReportSnapshot['photos'];
  packs?: readonly PolicyPack[];
  calendars?: readonly HolidayCalendarData[];
}

/** The response target in words, e.g. `8 小时（5x8）` / `8 h (5x8)`. */
export function targetText(target: ResponseTarget): Localized {
  switch (target.kind) {
    case 'hours':
      return {
        zh: `${target.hours} 小时（${target.coverage}）`,
        en: `${target.hours} h (${target.coverage})`,
      };
    case 'minutes':
      return {
        zh: `${target.minutes} 分钟（${target.coverage}）`,
        en: `${target.minutes} min (${target.coverage})`,
      };
    case 'business-days':
      return {
        zh: `${target.days} 个工作日（5x8）`,
        en: `${target.days} business day${target.days === 1 ? '' : 's'} (5x8)`,
      };
    case 'none':
      return target.note;
  }
}

function find<T extends { id: string }>(
  list: readonly T[],
  id: string,
  what: string,
  pack: PolicyPack,
): T {
  const hit = list.find((x) => x.id === id);
  if (!hit) throw new Error(`pack ${pack.id} ${pack.version}: unknown ${what} "${id}"`);
  return hit;
}

export function buildFaultSnapshot(input: FaultSnapshotInput): FaultReportSnapshot {
  const { incident, site } = input;
  const pack = getPolicyPack(incident.packId, input.packs);
  const level = find(pack.levels, incident.level, 'level', pack);
  const tier = find(pack.tiers, incident.tier, 'tier', pack);
  const closed = incident.status === 'closed';
  const clock = {
    packId: incident.packId,
    tier: incident.tier,
    level: incident.level,
    openedAt: incident.openedAt,
    timeZone: site.timeZone,
    calendar: site.holidayCalendar,
    pauses: incident.pauses,
    ...(input.calendars ? { calendars: input.calendars } : {}),
    ...(input.packs ? { packs: input.packs } : {}),
  };
  const status = slaStatus(
    {
      ...clock,
      ...(incident.firstResponseAt ? { firstResponseAt: incident.firstResponseAt } : {}),
      closed,
    },
    input.issuedAt,
  );
  const coverage = status.coverage;
  const business = (from: string, to: string, withPauses: boolean): number =>
    coverage === null
      ? parseInstant(to, 'to') - parseInstant(from, 'from')
      : businessMsBetween(from, to, {
          coverage,
          timeZone: site.timeZone,
          calendar: site.holidayCalendar,
          packId: incident.packId,
          ...(withPauses ? { pauses: incident.pauses } : {}),
          ...(input.calendars ? { calendars: input.calendars } : {}),
          ...(input.packs ? { packs: input.packs } : {}),
        });

  const lastTimeline = incident.timeline.reduce<string | null>(
    (last, e) => (last === null || Date.parse(e.at) > Date.parse(last) ? e.at : last),
    null,
  );
  const closureAt = incident.closure?.at ?? lastTimeline ?? input.issuedAt;

  return {
    kind: 'fault-report',
    schemaVersion: 1,
    documentNumber: input.documentNumber,
    revision: input.revision,
    issuedAt: input.issuedAt,
    customer: input.customer,
    site: {
      name: site.name,
      timeZone: site.timeZone,
      ...(site.address ? { address: site.address } : {}),
    },
    ...(input.contract ? { contract: input.contract } : {}),
    packId: incident.packId,
    packVersion: pack.version,
    engineers: input.engineers,
    customerRepresentatives: input.customerRepresentatives,
    signatures: input.signatures,
    photos: input.photos,
    incident: {
      id: incident.id,
      title: incident.title,
      description: incident.description,
      openedAt: incident.openedAt,
      ...(incident.firstResponseAt ? { firstResponseAt: incident.firstResponseAt } : {}),
      ...(incident.dispatchedAt ? { dispatchedAt: incident.dispatchedAt } : {}),
      ...(incident.onSiteArrivalAt ? { onSiteArrivalAt: incident.onSiteArrivalAt } : {}),
      status: incident.status,
    },
    ...(input.cluster ? { cluster: input.cluster } : {}),
    level: { id: level.id, name: level.name, definition: level.definition },
    levelHistory: incident.levelHistory.map((h) => ({
      level: h.level,
      at: h.at,
      reason: h.reason,
    })),
    tier: { id: tier.id, name: tier.name },
    sla: {
      target: targetText(status.target),
      coverage,
      clockStartAt: status.clockStartAt,
      dueAt: status.dueAt,
      respondedAt: status.respondedAt,
      respondedInTime: status.respondedInTime,
      breached: status.breached,
      responseMs: incident.firstResponseAt
        ? business(incident.openedAt, incident.firstResponseAt, true)
        : null,
      remainingMs: status.remainingMs,
      onSiteMs:
        incident.dispatchedAt && incident.onSiteArrivalAt
          ? parseInstant(incident.onSiteArrivalAt, 'onSiteArrivalAt') -
            parseInstant(incident.dispatchedAt, 'dispatchedAt')
          : null,
      pauses: incident.pauses.map((p) => ({
        start: p.start,
        ...(p.end ? { end: p.end } : {}),
        reason: find(pack.pauseReasons, p.reason, 'pause reason', pack).name,
        ...(p.note ? { note: p.note } : {}),
        inWindowMs: Math.max(
          0,
          business(p.start, p.end ?? (closed ? closureAt : input.issuedAt), false),
        ),
      })),
      hourlyUpdates: level.hourlyUpdates,
      missingCalendarYears: status.missingCalendarYears,
    },
    timeline: incident.timeline
      .slice()
      .sort((a, b) => Date.parse(a.at) - Date.parse(b.at))
      .map((e) => ({ at: e.at, kind: e.kind, author: e.author, text: e.text })),
    impact: incident.impact ?? '',
    rootCause: incident.rootCause ?? '',
    workaround: incident.workaround ?? '',
    resolutionType: incident.closure?.resolutionType
      ? {
          id: incident.closure.resolutionType,
          name: find(pack.resolutionTypes, incident.closure.resolutionType, 'resolution type', pack)
            .name,
        }
      : null,
    closure: incident.closure
      ? {
          state: (() => {
            const s = find(pack.closureStates, incident.closure.state, 'closure state', pack);
            return { id: s.id, name: s.name, description: s.description };
          })(),
          at: incident.closure.at,
          ...(incident.closure.note ? { note: incident.closure.note } : {}),
        }
      : null,
  };
}

export interface FaultSnapshotOptions {
  documentNumber: string;
  revision: number;
  issuedAt: IsoInstant;
  engineers: SnapshotPerson[];
  customerRepresentatives: SnapshotPerson[];
  signatures?: FaultReportSnapshot['signatures'];
  photos?: FaultReportSnapshot['photos'];
  packs?: readonly PolicyPack[];
  calendars?: readonly HolidayCalendarData[];
}

/**
 * The fault snapshot of an incident from the stored documents: the app's and the CLI's path.
 * `contract` and `cluster` may be missing (deleted, not replicated yet); the report then prints
 * what the incident itself holds.
 */
export function faultSnapshotFrom(
  incident: IncidentDoc,
  customer: CustomerDoc,
  site: SiteDoc,
  contract: ContractDoc | null,
  cluster: ClusterDoc | null,
  options: FaultSnapshotOptions,
): FaultReportSnapshot {
  if (incident.customerId !== customer.id || incident.siteId !== site.id) {
    throw new Error(`incident ${incident.id} belongs to another customer or site`);
  }
  return buildFaultSnapshot({
    incident,
    documentNumber: options.documentNumber,
    revision: options.revision,
    issuedAt: options.issuedAt,
    customer: {
      name: customer.name,
      ...(customer.shortName ? { shortName: customer.shortName } : {}),
    },
    site: {
      name: site.name,
      timeZone: site.timeZone,
      holidayCalendar: site.holidayCalendar,
      ...(site.address ? { address: site.address } : {}),
    },
    ...(contract
      ? {
          contract: {
            number: contract.number,
            services: [...contract.services],
            tier: contract.tier,
          },
        }
      : {}),
    ...(cluster
      ? {
          cluster: {
            id: cluster.id,
            name: cluster.name,
            environment: cluster.environment,
            product: cluster.product,
            version: cluster.version,
          },
        }
      : {}),
    engineers: options.engineers,
    customerRepresentatives: options.customerRepresentatives,
    signatures: options.signatures ?? [],
    photos: options.photos ?? [],
    ...(options.packs ? { packs: options.packs } : {}),
    ...(options.calendars ? { calendars: options.calendars } : {}),
  });
}
