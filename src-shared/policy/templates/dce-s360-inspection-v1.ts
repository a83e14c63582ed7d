import type { Localized } from '../types';
import type { InspectionTemplate, Threshold } from './types';

/*
 * DCE S360 proactive inspection (主动巡检服务), version 1. The six sections are the ones seed
 * 000 names for the inspection report: 整体信息、管理节点、计算节点、应用状态、功能需求及问题处理、
 * 总体评价. The checks are the ones a Kubernetes platform engineer makes on a DCE cluster; the
 * thresholds are this template's, not the seed's (the seed names no figures).
 *
 * Published: never edit this object. Change the checks in a new version (see v2).
 */

function l(zh: string, en: string): Localized {
  return { zh, en };
}

/** Usage-style limits: warning at or above `warn`, failure at or above `fail`. */
function atLeast(warn: number, fail: number): Threshold {
  return { warn: { op: '>=', value: warn }, fail: { op: '>=', value: fail } };
}

/** Remaining-time limits: warning below `warn`, failure below `fail`. */
function below(warn: number, fail: number): Threshold {
  return { warn: { op: '<', value: warn }, fail: { op: '<', value: fail } };
}

/** Age or latency limits: warning above `warn`, failure above `fail`. */
function above(warn: number, fail: number): Threshold {
  return { warn: { op: '>', value: warn }, fail: { op: '>', value: fail } };
}

