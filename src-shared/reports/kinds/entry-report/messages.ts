/** Fixed texts of the operations entry report (运维进场报告), per report language. */
import type { Lang } from '../../../domain/localized';

const zh = {
  title: '运维进场报告',
  subtitle: (contract: string): string => `合同 ${contract} 运维服务进场`,
  contract: '合同',
  contractNumber: '合同编号',
  contractPeriod: '合同期',
  package: '服务包',
  services: '服务内容',
  servicePeriod: '服务开始和结束时间',
  serviceStart: '服务开始',
  serviceEnd: '服务结束',
  mode: '运维方式',
  modes: { remote: '远程', 'on-site': '驻场' } as Record<string, string>,
  team: '进场人员',
  scope: '运维范围',
  access: '客户提供的访问通道、权限与授权',
  planConfirmation: '运维服务计划确认',
  notYet: '待客户以书面形式确认',
  rule: '如购买驻场服务，需要客户签署运维进场报告，双方确认服务开始和结束时间。',
  none: '无',
  signatureStatement: '双方确认以上服务开始和结束时间及进场安排。',
};

export type EntryMessages = typeof zh;

const en: EntryMessages = {
  title: 'Operations entry report',
  subtitle: (contract) => `Start of the operations service, contract ${contract}`,
  contract: 'Contract',
  contractNumber: 'Contract number',
  contractPeriod: 'Contract period',
  package: 'Service package',
  services: 'Services',
  servicePeriod: 'Service start and end',
  serviceStart: 'Service starts',
  serviceEnd: 'Service ends',
  mode: 'Mode',
  modes: { remote: 'Remote', 'on-site': 'Resident on site' },
  team: 'Engineers on site',
  scope: 'Scope of operations',
  access: 'Access channels, permissions and authorisations the customer provides',
  planConfirmation: 'Operations service plan confirmed',
  notYet: 'To be confirmed in writing by the customer',
  rule: 'If on-site (resident) service is purchased, the customer signs the operations entry report and both parties confirm the service start and end dates.',
  none: 'None',
  signatureStatement:
    'Both parties confirm the service start and end dates and the arrangements above.',
};

export function entryMessages(lang: Lang): EntryMessages {
  return lang === 'en' ? en : zh;
}
