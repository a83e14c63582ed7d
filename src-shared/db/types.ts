/**
 * Document types of the local store (and, later, of the sync wire).
 *
 * Rules every document follows:
 * - the primary key is `id`, generated on the laptop (see `newId`), at most 64 characters;
 * - `customerId` names the customer the document belongs to (a customer's own `customerId`
 *   equals its `id`), so the server can scope every read and write;
 * - `createdAt` / `updatedAt` are ISO-8601 instants with offset, written by the laptop
 *   (informative only: sync orders by a server sequence, never by these);
 * - deletion is RxDB's `_deleted` flag (a tombstone that replicates), never a hard delete.
 *
 * Times that belong to a place (check-in, incident opened) are stored as ISO-8601 with the
 * offset in force where they were recorded; the site's IANA zone decides how they are shown
 * and how the SLA clock counts.
 */

import type {
  BackupFields,
  ChangeFields,
  EventFields,
  IssueFields,
  OpsLink,
  OpsRecordKind,
  RequirementFields,
  RiskFields,
} from '../domain/ops/records';
import type {
  AcceptedWarning,
  PlanDependency,
  PlanMachine,
  PlanNetwork,
  PlanVip,
} from '../domain/planning/plan';

/** ISO-8601 instant with an explicit offset, e.g. `2026-03-06T15:00:00.000+08:00`. */
export type IsoInstant = string;
/** Calendar date `yyyy-MM-dd`. */
export type IsoDate = string;

export interface BaseDoc {
  id: string;
  customerId: string;
  createdAt: IsoInstant;
  updatedAt: IsoInstant;
  /**
   * What lost a sync merge of this document (src-shared/db/conflicts.ts), oldest first; absent
   * until the first such loss. Kept so that no edit is lost silently: the UI shows it.
   */
  mergeHistory?: MergeLoss[];
}

/** One field value that lost a merge: both laptops changed `field`, the other value was kept. */
export interface MergeLoss {
  /** Top-level field name, e.g. `summary`; `_deleted` for a deletion that lost. */
  field: string;
  /** The losing value as JSON text (cut to `MERGE_LOSS_VALUE_MAX` characters, ending in `…`). */
  value: string;
  /** `updatedAt` of the side whose value lost. */
  lostAt: IsoInstant;
  /** `updatedAt` of the side whose value was kept. */
  keptAt: IsoInstant;
}

/** Longest losing value kept in a `MergeLoss`, in characters. */
export const MERGE_LOSS_VALUE_MAX = 2000;
/** Most losses kept per document; the oldest go first. */
export const MERGE_HISTORY_MAX = 50;

export interface ContactPerson {
  name: string;
  title?: string;
  phone?: string;
  email?: string;
}

export interface CustomerDoc extends BaseDoc {
  name: string;
  shortName?: string;
  industry?: string;
  contacts: ContactPerson[];
  notes?: string;
}

/**
 * Holiday calendars a site can choose: `cn` is mainland China's statutory calendar with its
 * make-up working days (调休), `none` weekends only, the others public holidays of a country
 * from the date-holidays package (src-shared/policy/calendars/<id>.json,
 * scripts/gen-intl-calendars.mjs). Adding one needs a site schema version (the schema lists them).
 */
export const HOLIDAY_CALENDAR_IDS = [
  'cn',
  'none',
  'sg',
  'hk',
  'my',
  'th',
  'jp',
  'de',
  'gb',
  'us',
] as const;

export type HolidayCalendarId = (typeof HOLIDAY_CALENDAR_IDS)[number];

export interface RemoteAccess {
  method: string;
  host?: string;
  username?: string;
  /** Secret: encrypted at rest, masked on screen, never logged. */
  password?: string;
}

export interface SiteDoc extends BaseDoc {
  name: string;
  address: string;
  /** IANA time zone name; the SLA clock counts in this zone. */
  timeZone: string;
  holidayCalendar: HolidayCalendarId;
  contacts: ContactPerson[];
  remoteAccess?: RemoteAccess;
  notes?: string;
}

export type EnvironmentKind = 'dev' | 'test' | 'prod';
export type ProductName = 'DCE' | 'Apsara Stack' | 'ZStack';

export interface ClusterDoc extends BaseDoc {
  siteId: string;
  name: string;
  environment: EnvironmentKind;
  product: ProductName;
  /** x.y.z */
  version: string;
  controlPlaneNodes: number;
  workerNodes: number;
  notes?: string;
}

export type PolicyPackId = 'dce-support' | 'private-cloud-ops';

