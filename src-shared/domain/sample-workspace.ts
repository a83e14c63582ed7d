/**
 * A sample workspace that looks like real field work: Chinese customers with real-looking sites,
 * clusters on supported and end-of-life DCE versions, Apsara Stack and ZStack environments,
 * contracts on every tier, visits with command output and a correction, incidents in every
 * state. All organisations, people, addresses, phone numbers and hosts are invented.
 *
 * Every time is relative to `now`, so the workspace is always "live" (an inspection last week,
 * a deployment checked in this morning, a level 1 incident opened a few hours ago); the same
 * `now` gives the same documents (seeded ids). Incidents are built with the incident
 * operations, so their due times come from the real SLA clock.
 */
import type {
  ClusterDoc,
  ContractDoc,
  CustomerDoc,
  DeliverableDoc,
  ProcedureRunDoc,
  IncidentDoc,
  InspectionDoc,
  OpsRecordDoc,
  PlanDoc,
  IsoInstant,
  SiteDoc,
  VisitDoc,
  VisitLogEntryDoc,
} from '../db/types';
import { DAY_MS } from './calendar';
import type { TemplateItem } from '../policy/templates/types';
import { expandInspection } from './inspection';
import type { ItemResult } from './inspection';
import {
  answerCheck,
  completeInspection,
  editFinding,
  setOverallEvaluation,
  startInspection,
  templateOf,
} from './inspection-ops';
import { createSeededIdGenerator } from './ids';
import { planDocFields } from './planning/plan-doc';
import { samplePlan } from './planning/sample-plan';
import {
  INFO_REQUEST_PAUSE_REASON,
  addTimelineEvent,
  closeIncident,
  openIncident,
  pauseIncident,
  reclassify,
  recordDispatch,
  recordFirstResponse,
  recordOnSiteArrival,
  recordResolution,
  updateIncidentDetails,
} from './incident-ops';
import type { IncidentOpOptions } from './incident-ops';
import { epochToWall, formatInZone, siteZone, wallToEpoch } from './sla-zone';
import { checkIn, checkOut, createCorrection, createLogEntry, createVisit } from './visit-ops';
import { sampleOpsRecords } from './ops/sample-records';

export interface SampleWorkspace {
  customers: CustomerDoc[];
  sites: SiteDoc[];
  clusters: ClusterDoc[];
  contracts: ContractDoc[];
  visits: VisitDoc[];
  visitLogEntries: VisitLogEntryDoc[];
  incidents: IncidentDoc[];
  inspections: InspectionDoc[];
  /** None: deliverables are made in the app from the sample's incidents and inspections. */
  deliverables: DeliverableDoc[];
  /** None yet: procedure runs are started in the app. */
  procedureRuns: ProcedureRunDoc[];
  /** The ops lists of the ops-package customers (one of each kind and some more). */
  opsRecords: OpsRecordDoc[];
  /** The deployment plan of the bank's test environment (sample-plan.ts at its version). */
  plans: PlanDoc[];
}

const SEED = 0x5eed_2026;
/** The time encoded in the sample's ids (2026-01-01T00:00Z + the id's ordinal, in ms). */
const SAMPLE_ID_EPOCH = Date.UTC(2026, 0, 1);
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MINUTE = 60_000;
const HOUR = 3_600_000;

/** Engineers of the vendor (invented). */
const ENG = {
  wangLei: '王磊',
  chenJing: '陈静',
  liNa: '李娜',
  zhangWei: '张伟',
  liuYang: '刘洋',
  zhouMin: '周敏',
} as const;

