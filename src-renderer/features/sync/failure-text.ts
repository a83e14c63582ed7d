import type { SyncFailure } from '../../../src-shared/ipc';

/** The words for a sync failure (`t` of useI18n); the English detail goes to the tooltip. */
export function failureText(
  t: (key: string, params?: Record<string, string | number>) => string,
  failure: SyncFailure,
): string {
  if (failure.code === 'too_many_attempts') {
    return failure.retryAfterSeconds
      ? t('sync.error.too_many_attempts', { seconds: failure.retryAfterSeconds })
      : t('sync.error.too_many_attempts_noWait');
  }
  return t(`sync.error.${failure.code}`);
}
