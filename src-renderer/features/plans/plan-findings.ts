/**
 * The findings the editor shows: the interchange format's schema violations (as `schema`
 * errors on their field) and the rules' findings (validatePlan), indexed by grid cell.
 */
import type { PlanDoc } from '../../../src-shared/db/types';
import type { PlanFinding } from '../../../src-shared/domain/planning/plan';
import { storedPlanFindings } from '../../../src-shared/domain/planning/plan-readiness';
import { cellKey, cellOfPointer } from './plan-grid';

export interface EditorFindings {
  findings: PlanFinding[];
  errors: number;
  warnings: number;
  infos: number;
  byCell: Map<string, PlanFinding[]>;
  /** Findings on fields outside the grid (forms), by JSON pointer; accepted warnings in neither map. */
  byPointer: Map<string, PlanFinding[]>;
}

export function editorFindings(doc: PlanDoc): EditorFindings {
  const findings = storedPlanFindings(doc);
  const byCell = new Map<string, PlanFinding[]>();
  const byPointer = new Map<string, PlanFinding[]>();
  for (const f of findings) {
    // An accepted warning is listed (with its acceptance) but no longer marks its field.
    if (f.accepted !== undefined) continue;
    const cell = cellOfPointer(doc, f.path);
    const [map, key] = cell ? [byCell, cellKey(cell)] : [byPointer, f.path];
    map.set(key, [...(map.get(key) ?? []), f]);
  }
  const count = (s: PlanFinding['severity']) =>
    findings.filter((f) => f.severity === s && f.accepted === undefined).length;
  return {
    findings,
    errors: count('error'),
    warnings: count('warning'),
    infos: count('info'),
    byCell,
    byPointer,
  };
}
