/**
 * Synthetic but schema-valid workload for the store benchmark: 40 customers, 80 sites,
 * 120 clusters, 60 contracts, 200 visits with 250 log entries each (50,000) and 2,000
 * incidents. Deterministic (seeded), generated in the page so 50k documents never cross CDP.
 *
 * Sizes follow real entries: most are short Chinese notes, about a third carry command output
 * of 5–25 lines, a few reference attachments.
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
  SiteDoc,
  TimelineEvent,
  VisitDoc,
  VisitLogEntryDoc,
} from '../../../src-shared/db/types';
import { createSeededIdGenerator } from '../../../src-shared/domain/ids';

import type { WorkloadSize } from '../figures';

export type { WorkloadSize } from '../figures';

export const FULL_WORKLOAD: WorkloadSize = {
  customers: 40,
  sitesPerCustomer: 2,
  clustersPerCustomer: 3,
  visits: 200,
  entriesPerVisit: 250,
  incidents: 2_000,
};

export interface Workload {
  customers: CustomerDoc[];
  sites: SiteDoc[];
  clusters: ClusterDoc[];
  contracts: ContractDoc[];
  visits: VisitDoc[];
  visitLogEntries: VisitLogEntryDoc[];
  incidents: IncidentDoc[];
  /** Not part of this benchmark's workload (empty). */
  inspections: InspectionDoc[];
  deliverables: DeliverableDoc[];
  /** Not part of this benchmark's workload (empty). */
  procedureRuns: ProcedureRunDoc[];
  opsRecords: OpsRecordDoc[];
  plans: PlanDoc[];
}

const MINUTE = 60_000;
const DAY = 86_400_000;
const CITIES = ['杭州', '上海', '武汉', '深圳', '成都', '南京', '西安', '济南', '长沙', '福州'];
const INDUSTRIES = ['银行', '证券', '保险', '电力', '物流', '医疗', '制造', '政务'];
const NOTES = [
  '与客户运维负责人确认今日变更窗口与回退条件，已在变更单上签字。',
  '检查 kube-apiserver 审计日志，未发现异常的高频 list 请求。',
  'etcd 备份任务执行正常，最近 7 天备份文件均可用，已抽查一份恢复到测试环境。',
  '节点 w07 内存使用率 84%，建议为支付网关副本配置 Pod 反亲和，客户同意下周调整。',
  '镜像仓库存储使用 71%，已清理 90 天前的未引用镜像层，释放 1.2 TB。',
  '客户反馈夜间批处理偶发超时，初步判断与 CoreDNS 缓存配置有关，待进一步抓包。',
  '完成证书有效期检查，apiserver 证书剩余 198 天，纳入下季度巡检计划。',
  '培训：向客户运维团队演示应用发布、灰度与回滚流程，参与 6 人。',
];
const COMMANDS: [string, (i: number) => string][] = [
  [
    'kubectl get nodes -o wide',
    (i) =>
      `hz-prod-w${String(i % 40).padStart(2, '0')}   Ready    <none>   412d   v1.29.5   10.16.9.${20 + (i % 200)}   Kylin Linux Advanced Server V10 (Lance)   4.19.90-89.11.v2401.ky10.x86_64   containerd://1.7.13`,
  ],
  [
    'kubectl get pods -A -o wide | grep -v Running',
    (i) =>
      `batch-report  daily-recon-2887${1000 + i}-7xk2p   0/1   Error   0   ${1 + (i % 9)}d4h   10.244.${i % 250}.${(i * 7) % 250}   hz-prod-w${String(i % 40).padStart(2, '0')}`,
  ],
  [
    'ETCDCTL_API=3 etcdctl endpoint status -w table --cluster',
    (i) =>
      `| https://10.16.8.${11 + (i % 3)}:2379 | 8e9e05c52164694d |  3.5.12 |  1.2 GB | ${i % 3 === 1 ? ' true' : 'false'} |   false |  17 | ${298174432 + i} | ${298174432 + i} |        |`,
  ],
  [
    'journalctl -u kubelet --since "-30min" --no-pager | tail -20',
    (i) =>
      `Nov 23 10:${String(i % 60).padStart(2, '0')}:0${i % 10} hz-prod-w07 kubelet[2231]: I1123 10:${String(i % 60).padStart(2, '0')}:0${i % 10}.412358    2231 kubelet_getters.go:218] "Pod status updated" pod="payment/gateway-7c9d8b6f5d-${i % 97}x8q" status="Running"`,
  ],
];

/** mulberry32 */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** ISO instant in UTC+08:00 (all bench sites are in Asia/Shanghai). */
function cst(ms: number): string {
  return new Date(ms + 8 * 3_600_000).toISOString().replace('Z', '+08:00');
}

