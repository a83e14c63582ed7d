import { DCE_S360_INSPECTION_V1 } from './dce-s360-inspection-v1';
import type { InspectionTemplate, TemplateItem, TemplateSection } from './types';

/*
 * DCE S360 inspection, version 2: v1 with the changes listed in `changes`. It is written as
 * edits of a copy of v1 so the difference stays readable; v1 itself is never modified (a test
 * pins its content).
 */

function copy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function section(t: InspectionTemplate, id: string): TemplateSection {
  const s = t.sections.find((x) => x.id === id);
  if (!s) throw new Error(`template ${t.id}: no section ${id}`);
  return s;
}

function item(s: TemplateSection, id: string): TemplateItem {
  const i = s.items.find((x) => x.id === id);
  if (!i) throw new Error(`section ${s.id}: no item ${id}`);
  return i;
}

function buildV2(): InspectionTemplate {
  const t = copy(DCE_S360_INSPECTION_V1);
  t.version = 2;
  t.publishedAt = '2026-04-01';
  t.changes = {
    zh: '新增 apiserver 请求延迟、内核错误日志、命名空间配额检查项；etcd 数据库配额阈值收紧为 50%/75%；移除“未设置资源限制的容器比例”（由命名空间配额检查替代）。',
    en: 'Added apiserver request latency, kernel error log and namespace quota checks; etcd database quota limits tightened to 50 %/75 %; removed "containers without resource limits" (replaced by the namespace quota check).',
  };

  const overall = section(t, 'overall');
  item(overall, 'etcd-db-size').threshold = {
    warn: { op: '>=', value: 50 },
    fail: { op: '>=', value: 75 },
  };
  const afterApiserver = overall.items.findIndex((i) => i.id === 'apiserver-health') + 1;
  overall.items.splice(afterApiserver, 0, {
    id: 'apiserver-latency',
    title: {
      zh: 'apiserver 请求延迟（p99，非 watch）',
      en: 'apiserver request latency (p99, non-watch)',
    },
    method: {
      zh: 'apiserver_request_duration_seconds 在非 WATCH/CONNECT 请求上的 p99。',
      en: 'p99 of apiserver_request_duration_seconds over non-WATCH/CONNECT requests.',
    },
    command:
      'histogram_quantile(0.99, sum(rate(apiserver_request_duration_seconds_bucket{verb!~"WATCH|CONNECT"}[5m])) by (le))',
    measure: 'number',
    unit: 'ms',
    threshold: { warn: { op: '>', value: 500 }, fail: { op: '>', value: 1000 } },
    weight: 3,
    riskOnFail: 'high',
    recommendation: {
      zh: '找出高频或大范围 LIST 请求的客户端，检查 etcd 延迟与 apiserver 资源。',
      en: 'Find the clients issuing frequent or wide LIST requests; check etcd latency and apiserver resources.',
    },
  });

  section(t, 'compute-nodes').items.push({
    id: 'node-kernel-errors',
    title: { zh: '近 7 天内核错误日志条数', en: 'Kernel errors in the last 7 days' },
    method: {
      zh: '内核日志中的 OOM kill、I/O error、文件系统只读等条目。',
      en: 'OOM kills, I/O errors, read-only file system remounts and the like in the kernel log.',
    },
    command: 'journalctl -k --since "7 days ago" | grep -ciE "oom|i/o error|read-only"',
    measure: 'number',
    unit: 'count',
    threshold: { warn: { op: '>=', value: 1 }, fail: { op: '>=', value: 10 } },
    weight: 2,
    riskOnFail: 'high',
    recommendation: {
      zh: '排查内存超配与磁盘健康（SMART），必要时迁移负载并维修节点。',
      en: 'Look for memory overcommit and disk health (SMART); drain and repair the node if needed.',
    },
    perNode: true,
  });

  const apps = section(t, 'application-status');
  apps.items = apps.items.filter((i) => i.id !== 'workloads-without-limits');
  apps.items.push({
    id: 'namespace-quota',
    title: { zh: '命名空间配额最高使用率', en: 'Highest namespace quota usage' },
    method: {
      zh: 'ResourceQuota 中 used / hard 的最大比例。',
      en: 'The largest used / hard ratio over the ResourceQuotas.',
    },
    command: 'kubectl describe resourcequota -A',
    measure: 'number',
    unit: '%',
    threshold: { warn: { op: '>=', value: 80 }, fail: { op: '>=', value: 95 } },
    weight: 2,
    riskOnFail: 'medium',
    recommendation: {
      zh: '与租户确认容量规划，调整配额或回收资源。',
      en: 'Agree capacity plans with the tenant; adjust the quota or reclaim resources.',
    },
  });
  return t;
}

export const DCE_S360_INSPECTION_V2: InspectionTemplate = buildV2();
