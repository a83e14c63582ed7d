/** Fixed texts of the acceptance report (验收报告), per report language. */
import type { Lang } from '../../../domain/localized';

const zh = {
  title: '验收报告',
  subtitle: (contract: string): string => `合同 ${contract} 服务验收`,
  contract: '合同与服务',
  contractNumber: '合同编号',
  pack: '服务类型',
  services: '服务内容',
  tier: '服务等级',
  servicePeriod: '服务期',
  deliverables: '交付物清单',
  deliverable: '交付物',
  service: '服务',
  status: '状态',
  statuses: { signed: '已签署', missing: '缺失', waived: '免除' } as Record<string, string>,
  signedAs: (n: string, rev: number | undefined, date: string): string =>
    `${n}${rev ? ` 修订 ${rev}` : ''}，${date} 签署`,
  waivedBecause: (r: string): string => `免除原因：${r}`,
  summaryLine: (signed: number, missing: number, waived: number): string =>
    `已签署 ${signed} 项，缺失 ${missing} 项，免除 ${waived} 项`,
  punchList: '遗留问题清单',
  punchItem: '事项',
  owner: '负责人',
  due: '期限',
  punchStates: { open: '未完成', closed: '已完成' } as Record<string, string>,
  none: '无',
  confirmation: '验收确认期限',
  deadlineRule:
    '运维服务合同到期后，客户应在 7 天内线上确认《验收报告》，验收通过后，运维工作结束。',
  contractEnd: '合同到期日',
  deadline: '确认截止',
  deadlineEnds: (date: string, at: string): string => `${date}（至 ${at} 止）`,
  deadlineOnDayOff: (name: string): string => `截止日为非工作日（${name}），请提前提醒客户确认。`,
  weekend: '周末',
  untranslatedHoliday: (name: string): string => `${name}，无中文名`,
  reviews: '审核记录',
  reviewLine: (rev: number, at: string, by: string): string => `修订 ${rev} 于 ${at} 被 ${by} 退回`,
  rejectedItem: '退回事项',
  reason: '原因',
  resubmitted: (rev: number): string => `本文件为修订 ${rev}，针对以上退回意见重新提交。`,
  conclusion: '服务总结',
  signatureStatement: '客户确认以上交付物与遗留问题清单，同意验收（验收通过后，运维工作结束）。',
};

export type AcceptanceMessages = typeof zh;

const en: AcceptanceMessages = {
  title: 'Acceptance report',
  subtitle: (contract) => `Service acceptance of contract ${contract}`,
  contract: 'Contract and services',
  contractNumber: 'Contract number',
  pack: 'Service type',
  services: 'Services',
  tier: 'Tier / package',
  servicePeriod: 'Service period',
  deliverables: 'Deliverables',
  deliverable: 'Deliverable',
  service: 'Service',
  status: 'Status',
  statuses: { signed: 'Signed', missing: 'Missing', waived: 'Waived' },
  signedAs: (n, rev, date) => `${n}${rev ? ` rev ${rev}` : ''}, signed ${date}`,
  waivedBecause: (r) => `Waived: ${r}`,
  summaryLine: (signed, missing, waived) =>
    `${signed} signed, ${missing} missing, ${waived} waived`,
  punchList: 'Punch list',
  punchItem: 'Item',
  owner: 'Owner',
  due: 'Due',
  punchStates: { open: 'Open', closed: 'Closed' },
  none: 'None',
  confirmation: 'Confirmation deadline',
  deadlineRule:
    'After the operations contract ends, the customer confirms the acceptance report online within 7 days; once accepted, the operations work ends.',
  contractEnd: 'Contract end date',
  deadline: 'Confirm by',
  deadlineEnds: (date, at) => `${date} (until ${at})`,
  deadlineOnDayOff: (name) =>
    `The deadline falls on a day off (${name}): remind the customer in good time.`,
  weekend: 'weekend',
  untranslatedHoliday: (name) => name,
  reviews: 'Review history',
  reviewLine: (rev, at, by) => `Revision ${rev} rejected by ${by} on ${at}`,
  rejectedItem: 'Rejected item',
  reason: 'Reason',
  resubmitted: (rev) => `This is revision ${rev}, resubmitted to answer the rejections above.`,
  conclusion: 'Summary of the service',
  signatureStatement:
    'The customer confirms the deliverables and the punch list above and accepts the service (once accepted, the operations work ends).',
};

export function acceptanceMessages(lang: Lang): AcceptanceMessages {
  return lang === 'en' ? en : zh;
}
