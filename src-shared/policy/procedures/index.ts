/**
 * Registry of procedure templates by id and version. Every published version stays here: a run
 * names the `(templateId, templateVersion)` it was started with and must keep deriving its
 * state from that version after newer ones ship.
 */
import type { PolicyPackId } from '../../db/types';
import { InputError } from '../../domain/errors';
import { DCE5_INSTALL_CHECKLIST_V1 } from './dce5-install-checklist-v1';
import { DCE5_MINOR_UPGRADE_V1 } from './dce5-minor-upgrade-v1';
import { DCE5_MINOR_UPGRADE_V2 } from './dce5-minor-upgrade-v2';
import { K8S_CONTAINER_RESTARTING_V1 } from './k8s-container-restarting-v1';
import { K8S_TROUBLESHOOTING_V1 } from './k8s-troubleshooting-v1';
import { ZSTACK_INSTALL_CHECKLIST_V1 } from './zstack-install-checklist-v1';
import { ZSTACK_UPGRADE_V1 } from './zstack-upgrade-v1';
import type { ProcedureKind, ProcedureSection, ProcedureStep, ProcedureTemplate } from './types';

export type * from './types';
export { EVIDENCE_KINDS } from './types';
export { DCE5_MINOR_UPGRADE_V1 } from './dce5-minor-upgrade-v1';
export { DCE5_MINOR_UPGRADE_V2 } from './dce5-minor-upgrade-v2';
export { DCE5_INSTALL_CHECKLIST_V1 } from './dce5-install-checklist-v1';
export { K8S_CONTAINER_RESTARTING_V1 } from './k8s-container-restarting-v1';
export * from './k8s-troubleshooting-v1';
export { ZSTACK_INSTALL_CHECKLIST_V1 } from './zstack-install-checklist-v1';
export { ZSTACK_UPGRADE_V1 } from './zstack-upgrade-v1';

export const BUILTIN_PROCEDURE_TEMPLATES: readonly ProcedureTemplate[] = [
  DCE5_MINOR_UPGRADE_V1,
  DCE5_MINOR_UPGRADE_V2,
  DCE5_INSTALL_CHECKLIST_V1,
  K8S_CONTAINER_RESTARTING_V1,
  ...K8S_TROUBLESHOOTING_V1,
  ZSTACK_UPGRADE_V1,
  ZSTACK_INSTALL_CHECKLIST_V1,
];

/** Longest path from the first step of a troubleshooting guide to any leaf (issue 9 §5). */
export const TROUBLESHOOTING_MAX_DEPTH = 7;

/**
 * The template `id` at exactly `version`. Throws InputError (field `templateId` or
 * `templateVersion`) naming what is known.
 */
export function getProcedureTemplate(
  id: string,
  version: number,
  extra?: readonly ProcedureTemplate[],
): ProcedureTemplate {
  const all = [...BUILTIN_PROCEDURE_TEMPLATES, ...(extra ?? [])];
  const candidates = all.filter((t) => t.id === id);
  if (candidates.length === 0) {
    throw new InputError(
      `unknown procedure template "${id}"; known: ${[...new Set(all.map((t) => t.id))].join(', ')}`,
      'templateId',
    );
  }
  const found = candidates.find((t) => t.version === version);
  if (!found) {
    throw new InputError(
      `procedure template "${id}" has no version ${version}; versions: ${candidates
        .map((t) => t.version)
        .sort((a, b) => a - b)
        .join(', ')}`,
      'templateVersion',
    );
  }
  return found;
}

/** The newest version of every template of `packId` (optionally of one kind), by kind then id. */
export function latestProcedureTemplates(
  packId: PolicyPackId,
  kind?: ProcedureKind,
  extra?: readonly ProcedureTemplate[],
): ProcedureTemplate[] {
  const byId = new Map<string, ProcedureTemplate>();
  for (const t of [...BUILTIN_PROCEDURE_TEMPLATES, ...(extra ?? [])]) {
    if (t.packId !== packId || (kind !== undefined && t.kind !== kind)) continue;
    const seen = byId.get(t.id);
    if (!seen || t.version > seen.version) byId.set(t.id, t);
  }
  return [...byId.values()].sort(
    (a, b) => a.kind.localeCompare(b.kind) || a.id.localeCompare(b.id),
  );
}

/** Every step with its section, in template order. */
export function templateSteps(
  t: ProcedureTemplate,
): { section: ProcedureSection; step: ProcedureStep }[] {
  return t.sections.flatMap((section) => section.steps.map((step) => ({ section, step })));
}

