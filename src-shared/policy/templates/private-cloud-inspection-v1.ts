import type { Localized } from '../types';
import type { InspectionTemplate, Threshold } from './types';

/*
 * Private-cloud resource inspection (资源巡检, seed 002 service item 4: “进行定期巡检、识别稳定性
 * 风险，并提供修复建议” → 《巡检报告》) for Apsara Stack and ZStack. The seed scopes out IDC and
 * hardware maintenance, so the checks stay on the cloud platform and its resources. The
 * thresholds are this template's, not the seed's.
 *
 * Published: never edit this object; change it in a new version.
 */

function l(zh: string, en: string): Localized {
  return { zh, en };
}

function atLeast(warn: number, fail: number): Threshold {
  return { warn: { op: '>=', value: warn }, fail: { op: '>=', value: fail } };
}

function below(warn: number, fail: number): Threshold {
  return { warn: { op: '<', value: warn }, fail: { op: '<', value: fail } };
}

function above(warn: number, fail: number): Threshold {
  return { warn: { op: '>', value: warn }, fail: { op: '>', value: fail } };
}

export const PRIVATE_CLOUD_INSPECTION_V1: InspectionTemplate = {
  id: 'private-cloud-resource-inspection',
  version: 1,
  kind: 'inspection',
  packId: 'private-cloud-ops',
  products: ['Apsara Stack', 'ZStack'],
  name: l('专有云资源巡检', 'Private-cloud resource inspection'),
  description: l(
    '资源巡检：进行定期巡检、识别稳定性风险，并提供修复建议，提升客户的业务连续性。',
    "Resource inspection: periodic inspection that identifies stability risks and gives remediation advice, improving the customer's business continuity.",
  ),
  publishedAt: '2026-01-05',
  sections: [
    {
      id: 'platform',
      title: l('平台概况', 'Platform overview'),
      items: [
        {
          id: 'management-services',
          title: l('管理节点与管控服务状态', 'Management nodes and control services'),
          method: l(
            '管控节点在线，管理服务（ZStack 管理节点 / 专有云天基、ASO）全部正常，高可用对端在线。',
            'Management nodes online, every control service (ZStack management node / Apsara Stack Tianji, ASO) healthy, the HA peer online.',
          ),
          command: 'zstack-ctl status',
          measure: 'check',
          weight: 5,
          riskOnFail: 'critical',
          recommendation: l(
            '恢复管控服务并确认高可用切换正常；故障期间冻结变更。',
            'Restore the control services and confirm HA fail-over works; freeze changes meanwhile.',
          ),
        },
        {
          id: 'licence-days',
          title: l('平台许可证剩余天数', 'Platform licence: days left'),
          method: l('许可证到期日距今天数。', 'Days until the licence expires.'),
          command: 'zstack-cli GetLicenseInfo',
          measure: 'number',
          unit: 'days',
          threshold: below(60, 15),
          weight: 3,
          riskOnFail: 'high',
          recommendation: l(
            '提前与客户商务确认续订，避免到期后无法创建资源。',
            'Confirm the renewal with the customer early; an expired licence blocks resource creation.',
          ),
        },
        {
          id: 'unhandled-alarms',
          title: l('未处理的严重及以上告警数', 'Unhandled critical-or-higher alarms'),
          method: l(
            '监控告警中心中未确认的严重及紧急告警。',
            'Unacknowledged critical and emergency alarms in the monitoring centre.',
          ),
          measure: 'number',
          unit: 'count',
          threshold: atLeast(1, 5),
          weight: 3,
          riskOnFail: 'high',
          recommendation: l(
            '逐条处理并登记到事件清单；调整无效告警规则。',
            'Handle each one and record it in the event list; tune rules that fire without cause.',
          ),
        },
      ],
    },
    {
      id: 'hosts',
      title: l('物理主机', 'Physical hosts'),
      nodeRole: 'host',
      items: [
        {
          id: 'host-state',
          title: l('主机连接与启用状态', 'Host connection and enabled state'),
          method: l('主机状态为已连接且已启用。', 'The host is Connected and Enabled.'),
          command: 'zstack-cli QueryHost fields=name,status,state',
          measure: 'check',
          weight: 4,
          riskOnFail: 'high',
          recommendation: l(
            '检查主机 agent、管理网络与存储网络连通性。',
            'Check the host agent and the management and storage network connectivity.',
          ),
          perNode: true,
        },
        {
          id: 'host-cpu',
          title: l('CPU 使用率', 'CPU usage'),
          method: l('最近 24 小时峰值。', 'Peak over the last 24 hours.'),
          measure: 'number',
          unit: '%',
          threshold: atLeast(75, 90),
          weight: 2,
          riskOnFail: 'medium',
          recommendation: l(
            '迁移热点云主机，调整 CPU 超分比。',
            'Migrate busy instances and revisit the CPU overcommit ratio.',
          ),
          perNode: true,
        },
        {
          id: 'host-memory',
          title: l('内存使用率', 'Memory usage'),
          method: l('最近 24 小时峰值。', 'Peak over the last 24 hours.'),
          measure: 'number',
          unit: '%',
          threshold: atLeast(80, 92),
          weight: 3,
          riskOnFail: 'high',
          recommendation: l(
            '迁移云主机或扩容主机，避免宿主机 OOM。',
            'Migrate instances or add hosts to avoid host OOM.',
          ),
          perNode: true,
        },
        {
          id: 'host-system-disk',
          title: l('系统盘使用率', 'System disk usage'),
          method: l('/ 分区已用百分比。', 'Used percentage of /.'),
          command: 'df -h /',
          measure: 'number',
          unit: '%',
          threshold: atLeast(75, 85),
          weight: 2,
          riskOnFail: 'medium',
          recommendation: l('清理日志并配置轮转。', 'Clean logs and configure rotation.'),
          perNode: true,
        },
      ],
    },
    {
      id: 'storage',
      title: l('存储资源', 'Storage resources'),
      items: [
        {
          id: 'storage-health',
          title: l('分布式存储集群健康状态', 'Distributed storage cluster health'),
          method: l(
            'Ceph 为 HEALTH_OK（或专有云盘古无异常），无降级或丢失的数据对象。',
            'Ceph reports HEALTH_OK (or Apsara Pangu shows no abnormality), no degraded or lost objects.',
          ),
          command: 'ceph -s',
          measure: 'check',
          weight: 5,
          riskOnFail: 'critical',
          recommendation: l(
            '定位故障 OSD/磁盘，恢复数据冗余后再进行其他变更。',
            'Find the failed OSD/disk and restore redundancy before any other change.',
          ),
        },
        {
          id: 'primary-storage-usage',
          title: l('主存储使用率', 'Primary storage usage'),
          method: l('已用容量除以总容量（按物理容量）。', 'Used over total (physical capacity).'),
          measure: 'number',
          unit: '%',
          threshold: atLeast(70, 85),
          weight: 4,
          riskOnFail: 'high',
          recommendation: l(
            '清理无用快照与云盘，制定扩容计划。',
            'Remove unused snapshots and volumes; plan an expansion.',
          ),
        },
        {
          id: 'storage-days-to-full',
          title: l(
            '按当前增速主存储写满剩余天数',
            'Days until primary storage is full at the current rate',
          ),
          method: l(
            '最近 30 天容量增长线性外推。',
            'Linear extrapolation of the growth over the last 30 days.',
          ),
          measure: 'number',
          unit: 'days',
          threshold: below(90, 30),
          weight: 3,
          riskOnFail: 'high',
          recommendation: l(
            '提前采购扩容，或与客户约定数据清理策略。',
            'Order the expansion in time or agree a data clean-up policy with the customer.',
          ),
        },
        {
          id: 'backup-storage-usage',
          title: l('镜像/备份存储使用率', 'Image/backup storage usage'),
          measure: 'number',
          method: l('已用容量除以总容量。', 'Used over total.'),
          unit: '%',
          threshold: atLeast(75, 90),
          weight: 2,
          riskOnFail: 'medium',
          recommendation: l(
            '清理过期镜像与备份，调整保留策略。',
            'Delete expired images and backups; adjust the retention policy.',
          ),
        },
      ],
    },
    {
      id: 'network',
      title: l('网络资源', 'Network resources'),
      items: [
        {
          id: 'vrouters',
          title: l('VPC 路由器 / 虚拟路由运行状态', 'VPC routers running'),
          method: l(
            '所有 VPC 路由器为 Running 且已连接。',
            'Every VPC router is Running and Connected.',
          ),
          command: 'zstack-cli QueryVirtualRouterVm fields=name,state,status',
          measure: 'check',
          weight: 4,
          riskOnFail: 'high',
          recommendation: l(
            '重连或重建异常的虚拟路由器，检查公网与管理网连通。',
            'Reconnect or rebuild the failed virtual routers; check public and management network reachability.',
          ),
        },
        {
          id: 'uplink-bandwidth',
          title: l('出口带宽峰值利用率', 'Peak uplink bandwidth utilisation'),
          method: l(
            '最近 7 天出口链路利用率峰值。',
            'Peak uplink utilisation over the last 7 days.',
          ),
          measure: 'number',
          unit: '%',
          threshold: atLeast(70, 90),
          weight: 2,
          riskOnFail: 'medium',
          recommendation: l(
            '分析流量来源，评估扩容带宽或限速策略。',
            'Analyse the traffic sources; consider more bandwidth or rate limits.',
          ),
        },
      ],
    },
    {
      id: 'instances-and-backup',
      title: l('云资源实例与备份', 'Cloud instances and backups'),
      items: [
        {
          id: 'abnormal-instances',
          title: l('异常状态云主机数', 'Instances in an abnormal state'),
          method: l(
            '状态为 Unknown、Crashed 或非计划 Stopped 的云主机。',
            'Instances Unknown, Crashed or Stopped without a plan.',
          ),
          command: 'zstack-cli QueryVmInstance state!=Running fields=name,state',
          measure: 'number',
          unit: 'count',
          threshold: atLeast(1, 5),
          weight: 4,
          riskOnFail: 'high',
          recommendation: l(
            '与应用负责人确认后恢复实例，并排查宿主机原因。',
            "Restore the instances with the application owner's agreement and look for a host cause.",
          ),
        },
        {
          id: 'backup-age',
          title: l('最近一次成功备份距今', 'Age of the last successful backup'),
          method: l(
            '关键云主机与数据库的备份任务中最近一次成功时间。',
            'The latest success among the backup jobs of the key instances and databases.',
          ),
          measure: 'number',
          unit: 'h',
          threshold: above(24, 72),
          weight: 4,
          riskOnFail: 'high',
          recommendation: l(
            '修复备份任务并验证可恢复性，更新备份报告。',
            'Repair the backup jobs, check they can be restored and update the backup report.',
          ),
        },
        {
          id: 'backup-failures',
          title: l('周期内失败的备份任务数', 'Failed backup jobs in the period'),
          method: l(
            '自上次巡检以来失败的备份任务。',
            'Backup jobs that failed since the last inspection.',
          ),
          measure: 'number',
          unit: 'count',
          threshold: atLeast(1, 3),
          weight: 3,
          riskOnFail: 'medium',
          recommendation: l(
            '分析失败原因（存储空间、网络、快照冲突）并重跑。',
            'Find why they failed (space, network, snapshot conflicts) and run them again.',
          ),
        },
      ],
    },
    {
      id: 'overall-evaluation',
      title: l('总体评价', 'Overall evaluation'),
      kind: 'evaluation',
      items: [],
    },
  ],
};
