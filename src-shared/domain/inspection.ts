/**
 * Running an inspection against a template: which checks exist for a given set of clusters
 * (per-node items repeat for every node of their role), what each answer's result is, and how
 * far the engineer has got.
 */
import type {
  InspectionTemplate,
  NodeRole,
  TemplateItem,
  TemplateSection,
  Threshold,
  ThresholdRule,
} from '../policy/templates/types';
import type { LifecycleStatus } from './lifecycle';

/** Result of one check. `not-applicable` leaves the check out of the health score. */
export type ItemResult = 'pass' | 'warning' | 'fail' | 'not-applicable';

export const ITEM_RESULTS: readonly ItemResult[] = ['pass', 'warning', 'fail', 'not-applicable'];

export interface InspectedNode {
  name: string;
  role: NodeRole;
  ip?: string;
}

/** The part of a cluster the checklist needs: its id, nodes and (for DCE) support status. */
export interface InspectedCluster {
  id: string;
  nodes: InspectedNode[];
  /** Support status on the inspection date; decides `lifecycle` items. */
  lifecycleStatus?: LifecycleStatus;
}

/** One concrete check: an item of the template, for one cluster and (per-node items) one node. */
export interface ItemInstance {
  key: string;
  clusterId: string;
  section: TemplateSection;
  item: TemplateItem;
  node?: string;
}

/** What the engineer recorded for one check. */
export interface ItemAnswer {
  clusterId: string;
  itemId: string;
  /** Node name, for per-node items only. */
  node?: string;
  /** The engineer's verdict; for items with a threshold and a value the value decides instead. */
  result?: ItemResult;
  value?: number;
  note?: string;
  /** Ids of evidence photos/files. */
  evidence?: string[];
}

/**
 * Key of a check. Cluster ids and item ids are generated or template-defined and never contain
 * `/` or `@`; node names are host names.
 */
export function instanceKey(clusterId: string, itemId: string, node?: string): string {
  return node === undefined ? `${clusterId}/${itemId}` : `${clusterId}/${itemId}@${node}`;
}

/**
 * The checks of `template` for `clusters`, in report order: section, then cluster, then item,
 * then node (nodes in the order given). A per-node item of a cluster without nodes of the
 * section's role yields no check.
 */
export function expandInspection(
  template: InspectionTemplate,
  clusters: readonly InspectedCluster[],
): ItemInstance[] {
  const out: ItemInstance[] = [];
  for (const section of template.sections) {
    for (const cluster of clusters) {
      for (const item of section.items) {
        if (item.perNode) {
          for (const n of cluster.nodes.filter((x) => x.role === section.nodeRole)) {
            out.push({
              key: instanceKey(cluster.id, item.id, n.name),
              clusterId: cluster.id,
              section,
              item,
              node: n.name,
            });
          }
        } else {
          out.push({ key: instanceKey(cluster.id, item.id), clusterId: cluster.id, section, item });
        }
      }
    }
  }
  return out;
}

function holds(rule: ThresholdRule, value: number): boolean {
  switch (rule.op) {
    case '>':
      return value > rule.value;
    case '>=':
      return value >= rule.value;
    case '<':
      return value < rule.value;
    case '<=':
      return value <= rule.value;
  }
}

/**
 * The result a measured value earns against `threshold`: fail when the fail rule holds, warning
 * when only the warn rule holds, pass otherwise. Limits are inclusive exactly as their operator
 * says (`>= 85` fails at 85.0). Throws RangeError for a non-finite value.
 */
export function evaluateThreshold(
  value: number,
  threshold: Threshold,
): 'pass' | 'warning' | 'fail' {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite measured value: ${value}`);
  if (threshold.fail && holds(threshold.fail, value)) return 'fail';
  if (threshold.warn && holds(threshold.warn, value)) return 'warning';
  return 'pass';
}

/** supported → pass; past end of standard support → warning; past end of support life → fail. */
export function lifecycleResult(status: LifecycleStatus): 'pass' | 'warning' | 'fail' {
  switch (status) {
    case 'supported':
      return 'pass';
    case 'end-of-standard-support':
      return 'warning';
    case 'end-of-life':
      return 'fail';
  }
}

/**
 * The result of a check, or null while it is unanswered.
 * - `not-applicable` chosen by the engineer always stands;
 * - a `number` item with a threshold and a value: the value decides (the engineer's verdict is
 *   ignored, so a report cannot show "pass" next to a value beyond the limit);
 * - a `lifecycle` item: the cluster's support status decides when known;
 * - otherwise the engineer's verdict.
 */
export function resolveResult(
  item: TemplateItem,
  answer: Pick<ItemAnswer, 'result' | 'value'> | undefined,
  cluster?: Pick<InspectedCluster, 'lifecycleStatus'>,
): ItemResult | null {
  if (answer?.result === 'not-applicable') return 'not-applicable';
  if (item.measure === 'number' && item.threshold && typeof answer?.value === 'number') {
    return evaluateThreshold(answer.value, item.threshold);
  }
  if (item.measure === 'lifecycle' && cluster?.lifecycleStatus) {
    return lifecycleResult(cluster.lifecycleStatus);
  }
  return answer?.result ?? null;
}

export interface ResolvedCheck extends ItemInstance {
  answer?: ItemAnswer;
  result: ItemResult | null;
}

/** Every check of the inspection with its answer and result (null = unanswered). */
export function resolveInspection(
  template: InspectionTemplate,
  clusters: readonly InspectedCluster[],
  answers: readonly ItemAnswer[],
): ResolvedCheck[] {
  const byKey = new Map(answers.map((a) => [instanceKey(a.clusterId, a.itemId, a.node), a]));
  const clusterById = new Map(clusters.map((c) => [c.id, c]));
  return expandInspection(template, clusters).map((inst) => {
    const answer = byKey.get(inst.key);
    return {
      ...inst,
      answer,
      result: resolveResult(inst.item, answer, clusterById.get(inst.clusterId)),
    };
  });
}

export interface SectionProgress {
  sectionId: string;
  answered: number;
  total: number;
}

/** Answered / total checks per section (evaluation sections have none and report 0 / 0). */
export function inspectionProgress(
  checks: readonly ResolvedCheck[],
  template: InspectionTemplate,
): SectionProgress[] {
  return template.sections.map((s) => {
    const of = checks.filter((c) => c.section.id === s.id);
    return {
      sectionId: s.id,
      answered: of.filter((c) => c.result !== null).length,
      total: of.length,
    };
  });
}

/** Answers that name no check of the template for these clusters (unknown item, node or cluster). */
export function strayAnswers(
  template: InspectionTemplate,
  clusters: readonly InspectedCluster[],
  answers: readonly ItemAnswer[],
): ItemAnswer[] {
  const keys = new Set(expandInspection(template, clusters).map((i) => i.key));
  return answers.filter((a) => !keys.has(instanceKey(a.clusterId, a.itemId, a.node)));
}
