/**
 * Presentation helpers of the inspection screens: how checks are grouped on screen, threshold
 * texts, keyboard shortcuts. Pure, so the unit tests cover them without a browser.
 */
import type { ItemResult, ResolvedCheck } from '../../../src-shared/domain/inspection';
import type {
  Comparator,
  TemplateItem,
  TemplateSection,
} from '../../../src-shared/policy/templates/types';

export const RESULT_COLOR: Record<ItemResult, string> = {
  pass: 'success',
  warning: 'warning',
  fail: 'error',
  'not-applicable': 'default',
};

const UNIT_KEYS: Record<string, string> = {
  '%': 'inspections.unit.percent',
  days: 'inspections.unit.days',
  h: 'inspections.unit.h',
  ms: 'inspections.unit.ms',
  count: 'inspections.unit.count',
};

/** The message key of a template unit, or null for a unit without one (shown as is). */
export function unitKey(unit: string | undefined): string | null {
  return unit === undefined ? null : (UNIT_KEYS[unit] ?? null);
}

const OP_SIGN: Record<Comparator, string> = { '>': '>', '>=': '≥', '<': '<', '<=': '≤' };

export function opSign(op: Comparator): string {
  return OP_SIGN[op];
}

type T = (key: string, params?: Record<string, string | number>) => string;

/** "警告 ≥ 60 %，异常 ≥ 80 %" / "warning ≥ 60 %, fail ≥ 80 %"; '' without limits. */
export function thresholdText(item: TemplateItem, t: T): string {
  const th = item.threshold;
  if (th === undefined) return '';
  const key = unitKey(item.unit);
  const unit = key === null ? (item.unit ?? '') : t(key);
  const parts: string[] = [];
  if (th.warn) {
    parts.push(
      t('inspections.threshold.warn', { op: opSign(th.warn.op), value: th.warn.value, unit }),
    );
  }
  if (th.fail) {
    parts.push(
      t('inspections.threshold.fail', { op: opSign(th.fail.op), value: th.fail.value, unit }),
    );
  }
  return parts.join(t('common.itemSeparator'));
}

/** One template item of one cluster on screen, with its checks (one, or one per node). */
export interface ItemGroup {
  key: string;
  clusterId: string;
  item: TemplateItem;
  checks: ResolvedCheck[];
}

/** The checks of `section`, grouped by cluster and item, in template order. */
export function groupSection(
  section: TemplateSection,
  checks: readonly ResolvedCheck[],
): ItemGroup[] {
  const groups = new Map<string, ItemGroup>();
  for (const c of checks) {
    if (c.section.id !== section.id) continue;
    const key = `${c.clusterId}/${c.item.id}`;
    let g = groups.get(key);
    if (!g) {
      g = { key, clusterId: c.clusterId, item: c.item, checks: [] };
      groups.set(key, g);
    }
    g.checks.push(c);
  }
  return [...groups.values()];
}

/** Digit keys 1–4 choose a result while the focus is inside a check (not in a text field). */
export function resultForKey(key: string): ItemResult | null {
  switch (key) {
    case '1':
      return 'pass';
    case '2':
      return 'warning';
    case '3':
      return 'fail';
    case '4':
      return 'not-applicable';
    default:
      return null;
  }
}

/** Parses a typed measured value: '' → null (cleared); a comma decimal is accepted. */
export function parseMeasuredValue(text: string): number | null | undefined {
  const s = text.trim().replace(',', '.');
  if (s === '') return null;
  if (!/^-?\d+(\.\d+)?$/.test(s)) return undefined;
  return Number(s);
}
