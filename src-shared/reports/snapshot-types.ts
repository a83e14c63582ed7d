/**
 * Report snapshots: the complete, self-contained JSON a deliverable PDF is rendered from. A
 * signed deliverable records its snapshot next to the PDF's SHA-256, so the snapshot carries
 * every figure the report prints (results, score, findings, SLA figures), not references to
 * live documents that may change later. Texts of the policy (template items, level definitions)
 * are looked up by id + version at render time; published versions never change.
 *
 * Described for outsiders by inspection-snapshot.schema.json and fault-snapshot.schema.json.
 */
import type { PlanningSnapshot } from './kinds/planning-document/snapshot';
import type { ProcedureRecordSnapshot } from './procedure-record/snapshot';
import type { OpsReportSnapshot } from './kinds/ops-service-report/snapshot';
import type { AcceptanceSnapshot } from './kinds/acceptance-report/snapshot';
import type { EntrySnapshot } from './kinds/entry-report/snapshot';
import type {
  ClosureState,
  EnvironmentKind,
  IsoDate,
  IsoInstant,
  PolicyPackId,
  ProductName,
  ResolutionType,
  TimelineEventKind,
} from '../db/types';
import type { Finding } from '../domain/findings';
import type { InspectedNode, ItemResult } from '../domain/inspection';
import type { LifecycleStatus } from '../domain/lifecycle';
import type { HealthGrade } from '../domain/scoring';
import type { Localized } from '../policy/types';

export interface SnapshotPerson {
  name: string;
  title?: string;
  organisation?: string;
  phone?: string;
}

export interface SnapshotLifecycle {
  status: LifecycleStatus;
  series: string;
  ga: IsoDate;
  eoss: IsoDate;
  eosl: IsoDate;
}

export interface SnapshotCluster {
  id: string;
  name: string;
  environment: EnvironmentKind;
  product: ProductName;
  version: string;
  /** Support status on the inspection date; absent for products without lifecycle data. */
  lifecycle?: SnapshotLifecycle;
  nodes: InspectedNode[];
}

/** One answered check. Unanswered checks are absent. */
export interface SnapshotResult {
  clusterId: string;
  itemId: string;
  node?: string;
  result: ItemResult;
  value?: number;
  note?: string;
  /** Ids of photos in `photos`. */
  evidence?: string[];
}

/** A handwritten signature drawn on screen. */
export interface SnapshotSignature {
  role: 'customer' | 'engineer';
  name: string;
  title?: string;
  organisation?: string;
  signedAt: IsoInstant;
  /** `data:image/png;base64,…` */
  image: string;
}

export interface SnapshotPhoto {
  id: string;
  caption: string;
  takenAt?: IsoInstant;
  /** `data:image/jpeg;base64,…` or `data:image/png;base64,…`; never a remote URL. */
  dataUrl: string;
  sha256?: string;
}

interface SnapshotBase {
  schemaVersion: 1;
  /** Deliverable document number, e.g. `FB-INS-20260306-0001`. */
  documentNumber: string;
  /** 1 for the first issue; a change after signing makes a new revision. */
  revision: number;
  issuedAt: IsoInstant;
  customer: { name: string; shortName?: string };
  site: { name: string; address?: string; timeZone: string };
  contract?: { number: string; services: string[]; tier: string };
  packId: PolicyPackId;
  engineers: SnapshotPerson[];
  signatures: SnapshotSignature[];
  photos: SnapshotPhoto[];
}

export interface InspectionSnapshot extends SnapshotBase {
  kind: 'inspection-report';
  template: { id: string; version: number };
  inspection: { date: IsoDate; startedAt: IsoInstant; finishedAt: IsoInstant };
  clusters: SnapshotCluster[];
  customerRepresentatives: SnapshotPerson[];
  results: SnapshotResult[];
  score: { value: number | null; capped: boolean; grade: HealthGrade | null };
  findings: Finding[];
  /** The engineer's closing text, in the language it was written in. */
  overallEvaluation: string;
}

export interface FaultTimelineEntry {
  at: IsoInstant;
  kind: TimelineEventKind;
  author: string;
  text: string;
}

export interface FaultPause {
  start: IsoInstant;
  end?: IsoInstant;
  reason: Localized;
  note?: string;
  /** In-window time the pause took off the clock, ms (up to the report time if still open). */
  inWindowMs: number;
}

export interface FaultReportSnapshot extends SnapshotBase {
  kind: 'fault-report';
  packVersion: string;
  incident: {
    id: string;
    title: string;
    description: string;
    openedAt: IsoInstant;
    firstResponseAt?: IsoInstant;
    dispatchedAt?: IsoInstant;
    onSiteArrivalAt?: IsoInstant;
    status: 'open' | 'paused' | 'resolved' | 'closed';
  };
  cluster?: Omit<SnapshotCluster, 'nodes'>;
  /** The severity level with the seed's definition, and the levels it was reclassified from. */
  level: { id: string; name: Localized; definition: Localized };
  levelHistory: { level: string; at: IsoInstant; reason: string }[];
  tier: { id: string; name: Localized };
  sla: {
    /** The target in words, e.g. "2 小时（7x24）". */
    target: Localized;
    coverage: '7x24' | '5x8' | null;
    clockStartAt: IsoInstant | null;
    dueAt: IsoInstant | null;
    respondedAt: IsoInstant | null;
    respondedInTime: boolean | null;
    breached: boolean;
    /** In-window time from clock start to first response, ms (pauses excluded). */
    responseMs: number | null;
    /** Time left (negative: overdue) at the report time; null without a target. */
    remainingMs: number | null;
    /** On-site response: dispatch → arrival, ms, when recorded. */
    onSiteMs: number | null;
    pauses: FaultPause[];
    hourlyUpdates: boolean;
    /** Calendar years the computation had no holiday data for (plain weekends were used). */
    missingCalendarYears: number[];
  };
  timeline: FaultTimelineEntry[];
  impact: string;
  rootCause: string;
  workaround: string;
  resolutionType: { id: ResolutionType; name: Localized } | null;
  closure: {
    state: { id: ClosureState; name: Localized; description: Localized };
    at: IsoInstant;
    note?: string;
  } | null;
  customerRepresentatives: SnapshotPerson[];
}

/** Every deliverable kind's snapshot (reports/kinds lists their modules). */
export type ReportSnapshot =
  | InspectionSnapshot
  | FaultReportSnapshot
  | PlanningSnapshot
  | ProcedureRecordSnapshot
  | OpsReportSnapshot
  | AcceptanceSnapshot
  | EntrySnapshot;
