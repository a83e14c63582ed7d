/** Fixed texts of the upgrade record (升级记录), per report language. */
import type { Lang } from '../../../domain/localized';

const zh = {
  title: '升级记录',
  subtitle: (from: string, to: string) => `${from} → ${to} 升级 / 回退作业记录`,
  plan: '升级计划',
  fromVersion: '当前版本',
  toVersion: '目标版本',
  path: '升级路径',
  pathNote: '升级逐个次版本进行，每个次版本为一次单独的作业。',
  windowStart: '维护窗口开始',
  windowEnd: '维护窗口结束',
  requestedAt: '变更申请时间',
  notice: '提前通知',
  noticeDays: (n: number) => `${n} 天`,
  shortNotice: (n: number) => `不足 28 天（${n} 天）：紧急变更`,
  emergencyReason: '紧急变更原因',
  noWindow: '未记录维护窗口',
  signatureStatement: '双方确认以上升级（或回退）作业的步骤、结果与证据。',
};

export type UpgradeRecordMessages = typeof zh;

const en: UpgradeRecordMessages = {
  title: 'Upgrade record',
  subtitle: (from, to) => `Upgrade / rollback of ${from} → ${to}`,
  plan: 'Upgrade plan',
  fromVersion: 'From version',
  toVersion: 'To version',
  path: 'Upgrade path',
  pathNote: 'Upgrades go one minor version at a time; each minor version is a run of its own.',
  windowStart: 'Maintenance window starts',
  windowEnd: 'Maintenance window ends',
  requestedAt: 'Change requested',
  notice: 'Notice',
  noticeDays: (n) => `${n} days`,
  shortNotice: (n) => `less than 28 days (${n}): emergency change`,
  emergencyReason: 'Emergency-change reason',
  noWindow: 'No maintenance window recorded',
  signatureStatement:
    'Both parties confirm the steps, results and evidence of the upgrade (or rollback) above.',
};

export function upgradeRecordMessages(lang: Lang): UpgradeRecordMessages {
  return lang === 'en' ? en : zh;
}
