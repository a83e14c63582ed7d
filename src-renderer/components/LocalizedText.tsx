import { useI18n } from '../app/i18n';
import type { LocalizedLike } from '../app/i18n-core';

/** A `{zh, en}` text from the policy packs, in the current UI language. */
export function LocalizedText({ value }: { value: LocalizedLike }) {
  const { pick } = useI18n();
  return <>{pick(value)}</>;
}