/** How a contract's service validity is dated (seed 000 “服务有效期”). */
export type ValidityRule =
  'licence-activation' | 'appliance-delivery' | 'new-cluster-expansion' | 'shares-original-cluster';

export interface ContractDoc extends BaseDoc {
  number: string;
  packId: PolicyPackId;
  /** Service codes of the pack: SNS/PDS/S360/EAM, or the ops pack's service items. */
  services: string[];
  /** Tier id of the pack: standard/advanced/professional, or 5x8/7x24. */
  tier: string;
  startDate: IsoDate;
  endDate: IsoDate;
  validityRule: ValidityRule;
  siteIds: string[];
  clusterIds: string[];
  notes?: string;
}

export type VisitPurpose =
  | 'planning'
  | 'deployment'
  | 'inspection'
  | 'upgrade'
  | 'troubleshooting'
  | 'incident'
  | 'training'
  | 'other';

export type VisitStatus = 'planned' | 'checked-in' | 'checked-out';

export interface VisitDoc extends BaseDoc {
  siteId: string;
  contractId?: string;
  purpose: VisitPurpose;
  summary: string;
  engineers: string[];
  plannedDate?: IsoDate;
  checkInAt?: IsoInstant;
  checkOutAt?: IsoInstant;
  status: VisitStatus;
}

/** Reference to a content-addressed blob held by the main process's blob store. */
export interface AttachmentRef {
  sha256: string;
  name: string;
  mimeType: string;
  size: number;
}

export type VisitLogKind = 'note' | 'command' | 'photo' | 'file';

/** Append-only: a correction is a new entry whose `correctsEntryId` names the corrected one. */
export interface VisitLogEntryDoc extends BaseDoc {
  visitId: string;
  at: IsoInstant;
  author: string;
  kind: VisitLogKind;
  text: string;
  /** For `command` entries: the command line and its captured output. */
  command?: string;
  output?: string;
  attachments: AttachmentRef[];
  correctsEntryId?: string;
}

export type IncidentStatus = 'open' | 'paused' | 'resolved' | 'closed';
export type ClosureState = 'resolved' | 'transferred-to-customer' | 'cancelled-by-customer';
export type ResolutionType = 'advice' | 'permanent-workaround' | 'change-request';

export type TimelineEventKind =
  | 'opened'
  | 'contact'
  | 'first-response'
  | 'update'
  | 'escalation'
  | 'workaround'
  | 'resolution'
  | 'reclassification'
  | 'pause'
  | 'resume'
  | 'dispatch'
  | 'on-site-arrival'
  | 'closure'
  | 'note'
  /** The incident was handed to an engineer; `text` is the new assignee's name. */
  | 'assignment';

/** Timeline events are append-only. */
export interface TimelineEvent {
  id: string;
  at: IsoInstant;
  kind: TimelineEventKind;
  author: string;
  text: string;
  fromLevel?: string;
  toLevel?: string;
}

export interface PauseInterval {
  start: IsoInstant;
  end?: IsoInstant;
  /** Reason id from the policy pack's allowed pause reasons. */
  reason: string;
  note?: string;
}

export interface LevelChange {
  level: string;
  at: IsoInstant;
  reason: string;
}

export interface IncidentDoc extends BaseDoc {
  /**
   * The engineer responsible (display name, as on timelines): whose "my open incidents" it is.
   * Absent on incidents opened before schema v2 and on unassigned ones: those count as
   * everyone's.
   */
  assignee?: string;
  siteId: string;
  contractId: string;
  clusterId?: string;
  title: string;
  description: string;
  packId: PolicyPackId;
  /** Tier copied from the contract when the incident was opened. */
  tier: string;
  /** Current severity level id of the pack ('1'..'5' or 'P1'..'P4' / 'request'). */
  level: string;
  levelHistory: LevelChange[];
  /** The customer's first contact: the SLA clock starts here, also after reclassification. */
  openedAt: IsoInstant;
  firstResponseAt?: IsoInstant;
  dispatchedAt?: IsoInstant;
  onSiteArrivalAt?: IsoInstant;
  status: IncidentStatus;
  /**
   * Response due instant in UTC (`…Z`), recomputed by the incident operations whenever level,
   * pauses or the clock inputs change; '' when the policy sets no time target. Denormalised so
   * the open-incidents list can sort by an index.
   */
  dueAt: string;
  pauses: PauseInterval[];
  timeline: TimelineEvent[];
  impact?: string;
  rootCause?: string;
  workaround?: string;
  closure?: {
    state: ClosureState;
    at: IsoInstant;
    resolutionType?: ResolutionType;
    note?: string;
  };
}

export type InspectionStatus = 'in-progress' | 'completed';

