/**
 * Findings: every template item (per cluster) with a failed or warning check becomes one finding
 * with a risk level and a recommendation. Findings feed the customer's risk list, so their id is
 * stable for a given cluster and item (`<clusterId>/<itemId>`).
 */
import type { Localized } from '../policy/types';
import type { RiskLevel } from '../policy/templates/types';
import { RISK_LEVELS } from '../policy/templates/types';
import type { ResolvedCheck } from './inspection';

export interface Finding {
  id: string;
  clusterId: string;
  sectionId: string;
  itemId: string;
  /** The worst result among the item's checks. */
  result: 'warning' | 'fail';
  risk: RiskLevel;
  title: Localized;
  recommendation: Localized;
  /** Nodes whose check failed or warned (per-node items); empty for cluster-level items. */
  nodes: string[];
  /** Measured values of the failing/warning checks, with their node where there is one. */
  values: { node?: string; value: number }[];
  unit?: string;
  /** The engineer's notes on the failing/warning checks. */
  notes: string[];
}

export const RISK_NAMES: Record<RiskLevel, Localized> = {
  critical: { zh: '严重', en: 'Critical' },
  high: { zh: '高', en: 'High' },
  medium: { zh: '中', en: 'Medium' },
  low: { zh: '低', en: 'Low' },
};

/** One level lower than `risk`, never below low: the risk of a warning. */
export function lowerRisk(risk: RiskLevel): RiskLevel {
  const i = RISK_LEVELS.indexOf(risk);
  return RISK_LEVELS[Math.min(i + 1, RISK_LEVELS.length - 1)] ?? 'low';
}

/**
 * Findings of resolved checks, ordered by risk (critical first), then failures before warnings,
 * then template order.
 */
export function deriveFindings(checks: readonly ResolvedCheck[]): Finding[] {
  const byKey = new Map<string, { order: number; finding: Finding }>();
  checks.forEach((c, order) => {
    if (c.result !== 'fail' && c.result !== 'warning') return;
    const id = `${c.clusterId}/${c.item.id}`;
    let entry = byKey.get(id);
    if (!entry) {
      entry = {
        order,
        finding: {
          id,
          clusterId: c.clusterId,
          sectionId: c.section.id,
          itemId: c.item.id,
          result: c.result,
          risk: c.result === 'fail' ? c.item.riskOnFail : lowerRisk(c.item.riskOnFail),
          title: c.item.title,
          recommendation: c.item.recommendation,
          nodes: [],
          values: [],
          unit: c.item.unit,
          notes: [],
        },
      };
      byKey.set(id, entry);
    }
    const f = entry.finding;
    if (c.result === 'fail' && f.result === 'warning') {
      f.result = 'fail';
      f.risk = c.item.riskOnFail;
    }
    if (c.node !== undefined) f.nodes.push(c.node);
    if (typeof c.answer?.value === 'number') {
      f.values.push(
        c.node === undefined ? { value: c.answer.value } : { node: c.node, value: c.answer.value },
      );
    }
    const note = c.answer?.note?.trim();
    if (note) f.notes.push(c.node === undefined ? note : `${c.node}: ${note}`);
  });
  return [...byKey.values()]
    .sort(
      (a, b) =>
        RISK_LEVELS.indexOf(a.finding.risk) - RISK_LEVELS.indexOf(b.finding.risk) ||
        (a.finding.result === b.finding.result ? 0 : a.finding.result === 'fail' ? -1 : 1) ||
        a.order - b.order,
    )
    .map((e) => e.finding);
}
