/**
 * Inspections as pure operations on the `inspections` document: starting one for a customer's
 * clusters with the right template, recording answers per check, editing findings, completing.
 * Every operation returns a new document (nothing is mutated) or throws InputError.
 *
 * The document stores the engineer's input only (answers, finding edits, texts); results,
 * score and findings are always derived from it and the template version it names, so they
 * can never disagree with the answers.
 */
import type {
  AttachmentRef,
  ClusterDoc,
  InspectionAnswer,
  InspectionCluster,
  InspectionDoc,
  InspectionNode,
  IsoDate,
  PolicyPackId,
  ProductName,
} from '../db/types';
import { compact, nowInstant, requireId } from '../db/doc-fields';
import type { Now } from '../db/doc-fields';
import { RISK_LEVELS, getTemplate, latestTemplate } from '../policy/templates/index';
import type { InspectionTemplate, RiskLevel, TemplateItem } from '../policy/templates/types';
import { InputError } from './errors';
import type { Finding } from './findings';
import { deriveFindings } from './findings';
import { instanceKey, resolveInspection } from './inspection';
import type { InspectedCluster, ItemAnswer, ItemResult, ResolvedCheck } from './inspection';
import { lifecycleStatus } from './lifecycle';
import type { LifecycleResult } from './lifecycle';
import { newId } from './ids';
import type { ScoreBreakdown } from './scoring';
import { healthScore } from './scoring';

export type { Now } from '../db/doc-fields';

/** DCE clusters run the DCE S360 inspection; Apsara Stack and ZStack the private-cloud one. */
export function packForProduct(product: ProductName): PolicyPackId {
  return product === 'DCE' ? 'dce-support' : 'private-cloud-ops';
}

/** The newest inspection template of the pack that covers `product`. */
export function templateForProduct(product: ProductName): InspectionTemplate {
  return latestTemplate(packForProduct(product));
}

/** The template version an inspection document was started with. */
export function templateOf(doc: Pick<InspectionDoc, 'templateId' | 'templateVersion'>) {
  return getTemplate(doc.templateId, doc.templateVersion);
}

/**
 * Node list proposed for a cluster from its node counts, named like kubeadm/ZStack defaults
 * (`master-01`, `worker-01`; `host-01` for private clouds, whose template inspects every
 * physical host alike). The engineer can rename them before starting.
 */
export function proposedNodes(cluster: ClusterDoc): InspectionNode[] {
  const pad = (i: number) => String(i).padStart(2, '0');
  if (cluster.product !== 'DCE') {
    const total = cluster.controlPlaneNodes + cluster.workerNodes;
    return Array.from({ length: total }, (_, i) => ({ name: `host-${pad(i + 1)}`, role: 'host' }));
  }
  const nodes: InspectionNode[] = [];
  for (let i = 1; i <= cluster.controlPlaneNodes; i++) {
    nodes.push({ name: `master-${pad(i)}`, role: 'control-plane' });
  }
  for (let i = 1; i <= cluster.workerNodes; i++) {
    nodes.push({ name: `worker-${pad(i)}`, role: 'worker' });
  }
  return nodes;
}

const NODE_NAME_RE = /^[A-Za-z0-9]([A-Za-z0-9._-]{0,252})$/;

export interface StartInspectionInput {
  customerId: string;
  siteId: string;
  clusters: { cluster: ClusterDoc; nodes?: InspectionNode[] }[];
  engineers: string[];
  visitId?: string;
  /** Defaults to the newest template of the clusters' pack. */
  template?: InspectionTemplate;
  id?: string;
}

export function startInspection(input: StartInspectionInput, now: Now): InspectionDoc {
  const at = nowInstant(now);
  const customerId = requireId(input.customerId, 'customerId');
  const siteId = requireId(input.siteId, 'siteId');
  if (input.clusters.length === 0) {
    throw new InputError('choose at least one cluster', 'clusters', { code: 'required' });
  }
  const packs = new Set(input.clusters.map((c) => packForProduct(c.cluster.product)));
  if (packs.size > 1) {
    throw new InputError('DCE and private-cloud clusters need separate inspections', 'clusters', {
      code: 'mixedPacks',
    });
  }
  const template = input.template ?? templateForProduct(input.clusters[0]!.cluster.product);
  if (!packs.has(template.packId)) {
    throw new InputError(`template ${template.id} is not for these clusters`, 'templateId');
  }
  const clusters: InspectionCluster[] = input.clusters.map(({ cluster, nodes }) => {
    if (cluster.customerId !== customerId || cluster.siteId !== siteId) {
      throw new InputError(`cluster ${cluster.name} is not at this site`, 'clusters');
    }
    const list = nodes ?? proposedNodes(cluster);
    const names = new Set<string>();
    for (const n of list) {
      if (!NODE_NAME_RE.test(n.name)) {
        throw new InputError(`node name "${n.name}" is not a host name`, 'nodes', {
          code: 'badHostName',
          params: { name: n.name },
        });
      }
      if (names.has(n.name)) {
        throw new InputError(`node ${n.name} is listed twice`, 'nodes', {
          code: 'listedTwice',
          params: { name: n.name },
        });
      }
      names.add(n.name);
    }
    return { clusterId: cluster.id, nodes: list.map((n) => compact({ ...n })) };
  });
  const engineers = [...new Set(input.engineers.map((e) => e.trim()).filter((e) => e !== ''))];
  return compact({
    id: input.id ?? newId(Date.parse(at)),
    customerId,
    siteId,
    visitId: input.visitId,
    templateId: template.id,
    templateVersion: template.version,
    packId: template.packId,
    clusters,
    engineers,
    startedAt: at,
    status: 'in-progress' as const,
    answers: [],
    findingEdits: [],
    overallEvaluation: '',
    history: [],
    createdAt: at,
    updatedAt: at,
  });
}

