import type { MigrationStrategies, RxJsonSchema } from 'rxdb';
import type { IncidentDoc } from '../types';
import {
  addMergeHistoryStep,
  BASE_REQUIRED,
  baseProperties,
  idProperty,
  instantProperty,
  textProperty,
} from './common';

const levelProperty = { type: 'string', minLength: 1, maxLength: 16 } as const;
const authorProperty = { type: 'string', minLength: 1, maxLength: 100 } as const;

export const TIMELINE_EVENT_KINDS = [
  'opened',
  'contact',
  'first-response',
  'update',
  'escalation',
  'workaround',
  'resolution',
  'reclassification',
  'pause',
  'resume',
  'dispatch',
  'on-site-arrival',
  'closure',
  'note',
  'assignment',
] as const;

export const incidentSchema: RxJsonSchema<IncidentDoc> = {
  title: 'incidents',
  description: 'An incident under a contract, with its SLA clock inputs and append-only timeline.',
  // v1: optional mergeHistory (what lost a sync merge). v2: optional assignee. v3: timeline
  // kind `assignment` (an incident handed to another engineer).
  version: 3,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    ...baseProperties,
    assignee: { type: 'string', minLength: 1, maxLength: 100 },
    siteId: idProperty,
    contractId: idProperty,
    clusterId: idProperty,
    title: { type: 'string', minLength: 1, maxLength: 300 },
    description: textProperty(20_000),
    packId: { type: 'string', enum: ['dce-support', 'private-cloud-ops'], maxLength: 32 },
    tier: { type: 'string', minLength: 1, maxLength: 32 },
    level: levelProperty,
    levelHistory: {
      type: 'array',
      maxItems: 100,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['level', 'at', 'reason'],
        properties: { level: levelProperty, at: instantProperty, reason: textProperty(2_000) },
      },
    },
    openedAt: instantProperty,
    firstResponseAt: instantProperty,
    dispatchedAt: instantProperty,
    onSiteArrivalAt: instantProperty,
    status: { type: 'string', enum: ['open', 'paused', 'resolved', 'closed'], maxLength: 16 },
    // UTC only (or '' without a target) so that string order is time order in the index.
    dueAt: {
      type: 'string',
      maxLength: 30,
      pattern: '^$|^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9][0-9][0-9])?Z$',
    },
    pauses: {
      type: 'array',
      maxItems: 200,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['start', 'reason'],
        properties: {
          start: instantProperty,
          end: instantProperty,
          reason: { type: 'string', minLength: 1, maxLength: 64 },
          note: textProperty(2_000),
        },
      },
    },
    timeline: {
      type: 'array',
      maxItems: 5_000,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'at', 'kind', 'author', 'text'],
        properties: {
          id: idProperty,
          at: instantProperty,
          kind: { type: 'string', enum: [...TIMELINE_EVENT_KINDS] },
          author: authorProperty,
          text: textProperty(20_000),
          fromLevel: levelProperty,
          toLevel: levelProperty,
        },
      },
    },
    impact: textProperty(10_000),
    rootCause: textProperty(10_000),
    workaround: textProperty(10_000),
    closure: {
      type: 'object',
      additionalProperties: false,
      required: ['state', 'at'],
      properties: {
        state: {
          type: 'string',
          enum: ['resolved', 'transferred-to-customer', 'cancelled-by-customer'],
        },
        at: instantProperty,
        resolutionType: {
          type: 'string',
          enum: ['advice', 'permanent-workaround', 'change-request'],
        },
        note: textProperty(10_000),
      },
    },
  },
  required: [
    ...BASE_REQUIRED,
    'siteId',
    'contractId',
    'title',
    'description',
    'packId',
    'tier',
    'level',
    'levelHistory',
    'openedAt',
    'status',
    'dueAt',
    'pauses',
    'timeline',
  ],
  indexes: [
    ['status', 'dueAt'],
    ['customerId', 'openedAt'],
    ['siteId', 'openedAt'],
  ],
};

export const incidentMigrationStrategies: MigrationStrategies = {
  1: addMergeHistoryStep,
  // v2 adds an optional field: an incident of v1 stays unassigned (everyone's) until edited.
  2: (old: IncidentDoc) => old,
  // v3 admits a new timeline kind; no stored event changes.
  3: (old: IncidentDoc) => old,
};