export const DCE_S360_INSPECTION_V1: InspectionTemplate = {
  id: 'dce-s360-inspection',
  version: 1,
  kind: 'inspection',
  packId: 'dce-support',
  products: ['DCE'],
  name: l('DCE 主动巡检（S360）', 'DCE proactive inspection (S360)'),
  description: l(
    'S360 主动巡检服务：定期对产品进行健康巡检，主动识别隐患问题并提供改进或优化建议。',
    'S360 proactive inspection: a periodic health inspection of the product that identifies hidden problems and gives improvement or optimisation advice.',
  ),
  publishedAt: '2026-01-05',
  sections: [
    {
      id: 'overall',
      title: l('整体信息', 'Overall information'),
      items: [
        {
          id: 'product-lifecycle',
          title: l('产品版本生命周期状态', 'Product version lifecycle status'),
          method: l(
            '核对集群 DCE 版本在巡检当日的支持状态（生命周期公告：标准支持截止、支持生命周期截止）。',
            "Check the support status of the cluster's DCE version on the inspection date (lifecycle notice: end of standard support, end of support life).",
          ),
          command: 'kubectl get clusterversion -o wide',
          measure: 'lifecycle',
          weight: 3,
          riskOnFail: 'high',
          recommendation: l(
            '制定升级计划，升级到仍在标准支持期内的版本；升级前完成升级前检查与回退方案。',
            'Plan an upgrade to a version still in standard support; complete the pre-upgrade checks and the rollback plan first.',
          ),
        },
        {
          id: 'apiserver-health',
          title: l('kube-apiserver 健康检查', 'kube-apiserver health'),
          method: l(
            '所有 readyz 检查项返回 ok，且各管理节点上的 apiserver 均可访问。',
            'Every readyz check returns ok and the apiserver answers on every control-plane node.',
          ),
          command: "kubectl get --raw='/readyz?verbose'",
          measure: 'check',
          weight: 5,
          riskOnFail: 'critical',
          recommendation: l(
            '检查 apiserver 日志、证书和 etcd 连接；恢复前暂停变更操作。',
            'Read the apiserver logs, check its certificates and etcd connectivity; freeze changes until it is healthy.',
          ),
        },
        {
          id: 'etcd-health',
          title: l('etcd 集群健康与选主', 'etcd cluster health and leader'),
          method: l(
            '所有成员 healthy，存在唯一 leader，成员数为奇数且与规划一致。',
            'Every member is healthy, there is exactly one leader, the member count is odd and as planned.',
          ),
          command: 'etcdctl endpoint status --cluster -w table',
          measure: 'check',
          weight: 5,
          riskOnFail: 'critical',
          recommendation: l(
            '立即排查不健康成员（磁盘延迟、网络分区、证书），必要时按手册替换成员；先确认最近一次快照可用。',
            'Investigate unhealthy members at once (disk latency, network partition, certificates) and replace a member by the runbook if needed; first make sure the latest snapshot is usable.',
          ),
        },
        {
          id: 'etcd-db-size',
          title: l('etcd 数据库占配额比例', 'etcd database size against its quota'),
          method: l(
            'DB SIZE 除以 --quota-backend-bytes。',
            'DB SIZE divided by --quota-backend-bytes.',
          ),
          command: 'etcdctl endpoint status --cluster -w json',
          measure: 'number',
          unit: '%',
          threshold: atLeast(60, 80),
          weight: 4,
          riskOnFail: 'high',
          recommendation: l(
            '执行 compaction 与 defrag，清理过期事件与大对象；评估提高配额。',
            'Run compaction and defragmentation, clean up expired events and large objects; consider a larger quota.',
          ),
        },
        {
          id: 'cert-expiry',
          title: l('管理面证书剩余有效天数', 'Control-plane certificates: days to expiry'),
          method: l(
            '取 apiserver、etcd、front-proxy 等证书中最早到期者的剩余天数。',
            'Days left on the earliest-expiring control-plane certificate (apiserver, etcd, front-proxy, ...).',
          ),
          command: 'kubeadm certs check-expiration',
          measure: 'number',
          unit: 'days',
          threshold: below(90, 30),
          weight: 4,
          riskOnFail: 'critical',
          recommendation: l(
            '在维护窗口内轮换证书（kubeadm certs renew all）并重启管理面组件，更新 kubeconfig。',
            'Rotate the certificates in a maintenance window (kubeadm certs renew all), restart the control-plane components and refresh kubeconfigs.',
          ),
        },
        {
          id: 'nodes-not-ready',
          title: l('NotReady 节点数', 'Nodes NotReady'),
          method: l(
            '统计 STATUS 不为 Ready 的节点。',
            'Count the nodes whose STATUS is not Ready.',
          ),
          command: 'kubectl get nodes --no-headers | grep -vw Ready | wc -l',
          measure: 'number',
          unit: 'count',
          threshold: { fail: { op: '>=', value: 1 } },
          weight: 5,
          riskOnFail: 'high',
          recommendation: l(
            '按“节点状态未就绪”排障手册处理：kubelet、容器运行时、网络与磁盘压力。',
            'Follow the "node NotReady" troubleshooting runbook: kubelet, container runtime, network and disk pressure.',
          ),
        },
        {
          id: 'cpu-requests',
          title: l('集群 CPU 请求分配率', 'Cluster CPU requests allocated'),
          method: l(
            '所有节点 CPU requests 之和除以可分配 CPU 之和。',
            'Sum of CPU requests over the sum of allocatable CPU.',
          ),
          command: 'kubectl describe nodes | grep -A5 "Allocated resources"',
          measure: 'number',
          unit: '%',
          threshold: atLeast(80, 90),
          weight: 3,
          riskOnFail: 'medium',
          recommendation: l(
            '扩容计算节点或回收过度申请的 requests，避免新 Pod 无法调度。',
            'Add compute nodes or reclaim over-sized requests so new Pods can still be scheduled.',
          ),
        },
        {
          id: 'memory-requests',
          title: l('集群内存请求分配率', 'Cluster memory requests allocated'),
          method: l(
            '所有节点内存 requests 之和除以可分配内存之和。',
            'Sum of memory requests over the sum of allocatable memory.',
          ),
          command: 'kubectl describe nodes | grep -A5 "Allocated resources"',
          measure: 'number',
          unit: '%',
          threshold: atLeast(80, 90),
          weight: 3,
          riskOnFail: 'medium',
          recommendation: l(
            '扩容计算节点或调整工作负载内存 requests。',
            'Add compute nodes or right-size the memory requests of the workloads.',
          ),
        },
        {
          id: 'etcd-backup-age',
          title: l('最近一次成功 etcd 备份距今', 'Age of the last successful etcd backup'),
          method: l(
            '查看备份任务记录中最近一次成功快照的时间，并确认快照文件存在于集群外。',
            'Find the last successful snapshot in the backup job history and check the file exists outside the cluster.',
          ),
          command: 'ls -lt /var/lib/etcd-backup/ | head',
          measure: 'number',
          unit: 'h',
          threshold: above(24, 72),
          weight: 4,
          riskOnFail: 'high',
          recommendation: l(
            '修复备份任务，至少每日一次快照并异地保存；定期演练恢复。',
            'Repair the backup job: at least one snapshot a day, stored off the cluster; rehearse restores regularly.',
          ),
        },
        {
          id: 'coredns',
          title: l('集群 DNS（CoreDNS）解析', 'Cluster DNS (CoreDNS) resolution'),
          method: l(
            'CoreDNS 副本全部就绪，在测试 Pod 内解析 kubernetes.default 与一个外部域名成功。',
            'Every CoreDNS replica is ready; from a test Pod, kubernetes.default and one external name resolve.',
          ),
          command: 'kubectl -n kube-system get pods -l k8s-app=kube-dns',
          measure: 'check',
          weight: 4,
          riskOnFail: 'high',
          recommendation: l(
            '检查 CoreDNS 日志、上游 DNS 与 NetworkPolicy；副本数不少于 2 并分散在不同节点。',
            'Check the CoreDNS logs, the upstream DNS and NetworkPolicies; run at least 2 replicas on different nodes.',
          ),
        },
        {
          id: 'ingress',
          title: l('Ingress 控制器与入口连通性', 'Ingress controller and entry connectivity'),
          method: l(
            'Ingress 控制器副本就绪，经负载均衡访问一个业务域名返回预期状态码。',
            'The ingress controller replicas are ready; one business host name answers through the load balancer with the expected status.',
          ),
          command: 'kubectl get pods -A -l app.kubernetes.io/name=ingress-nginx',
          measure: 'check',
          weight: 3,
          riskOnFail: 'high',
          recommendation: l(
            '排查控制器日志、后端 Service Endpoints 与负载均衡健康检查。',
            'Check the controller logs, the backend Service endpoints and the load balancer health checks.',
          ),
        },
        {
          id: 'critical-alerts',
          title: l('正在触发的严重告警数', 'Critical alerts firing'),
          method: l(
            '在告警中心统计 severity=critical 且仍在触发的告警。',
            'Count the alerts with severity=critical that are still firing in the alert centre.',
          ),
          measure: 'number',
          unit: 'count',
          threshold: { warn: { op: '>=', value: 1 }, fail: { op: '>=', value: 3 } },
          weight: 3,
          riskOnFail: 'high',
          recommendation: l(
            '逐条确认告警根因并处理；无效告警调整规则，避免告警疲劳。',
            'Find and fix the cause of each alert; tune rules that fire without cause to avoid alert fatigue.',
          ),
        },
      ],
    },
    {
      id: 'management-nodes',
      title: l('管理节点', 'Management nodes'),
      nodeRole: 'control-plane',
      items: [
        {
          id: 'cp-node-ready',
          title: l('节点 Ready 状态', 'Node Ready condition'),
          method: l('节点 Ready 条件为 True。', 'The node condition Ready is True.'),
          command: 'kubectl get node <node> -o wide',
          measure: 'check',
          weight: 5,
          riskOnFail: 'critical',
          recommendation: l(
            '按“节点状态未就绪”手册排查 kubelet、容器运行时与网络。',
            'Follow the "node NotReady" runbook: kubelet, container runtime, network.',
          ),
          perNode: true,
        },
        {
          id: 'cp-pressure',
          title: l('资源压力条件', 'Resource pressure conditions'),
          method: l(
            'MemoryPressure、DiskPressure、PIDPressure 均为 False。',
            'MemoryPressure, DiskPressure and PIDPressure are all False.',
          ),
          command: 'kubectl describe node <node> | grep -A8 Conditions',
          measure: 'check',
          weight: 4,
          riskOnFail: 'high',
          recommendation: l(
            '释放磁盘或内存，找出消耗进程；管理节点不运行业务负载（检查污点）。',
            'Free disk or memory and find the consuming process; keep business workloads off control-plane nodes (check the taints).',
          ),
          perNode: true,
        },
        {
          id: 'cp-cpu',
          title: l('CPU 使用率', 'CPU usage'),
          method: l('最近 24 小时 CPU 使用率峰值。', 'Peak CPU usage over the last 24 hours.'),
          command: 'kubectl top node <node>',
          measure: 'number',
          unit: '%',
          threshold: atLeast(70, 85),
          weight: 3,
          riskOnFail: 'medium',
          recommendation: l(
            '排查高负载组件（apiserver 请求量、etcd），必要时纵向扩容管理节点。',
            'Find the busy component (apiserver request volume, etcd); scale the control-plane nodes up if needed.',
          ),
          perNode: true,
        },
        {
          id: 'cp-memory',
          title: l('内存使用率', 'Memory usage'),
          method: l('最近 24 小时内存使用率峰值。', 'Peak memory usage over the last 24 hours.'),
          command: 'free -m',
          measure: 'number',
          unit: '%',
          threshold: atLeast(75, 90),
          weight: 3,
          riskOnFail: 'high',
          recommendation: l(
            '检查 apiserver 缓存与 watch 数量、etcd 内存；扩容内存。',
            'Check the apiserver cache and watch count and etcd memory; add memory.',
          ),
          perNode: true,
        },
        {
          id: 'cp-root-disk',
          title: l('根分区使用率', 'Root file system usage'),
          method: l('/ 分区已用百分比。', 'Used percentage of /.'),
          command: 'df -h /',
          measure: 'number',
          unit: '%',
          threshold: atLeast(75, 85),
          weight: 3,
          riskOnFail: 'high',
          recommendation: l(
            '清理日志与无用镜像，配置日志轮转；超过 85% 时 kubelet 会开始驱逐。',
            'Clean logs and unused images and configure log rotation; above 85 % the kubelet starts evicting.',
          ),
          perNode: true,
        },
        {
          id: 'cp-etcd-disk',
          title: l('etcd 数据盘使用率', 'etcd data disk usage'),
          method: l(
            '/var/lib/etcd 所在分区已用百分比。',
            'Used percentage of the /var/lib/etcd file system.',
          ),
          command: 'df -h /var/lib/etcd',
          measure: 'number',
          unit: '%',
          threshold: atLeast(70, 85),
          weight: 4,
          riskOnFail: 'critical',
          recommendation: l(
            'etcd 使用独立 SSD 数据盘；执行 defrag，扩容数据盘。',
            'Give etcd its own SSD data disk; defragment and grow the disk.',
          ),
          perNode: true,
        },
        {
          id: 'cp-etcd-fsync',
          title: l('etcd WAL fsync 延迟（p99）', 'etcd WAL fsync latency (p99)'),
          method: l(
            'etcd_disk_wal_fsync_duration_seconds 的 p99。',
            'p99 of etcd_disk_wal_fsync_duration_seconds.',
          ),
          command:
            'histogram_quantile(0.99, rate(etcd_disk_wal_fsync_duration_seconds_bucket[5m]))',
          measure: 'number',
          unit: 'ms',
          threshold: above(10, 25),
          weight: 3,
          riskOnFail: 'high',
          recommendation: l(
            '更换为低延迟 SSD，避免与其他 IO 密集进程共用磁盘。',
            'Move to a low-latency SSD and keep other IO-heavy processes off the disk.',
          ),
          perNode: true,
        },
        {
          id: 'cp-static-pods',
          title: l('管理面组件运行状态', 'Control-plane components running'),
          method: l(
            'kube-apiserver、kube-controller-manager、kube-scheduler、etcd 容器均 Running，近 24 小时无重启。',
            'kube-apiserver, kube-controller-manager, kube-scheduler and etcd are Running with no restart in the last 24 hours.',
          ),
          command: 'crictl ps | grep -E "apiserver|controller|scheduler|etcd"',
          measure: 'check',
          weight: 5,
          riskOnFail: 'critical',
          recommendation: l(
            '查看组件日志与静态 Pod 清单，确认证书与参数正确。',
            'Read the component logs and static Pod manifests; check certificates and flags.',
          ),
          perNode: true,
        },
        {
          id: 'cp-clock-offset',
          title: l('时钟偏差', 'Clock offset'),
          method: l('与 NTP 源的偏差绝对值。', 'Absolute offset from the NTP source.'),
          command: 'chronyc tracking',
          measure: 'number',
          unit: 'ms',
          threshold: above(100, 500),
          weight: 2,
          riskOnFail: 'medium',
          recommendation: l(
            '配置并启用 chrony，所有节点同步到同一时间源。',
            'Configure and enable chrony; sync every node to the same time source.',
          ),
          perNode: true,
        },
      ],
    },
    {
      id: 'compute-nodes',
      title: l('计算节点', 'Compute nodes'),
      nodeRole: 'worker',
      items: [
        {
          id: 'node-ready',
          title: l('节点 Ready 状态', 'Node Ready condition'),
          method: l('节点 Ready 条件为 True。', 'The node condition Ready is True.'),
          command: 'kubectl get node <node> -o wide',
          measure: 'check',
          weight: 4,
          riskOnFail: 'high',
          recommendation: l(
            '按“节点状态未就绪”手册排查 kubelet、容器运行时与网络。',
            'Follow the "node NotReady" runbook: kubelet, container runtime, network.',
          ),
          perNode: true,
        },
        {
          id: 'node-pressure',
          title: l('资源压力条件', 'Resource pressure conditions'),
          method: l(
            'MemoryPressure、DiskPressure、PIDPressure 均为 False。',
            'MemoryPressure, DiskPressure and PIDPressure are all False.',
          ),
          command: 'kubectl describe node <node> | grep -A8 Conditions',
          measure: 'check',
          weight: 3,
          riskOnFail: 'high',
          recommendation: l(
            '找出消耗资源的 Pod，设置 requests/limits，必要时扩容节点。',
            'Find the Pods consuming the resource, set requests/limits, add nodes if needed.',
          ),
          perNode: true,
        },
        {
          id: 'node-cpu',
          title: l('CPU 使用率', 'CPU usage'),
          method: l('最近 24 小时 CPU 使用率峰值。', 'Peak CPU usage over the last 24 hours.'),
          command: 'kubectl top node <node>',
          measure: 'number',
          unit: '%',
          threshold: atLeast(75, 90),
          weight: 2,
          riskOnFail: 'medium',
          recommendation: l(
            '均衡调度（反亲和、拓扑分布），或扩容计算节点。',
            'Balance the scheduling (anti-affinity, topology spread) or add compute nodes.',
          ),
          perNode: true,
        },
        {
          id: 'node-memory',
          title: l('内存使用率', 'Memory usage'),
          method: l('最近 24 小时内存使用率峰值。', 'Peak memory usage over the last 24 hours.'),
          command: 'free -m',
          measure: 'number',
          unit: '%',
          threshold: atLeast(80, 92),
          weight: 3,
          riskOnFail: 'high',
          recommendation: l(
            '检查 OOM 记录与内存 limits，扩容或迁移工作负载。',
            'Check the OOM records and memory limits; add capacity or move workloads.',
          ),
          perNode: true,
        },
        {
          id: 'node-root-disk',
          title: l('根分区使用率', 'Root file system usage'),
          method: l('/ 分区已用百分比。', 'Used percentage of /.'),
          command: 'df -h /',
          measure: 'number',
          unit: '%',
          threshold: atLeast(75, 85),
          weight: 3,
          riskOnFail: 'high',
          recommendation: l(
            '清理日志和临时文件，配置日志轮转。',
            'Clean logs and temporary files; configure log rotation.',
          ),
          perNode: true,
        },
        {
          id: 'node-runtime-disk',
          title: l('容器运行时数据盘使用率', 'Container runtime data disk usage'),
          method: l(
            '/var/lib/containerd（或 /var/lib/docker）所在分区已用百分比。',
            'Used percentage of the /var/lib/containerd (or /var/lib/docker) file system.',
          ),
          command: 'df -h /var/lib/containerd',
          measure: 'number',
          unit: '%',
          threshold: atLeast(75, 85),
          weight: 3,
          riskOnFail: 'high',
          recommendation: l(
            '清理未使用镜像（crictl rmi --prune），调整 kubelet 镜像回收阈值。',
            'Prune unused images (crictl rmi --prune) and tune the kubelet image garbage-collection thresholds.',
          ),
          perNode: true,
        },
        {
          id: 'node-pods',
          title: l('Pod 数占上限比例', 'Pods against the node limit'),
          method: l(
            '节点上 Pod 数除以 kubelet maxPods。',
            "Pods on the node divided by the kubelet's maxPods.",
          ),
          command: 'kubectl get pods -A --field-selector spec.nodeName=<node> --no-headers | wc -l',
          measure: 'number',
          unit: '%',
          threshold: atLeast(80, 95),
          weight: 1,
          riskOnFail: 'low',
          recommendation: l(
            '扩容节点或调整 maxPods 与 Pod 网段规划。',
            'Add nodes or revisit maxPods and the Pod CIDR plan.',
          ),
          perNode: true,
        },
        {
          id: 'node-clock-offset',
          title: l('时钟偏差', 'Clock offset'),
          method: l('与 NTP 源的偏差绝对值。', 'Absolute offset from the NTP source.'),
          command: 'chronyc tracking',
          measure: 'number',
          unit: 'ms',
          threshold: above(100, 500),
          weight: 1,
          riskOnFail: 'medium',
          recommendation: l(
            '配置并启用 chrony，所有节点同步到同一时间源。',
            'Configure and enable chrony; sync every node to the same time source.',
          ),
          perNode: true,
        },
      ],
    },
    {
      id: 'application-status',
      title: l('应用状态', 'Application status'),
      items: [
        {
          id: 'pods-abnormal',
          title: l('异常 Pod 数', 'Pods in an error state'),
          method: l(
            '状态为 CrashLoopBackOff、Error、ImagePullBackOff、Unknown 等（不含 Completed）的 Pod。',
            'Pods in CrashLoopBackOff, Error, ImagePullBackOff, Unknown and the like (Completed excluded).',
          ),
          command: 'kubectl get pods -A | grep -vE "Running|Completed"',
          measure: 'number',
          unit: 'count',
          threshold: { warn: { op: '>=', value: 1 }, fail: { op: '>=', value: 5 } },
          weight: 4,
          riskOnFail: 'high',
          recommendation: l(
            '按“容器不断重启”“Pod 常见错误”手册逐个处理，并通知应用负责人。',
            'Work through them with the "container keeps restarting" and "Pod errors" runbooks and tell the application owners.',
          ),
        },
        {
          id: 'pods-pending',
          title: l('Pending 超过 5 分钟的 Pod 数', 'Pods Pending for more than 5 minutes'),
          method: l(
            '统计 Pending 状态超过 5 分钟的 Pod，查看调度失败事件。',
            'Count Pods Pending for more than 5 minutes and read their scheduling events.',
          ),
          command: 'kubectl get pods -A --field-selector status.phase=Pending',
          measure: 'number',
          unit: 'count',
          threshold: { warn: { op: '>=', value: 1 }, fail: { op: '>=', value: 5 } },
          weight: 3,
          riskOnFail: 'medium',
          recommendation: l(
            '根据事件处理资源不足、亲和性、PVC 未绑定或污点问题。',
            'Resolve by the events: insufficient resources, affinity, unbound PVCs or taints.',
          ),
        },
        {
          id: 'pod-restarts',
          title: l(
            '24 小时内重启超过 5 次的容器数',
            'Containers restarted more than 5 times in 24 h',
          ),
          method: l(
            '按容器统计最近 24 小时的重启次数（kube_pod_container_status_restarts_total 增量）。',
            'Restarts per container over the last 24 hours (increase of kube_pod_container_status_restarts_total).',
          ),
          command: 'increase(kube_pod_container_status_restarts_total[24h]) > 5',
          measure: 'number',
          unit: 'count',
          threshold: { warn: { op: '>=', value: 1 }, fail: { op: '>=', value: 5 } },
          weight: 3,
          riskOnFail: 'medium',
          recommendation: l(
            '查看上一次退出原因（OOMKilled、探针失败），调整 limits 或探针参数。',
            'Read the last termination reason (OOMKilled, failed probes) and adjust limits or probe settings.',
          ),
        },
        {
          id: 'unavailable-workloads',
          title: l('副本不可用的工作负载数', 'Workloads with unavailable replicas'),
          method: l(
            'Deployment/StatefulSet 可用副本数小于期望副本数。',
            'Deployments/StatefulSets with fewer available replicas than desired.',
          ),
          command: 'kubectl get deploy,sts -A',
          measure: 'number',
          unit: 'count',
          threshold: { warn: { op: '>=', value: 1 }, fail: { op: '>=', value: 3 } },
          weight: 4,
          riskOnFail: 'high',
          recommendation: l(
            '确认业务影响，优先恢复生产工作负载的副本。',
            'Confirm the business impact and restore the replicas of production workloads first.',
          ),
        },
        {
          id: 'pv-usage',
          title: l('持久卷最高使用率', 'Highest persistent volume usage'),
          method: l(
            'kubelet_volume_stats_used_bytes / capacity_bytes 的最大值。',
            'Maximum of kubelet_volume_stats_used_bytes / capacity_bytes.',
          ),
          command: 'max(kubelet_volume_stats_used_bytes / kubelet_volume_stats_capacity_bytes)',
          measure: 'number',
          unit: '%',
          threshold: atLeast(75, 90),
          weight: 3,
          riskOnFail: 'high',
          recommendation: l(
            '扩容 PVC（存储类支持时）或清理数据，设置容量告警。',
            'Expand the PVC (where the storage class allows) or clean data; add a capacity alert.',
          ),
        },
        {
          id: 'pvc-unbound',
          title: l('Pending/Lost 状态的 PVC 数', 'PVCs Pending or Lost'),
          method: l('统计未绑定或丢失的 PVC。', 'Count PVCs that are not bound or are lost.'),
          command: 'kubectl get pvc -A | grep -vw Bound',
          measure: 'number',
          unit: 'count',
          threshold: { fail: { op: '>=', value: 1 } },
          weight: 3,
          riskOnFail: 'high',
          recommendation: l(
            '检查存储类、CSI 驱动与后端存储状态。',
            'Check the storage class, the CSI driver and the backend storage.',
          ),
        },
        {
          id: 'services-no-endpoints',
          title: l('无可用后端的 Service 数', 'Services without endpoints'),
          method: l(
            '有 selector 但 Endpoints 为空的 Service。',
            'Services with a selector whose endpoints are empty.',
          ),
          command: 'kubectl get endpoints -A | grep "<none>"',
          measure: 'number',
          unit: 'count',
          threshold: { warn: { op: '>=', value: 1 }, fail: { op: '>=', value: 5 } },
          weight: 2,
          riskOnFail: 'medium',
          recommendation: l(
            '核对 selector 与 Pod 标签、就绪探针；清理废弃 Service。',
            'Check selectors against Pod labels and readiness probes; remove abandoned Services.',
          ),
        },
        {
          id: 'workloads-without-limits',
          title: l('未设置资源限制的容器比例', 'Containers without resource limits'),
          method: l(
            '未设置 CPU 或内存 limits 的业务容器占比。',
            'Share of business containers without CPU or memory limits.',
          ),
          command: 'kubectl get pods -A -o json | jq ...',
          measure: 'number',
          unit: '%',
          threshold: atLeast(20, 50),
          weight: 1,
          riskOnFail: 'low',
          recommendation: l(
            '为命名空间配置 LimitRange 默认值，逐步补齐 requests/limits。',
            'Add LimitRange defaults per namespace and fill in requests/limits step by step.',
          ),
        },
      ],
    },
    {
      id: 'requirements-and-problems',
      title: l('功能需求及问题处理', 'Functional requirements and problem handling'),
      items: [
        {
          id: 'open-incidents',
          title: l('未关闭的 1、2 级事件数', 'Open level 1 and 2 incidents'),
          method: l(
            '统计该客户仍未关闭的 1 级、2 级事件。',
            "Count the customer's level 1 and 2 incidents not yet closed.",
          ),
          measure: 'number',
          unit: 'count',
          threshold: { fail: { op: '>=', value: 1 } },
          weight: 3,
          riskOnFail: 'high',
          recommendation: l(
            '跟进处理进度并按政策每小时（1 级）向客户通报。',
            'Chase the progress and update the customer hourly (level 1) as the policy requires.',
          ),
        },
        {
          id: 'carried-over-problems',
          title: l('上次巡检遗留未解决问题数', 'Problems left open since the last inspection'),
          method: l(
            '对照上次巡检报告的发现项，统计仍未解决的问题。',
            "Compare with the last inspection report's findings and count those still open.",
          ),
          measure: 'number',
          unit: 'count',
          threshold: { warn: { op: '>=', value: 1 }, fail: { op: '>=', value: 5 } },
          weight: 2,
          riskOnFail: 'medium',
          recommendation: l(
            '与客户确认责任人与计划完成日期，纳入风险清单跟踪。',
            'Agree an owner and a due date with the customer and track them in the risk list.',
          ),
        },
        {
          id: 'requirements-recorded',
          title: l('客户功能需求已记录并反馈', 'Customer feature requests recorded and answered'),
          method: l(
            '本次收集的需求已登记为 5 级事件或需求清单，并告知客户处理方式。',
            'Requests collected this time are recorded as level 5 items or in the requirement list, and the customer knows how they will be handled.',
          ),
          measure: 'check',
          weight: 1,
          riskOnFail: 'low',
          recommendation: l(
            '补录需求并在下次例会上反馈评估结论。',
            'Record the requests and report the assessment at the next regular meeting.',
          ),
        },
        {
          id: 'security-advisories',
          title: l('未修复的高危漏洞公告数', 'Unpatched high-severity advisories'),
          method: l(
            '对照产品更新报告与社区漏洞报告，统计影响当前版本且未修复的高危漏洞。',
            'Against the product update and community vulnerability reports, count high-severity vulnerabilities affecting the current version that are not patched.',
          ),
          measure: 'number',
          unit: 'count',
          threshold: { warn: { op: '>=', value: 1 }, fail: { op: '>=', value: 3 } },
          weight: 3,
          riskOnFail: 'high',
          recommendation: l(
            '按产品升级提醒服务安排补丁或升级窗口。',
            'Schedule the patch or upgrade window through the upgrade-reminder service.',
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
