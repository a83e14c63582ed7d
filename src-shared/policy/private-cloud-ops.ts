import type { Coverage, Localized, PolicyLevel, PolicyPack, ResponseTarget } from './types';

/*
 * Pack `private-cloud-ops`: the private-cloud operations service for Apsara Stack and ZStack
 * (seed 002). Chinese text quotes the seed; English translates it. The seed does not define the
 * P1–P4 severities, pauses or closure states: see INTERPRETATIONS.md for what was decided.
 */

const FAULT_CHANNELS: Localized = {
  zh: '专属运维服务群（远程/驻场）',
  en: 'Dedicated operations service group (remote / resident on site)',
};

function faultLevel(n: 1 | 2 | 3 | 4): PolicyLevel {
  const p1 = n === 1;
  return {
    id: `P${n}`,
    name: { zh: `P${n} 级故障`, en: `P${n} fault` },
    definition: {
      zh:
        `P${n} 级别的故障，故障应急响应 <5 分钟。服务说明未定义 P1–P4 各级的判定标准，级别由客户与运维服务专家确认（P1 为最高级别）。` +
        (p1 ? '重大故障处理，原则上只针对 P1 级别的故障给出《故障处理报告》。' : ''),
      en:
        `A P${n}-level fault; emergency response within 5 minutes. The service description does not define the criteria of P1–P4; the customer and the operations service expert agree the level (P1 is the highest).` +
        (p1 ? ' A P1 fault always gets a fault-handling report (《故障处理报告》).' : ''),
    },
    hourlyUpdates: false,
    kind: 'fault',
  };
}

function minutes(n: number, coverage: Coverage): ResponseTarget {
  return { kind: 'minutes', minutes: n, coverage, onSite: false, channels: FAULT_CHANNELS };
}

function packageTargets(coverage: Coverage): Record<string, ResponseTarget> {
  return {
    P1: minutes(5, coverage),
    P2: minutes(5, coverage),
    P3: minutes(5, coverage),
    P4: minutes(5, coverage),
    request: minutes(10, coverage),
  };
}

