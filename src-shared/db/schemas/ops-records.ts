import type { MigrationStrategies, RxJsonSchema } from 'rxdb';
import { OPS_RECORD_KINDS } from '../../domain/ops/records';
import type { OpsRecordDoc } from '../types';
import {
  BASE_REQUIRED,
  baseProperties,
  dateProperty,
  idProperty,
  instantProperty,
  textProperty,
} from './common';

const name = { type: 'string', maxLength: 200 } as const;
const obj = (properties: Record<string, unknown>, required: string[]) => ({
  type: 'object',
  additionalProperties: false,
  required,
  properties,
});

export const opsRecordSchema: RxJsonSchema<OpsRecordDoc> = {
  title: 'opsRecords',
  description:
    'A record of the ops lists (issue, event, risk, change, backup, requirement) of a customer; kind-specific fields in the sub-object named after the kind.',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    ...baseProperties,
    kind: { type: 'string', enum: [...OPS_RECORD_KINDS], maxLength: 16 },
    number: { type: 'string', minLength: 1, maxLength: 40 },
    siteId: idProperty,
    contractId: idProperty,
    title: { type: 'string', minLength: 1, maxLength: 300 },
    description: textProperty(20_000),
    state: { type: 'string', minLength: 1, maxLength: 32 },
    owner: name,
    openedAt: instantProperty,
    closedAt: instantProperty,
    links: {
      type: 'array',
      maxItems: 100,
      items: obj(
        {
          relation: {
            type: 'string',
            enum: ['raised', 'raised-by', 'led-to', 'caused-by', 'from-finding'],
          },
          target: { type: 'string', enum: ['ops-record', 'incident', 'inspection'] },
          id: { type: 'string', minLength: 1, maxLength: 200 },
        },
        ['relation', 'target', 'id'],
      ),
    },
    issue: obj(
      {
        severity: { type: 'string', minLength: 1, maxLength: 16 },
        reportedBy: name,
        incidentId: idProperty,
        resolution: textProperty(10_000),
      },
      ['severity'],
    ),
    event: obj(
      {
        alertSource: { type: 'string', minLength: 1, maxLength: 200 },
        at: instantProperty,
        level: { type: 'string', enum: ['critical', 'major', 'minor', 'info'] },
        handledBy: name,
        handling: textProperty(10_000),
      },
      ['alertSource', 'at', 'level'],
    ),
    risk: obj(
      {
        likelihood: { type: 'integer', minimum: 1, maximum: 5 },
        impact: { type: 'integer', minimum: 1, maximum: 5 },
        mitigation: textProperty(10_000),
        dueDate: dateProperty,
        source: { type: 'string', enum: ['inspection-finding', 'incident', 'manual'] },
        findingRef: { type: 'string', maxLength: 200 },
      },
      ['likelihood', 'impact', 'mitigation', 'source'],
    ),
    change: obj(
      {
        changeType: { type: 'string', enum: ['normal', 'standard', 'emergency'] },
        windowStart: instantProperty,
        windowEnd: instantProperty,
        approval: { type: 'string', enum: ['pending', 'approved', 'rejected'] },
        approvedBy: name,
        result: { type: 'string', enum: ['success', 'partial', 'failed', 'rolled-back'] },
        rollbackPlan: textProperty(10_000),
      },
      ['changeType', 'approval', 'rollbackPlan'],
    ),
    backup: obj(
      {
        object: { type: 'string', minLength: 1, maxLength: 300 },
        strategy: textProperty(5_000),
        lastSuccessAt: instantProperty,
        lastRunAt: instantProperty,
        lastResult: { type: 'string', enum: ['success', 'partial', 'failed'] },
        lastRestoreTestAt: instantProperty,
      },
      ['object', 'strategy'],
    ),
    requirement: obj(
      {
        priority: { type: 'string', enum: ['high', 'medium', 'low'] },
        category: { type: 'string', enum: ['feature', 'performance', 'usability', 'other'] },
        requestedBy: name,
        targetRelease: { type: 'string', maxLength: 100 },
      },
      ['priority', 'category'],
    ),
    history: {
      type: 'array',
      maxItems: 2_000,
      items: obj(
        {
          id: idProperty,
          at: instantProperty,
          by: { type: 'string', minLength: 1, maxLength: 100 },
          changes: {
            type: 'array',
            maxItems: 50,
            items: obj(
              {
                field: { type: 'string', minLength: 1, maxLength: 64 },
                before: { type: 'string', maxLength: 20_000 },
              },
              ['field', 'before'],
            ),
          },
        },
        ['id', 'at', 'by', 'changes'],
      ),
    },
  },
  required: [
    ...BASE_REQUIRED,
    'kind',
    'number',
    'title',
    'description',
    'state',
    'openedAt',
    'links',
    'history',
  ],
  indexes: [
    ['customerId', 'kind', 'openedAt'],
    ['kind', 'state'],
  ],
} as RxJsonSchema<OpsRecordDoc>;

export const opsRecordMigrationStrategies: MigrationStrategies = {};