/** What an edit of one check changes; `null` clears a field. */
export interface AnswerPatch {
  result?: ItemResult | null;
  value?: number | null;
  note?: string | null;
  evidence?: AttachmentRef[];
}

function requireInProgress(doc: InspectionDoc): void {
  if (doc.status !== 'in-progress') {
    throw new InputError('the inspection is completed; reopen it to change it', 'status', {
      code: 'inspectionCompleted',
    });
  }
}

/**
 * Records an edit of the check `(clusterId, itemId, node)`. The answer keeps its own clock
 * (`updatedAt`), which the conflict handler compares per check.
 */
export function answerCheck(
  doc: InspectionDoc,
  check: { clusterId: string; itemId: string; node?: string },
  patch: AnswerPatch,
  now: Now,
  by?: string,
): InspectionDoc {
  requireInProgress(doc);
  const at = nowInstant(now);
  if (patch.value !== undefined && patch.value !== null && !Number.isFinite(patch.value)) {
    throw new InputError('the measured value must be a number', 'value', { code: 'notANumber' });
  }
  const key = instanceKey(check.clusterId, check.itemId, check.node);
  const old = doc.answers.find((a) => a.key === key);
  const pick = <K extends 'result' | 'value' | 'note'>(k: K) => {
    const v = patch[k];
    return v === undefined ? old?.[k] : v === null ? undefined : v;
  };
  const note = pick('note');
  const next: InspectionAnswer = compact({
    key,
    clusterId: check.clusterId,
    itemId: check.itemId,
    node: check.node,
    result: pick('result'),
    value: pick('value'),
    note: note === undefined || note === '' ? undefined : note,
    evidence: patch.evidence ?? old?.evidence ?? [],
    updatedAt: at,
    by: by === undefined || by.trim() === '' ? undefined : by.trim(),
  });
  const answers = old ? doc.answers.map((a) => (a.key === key ? next : a)) : [...doc.answers, next];
  return { ...doc, answers, updatedAt: at };
}

/** Sets (or with `null` resets to the template's) the risk or recommendation of a finding. */
export function editFinding(
  doc: InspectionDoc,
  findingId: string,
  patch: { risk?: RiskLevel | null; recommendation?: string | null },
  now: Now,
  by?: string,
): InspectionDoc {
  requireInProgress(doc);
  const at = nowInstant(now);
  const old = doc.findingEdits.find((f) => f.id === findingId);
  const risk = patch.risk === undefined ? old?.risk : (patch.risk ?? undefined);
  const rec =
    patch.recommendation === undefined ? old?.recommendation : (patch.recommendation ?? undefined);
  const next = compact({
    id: findingId,
    risk,
    recommendation: rec === undefined || rec.trim() === '' ? undefined : rec,
    updatedAt: at,
    by: by === undefined || by.trim() === '' ? undefined : by.trim(),
  });
  const findingEdits = old
    ? doc.findingEdits.map((f) => (f.id === findingId ? next : f))
    : [...doc.findingEdits, next];
  return { ...doc, findingEdits, updatedAt: at };
}

export function setOverallEvaluation(doc: InspectionDoc, text: string, now: Now): InspectionDoc {
  requireInProgress(doc);
  if (text.length > 50_000) throw new InputError('the evaluation is too long', 'overallEvaluation');
  const at = nowInstant(now);
  return { ...doc, overallEvaluation: text, updatedAt: at };
}

export function completeInspection(doc: InspectionDoc, now: Now): InspectionDoc {
  requireInProgress(doc);
  const at = nowInstant(now);
  return { ...doc, status: 'completed', finishedAt: at, updatedAt: at };
}

/** Back to in progress (a completed inspection needs a correction); the finish time is dropped. */
export function reopenInspection(doc: InspectionDoc, now: Now): InspectionDoc {
  const at = nowInstant(now);
  const { finishedAt: _f, ...rest } = doc;
  return { ...rest, status: 'in-progress', updatedAt: at };
}

/** Support status of a cluster's product version on `date`; undefined when not known. */
export function clusterLifecycle(cluster: ClusterDoc, date: IsoDate): LifecycleResult | undefined {
  try {
    return lifecycleStatus(cluster.product, cluster.version, date);
  } catch {
    // Products without lifecycle data (Apsara Stack, ZStack) and unknown series.
    return undefined;
  }
}

