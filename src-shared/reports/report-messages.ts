/**
 * Fixed texts of the deliverable PDFs, per report language. Texts that come from the policy
 * (template items, levels, closure states) are in the policy data instead.
 */
import type { TimelineEventKind } from '../db/types';
import type { ItemResult } from '../domain/inspection';
import type { LifecycleStatus } from '../domain/lifecycle';
import type { Lang } from '../domain/localized';

export interface ReportMessages {
  inspectionTitle: string;
  faultTitle: string;
  documentNumber: string;
  revision: string;
  customer: string;
  site: string;
  address: string;
  contract: string;
  clusters: string;
  cluster: string;
  environment: string;
  product: string;
  version: string;
  nodes: string;
  engineers: string;
  customerRepresentatives: string;
  inspectionDate: string;
  inspectionPeriod: string;
  issuedAt: string;
  template: string;
  templateVersion: (v: number) => string;
  page: (current: number, total: number) => string;
  documentControl: string;
  summary: string;
  healthScore: string;
  grade: string;
  noScore: string;
  scoreCapped: string;
  scoreCappedHighRisk: string;
  formula: string;
  resultCounts: string;
  sectionScores: string;
  lifecycleStatus: string;
  lifecycleSeries: string;
  eoss: string;
  eosl: string;
  lifecycleNames: Record<LifecycleStatus, string>;
  lifecycleUnknown: string;
  checkItem: string;
  node: string;
  measured: string;
  threshold: string;
  result: string;
  note: string;
  method: string;
  resultNames: Record<ItemResult, string>;
  unanswered: string;
  warnAbbr: string;
  failAbbr: string;
  findings: string;
  noFindings: string;
  risk: string;
  recommendation: string;
  affected: string;
  overallEvaluation: string;
  findingsByRisk: string;
  evidence: string;
  noEvidence: string;
  signatures: string;
  signatureStatement: string;
  customerSignature: string;
  engineerSignature: string;
  name: string;
  title: string;
  signedAt: string;
  notSigned: string;
  qrCaption: string;
  /** On every page of an unsigned deliverable (watermark and footer). */
  draftMark: string;
  /** Where a signed deliverable has its QR code: a draft has none. */
  draftNoQr: string;
  environments: Record<'dev' | 'test' | 'prod', string>;
  // Fault report
  incident: string;
  incidentTitle: string;
  description: string;
  level: string;
  levelDefinition: string;
  levelHistory: string;
  tier: string;
  status: string;
  statusNames: Record<'open' | 'paused' | 'resolved' | 'closed', string>;
  openedAt: string;
  sla: string;
  target: string;
  clockStart: string;
  dueAt: string;
  firstResponse: string;
  responseTime: string;
  respondedInTime: string;
  breached: string;
  remaining: string;
  onSite: string;
  dispatchedAt: string;
  arrivedAt: string;
  pauses: string;
  pauseReason: string;
  pauseFrom: string;
  pauseTo: string;
  pauseOpen: string;
  pausedTime: string;
  noPauses: string;
  hourlyUpdates: string;
  missingCalendar: (years: string) => string;
  timeline: string;
  time: string;
  kind: string;
  author: string;
  text: string;
  timelineKinds: Record<TimelineEventKind, string>;
  impact: string;
  rootCause: string;
  workaround: string;
  resolutionType: string;
  closure: string;
  closureState: string;
  closedAt: string;
  notClosed: string;
  notRecorded: string;
  yes: string;
  no: string;
  none: string;
}

