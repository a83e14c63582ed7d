/**
 * The inspection health score (0–100).
 *
 * Formula (also printed in the report, see HEALTH_SCORE_FORMULA):
 * 1. Each answered, applicable check scores pass = 1, warning = 0.5, fail = 0. Checks marked
 *    not applicable and unanswered checks are left out.
 * 2. Each template item of each cluster scores the mean of its checks: one check for a
 *    cluster-level item, one per node for a per-node item. So a per-node item weighs as much
 *    as a cluster-level item of the same weight, however many nodes the cluster has.
 * 3. score = 100 × Σ(weight × item score) / Σ(weight), over the items with at least one scored
 *    check, rounded half up to an integer.
 * 4. Cap: if any check of an item whose failure risk is `critical` fails, the score is at most
 *    59 — a cluster with a dead etcd or expired certificates is never "healthy" on average.
 *    Otherwise, if any check gives a high-risk finding (a failed check of a high-risk item, or
 *    a warning on a critical item, see findings.ts), the score is at most 74 (“needs
 *    attention”): the rating never calls a cluster healthy while a high-risk finding is open.
 * 5. No scored check at all: no score (null).
 *
 * Section scores use steps 1–3 within the section, without the cap.
 */
import type { Localized } from '../policy/types';
import type { InspectionTemplate } from '../policy/templates/types';
import type { ItemResult, ResolvedCheck } from './inspection';

export const CRITICAL_FAILURE_CAP = 59;
/** The highest score while a high-risk finding is open: the top of “needs attention”. */
export const HIGH_RISK_CAP = 74;

export const HEALTH_SCORE_FORMULA: Localized = {
  zh: '健康评分 = 100 × Σ(权重 × 检查项得分) / Σ(权重)。单项结果：正常 1 分、警告 0.5 分、异常 0 分；不适用和未检查的项不计入。按节点重复的检查项取各节点得分的平均值，只计一次权重。任一风险等级为“严重”的检查项异常时，评分不超过 59 分；否则存在高风险发现项时，评分不超过 74 分。',
  en: 'Health score = 100 × Σ(weight × item score) / Σ(weight). A check scores 1 for pass, 0.5 for warning and 0 for fail; not-applicable and unanswered checks are left out. A per-node item scores the mean of its nodes and counts its weight once. If any item whose failure risk is critical fails, the score is capped at 59; otherwise, while any finding is of high risk, at 74.',
};

export type HealthGrade = 'healthy' | 'fair' | 'attention' | 'at-risk';

export const HEALTH_GRADE_NAMES: Record<HealthGrade, Localized> = {
  healthy: { zh: '健康', en: 'Healthy' },
  fair: { zh: '基本健康', en: 'Fair' },
  attention: { zh: '需关注', en: 'Needs attention' },
  'at-risk': { zh: '高风险', en: 'At risk' },
};

/** 90–100 healthy, 75–89 fair, 60–74 needs attention, below 60 at risk. */
export function healthGrade(score: number): HealthGrade {
  if (score >= 90) return 'healthy';
  if (score >= 75) return 'fair';
  if (score >= 60) return 'attention';
  return 'at-risk';
}

export function resultPoints(result: ItemResult | null): number | null {
  switch (result) {
    case 'pass':
      return 1;
    case 'warning':
      return 0.5;
    case 'fail':
      return 0;
    default:
      return null;
  }
}

export interface ResultCounts {
  pass: number;
  warning: number;
  fail: number;
  notApplicable: number;
  unanswered: number;
}

export interface ScoreBreakdown {
  score: number | null;
  /** True when a cap (critical failure: 59, high-risk finding: 74) lowered the score. */
  capped: boolean;
  /** Which cap applies, whether or not it lowered the score. */
  cap: 'critical-failure' | 'high-risk' | null;
  counts: ResultCounts;
  sections: { sectionId: string; score: number | null; counts: ResultCounts }[];
}

function counts(checks: readonly ResolvedCheck[]): ResultCounts {
  const c: ResultCounts = { pass: 0, warning: 0, fail: 0, notApplicable: 0, unanswered: 0 };
  for (const x of checks) {
    if (x.result === 'pass') c.pass++;
    else if (x.result === 'warning') c.warning++;
    else if (x.result === 'fail') c.fail++;
    else if (x.result === 'not-applicable') c.notApplicable++;
    else c.unanswered++;
  }
  return c;
}

function weightedScore(checks: readonly ResolvedCheck[]): number | null {
  const groups = new Map<string, { weight: number; points: number[] }>();
  for (const c of checks) {
    const p = resultPoints(c.result);
    if (p === null) continue;
    const key = `${c.clusterId}/${c.item.id}`;
    const g = groups.get(key) ?? { weight: c.item.weight, points: [] };
    g.points.push(p);
    groups.set(key, g);
  }
  let num = 0;
  let den = 0;
  for (const g of groups.values()) {
    num += g.weight * (g.points.reduce((a, b) => a + b, 0) / g.points.length);
    den += g.weight;
  }
  if (den === 0) return null;
  // Rounded half up on a value scaled to avoid 89.4999… from binary fractions.
  return Math.floor((100 * num) / den + 0.5 + 1e-9);
}

/** The health score of resolved checks, with per-section scores and result counts. */
export function healthScore(
  template: InspectionTemplate,
  checks: readonly ResolvedCheck[],
): ScoreBreakdown {
  let score = weightedScore(checks);
  const criticalFailed = checks.some(
    (c) => c.result === 'fail' && c.item.riskOnFail === 'critical',
  );
  // The risk a finding of this check gets (deriveFindings): a warning is one level lower.
  const highRisk = checks.some(
    (c) =>
      (c.result === 'fail' && c.item.riskOnFail === 'high') ||
      (c.result === 'warning' && c.item.riskOnFail === 'critical'),
  );
  const cap = criticalFailed ? 'critical-failure' : highRisk ? 'high-risk' : null;
  const limit =
    cap === 'critical-failure' ? CRITICAL_FAILURE_CAP : cap === 'high-risk' ? HIGH_RISK_CAP : 100;
  let capped = false;
  if (score !== null && score > limit) {
    score = limit;
    capped = true;
  }
  return {
    score,
    capped,
    cap,
    counts: counts(checks),
    sections: template.sections
      .filter((s) => s.kind !== 'evaluation')
      .map((s) => {
        const of = checks.filter((c) => c.section.id === s.id);
        return { sectionId: s.id, score: weightedScore(of), counts: counts(of) };
      }),
  };
}