/** The clusters as the checklist sees them: nodes from the document, status on `date`. */
export function inspectedClustersOf(
  doc: InspectionDoc,
  clusters: readonly ClusterDoc[],
  date: IsoDate,
): InspectedCluster[] {
  const byId = new Map(clusters.map((c) => [c.id, c]));
  return doc.clusters.map((c) => {
    const cluster = byId.get(c.clusterId);
    const lc = cluster === undefined ? undefined : clusterLifecycle(cluster, date);
    return {
      id: c.clusterId,
      nodes: c.nodes.map((n) => compact({ name: n.name, role: n.role, ip: n.ip })),
      ...(lc ? { lifecycleStatus: lc.status } : {}),
    };
  });
}

/** The domain's answers: cleared entries (nothing recorded) are left out. */
export function itemAnswersOf(doc: InspectionDoc): ItemAnswer[] {
  return doc.answers
    .filter(
      (a) =>
        a.result !== undefined ||
        a.value !== undefined ||
        a.note !== undefined ||
        a.evidence.length > 0,
    )
    .map((a) =>
      compact({
        clusterId: a.clusterId,
        itemId: a.itemId,
        node: a.node,
        result: a.result,
        value: a.value,
        note: a.note,
        evidence: a.evidence.length > 0 ? a.evidence.map((e) => e.sha256) : undefined,
      }),
    );
}

/**
 * Findings with the engineer's edits applied (risk level, recommendation text); a re-rated
 * finding moves to its new place in the risk order (the order is stable otherwise).
 */
export function applyFindingEdits(doc: InspectionDoc, findings: readonly Finding[]): Finding[] {
  const edits = new Map(doc.findingEdits.map((f) => [f.id, f]));
  return findings
    .map((f) => {
      const e = edits.get(f.id);
      if (!e) return f;
      return {
        ...f,
        ...(e.risk !== undefined ? { risk: e.risk } : {}),
        ...(e.recommendation !== undefined
          ? { recommendation: { zh: e.recommendation, en: e.recommendation } }
          : {}),
      };
    })
    .map((f, i) => ({ f, i }))
    .sort((a, b) => RISK_LEVELS.indexOf(a.f.risk) - RISK_LEVELS.indexOf(b.f.risk) || a.i - b.i)
    .map((x) => x.f);
}

export interface InspectionState {
  template: InspectionTemplate;
  clusters: InspectedCluster[];
  checks: ResolvedCheck[];
  score: ScoreBreakdown;
  /** Derived findings with the engineer's edits applied. */
  findings: Finding[];
}

/** Everything the screens and the report need, derived from the document on `date`. */
export function inspectionState(
  doc: InspectionDoc,
  clusterDocs: readonly ClusterDoc[],
  date: IsoDate,
): InspectionState {
  const template = templateOf(doc);
  const clusters = inspectedClustersOf(doc, clusterDocs, date);
  const checks = resolveInspection(template, clusters, itemAnswersOf(doc));
  return {
    template,
    clusters,
    checks,
    score: healthScore(template, checks),
    findings: applyFindingEdits(doc, deriveFindings(checks)),
  };
}

/** True when the value decides the result of `item` (a number item with a threshold). */
export function valueDecides(item: TemplateItem): boolean {
  return item.measure === 'number' && item.threshold !== undefined;
}

/** A risk of the customer's risk list: a finding of the newest inspection of its cluster. */
export interface CustomerRisk {
  finding: Finding;
  inspectionId: string;
  startedAt: string;
  status: InspectionDoc['status'];
}

/**
 * The customer's risk list: for every cluster, the findings of the newest inspection (by start
 * time) that covers it, in progress or completed — an older inspection's findings are
 * superseded by the re-inspection. Ordered by risk (critical first), then by cluster order.
 */
export function customerRiskList(
  inspections: readonly InspectionDoc[],
  clusters: readonly ClusterDoc[],
): CustomerRisk[] {
  const newest = new Map<string, InspectionDoc>();
  for (const doc of inspections) {
    for (const c of doc.clusters) {
      const seen = newest.get(c.clusterId);
      if (!seen || Date.parse(doc.startedAt) > Date.parse(seen.startedAt)) {
        newest.set(c.clusterId, doc);
      }
    }
  }
  const out: CustomerRisk[] = [];
  const stateOf = new Map<string, InspectionState>();
  for (const cluster of clusters) {
    const doc = newest.get(cluster.id);
    if (!doc) continue;
    let state = stateOf.get(doc.id);
    if (!state) {
      try {
        state = inspectionState(doc, clusters, doc.startedAt.slice(0, 10));
      } catch {
        // A template version this laptop does not know yet (synced from a newer app).
        continue;
      }
      stateOf.set(doc.id, state);
    }
    for (const finding of state.findings) {
      if (finding.clusterId !== cluster.id) continue;
      out.push({ finding, inspectionId: doc.id, startedAt: doc.startedAt, status: doc.status });
    }
  }
  const rank = (r: RiskLevel) => RISK_LEVELS.indexOf(r);
  return out
    .map((r, i) => ({ r, i }))
    .sort((a, b) => rank(a.r.finding.risk) - rank(b.r.finding.risk) || a.i - b.i)
    .map((x) => x.r);
}
