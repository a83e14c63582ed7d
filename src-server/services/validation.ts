import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { COLLECTION_SCHEMAS } from '../../src-shared/db/schemas';
import type { CollectionName, PlanDoc } from '../../src-shared/db/types';
import { readyPlanViolations } from '../../src-shared/domain/planning/plan-readiness';
import type { FieldError } from '../../src-shared/sync';

/**
 * Pushed documents are checked against the very JSON schemas the app's RxDB collections use
 * (src-shared/db/schemas). RxDB-only keywords (primaryKey, indexes, encrypted, version) are not
 * validation keywords, hence strict mode off; no coercion, no defaults, nothing removed: a
 * document is accepted exactly as sent or refused.
 */
const ajv = new Ajv({ strict: false, allErrors: true, coerceTypes: false, useDefaults: false });
const validators = new Map<string, ValidateFunction>();

function validatorFor(collection: CollectionName): ValidateFunction {
  let v = validators.get(collection);
  if (!v) {
    v = ajv.compile(COLLECTION_SCHEMAS[collection] as object);
    validators.set(collection, v);
  }
  return v;
}

function describe(e: ErrorObject): string {
  if (e.keyword === 'additionalProperties') {
    return `unknown field ${String((e.params as { additionalProperty: string }).additionalProperty)}`;
  }
  if (e.keyword === 'required') {
    return `missing field ${String((e.params as { missingProperty: string }).missingProperty)}`;
  }
  return e.message ?? e.keyword;
}

/** Field errors of one pushed row; empty when it is valid. */
export function validatePushedDocument(
  collection: CollectionName,
  doc: unknown,
  index: number,
): FieldError[] {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    return [{ index, path: '', message: 'newDocumentState must be an object' }];
  }
  const record = doc as Record<string, unknown>;
  const id = typeof record.id === 'string' ? record.id : undefined;
  const errors: FieldError[] = [];
  if (typeof record._deleted !== 'boolean') {
    errors.push({ index, id, path: '/_deleted', message: 'must be a boolean' });
  }
  // `_deleted` is replication state, not a document field, so the collection schema never has it.
  const { _deleted: _ignored, ...fields } = record;
  const validate = validatorFor(collection);
  if (!validate(fields)) {
    for (const e of validate.errors ?? []) {
      errors.push({ index, id, path: e.instancePath, message: describe(e) });
    }
  }
  if (collection === 'plans' && errors.length === 0 && record._deleted === false) {
    // A plan marked ready must pass the same rules as in the editor (issue 10: errors block
    // "ready"); the rule id leads the message so that the client can name it.
    for (const f of readyPlanViolations(fields as unknown as PlanDoc)) {
      errors.push({ index, id, path: f.path, message: `${f.rule}: ${f.message.en}` });
    }
  }
  if (collection === 'customers' && id !== undefined && record.customerId !== id) {
    errors.push({ index, id, path: '/customerId', message: 'a customer’s customerId is its id' });
  }
  return errors;
}
