/**
 * A realistic, deterministic ops service report snapshot (`fieldbook sample ops`): the September
 * 2026 monthly report of a fictitious bank on the 5x8 package, Asia/Shanghai, with the cases the
 * figures must handle: a weekend, a pause, a reclassification, an incident opened on the 中秋节
 * holiday, one answered after National Day, one never answered, a missed make-up working day.
 * `sampleOpsPeriod({ incidents, records })` scales it up for the benchmark.
 */
import type { IsoInstant, PauseInterval } from '../../../db/types';
import { isoDateOfDayNumber, parseIsoDate } from '../../../domain/calendar';
import type { OpsRecordRow } from '../../../domain/ops/records';
import { OPS_NUMBER_PREFIX } from '../../../domain/ops/records';
import type { FigureIncident, FigureInspection } from '../../../domain/ops/service-figures';
import { sampleSignatureImage } from '../../sample';
import type { OpsReportSnapshot } from './snapshot';
import { buildOpsReportSnapshot } from './snapshot';

const T = (s: string): IsoInstant => `2026-${s}:00+08:00`;
const WAIT = 'waiting-for-customer-information';

const CUSTOMER = { name: '江南联合银行股份有限公司', shortName: '江南联合银行' };
const ENGINEER = { name: '张伟', title: '运维服务专家', organisation: '云服务中心' };
const CUSTOMER_REP = { name: '李明', title: '信息技术部运维经理', organisation: '江南联合银行' };

function incident(
  id: string,
  title: string,
  level: string,
  openedAt: IsoInstant,
  firstResponseAt?: IsoInstant,
  extra: { pauses?: PauseInterval[]; from?: [string, IsoInstant] } = {},
): FigureIncident {
  return {
    id,
    title,
    packId: 'private-cloud-ops',
    tier: '5x8',
    level,
    levelHistory: extra.from
      ? [
          { level: extra.from[0], at: openedAt, reason: '登记时的级别' },
          { level, at: extra.from[1], reason: '客户确认影响范围后重新定级' },
        ]
      : [{ level, at: openedAt, reason: '登记时的级别' }],
    openedAt,
    ...(firstResponseAt ? { firstResponseAt } : {}),
    pauses: extra.pauses ?? [],
  };
}

const INCIDENTS: FigureIncident[] = [
  incident('inc-0901-a', '云数据库 RDS 主备切换告警', 'P1', T('09-01T10:00'), T('09-01T10:03')),
  incident('inc-0904-a', 'VPC 对等连接配置咨询', 'request', T('09-04T17:55'), T('09-07T09:04')),
  incident('inc-0909-a', '对象存储 OSS 访问延迟升高', 'P2', T('09-09T14:00'), T('09-09T14:07')),
  incident('inc-0910-a', 'ECS 实例规格变配咨询', 'request', T('09-10T11:00'), T('09-10T11:35'), {
    pauses: [
      { start: T('09-10T11:02'), end: T('09-10T11:30'), reason: WAIT, note: '等待客户提供实例 ID' },
    ],
  }),
  incident('inc-0915-a', 'SLB 后端健康检查失败', 'P3', T('09-15T10:00'), T('09-15T10:08'), {
    from: ['request', T('09-15T10:20')],
  }),
  incident(
    'inc-0925-a',
    '中秋节期间监控大盘无法打开',
    'request',
    T('09-25T10:00'),
    T('09-28T09:12'),
  ),
  incident('inc-0929-a', '日志服务索引配额申请', 'request', T('09-29T17:00')),
  incident('inc-0930-a', '容器服务节点磁盘使用率告警', 'P4', T('09-30T17:58'), T('10-08T09:03')),
  incident('inc-0831-a', '8 月底提交的备份策略咨询', 'request', T('08-31T17:00'), T('09-01T09:02')),
];

/** Working days of September 2026 (cn calendar) except 09-20, the make-up working Sunday. */
const INSPECTION_DAYS = [
  '01',
  '02',
  '03',
  '04',
  '07',
  '08',
  '09',
  '10',
  '11',
  '14',
  '15',
  '16',
  '17',
  '18',
  '21',
  '22',
  '23',
  '24',
  '28',
  '29',
  '30',
];

function inspections(): FigureInspection[] {
  return INSPECTION_DAYS.map((d) => ({
    id: `ins-202609${d}`,
    startedAt: T(`09-${d}T09:30`),
    finishedAt: T(`09-${d}T10:40`),
    status: 'completed' as const,
  }));
}

