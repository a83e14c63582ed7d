/**
 * The kinds of external dependency a plan names (PRODUCT.md §4: registry, storage, load
 * balancer, LDAP…), with their names in both languages. A plan may carry another kind typed by
 * the engineer; it is shown as written.
 */
import type { Localized } from '../../policy/types';
import { pick } from '../localized';
import type { Lang } from '../localized';

export const DEPENDENCY_KIND_LABELS = {
  registry: { zh: '镜像仓库', en: 'Image registry' },
  storage: { zh: '存储', en: 'Storage' },
  'load-balancer': { zh: '负载均衡', en: 'Load balancer' },
  ldap: { zh: 'LDAP / AD', en: 'LDAP / AD' },
  ntp: { zh: 'NTP', en: 'NTP' },
  dns: { zh: 'DNS', en: 'DNS' },
  smtp: { zh: '邮件（SMTP）', en: 'Mail (SMTP)' },
  monitoring: { zh: '监控 / 日志', en: 'Monitoring / logging' },
} as const satisfies Record<string, Localized>;

export type DependencyKind = keyof typeof DEPENDENCY_KIND_LABELS;

export const DEPENDENCY_KINDS = Object.keys(DEPENDENCY_KIND_LABELS) as DependencyKind[];

/** The kind's name in `lang`; a kind the list does not know is returned as written. */
export function dependencyKindLabel(kind: string, lang: Lang): string {
  return Object.hasOwn(DEPENDENCY_KIND_LABELS, kind)
    ? pick(DEPENDENCY_KIND_LABELS[kind as DependencyKind], lang)
    : kind;
}
