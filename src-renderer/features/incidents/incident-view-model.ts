/**
 * Presentation rules of the incidents screens as pure functions. The SLA arithmetic lives in
 * src-shared/domain (sla.ts, incident-ops.ts); this file only decides labels, colours and order.
 */
import type { IncidentDoc, IncidentStatus } from '../../../src-shared/db/types';
import type { PolicyPack, ResponseTarget } from '../../../src-shared/policy/types';

type Translate = (key: string, params?: Record<string, string | number>) => string;
type Lang = 'zh' | 'en';

export const INCIDENT_STATUSES: readonly IncidentStatus[] = [
  'open',
  'paused',
  'resolved',
  'closed',
];

/** Statuses of incidents still being worked on (the default list). */
export const ACTIVE_STATUSES: readonly IncidentStatus[] = ['open', 'paused', 'resolved'];

export type IncidentListFilter = 'active' | 'closed' | 'all';

/**
 * antd Tag colour of a level, by its rank in the pack (the first level is the most severe):
 * red, volcano, gold, blue, then neutral.
 */
export function levelColor(pack: PolicyPack, levelId: string): string {
  const palette = ['red', 'volcano', 'gold', 'blue', 'default'];
  const rank = pack.levels.findIndex((l) => l.id === levelId);
  if (rank < 0) return 'default';
  return palette[Math.min(rank, palette.length - 1)]!;
}

/** Short label of a level: `1 级` / `Level 1` for numbered levels, the id (P1) or name otherwise. */
export function levelLabel(pack: PolicyPack, levelId: string, t: Translate, lang: Lang): string {
  if (/^\d+$/.test(levelId)) return t('incidents.level.numbered', { n: levelId });
  if (/^P\d+$/.test(levelId)) return levelId;
  const level = pack.levels.find((l) => l.id === levelId);
  return level === undefined ? levelId : level.name[lang];
}

const CN_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/**
 * A small count as the seed writes it in Chinese (四小时, 二个工作日); other numbers stay in
 * Arabic digits.
 */
export function chineseCount(n: number): string {
  return Number.isInteger(n) && n >= 0 && n <= 10 ? CN_DIGITS[n]! : String(n);
}

/** The target amount, e.g. 八小时 / 8 hours, 二个工作日 / 2 business days, 5 分钟 / 5 minutes. */
export function targetAmount(target: ResponseTarget, t: Translate, lang: Lang): string {
  switch (target.kind) {
    case 'hours':
      return t(target.hours === 1 ? 'incidents.target.hour' : 'incidents.target.hours', {
        n: lang === 'zh' ? chineseCount(target.hours) : target.hours,
      });
    case 'business-days':
      return t(
        target.days === 1 ? 'incidents.target.businessDay' : 'incidents.target.businessDays',
        {
          n: lang === 'zh' ? chineseCount(target.days) : target.days,
        },
      );
    case 'minutes':
      return t('incidents.target.minutes', { n: target.minutes });
    case 'none':
      return target.note[lang];
  }
}

/** The target with its coverage window, e.g. `八小时 5*8 (9:00 - 18:00)`. */
export function targetText(
  pack: PolicyPack,
  target: ResponseTarget,
  t: Translate,
  lang: Lang,
): string {
  const amount = targetAmount(target, t, lang);
  if (target.kind === 'none') return amount;
  return `${amount} ${pack.coverageWindows[target.coverage].name[lang]}`;
}

/**
 * The order of an incident list: with a due time first, earliest due first; then those without
 * one (no target, or the clock stopped by a pause), newest first. Ties by id, so two laptops
 * show the same order.
 */
export function compareByDue(a: IncidentDoc, b: IncidentDoc): number {
  if (a.dueAt !== '' && b.dueAt !== '') {
    const d = Date.parse(a.dueAt) - Date.parse(b.dueAt);
    if (d !== 0) return d;
  } else if (a.dueAt !== b.dueAt) {
    return a.dueAt === '' ? 1 : -1;
  } else {
    const d = Date.parse(b.openedAt) - Date.parse(a.openedAt);
    if (d !== 0) return d;
  }
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** antd Tag colour of an incident status. */
export function statusColor(status: IncidentStatus): string {
  switch (status) {
    case 'open':
      return 'processing';
    case 'paused':
      return 'warning';
    case 'resolved':
      return 'success';
    case 'closed':
      return 'default';
  }
}

/** Real (not business) time between dispatch and arrival, for the on-site response figure. */
export function onSiteResponseMs(
  incident: Pick<IncidentDoc, 'dispatchedAt' | 'onSiteArrivalAt'>,
): number | null {
  if (incident.dispatchedAt === undefined || incident.onSiteArrivalAt === undefined) return null;
  return Date.parse(incident.onSiteArrivalAt) - Date.parse(incident.dispatchedAt);
}