export const PRIVATE_CLOUD_OPS_PACK: PolicyPack = {
  id: 'private-cloud-ops',
  version: '1.0.0',
  name: { zh: '专有云运维服务', en: 'Private-cloud operations service' },
  products: ['Apsara Stack', 'ZStack'],
  tiers: [
    {
      id: '5x8',
      name: { zh: '5*8 远程运维服务', en: '5×8 remote operations service' },
      description: {
        zh: '运维方式：远程/驻场；服务时间：工作日 9:00~18:00；响应 SLA <10 分钟；故障应急 <5 分钟；资源巡检 1 次/每工作日；服务报告：月报；变更管理 ×。',
        en: 'Mode: remote / resident on site; service time: working days 09:00–18:00; response SLA under 10 minutes; fault emergency under 5 minutes; resource inspection once per working day; service report: monthly; change management not included.',
      },
    },
    {
      id: '7x24',
      name: { zh: '7*24 远程运维服务', en: '7×24 remote operations service' },
      description: {
        zh: '运维方式：远程/驻场；服务时间：每天 0:00~23:59；响应 SLA <10 分钟；故障应急 <5 分钟；资源巡检 1 次/每天；服务报告：周报；变更管理 ×。',
        en: 'Mode: remote / resident on site; service time: every day 0:00–23:59; response SLA under 10 minutes; fault emergency under 5 minutes; resource inspection once a day; service report: weekly; change management not included.',
      },
    },
  ],
  levels: [
    faultLevel(1),
    faultLevel(2),
    faultLevel(3),
    faultLevel(4),
    {
      id: 'request',
      name: { zh: '其他服务请求', en: 'Other service request' },
      definition: {
        zh: '故障以外的请求（产品使用咨询、问题处理、配置指导、最佳实践等），响应 SLA <10 分钟。',
        en: 'Any request other than a fault (product usage questions, problem handling, configuration guidance, best practice, ...); response SLA under 10 minutes.',
      },
      hourlyUpdates: false,
      kind: 'request',
    },
  ],
  responseMatrix: {
    '5x8': packageTargets('5x8'),
    '7x24': packageTargets('7x24'),
  },
  coverageWindows: {
    '7x24': {
      name: { zh: '每天 0:00~23:59', en: 'Every day, 0:00–23:59' },
      workingDaysOnly: false,
      start: '00:00',
      end: '24:00',
    },
    '5x8': {
      name: { zh: '工作日 9:00~18:00', en: 'Working days, 09:00–18:00' },
      workingDaysOnly: true,
      start: '09:00',
      end: '18:00',
    },
  },
  pauseReasons: [
    {
      id: 'waiting-for-customer-information',
      name: {
        zh: '等待客户提供相关信息',
        en: 'Waiting for the customer to supply the required information',
      },
    },
  ],
  closureStates: [
    {
      id: 'resolved',
      name: { zh: '已解决', en: 'Resolved' },
      description: {
        zh: '故障已定位恢复或请求已处理，客户确认。',
        en: 'The fault was located and recovered, or the request handled, and the customer confirmed it.',
      },
    },
  ],
  resolutionTypes: [],
  services: [
    {
      code: 'technical-support',
      name: { zh: '技术支持', en: 'Technical support' },
      description: {
        zh: '提供云产品使用咨询、配置指导、问题处理等技术支持。',
        en: 'Technical support: cloud product usage questions, configuration guidance, problem handling.',
      },
      deliverable: { zh: '《问题清单》', en: 'Issue list' },
    },
    {
      code: 'fault-emergency',
      name: { zh: '故障应急', en: 'Fault emergency' },
      description: {
        zh: '有效协调资源, 推动故障快速定位恢复, 故障应急响应<10分钟。故障应急处理包括故障上报、资源协调、进展通报以及故障报告等服务。',
        en: 'Coordinate resources effectively and drive fast fault location and recovery; emergency response under 10 minutes (the package table says under 5 minutes). Covers fault reporting, resource coordination, progress updates and the fault report.',
      },
      deliverable: { zh: '《故障报告》', en: 'Fault report' },
    },
    {
      code: 'monitoring-alerts',
      name: { zh: '监报告警', en: 'Monitoring and alerts' },
      description: {
        zh: '帮助客户完善监控体系, 及时处理告警事件, 提升主动预警和快恢能力。',
        en: 'Help the customer improve monitoring, handle alert events promptly, and improve early warning and fast recovery.',
      },
      deliverable: { zh: '《事件清单》', en: 'Event list' },
    },
    {
      code: 'resource-inspection',
      name: { zh: '资源巡检', en: 'Resource inspection' },
      description: {
        zh: '进行定期巡检、识别稳定性风险, 并提供修复建议, 提升客户的业务连续性。',
        en: "Regular inspections that identify stability risks and recommend fixes, improving the customer's business continuity.",
      },
      deliverable: { zh: '《巡检报告》', en: 'Inspection report' },
    },
    {
      code: 'risk-management',
      name: { zh: '风险管理', en: 'Risk management' },
      description: {
        zh: '基于 SRE 运维体系, 帮助客户对云资源的容量、安全、运维流程规范等行为进行健康巡检与打分。',
        en: 'Based on SRE practice, health-check and score the capacity, security and operations processes of the cloud resources.',
      },
      deliverable: { zh: '《风险报告》', en: 'Risk report' },
    },
    {
      code: 'change-support',
      name: { zh: '变更支持', en: 'Change support' },
      description: {
        zh: '帮助客户进行云产品开通、配置、升级、变配、扩容等资源管理操作。',
        en: 'Help the customer with resource operations: provisioning, configuration, upgrades, re-specification and expansion of cloud products.',
      },
      deliverable: { zh: '《变更清单》', en: 'Change list' },
    },
    {
      code: 'backup-management',
      name: { zh: '备份管理', en: 'Backup management' },
      description: {
        zh: '根据客户需求, 设计完善的备份方案, 定期检查备份任务和备份有效性。',
        en: 'Design a complete backup scheme to the customer’s needs and regularly check the backup jobs and that backups are usable.',
      },
      deliverable: { zh: '《备份报告》', en: 'Backup report' },
    },
    {
      code: 'requirements-management',
      name: { zh: '需求管理', en: 'Requirements management' },
      description: {
        zh: '根据客户实际场景需求，推动云产品功能/性能/体验性等合理需求及时排期上线。',
        en: "Drive reasonable feature, performance and usability requirements from the customer's real scenarios to be scheduled and released in time.",
      },
      deliverable: { zh: '《需求清单》', en: 'Requirement list' },
    },
    {
      code: 'service-reporting',
      name: { zh: '服务报告', en: 'Service reporting' },
      description: {
        zh: '定期总结汇报平台运行情况，输出优化方向建议。服务报告：5*8 月报，7*24 周报。',
        en: 'Regularly summarise and report how the platform runs and recommend improvements. Report: monthly on 5×8, weekly on 7×24.',
      },
      deliverable: { zh: '《运维月报》', en: 'Monthly operations report' },
    },
  ],
  lifecycle: [],
  rules: [
    {
      id: 'response-in-service-time',
      text: {
        zh: '响应 SLA <10 分钟；故障应急 <5 分钟（服务规格表，按所购服务包的服务时间计算：5*8 为工作日 9:00~18:00，7*24 为每天 0:00~23:59）。',
        en: "Response SLA under 10 minutes; fault emergency under 5 minutes (service specification table, counted in the purchased package's service time: 5×8 = working days 09:00–18:00, 7×24 = every day 0:00–23:59).",
      },
    },
    {
      id: 'p1-fault-handling-report',
      text: {
        zh: '重大故障处理，原则上只针对 P1 级别的故障给出《故障处理报告》，其他情况由客户和运维服务专家协商是否输出。',
        en: 'For major faults, a fault-handling report is in principle given only for P1 faults; in other cases the customer and the operations service expert agree whether to produce one.',
      },
    },
    {
      id: 'entry-report',
      text: {
        zh: '如购买驻场服务，需要客户签署运维进场报告，双方确认服务开始和结束时间。',
        en: 'If on-site (resident) service is purchased, the customer signs the operations entry report (运维进场报告) and both parties confirm the service start and end dates.',
      },
    },
    {
      id: 'service-plan-confirmation',
      text: {
        zh: '客户应审核我司制定的运维服务计划，以书面形式（包括但不限于电子邮件）确认计划。',
        en: 'The customer reviews the operations service plan and confirms it in writing (including but not limited to e-mail).',
      },
    },
    {
      id: 'change-management-excluded',
      text: {
        zh: '变更管理：5*8 ×，7*24 ×（两种服务包均不包含）。',
        en: 'Change management: not included in either package (5×8 ×, 7×24 ×).',
      },
    },
    {
      id: 'out-of-scope',
      text: {
        zh: '专有云运维服务范围不包含：应用运维，包括不限于应用开发、测试、部署、诊断优化等；IDC 和硬件设备维护，如网络设备、服务器、存储等硬件巡检、更换、诊断等。因客户自身原因导致的问题故障，不属于我司运维服务范围。',
        en: "Not included: application operations (including but not limited to application development, testing, deployment, diagnosis and tuning); data-centre and hardware maintenance (inspection, replacement and diagnosis of network devices, servers, storage). Faults caused by the customer's own actions are outside the service.",
      },
    },
    {
      id: 'third-party',
      text: {
        zh: '在我司提供运维服务的过程中，如出现含有第三方软件的问题，客户须负责与第三方厂商交涉，协助我司解决问题。',
        en: 'When a problem involves third-party software, the customer deals with the third-party vendor and helps resolve the problem.',
      },
    },
    {
      id: 'service-report-contents',
      text: {
        zh: '我司定期交付《运维服务报告》，并获得客户线上确认。《运维服务报告》的内容应包括：运维服务方案、资源运行状态、问题清单、事件清单、风险清单、需求清单、备份策略、费用分析、响应 SLA。',
        en: 'The operations service report (运维服务报告) is delivered regularly and confirmed online by the customer. It contains: service plan, resource status, issue list, event list, risk list, requirement list, backup strategy, cost analysis and response-SLA figures.',
      },
    },
    {
      id: 'acceptance-7-days',
      text: {
        zh: '运维服务合同到期后，客户应在 7 天内线上确认《验收报告》，验收通过后，运维工作结束。',
        en: 'After the operations contract ends, the customer confirms the acceptance report (验收报告) online within 7 days; once accepted, the operations work ends.',
      },
    },
  ],
};
