import type { MigrationStrategies, RxJsonSchema } from 'rxdb';
import type { ProcedureRunDoc } from '../types';
import {
  BASE_REQUIRED,
  baseProperties,
  idProperty,
  instantProperty,
  textProperty,
  timeZoneProperty,
} from './common';
import { attachmentRefSchema } from './visit-log-entries';

const name = { type: 'string', minLength: 1, maxLength: 100 } as const;
/** Template step ids (`^[0-9A-Za-z_.-]+$`, as the procedure template schema allows). */
const stepId = {
  type: 'string',
  minLength: 1,
  maxLength: 64,
  pattern: '^[0-9A-Za-z_.-]+$',
} as const;

export const procedureRunSchema: RxJsonSchema<ProcedureRunDoc> = {
  title: 'procedureRuns',
  description:
    'A run of a procedure template (deployment checklist, upgrade runbook, troubleshooting guide): an append-only event log.',
  // v1: the maintenance window and the `step-waived` event (issue 9); v0 documents are valid.
  // v2: the signed-in account on events (step roles against server roles) and the credential
  // hand-over event; v1 documents are valid.
  version: 2,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    ...baseProperties,
    kind: { type: 'string', enum: ['deployment', 'upgrade', 'troubleshooting'], maxLength: 16 },
    templateId: { type: 'string', minLength: 1, maxLength: 64 },
    templateVersion: { type: 'integer', minimum: 1, maximum: 10_000 },
    packId: { type: 'string', enum: ['dce-support', 'private-cloud-ops'], maxLength: 32 },
    siteId: idProperty,
    siteZone: timeZoneProperty,
    clusterId: idProperty,
    visitId: idProperty,
    incidentId: idProperty,
    fromVersion: { type: 'string', minLength: 1, maxLength: 40 },
    toVersion: { type: 'string', minLength: 1, maxLength: 40 },
    window: {
      type: 'object',
      additionalProperties: false,
      required: ['start', 'end', 'requestedAt', 'noticeDays'],
      properties: {
        start: instantProperty,
        end: instantProperty,
        requestedAt: instantProperty,
        noticeDays: { type: 'integer', minimum: -100_000, maximum: 100_000 },
        emergencyReason: textProperty(2_000, 1),
      },
    },
    startedBy: name,
    startedAt: instantProperty,
    events: {
      type: 'array',
      maxItems: 20_000,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'kind', 'at', 'by', 'zone'],
        properties: {
          id: idProperty,
          kind: {
            type: 'string',
            enum: [
              'started',
              'step-started',
              'step-done',
              'step-failed',
              'step-skipped',
              'step-waived',
              'evidence-attached',
              'approval-given',
              'rollback-entered',
              'forward-fix-entered',
              'paused',
              'resumed',
              'completed',
              'credential-handed-over',
            ],
          },
          at: instantProperty,
          by: name,
          zone: timeZoneProperty,
          stepId,
          reason: textProperty(2_000, 1),
          evidence: {
            type: 'object',
            additionalProperties: false,
            required: ['kind'],
            properties: {
              kind: { type: 'string', enum: ['output', 'photo', 'file', 'value', 'signature'] },
              text: textProperty(500_000),
              attachment: attachmentRefSchema,
              check: { type: 'string', enum: ['pass', 'fail'] },
            },
          },
          confirmedIrreversible: { type: 'boolean' },
          branch: stepId,
          steps: { type: 'array', maxItems: 500, items: stepId },
          expiresAt: instantProperty,
          handover: {
            type: 'object',
            additionalProperties: false,
            required: ['system', 'account', 'scope', 'handedTo', 'channel'],
            properties: {
              system: textProperty(200, 1),
              account: textProperty(200, 1),
              scope: textProperty(500, 1),
              handedTo: textProperty(200, 1),
              channel: textProperty(200, 1),
              acknowledgedAt: instantProperty,
              rotateWithinDays: { type: 'integer', minimum: 1, maximum: 3650 },
            },
          },
          account: {
            type: 'object',
            additionalProperties: false,
            required: ['userId', 'username', 'role'],
            properties: {
              userId: idProperty,
              username: name,
              role: { type: 'string', enum: ['engineer', 'lead', 'admin'] },
            },
          },
        },
      },
    },
  },
  required: [
    ...BASE_REQUIRED,
    'kind',
    'templateId',
    'templateVersion',
    'packId',
    'siteId',
    'siteZone',
    'startedBy',
    'startedAt',
    'events',
  ],
  // Lists: a customer's runs newest first; the runs of a visit.
  indexes: [['customerId', 'startedAt']],
};

export const procedureRunMigrationStrategies: MigrationStrategies = {
  1: (doc: unknown) => doc,
  2: (doc: unknown) => doc,
};
