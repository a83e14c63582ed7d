/**
 * The planning document's snapshot: the plan as signed, the validation result at issue time and
 * the usual deliverable header (number, revision, customer, site, engineers, signatures). Like
 * every snapshot it is self-contained: the PDF is rendered from it alone.
 */
import type { IsoInstant, PolicyPackId } from '../../../db/types';
import { compileJsonSchema } from '../../../db/json-validator';
import type { SchemaViolation } from '../../../db/json-validator';
import type { Localized } from '../../../policy/types';
import type { Plan, PlanFinding } from '../../../domain/planning/plan';
import { PLAN_SCHEMA } from '../../../domain/planning/plan-schema';
import { planningRequirementsFor, validatePlan } from '../../../domain/planning/validate-plan';
import type { SnapshotPerson, SnapshotSignature } from '../../snapshot-types';

export interface PlanningSnapshot {
  kind: 'planning-document';
  schemaVersion: 1;
  documentNumber: string;
  revision: number;
  issuedAt: IsoInstant;
  customer: { name: string; shortName?: string };
  site: { name: string; address?: string; timeZone: string };
  /** The environment the plan is for (e.g. "生产环境 global 集群"). */
  environment: string;
  packId: PolicyPackId;
  engineers: SnapshotPerson[];
  customerRepresentatives: SnapshotPerson[];
  signatures: SnapshotSignature[];
  plan: Plan;
  /** Findings when the document was issued (warnings carry their acceptance). */
  findings: PlanFinding[];
  /** Source of the node minimums the plan was checked against; absent when none applied. */
  sizingSource?: Localized;
}

export interface PlanningSnapshotInput {
  plan: Plan;
  documentNumber: string;
  revision?: number;
  issuedAt: IsoInstant;
  customer: PlanningSnapshot['customer'];
  site: PlanningSnapshot['site'];
  environment: string;
  engineers: SnapshotPerson[];
  customerRepresentatives?: SnapshotPerson[];
  signatures?: SnapshotSignature[];
}

export function buildPlanningSnapshot(input: PlanningSnapshotInput): PlanningSnapshot {
  const requirements = planningRequirementsFor(input.plan.product, input.plan.version);
  return {
    kind: 'planning-document',
    schemaVersion: 1,
    documentNumber: input.documentNumber,
    revision: input.revision ?? 1,
    issuedAt: input.issuedAt,
    customer: input.customer,
    site: input.site,
    environment: input.environment,
    packId: 'dce-support',
    engineers: input.engineers,
    customerRepresentatives: input.customerRepresentatives ?? [],
    signatures: input.signatures ?? [],
    plan: structuredClone(input.plan),
    findings: validatePlan(input.plan).findings,
    ...(requirements ? { sizingSource: requirements.source } : {}),
  };
}

const localized = {
  type: 'object',
  required: ['zh', 'en'],
  properties: { zh: { type: 'string' }, en: { type: 'string' } },
};
const person = {
  type: 'object',
  required: ['name'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 200 },
    title: { type: 'string', maxLength: 200 },
    organisation: { type: 'string', maxLength: 200 },
    phone: { type: 'string', maxLength: 60 },
  },
};

export const PLANNING_SNAPSHOT_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: [
    'kind',
    'schemaVersion',
    'documentNumber',
    'revision',
    'issuedAt',
    'customer',
    'site',
    'environment',
    'packId',
    'engineers',
    'customerRepresentatives',
    'signatures',
    'plan',
    'findings',
  ],
  properties: {
    kind: { const: 'planning-document' },
    schemaVersion: { const: 1 },
    documentNumber: { type: 'string', pattern: '^[A-Z0-9]{1,12}-PLN-\\d{8}-\\d{4,6}$' },
    revision: { type: 'integer', minimum: 1 },
    issuedAt: { type: 'string', minLength: 20, maxLength: 40 },
    customer: {
      type: 'object',
      required: ['name'],
      properties: { name: { type: 'string', minLength: 1 }, shortName: { type: 'string' } },
    },
    site: {
      type: 'object',
      required: ['name', 'timeZone'],
      properties: {
        name: { type: 'string', minLength: 1 },
        address: { type: 'string' },
        timeZone: { type: 'string', minLength: 1 },
      },
    },
    environment: { type: 'string', maxLength: 200 },
    packId: { enum: ['dce-support', 'private-cloud-ops'] },
    engineers: { type: 'array', minItems: 1, items: person },
    customerRepresentatives: { type: 'array', items: person },
    signatures: {
      type: 'array',
      items: {
        type: 'object',
        required: ['role', 'name', 'signedAt', 'image'],
        properties: {
          role: { enum: ['customer', 'engineer'] },
          name: { type: 'string', minLength: 1 },
          title: { type: 'string' },
          organisation: { type: 'string' },
          signedAt: { type: 'string' },
          image: { type: 'string', pattern: '^data:image/png;base64,' },
        },
      },
    },
    plan: PLAN_SCHEMA,
    findings: {
      type: 'array',
      items: {
        type: 'object',
        required: ['rule', 'severity', 'path', 'message'],
        properties: {
          rule: { type: 'string' },
          severity: { enum: ['error', 'warning', 'info'] },
          path: { type: 'string' },
          message: localized,
          accepted: { type: 'string' },
          acceptedBy: { type: 'string' },
        },
      },
    },
    sizingSource: localized,
  },
} as const;

let validator: ((v: unknown) => SchemaViolation[]) | null = null;

export function validatePlanningSnapshot(
  value: unknown,
): { ok: true; snapshot: PlanningSnapshot } | { ok: false; errors: string[] } {
  validator ??= compileJsonSchema(PLANNING_SNAPSHOT_SCHEMA);
  const violations = validator(value);
  if (violations.length > 0) {
    return { ok: false, errors: violations.map((v) => `${v.field || '/'}: ${v.message}`) };
  }
  const snapshot = value as PlanningSnapshot;
  // The findings printed must be the plan's: a snapshot whose findings disagree with its plan
  // would let a document claim "passed" for a plan that does not.
  const current = validatePlan(snapshot.plan)
    .findings.map((f) => `${f.rule} ${f.path}`)
    .sort();
  const recorded = snapshot.findings.map((f) => `${f.rule} ${f.path}`).sort();
  if (JSON.stringify(current) !== JSON.stringify(recorded)) {
    return { ok: false, errors: ['findings: do not match the validation of the plan'] };
  }
  return { ok: true, snapshot };
}
