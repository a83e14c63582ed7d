/**
 * Schema fragments shared by the collection schemas. Plain JSON-schema data: the same schemas
 * validate writes in the renderer (RxDB + ajv) and, later, pushes on the server.
 *
 * Length limits matter beyond validation: RxDB needs `maxLength` on every indexed string to
 * build index keys, and a primary key over 64 characters is rejected by `newId`'s contract.
 */
import type { JsonSchema } from 'rxdb';

export const ID_MAX_LENGTH = 64;

/** Primary keys and references to other documents. */
export const idProperty = {
  type: 'string',
  minLength: 1,
  maxLength: ID_MAX_LENGTH,
  pattern: '^[0-9A-Za-z_-]+$',
} as const satisfies JsonSchema;

/**
 * ISO-8601 instant with an explicit offset (`Z` or `±hh:mm`), seconds optional, milliseconds
 * optional (exactly 3 digits). A pattern rather than `format: 'date-time'` keeps the schema
 * self-contained for validators without ajv-formats.
 *
 * Every pattern here must pass z-schema's ReDoS check (safe-regex2: no quantified group that
 * contains a quantifier), because the renderer validates with z-schema; the schema tests check.
 */
export const INSTANT_PATTERN =
  '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?(\\.[0-9][0-9][0-9])?(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$';

export const instantProperty = {
  type: 'string',
  maxLength: 40,
  pattern: INSTANT_PATTERN,
} as const satisfies JsonSchema;

export const dateProperty = {
  type: 'string',
  maxLength: 10,
  pattern: '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$',
} as const satisfies JsonSchema;

/** IANA zone name such as `Asia/Shanghai`, `America/Argentina/Buenos_Aires`, `Etc/GMT-8`, `UTC`. */
export const timeZoneProperty = {
  type: 'string',
  minLength: 1,
  maxLength: 64,
  pattern: '^(UTC|[A-Za-z]+/[A-Za-z0-9_+-]+|[A-Za-z]+/[A-Za-z0-9_+-]+/[A-Za-z0-9_+-]+)$',
} as const satisfies JsonSchema;

export function textProperty(maxLength: number, minLength = 0): JsonSchema {
  return minLength > 0 ? { type: 'string', minLength, maxLength } : { type: 'string', maxLength };
}

export const contactPersonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 100 },
    title: { type: 'string', maxLength: 100 },
    phone: { type: 'string', maxLength: 40 },
    email: { type: 'string', maxLength: 200 },
  },
} as const satisfies JsonSchema;

export const contactsProperty = {
  type: 'array',
  maxItems: 50,
  items: contactPersonSchema,
} as const satisfies JsonSchema;

/** `BaseDoc.mergeHistory`: what lost a sync merge (see src-shared/db/conflicts.ts). */
export const mergeHistoryProperty = {
  type: 'array',
  maxItems: 50,
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['field', 'value', 'lostAt', 'keptAt'],
    properties: {
      field: { type: 'string', minLength: 1, maxLength: 64 },
      value: { type: 'string', maxLength: 2000 },
      lostAt: instantProperty,
      keptAt: instantProperty,
    },
  },
} as const satisfies JsonSchema;

/** Fields of `BaseDoc`, common to every collection. */
export const baseProperties = {
  id: idProperty,
  customerId: idProperty,
  createdAt: instantProperty,
  updatedAt: instantProperty,
  mergeHistory: mergeHistoryProperty,
} as const;

/**
 * Migration step of the schema version that added `mergeHistory` (optional, so old documents
 * are valid as they are).
 */
export const addMergeHistoryStep = <T>(doc: T): T => doc;

export const BASE_REQUIRED = ['id', 'customerId', 'createdAt', 'updatedAt'] as const;