function regexProblem(where: string, source: string | undefined, needsGroup = false): string[] {
  if (source === undefined) return [];
  try {
    const re = new RegExp(source, 'm');
    if (needsGroup && !/\((?!\?)/.test(re.source)) return [`${where}: capture has no group`];
    return [];
  } catch (e) {
    return [`${where}: invalid regular expression (${(e as Error).message})`];
  }
}

/**
 * Problems a JSON Schema cannot see: duplicate ids, rollback / forward-fix references that do
 * not point into a rollback / forward-fix section, checkpoints outside main sections, invalid
 * regular expressions, branches pointing backwards or nowhere, troubleshooting paths longer
 * than `TROUBLESHOOTING_MAX_DEPTH`.
 */
export function procedureTemplateProblems(t: ProcedureTemplate): string[] {
  const p: string[] = [];
  const sectionIds = new Set<string>();
  const kindOf = new Map<string, ProcedureSection['kind']>();
  const mainOrder: string[] = [];
  for (const s of t.sections) {
    if (sectionIds.has(s.id)) p.push(`duplicate section id ${s.id}`);
    sectionIds.add(s.id);
    for (const step of s.steps) {
      if (kindOf.has(step.id)) p.push(`duplicate step id ${step.id}`);
      kindOf.set(step.id, s.kind);
      if (s.kind === 'main') mainOrder.push(step.id);
    }
  }
  if (mainOrder.length === 0) p.push('no main section');
  for (const s of t.sections) {
    if (s.gate === true && s.kind !== 'main') p.push(`${s.id}: only a main section can gate`);
  }
  for (const { section, step } of templateSteps(t)) {
    const where = `${section.id}/${step.id}`;
    p.push(...regexProblem(`${where} pattern`, step.expected.pattern));
    p.push(...regexProblem(`${where} absent`, step.expected.absent));
    p.push(...regexProblem(`${where} threshold`, step.expected.threshold?.capture, true));
    const cp = step.checkpoint;
    if (cp !== undefined && section.kind !== 'main') {
      p.push(`${where}: only main steps carry a checkpoint`);
    }
    if (cp?.class === 'reversible') {
      for (const r of cp.rollback) {
        if (kindOf.get(r) !== 'rollback')
          p.push(`${where}: rollback step ${r} is not in a rollback section`);
      }
    }
    if (cp?.class === 'irreversible') {
      for (const r of cp.forwardFix) {
        if (kindOf.get(r) !== 'forward-fix')
          p.push(`${where}: forward-fix step ${r} is not in a forward-fix section`);
      }
    }
    if (step.auto !== undefined && !step.evidence.includes('value')) {
      p.push(`${where}: an automatic check records value evidence`);
    }
    if ((step.branches || step.end) && t.kind !== 'troubleshooting') {
      p.push(`${where}: branches and end belong to troubleshooting guides`);
    }
    for (const b of step.branches ?? []) {
      p.push(...regexProblem(`${where} branch`, b.pattern));
      const from = mainOrder.indexOf(step.id);
      const to = mainOrder.indexOf(b.goTo);
      if (to < 0) p.push(`${where}: branch goes to unknown main step ${b.goTo}`);
      else if (to <= from) p.push(`${where}: branch to ${b.goTo} goes backwards`);
    }
  }
  if (t.kind === 'troubleshooting' && mainOrder.length > 0) {
    const depth = longestPath(t, mainOrder);
    if (depth > TROUBLESHOOTING_MAX_DEPTH) {
      p.push(`a leaf is ${depth} steps deep (at most ${TROUBLESHOOTING_MAX_DEPTH})`);
    }
  }
  return p;
}

/** Steps on the longest path through a troubleshooting guide (branches jump forward only). */
function longestPath(t: ProcedureTemplate, order: string[]): number {
  const byId = new Map(templateSteps(t).map(({ step }) => [step.id, step]));
  const memo = new Map<number, number>();
  const walk = (i: number): number => {
    if (i >= order.length) return 0;
    const known = memo.get(i);
    if (known !== undefined) return known;
    const step = byId.get(order[i]!)!;
    let next = step.end ? 0 : walk(i + 1);
    for (const b of step.branches ?? []) {
      const to = order.indexOf(b.goTo);
      // Backward and dangling branches are reported on their own; they add no depth here.
      if (to > i) next = Math.max(next, walk(to));
    }
    memo.set(i, 1 + next);
    return 1 + next;
  };
  return walk(0);
}