function records(): OpsRecordRow[] {
  const base = (
    kind: OpsRecordRow['kind'],
    n: number,
    title: string,
    description: string,
    openedAt: IsoInstant,
  ) => ({
    id: `${kind}-${n}`,
    number: `${OPS_NUMBER_PREFIX[kind]}-${String(n).padStart(4, '0')}`,
    title,
    description,
    openedAt,
    links: [],
    owner: '张伟',
  });
  return [
    {
      ...base(
        'issue',
        12,
        'OSS 访问延迟升高',
        '业务高峰期 OSS GET 请求 P99 延迟超过 800 ms。',
        T('09-09T14:00'),
      ),
      kind: 'issue',
      state: 'resolved',
      closedAt: T('09-10T16:00'),
      issue: {
        severity: 'P2',
        incidentId: 'inc-0909-a',
        resolution: '扩容 OSS 前端节点并调整限流阈值。',
      },
      links: [{ relation: 'led-to', target: 'ops-record', id: 'change-7' }],
    },
    {
      ...base(
        'issue',
        13,
        'SLB 健康检查失败',
        '两台后端 ECS 健康检查端口配置错误。',
        T('09-15T10:00'),
      ),
      kind: 'issue',
      state: 'closed',
      closedAt: T('09-15T11:30'),
      issue: { severity: 'P3', incidentId: 'inc-0915-a', resolution: '修正健康检查端口。' },
    },
    {
      ...base(
        'issue',
        14,
        '日志服务索引配额不足',
        '客户需要新增 3 个日志库索引。',
        T('09-29T17:00'),
      ),
      kind: 'issue',
      state: 'open',
      issue: { severity: 'request', incidentId: 'inc-0929-a' },
    },
    {
      ...base(
        'event',
        31,
        'RDS 主备切换',
        '监控发现 RDS 实例 rm-core-01 发生主备切换。',
        T('09-01T09:58'),
      ),
      kind: 'event',
      state: 'handled',
      event: {
        alertSource: '云监控',
        at: T('09-01T09:58'),
        level: 'critical',
        handledBy: '张伟',
        handling: '确认切换成功，业务无损。',
      },
      links: [{ relation: 'raised', target: 'incident', id: 'inc-0901-a' }],
    },
    {
      ...base(
        'event',
        32,
        '节点磁盘使用率 85%',
        'ACK 节点 node-07 系统盘使用率达到 85%。',
        T('09-30T17:50'),
      ),
      kind: 'event',
      state: 'handling',
      event: { alertSource: 'Prometheus', at: T('09-30T17:50'), level: 'major', handledBy: '张伟' },
    },
    {
      ...base(
        'event',
        33,
        'NTP 偏移告警',
        '两台物理机 NTP 偏移超过 100 ms，已自动恢复。',
        T('09-18T03:10'),
      ),
      kind: 'event',
      state: 'closed',
      event: { alertSource: '云监控', at: T('09-18T03:10'), level: 'minor', handledBy: '王芳' },
    },
    {
      ...base(
        'risk',
        5,
        '核心库备份未做恢复演练',
        '巡检发现 RDS 备份近 90 天未做恢复验证。',
        T('09-03T10:00'),
      ),
      kind: 'risk',
      state: 'mitigating',
      risk: {
        likelihood: 3,
        impact: 5,
        mitigation: '10 月第一周完成一次恢复演练并记录。',
        dueDate: '2026-10-09',
        source: 'inspection-finding',
        findingRef: 'ins-20260903/prod-core/backup-restore',
      },
    },
    {
      ...base('risk', 6, 'OSS 容量使用率 78%', '按当前增速约 4 个月后达到 90%。', T('09-16T10:00')),
      kind: 'risk',
      state: 'open',
      risk: {
        likelihood: 4,
        impact: 3,
        mitigation: '评估扩容或生命周期策略。',
        dueDate: '2026-11-30',
        source: 'inspection-finding',
      },
    },
    {
      ...base('risk', 7, '运维账号共用', '两名客户运维人员共用一个 RAM 账号。', T('09-22T15:00')),
      kind: 'risk',
      state: 'open',
      risk: { likelihood: 2, impact: 3, mitigation: '建议按人创建 RAM 子账号。', source: 'manual' },
    },
    {
      ...base('change', 7, 'OSS 前端节点扩容', '由问题 ISS-0012 引出。', T('09-10T09:00')),
      kind: 'change',
      state: 'done',
      closedAt: T('09-10T22:30'),
      change: {
        changeType: 'normal',
        windowStart: T('09-10T21:00'),
        windowEnd: T('09-10T23:00'),
        approval: 'approved',
        approvedBy: '李明',
        result: 'success',
        rollbackPlan: '下线新增节点，恢复原负载均衡配置。',
      },
      links: [{ relation: 'caused-by', target: 'ops-record', id: 'issue-12' }],
    },
    {
      ...base('change', 8, '日志服务新增索引', '', T('09-29T17:30')),
      kind: 'change',
      state: 'scheduled',
      change: {
        changeType: 'standard',
        windowStart: T('10-09T20:00'),
        windowEnd: T('10-09T21:00'),
        approval: 'pending',
        rollbackPlan: '删除新增索引。',
      },
    },
    {
      ...base('backup', 1, 'RDS 核心库备份', '', T('06-01T10:00')),
      kind: 'backup',
      state: 'active',
      backup: {
        object: 'RDS rm-core-01',
        strategy: '每日 02:00 全量 + 每 15 分钟日志备份，保留 30 天，异地 OSS',
        lastSuccessAt: T('09-30T02:41'),
        lastRunAt: T('09-30T02:00'),
        lastResult: 'success',
        lastRestoreTestAt: T('06-20T14:00'),
      },
    },
    {
      ...base('backup', 2, '平台配置备份', '', T('06-01T10:00')),
      kind: 'backup',
      state: 'active',
      backup: {
        object: '专有云平台配置（天基）',
        strategy: '每周日 03:00 全量，保留 12 周',
        lastSuccessAt: T('09-20T03:20'),
        lastRunAt: T('09-27T03:00'),
        lastResult: 'failed',
      },
    },
    {
      ...base(
        'requirement',
        3,
        'OSS 支持按前缀的生命周期统计',
        '客户希望在控制台查看各前缀的容量趋势。',
        T('09-08T15:00'),
      ),
      kind: 'requirement',
      state: 'accepted',
      requirement: {
        priority: 'medium',
        category: 'feature',
        requestedBy: '李明',
        targetRelease: 'V3.18',
      },
    },
    {
      ...base('requirement', 4, '监控大盘加载提速', '大盘首次加载超过 10 秒。', T('09-28T10:00')),
      kind: 'requirement',
      state: 'proposed',
      requirement: { priority: 'high', category: 'performance', requestedBy: '李明' },
    },
  ] as OpsRecordRow[];
}