const ZH: ReportMessages = {
  inspectionTitle: '巡检报告',
  faultTitle: '故障报告',
  documentNumber: '文档编号',
  revision: '修订版本',
  customer: '客户',
  site: '站点',
  address: '地址',
  contract: '合同',
  clusters: '集群',
  cluster: '集群',
  environment: '环境',
  product: '产品',
  version: '版本',
  nodes: '节点数',
  engineers: '服务工程师',
  customerRepresentatives: '客户代表',
  inspectionDate: '巡检日期',
  inspectionPeriod: '巡检时间',
  issuedAt: '出具时间',
  template: '巡检模板',
  templateVersion: (v) => `第 ${v} 版`,
  page: (c, t) => `${c} / ${t}`,
  documentControl: '文档信息',
  summary: '巡检概要',
  healthScore: '健康评分',
  grade: '评级',
  noScore: '无可评分的检查项',
  scoreCapped: '存在风险等级为“严重”的异常项，评分上限为 59 分。',
  scoreCappedHighRisk: '存在高风险发现项，评分上限为 74 分（需关注）。',
  formula: '评分方法',
  resultCounts: '检查结果统计',
  sectionScores: '各部分评分',
  lifecycleStatus: '生命周期状态',
  lifecycleSeries: '产品系列',
  eoss: '标准支持截止',
  eosl: '支持生命周期截止',
  lifecycleNames: {
    supported: '标准支持期内',
    'end-of-standard-support': '已过标准支持期',
    'end-of-life': '已过支持生命周期',
  },
  lifecycleUnknown: '无生命周期数据',
  checkItem: '检查项',
  node: '节点',
  measured: '测量值',
  threshold: '阈值',
  result: '结果',
  note: '备注',
  method: '检查方法',
  resultNames: { pass: '正常', warning: '警告', fail: '异常', 'not-applicable': '不适用' },
  unanswered: '未检查',
  warnAbbr: '警告',
  failAbbr: '异常',
  findings: '发现的问题与建议',
  noFindings: '本次巡检未发现问题。',
  risk: '风险',
  recommendation: '建议',
  affected: '涉及',
  overallEvaluation: '总体评价',
  findingsByRisk: '问题按风险等级',
  evidence: '现场证据',
  noEvidence: '无现场照片。',
  signatures: '签字确认',
  signatureStatement: '双方已确认本报告所列检查结果、发现的问题与建议。',
  customerSignature: '客户代表',
  engineerSignature: '服务工程师',
  name: '姓名',
  title: '职务',
  signedAt: '签字时间',
  notSigned: '（未签字）',
  qrCaption: '扫码核验文档编号与修订版本',
  draftMark: '草稿 / DRAFT',
  draftNoQr: '草稿未签署，无核验二维码；签署后生成。',
  environments: { dev: '开发', test: '测试', prod: '生产' },
  incident: '事件',
  incidentTitle: '事件标题',
  description: '问题描述',
  level: '事件级别',
  levelDefinition: '级别定义',
  levelHistory: '级别调整记录',
  tier: '服务级别',
  status: '状态',
  statusNames: { open: '处理中', paused: '已暂停', resolved: '已解决', closed: '已关闭' },
  openedAt: '客户首次联系',
  sla: '响应时间（SLA）',
  target: '响应目标',
  clockStart: '计时开始',
  dueAt: '响应截止',
  firstResponse: '首次响应',
  responseTime: '响应用时（服务时间内）',
  respondedInTime: '按时响应',
  breached: '超时',
  remaining: '剩余服务时间',
  onSite: '现场响应（派遣至到场）',
  dispatchedAt: '派遣时间',
  arrivedAt: '到场时间',
  pauses: '计时暂停',
  pauseReason: '暂停原因',
  pauseFrom: '开始',
  pauseTo: '结束',
  pauseOpen: '未结束',
  pausedTime: '暂停的服务时间',
  noPauses: '无暂停。',
  hourlyUpdates: '1 级事件每小时向客户通报一次状态。',
  missingCalendar: (y) => `注意：${y} 年无节假日数据，按普通周末计算。`,
  timeline: '处理过程',
  time: '时间',
  kind: '类型',
  author: '记录人',
  text: '内容',
  timelineKinds: {
    opened: '立案',
    contact: '联系',
    'first-response': '首次响应',
    update: '进展通报',
    escalation: '升级',
    workaround: '临时方案',
    resolution: '解决',
    reclassification: '级别调整',
    pause: '暂停计时',
    resume: '恢复计时',
    dispatch: '派遣',
    'on-site-arrival': '到达现场',
    closure: '关闭',
    note: '备注',
    assignment: '移交负责工程师',
  },
  impact: '影响范围',
  rootCause: '根本原因',
  workaround: '临时解决方案',
  resolutionType: '解决方式',
  closure: '关闭',
  closureState: '关闭状态',
  closedAt: '关闭时间',
  notClosed: '事件尚未关闭。',
  notRecorded: '未记录',
  yes: '是',
  no: '否',
  none: '无',
};

