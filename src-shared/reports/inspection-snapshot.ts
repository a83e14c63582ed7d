/**
 * Building an inspection report snapshot from an inspection's answers, and re-deriving its
 * figures (results, score, findings) to check that a stored snapshot is consistent.
 */
import type { Finding } from '../domain/findings';
import { deriveFindings } from '../domain/findings';
import type { InspectedCluster, ItemAnswer, ResolvedCheck } from '../domain/inspection';
import { resolveInspection, strayAnswers } from '../domain/inspection';
import type { ScoreBreakdown } from '../domain/scoring';
import { healthGrade, healthScore } from '../domain/scoring';
import { getTemplate } from '../policy/templates/index';
import type { InspectionTemplate } from '../policy/templates/types';
import type { InspectionSnapshot, SnapshotCluster, SnapshotResult } from './snapshot-types';

export function inspectedClusters(clusters: readonly SnapshotCluster[]): InspectedCluster[] {
  return clusters.map((c) => ({
    id: c.id,
    nodes: c.nodes,
    ...(c.lifecycle ? { lifecycleStatus: c.lifecycle.status } : {}),
  }));
}

function answersOf(results: readonly SnapshotResult[]): ItemAnswer[] {
  return results.map((r) => ({
    clusterId: r.clusterId,
    itemId: r.itemId,
    ...(r.node !== undefined ? { node: r.node } : {}),
    result: r.result,
    ...(r.value !== undefined ? { value: r.value } : {}),
    ...(r.note !== undefined ? { note: r.note } : {}),
    ...(r.evidence !== undefined ? { evidence: r.evidence } : {}),
  }));
}

export type InspectionSnapshotInput = Omit<
  InspectionSnapshot,
  'kind' | 'schemaVersion' | 'results' | 'score' | 'findings' | 'template'
> & {
  template: InspectionTemplate;
  answers: readonly ItemAnswer[];
};

/**
 * The snapshot of a finished inspection: answers resolved into results (the value decides where
 * a threshold exists), the health score and the findings. Unanswered checks are left out; answers
 * naming no check of the template are an error (they would silently vanish from the report).
 */
export function buildInspectionSnapshot(input: InspectionSnapshotInput): InspectionSnapshot {
  const { template, answers, ...rest } = input;
  const clusters = inspectedClusters(input.clusters);
  const stray = strayAnswers(template, clusters, answers);
  if (stray.length > 0) {
    const first = stray[0]!;
    throw new Error(
      `${stray.length} answer(s) name no check of ${template.id} v${template.version}, e.g. ${first.clusterId}/${first.itemId}${first.node ? `@${first.node}` : ''}`,
    );
  }
  const checks = resolveInspection(template, clusters, answers);
  const results: SnapshotResult[] = [];
  for (const c of checks) {
    if (c.result === null) continue;
    const a = c.answer;
    results.push({
      clusterId: c.clusterId,
      itemId: c.item.id,
      ...(c.node !== undefined ? { node: c.node } : {}),
      result: c.result,
      ...(a?.value !== undefined ? { value: a.value } : {}),
      ...(a?.note ? { note: a.note } : {}),
      ...(a?.evidence && a.evidence.length > 0 ? { evidence: a.evidence } : {}),
    });
  }
  const score = healthScore(template, checks);
  return {
    kind: 'inspection-report',
    schemaVersion: 1,
    ...rest,
    template: { id: template.id, version: template.version },
    results,
    score: {
      value: score.score,
      capped: score.capped,
      grade: score.score === null ? null : healthGrade(score.score),
    },
    findings: deriveFindings(checks),
  };
}

export interface InspectionFigures {
  template: InspectionTemplate;
  checks: ResolvedCheck[];
  score: ScoreBreakdown;
  findings: Finding[];
}

/** The template and figures of a stored snapshot, re-derived from its results. */
export function inspectionFigures(
  snapshot: InspectionSnapshot,
  extraTemplates?: readonly InspectionTemplate[],
): InspectionFigures {
  const template = getTemplate(snapshot.template.id, snapshot.template.version, extraTemplates);
  const checks = resolveInspection(
    template,
    inspectedClusters(snapshot.clusters),
    answersOf(snapshot.results),
  );
  return {
    template,
    checks,
    score: healthScore(template, checks),
    findings: deriveFindings(checks),
  };
}

/**
 * Disagreements between a snapshot's stored figures and the ones its results imply: results
 * naming no check, results contradicting their value, a different score or set of findings.
 */
export function inspectionConsistencyProblems(
  snapshot: InspectionSnapshot,
  extraTemplates?: readonly InspectionTemplate[],
): string[] {
  const problems: string[] = [];
  const { template, checks, score, findings } = inspectionFigures(snapshot, extraTemplates);
  const clusters = inspectedClusters(snapshot.clusters);
  const stray = strayAnswers(template, clusters, answersOf(snapshot.results));
  for (const s of stray) {
    problems.push(
      `results: ${s.clusterId}/${s.itemId}${s.node ? `@${s.node}` : ''} is no check of ${template.id} v${template.version}`,
    );
  }
  const seen = new Set<string>();
  for (const r of snapshot.results) {
    const key = `${r.clusterId}/${r.itemId}@${r.node ?? ''}`;
    if (seen.has(key)) problems.push(`results: ${key} appears twice`);
    seen.add(key);
  }
  for (const c of checks) {
    const stored = c.answer?.result;
    if (stored !== undefined && c.result !== stored) {
      problems.push(
        `results: ${c.key} is recorded as ${stored} but its value gives ${String(c.result)}`,
      );
    }
  }
  if (snapshot.score.value !== score.score || snapshot.score.capped !== score.capped) {
    problems.push(
      `score: recorded ${String(snapshot.score.value)}, the results give ${String(score.score)}`,
    );
  }
  const expectedGrade = score.score === null ? null : healthGrade(score.score);
  if (snapshot.score.grade !== expectedGrade) {
    problems.push(
      `score.grade: recorded ${String(snapshot.score.grade)}, expected ${String(expectedGrade)}`,
    );
  }
  // Risk levels are compared only as a set of ids and results: the engineer may re-rate a
  // finding's risk (inspections' finding edits), which also changes the risk order.
  const key = (f: Finding) => `${f.id}:${f.result}`;
  const recorded = snapshot.findings.map(key).sort().join(',');
  const derived = findings.map(key).sort().join(',');
  if (recorded !== derived)
    problems.push(`findings: recorded [${recorded}], the results give [${derived}]`);
  const photoIds = new Set(snapshot.photos.map((p) => p.id));
  for (const r of snapshot.results) {
    for (const e of r.evidence ?? []) {
      if (!photoIds.has(e))
        problems.push(`results: ${r.clusterId}/${r.itemId} names unknown photo ${e}`);
    }
  }
  return problems;
}
