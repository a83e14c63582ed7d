/**
 * Realistic, deterministic sample snapshots (same options → same JSON) for the CLI's `sample`
 * command, tests and benchmarks. The customer, site and people are fictitious.
 */
import type { IncidentDoc } from '../db/types';
import { expandInspection } from '../domain/inspection';
import type { InspectedNode, ItemAnswer } from '../domain/inspection';
import { lifecycleStatus } from '../domain/lifecycle';
import { getTemplate, latestTemplate } from '../policy/templates/index';
import type { InspectionTemplate, TemplateItem } from '../policy/templates/types';
import { buildFaultSnapshot } from './fault-snapshot';
import { buildInspectionSnapshot } from './inspection-snapshot';
import { Raster, pngDataUrl } from './png';
import type {
  FaultReportSnapshot,
  InspectionSnapshot,
  SnapshotCluster,
  SnapshotPhoto,
  SnapshotSignature,
} from './snapshot-types';

/** mulberry32: a small seeded PRNG, so samples are reproducible. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CUSTOMER = { name: '江南联合银行股份有限公司', shortName: '江南联合银行' };
const SITE = {
  name: '上海张江数据中心',
  address: '上海市浦东新区张江高科技园区碧波路 690 号',
  timeZone: 'Asia/Shanghai',
};
const ENGINEER = { name: '张伟', title: '高级运维工程师', organisation: 'DaoCloud 服务中心' };
const ENGINEER_2 = { name: '王芳', title: '运维工程师', organisation: 'DaoCloud 服务中心' };
const CUSTOMER_REP = {
  name: '李明',
  title: '信息技术部运维经理',
  organisation: CUSTOMER.shortName,
};

/** A handwritten-looking scribble: a few connected loops with a seeded wobble. */
export function sampleSignatureImage(seed: number): string {
  const rnd = prng(seed);
  const r = new Raster(360, 120, [
    [255, 255, 255],
    [20, 40, 110],
  ]);
  const points: [number, number][] = [];
  const loops = 4 + Math.floor(rnd() * 3);
  for (let t = 0; t <= 1; t += 0.002) {
    const x = 25 + t * 300 + 18 * Math.sin(t * loops * 2 * Math.PI + rnd() * 0.05);
    const y = 62 + 30 * Math.cos(t * loops * 2 * Math.PI) * (1 - 0.4 * t) - 10 * t;
    points.push([x, y]);
  }
  r.stroke(points, 1.6, 1);
  r.stroke(
    [
      [40, 100],
      [180, 92],
      [330, 98],
    ],
    1.2,
    1,
  );
  return pngDataUrl(r);
}