const EN: ReportMessages = {
  inspectionTitle: 'Inspection report',
  faultTitle: 'Fault report',
  documentNumber: 'Document number',
  revision: 'Revision',
  customer: 'Customer',
  site: 'Site',
  address: 'Address',
  contract: 'Contract',
  clusters: 'Clusters',
  cluster: 'Cluster',
  environment: 'Environment',
  product: 'Product',
  version: 'Version',
  nodes: 'Nodes',
  engineers: 'Service engineers',
  customerRepresentatives: 'Customer representatives',
  inspectionDate: 'Inspection date',
  inspectionPeriod: 'Inspection time',
  issuedAt: 'Issued',
  template: 'Inspection template',
  templateVersion: (v) => `version ${v}`,
  page: (c, t) => `${c} / ${t}`,
  documentControl: 'Document information',
  summary: 'Summary',
  healthScore: 'Health score',
  grade: 'Grade',
  noScore: 'No scored checks',
  scoreCapped: 'An item with critical failure risk failed: the score is capped at 59.',
  scoreCappedHighRisk: 'A high-risk finding is open: the score is capped at 74 (needs attention).',
  formula: 'How the score is computed',
  resultCounts: 'Results',
  sectionScores: 'Scores by section',
  lifecycleStatus: 'Lifecycle status',
  lifecycleSeries: 'Series',
  eoss: 'End of standard support',
  eosl: 'End of support life',
  lifecycleNames: {
    supported: 'In standard support',
    'end-of-standard-support': 'Past end of standard support',
    'end-of-life': 'Past end of support life',
  },
  lifecycleUnknown: 'No lifecycle data',
  checkItem: 'Check',
  node: 'Node',
  measured: 'Value',
  threshold: 'Limits',
  result: 'Result',
  note: 'Note',
  method: 'Method',
  resultNames: { pass: 'Pass', warning: 'Warning', fail: 'Fail', 'not-applicable': 'N/A' },
  unanswered: 'Not checked',
  warnAbbr: 'warn',
  failAbbr: 'fail',
  findings: 'Findings and recommendations',
  noFindings: 'The inspection found no problems.',
  risk: 'Risk',
  recommendation: 'Recommendation',
  affected: 'Affected',
  overallEvaluation: 'Overall evaluation',
  findingsByRisk: 'Findings by risk',
  evidence: 'Evidence',
  noEvidence: 'No photos.',
  signatures: 'Signatures',
  signatureStatement:
    'Both parties confirm the results, findings and recommendations in this report.',
  customerSignature: 'Customer representative',
  engineerSignature: 'Service engineer',
  name: 'Name',
  title: 'Title',
  signedAt: 'Signed at',
  notSigned: '(not signed)',
  qrCaption: 'Scan to verify document number and revision',
  draftMark: '草稿 / DRAFT',
  draftNoQr: 'Unsigned draft: no verification QR code until it is signed.',
  environments: { dev: 'Development', test: 'Test', prod: 'Production' },
  incident: 'Incident',
  incidentTitle: 'Title',
  description: 'Description',
  level: 'Severity level',
  levelDefinition: 'Level definition',
  levelHistory: 'Reclassifications',
  tier: 'Service tier',
  status: 'Status',
  statusNames: { open: 'Open', paused: 'Paused', resolved: 'Resolved', closed: 'Closed' },
  openedAt: "Customer's first contact",
  sla: 'Response time (SLA)',
  target: 'Response target',
  clockStart: 'Clock started',
  dueAt: 'Response due',
  firstResponse: 'First response',
  responseTime: 'Response time (in service hours)',
  respondedInTime: 'Responded in time',
  breached: 'Breached',
  remaining: 'Service time left',
  onSite: 'On-site response (dispatch to arrival)',
  dispatchedAt: 'Dispatched',
  arrivedAt: 'Arrived on site',
  pauses: 'Clock pauses',
  pauseReason: 'Reason',
  pauseFrom: 'From',
  pauseTo: 'To',
  pauseOpen: 'still paused',
  pausedTime: 'Service time paused',
  noPauses: 'No pauses.',
  hourlyUpdates: 'Level 1: the customer gets a status update every hour.',
  missingCalendar: (y) => `Note: no holiday calendar for ${y}; plain weekends were used.`,
  timeline: 'Timeline',
  time: 'Time',
  kind: 'Kind',
  author: 'By',
  text: 'Text',
  timelineKinds: {
    opened: 'Opened',
    contact: 'Contact',
    'first-response': 'First response',
    update: 'Update',
    escalation: 'Escalation',
    workaround: 'Workaround',
    resolution: 'Resolution',
    reclassification: 'Reclassification',
    pause: 'Clock paused',
    resume: 'Clock resumed',
    dispatch: 'Dispatch',
    'on-site-arrival': 'On-site arrival',
    closure: 'Closure',
    note: 'Note',
    assignment: 'Handed over to',
  },
  impact: 'Impact',
  rootCause: 'Root cause',
  workaround: 'Workaround',
  resolutionType: 'Resolution type',
  closure: 'Closure',
  closureState: 'Closure state',
  closedAt: 'Closed at',
  notClosed: 'The incident is not closed yet.',
  notRecorded: 'Not recorded',
  yes: 'Yes',
  no: 'No',
  none: 'None',
};

export function reportMessages(lang: Lang): ReportMessages {
  return lang === 'en' ? EN : ZH;
}