/** Result of one check (same values as the domain's `ItemResult`). */
export type InspectionItemResult = 'pass' | 'warning' | 'fail' | 'not-applicable';

/** Risk level of a finding (same values as the templates' `RiskLevel`). */
export type InspectionRiskLevel = 'critical' | 'high' | 'medium' | 'low';

/** A node of an inspected cluster, as the engineer listed it when starting the inspection. */
export interface InspectionNode {
  name: string;
  role: 'control-plane' | 'worker' | 'host';
  ip?: string;
}

export interface InspectionCluster {
  clusterId: string;
  nodes: InspectionNode[];
}

/**
 * What the engineer recorded for one check (item instance). Never removed from the document:
 * clearing an answer writes an entry without result/value, so a merge can tell "cleared" from
 * "never seen". `updatedAt` is the per-answer clock the conflict handler compares.
 */
export interface InspectionAnswer {
  /** `instanceKey(clusterId, itemId, node)` of src-shared/domain/inspection. */
  key: string;
  clusterId: string;
  itemId: string;
  node?: string;
  result?: InspectionItemResult;
  value?: number;
  note?: string;
  evidence: AttachmentRef[];
  updatedAt: IsoInstant;
  /** Engineer who made the last change. */
  by?: string;
}

/** The engineer's edits of a derived finding (`<clusterId>/<itemId>`). */
export interface InspectionFindingEdit {
  id: string;
  risk?: InspectionRiskLevel;
  recommendation?: string;
  updatedAt: IsoInstant;
  by?: string;
}

/**
 * A version that lost a conflict (the same answer, finding or evaluation text edited on two
 * laptops): kept here so no edit is lost silently.
 */
export interface InspectionHistoryEntry {
  /** `answer:<key>`, `finding:<id>` or `overallEvaluation`. */
  target: string;
  /** When the losing version was written. */
  at: IsoInstant;
  by?: string;
  /** The losing version as JSON text. */
  value: string;
  /** `updatedAt` of the version that won. */
  supersededAt: IsoInstant;
}

export interface InspectionDoc extends BaseDoc {
  siteId: string;
  visitId?: string;
  /** Template id and exact version the inspection runs (and its report renders) with. */
  templateId: string;
  templateVersion: number;
  packId: PolicyPackId;
  clusters: InspectionCluster[];
  engineers: string[];
  startedAt: IsoInstant;
  finishedAt?: IsoInstant;
  status: InspectionStatus;
  answers: InspectionAnswer[];
  findingEdits: InspectionFindingEdit[];
  overallEvaluation: string;
  history: InspectionHistoryEntry[];
}

export type DeliverableKind =
  | 'inspection-report'
  | 'fault-report'
  | 'planning-document'
  | 'upgrade-record'
  | 'implementation-record'
  | 'ops-service-report'
  | 'acceptance-report'
  | 'entry-report';
export type DeliverableStatus = 'draft' | 'signed';
export type DeliverableLang = 'zh' | 'en';

/** A handwritten signature drawn on screen: the PNG lives in the blob store. */
export interface DeliverableSignature {
  role: 'customer' | 'engineer';
  /** Printed name. */
  name: string;
  title?: string;
  organisation?: string;
  signedAt: IsoInstant;
  /** The drawn signature as a PNG blob (`image/png`). */
  image: AttachmentRef;
}

/** Who signed the PDF digitally, as the main process reported it. */
export interface DeliverableSigner {
  /** Certificate subject, e.g. `CN=张伟, O=Fieldbook (development)`. */
  subject: string;
  commonName?: string;
  /** Before enrolment the certificate is self-signed, and verification says so. */
  selfSigned: boolean;
  /** SHA-256 fingerprint of the certificate, lowercase hex. */
  fingerprint: string;
}

/**
 * A state of a deliverable that is no longer its current state: replaced by a conflict
 * resolution (a signed copy won over it), or a draft rendering replaced by a later one.
 * Kept so nothing is lost silently.
 */
export interface DeliverableHistoryEntry {
  /** When it left the current state (the loser's own `updatedAt` for conflicts: deterministic). */
  at: IsoInstant;
  reason: 'conflict' | 'draft-replaced';
  revision: number;
  status: DeliverableStatus;
  lang: DeliverableLang;
  pdf?: AttachmentRef;
  sha256?: string;
  signatures: DeliverableSignature[];
  signer?: DeliverableSigner;
  signedAt?: IsoInstant;
  snapshot: Record<string, unknown>;
}

/**
 * A PDF deliverable (inspection report, fault report). Immutable once `signed`: a change is a new
 * document with the same number, `documentRevision + 1`, `supersedesId` naming the previous revision, and
 * no signatures. The list shows all revisions of a number as its revision history.
 */
