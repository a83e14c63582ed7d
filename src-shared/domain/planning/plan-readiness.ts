/**
 * When a stored plan may be `ready`: its fields have the interchange shape (plan-schema.ts) and
 * the rules (validate-plan.ts) find no error. One function for the editor (which disables
 * "mark ready" and shows the findings) and the sync server (which refuses a pushed `ready` plan
 * that has errors, so a plan the customer signs off was checked wherever it was marked ready).
 */
import type { PlanDoc } from '../../db/types';
import type { PlanFinding } from './plan';
import { planOfDoc } from './plan-doc';
import { parsePlan } from './plan-schema';
import { validatePlan } from './validate-plan';

/** Every finding of a stored plan: schema violations (rule `schema`, error) and the rules' findings. */
export function storedPlanFindings(doc: PlanDoc): PlanFinding[] {
  const plan = planOfDoc(doc);
  const parsed = parsePlan(plan);
  const schema: PlanFinding[] = parsed.ok
    ? []
    : parsed.errors.map((e) => ({
        rule: 'schema',
        severity: 'error' as const,
        path: e.field,
        message: {
          zh: `格式不符：${e.field || '/'} ${e.message}`,
          en: `Wrong format: ${e.field || '/'} ${e.message}`,
        },
      }));
  return [...schema, ...validatePlan(plan).findings];
}

/**
 * The findings that forbid `doc`'s status: the error findings of a plan marked `ready` (errors
 * cannot be accepted), none for a draft. Paths point into the stored document as well as into
 * the plan: rows keep their positions.
 */
export function readyPlanViolations(doc: PlanDoc): PlanFinding[] {
  if (doc.status !== 'ready') return [];
  return storedPlanFindings(doc).filter((f) => f.severity === 'error');
}
