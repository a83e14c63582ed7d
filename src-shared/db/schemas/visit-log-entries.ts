import type { MigrationStrategies, RxJsonSchema } from 'rxdb';
import type { VisitLogEntryDoc } from '../types';
import {
  addMergeHistoryStep,
  BASE_REQUIRED,
  baseProperties,
  idProperty,
  instantProperty,
  textProperty,
} from './common';

export const attachmentRefSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['sha256', 'name', 'mimeType', 'size'],
  properties: {
    sha256: { type: 'string', pattern: '^[0-9a-f]{64}$', maxLength: 64 },
    name: { type: 'string', minLength: 1, maxLength: 255 },
    mimeType: { type: 'string', minLength: 1, maxLength: 127 },
    size: { type: 'integer', minimum: 0 },
  },
} as const;

export const visitLogEntrySchema: RxJsonSchema<VisitLogEntryDoc> = {
  title: 'visitLogEntries',
  description: 'Append-only visit log entry; a correction is a new entry naming the corrected one.',
  // v1: optional mergeHistory (what lost a sync merge).
  version: 1,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    ...baseProperties,
    visitId: idProperty,
    at: instantProperty,
    author: { type: 'string', minLength: 1, maxLength: 100 },
    kind: { type: 'string', enum: ['note', 'command', 'photo', 'file'] },
    text: textProperty(20_000),
    command: textProperty(4_000),
    // Captured command output can be long; 256 KiB keeps one entry well inside a document.
    output: textProperty(262_144),
    attachments: { type: 'array', maxItems: 100, items: attachmentRefSchema },
    correctsEntryId: idProperty,
  },
  required: [...BASE_REQUIRED, 'visitId', 'at', 'author', 'kind', 'text', 'attachments'],
  // Timeline of one visit, newest first. Entries of one visit are written in the site's offset,
  // so the string order of `at` is the time order.
  indexes: [['visitId', 'at']],
};

export const visitLogEntryMigrationStrategies: MigrationStrategies = {
  1: addMergeHistoryStep,
};