/** A synthetic "photo": a rack with servers and status LEDs, or a dashboard with bars. */
export function samplePhotoImage(
  kind: 'rack' | 'dashboard',
  seed: number,
  width = 320,
  height = 200,
): string {
  const rnd = prng(seed);
  if (kind === 'rack') {
    const r = new Raster(width, height, [
      [38, 41, 48],
      [70, 74, 84],
      [20, 22, 26],
      [60, 200, 90],
      [240, 170, 40],
      [200, 60, 50],
    ]);
    const units = 10;
    const uh = Math.floor((height - 20) / units);
    for (let u = 0; u < units; u++) {
      const y = 10 + u * uh;
      r.fillRect(30, y + 2, width - 60, uh - 4, 1);
      r.fillRect(40, y + 6, width - 140, uh - 12, 2);
      for (let led = 0; led < 4; led++) {
        const v = rnd();
        r.fillRect(width - 90 + led * 12, y + uh / 2 - 2, 6, 5, v < 0.85 ? 3 : v < 0.95 ? 4 : 5);
      }
    }
    return pngDataUrl(r);
  }
  const r = new Raster(width, height, [
    [250, 251, 253],
    [225, 229, 236],
    [64, 120, 200],
    [230, 90, 70],
    [90, 96, 110],
  ]);
  for (let y = 20; y < height - 20; y += 30) r.fillRect(30, y, width - 50, 1, 1);
  r.fillRect(30, 15, 1, height - 35, 4);
  r.fillRect(30, height - 20, width - 50, 1, 4);
  const bars = 12;
  const bw = Math.floor((width - 70) / bars);
  for (let b = 0; b < bars; b++) {
    const hot = b === 7;
    const h = hot ? (height - 45) * 0.88 : (height - 45) * (0.25 + rnd() * 0.4);
    r.fillRect(40 + b * bw, height - 20 - h, bw - 6, h, hot ? 3 : 2);
  }
  return pngDataUrl(r);
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

/** A value on the passing side of an item's limits, scaled to its unit. */
function healthyValue(item: TemplateItem, rnd: () => number): number {
  const t = item.threshold;
  const warn = t?.warn ?? t?.fail;
  if (!warn) return 0;
  const upward = warn.op === '>' || warn.op === '>=';
  if (item.unit === 'count') return upward && warn.value <= 1 ? 0 : 0;
  if (upward) {
    const v = warn.value * (0.3 + rnd() * 0.55);
    return item.unit === '%' ? round1(v) : Math.max(1, Math.round(v));
  }
  return Math.round(warn.value * (1.3 + rnd() * 2.5));
}

/**
 * Planted problems that make the sample read like a real inspection; keyed by item id, then by
 * node (`*` = every instance, `<n>` = the n-th node of the role, 1-based).
 */
const PLANTED: Record<
  string,
  { at?: number; value?: number; result?: 'warning' | 'fail'; note: string; evidence?: string }
> = {
  'cert-expiry': { value: 41, note: '前端代理证书 front-proxy-client 最早到期（41 天）。' },
  'etcd-backup-age': {
    value: 30,
    note: '备份任务 2026-03-05 凌晨因目标 NFS 空间不足失败一次。',
    evidence: 'photo-backup',
  },
  'pods-pending': { value: 2, note: 'monitoring 命名空间 2 个 Pod 因 PVC 未绑定处于 Pending。' },
  'node-root-disk': {
    at: 2,
    value: 88.4,
    note: '/var/log 下应用日志未轮转，占用 31 GB。',
    evidence: 'photo-disk',
  },
  'node-memory': { at: 1, value: 83.2, note: '批处理任务高峰时段内存峰值。' },
  'pod-restarts': { value: 1, note: 'payment-gateway 容器 24 小时内重启 7 次（OOMKilled）。' },
  coredns: { result: 'warning', note: 'CoreDNS 仅 1 个副本，建议至少 2 个并分散部署。' },
};

export interface SampleInspectionOptions {
  /** Total nodes of the cluster (control-plane + worker), at least 1; default 6. */
  nodes?: number;
  seed?: number;
  /** Template version of `dce-s360-inspection`; default the latest. */
  templateVersion?: number;
  /** Number of evidence photos (at least the two the planted findings cite); default 3. */
  photos?: number;
}

export function sampleNodes(total: number): InspectedNode[] {
  if (!Number.isInteger(total) || total < 1 || total > 2000) {
    throw new RangeError(`nodes must be an integer 1–2000, got ${total}`);
  }
  const cp = total >= 5 ? 3 : 1;
  const nodes: InspectedNode[] = [];
  for (let i = 1; i <= cp; i++) {
    nodes.push({
      name: `master-${String(i).padStart(2, '0')}`,
      role: 'control-plane',
      ip: `10.20.0.${10 + i}`,
    });
  }
  for (let i = 1; i <= total - cp; i++) {
    nodes.push({
      name: `worker-${String(i).padStart(2, '0')}`,
      role: 'worker',
      ip: `10.20.${1 + Math.floor((20 + i) / 250)}.${(20 + i) % 250}`,
    });
  }
  return nodes;
}

export function sampleInspectionSnapshot(
  options: SampleInspectionOptions = {},
): InspectionSnapshot {
  const rnd = prng(options.seed ?? 20260306);
  const template: InspectionTemplate =
    options.templateVersion === undefined
      ? latestTemplate('dce-support')
      : getTemplate('dce-s360-inspection', options.templateVersion);
  const date = '2026-03-06';
  const lc = lifecycleStatus('DCE', '5.0.3', date);
  const cluster: SnapshotCluster = {
    id: 'prod-core',
    name: '生产核心集群 prod-core',
    environment: 'prod',
    product: 'DCE',
    version: '5.0.3',
    lifecycle: { status: lc.status, series: lc.series, ga: lc.ga, eoss: lc.eoss, eosl: lc.eosl },
    nodes: sampleNodes(options.nodes ?? 6),
  };

  const photoCount = Math.max(2, options.photos ?? 3);
  const photos: SnapshotPhoto[] = [
    {
      id: 'photo-disk',
      caption: 'worker-02 根分区使用率监控截图 / worker-02 root file system usage',
      takenAt: '2026-03-06T11:12:00+08:00',
      dataUrl: samplePhotoImage('dashboard', 7),
    },
    {
      id: 'photo-backup',
      caption: 'etcd 备份任务记录 / etcd backup job history',
      takenAt: '2026-03-06T10:05:00+08:00',
      dataUrl: samplePhotoImage('dashboard', 11),
    },
  ];
  for (let i = 2; i < photoCount; i++) {
    photos.push({
      id: `photo-rack-${i - 1}`,
      caption: `机房 A 区机柜 A-${12 + i} 现场照片 / Rack A-${12 + i}, room A`,
      takenAt: '2026-03-06T09:48:00+08:00',
      dataUrl: samplePhotoImage('rack', 100 + i),
    });
  }

  const roleIndex = new Map<string, number>();
  for (const n of cluster.nodes) {
    const seen = [...roleIndex.keys()].filter((k) => k.startsWith(`${n.role}:`)).length;
    roleIndex.set(`${n.role}:${n.name}`, seen + 1);
  }
  const nodeRole = new Map(cluster.nodes.map((n) => [n.name, n.role]));

  const answers: ItemAnswer[] = [];
  for (const check of expandInspection(template, [{ id: cluster.id, nodes: cluster.nodes }])) {
    const { item } = check;
    const plant = PLANTED[item.id];
    const nodeIdx = check.node
      ? roleIndex.get(`${nodeRole.get(check.node)}:${check.node}`)
      : undefined;
    const planted = plant && (plant.at === undefined || plant.at === nodeIdx) ? plant : undefined;
    const a: ItemAnswer = {
      clusterId: cluster.id,
      itemId: item.id,
      ...(check.node ? { node: check.node } : {}),
    };
    if (item.measure === 'lifecycle') {
      a.note = `${lc.series}，标准支持至 ${lc.eoss}。`;
    } else if (item.measure === 'number') {
      a.value = planted?.value ?? healthyValue(item, rnd);
    } else {
      a.result = planted?.result ?? 'pass';
    }
    if (planted) {
      a.note = planted.note;
      if (planted.evidence) a.evidence = [planted.evidence];
    }
    answers.push(a);
  }

  const signatures: SnapshotSignature[] = [
    {
      role: 'customer',
      ...CUSTOMER_REP,
      signedAt: '2026-03-06T17:12:00+08:00',
      image: sampleSignatureImage(3),
    },
    {
      role: 'engineer',
      ...ENGINEER,
      signedAt: '2026-03-06T17:10:00+08:00',
      image: sampleSignatureImage(5),
    },
  ];

  return buildInspectionSnapshot({
    documentNumber: 'FB-INS-20260306-0001',
    revision: 1,
    issuedAt: '2026-03-06T17:05:00+08:00',
    customer: CUSTOMER,
    site: SITE,
    contract: { number: 'JNUB-2025-S360-017', services: ['SNS', 'S360'], tier: 'advanced' },
    packId: 'dce-support',
    engineers: [ENGINEER, ENGINEER_2],
    signatures,
    photos,
    template,
    inspection: {
      date,
      startedAt: '2026-03-06T09:30:00+08:00',
      finishedAt: '2026-03-06T16:40:00+08:00',
    },
    clusters: [cluster],
    customerRepresentatives: [CUSTOMER_REP],
    answers,
    overallEvaluation:
      '集群整体运行平稳，管理面与 etcd 健康，业务工作负载运行正常。主要风险集中在计算节点磁盘容量、管理面证书到期时间和备份任务可靠性：请在两周内完成日志轮转配置与证书轮换，并修复备份任务的存储空间问题。DCE 5.0.3 仍在标准支持期内（至 2026-06-01），建议在标准支持结束前规划升级。',
  });
}

/** A level 2 incident on the sample customer's production cluster, resolved and closed. */
export function sampleIncident(): IncidentDoc {
  return {
    id: 'inc-20260302-001',
    customerId: 'cust-jnub',
    createdAt: '2026-03-02T17:05:00+08:00',
    updatedAt: '2026-03-04T10:30:00+08:00',
    siteId: 'site-zj',
    contractId: 'ctr-jnub-s360',
    clusterId: 'prod-core',
    title: '生产集群部分节点 NotReady，支付网关服务间歇性超时',
    description:
      '客户反馈 16:40 起支付网关接口间歇性超时，监控显示 worker-07、worker-08 两个节点 NotReady，其上 Pod 被驱逐重建。',
    packId: 'dce-support',
    tier: 'standard',
    level: '2',
    levelHistory: [{ level: '3', at: '2026-03-02T17:00:00+08:00', reason: '初始定级' }],
    openedAt: '2026-03-02T17:00:00+08:00',
    firstResponseAt: '2026-03-03T10:20:00+08:00',
    dispatchedAt: '2026-03-03T10:30:00+08:00',
    onSiteArrivalAt: '2026-03-03T12:05:00+08:00',
    status: 'closed',
    dueAt: '',
    pauses: [
      {
        start: '2026-03-03T09:30:00+08:00',
        end: '2026-03-03T10:00:00+08:00',
        reason: 'waiting-for-customer-information',
        note: '等待客户提供节点 kubelet 日志与变更记录',
      },
    ],
    timeline: [
      {
        id: 't1',
        at: '2026-03-02T17:00:00+08:00',
        kind: 'opened',
        author: '李明',
        text: '客户电话报告支付网关间歇性超时。',
      },
      {
        id: 't2',
        at: '2026-03-02T17:20:00+08:00',
        kind: 'reclassification',
        author: '张伟',
        text: '确认生产业务受影响、存在临时规避手段，调整为 2 级。',
        fromLevel: '3',
        toLevel: '2',
      },
      {
        id: 't3',
        at: '2026-03-03T09:30:00+08:00',
        kind: 'pause',
        author: '张伟',
        text: '等待客户提供 kubelet 日志与近期变更记录。',
      },
      {
        id: 't4',
        at: '2026-03-03T10:00:00+08:00',
        kind: 'resume',
        author: '张伟',
        text: '已收到日志。',
      },
      {
        id: 't5',
        at: '2026-03-03T10:20:00+08:00',
        kind: 'first-response',
        author: '张伟',
        text: '远程接入，确认两节点 containerd 数据盘写满导致 kubelet 失去心跳。',
      },
      {
        id: 't6',
        at: '2026-03-03T10:30:00+08:00',
        kind: 'dispatch',
        author: '王芳',
        text: '派遣工程师到场。',
      },
      {
        id: 't7',
        at: '2026-03-03T11:10:00+08:00',
        kind: 'workaround',
        author: '张伟',
        text: '清理无用镜像、临时扩容数据盘，节点恢复 Ready。',
      },
      {
        id: 't8',
        at: '2026-03-03T12:05:00+08:00',
        kind: 'on-site-arrival',
        author: '王芳',
        text: '工程师到达现场。',
      },
      {
        id: 't9',
        at: '2026-03-03T16:00:00+08:00',
        kind: 'resolution',
        author: '张伟',
        text: '调整 kubelet 镜像回收阈值并为所有计算节点配置数据盘容量告警。',
      },
      {
        id: 't10',
        at: '2026-03-04T10:30:00+08:00',
        kind: 'closure',
        author: '李明',
        text: '客户确认问题已解决，同意关闭。',
      },
    ],
    impact: '支付网关约 3% 请求超时，持续约 40 分钟；无数据丢失。',
    rootCause:
      'worker-07、worker-08 的 /var/lib/containerd 数据盘被 CI 流水线镜像写满，kubelet 镜像回收阈值高于磁盘实际可用空间，节点进入 DiskPressure 后失去心跳。',
    workaround: '清理未使用镜像并临时扩容数据盘至 500 GB。',
    closure: {
      state: 'resolved',
      at: '2026-03-04T10:30:00+08:00',
      resolutionType: 'permanent-workaround',
      note: '客户认可调整后的镜像回收策略作为永久方案。',
    },
  };
}

export function sampleFaultSnapshot(): FaultReportSnapshot {
  return buildFaultSnapshot({
    incident: sampleIncident(),
    documentNumber: 'FB-FLT-20260304-0001',
    revision: 1,
    issuedAt: '2026-03-04T11:00:00+08:00',
    customer: CUSTOMER,
    site: { ...SITE, holidayCalendar: 'cn' },
    contract: { number: 'JNUB-2025-SNS-009', services: ['SNS'], tier: 'standard' },
    cluster: {
      id: 'prod-core',
      name: '生产核心集群 prod-core',
      environment: 'prod',
      product: 'DCE',
      version: '5.0.3',
    },
    engineers: [ENGINEER, ENGINEER_2],
    customerRepresentatives: [CUSTOMER_REP],
    signatures: [
      {
        role: 'customer',
        ...CUSTOMER_REP,
        signedAt: '2026-03-04T11:20:00+08:00',
        image: sampleSignatureImage(3),
      },
      {
        role: 'engineer',
        ...ENGINEER,
        signedAt: '2026-03-04T11:15:00+08:00',
        image: sampleSignatureImage(5),
      },
    ],
    photos: [],
  });
}
