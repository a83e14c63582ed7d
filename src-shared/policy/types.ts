/**
 * Policy packs: the service rules of a contract type as versioned, JSON-able data.
 *
 * A pack is plain data (no functions, no Dates, no undefined-valued keys) so the server can ship
 * new or edited packs and every laptop can load them; `policy-pack.schema.json` describes the
 * shape and `validatePolicyPack` checks it, plus the cross-references a schema cannot express.
 */
import type { ClosureState, PolicyPackId, ResolutionType } from '../db/types';

/** Text in both UI languages; `zh` quotes the seed's wording, `en` translates it. */
export interface Localized {
  zh: string;
  en: string;
}

/**
 * Coverage window kinds of the seeds: `7x24` counts every minute, `5x8` only 09:00–18:00 on the
 * working days of the site's holiday calendar (the exact hours live in `coverageWindows`).
 */
export type Coverage = '7x24' | '5x8';

/**
 * Response-time target of one tier × severity level.
 * - `hours` / `minutes`: that much in-window time from the customer's first contact;
 * - `business-days`: N × the length of the 5x8 window (N × 9 h), always on 5x8;
 * - `none`: no time target, only a commitment in words (seed 000 level 5: 无 / 定期探讨 / 每月探讨).
 * `onSite` says whether the tier's channel for this level includes on-site support (现场支持);
 * `channels` quotes the seed's channel column where it has one.
 */
export type ResponseTarget =
  | { kind: 'hours'; hours: number; coverage: Coverage; onSite: boolean; channels?: Localized }
  | { kind: 'minutes'; minutes: number; coverage: Coverage; onSite: boolean; channels?: Localized }
  | {
      kind: 'business-days';
      days: number;
      coverage: '5x8';
      onSite: boolean;
      channels?: Localized;
    }
  | { kind: 'none'; note: Localized; onSite: boolean; channels?: Localized };

export interface PolicyTier {
  id: string;
  name: Localized;
  description?: Localized;
}

export interface PolicyLevel {
  id: string;
  name: Localized;
  definition: Localized;
  /** The customer gets a status update every hour while the incident is open (seed 000: 1 级). */
  hourlyUpdates: boolean;
  /**
   * A fault (something broke: a fault report applies) or a request (a question, a quota or
   * configuration request, a suggestion). Ops pack: P1–P4 faults, the rest requests; DCE pack:
   * levels 1–3 faults, 4–5 requests. Unset counts as a fault.
   */
  kind?: 'fault' | 'request';
}

/** One coverage window: local wall-clock hours of the site; `end` may be `24:00`. */
export interface CoverageWindow {
  name: Localized;
  /** Only on working days of the site's holiday calendar (5x8); otherwise every day (7x24). */
  workingDaysOnly: boolean;
  /** `HH:mm`, inclusive. */
  start: string;
  /** `HH:mm`, exclusive; `24:00` is the end of the day. */
  end: string;
}

export interface PolicyClosureState {
  id: ClosureState;
  name: Localized;
  description: Localized;
  /** Days the customer has to supply requested information, by level id (已由客户取消). */
  deadlineDaysByLevel?: Record<string, number>;
  /** Years an incident closed this way stays visible to the customer (已转移给客户). */
  visibleYears?: number;
}

export interface PolicyService {
  /** Service code written on contracts (`ContractDoc.services`). */
  code: string;
  name: Localized;
  description: Localized;
  /** The named deliverable(s) of the service, quoted from the seed. */
  deliverable?: Localized;
}

/** One product series' lifecycle; dates are the last covered day (support ends *after* them). */
export interface LifecycleEntry {
  product: string;
  major: number;
  series: string;
  ga: string;
  eoss: string;
  eosl: string;
}

export interface PolicyRule {
  id: string;
  text: Localized;
}

export interface PolicyPack {
  id: PolicyPackId;
  /** Semver of the pack's content; an edited pack gets a higher version. */
  version: string;
  name: Localized;
  products: string[];
  tiers: PolicyTier[];
  levels: PolicyLevel[];
  /** tier id → level id → target; complete for every tier × level. */
  responseMatrix: Record<string, Record<string, ResponseTarget>>;
  coverageWindows: Record<Coverage, CoverageWindow>;
  /** The only reasons the SLA clock may be paused for. */
  pauseReasons: { id: string; name: Localized }[];
  closureStates: PolicyClosureState[];
  resolutionTypes: { id: ResolutionType; name: Localized }[];
  services: PolicyService[];
  lifecycle: LifecycleEntry[];
  /** Further rules of the seed, quoted, for the UI and the deliverables to show. */
  rules: PolicyRule[];
  /** Deployment-planning requirements of the pack's products (minimum node sizes, defaults). */
  planning?: PlanningRequirements[];
}

/** Minimum size of a node in one role, from the product's published deployment requirements. */
export interface NodeMinimum {
  cpu: number;
  memoryGiB: number;
  /** Size of the system disk (mounted at "/"). */
  systemDiskGiB: number;
  /** Unpartitioned data disk the installer formats (containerd, etcd, local storage). */
  dataDiskGiB?: number;
}

export interface PlanningProfileRequirements {
  /** Fewest control-plane nodes; production also requires an odd count. */
  minControlPlane: number;
  /** Role → minimum; a machine with several roles must meet the largest of each figure. */
  roles: Record<string, NodeMinimum>;
  /** VIP roles the product needs in this profile (e.g. DCE's istioGatewayVip → `ingress`). */
  requiredVipRoles: string[];
}

export interface PlanningRequirements {
  product: string;
  /** Major versions (x of x.y.z) these figures apply to. */
  majors: number[];
  /** Where the figures come from (document and section), shown in findings and the document. */
  source: Localized;
  profiles: { production: PlanningProfileRequirements; poc: PlanningProfileRequirements };
  defaultPodCidr: string;
  defaultServiceCidr: string;
  /** Per-node pod prefix when the plan gives none (kubespray `kube_network_node_prefix`). */
  defaultNodeCidrPrefix: number;
  /** NTP servers: the product's documented range, e.g. 1–4. */
  ntpServers: { min: number; max: number };
  /** DNS servers: at most 3 are used by glibc's resolver (MAXNS). */
  dnsServers: { min: number; max: number };
}