export interface SampleOpsOptions {
  /** Extra generated incidents in the month (benchmark), on top of the hand-written ones. */
  incidents?: number;
  /** Extra generated ops records (benchmark). */
  records?: number;
}

/** Deterministic generated incidents spread over September's days and hours. */
function generatedIncidents(count: number): FigureIncident[] {
  const start = parseIsoDate('2026-09-01');
  const levels = ['P1', 'P2', 'P3', 'P4', 'request', 'request'];
  const out: FigureIncident[] = [];
  for (let i = 0; i < count; i++) {
    const day = isoDateOfDayNumber(start + (i % 30));
    const minute = 8 * 60 + ((i * 37) % (11 * 60));
    const hh = String(Math.floor(minute / 60)).padStart(2, '0');
    const mm = String(minute % 60).padStart(2, '0');
    const openedAt = `${day}T${hh}:${mm}:00+08:00`;
    const respondAfter = 60_000 * (1 + ((i * 7) % 14));
    const level = levels[i % levels.length]!;
    const responded = i % 23 !== 0;
    out.push({
      id: `gen-${i}`,
      title: `generated incident ${i}`,
      packId: 'private-cloud-ops',
      tier: '5x8',
      level,
      levelHistory: [{ level, at: openedAt, reason: 'generated' }],
      openedAt,
      ...(responded
        ? { firstResponseAt: new Date(Date.parse(openedAt) + respondAfter).toISOString() }
        : {}),
      pauses:
        i % 11 === 0
          ? [
              {
                start: new Date(Date.parse(openedAt) + 60_000).toISOString(),
                end: new Date(Date.parse(openedAt) + 600_000).toISOString(),
                reason: WAIT,
              },
            ]
          : [],
    });
  }
  return out;
}