export interface DeliverableDoc extends BaseDoc {
  kind: DeliverableKind;
  /** The inspection or incident the report was made from. */
  sourceId: string;
  siteId?: string;
  /** Report title shown in the list (the incident title, the inspection's site). */
  title: string;
  documentNumber: string;
  /** The revision of `documentNumber` (`revision` itself is a reserved RxDB document field). */
  documentRevision: number;
  supersedesId?: string;
  lang: DeliverableLang;
  status: DeliverableStatus;
  /** The report snapshot the PDF was rendered from, exactly (signatures included). */
  snapshot: Record<string, unknown>;
  /** The PDF in the blob store: unsigned while a draft, the signed file once signed. */
  pdf?: AttachmentRef;
  /** SHA-256 of `pdf` (the signed file once signed), lowercase hex. */
  sha256?: string;
  pageCount?: number;
  signatures: DeliverableSignature[];
  signer?: DeliverableSigner;
  signedAt?: IsoInstant;
  /** Set by the sync layer when the server has acknowledged the signed document and its blob. */
  syncedAt?: IsoInstant;
  history: DeliverableHistoryEntry[];
}

/** What a procedure run follows: a deployment checklist, an upgrade runbook, a troubleshooting guide. */
export type ProcedureKind = 'deployment' | 'upgrade' | 'troubleshooting';

/** Evidence a procedure step can require. */
export type EvidenceKind = 'output' | 'photo' | 'file' | 'value' | 'signature';

export type ProcedureEventKind =
  | 'started'
  | 'step-started'
  | 'step-done'
  | 'step-failed'
  | 'step-skipped'
  /** A gating pre-check let through by a second person (never the executor), with a reason. */
  | 'step-waived'
  | 'evidence-attached'
  | 'approval-given'
  | 'rollback-entered'
  | 'forward-fix-entered'
  | 'paused'
  | 'resumed'
  | 'completed'
  /** Deployment: an account or credential handed over to the customer (never the secret). */
  | 'credential-handed-over';

/**
 * One line of the credential hand-over list: which account of which system was handed to whom,
 * over which channel, when they acknowledged it, and within how many days it must be rotated.
 * The secret itself is never recorded anywhere (not here, not in a log, not in the record).
 */
export interface CredentialHandover {
  system: string;
  account: string;
  scope: string;
  handedTo: string;
  channel: string;
  /** When the recipient confirmed receipt (site zone offset). */
  acknowledgedAt?: IsoInstant;
  rotateWithinDays?: number;
}

/** One piece of evidence of a step; pasted output is kept whole. */
export interface ProcedureEvidence {
  kind: EvidenceKind;
  /** Pasted command output (`output`) or the entered value (`value`). */
  text?: string;
  /** Photo, file or signature PNG in the blob store. */
  attachment?: AttachmentRef;
  /** Result of checking `text` against the step's expected pattern / threshold when attached. */
  check?: 'pass' | 'fail';
}

/**
 * An immutable event of a run. `at` carries the laptop's offset and `zone` its IANA zone, so
 * the record can show both the site's and the laptop's local time. Events are identified by
 * `id`; a merge unites the events of both sides.
 */
export interface ProcedureEvent {
  id: string;
  kind: ProcedureEventKind;
  at: IsoInstant;
  by: string;
  zone: string;
  stepId?: string;
  /** Why a step failed or was skipped, why a run was paused. */
  reason?: string;
  evidence?: ProcedureEvidence;
  /** `step-started` of an irreversible step: the engineer confirmed there is no way back. */
  confirmedIrreversible?: boolean;
  /** `step-done` of a troubleshooting question: the step the guide continues at. */
  branch?: string;
  /** `rollback-entered` / `forward-fix-entered`: the planned steps, in order. */
  steps?: string[];
  /** `approval-given`: when it stops counting. */
  expiresAt?: IsoInstant;
  /**
   * The sync-server account that made the event, when the laptop was signed in (absent: a name
   * typed on an unsigned laptop, not verified by anyone). `by` then equals `username`; the server
   * refuses a pushed event whose account is not the pusher's (domain/procedures/roles.ts).
   */
  account?: EventAccount;
  /** `credential-handed-over`: the hand-over line. */
  handover?: CredentialHandover;
}

/** A signed-in account as a procedure event records it: id, name and server role at the time. */
export interface EventAccount {
  userId: string;
  username: string;
  role: 'engineer' | 'lead' | 'admin';
}

/**
 * A maintenance window: instants with the site's offset; `noticeDays` is whole days from the
 * change request to the start. Less than 28 days' notice needs `emergencyReason`.
 */
