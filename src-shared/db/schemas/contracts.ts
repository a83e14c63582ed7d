import type { MigrationStrategies, RxJsonSchema } from 'rxdb';
import type { ContractDoc } from '../types';
import {
  addMergeHistoryStep,
  BASE_REQUIRED,
  baseProperties,
  dateProperty,
  idProperty,
  textProperty,
} from './common';

export const contractSchema: RxJsonSchema<ContractDoc> = {
  title: 'contracts',
  description: 'A service contract: policy pack, tier, services, validity and covered sites.',
  // v1: optional mergeHistory (what lost a sync merge).
  version: 1,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    ...baseProperties,
    number: { type: 'string', minLength: 1, maxLength: 100 },
    packId: { type: 'string', enum: ['dce-support', 'private-cloud-ops'], maxLength: 32 },
    services: {
      type: 'array',
      maxItems: 32,
      uniqueItems: true,
      items: { type: 'string', minLength: 1, maxLength: 64 },
    },
    tier: { type: 'string', minLength: 1, maxLength: 32 },
    startDate: dateProperty,
    endDate: dateProperty,
    validityRule: {
      type: 'string',
      enum: [
        'licence-activation',
        'appliance-delivery',
        'new-cluster-expansion',
        'shares-original-cluster',
      ],
    },
    siteIds: { type: 'array', maxItems: 500, uniqueItems: true, items: idProperty },
    clusterIds: { type: 'array', maxItems: 2000, uniqueItems: true, items: idProperty },
    notes: textProperty(10_000),
  },
  required: [
    ...BASE_REQUIRED,
    'number',
    'packId',
    'services',
    'tier',
    'startDate',
    'endDate',
    'validityRule',
    'siteIds',
    'clusterIds',
  ],
  indexes: [['customerId', 'endDate']],
};

export const contractMigrationStrategies: MigrationStrategies = {
  1: addMergeHistoryStep,
};
