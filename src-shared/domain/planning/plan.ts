/**
 * A deployment plan (PDS 规划) for one environment: the interchange format engineers exchange
 * with the customer's network and server teams, the `plans` record the app stores, and the
 * input of the validator, the planning document and the installer export.
 *
 * Fields beyond these are kept (a plan written by a newer Fieldbook, or by hand, stays intact),
 * but only these are read.
 */
import type { Localized } from '../../policy/types';

export type PlanProfile = 'production' | 'poc';

/**
 * Machine roles. DCE 5's installer names the bootstrap node (火种节点) and the global cluster's
 * masters and workers; etcd runs stacked on the masters unless machines carry `etcd` explicitly
 * (kubean/kubespray's `etcd` inventory group).
 */
export const MACHINE_ROLES = [
  'bootstrap',
  'control-plane',
  'etcd',
  'worker',
  'registry',
  'load-balancer',
  'storage',
] as const;
export type MachineRole = (typeof MACHINE_ROLES)[number];

/** Linux bonding modes (kernel Documentation/networking/bonding.rst), by name or number. */
export const BOND_MODES = [
  'balance-rr',
  'active-backup',
  'balance-xor',
  'broadcast',
  '802.3ad',
  'balance-tlb',
  'balance-alb',
] as const;

export interface PlanNetwork {
  /** Unique name NICs refer to, e.g. "业务网" or "mgmt". */
  name: string;
  cidr: string;
  /** Absent for a network without a router (storage, heartbeat). */
  gateway?: string;
  vlan?: number;
  mtu?: number;
  [extra: string]: unknown;
}

export interface PlanVip {
  /** `api` (kube-apiserver), `ingress` (DCE istioGatewayVip), `insight` (insightVip), … */
  role: string;
  address: string;
  /** Declared as intentionally shared (VRRP-style): exempt from duplicate checks. */
  shared?: boolean;
  [extra: string]: unknown;
}

/** Disk types the editor offers (a plan may name others: the type is free text). */
export const DISK_TYPES = ['ssd', 'nvme', 'hdd', 'san'] as const;

export interface PlanDisk {
  /** Mount point; "/" is the system disk, "" (or absent) an unpartitioned data disk. */
  mount?: string;
  sizeGiB: number;
  type?: string;
  [extra: string]: unknown;
}

export interface PlanBond {
  mode: string;
  /** Names of the member interfaces (listed as NICs of the same machine when their MTU is known). */
  members: string[];
}

export interface PlanNic {
  name: string;
  /** Network name; absent for a bond member or an unused port. */
  network?: string;
  address?: string;
  mtu?: number;
  bond?: PlanBond;
  [extra: string]: unknown;
}

export interface PlanMachine {
  hostname: string;
  roles: string[];
  cpu: number;
  memoryGiB: number;
  disks: PlanDisk[];
  nics: PlanNic[];
  os?: { release?: string; kernel?: string };
  [extra: string]: unknown;
}

export interface PlanDependency {
  /** registry, storage, load-balancer, ldap, ntp, dns, smtp, … */
  kind: string;
  name: string;
  address?: string;
  notes?: string;
}

/**
 * A warning the engineer and the customer accepted, with the reason the document states and the
 * person who accepted it. Only an acceptance with both a reason and a name counts (validatePlan).
 */
export interface AcceptedWarning {
  rule: string;
  path: string;
  reason: string;
  /** Who accepted it (the customer's or the vendor's named person). */
  acceptedBy?: string;
  /** When (ISO 8601 with offset), as recorded by the editor. */
  acceptedAt?: string;
}

export interface Plan {
  product: string;
  version: string;
  profile: PlanProfile;
  networks: PlanNetwork[];
  podCidr: string;
  serviceCidr: string;
  vips: PlanVip[];
  machines: PlanMachine[];
  ntpServers: string[];
  dnsServers: string[];
  /** Per-node pod prefix length (kubespray `kube_network_node_prefix`, default 24). */
  nodeCidrPrefix?: number;
  os?: { release?: string; kernel?: string };
  dependencies?: PlanDependency[];
  requirements?: string[];
  acceptedWarnings?: AcceptedWarning[];
  [extra: string]: unknown;
}

export type FindingSeverity = 'error' | 'warning' | 'info';

export interface PlanFinding {
  /** Stable id (`duplicate-ip`, …): tests, the UI and accepted warnings refer to it. */
  rule: string;
  severity: FindingSeverity;
  /** JSON pointer (RFC 6901) of the field to change, e.g. `/machines/3/nics/0/address`. */
  path: string;
  /** What is wrong and what to change, in both languages. */
  message: Localized;
  /** A warning the plan accepts (`acceptedWarnings`), with the reason given; errors cannot be accepted. */
  accepted?: string;
  /** Who accepted the warning (set with `accepted`). */
  acceptedBy?: string;
}

export interface PlanValidation {
  /** No finding of severity `error`: the plan may be marked ready. */
  valid: boolean;
  findings: PlanFinding[];
}