export interface MaintenanceWindow {
  start: IsoInstant;
  end: IsoInstant;
  requestedAt: IsoInstant;
  noticeDays: number;
  emergencyReason?: string;
}

export interface ProcedureRunDoc extends BaseDoc {
  kind: ProcedureKind;
  templateId: string;
  templateVersion: number;
  packId: PolicyPackId;
  siteId: string;
  /** The site's IANA zone when the run started (times in the record are shown in it). */
  siteZone: string;
  clusterId?: string;
  visitId?: string;
  incidentId?: string;
  fromVersion?: string;
  toVersion?: string;
  /** Upgrade runs: the maintenance window (domain/procedures/upgrade-plan.ts checks it). */
  window?: MaintenanceWindow;
  /** The executor: who started the run (an approval must come from someone else). */
  startedBy: string;
  startedAt: IsoInstant;
  /** Append-only; the state of every step is derived from it (domain/procedures/derive.ts). */
  events: ProcedureEvent[];
}

/** One edit of an ops record: who changed which fields, and what they held before (JSON). */
export interface OpsRecordEdit {
  id: string;
  at: IsoInstant;
  by: string;
  /** Top-level or `<kind>.<field>` names with their previous values as JSON text. */
  changes: { field: string; before: string }[];
}

/**
 * A record of one of the ops lists (seed 002): issue, event, risk, change, backup, requirement.
 * The kind's own fields live in the sub-object named after the kind (see domain/ops/records.ts);
 * `history` is append-only (every edit), and a conflict merges per field, the kind's fields
 * included, keeping the loser in `mergeHistory`.
 */
export interface OpsRecordDoc extends BaseDoc {
  kind: OpsRecordKind;
  /** Per-customer running number shown in the lists, e.g. `CHG-0007`. */
  number: string;
  siteId?: string;
  contractId?: string;
  title: string;
  description: string;
  state: string;
  owner?: string;
  openedAt: IsoInstant;
  closedAt?: IsoInstant;
  links: OpsLink[];
  issue?: IssueFields;
  event?: EventFields;
  risk?: RiskFields;
  change?: ChangeFields;
  backup?: BackupFields;
  requirement?: RequirementFields;
  history: OpsRecordEdit[];
}

export type CollectionName =
  | 'customers'
  | 'sites'
  | 'clusters'
  | 'contracts'
  | 'visits'
  | 'visitLogEntries'
  | 'incidents'
  | 'inspections'
  | 'deliverables'
  | 'procedureRuns'
  | 'opsRecords'
  | 'plans';

export interface DocByCollection {
  customers: CustomerDoc;
  sites: SiteDoc;
  clusters: ClusterDoc;
  contracts: ContractDoc;
  visits: VisitDoc;
  visitLogEntries: VisitLogEntryDoc;
  incidents: IncidentDoc;
  inspections: InspectionDoc;
  deliverables: DeliverableDoc;
  procedureRuns: ProcedureRunDoc;
  opsRecords: OpsRecordDoc;
  plans: PlanDoc;
}

export type PlanStatus = 'draft' | 'ready';

/**
 * Identity of a row of a plan table (machine, network, VIP) across edits and laptops, so that a
 * sync merge works per row: two engineers editing different machines both keep theirs
 * (src-shared/db/plan-conflicts.ts). Not part of the interchange format: dropped on export.
 */
export interface PlanRowIdentity {
  rowId: string;
}

/**
 * The deployment plan of one environment (cluster), stored with the plan's own fields at the
 * top level (src-shared/domain/planning/plan.ts) so that the conflict merge works per field.
 * A plan may be saved in any state while it is written; `status: 'ready'` is only set when it
 * validates without errors (the editor checks, and clears it on the next edit that adds one).
 */
export interface PlanDoc extends BaseDoc {
  clusterId: string;
  status: PlanStatus;
  /** When the plan was last marked ready. */
  readyAt?: IsoInstant;
  product: string;
  version: string;
  profile: 'production' | 'poc';
  networks: (PlanNetwork & PlanRowIdentity)[];
  podCidr: string;
  serviceCidr: string;
  nodeCidrPrefix?: number;
  vips: (PlanVip & PlanRowIdentity)[];
  machines: (PlanMachine & PlanRowIdentity)[];
  ntpServers: string[];
  dnsServers: string[];
  os?: { release?: string; kernel?: string };
  dependencies?: PlanDependency[];
  requirements?: string[];
  acceptedWarnings?: AcceptedWarning[];
  /** Top-level fields of an imported plan this version does not read, kept for its export. */
  extra?: Record<string, unknown>;
}
