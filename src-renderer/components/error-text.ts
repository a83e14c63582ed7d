/**
 * The words for a failed save, in the UI language: what every form and action shows instead of
 * an exception's English text.
 *
 * - A domain InputError with a `code` → `error.code.<code>`, its params, and the form's label of
 *   the field it names.
 * - A schema refusal (RxDB VD2 wrapping the shared validator's violations) →
 *   `error.schema.<keyword>` for the first violation, with the field's label and the bound.
 * - An error carrying a message `key` and `params` (DeliverableUserError and the like) → that
 *   message.
 * - A sync failure value (`{ code, message }` of the sync API) → `sync.error.<code>`.
 * - An InputError without a code → “<label> is invalid”; anything else → “unexpected error”,
 *   with the original text as detail (it is a bug, and the detail is what gets reported).
 * Field names never show: a field without a label is called “the value”.
 */
import { InputError } from '../../src-shared/domain/errors';

type Translate = (key: string, params?: Record<string, string | number>) => string;

export type FieldLabels = Readonly<Record<string, string>>;

interface Violation {
  field: string;
  keyword?: string;
  limit?: number;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

/** The shared validator's violations inside an RxDB write error, if it is one. */
function schemaViolations(err: unknown): Violation[] | undefined {
  if (!isRecord(err)) return undefined;
  const params = isRecord(err['parameters']) ? err['parameters'] : undefined;
  const writeError =
    params !== undefined && isRecord(params['writeError']) ? params['writeError'] : err;
  const list = writeError['validationErrors'];
  if (!Array.isArray(list) || list.length === 0) return undefined;
  return list.filter(isRecord).map((v) => ({
    field: typeof v['field'] === 'string' ? v['field'] : '',
    keyword: typeof v['keyword'] === 'string' ? v['keyword'] : undefined,
    limit: typeof v['limit'] === 'number' ? v['limit'] : undefined,
  }));
}

/** `/contacts/0/name` → `contacts.0.name`; an InputError's `engineers[1]` → `engineers.1`. */
function normalizeField(field: string): string {
  return field
    .replace(/^\//, '')
    .replace(/\//g, '.')
    .replace(/\[(\d+)\]/g, '.$1');
}

/** The form's label for a field: the full path, else its first segment, else “the value”. */
function labelOf(t: Translate, labels: FieldLabels, field: string | undefined): string {
  if (field === undefined || field === '') return t('error.theValue');
  const path = normalizeField(field);
  return labels[path] ?? labels[path.split('.')[0] ?? ''] ?? t('error.theValue');
}

function messageOr(
  t: Translate,
  key: string,
  fallback: string,
  params: Record<string, string | number>,
): string {
  const text = t(key, params);
  return text === key ? t(fallback, params) : text;
}

/** The document field an error is about (top-level name), for showing it under that field. */
export function errorField(err: unknown): string | undefined {
  if (err instanceof InputError)
    return err.field === undefined ? undefined : normalizeField(err.field).split('.')[0];
  const violations = schemaViolations(err);
  const first = violations?.[0]?.field;
  return first === undefined || first === '' ? undefined : normalizeField(first).split('.')[0];
}

/** The failure in the UI language (see the module comment). */
export function userErrorText(t: Translate, err: unknown, labels: FieldLabels = {}): string {
  if (err instanceof InputError) {
    const field = labelOf(t, labels, err.field);
    if (err.code !== undefined) {
      return messageOr(t, `error.code.${err.code}`, 'error.invalidField', { ...err.params, field });
    }
    return t('error.invalidField', { field });
  }
  const violations = schemaViolations(err);
  if (violations !== undefined) {
    const v = violations[0] as Violation;
    const params: Record<string, string | number> = { field: labelOf(t, labels, v.field) };
    if (v.limit !== undefined) params['limit'] = v.limit;
    return messageOr(t, `error.schema.${v.keyword ?? ''}`, 'error.invalidField', params);
  }
  if (isRecord(err) && typeof err['key'] === 'string' && isRecord(err['params'])) {
    const text = t(err['key'], err['params'] as Record<string, string | number>);
    if (text !== err['key']) return text;
  }
  if (isRecord(err) && typeof err['code'] === 'string' && !(err instanceof Error)) {
    const text = t(`sync.error.${err['code']}`);
    if (text !== `sync.error.${err['code']}`) return text;
  }
  const detail = err instanceof Error ? err.message : String(err);
  return t('error.unexpected', { detail });
}
