import type { MigrationStrategies, RxJsonSchema } from 'rxdb';
import type { VisitDoc } from '../types';
import {
  addMergeHistoryStep,
  BASE_REQUIRED,
  baseProperties,
  dateProperty,
  idProperty,
  instantProperty,
  textProperty,
} from './common';

export const visitSchema: RxJsonSchema<VisitDoc> = {
  title: 'visits',
  description: 'A visit to a customer site: purpose, engineers, check-in and check-out.',
  // v1: optional mergeHistory (what lost a sync merge).
  version: 1,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    ...baseProperties,
    siteId: idProperty,
    contractId: idProperty,
    purpose: {
      type: 'string',
      enum: [
        'planning',
        'deployment',
        'inspection',
        'upgrade',
        'troubleshooting',
        'incident',
        'training',
        'other',
      ],
    },
    summary: textProperty(2_000),
    engineers: {
      type: 'array',
      maxItems: 50,
      items: { type: 'string', minLength: 1, maxLength: 100 },
    },
    plannedDate: dateProperty,
    checkInAt: instantProperty,
    checkOutAt: instantProperty,
    status: { type: 'string', enum: ['planned', 'checked-in', 'checked-out'], maxLength: 16 },
  },
  required: [...BASE_REQUIRED, 'siteId', 'purpose', 'summary', 'engineers', 'status'],
  // Dexie can only index required fields, and check-in times are optional (planned visits),
  // so lists sort by creation time.
  indexes: [
    ['customerId', 'createdAt'],
    ['siteId', 'createdAt'],
    ['status', 'createdAt'],
  ],
};

export const visitMigrationStrategies: MigrationStrategies = {
  1: addMergeHistoryStep,
};
