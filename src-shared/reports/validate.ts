/**
 * Validation of report snapshots that arrive as data (a file given to the CLI, a document from
 * the store) against their JSON Schemas, plus the consistency checks a schema cannot express.
 *
 * Kept apart from the report builders so a worker that only renders does not load ajv (which
 * compiles validators with `new Function`): validate in the main process, the server or the CLI.
 */
import Ajv from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { InspectionTemplate } from '../policy/templates/types';
import faultSchema from './fault-snapshot.schema.json' with { type: 'json' };
import inspectionSchema from './inspection-snapshot.schema.json' with { type: 'json' };
import { inspectionConsistencyProblems } from './inspection-snapshot';
import type { FaultReportSnapshot, InspectionSnapshot } from './snapshot-types';

export type SnapshotValidation<T> = { ok: true; snapshot: T } | { ok: false; errors: string[] };

const validators = new Map<string, ValidateFunction>();

function validator(name: 'inspection' | 'fault'): ValidateFunction {
  let v = validators.get(name);
  if (!v) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    v = ajv.compile(name === 'inspection' ? inspectionSchema : faultSchema);
    validators.set(name, v);
  }
  return v;
}

function describe(e: ErrorObject): string {
  const at = e.instancePath === '' ? '/' : e.instancePath;
  const params = e.params as Record<string, unknown>;
  if (e.keyword === 'additionalProperties') {
    return `${at}: unknown property "${String(params.additionalProperty)}"`;
  }
  if (e.keyword === 'required')
    return `${at}: missing property "${String(params.missingProperty)}"`;
  if (e.keyword === 'enum') {
    return `${at}: must be one of ${(params.allowedValues as unknown[]).map((x) => JSON.stringify(x)).join(', ')}`;
  }
  if (e.keyword === 'const') return `${at}: must be ${JSON.stringify(params.allowedValue)}`;
  return `${at}: ${e.message ?? e.keyword}`;
}

function schemaErrors(name: 'inspection' | 'fault', value: unknown): string[] {
  const v = validator(name);
  if (v(value)) return [];
  // oneOf/anyOf branches repeat the same complaint; keep each message once.
  return [...new Set((v.errors ?? []).map(describe))];
}

export function validateInspectionSnapshot(
  value: unknown,
  extraTemplates?: readonly InspectionTemplate[],
): SnapshotValidation<InspectionSnapshot> {
  const errors = schemaErrors('inspection', value);
  if (errors.length > 0) return { ok: false, errors };
  const snapshot = value as InspectionSnapshot;
  let problems: string[];
  try {
    problems = inspectionConsistencyProblems(snapshot, extraTemplates);
  } catch (e) {
    problems = [`template: ${(e as Error).message}`];
  }
  return problems.length > 0 ? { ok: false, errors: problems } : { ok: true, snapshot };
}

export function validateFaultSnapshot(value: unknown): SnapshotValidation<FaultReportSnapshot> {
  const errors = schemaErrors('fault', value);
  if (errors.length > 0) return { ok: false, errors };
  const snapshot = value as FaultReportSnapshot;
  const problems: string[] = [];
  const times = snapshot.timeline.map((t) => Date.parse(t.at));
  if (times.some((t, i) => i > 0 && t < (times[i - 1] ?? t))) {
    problems.push('timeline: entries must be in time order');
  }
  if (snapshot.closure !== null && snapshot.incident.status !== 'closed') {
    problems.push('closure: recorded but the incident status is not closed');
  }
  return problems.length > 0 ? { ok: false, errors: problems } : { ok: true, snapshot };
}
