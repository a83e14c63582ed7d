/**
 * Offline search benchmark: index 50,000 visit-log entries (Chinese notes, English notes, command
 * output) plus customers, sites, clusters, incidents and deliverables, then time queries of the
 * kinds engineers type (a Chinese word, a host name prefix, a deliverable number, two words).
 *
 * Prints the index build time, p50/p95/max query latency and the incremental update cost.
 * Usage: npm run bench:search [-- --entries 50000 --queries 400]
 */
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { VisitLogEntryDoc } from '../../src-shared/db/types';
import { toSearchDoc } from '../../src-shared/search/search-docs';
import type { SearchDoc } from '../../src-shared/search/search-docs';
import { SearchIndex } from '../../src-shared/search/search-index';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const ENTRIES = arg('entries', 50_000);
const QUERIES = arg('queries', 400);

// A fixed pseudo-random sequence, so every run indexes the same text.
let seed = 42;
function rand(n: number): number {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed % n;
}
const pick = <T>(xs: readonly T[]): T => xs[rand(xs.length)]!;

const ZH = [
  '完成季度巡检，所有节点运行正常',
  '核对告警规则，关闭重复告警',
  '与客户运维负责人沟通扩容计划',
  '镜像仓库存储使用率百分之八十五',
  '数据库连接池耗尽，调整最大连接数',
  '负载均衡健康检查间隔调整为五秒',
  '交换机端口错包计数持续增长',
  '主机内存条告警，已联系硬件厂商',
  '时钟同步偏差超过阈值，重新配置时间服务',
  '应用发布流水线超时，排查构建节点',
  '存储卷挂载失败，检查多路径配置',
  '控制平面证书轮换完成',
  '客户要求输出本月运维月报',
  '防火墙策略变更已审批',
  '日志平台索引保留周期调整为三十天',
  '虚拟机迁移过程中网络短暂中断',
  '容灾演练计划评审通过',
  '中间件版本过旧，建议升级',
  '巡检发现两台计算节点负载偏高',
  '客户机房空调故障，温度告警',
  '节点磁盘使用率过高，已清理容器日志',
  'etcd 写入延迟升高，检查磁盘 fsync 耗时',
  '客户反馈应用无法访问，排查入口网关',
  '升级前检查通过，开始滚动升级控制平面',
  '备份任务失败，对象存储空间不足',
  '与客户确认变更窗口为周六凌晨',
  '网络插件重启后 Pod 恢复正常',
  '更换故障电源模块，服务器恢复供电',
  '证书将在三十天后过期，已提醒客户续期',
];
const EN = [
  'Rolled back the ingress controller after 502 errors',
  'Customer confirmed the maintenance window',
  'Node NotReady after kernel upgrade, rebooted',
  'Collected logs for the support case',
  'Registry garbage collection freed 120 GiB',
];
const COMMANDS = [
  'kubectl get nodes -o wide',
  'kubectl -n kube-system get pods',
  'df -h /var/lib/containerd',
  'etcdctl endpoint status --cluster',
  'journalctl -u kubelet --since -1h',
];

function output(i: number): string {
  const lines: string[] = ['NAME STATUS ROLES AGE VERSION'];
  const n = 5 + rand(30);
  for (let k = 0; k < n; k++) {
    const role = rand(4) === 0 ? 'master' : 'worker';
    const state = rand(20) === 0 ? 'NotReady' : 'Ready';
    lines.push(
      `${role}-${String(k).padStart(2, '0')}-h${i % 97} ${state} ${role} ${rand(400)}d v1.28.${rand(9)}`,
    );
  }
  return lines.join('\n');
}

