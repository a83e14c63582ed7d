/**
 * Registry of inspection templates by id and version. Every published version stays here for
 * good: a report snapshot names the `(templateId, templateVersion)` it was made with, and
 * `getTemplate` must still answer for it after newer versions ship.
 */
import type { PolicyPackId } from '../../db/types';
import { InputError } from '../../domain/errors';
import { DCE_S360_INSPECTION_V1 } from './dce-s360-inspection-v1';
import { DCE_S360_INSPECTION_V2 } from './dce-s360-inspection-v2';
import { PRIVATE_CLOUD_INSPECTION_V1 } from './private-cloud-inspection-v1';
import type { InspectionTemplate, TemplateItem, TemplateKind, TemplateSection } from './types';

export type * from './types';
export { RISK_LEVELS } from './types';
export { DCE_S360_INSPECTION_V1 } from './dce-s360-inspection-v1';
export { DCE_S360_INSPECTION_V2 } from './dce-s360-inspection-v2';
export { PRIVATE_CLOUD_INSPECTION_V1 } from './private-cloud-inspection-v1';

export const BUILTIN_TEMPLATES: readonly InspectionTemplate[] = [
  DCE_S360_INSPECTION_V1,
  DCE_S360_INSPECTION_V2,
  PRIVATE_CLOUD_INSPECTION_V1,
];

function all(extra?: readonly InspectionTemplate[]): InspectionTemplate[] {
  return [...BUILTIN_TEMPLATES, ...(extra ?? [])];
}

/**
 * The template `id` at exactly `version`, from the built-ins or `extra` (templates synced from
 * the server). Throws InputError (field `templateVersion` or `templateId`) when unknown.
 */
export function getTemplate(
  id: string,
  version: number,
  extra?: readonly InspectionTemplate[],
): InspectionTemplate {
  const candidates = all(extra).filter((t) => t.id === id);
  if (candidates.length === 0) {
    const known = [...new Set(all(extra).map((t) => t.id))];
    throw new InputError(
      `unknown inspection template "${id}"; known: ${known.join(', ')}`,
      'templateId',
    );
  }
  const found = candidates.find((t) => t.version === version);
  if (!found) {
    throw new InputError(
      `inspection template "${id}" has no version ${version}; versions: ${candidates
        .map((t) => t.version)
        .sort((a, b) => a - b)
        .join(', ')}`,
      'templateVersion',
    );
  }
  return found;
}

/** Every template of `packId` and `kind`, latest version of each id. */
export function latestTemplates(
  packId: PolicyPackId,
  kind: TemplateKind = 'inspection',
  extra?: readonly InspectionTemplate[],
): InspectionTemplate[] {
  const byId = new Map<string, InspectionTemplate>();
  for (const t of all(extra)) {
    if (t.packId !== packId || t.kind !== kind) continue;
    const seen = byId.get(t.id);
    if (!seen || t.version > seen.version) byId.set(t.id, t);
  }
  return [...byId.values()].sort((a, b) => a.id.localeCompare(b.id));
}

/**
 * The newest version of the pack's template of `kind` (the first by id when a pack has several
 * template ids of one kind). Throws InputError (field `packId`) when the pack has none.
 */
export function latestTemplate(
  packId: PolicyPackId,
  kind: TemplateKind = 'inspection',
  extra?: readonly InspectionTemplate[],
): InspectionTemplate {
  const first = latestTemplates(packId, kind, extra)[0];
  if (!first) throw new InputError(`pack ${packId} has no ${kind} template`, 'packId');
  return first;
}

/** Problems of a template a type cannot catch: duplicate ids, weights, threshold directions. */
export function templateProblems(t: InspectionTemplate): string[] {
  const problems: string[] = [];
  if (!Number.isInteger(t.version) || t.version < 1)
    problems.push('version must be an integer ≥ 1');
  const sectionIds = new Set<string>();
  const itemIds = new Set<string>();
  for (const s of t.sections) {
    if (sectionIds.has(s.id)) problems.push(`duplicate section id ${s.id}`);
    sectionIds.add(s.id);
    if (s.kind === 'evaluation' && s.items.length > 0) {
      problems.push(`evaluation section ${s.id} has items`);
    }
    for (const i of s.items) {
      if (itemIds.has(i.id)) problems.push(`duplicate item id ${i.id}`);
      itemIds.add(i.id);
      problems.push(...itemProblems(s, i));
    }
  }
  return problems;
}

function itemProblems(s: TemplateSection, i: TemplateItem): string[] {
  const p: string[] = [];
  const where = `${s.id}/${i.id}`;
  if (!Number.isInteger(i.weight) || i.weight < 1 || i.weight > 5) {
    p.push(`${where}: weight must be an integer 1–5`);
  }
  if (i.perNode && !s.nodeRole) p.push(`${where}: per-node item in a section without nodeRole`);
  if (i.measure !== 'number' && (i.threshold || i.unit)) {
    p.push(`${where}: only number items carry a unit or threshold`);
  }
  if (i.measure === 'number' && !i.unit) p.push(`${where}: number item without unit`);
  for (const text of [i.title, i.method, i.recommendation]) {
    if (!text.zh.trim() || !text.en.trim()) p.push(`${where}: missing zh or en text`);
  }
  const { warn, fail } = i.threshold ?? {};
  if (warn && fail) {
    const upward = (op: string) => op === '>' || op === '>=';
    if (upward(warn.op) !== upward(fail.op)) {
      p.push(`${where}: warn and fail limits point in different directions`);
    } else if (upward(warn.op) ? warn.value > fail.value : warn.value < fail.value) {
      p.push(`${where}: the warning limit lies beyond the failure limit`);
    }
  }
  return p;
}
