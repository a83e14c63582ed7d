/**
 * Failures of the deliverable workflow that the engineer can act on, carried as a message key
 * and its parameters so the dialog shows them in the UI language (other errors keep their text).
 */
import { InputError } from '../../../src-shared/domain/errors';
import { userErrorText } from '../../components/error-text';

type Translate = (key: string, params?: Record<string, string | number>) => string;

/** What a report is built from; each has a `deliverables.source.<kind>` message. */
export type SourceKind =
  'incident' | 'inspection' | 'customer' | 'site' | 'plan' | 'cluster' | 'procedure' | 'contract';

export class DeliverableUserError extends Error {
  constructor(
    readonly key: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(`${key} ${JSON.stringify(params)}`);
    this.name = 'DeliverableUserError';
  }
}

export function sourceMissing(kind: SourceKind, id: string): DeliverableUserError {
  return new DeliverableUserError('deliverables.error.sourceMissing', { kind, id });
}

/**
 * The words for a failure: translated for DeliverableUserError and for a domain InputError (the
 * shared form wording), the error's own text otherwise.
 */
export function deliverableErrorText(t: Translate, error: unknown): string {
  if (error instanceof InputError) {
    return t('deliverables.failed', { message: userErrorText(t, error) });
  }
  if (error instanceof DeliverableUserError) {
    const params = { ...error.params };
    if (typeof params['kind'] === 'string')
      params['kind'] = t(`deliverables.source.${params['kind']}`);
    return t('deliverables.failed', { message: t(error.key, params) });
  }
  return t('deliverables.failed', {
    message: error instanceof Error ? error.message : String(error),
  });
}