function generatedRecords(count: number): OpsRecordRow[] {
  const kinds = records();
  return Array.from({ length: count }, (_, i) => {
    const template = kinds[i % kinds.length]!;
    return {
      ...template,
      id: `${template.id}-gen-${i}`,
      number: `${template.number}-${i}`,
    };
  });
}

export function sampleOpsSnapshot(options: SampleOpsOptions = {}): OpsReportSnapshot {
  return buildOpsReportSnapshot({
    documentNumber: 'FB-OPS-20261009-0001',
    revision: 1,
    issuedAt: T('10-09T10:00'),
    customer: CUSTOMER,
    site: {
      name: '江南联合银行 南京仙林数据中心',
      address: '江苏省南京市栖霞区仙林大道 10 号',
      timeZone: 'Asia/Shanghai',
      holidayCalendar: 'cn',
    },
    contract: {
      number: 'JNUB-2026-OPS-003',
      tier: '5x8',
      services: [
        'technical-support',
        'fault-emergency',
        'monitoring-alerts',
        'resource-inspection',
        'risk-management',
        'change-support',
        'backup-management',
        'requirements-management',
        'service-reporting',
      ],
      startDate: '2026-06-01',
      endDate: '2027-05-31',
    },
    packId: 'private-cloud-ops',
    cadence: 'monthly',
    period: { start: '2026-09-01', end: '2026-09-30' },
    servicePeriod: { start: '2026-06-01', end: '2027-05-31' },
    engineers: [ENGINEER],
    customerRepresentatives: [CUSTOMER_REP],
    signatures: [
      {
        role: 'customer',
        ...CUSTOMER_REP,
        signedAt: T('10-09T15:20'),
        image: sampleSignatureImage(13),
      },
      {
        role: 'engineer',
        ...ENGINEER,
        signedAt: T('10-09T15:10'),
        image: sampleSignatureImage(17),
      },
    ],
    servicePlan: {
      summary:
        '按 5*8 远程运维服务包提供运维服务：工作日 9:00~18:00 响应，每工作日一次资源巡检，每月提交运维月报。本月重点：OSS 容量治理、备份有效性验证。',
      confirmedAt: '2026-06-03（客户邮件确认）',
      nextPeriod: '10 月：完成 RDS 恢复演练；日志服务索引变更；评估 OSS 生命周期策略。',
    },
    resourceStatus: {
      summary: '本月平台整体运行稳定，发生 1 次 P1 级告警（RDS 主备切换，业务无损）。',
      clusters: [
        {
          name: '生产专有云 Region-NJ',
          product: 'Apsara Stack',
          version: '3.16.2',
          environment: 'prod',
          nodes: 86,
          healthScore: 88,
          lastInspectedAt: T('09-30T10:40'),
          note: 'OSS 容量 78%，见风险 RSK-0006',
        },
        {
          name: '测试云 ZStack-T1',
          product: 'ZStack',
          version: '4.8.0',
          environment: 'test',
          nodes: 12,
          healthScore: 73,
          lastInspectedAt: T('09-30T10:40'),
          note: '两台物理机 NTP 偏移',
        },
      ],
    },
    records: [...records(), ...generatedRecords(options.records ?? 0)],
    backupStrategy:
      '核心数据库每日全量加日志备份，平台配置每周全量；备份存放于异地 OSS；每季度做一次恢复演练（本季度未完成，见风险 RSK-0005）。',
    cost: {
      currency: 'CNY',
      items: [
        { name: 'ECS 计算资源', amount: 186_400, note: '较 8 月 +3.2%' },
        { name: 'OSS 存储', amount: 42_150.5, note: '容量增长 6 TB' },
        { name: 'RDS 数据库', amount: 61_800 },
      ],
      analysis:
        '本月云资源费用合计较上月增长 2.9%，主要来自 OSS 容量增长；建议对 90 天未访问对象启用低频存储。',
    },
    breachNotes: [
      { incidentId: 'inc-0909-a', note: '值班工程师处理 P1 告警，响应延迟 2 分钟。' },
      { incidentId: 'inc-0929-a', note: '登记时未分派，国庆节后发现；已改进工单分派规则。' },
    ],
    recommendations: '1. 完成 RDS 恢复演练；2. OSS 启用生命周期策略；3. 按人分配 RAM 子账号。',
    sources: {
      incidents: [...INCIDENTS, ...generatedIncidents(options.incidents ?? 0)],
      inspections: inspections(),
    },
  });
}