function hex64(rand: () => number): string {
  let s = '';
  for (let i = 0; i < 64; i++) s += Math.floor(rand() * 16).toString(16);
  return s;
}

export function buildWorkload(now: number, size: WorkloadSize = FULL_WORKLOAD): Workload {
  const rand = prng(20261123);
  const id = createSeededIdGenerator(7);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const created = cst(now - 400 * DAY);

  const customers: CustomerDoc[] = [];
  const sites: SiteDoc[] = [];
  const clusters: ClusterDoc[] = [];
  const contracts: ContractDoc[] = [];
  for (let c = 0; c < size.customers; c++) {
    const city = CITIES[c % CITIES.length]!;
    const industry = INDUSTRIES[c % INDUSTRIES.length]!;
    const cid = id(now - 400 * DAY + c);
    customers.push({
      id: cid,
      customerId: cid,
      name: `${city}${['华信', '恒通', '国泰', '中联', '瑞达'][c % 5]}${industry}集团有限公司 ${c + 1}`,
      shortName: `${city}${industry}${c + 1}`,
      industry,
      contacts: [
        { name: '赵志强', title: '信息科技部 主任', phone: `0571-8765 ${String(2300 + c)}` },
        { name: '孙丽华', title: '运维工程师', phone: `139 5812 ${String(3400 + c)}` },
      ],
      createdAt: created,
      updatedAt: created,
    });
    const siteIds: string[] = [];
    for (let s = 0; s < size.sitesPerCustomer; s++) {
      const sid = id(now - 399 * DAY + c * 10 + s);
      siteIds.push(sid);
      sites.push({
        id: sid,
        customerId: cid,
        name: `${city}${s === 0 ? '主' : '灾备'}数据中心`,
        address: `${city}市高新区科技大道 ${100 + c * 7 + s} 号 ${s + 1} 号楼机房`,
        timeZone: 'Asia/Shanghai',
        holidayCalendar: 'cn',
        contacts: [{ name: '值班长', phone: `0571-8280 ${1100 + c}` }],
        remoteAccess: {
          method: 'SSL VPN + 堡垒机',
          host: `vpn${c}.example.cn`,
          username: `ops${c}`,
          password: `Bench#${c}-${s}!secret`,
        },
        createdAt: created,
        updatedAt: created,
      });
    }
    const clusterIds: string[] = [];
    for (let k = 0; k < size.clustersPerCustomer; k++) {
      const kid = id(now - 398 * DAY + c * 10 + k);
      clusterIds.push(kid);
      clusters.push({
        id: kid,
        customerId: cid,
        siteId: siteIds[k % siteIds.length]!,
        name: `${['prod', 'test', 'dr'][k % 3]}-${String(c).padStart(2, '0')}`,
        environment: (['prod', 'test', 'prod'] as const)[k % 3]!,
        product: 'DCE',
        version: ['5.1.2', '5.0.8', '4.0.11'][k % 3]!,
        controlPlaneNodes: 3,
        workerNodes: 6 + ((c * 3 + k) % 20),
        createdAt: created,
        updatedAt: created,
      });
    }
    const contractCount = c % 2 === 0 ? 2 : 1;
    for (let n = 0; n < contractCount; n++) {
      const ops = n === 1;
      contracts.push({
        id: id(now - 397 * DAY + c * 10 + n),
        customerId: cid,
        number: `${ops ? 'OPS' : 'DCE'}-${2025 + n}-${String(c).padStart(3, '0')}`,
        packId: ops ? 'private-cloud-ops' : 'dce-support',
        services: ops ? ['technical-support', 'fault-emergency'] : ['SNS', 'S360'],
        tier: ops ? '7x24' : (['standard', 'advanced', 'professional'] as const)[c % 3]!,
        startDate: cst(now - 380 * DAY).slice(0, 10),
        endDate: cst(now + 350 * DAY).slice(0, 10),
        validityRule: 'licence-activation',
        siteIds,
        clusterIds,
        createdAt: created,
        updatedAt: created,
      });
    }
  }

  const visits: VisitDoc[] = [];
  const visitLogEntries: VisitLogEntryDoc[] = [];
  for (let v = 0; v < size.visits; v++) {
    const customer = customers[v % customers.length]!;
    const site = sites.find((s) => s.customerId === customer.id)!;
    const contract = contracts.find((k) => k.customerId === customer.id)!;
    const start = now - (v + 1) * 1.5 * DAY;
    const checkIn = start;
    const checkOut = start + size.entriesPerVisit * 2 * MINUTE + 30 * MINUTE;
    const vid = id(start - 3 * DAY);
    visits.push({
      id: vid,
      customerId: customer.id,
      siteId: site.id,
      contractId: contract.id,
      purpose: (['inspection', 'deployment', 'upgrade', 'troubleshooting'] as const)[v % 4]!,
      summary: `第 ${v + 1} 次现场服务：${pick(['季度巡检', '扩容实施', '版本升级', '故障排查'])}`,
      engineers: ['王磊', '陈静'],
      plannedDate: cst(start).slice(0, 10),
      checkInAt: cst(checkIn),
      checkOutAt: cst(checkOut),
      status: 'checked-out',
      createdAt: cst(start - 3 * DAY),
      updatedAt: cst(checkOut),
    });
    for (let e = 0; e < size.entriesPerVisit; e++) {
      const at = checkIn + 5 * MINUTE + e * 2 * MINUTE;
      const roll = rand();
      const base = {
        id: id(at),
        customerId: customer.id,
        visitId: vid,
        at: cst(at),
        author: e % 3 === 0 ? '陈静' : '王磊',
        createdAt: cst(at),
        updatedAt: cst(at),
      };
      if (roll < 0.35) {
        const [command, line] = pick(COMMANDS);
        const lines = 5 + Math.floor(rand() * 21);
        visitLogEntries.push({
          ...base,
          kind: 'command',
          text: '命令输出见下。',
          command,
          output: Array.from({ length: lines }, (_, i) => line(e + i)).join('\n'),
          attachments: [],
        });
      } else if (roll < 0.4) {
        visitLogEntries.push({
          ...base,
          kind: 'photo',
          text: '机柜与布线照片',
          attachments: [
            {
              sha256: hex64(rand),
              name: `IMG_${4000 + e}.jpg`,
              mimeType: 'image/jpeg',
              size: 2_400_000,
            },
          ],
        });
      } else {
        visitLogEntries.push({ ...base, kind: 'note', text: pick(NOTES), attachments: [] });
      }
    }
  }

  const incidents: IncidentDoc[] = [];
  for (let i = 0; i < size.incidents; i++) {
    const customer = customers[i % customers.length]!;
    const site = sites.find((s) => s.customerId === customer.id)!;
    const contract = contracts.find((k) => k.customerId === customer.id)!;
    const opened = now - Math.floor(rand() * 300 * DAY);
    const roll = rand();
    const status =
      roll < 0.25 ? 'open' : roll < 0.32 ? 'paused' : roll < 0.36 ? 'resolved' : 'closed';
    const level = String(1 + Math.floor(rand() * 5));
    const events = 2 + Math.floor(rand() * 5);
    const timeline: TimelineEvent[] = Array.from({ length: events }, (_, n) => ({
      id: id(opened + n * 30 * MINUTE),
      at: cst(opened + n * 30 * MINUTE),
      kind: n === 0 ? 'opened' : n === 1 ? 'first-response' : 'update',
      author: '李娜',
      text: n === 0 ? '客户来电报告故障' : pick(NOTES),
    }));
    const closedAt = opened + events * 30 * MINUTE + DAY;
    incidents.push({
      id: id(opened),
      customerId: customer.id,
      siteId: site.id,
      contractId: contract.id,
      title: `${pick(['API Server 响应慢', 'Pod 反复重启', '节点 NotReady', '镜像拉取失败', '存储卷挂载超时'])} #${i + 1}`,
      description: pick(NOTES),
      packId: 'dce-support',
      tier: contract.tier,
      level,
      levelHistory: [{ level, at: cst(opened), reason: 'opened' }],
      openedAt: cst(opened),
      firstResponseAt: cst(opened + 30 * MINUTE),
      status,
      // A level 5 has no time target.
      dueAt:
        level === '5' || status === 'paused'
          ? ''
          : new Date(opened + (1 + (i % 48)) * 3_600_000).toISOString(),
      pauses:
        status === 'paused'
          ? [{ start: cst(opened + 2 * 3_600_000), reason: 'waiting-for-customer-information' }]
          : [],
      timeline,
      ...(status === 'closed'
        ? {
            closure: {
              state: 'resolved' as const,
              at: cst(closedAt),
              resolutionType: 'advice' as const,
            },
          }
        : {}),
      createdAt: cst(opened),
      updatedAt: cst(status === 'closed' ? closedAt : opened + events * 30 * MINUTE),
    });
  }

  return {
    customers,
    sites,
    clusters,
    contracts,
    visits,
    visitLogEntries,
    incidents,
    inspections: [],
    deliverables: [],
    procedureRuns: [],
    opsRecords: [],
    plans: [],
  };
}
