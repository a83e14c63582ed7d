/**
 * The form fields of each ops record kind, as data: one list per kind (domain/ops/records.ts has
 * the types and the rules), so the create/edit form and the spreadsheet columns read one table
 * instead of a branch per kind. Labels are `ops.field.<kind>.<name>`, choices `ops.value.<v>`.
 */
import type { OpsRecordKind } from '../../../src-shared/domain/ops/records';

export type OpsFieldType = 'text' | 'textarea' | 'select' | 'score' | 'date' | 'instant';

export interface OpsFieldSpec {
  name: string;
  type: OpsFieldType;
  required?: boolean;
  options?: readonly string[];
}

export const OPS_FIELDS: Record<OpsRecordKind, readonly OpsFieldSpec[]> = {
  issue: [
    {
      name: 'severity',
      type: 'select',
      required: true,
      options: ['P1', 'P2', 'P3', 'P4', 'request'],
    },
    { name: 'reportedBy', type: 'text' },
    { name: 'resolution', type: 'textarea' },
  ],
  event: [
    { name: 'alertSource', type: 'text', required: true },
    { name: 'at', type: 'instant', required: true },
    {
      name: 'level',
      type: 'select',
      required: true,
      options: ['critical', 'major', 'minor', 'info'],
    },
    { name: 'handledBy', type: 'text' },
    { name: 'handling', type: 'textarea' },
  ],
  risk: [
    { name: 'likelihood', type: 'score', required: true },
    { name: 'impact', type: 'score', required: true },
    { name: 'mitigation', type: 'textarea', required: true },
    { name: 'dueDate', type: 'date' },
    {
      name: 'source',
      type: 'select',
      required: true,
      options: ['manual', 'inspection-finding', 'incident'],
    },
  ],
  change: [
    {
      name: 'changeType',
      type: 'select',
      required: true,
      options: ['normal', 'standard', 'emergency'],
    },
    { name: 'windowStart', type: 'instant' },
    { name: 'windowEnd', type: 'instant' },
    {
      name: 'approval',
      type: 'select',
      required: true,
      options: ['pending', 'approved', 'rejected'],
    },
    { name: 'approvedBy', type: 'text' },
    { name: 'result', type: 'select', options: ['success', 'partial', 'failed', 'rolled-back'] },
    { name: 'rollbackPlan', type: 'textarea', required: true },
  ],
  backup: [
    { name: 'object', type: 'text', required: true },
    { name: 'strategy', type: 'textarea', required: true },
    { name: 'lastRunAt', type: 'instant' },
    { name: 'lastSuccessAt', type: 'instant' },
    { name: 'lastResult', type: 'select', options: ['success', 'partial', 'failed'] },
    { name: 'lastRestoreTestAt', type: 'instant' },
  ],
  requirement: [
    { name: 'priority', type: 'select', required: true, options: ['high', 'medium', 'low'] },
    {
      name: 'category',
      type: 'select',
      required: true,
      options: ['feature', 'performance', 'usability', 'other'],
    },
    { name: 'requestedBy', type: 'text' },
    { name: 'targetRelease', type: 'text' },
  ],
};

/** Default field values of a new record of `kind` (what its required choices start at). */
export function defaultFields(kind: OpsRecordKind, now: string): Record<string, unknown> {
  const defaults: Record<OpsRecordKind, Record<string, unknown>> = {
    issue: { severity: 'P3' },
    event: { at: now, level: 'major' },
    risk: { likelihood: 3, impact: 3, source: 'manual' },
    change: { changeType: 'normal', approval: 'pending' },
    backup: {},
    requirement: { priority: 'medium', category: 'feature' },
  };
  return defaults[kind];
}
