import type { MigrationStrategies, RxJsonSchema } from 'rxdb';
import type { ClusterDoc } from '../types';
import {
  addMergeHistoryStep,
  BASE_REQUIRED,
  baseProperties,
  idProperty,
  textProperty,
} from './common';

const nodeCount = { type: 'integer', minimum: 0, maximum: 100_000 } as const;

export const clusterSchema: RxJsonSchema<ClusterDoc> = {
  title: 'clusters',
  description: 'An environment (cluster) of a product at a site.',
  // v1: optional mergeHistory (what lost a sync merge).
  version: 1,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    ...baseProperties,
    siteId: idProperty,
    name: { type: 'string', minLength: 1, maxLength: 200 },
    environment: { type: 'string', enum: ['dev', 'test', 'prod'] },
    product: { type: 'string', enum: ['DCE', 'Apsara Stack', 'ZStack'] },
    version: {
      type: 'string',
      maxLength: 32,
      pattern: '^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)$',
    },
    controlPlaneNodes: nodeCount,
    workerNodes: nodeCount,
    notes: textProperty(10_000),
  },
  required: [
    ...BASE_REQUIRED,
    'siteId',
    'name',
    'environment',
    'product',
    'version',
    'controlPlaneNodes',
    'workerNodes',
  ],
  indexes: [['siteId', 'name'], 'customerId'],
};

export const clusterMigrationStrategies: MigrationStrategies = {
  1: addMergeHistoryStep,
};
