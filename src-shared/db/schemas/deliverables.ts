import type { MigrationStrategies, RxJsonSchema } from 'rxdb';
import type { DeliverableDoc } from '../types';
import { BASE_REQUIRED, baseProperties, idProperty, instantProperty, textProperty } from './common';
import { attachmentRefSchema } from './visit-log-entries';

const sha256Property = { type: 'string', pattern: '^[0-9a-f]{64}$', maxLength: 64 } as const;
const statusProperty = { type: 'string', enum: ['draft', 'signed'], maxLength: 8 } as const;
const langProperty = { type: 'string', enum: ['zh', 'en'], maxLength: 2 } as const;
const revisionProperty = { type: 'integer', minimum: 1, maximum: 999 } as const;

/**
 * The report snapshot, as JSON. Its own JSON schemas (src-shared/reports/*.schema.json) check
 * it where it is built; here only its shape as an object is required.
 */
const snapshotProperty = { type: 'object' } as const;

const signatureSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['role', 'name', 'signedAt', 'image'],
  properties: {
    role: { type: 'string', enum: ['customer', 'engineer'] },
    name: { type: 'string', minLength: 1, maxLength: 100 },
    title: textProperty(100),
    organisation: textProperty(200),
    signedAt: instantProperty,
    image: attachmentRefSchema,
  },
} as const;

const signerSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['subject', 'selfSigned', 'fingerprint'],
  properties: {
    subject: { type: 'string', minLength: 1, maxLength: 1000 },
    commonName: textProperty(200),
    selfSigned: { type: 'boolean' },
    fingerprint: sha256Property,
  },
} as const;

const historyEntrySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['at', 'reason', 'revision', 'status', 'lang', 'signatures', 'snapshot'],
  properties: {
    at: instantProperty,
    reason: { type: 'string', enum: ['conflict', 'draft-replaced'] },
    revision: revisionProperty,
    status: statusProperty,
    lang: langProperty,
    pdf: attachmentRefSchema,
    sha256: sha256Property,
    signatures: { type: 'array', maxItems: 10, items: signatureSchema },
    signer: signerSchema,
    signedAt: instantProperty,
    snapshot: snapshotProperty,
  },
} as const;

export const deliverableSchema: RxJsonSchema<DeliverableDoc> = {
  title: 'deliverables',
  description:
    'A PDF deliverable (inspection or fault report) with the snapshot it was rendered from; immutable once signed.',
  // v1: kind `planning-document` (规划文档, issue 10); v2: `upgrade-record` and
  // `implementation-record` (issue 9) and the ops package's kinds (issue 11: 运维服务报告, 验收报告,
  // 运维进场报告). Older documents are valid as they are.
  version: 2,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    ...baseProperties,
    kind: {
      type: 'string',
      enum: [
        'inspection-report',
        'fault-report',
        'planning-document',
        'upgrade-record',
        'implementation-record',
        'ops-service-report',
        'acceptance-report',
        'entry-report',
      ],
      maxLength: 32,
    },
    sourceId: idProperty,
    siteId: idProperty,
    title: { type: 'string', minLength: 1, maxLength: 300 },
    // Same shape as formatDocumentNumber's output (document-number.ts).
    documentNumber: {
      type: 'string',
      maxLength: 40,
      pattern: '^[A-Z0-9]{1,12}-[A-Z]{3}-[0-9]{8}-[0-9]{4,6}$',
    },
    documentRevision: revisionProperty,
    supersedesId: idProperty,
    lang: langProperty,
    status: statusProperty,
    snapshot: snapshotProperty,
    pdf: attachmentRefSchema,
    sha256: sha256Property,
    pageCount: { type: 'integer', minimum: 1, maximum: 100_000 },
    signatures: { type: 'array', maxItems: 10, items: signatureSchema },
    signer: signerSchema,
    signedAt: instantProperty,
    syncedAt: instantProperty,
    history: { type: 'array', maxItems: 200, items: historyEntrySchema },
  },
  required: [
    ...BASE_REQUIRED,
    'kind',
    'sourceId',
    'title',
    'documentNumber',
    'documentRevision',
    'lang',
    'status',
    'snapshot',
    'signatures',
    'history',
  ],
  indexes: [
    ['customerId', 'createdAt'],
    ['documentNumber', 'createdAt'],
    ['sourceId', 'createdAt'],
  ],
};

export const deliverableMigrationStrategies: MigrationStrategies = {
  1: (doc: unknown) => doc,
  2: (doc: unknown) => doc,
};
