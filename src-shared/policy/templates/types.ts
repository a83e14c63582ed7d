/**
 * Inspection checklist templates: versioned, JSON-able data (no functions), shipped with the
 * policy packs and referenced by id + version.
 *
 * Versioning rule: a published `(id, version)` is never edited. A change ships as a new version
 * of the same id; older versions stay in the registry so a report made with them still renders
 * (a report snapshot records the template id and version it was made with). Item ids are stable
 * across versions of one template: the same id means the same check.
 */
import type { PolicyPackId, ProductName } from '../../db/types';
import type { Localized } from '../types';

/** Comparison of a measured value with a limit: `value <op> limit`. */
export type Comparator = '>' | '>=' | '<' | '<=';

export interface ThresholdRule {
  op: Comparator;
  value: number;
}

/**
 * Limits of a numeric item. The item fails when `fail` holds, is a warning when only `warn`
 * holds, passes otherwise. Either may be absent (a warn-only item never fails on its value).
 */
export interface Threshold {
  warn?: ThresholdRule;
  fail?: ThresholdRule;
}

/** Risk of a finding, highest first. */
export type RiskLevel = 'critical' | 'high' | 'medium' | 'low';

export const RISK_LEVELS: readonly RiskLevel[] = ['critical', 'high', 'medium', 'low'];

/**
 * How an item is answered:
 * - `number`: a measured value; with a threshold the result follows from the value;
 * - `check`: the engineer judges pass / warning / fail from the method;
 * - `lifecycle`: the result follows from the product version's support status on the
 *   inspection date (supported → pass, end of standard support → warning, end of life → fail).
 */
export type MeasureKind = 'number' | 'check' | 'lifecycle';

/** Which nodes of the cluster a per-node section repeats its per-node items for. */
export type NodeRole = 'control-plane' | 'worker' | 'host';

export interface TemplateItem {
  /** Stable across versions of the template; unique within it. */
  id: string;
  title: Localized;
  /** What to look at and how to judge it. */
  method: Localized;
  /** A command that gathers the value (shell, kubectl, etcdctl, platform CLI). */
  command?: string;
  measure: MeasureKind;
  /** Unit of a `number` item: `%`, `days`, `h`, `ms`, `count`. */
  unit?: string;
  threshold?: Threshold;
  /** Relative weight in the health score, 1 (minor) to 5 (the platform stands or falls with it). */
  weight: number;
  /** Risk of the finding when the item fails; a warning is one level lower (never below low). */
  riskOnFail: RiskLevel;
  recommendation: Localized;
  /** Repeats for every node of the section's `nodeRole`. */
  perNode?: boolean;
}

export interface TemplateSection {
  id: string;
  title: Localized;
  /** Nodes the section's per-node items repeat for. */
  nodeRole?: NodeRole;
  /**
   * `evaluation`: the closing section (总体评价): no items, the report shows the health score,
   * the findings summary and the engineer's overall evaluation text there.
   */
  kind?: 'checks' | 'evaluation';
  items: TemplateItem[];
}

export type TemplateKind = 'inspection';

export interface InspectionTemplate {
  id: string;
  /** Integer, starting at 1; a new version never changes an older one. */
  version: number;
  kind: TemplateKind;
  packId: PolicyPackId;
  products: ProductName[];
  name: Localized;
  description: Localized;
  /** The day the version was published, `yyyy-MM-dd`. */
  publishedAt: string;
  /** What changed against the previous version (absent on version 1). */
  changes?: Localized;
  sections: TemplateSection[];
}