const T0 = Date.parse('2026-01-05T01:00:00Z');
function entry(i: number): VisitLogEntryDoc {
  const at = new Date(T0 + i * 60_000).toISOString();
  const kind = rand(3) === 0 ? 'command' : 'note';
  const base: VisitLogEntryDoc = {
    id: `e${i}`,
    customerId: `c${i % 40}`,
    createdAt: at,
    updatedAt: at,
    visitId: `v${i % 2_000}`,
    at,
    author: pick(['张伟', '李娜', 'Wang Lei']),
    kind,
    text:
      kind === 'command' ? '' : `${pick(ZH)}；${pick(ZH)}。${rand(3) === 0 ? pick(EN) : ''} #${i}`,
    attachments: [],
  };
  if (kind === 'command') {
    base.command = pick(COMMANDS);
    base.output = output(i);
  }
  return base;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function main(): Promise<void> {
  const docs: SearchDoc[] = [];
  for (let i = 0; i < ENTRIES; i++) docs.push(toSearchDoc('visitLogEntries', entry(i))!);
  for (let i = 0; i < 40; i++) {
    docs.push(
      toSearchDoc('customers', {
        id: `c${i}`,
        customerId: `c${i}`,
        createdAt: '',
        updatedAt: '',
        name: `客户${i} 华东数据科技有限公司`,
        contacts: [],
      })!,
    );
  }
  for (let i = 0; i < 500; i++) {
    docs.push(
      toSearchDoc('deliverables', {
        id: `d${i}`,
        customerId: `c${i % 40}`,
        createdAt: '',
        updatedAt: '',
        kind: i % 2 === 0 ? 'inspection-report' : 'fault-report',
        sourceId: `s${i}`,
        title: `巡检报告 ${i}`,
        documentNumber: `IR-2026-7K3QZ-${String(i).padStart(4, '0')}`,
        documentRevision: 1,
        lang: 'zh',
        status: 'signed',
        snapshot: {},
        signatures: [],
        history: [],
      })!,
    );
  }

  const index = new SearchIndex();
  const buildCpu = process.cpuUsage();
  const buildStart = performance.now();
  await index.addAllAsync(docs);
  const buildMs = performance.now() - buildStart;
  const buildCpuUsed = process.cpuUsage(buildCpu);
  const buildCpuMs = (buildCpuUsed.user + buildCpuUsed.system) / 1000;
  const heapMb = process.memoryUsage().heapUsed / 1_048_576;

  const queries = [
    '巡检',
    '磁盘',
    '使用率',
    '证书过期',
    'notready',
    'worker-1',
    'master-03-h4',
    'kubectl get',
    'etcd fsync',
    'IR-2026-7K3QZ-0042',
    '7k3qz-01',
    'ingres',
    '网关',
    'Wang',
    '恢复正常',
    'rolled back',
    'containrd',
  ];
  // Let the collector finish with the build's garbage (when allowed: node --expose-gc), so its
  // background threads do not count against the first queries.
  (globalThis as { gc?: () => void }).gc?.();
  // Warm-up (JIT), not counted.
  for (const q of queries) index.search(q);
  const times: number[] = [];
  const cpuTimes: number[] = [];
  const byQuery = new Map<string, number>();
  let hits = 0;
  for (let i = 0; i < QUERIES; i++) {
    const q = queries[i % queries.length]!;
    const cpu = process.cpuUsage();
    const s = performance.now();
    hits += index.search(q).length;
    const ms = performance.now() - s;
    const used = process.cpuUsage(cpu);
    const cpuMs = (used.user + used.system) / 1000;
    times.push(ms);
    cpuTimes.push(cpuMs);
    byQuery.set(q, Math.max(byQuery.get(q) ?? 0, cpuMs));
  }
  times.sort((a, b) => a - b);
  cpuTimes.sort((a, b) => a - b);

  // Incremental updates: the cost of one change arriving from the change stream.
  const updStart = performance.now();
  const UPDATES = 1_000;
  for (let i = 0; i < UPDATES; i++) {
    const e = entry(i);
    index.applyRecord('visitLogEntries', { ...e, text: `${e.text} 已更新` }, false);
  }
  const updMs = (performance.now() - updStart) / UPDATES;

  const fmt = (ms: number) => `${ms.toFixed(2)} ms`;
  console.log(`search bench: ${ENTRIES} log entries + 540 other records (${index.size} entries)`);
  console.log(
    `  index build (addAllAsync, chunks of 500): ${(buildMs / 1000).toFixed(2)} s wall, ${(buildCpuMs / 1000).toFixed(2)} s CPU`,
  );
  console.log(`  heap after build: ${heapMb.toFixed(0)} MB`);
  console.log(`  queries: ${QUERIES} over ${queries.length} kinds, ${hits} results returned`);
  console.log(
    `  latency (wall) p50 ${fmt(percentile(times, 50))}, p95 ${fmt(percentile(times, 95))}, max ${fmt(times[times.length - 1]!)}`,
  );
  console.log(
    `  latency (CPU)  p50 ${fmt(percentile(cpuTimes, 50))}, p95 ${fmt(percentile(cpuTimes, 95))}, max ${fmt(cpuTimes[cpuTimes.length - 1]!)}`,
  );
  console.log(
    `  load average while measuring: ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores`,
  );
  console.log(
    `  slowest run per query (CPU ms): ${[...byQuery].map(([q, ms]) => `${q} ${ms.toFixed(1)}`).join(', ')}`,
  );
  console.log(`  incremental update: ${fmt(updMs)} per changed record`);
  // The gate is the CPU time: on a shared machine (load far above the core count) wall time
  // measures the scheduler, not the index. Both are printed.
  const p95 = percentile(cpuTimes, 95);
  if (p95 >= 50) {
    console.error(`FAIL: p95 ${fmt(p95)} CPU is not under 50 ms`);
    process.exitCode = 1;
  } else {
    console.log(`  OK: p95 CPU under 50 ms`);
  }
}

await main();
