/**
 * The ops lists of pack `private-cloud-ops` (seed 002 §4.2): one record kind per list, each with
 * its own fields and states. Stored in the one collection `opsRecords` (RxDB's collection budget,
 * STACK-NOTES), told apart by `kind`; the kind's fields live in the sub-object named after it.
 *
 * | kind        | list       | deliverable of        |
 * |-------------|------------|-----------------------|
 * | issue       | 问题清单   | 技术支持              |
 * | event       | 事件清单   | 监报告警              |
 * | risk        | 风险清单   | 风险管理              |
 * | change      | 变更清单   | 变更支持              |
 * | backup      | 备份记录   | 备份管理 (备份报告)   |
 * | requirement | 需求清单   | 需求管理              |
 */
import type { IsoDate, IsoInstant } from '../../db/types';

export const OPS_RECORD_KINDS = [
  'issue',
  'event',
  'risk',
  'change',
  'backup',
  'requirement',
] as const;
export type OpsRecordKind = (typeof OPS_RECORD_KINDS)[number];

/** States per kind, in workflow order; the last ones are final. */
export const OPS_RECORD_STATES = {
  issue: ['open', 'in-progress', 'resolved', 'closed'],
  event: ['new', 'handling', 'handled', 'closed'],
  risk: ['open', 'mitigating', 'accepted', 'closed'],
  change: ['requested', 'approved', 'scheduled', 'done', 'failed', 'rolled-back', 'cancelled'],
  backup: ['active', 'suspended', 'retired'],
  requirement: ['proposed', 'accepted', 'scheduled', 'released', 'rejected'],
} as const satisfies Record<OpsRecordKind, readonly string[]>;

export type OpsRecordState<K extends OpsRecordKind = OpsRecordKind> =
  (typeof OPS_RECORD_STATES)[K][number];

/** States after which a record no longer counts as open in the lists. */
export const OPS_FINAL_STATES: ReadonlySet<string> = new Set([
  'resolved',
  'closed',
  'handled',
  'accepted',
  'done',
  'failed',
  'rolled-back',
  'cancelled',
  'retired',
  'released',
  'rejected',
]);

export interface IssueFields {
  /** Severity as agreed with the customer (P1–P4, or a request). */
  severity: string;
  reportedBy?: string;
  /** The incident the issue was tracked under, when there is one. */
  incidentId?: string;
  resolution?: string;
}

export interface EventFields {
  /** The monitoring system or probe that raised the alert. */
  alertSource: string;
  /** When the alert fired. */
  at: IsoInstant;
  level: 'critical' | 'major' | 'minor' | 'info';
  handledBy?: string;
  handling?: string;
}

export interface RiskFields {
  /** 1 (rare) – 5 (almost certain). */
  likelihood: number;
  /** 1 (negligible) – 5 (severe). */
  impact: number;
  mitigation: string;
  dueDate?: IsoDate;
  /** Where the risk came from: an inspection finding, an incident, the engineer. */
  source: 'inspection-finding' | 'incident' | 'manual';
  /** `<inspectionId>/<clusterId>/<itemId>` of the finding it came from. */
  findingRef?: string;
}

export interface ChangeFields {
  changeType: 'normal' | 'standard' | 'emergency';
  /** Change window, site zone. */
  windowStart?: IsoInstant;
  windowEnd?: IsoInstant;
  approval: 'pending' | 'approved' | 'rejected';
  approvedBy?: string;
  result?: 'success' | 'partial' | 'failed' | 'rolled-back';
  rollbackPlan: string;
}

export interface BackupFields {
  /** What is backed up (database, bucket, configuration). */
  object: string;
  /** Strategy: schedule, full/incremental, retention, target. */
  strategy: string;
  lastSuccessAt?: IsoInstant;
  lastRunAt?: IsoInstant;
  lastResult?: 'success' | 'partial' | 'failed';
  /** Last restore test (backup validity, seed 002 备份有效性). */
  lastRestoreTestAt?: IsoInstant;
}

export interface RequirementFields {
  priority: 'high' | 'medium' | 'low';
  category: 'feature' | 'performance' | 'usability' | 'other';
  requestedBy?: string;
  targetRelease?: string;
}

export interface OpsFieldsByKind {
  issue: IssueFields;
  event: EventFields;
  risk: RiskFields;
  change: ChangeFields;
  backup: BackupFields;
  requirement: RequirementFields;
}

export type OpsLinkRelation = 'raised' | 'raised-by' | 'led-to' | 'caused-by' | 'from-finding';

/** A link to another record: an event raised an issue, an issue led to a change, ... */
export interface OpsLink {
  relation: OpsLinkRelation;
  target: 'ops-record' | 'incident' | 'inspection';
  id: string;
}

/** A record of one list as a report shows it (the stored document without sync metadata). */
export type OpsRecordRow = {
  [K in OpsRecordKind]: {
    id: string;
    kind: K;
    /** Per-customer running number shown in the list, e.g. `ISS-0012`. */
    number: string;
    title: string;
    description: string;
    state: OpsRecordState<K>;
    owner?: string;
    openedAt: IsoInstant;
    closedAt?: IsoInstant;
    links: OpsLink[];
  } & { [P in K]: OpsFieldsByKind[K] };
}[OpsRecordKind];

/** Risk score likelihood × impact (1–25) and its band. */
export function riskScore(r: Pick<RiskFields, 'likelihood' | 'impact'>): {
  score: number;
  band: 'high' | 'medium' | 'low';
} {
  const score = r.likelihood * r.impact;
  return { score, band: score >= 15 ? 'high' : score >= 8 ? 'medium' : 'low' };
}

export const OPS_NUMBER_PREFIX: Record<OpsRecordKind, string> = {
  issue: 'ISS',
  event: 'EVT',
  risk: 'RSK',
  change: 'CHG',
  backup: 'BAK',
  requirement: 'REQ',
};
