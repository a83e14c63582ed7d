import type { MigrationStrategies, RxJsonSchema } from 'rxdb';
import type { InspectionDoc } from '../types';
import { BASE_REQUIRED, baseProperties, idProperty, instantProperty, textProperty } from './common';
import { attachmentRefSchema } from './visit-log-entries';

const RESULTS = ['pass', 'warning', 'fail', 'not-applicable'];
const RISKS = ['critical', 'high', 'medium', 'low'];
const engineerName = { type: 'string', minLength: 1, maxLength: 100 } as const;
/** Template item ids and host names: bounded, no control characters. */
const itemId = {
  type: 'string',
  minLength: 1,
  maxLength: 64,
  pattern: '^[0-9A-Za-z_.-]+$',
} as const;
const nodeName = { type: 'string', minLength: 1, maxLength: 253 } as const;

export const inspectionSchema: RxJsonSchema<InspectionDoc> = {
  title: 'inspections',
  description:
    'An inspection run against a versioned template: answers per check, finding edits, overall evaluation.',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    ...baseProperties,
    siteId: idProperty,
    visitId: idProperty,
    templateId: { type: 'string', minLength: 1, maxLength: 64 },
    templateVersion: { type: 'integer', minimum: 1, maximum: 10_000 },
    packId: { type: 'string', enum: ['dce-support', 'private-cloud-ops'], maxLength: 32 },
    clusters: {
      type: 'array',
      minItems: 1,
      maxItems: 50,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['clusterId', 'nodes'],
        properties: {
          clusterId: idProperty,
          nodes: {
            type: 'array',
            maxItems: 2_000,
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['name', 'role'],
              properties: {
                name: nodeName,
                role: { type: 'string', enum: ['control-plane', 'worker', 'host'] },
                ip: { type: 'string', maxLength: 64 },
              },
            },
          },
        },
      },
    },
    engineers: { type: 'array', maxItems: 50, items: engineerName },
    startedAt: instantProperty,
    finishedAt: instantProperty,
    status: { type: 'string', enum: ['in-progress', 'completed'], maxLength: 16 },
    answers: {
      type: 'array',
      maxItems: 50_000,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['key', 'clusterId', 'itemId', 'evidence', 'updatedAt'],
        properties: {
          key: { type: 'string', minLength: 1, maxLength: 400 },
          clusterId: idProperty,
          itemId,
          node: nodeName,
          result: { type: 'string', enum: RESULTS },
          value: { type: 'number' },
          note: textProperty(10_000),
          evidence: { type: 'array', maxItems: 50, items: attachmentRefSchema },
          updatedAt: instantProperty,
          by: engineerName,
        },
      },
    },
    findingEdits: {
      type: 'array',
      maxItems: 5_000,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'updatedAt'],
        properties: {
          id: { type: 'string', minLength: 1, maxLength: 200 },
          risk: { type: 'string', enum: RISKS },
          recommendation: textProperty(10_000),
          updatedAt: instantProperty,
          by: engineerName,
        },
      },
    },
    overallEvaluation: textProperty(50_000),
    history: {
      type: 'array',
      maxItems: 20_000,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['target', 'at', 'value', 'supersededAt'],
        properties: {
          target: { type: 'string', minLength: 1, maxLength: 420 },
          at: instantProperty,
          by: engineerName,
          value: textProperty(100_000),
          supersededAt: instantProperty,
        },
      },
    },
  },
  required: [
    ...BASE_REQUIRED,
    'siteId',
    'templateId',
    'templateVersion',
    'packId',
    'clusters',
    'engineers',
    'startedAt',
    'status',
    'answers',
    'findingEdits',
    'overallEvaluation',
    'history',
  ],
  // Lists: a customer's inspections newest first, and the open ones across customers.
  indexes: [
    ['customerId', 'startedAt'],
    ['status', 'startedAt'],
  ],
};

export const inspectionMigrationStrategies: MigrationStrategies = {};