export function buildSampleWorkspace(now: Date): SampleWorkspace {
  const nowMs = now.getTime();
  if (Number.isNaN(nowMs)) throw new RangeError('buildSampleWorkspace: invalid now');
  // Ids do not depend on `now`: the n-th id issued is the same whichever day the sample is built,
  // so the local sample and `fieldbook server demo` (built on another day) hold the same
  // customers under the same ids — signing in to the demo server after loading the sample merges
  // them instead of duplicating them — and the sample's records can be recognised to remove them.
  const seeded = createSeededIdGenerator(SEED);
  let issued = 0;
  const id = (_at: number): string => seeded(SAMPLE_ID_EPOCH + issued++);

  // --- time helpers ---------------------------------------------------------------------

  /** `now − minutes`, written in the site's offset. */
  const ago = (site: SiteDoc, minutes: number): IsoInstant =>
    formatInZone(siteZone(site.timeZone), nowMs - minutes * MINUTE);

  /**
   * hh:mm local time on the weekday `daysBack` days (or more, skipping back over a weekend)
   * before today at the site. Always in the past for daysBack ≥ 1.
   */
  const onWeekday = (site: SiteDoc, daysBack: number, hh: number, mm: number): IsoInstant => {
    const zone = siteZone(site.timeZone);
    const todayWall = Math.floor(epochToWall(zone, nowMs) / DAY_MS) * DAY_MS;
    let day = todayWall - daysBack * DAY_MS;
    while ([0, 6].includes(new Date(day).getUTCDay())) day -= DAY_MS;
    return formatInZone(zone, wallToEpoch(zone, day + hh * HOUR + mm * MINUTE));
  };

  const plus = (site: SiteDoc, at: IsoInstant, minutes: number): IsoInstant =>
    formatInZone(siteZone(site.timeZone), Date.parse(at) + minutes * MINUTE);

  /** Local calendar date `days` from today at the site. */
  const dateFromToday = (site: SiteDoc, days: number): string =>
    formatInZone(siteZone(site.timeZone), nowMs + days * DAY_MS).slice(0, 10);

  /** `2026/11/23 10:14:07`, the clock of installer logs (site-local). */
  const logClock = (at: IsoInstant): string =>
    `${at.slice(0, 10).replace(/-/g, '/')} ${at.slice(11, 19)}`;

  /** `Jun 09, 2027 02:14 UTC`, as kubeadm prints certificate expiry. */
  const kubeadmDate = (ms: number): string => {
    const d = new Date(ms);
    const month = MONTHS[d.getUTCMonth()] ?? '';
    const day = String(d.getUTCDate()).padStart(2, '0');
    return `${month} ${day}, ${d.getUTCFullYear()} ${d.toISOString().slice(11, 16)} UTC`;
  };

  const utcAgo = (days: number): IsoInstant => new Date(nowMs - days * DAY_MS).toISOString();
  const newIdAt = (at: IsoInstant): string => id(Date.parse(at));

  // --- customers ------------------------------------------------------------------------

  const customer = (
    days: number,
    fields: Omit<CustomerDoc, 'id' | 'customerId' | 'createdAt' | 'updatedAt'>,
  ): CustomerDoc => {
    const at = utcAgo(days);
    const cid = id(Date.parse(at));
    return { id: cid, customerId: cid, ...fields, createdAt: at, updatedAt: at };
  };

  const bank = customer(720, {
    name: '钱塘银行股份有限公司',
    shortName: '钱塘银行',
    industry: '银行（城市商业银行）',
    contacts: [
      {
        name: '赵志强',
        title: '信息科技部 云平台室主任',
        phone: '0571-8765 2301',
        email: 'zhaozq@qtbank.com.cn',
      },
      { name: '孙丽华', title: '信息科技部 运维工程师', phone: '139 5812 3476' },
    ],
    notes:
      '核心系统容器化二期：支付网关、手机银行后台已上 DCE 5 生产集群。变更窗口：周四 22:00–次日 02:00。',
  });
  const grid = customer(540, {
    name: '荆楚电网有限公司',
    shortName: '荆楚电网',
    industry: '电力（省级电网公司）',
    contacts: [
      {
        name: '胡建国',
        title: '信息通信分公司 云平台负责人',
        phone: '027-8688 5120',
        email: 'hujg@jcgrid.com.cn',
      },
      { name: '邓晓燕', title: '调度自动化处 专责', phone: '186 7123 0958' },
    ],
    notes: '阿里专有云 7x24 远程运维；驻场需提前两个工作日提交进场申请并签署《运维进场报告》。',
  });
  const broker = customer(610, {
    name: '申江证券股份有限公司',
    shortName: '申江证券',
    industry: '证券',
    contacts: [
      {
        name: '钱文涛',
        title: '金融科技部 基础架构总监',
        phone: '021-6032 7788',
        email: 'qianwt@sjsec.com.cn',
      },
      {
        name: '林佳',
        title: '金融科技部 SRE',
        phone: '137 6155 2090',
        email: 'linjia@sjsec.com.cn',
      },
    ],
    notes: '交易时段（9:15–15:00）禁止任何变更；新加坡子公司国际业务集群由上海团队远程支持。',
  });
  const logistics = customer(400, {
    name: '粤通物流集团有限公司',
    shortName: '粤通物流',
    industry: '物流',
    contacts: [
      {
        name: '黄志明',
        title: '数字化中心 架构师',
        phone: '0755-2698 4410',
        email: 'huangzm@yuetong56.com',
      },
      { name: '吴婷', title: '数字化中心 项目经理', phone: '135 1098 7743' },
    ],
  });
  const hospital = customer(300, {
    name: '蜀康医疗集团',
    shortName: '蜀康医疗',
    industry: '医疗（医院集团）',
    contacts: [
      {
        name: '杨帆',
        title: '信息中心 副主任',
        phone: '028-8542 6670',
        email: 'yangfan@shukang-health.cn',
      },
      { name: '罗敏', title: '信息中心 系统管理员', phone: '158 2817 4402' },
    ],
    notes: 'HIS/PACS 运行在 ZStack 私有云；门诊高峰 8:00–12:00 不做任何变更。',
  });

  // --- sites ----------------------------------------------------------------------------

  const site = (
    owner: CustomerDoc,
    days: number,
    fields: Omit<SiteDoc, 'id' | 'customerId' | 'createdAt' | 'updatedAt'>,
  ): SiteDoc => {
    const at = utcAgo(days);
    return {
      id: id(Date.parse(at)),
      customerId: owner.id,
      ...fields,
      createdAt: at,
      updatedAt: at,
    };
  };

  const bankHz = site(bank, 700, {
    name: '杭州滨江数据中心',
    address: '浙江省杭州市滨江区长河街道江南大道 3688 号 钱塘银行科技大楼 B1 机房',
    timeZone: 'Asia/Shanghai',
    holidayCalendar: 'cn',
    contacts: [{ name: '孙丽华', title: '机房值班', phone: '139 5812 3476' }],
    remoteAccess: {
      method: '深信服 SSL VPN + 齐治堡垒机',
      host: 'vpn.qtbank.com.cn',
      username: 'daocloud_ops01',
      password: 'Qt#Bj2026!vpn',
    },
    notes: '进入机房需提前一天在 OA 登记，携带身份证；机柜 B1-07 至 B1-10。',
  });
  const bankXs = site(bank, 500, {
    name: '杭州萧山灾备中心',
    address: '浙江省杭州市萧山区经济技术开发区建设三路 733 号 灾备机房 3 层',
    timeZone: 'Asia/Shanghai',
    holidayCalendar: 'cn',
    contacts: [{ name: '朱海峰', title: '灾备中心 值班长', phone: '0571-8280 1166' }],
    remoteAccess: {
      method: '齐治堡垒机（经滨江中转）',
      host: '10.32.1.10',
      username: 'dr_readonly',
    },
  });
  const gridWh = site(grid, 530, {
    name: '武汉光谷调度数据中心',
    address: '湖北省武汉市东湖新技术开发区光谷大道 77 号 荆楚电网信息通信大楼 5 层',
    timeZone: 'Asia/Shanghai',
    holidayCalendar: 'cn',
    contacts: [{ name: '邓晓燕', title: '调度自动化处 专责', phone: '186 7123 0958' }],
    remoteAccess: {
      method: '电力专网 VPN（双因子）',
      host: '172.30.8.2',
      username: 'ext_daocloud',
      password: 'Jc-Grid@7x24',
    },
  });
  const brokerSh = site(broker, 600, {
    name: '上海外高桥数据中心',
    address: '上海市浦东新区外高桥保税区富特北路 211 号 申江证券 IDC 2 号楼',
    timeZone: 'Asia/Shanghai',
    holidayCalendar: 'cn',
    contacts: [{ name: '林佳', title: 'SRE', phone: '137 6155 2090' }],
    remoteAccess: {
      method: 'Citrix 云桌面 + 堡垒机',
      host: 'vdi.sjsec.com.cn',
      username: 'vendor_daocloud',
      password: 'Sj$ec-2026-vdi',
    },
  });
  const brokerSg = site(broker, 420, {
    name: '新加坡国际业务机房',
    address: '26 Tuas South Avenue 8, #03-12 Tuas Data Centre Park, Singapore 637648',
    timeZone: 'Asia/Singapore',
    holidayCalendar: 'sg',
    contacts: [{ name: 'Marcus Tan', title: 'Data Centre Operations', phone: '+65 6862 4410' }],
    remoteAccess: { method: 'IPsec VPN（经上海）', host: '10.88.0.1', username: 'sj_remote' },
    notes: '申江证券国际（新加坡）有限公司；当地时间 Asia/Singapore，与上海无时差但节假日不同。',
  });
  const logisticsSz = site(logistics, 390, {
    name: '深圳前海数据中心',
    address: '广东省深圳市南山区前海深港合作区梦海大道 5035 号 前海数据中心 A 栋 4 层',
    timeZone: 'Asia/Shanghai',
    holidayCalendar: 'cn',
    contacts: [{ name: '黄志明', title: '架构师', phone: '0755-2698 4410' }],
    remoteAccess: {
      method: '向日葵远程 + 跳板机',
      host: 'jump.yuetong56.com',
      username: 'pds_dce',
      password: 'Yt56!Deploy',
    },
  });
  const hospitalCd = site(hospital, 290, {
    name: '成都天府院区信息中心机房',
    address: '四川省成都市天府新区天府大道南段 1888 号 蜀康医院天府院区 门诊楼负一层',
    timeZone: 'Asia/Shanghai',
    holidayCalendar: 'cn',
    contacts: [{ name: '罗敏', title: '系统管理员', phone: '158 2817 4402' }],
    remoteAccess: { method: '深信服 VPN', host: 'vpn.shukang-health.cn', username: 'zstack_ops' },
  });

  // --- clusters -------------------------------------------------------------------------

  const cluster = (
    s: SiteDoc,
    days: number,
    fields: Omit<ClusterDoc, 'id' | 'customerId' | 'siteId' | 'createdAt' | 'updatedAt'>,
  ): ClusterDoc => {
    const at = utcAgo(days);
    return {
      id: id(Date.parse(at)),
      customerId: s.customerId,
      siteId: s.id,
      ...fields,
      createdAt: at,
      updatedAt: at,
    };
  };

  const samplePlanDoc = (c: ClusterDoc): PlanDoc => {
    const at = utcAgo(30);
    const atMs = Date.parse(at);
    const plan = { ...samplePlan(), version: c.version };
    return {
      id: id(atMs),
      customerId: c.customerId,
      clusterId: c.id,
      status: 'draft',
      ...planDocFields(plan, () => id(atMs)),
      createdAt: at,
      updatedAt: at,
    };
  };

  const bankProd = cluster(bankHz, 690, {
    name: 'hz-prod-01 生产集群',
    environment: 'prod',
    product: 'DCE',
    version: '5.1.2',
    controlPlaneNodes: 3,
    workerNodes: 24,
    notes: '支付网关、手机银行后台；Kubernetes v1.29.5，containerd 1.7，麒麟 V10 SP3。',
  });
  const bankTest = cluster(bankHz, 680, {
    name: 'hz-test-01 测试集群',
    environment: 'test',
    product: 'DCE',
    version: '5.0.6',
    controlPlaneNodes: 3,
    workerNodes: 6,
  });
  const bankDr = cluster(bankXs, 480, {
    name: 'xs-dr-01 灾备集群',
    environment: 'prod',
    product: 'DCE',
    version: '5.1.2',
    controlPlaneNodes: 3,
    workerNodes: 12,
  });
  const bankLegacy = cluster(bankHz, 695, {
    name: 'legacy-core 旧版集群',
    environment: 'prod',
    product: 'DCE',
    version: '4.0.11',
    controlPlaneNodes: 3,
    workerNodes: 8,
    notes: 'DCE 4 已于 2025-03-31 后停止所有支持服务；剩余 3 个批处理应用待迁移至 hz-prod-01。',
  });
  const brokerProd = cluster(brokerSh, 590, {
    name: 'sh-trade-prod 交易外围集群',
    environment: 'prod',
    product: 'DCE',
    version: '5.0.8',
    controlPlaneNodes: 3,
    workerNodes: 16,
  });
  const brokerLegacy = cluster(brokerSh, 598, {
    name: 'sh-legacy 资管旧集群',
    environment: 'prod',
    product: 'DCE',
    version: '4.0.9',
    controlPlaneNodes: 3,
    workerNodes: 6,
    notes: '延长软件维护 (EAM) 覆盖至迁移完成，仅远程支持。',
  });
  const brokerSgProd = cluster(brokerSg, 410, {
    name: 'sg-intl-prod 国际业务集群',
    environment: 'prod',
    product: 'DCE',
    version: '5.0.8',
    controlPlaneNodes: 3,
    workerNodes: 6,
  });
  const logisticsOld = cluster(logisticsSz, 388, {
    name: 'sz-tms-old 运输管理旧集群',
    environment: 'prod',
    product: 'DCE',
    version: '3.1.4',
    controlPlaneNodes: 3,
    workerNodes: 10,
    notes: 'DCE 3 已停止支持（2023-07-30 后）；TMS 正在迁移至 sz-tms-new。',
  });
  const logisticsNew = cluster(logisticsSz, 120, {
    name: 'sz-tms-new 运输管理新集群',
    environment: 'prod',
    product: 'DCE',
    version: '5.1.0',
    controlPlaneNodes: 3,
    workerNodes: 8,
  });
  const gridApsara = cluster(gridWh, 520, {
    name: '调度云 专有云 V3 生产区域',
    environment: 'prod',
    product: 'Apsara Stack',
    version: '3.16.2',
    controlPlaneNodes: 9,
    workerNodes: 126,
  });
  const hospitalZs = cluster(hospitalCd, 285, {
    name: 'tf-zstack HIS/PACS 私有云',
    environment: 'prod',
    product: 'ZStack',
    version: '4.7.21',
    controlPlaneNodes: 2,
    workerNodes: 18,
    notes: '双管理节点高可用；Ceph 分布式存储 3 副本，PACS 影像单独存储池。',
  });

  // --- contracts ------------------------------------------------------------------------

  const contract = (
    owner: CustomerDoc,
    days: number,
    fields: Omit<ContractDoc, 'id' | 'customerId' | 'createdAt' | 'updatedAt'>,
  ): ContractDoc => {
    const at = utcAgo(days);
    return {
      id: id(Date.parse(at)),
      customerId: owner.id,
      ...fields,
      createdAt: at,
      updatedAt: at,
    };
  };

  const bankContract = contract(bank, 380, {
    number: 'DCE-QT-2025-017',
    packId: 'dce-support',
    services: ['SNS', 'S360', 'PDS'],
    tier: 'professional',
    startDate: dateFromToday(bankHz, -365),
    endDate: dateFromToday(bankHz, 730),
    validityRule: 'licence-activation',
    siteIds: [bankHz.id, bankXs.id],
    clusterIds: [bankProd.id, bankTest.id, bankDr.id],
    notes: '专业服务：1 级事件 1 小时响应并可现场支持；S360 每季度主动巡检。',
  });
  const brokerContract = contract(broker, 400, {
    number: 'DCE-SJ-2025-042',
    packId: 'dce-support',
    services: ['SNS', 'S360', 'EAM'],
    tier: 'advanced',
    startDate: dateFromToday(brokerSh, -390),
    endDate: dateFromToday(brokerSh, 340),
    validityRule: 'licence-activation',
    siteIds: [brokerSh.id, brokerSg.id],
    clusterIds: [brokerProd.id, brokerLegacy.id, brokerSgProd.id],
    notes: 'EAM 覆盖 sh-legacy（DCE 4.0.9），仅远程支持，代码级修复仅限 1、2 级事件。',
  });
  const logisticsContract = contract(logistics, 130, {
    number: 'DCE-YT-2026-005',
    packId: 'dce-support',
    services: ['SNS', 'PDS'],
    tier: 'standard',
    startDate: dateFromToday(logisticsSz, -120),
    endDate: dateFromToday(logisticsSz, 610),
    validityRule: 'new-cluster-expansion',
    siteIds: [logisticsSz.id],
    clusterIds: [logisticsNew.id],
    notes: '以新建集群方式扩容，服务有效期自 License 激活起独立计算；旧 DCE 3 集群不在保。',
  });
  const gridContract = contract(grid, 545, {
    number: 'OPS-JC-2025-003',
    packId: 'private-cloud-ops',
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
    tier: '7x24',
    startDate: dateFromToday(gridWh, -530),
    endDate: dateFromToday(gridWh, 200),
    validityRule: 'licence-activation',
    siteIds: [gridWh.id],
    clusterIds: [gridApsara.id],
    notes: '7*24 远程运维：每天巡检一次，周报；变更管理不在服务包内。',
  });
  const hospitalContract = contract(hospital, 295, {
    number: 'OPS-SK-2026-001',
    packId: 'private-cloud-ops',
    services: [
      'technical-support',
      'fault-emergency',
      'monitoring-alerts',
      'resource-inspection',
      'backup-management',
      'service-reporting',
    ],
    tier: '5x8',
    startDate: dateFromToday(hospitalCd, -280),
    endDate: dateFromToday(hospitalCd, 85),
    validityRule: 'licence-activation',
    siteIds: [hospitalCd.id],
    clusterIds: [hospitalZs.id],
    notes: '5*8 远程运维（工作日 9:00–18:00），每工作日巡检一次，月报。',
  });

  // --- visits and their logs ------------------------------------------------------------

  const visits: VisitDoc[] = [];
  const entries: VisitLogEntryDoc[] = [];

  type EntrySpec = {
    at: IsoInstant;
    author: string;
    text: string;
    command?: string;
    output?: string;
  };
  const log = (visit: VisitDoc, spec: EntrySpec): VisitLogEntryDoc => {
    const entry = createLogEntry({
      visit,
      author: spec.author,
      kind: spec.command === undefined ? 'note' : 'command',
      text: spec.text,
      ...(spec.command !== undefined ? { command: spec.command } : {}),
      ...(spec.output !== undefined ? { output: spec.output } : {}),
      at: spec.at,
      id: newIdAt(spec.at),
    });
    entries.push(entry);
    return entry;
  };

  // 1. Quarterly S360 inspection at the bank, done last week (checked out).
  {
    const checkInAt = onWeekday(bankHz, 4, 9, 32);
    const planned = createVisit(
      {
        customerId: bank.id,
        siteId: bankHz.id,
        contractId: bankContract.id,
        purpose: 'inspection',
        summary:
          'S360 第四季度主动巡检：hz-prod-01 生产集群（管理节点、计算节点、etcd、证书、应用状态）',
        engineers: [ENG.chenJing, ENG.zhangWei],
        plannedDate: checkInAt.slice(0, 10),
        id: newIdAt(plus(bankHz, checkInAt, -7 * 24 * 60)),
      },
      plus(bankHz, checkInAt, -7 * 24 * 60),
    );
    let v = checkIn(planned, checkInAt);
    const t = (m: number) => plus(bankHz, checkInAt, m);
    log(v, {
      at: t(8),
      author: ENG.chenJing,
      text: '到达滨江数据中心，孙丽华陪同进入 B1 机房，已签到。巡检范围：hz-prod-01。',
    });
    log(v, {
      at: t(21),
      author: ENG.chenJing,
      text: '节点状态：27 个节点全部 Ready。',
      command: 'kubectl get nodes -o wide',
      output: [
        'NAME            STATUS   ROLES           AGE    VERSION   INTERNAL-IP    OS-IMAGE                                  KERNEL-VERSION                    CONTAINER-RUNTIME',
        'hz-prod-m01     Ready    control-plane   412d   v1.29.5   10.16.8.11     Kylin Linux Advanced Server V10 (Lance)   4.19.90-89.11.v2401.ky10.x86_64   containerd://1.7.13',
        'hz-prod-m02     Ready    control-plane   412d   v1.29.5   10.16.8.12     Kylin Linux Advanced Server V10 (Lance)   4.19.90-89.11.v2401.ky10.x86_64   containerd://1.7.13',
        'hz-prod-m03     Ready    control-plane   412d   v1.29.5   10.16.8.13     Kylin Linux Advanced Server V10 (Lance)   4.19.90-89.11.v2401.ky10.x86_64   containerd://1.7.13',
        'hz-prod-w01     Ready    <none>          412d   v1.29.5   10.16.9.21     Kylin Linux Advanced Server V10 (Lance)   4.19.90-89.11.v2401.ky10.x86_64   containerd://1.7.13',
        'hz-prod-w02     Ready    <none>          412d   v1.29.5   10.16.9.22     Kylin Linux Advanced Server V10 (Lance)   4.19.90-89.11.v2401.ky10.x86_64   containerd://1.7.13',
        '...（共 27 行，省略 w03–w23）',
        'hz-prod-w24     Ready    <none>          96d    v1.29.5   10.16.9.44     Kylin Linux Advanced Server V10 (Lance)   4.19.90-89.11.v2401.ky10.x86_64   containerd://1.7.13',
      ].join('\n'),
    });
    const etcd = log(v, {
      at: t(34),
      author: ENG.zhangWei,
      text: 'etcd 三个成员均健康，leader 为 m02，DB 大小 1.2 GB，未超过 8 GB 配额。',
      command:
        'ETCDCTL_API=3 etcdctl --endpoints=https://10.16.8.11:2379,https://10.16.8.12:2379,https://10.16.8.13:2379 --cacert=/etc/kubernetes/ssl/etcd/ca.crt --cert=/etc/kubernetes/ssl/etcd/healthcheck-client.crt --key=/etc/kubernetes/ssl/etcd/healthcheck-client.key endpoint status -w table',
      output: [
        '+--------------------------+------------------+---------+---------+-----------+------------+-----------+------------+--------------------+--------+',
        '|         ENDPOINT         |        ID        | VERSION | DB SIZE | IS LEADER | IS LEARNER | RAFT TERM | RAFT INDEX | RAFT APPLIED INDEX | ERRORS |',
        '+--------------------------+------------------+---------+---------+-----------+------------+-----------+------------+--------------------+--------+',
        '| https://10.16.8.11:2379 | 8e9e05c52164694d |  3.5.12 |  1.2 GB |     false |      false |        17 |  298174432 |          298174432 |        |',
        '| https://10.16.8.12:2379 | 91bc3c398fb3c146 |  3.5.12 |  1.2 GB |      true |      false |        17 |  298174432 |          298174432 |        |',
        '| https://10.16.8.13:2379 | fd422379fda50e48 |  3.5.12 |  1.2 GB |     false |      false |        17 |  298174433 |          298174433 |        |',
        '+--------------------------+------------------+---------+---------+-----------+------------+-----------+------------+--------------------+--------+',
      ].join('\n'),
    });
    log(v, {
      at: t(52),
      author: ENG.zhangWei,
      text: '证书检查：apiserver 等证书剩余 198 天；前端代理 CA 剩余 9 年。建议在下次季度巡检前安排续期。',
      command: 'kubeadm certs check-expiration',
      output: (() => {
        const leaf = kubeadmDate(Date.parse(checkInAt) + 198 * DAY_MS - 7 * HOUR);
        const ca = kubeadmDate(Date.parse(checkInAt) + 2900 * DAY_MS - 7 * HOUR);
        const row = (name: string, authority: string) =>
          `${name.padEnd(27)}${leaf}   198d            ${authority.padEnd(24)}no`;
        return [
          'CERTIFICATE                EXPIRES                  RESIDUAL TIME   CERTIFICATE AUTHORITY   EXTERNALLY MANAGED',
          row('admin.conf', 'ca'),
          row('apiserver', 'ca'),
          row('apiserver-kubelet-client', 'ca'),
          row('controller-manager.conf', 'ca'),
          row('front-proxy-client', 'front-proxy-ca'),
          row('scheduler.conf', 'ca'),
          '',
          'CERTIFICATE AUTHORITY   EXPIRES                  RESIDUAL TIME   EXTERNALLY MANAGED',
          `ca                      ${ca}   7y              no`,
          `front-proxy-ca          ${ca}   7y              no`,
        ].join('\n');
      })(),
    });
    log(v, {
      at: t(75),
      author: ENG.chenJing,
      text: '资源水位：w07、w11 内存使用超过 80%，均为支付网关副本集中调度导致，建议配置 Pod 反亲和。',
      command: 'kubectl top nodes --sort-by=memory | head -6',
      output: [
        'NAME          CPU(cores)   CPU%   MEMORY(bytes)   MEMORY%',
        'hz-prod-w07   11840m       37%    105233Mi        84%',
        'hz-prod-w11   10120m       31%    101870Mi        81%',
        'hz-prod-w03   8730m        27%    88410Mi         70%',
        'hz-prod-w15   8110m        25%    84102Mi         67%',
        'hz-prod-w02   7650m        23%    80977Mi         64%',
      ].join('\n'),
    });
    log(v, {
      at: t(118),
      author: ENG.chenJing,
      text: '应用状态：发现 2 个非 Running 的 Pod（均为定时任务遗留的 Error 状态），已告知孙丽华清理。',
      command: 'kubectl get pods -A --field-selector=status.phase!=Running,status.phase!=Succeeded',
      output: [
        'NAMESPACE     NAME                                  READY   STATUS   RESTARTS   AGE',
        'batch-report  daily-recon-28871460-7xk2p            0/1     Error    0          3d4h',
        'batch-report  daily-recon-28872900-q9dtm            0/1     Error    0          2d4h',
      ].join('\n'),
    });
    log(v, {
      at: t(205),
      author: ENG.zhangWei,
      text: 'legacy-core（DCE 4.0.11）已过支持终止日期，仅做只读检查：3 个批处理应用仍在运行，建议本季度内完成迁移。',
    });
    log(v, {
      at: t(330),
      author: ENG.chenJing,
      text: '与赵志强主任沟通巡检结论：总体健康，3 项建议（证书续期计划、支付网关反亲和、legacy-core 迁移）。巡检报告将在两个工作日内提交。',
    });
    entries.push(
      createCorrection(etcd, {
        author: ENG.zhangWei,
        text: '更正：etcd DB 大小为 1.2 GB 属实，但 m03 的 RAFT INDEX 比其他成员多 1，属正常的瞬时差异，非数据不一致。',
        at: t(61),
        id: newIdAt(t(61)),
      }),
    );
    v = checkOut(v, t(468));
    visits.push(v);
  }

  // 2. Worker-node expansion on the logistics group's new cluster, checked in this morning.
  {
    const checkInAt = ago(logisticsSz, 200);
    const planned = createVisit(
      {
        customerId: logistics.id,
        siteId: logisticsSz.id,
        contractId: logisticsContract.id,
        purpose: 'deployment',
        summary:
          'PDS 扩容实施：sz-tms-new 新增 4 个工作节点，并部署服务网格模块，为 TMS 迁移做准备',
        engineers: [ENG.wangLei, ENG.liuYang],
        plannedDate: checkInAt.slice(0, 10),
        id: newIdAt(plus(logisticsSz, checkInAt, -5 * 24 * 60)),
      },
      plus(logisticsSz, checkInAt, -5 * 24 * 60),
    );
    const v = checkIn(planned, checkInAt);
    const t = (m: number) => plus(logisticsSz, checkInAt, m);
    log(v, {
      at: t(5),
      author: ENG.wangLei,
      text: '到达前海数据中心 A 栋 4 层，黄志明确认变更单 CHG-2026-1187 已审批，窗口至今日 18:00。',
    });
    log(v, {
      at: t(26),
      author: ENG.liuYang,
      text: '新节点预检：4 台均满足 16C/64G、系统盘 200G、数据盘 1T，时钟同步正常。',
      command:
        "for h in 10.60.2.31 10.60.2.32 10.60.2.33 10.60.2.34; do ssh root@$h \"hostname; nproc; free -g | awk '/Mem/{print $2}'; chronyc tracking | grep 'System time'\"; done",
      output: [
        'sz-tms-w09',
        '16',
        '62',
        'System time     : 0.000012843 seconds fast of NTP time',
        'sz-tms-w10',
        '16',
        '62',
        'System time     : 0.000009511 seconds slow of NTP time',
        'sz-tms-w11',
        '16',
        '62',
        'System time     : 0.000021067 seconds fast of NTP time',
        'sz-tms-w12',
        '16',
        '62',
        'System time     : 0.000004220 seconds fast of NTP time',
      ].join('\n'),
    });
    log(v, {
      at: t(48),
      author: ENG.wangLei,
      text: '执行离线安装器扩容工作节点。',
      command:
        './offline/dce5-installer cluster-create -c ./offline/sample/clusterConfig.yaml -m ./offline/sample/manifest.yaml --add-workers sz-tms-w09,sz-tms-w10,sz-tms-w11,sz-tms-w12',
      output: [
        `[info] ${logClock(t(48))} validating cluster config ... ok`,
        `[info] ${logClock(t(48))} loading offline images from ./offline/images ... 214 images`,
        `[info] ${logClock(t(56))} preparing nodes sz-tms-w09..w12 (containerd, kubelet v1.30.4)`,
        `[info] ${logClock(t(72))} joining nodes to cluster sz-tms-new`,
        `[info] ${logClock(t(76))} 4/4 nodes joined, waiting for Ready`,
        `[info] ${logClock(t(78))} done`,
      ].join('\n'),
    });
    log(v, {
      at: t(97),
      author: ENG.liuYang,
      text: '新节点均已 Ready，已打 tms=true 标签。',
      command: 'kubectl get nodes -l tms=true',
      output: [
        'NAME         STATUS   ROLES    AGE   VERSION',
        'sz-tms-w09   Ready    <none>   14m   v1.30.4',
        'sz-tms-w10   Ready    <none>   14m   v1.30.4',
        'sz-tms-w11   Ready    <none>   13m   v1.30.4',
        'sz-tms-w12   Ready    <none>   13m   v1.30.4',
      ].join('\n'),
    });
    log(v, {
      at: t(141),
      author: ENG.wangLei,
      text: '服务网格模块安装中：istiod 已就绪，ingress 网关 2 副本中 1 个 Pending（等待 LB 地址），已请客户网络组分配 VIP。',
      command: 'kubectl -n istio-system get pods',
      output: [
        'NAME                                    READY   STATUS    RESTARTS   AGE',
        'istiod-7c9d8b6f5d-2mx8q                 1/1     Running   0          9m',
        'istiod-7c9d8b6f5d-vt4lz                 1/1     Running   0          9m',
        'istio-ingressgateway-5f8c7d9b44-h7wqp   1/1     Running   0          8m',
        'istio-ingressgateway-5f8c7d9b44-x2k9c   0/1     Pending   0          8m',
      ].join('\n'),
    });
    log(v, {
      at: t(183),
      author: ENG.liuYang,
      text: '客户网络组已分配 VIP 10.60.0.88，等待 F5 配置生效后继续验证。',
    });
    visits.push(v);
  }

  // 3. Upgrade of the broker's trading cluster, planned for next week.
  visits.push(
    createVisit(
      {
        customerId: broker.id,
        siteId: brokerSh.id,
        contractId: brokerContract.id,
        purpose: 'upgrade',
        summary:
          'sh-trade-prod 由 DCE 5.0.8 升级至 5.1.2（非交易时段，周六 09:00–18:00），含升级前检查与回退方案',
        engineers: [ENG.zhangWei, ENG.wangLei],
        plannedDate: dateFromToday(brokerSh, 9),
        id: newIdAt(ago(brokerSh, 2 * 24 * 60)),
      },
      ago(brokerSh, 2 * 24 * 60),
    ),
  );

  // 4. Daily resource inspection of the grid's Apsara Stack region, on site last week.
  {
    const checkInAt = onWeekday(gridWh, 6, 9, 5);
    const planned = createVisit(
      {
        customerId: grid.id,
        siteId: gridWh.id,
        contractId: gridContract.id,
        purpose: 'inspection',
        summary: '专有云资源巡检（驻场）：计算、存储、网络水位与告警核对，输出《巡检报告》',
        engineers: [ENG.zhouMin],
        plannedDate: checkInAt.slice(0, 10),
        id: newIdAt(plus(gridWh, checkInAt, -3 * 24 * 60)),
      },
      plus(gridWh, checkInAt, -3 * 24 * 60),
    );
    let v = checkIn(planned, checkInAt);
    const t = (m: number) => plus(gridWh, checkInAt, m);
    log(v, {
      at: t(10),
      author: ENG.zhouMin,
      text: '签署《运维进场报告》，邓晓燕确认本次驻场时间为今日 9:00–17:30。',
    });
    log(v, {
      at: t(64),
      author: ENG.zhouMin,
      text: '盘古存储集群容量 71%，低于 80% 告警线；ECS 宿主机 126 台全部在线。',
      command: 'df -h /apsara | tail -1; cat /proc/loadavg',
      output: [
        '/dev/mapper/vg_data-lv_apsara  7.0T  5.0T  2.0T  71% /apsara',
        '3.18 3.42 3.51 5/1812 2931047',
      ].join('\n'),
    });
    log(v, {
      at: t(190),
      author: ENG.zhouMin,
      text: '告警核对：近 7 天 12 条告警均已处理闭环，其中 1 条 SLB 健康检查抖动已记入事件清单。',
    });
    log(v, {
      at: t(405),
      author: ENG.zhouMin,
      text: '巡检完成，健康评分 92 分；风险 1 项：部分宿主机固件版本偏旧，建议纳入下季度变更计划。',
    });
    v = checkOut(v, t(500));
    visits.push(v);
  }

  // 5. On-site troubleshooting at the hospital's ZStack cloud, two weeks ago.
  {
    const checkInAt = onWeekday(hospitalCd, 14, 13, 40);
    const planned = createVisit(
      {
        customerId: hospital.id,
        siteId: hospitalCd.id,
        contractId: hospitalContract.id,
        purpose: 'troubleshooting',
        summary: 'PACS 影像云主机磁盘 IO 延迟升高排查',
        engineers: [ENG.liuYang],
        plannedDate: checkInAt.slice(0, 10),
        id: newIdAt(plus(hospitalCd, checkInAt, -24 * 60)),
      },
      plus(hospitalCd, checkInAt, -24 * 60),
    );
    let v = checkIn(planned, checkInAt);
    const t = (m: number) => plus(hospitalCd, checkInAt, m);
    log(v, {
      at: t(15),
      author: ENG.liuYang,
      text: '宿主机状态正常，PACS 云主机集中在 host-07/08 两台物理机上。',
      command: 'zstack-cli QueryHost fields=name,state,status,managementIp',
      output: [
        '{',
        '    "inventories": [',
        '        { "managementIp": "10.8.1.17", "name": "host-07", "state": "Enabled", "status": "Connected" },',
        '        { "managementIp": "10.8.1.18", "name": "host-08", "state": "Enabled", "status": "Connected" }',
        '    ],',
        '    "success": true',
        '}',
      ].join('\n'),
    });
    log(v, {
      at: t(72),
      author: ENG.liuYang,
      text: 'Ceph 存储池 pacs-pool 的 PG 有 3 个处于 backfilling，恢复流量占用带宽导致 IO 延迟；限速后延迟恢复到 5 ms 以内。',
    });
    v = checkOut(v, t(185));
    visits.push(v);
  }

  // --- incidents ------------------------------------------------------------------------

  const incidents: IncidentDoc[] = [];
  const op = (at: IsoInstant): IncidentOpOptions => ({ eventId: newIdAt(at) });

  // Level 1 on the bank's professional contract, open, with hourly updates and an engineer on site.
  {
    const openedAt = ago(bankHz, 170);
    const t = (m: number) => plus(bankHz, openedAt, m);
    let inc = openIncident(
      {
        customerId: bank.id,
        site: bankHz,
        contract: bankContract,
        clusterId: bankProd.id,
        title: 'hz-prod-01 kube-apiserver 频繁 OOM，支付网关新 Pod 无法调度',
        description:
          '孙丽华来电：09 点后支付网关扩容失败，kubectl 间歇性超时；监控显示三个 master 的 kube-apiserver 内存持续上涨后被 OOMKilled。生产交易受影响，无可用的规避方法。',
        level: '1',
        openedAt,
        author: ENG.liNa,
        impact: '支付网关无法扩容，高峰期交易成功率下降至 97.2%',
        id: newIdAt(openedAt),
      },
      openedAt,
      op(openedAt),
    );
    inc = recordFirstResponse(
      inc,
      t(17),
      ENG.liNa,
      '已电话回拨孙丽华，远程接入堡垒机开始排查。',
      op(t(17)),
    );
    inc = addTimelineEvent(
      inc,
      {
        kind: 'escalation',
        at: t(38),
        author: ENG.liNa,
        text: '升级至二线专家张伟，并通知当班主管。',
      },
      op(t(38)),
    );
    inc = recordDispatch(inc, t(44), ENG.liNa, '派遣王磊前往滨江数据中心现场支持。', op(t(44)));
    inc = addTimelineEvent(
      inc,
      {
        kind: 'update',
        at: t(60),
        author: ENG.zhangWei,
        text: '每小时通报：定位到某批处理应用以 watch 方式全量 list Secret，apiserver 缓存膨胀；已联系应用方暂停该任务。',
      },
      op(t(60)),
    );
    inc = addTimelineEvent(
      inc,
      {
        kind: 'workaround',
        at: t(95),
        author: ENG.zhangWei,
        text: '临时方案：为 kube-apiserver 设置 --max-requests-inflight=800，并对该应用的 ServiceAccount 限流（APF FlowSchema）。',
      },
      op(t(95)),
    );
    inc = recordOnSiteArrival(
      inc,
      t(112),
      ENG.wangLei,
      '王磊已到达现场，与客户一起观察 apiserver 内存曲线。',
      op(t(112)),
    );
    inc = addTimelineEvent(
      inc,
      {
        kind: 'update',
        at: t(121),
        author: ENG.zhangWei,
        text: '每小时通报：apiserver 内存稳定在 11 GB，支付网关扩容恢复；继续观察 1 小时后评估降级。',
      },
      op(t(121)),
    );
    incidents.push(inc);
  }

  // Level 2 on the logistics group's standard contract: the response came too late (breached).
  {
    const openedAt = onWeekday(logisticsSz, 12, 10, 20);
    let inc = openIncident(
      {
        customerId: logistics.id,
        site: logisticsSz,
        contract: logisticsContract,
        clusterId: logisticsNew.id,
        title: 'sz-tms-new 镜像仓库推送间歇性 504，流水线发布失败',
        description:
          '黄志明邮件报告：Jenkins 流水线向内置镜像仓库推送大镜像（>2 GB）时约三成失败，返回 504 Gateway Timeout；小镜像正常。可改为夜间手工推送。',
        level: '2',
        openedAt,
        author: ENG.liNa,
        id: newIdAt(openedAt),
      },
      openedAt,
      op(openedAt),
    );
    // The e-mail was not dispatched: the first response came two hours after the due time
    // (computed, so the incident is breached whatever holidays precede it).
    const respondMs = Date.parse(inc.dueAt) + 130 * MINUTE;
    if (inc.dueAt !== '' && respondMs + 4 * HOUR < nowMs) {
      const respondAt = formatInZone(siteZone(logisticsSz.timeZone), respondMs);
      inc = recordFirstResponse(
        inc,
        respondAt,
        ENG.liuYang,
        '邮件漏分派，超时后才回复客户并致歉；已开始排查 ingress 超时设置。',
        op(respondAt),
      );
      const updateAt = plus(logisticsSz, respondAt, 180);
      inc = addTimelineEvent(
        inc,
        {
          kind: 'update',
          at: updateAt,
          author: ENG.liuYang,
          text: 'ingress-nginx proxy-read-timeout 为 60s，大镜像层上传超时；建议调整为 600s 并开启分块上传。',
        },
        op(updateAt),
      );
    }
    incidents.push(inc);
  }

  // Level 3 at the broker's Singapore site (advanced), paused waiting for the customer's logs.
  {
    const openedAt = onWeekday(brokerSg, 5, 14, 10);
    const t = (m: number) => plus(brokerSg, openedAt, m);
    let inc = openIncident(
      {
        customerId: broker.id,
        site: brokerSg,
        contract: brokerContract,
        clusterId: brokerSgProd.id,
        title: 'sg-intl-prod 容器日志采集延迟 10–20 分钟',
        description:
          'Marcus Tan 反馈：Kibana 中行情网关日志比实际晚 10–20 分钟，业务不受影响，排障时不便。',
        level: '3',
        openedAt,
        author: ENG.liNa,
        id: newIdAt(openedAt),
      },
      openedAt,
      op(openedAt),
    );
    inc = recordFirstResponse(
      inc,
      t(35),
      ENG.chenJing,
      '已回复邮件，远程查看 fluent-bit DaemonSet 状态。',
      op(t(35)),
    );
    inc = addTimelineEvent(
      inc,
      {
        kind: 'update',
        at: t(160),
        author: ENG.chenJing,
        text: 'fluent-bit 输出缓冲区频繁达到上限，怀疑 ES 写入被限流，需要客户 ES 集群的 _cat/thread_pool 与慢日志。',
      },
      op(t(160)),
    );
    const pauseAt = onWeekday(brokerSg, 2, 10, 0);
    inc = pauseIncident(
      inc,
      brokerSg,
      INFO_REQUEST_PAUSE_REASON,
      pauseAt,
      ENG.chenJing,
      '已邮件请客户提供 ES 集群 thread_pool 统计、慢日志和 fluent-bit 配置文件',
      op(pauseAt),
    );
    incidents.push(inc);
  }

  // Level 4 at the bank, closed as transferred to the customer (已转移给客户).
  {
    const openedAt = onWeekday(bankHz, 24, 15, 5);
    const t = (m: number) => plus(bankHz, openedAt, m);
    let inc = openIncident(
      {
        customerId: bank.id,
        site: bankHz,
        contract: bankContract,
        clusterId: bankTest.id,
        title: '如何为测试集群的 Ingress 配置来源 IP 白名单',
        description: '孙丽华咨询：测试环境的管理后台需只允许办公网 10.200.0.0/16 访问。',
        level: '4',
        openedAt,
        author: ENG.liNa,
        id: newIdAt(openedAt),
      },
      openedAt,
      op(openedAt),
    );
    inc = recordFirstResponse(
      inc,
      t(40),
      ENG.chenJing,
      '已回复，确认使用 ingress-nginx。',
      op(t(40)),
    );
    inc = recordResolution(
      inc,
      t(22 * 60),
      ENG.chenJing,
      '通过邮件提供配置方法：nginx.ingress.kubernetes.io/whitelist-source-range: 10.200.0.0/16，并附测试步骤。',
      op(t(22 * 60)),
    );
    inc = closeIncident(
      inc,
      {
        state: 'transferred-to-customer',
        note: '客户通过邮件获知方案，未直接参与验证，7 天内未反馈未修复，按政策标记为已转移给客户。',
      },
      t(8 * 24 * 60),
      ENG.chenJing,
      op(t(8 * 24 * 60)),
    );
    incidents.push(inc);
  }

  // P1 fault on the grid's Apsara Stack (ops 7x24), handled at night and closed.
  {
    const openedAt = plus(gridWh, onWeekday(gridWh, 6, 0, 0), 2 * 60 + 14);
    const t = (m: number) => plus(gridWh, openedAt, m);
    let inc = openIncident(
      {
        customerId: grid.id,
        site: gridWh,
        contract: gridContract,
        clusterId: gridApsara.id,
        title: '专有云 SLB 实例健康检查全部失败，调度门户无法访问',
        description: '监控告警：调度门户所在 SLB 后端 6 台 ECS 健康检查全部失败，门户 502。',
        level: 'P1',
        openedAt,
        author: ENG.zhouMin,
        impact: '调度门户中断，调度员改用备用客户端',
        id: newIdAt(openedAt),
      },
      openedAt,
      op(openedAt),
    );
    inc = recordFirstResponse(
      inc,
      t(3),
      ENG.zhouMin,
      '值班群内响应，远程登录天基控制台查看 SLB 与 ECS 状态。',
      op(t(3)),
    );
    inc = addTimelineEvent(
      inc,
      {
        kind: 'update',
        at: t(26),
        author: ENG.zhouMin,
        text: '定位：安全组规则误删导致健康检查端口 8080 不通（变更 CHG-JC-0412 误操作）。',
      },
      op(t(26)),
    );
    inc = recordResolution(
      inc,
      t(41),
      ENG.zhouMin,
      '恢复安全组规则，健康检查恢复，门户访问正常。',
      op(t(41)),
    );
    inc = updateIncidentDetails(
      inc,
      {
        rootCause: '变更 CHG-JC-0412 执行时误删安全组 sg-dispatch-web 的入方向 8080 规则。',
        workaround: '恢复安全组规则',
      },
      t(42),
    );
    inc = closeIncident(
      inc,
      { state: 'resolved', note: '客户确认恢复；将输出《故障处理报告》。' },
      t(7 * 60),
      ENG.zhouMin,
      op(t(7 * 60)),
    );
    incidents.push(inc);
  }

  // A service request at the hospital (ops 5x8), just in.
  {
    const openedAt = ago(hospitalCd, 40);
    incidents.push(
      openIncident(
        {
          customerId: hospital.id,
          site: hospitalCd,
          contract: hospitalContract,
          clusterId: hospitalZs.id,
          title: '申请调整 PACS 项目云主机配额（vCPU 64 → 96）',
          description: '罗敏在运维服务群提出：下月新增影像归档节点，需调整项目配额。',
          level: 'request',
          openedAt,
          author: ENG.liuYang,
          id: newIdAt(openedAt),
        },
        openedAt,
        op(openedAt),
      ),
    );
  }

  // A level 3 at the bank, reclassified from 2, resolved and waiting for the customer's agreement.
  {
    const openedAt = onWeekday(bankXs, 3, 11, 0);
    const t = (m: number) => plus(bankXs, openedAt, m);
    let inc = openIncident(
      {
        customerId: bank.id,
        site: bankXs,
        contract: bankContract,
        clusterId: bankDr.id,
        title: 'xs-dr-01 灾备集群 Velero 备份任务部分失败',
        description: '朱海峰报告：夜间 Velero 备份 12 个命名空间中 2 个 PartiallyFailed。',
        level: '2',
        openedAt,
        author: ENG.liNa,
        id: newIdAt(openedAt),
      },
      openedAt,
      op(openedAt),
    );
    inc = recordFirstResponse(inc, t(50), ENG.chenJing, '远程查看 Velero 日志。', op(t(50)));
    inc = reclassify(
      inc,
      bankXs,
      '3',
      '仅个别 PVC 快照超时，备份整体可用，不影响灾备切换：降为 3 级。',
      t(90),
      ENG.chenJing,
      op(t(90)),
    );
    inc = recordResolution(
      inc,
      t(300),
      ENG.chenJing,
      '调整 Velero CSI 快照超时为 30 分钟，次日备份全部 Completed；等待客户确认关闭。',
      op(t(300)),
    );
    incidents.push(inc);
  }

  // A level 5 improvement suggestion from the broker: no time target.
  {
    const openedAt = onWeekday(brokerSh, 9, 16, 30);
    incidents.push(
      openIncident(
        {
          customerId: broker.id,
          site: brokerSh,
          contract: brokerContract,
          clusterId: brokerProd.id,
          title: '建议：容器管理界面支持按交易时段冻结发布',
          description:
            '钱文涛建议在 DCE 中增加“发布冻结窗口”配置，交易时段内自动拒绝工作负载变更。',
          level: '5',
          openedAt,
          author: ENG.zhangWei,
          id: newIdAt(openedAt),
        },
        openedAt,
        op(openedAt),
      ),
    );
  }

  const inspections: InspectionDoc[] = [];
  // --- inspections --------------------------------------------------------------------------

  /** A plausible healthy reading for a numeric check: well inside its warning limit. */
  const healthy = (item: TemplateItem, n: number): number => {
    const warn = item.threshold?.warn ?? item.threshold?.fail;
    if (!warn || item.unit === 'count') return 0;
    const upward = warn.op === '>' || warn.op === '>=';
    const spread = 0.35 + ((n * 37) % 40) / 100;
    if (upward) {
      const v = warn.value * spread;
      return item.unit === '%' ? Math.round(v * 10) / 10 : Math.max(1, Math.round(v));
    }
    return Math.round(warn.value * (1.5 + spread * 2));
  };

  type Planted = { value?: number; result?: ItemResult; note?: string };
  /** Answers every check of `doc` (or those of `sections`) healthily, except the planted ones. */
  const answerAll = (
    doc: InspectionDoc,
    clusterDoc: ClusterDoc,
    at: (n: number) => IsoInstant,
    by: (n: number) => string,
    planted: Record<string, Planted>,
    sections?: string[],
  ): InspectionDoc => {
    const template = templateOf(doc);
    const checks = expandInspection(template, [
      { id: clusterDoc.id, nodes: doc.clusters[0]?.nodes ?? [] },
    ]).filter((c) => sections === undefined || sections.includes(c.section.id));
    let out = doc;
    checks.forEach((c, n) => {
      const p = planted[`${c.item.id}@${c.node ?? ''}`] ?? planted[c.item.id];
      const patch =
        c.item.measure === 'lifecycle'
          ? { note: p?.note ?? `${clusterDoc.product} ${clusterDoc.version}` }
          : c.item.measure === 'number' && c.item.threshold
            ? { value: p?.value ?? healthy(c.item, n), note: p?.note }
            : { result: p?.result ?? ('pass' as const), note: p?.note };
      out = answerCheck(
        out,
        { clusterId: clusterDoc.id, itemId: c.item.id, node: c.node },
        patch,
        at(n),
        by(n),
      );
    });
    return out;
  };

  // The bank's quarterly S360 inspection of hz-prod-01, done during last week's visit.
  {
    const visit = visits.find((x) => x.siteId === bankHz.id && x.purpose === 'inspection');
    const startedAt = plus(bankHz, visit?.checkInAt ?? onWeekday(bankHz, 4, 9, 32), 15);
    const nodes = [
      ...[1, 2, 3].map((i) => ({
        name: `hz-prod-m0${i}`,
        role: 'control-plane' as const,
        ip: `10.16.8.${10 + i}`,
      })),
      ...Array.from({ length: 24 }, (_, i) => ({
        name: `hz-prod-w${String(i + 1).padStart(2, '0')}`,
        role: 'worker' as const,
        ip: `10.16.9.${21 + i}`,
      })),
    ];
    let doc = startInspection(
      {
        customerId: bank.id,
        siteId: bankHz.id,
        visitId: visit?.id,
        clusters: [{ cluster: bankProd, nodes }],
        engineers: [ENG.chenJing, ENG.zhangWei],
        id: newIdAt(startedAt),
      },
      startedAt,
    );
    doc = answerAll(
      doc,
      bankProd,
      (n) => plus(bankHz, startedAt, 5 + Math.floor(n / 6)),
      (n) => (n % 2 === 0 ? ENG.chenJing : ENG.zhangWei),
      {
        'cert-expiry': { value: 198, note: 'apiserver 等证书剩余 198 天，建议下季度前续期。' },
        'etcd-db-size': { value: 15, note: '1.2 GB / 8 GB 配额。' },
        'node-memory@hz-prod-w07': {
          value: 84,
          note: '支付网关副本集中调度，建议配置 Pod 反亲和。',
        },
        'node-memory@hz-prod-w11': { value: 81, note: '同 w07。' },
        'pods-abnormal': { value: 2, note: 'batch-report 命名空间 2 个定时任务遗留 Error Pod。' },
      },
    );
    doc = editFinding(
      doc,
      `${bankProd.id}/node-memory`,
      {
        recommendation:
          '为支付网关 Deployment 配置 podAntiAffinity（按节点打散），并复核 w07、w11 上的资源 requests。',
      },
      plus(bankHz, startedAt, 300),
      ENG.chenJing,
    );
    doc = setOverallEvaluation(
      doc,
      'hz-prod-01 生产集群整体健康：管理面、etcd 与证书状态正常，27 个节点全部 Ready。主要风险为 w07、w11 内存水位偏高（支付网关副本集中调度）和批处理命名空间遗留的异常 Pod；建议两周内完成 Pod 反亲和配置，并在下次季度巡检前安排证书续期。',
      plus(bankHz, startedAt, 310),
    );
    inspections.push(completeInspection(doc, plus(bankHz, startedAt, 315)));
  }

  // Resource inspection of the hospital's ZStack cloud, under way this morning.
  {
    const startedAt = ago(hospitalCd, 150);
    let doc = startInspection(
      {
        customerId: hospital.id,
        siteId: hospitalCd.id,
        clusters: [{ cluster: hospitalZs }],
        engineers: [ENG.liNa],
        id: newIdAt(startedAt),
      },
      startedAt,
    );
    doc = answerAll(
      doc,
      hospitalZs,
      (n) => plus(hospitalCd, startedAt, 4 + n),
      () => ENG.liNa,
      {
        'licence-days': { value: 41, note: '许可证 41 天后到期，已提醒信息科续费。' },
        'host-memory@host-07': { value: 88, note: 'PACS 影像处理虚拟机集中在该物理机。' },
      },
      ['platform', 'hosts'],
    );
    inspections.push(doc);
  }

  return {
    customers: [bank, grid, broker, logistics, hospital],
    sites: [bankHz, bankXs, gridWh, brokerSh, brokerSg, logisticsSz, hospitalCd],
    clusters: [
      bankProd,
      bankTest,
      bankDr,
      bankLegacy,
      brokerProd,
      brokerLegacy,
      brokerSgProd,
      logisticsOld,
      logisticsNew,
      gridApsara,
      hospitalZs,
    ],
    contracts: [bankContract, brokerContract, logisticsContract, gridContract, hospitalContract],
    visits,
    visitLogEntries: entries,
    // In the team's queue (no assignee): whichever engineer tries the sample finds its incidents
    // under "my open incidents" on the home page.
    incidents: incidents.map(({ assignee: _assignee, ...queued }) => queued),
    inspections,
    deliverables: [],
    procedureRuns: [],
    opsRecords: sampleOpsRecords(grid.id, gridWh.id, gridContract.id, utcAgo, newIdAt),
    plans: [samplePlanDoc(bankTest)],
  };
}

/** Number of documents in a workspace (for progress bars). */
export function sampleWorkspaceSize(ws: SampleWorkspace): number {
  return (
    ws.customers.length +
    ws.sites.length +
    ws.clusters.length +
    ws.contracts.length +
    ws.visits.length +
    ws.visitLogEntries.length +
    ws.incidents.length +
    ws.inspections.length +
    ws.opsRecords.length +
    ws.plans.length
  );
}

/**
 * The ids of every record the sample workspace creates, per collection: the same for every `now`
 * (see buildSampleWorkspace), so they identify the sample's records on any laptop and server.
 */
export function sampleWorkspaceIds(): Record<keyof SampleWorkspace, Set<string>> {
  const ws = buildSampleWorkspace(new Date());
  const out = {} as Record<keyof SampleWorkspace, Set<string>>;
  for (const name of Object.keys(ws) as (keyof SampleWorkspace)[]) {
    out[name] = new Set(ws[name].map((d) => d.id));
  }
  return out;
}
