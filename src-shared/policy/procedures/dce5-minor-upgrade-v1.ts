import type { Localized } from '../types';
import type { ProcedureStep, ProcedureTemplate } from './types';

/*
 * DCE 5 minor upgrade (5.x → 5.x+1) with its rollback: seed 000's 产品升级 (升级方案制定、升级前检查、
 * 升级实施操作、升级后验证及回退方案). The Kubernetes part follows kubean / kubespray's
 * upgrade-cluster.yml: control plane and etcd first, one node at a time, then workers in batches
 * with a canary; kubespray itself has no rollback, so the rollback steps here restore what the
 * backup steps saved (etcd snapshot, /etc/kubernetes, Helm revisions of the platform modules).
 */

const l = (zh: string, en: string): Localized => ({ zh, en });

const ETCDCTL =
  'ETCDCTL_API=3 etcdctl --endpoints=https://127.0.0.1:2379 --cacert=/etc/ssl/etcd/ssl/ca.pem --cert=/etc/ssl/etcd/ssl/admin-$(hostname).pem --key=/etc/ssl/etcd/ssl/admin-$(hostname)-key.pem';

const NO_NOT_READY = '\\bNotReady\\b';

function step(s: ProcedureStep): ProcedureStep {
  return s;
}

const CP_ROLLBACK = ['rb-cp-restore', 'rb-etcd-restore', 'rb-verify'];
const WORKER_ROLLBACK = ['rb-workers-downgrade', 'rb-verify'];

export const DCE5_MINOR_UPGRADE_V1: ProcedureTemplate = {
  id: 'dce5-minor-upgrade',
  version: 1,
  kind: 'upgrade',
  packId: 'dce-support',
  products: ['DCE'],
  name: l('DCE 5 小版本升级（含回退方案）', 'DCE 5 minor upgrade (with rollback)'),
  description: l(
    '升级前检查、etcd 快照与配置备份、平台组件升级、控制平面逐台升级、工作节点分批升级、升级后验证；任一步失败可从最近的可回退检查点回退。',
    'Pre-upgrade checks, etcd snapshot and configuration backup, platform modules, control plane one node at a time, workers in batches, post-upgrade verification; any failed step can roll back from the last reversible checkpoint.',
  ),
  publishedAt: '2026-12-01',
  sections: [
    {
      id: 'pre-checks',
      kind: 'main',
      title: l('升级前检查', 'Pre-upgrade checks'),
      steps: [
        step({
          id: 'nodes-ready',
          title: l('所有节点 Ready', 'All nodes Ready'),
          instruction: l(
            '在任一管理节点执行，粘贴完整输出。',
            'Run on any control-plane node and paste the whole output.',
          ),
          command: 'kubectl get nodes -o wide',
          expected: {
            text: l(
              '每个节点 STATUS 为 Ready，没有 NotReady',
              'Every node is Ready, none NotReady',
            ),
            pattern: '\\sReady\\s',
            absent: NO_NOT_READY,
          },
          plannedMinutes: 2,
          evidence: ['output'],
          role: 'engineer',
        }),
        step({
          id: 'etcd-health',
          title: l('etcd 健康且成员数为奇数', 'etcd healthy with an odd member count'),
          instruction: l(
            '检查每个 etcd 成员健康；成员数填入数值（应为 3 或 5）。',
            'Check every etcd member is healthy; enter the member count (3 or 5).',
          ),
          command: `${ETCDCTL} endpoint health --cluster -w table && ${ETCDCTL} member list -w table`,
          expected: {
            text: l('所有 endpoint 显示 true（healthy）', 'Every endpoint shows true (healthy)'),
            pattern: '\\|\\s*true\\s*\\|',
            absent: '\\|\\s*false\\s*\\||unhealthy',
          },
          plannedMinutes: 3,
          evidence: ['output', 'value'],
          role: 'engineer',
        }),
        step({
          id: 'cert-expiry',
          title: l('证书在维护窗口内不过期', 'Certificates do not expire within the window'),
          instruction: l(
            '在每个管理节点检查证书剩余时间，均应大于 30 天。',
            'On every control-plane node check the residual time of each certificate; all above 30 days.',
          ),
          command: 'kubeadm certs check-expiration',
          expected: {
            text: l('所有证书剩余时间 ≥ 30 天', 'Every certificate has ≥ 30 days left'),
            threshold: { capture: '\\s(\\d+)d\\s', op: '>=', value: 30, unit: 'days' },
          },
          plannedMinutes: 3,
          evidence: ['output'],
          role: 'engineer',
        }),
        step({
          id: 'disk-free',
          title: l(
            '/var/lib 与 etcd 数据目录空间充足',
            'Disk free on /var/lib and the etcd data dir',
          ),
          instruction: l(
            '在每个节点检查使用率，均应低于 80%。',
            'On every node check usage; all below 80 %.',
          ),
          command: 'df -h /var/lib /var/lib/etcd',
          expected: {
            text: l('Use% 均 < 80%', 'Every Use% < 80 %'),
            threshold: { capture: '\\s(\\d+)%\\s', op: '<', value: 80, unit: '%' },
          },
          plannedMinutes: 3,
          evidence: ['output'],
          role: 'engineer',
        }),
        step({
          id: 'registry-images',
          title: l('镜像仓库可达且目标版本镜像齐全', 'Registry reachable, target images present'),
          instruction: l(
            '从火种节点检查离线仓库中目标版本的 kube-apiserver 镜像。',
            'From the bootstrap node check the target version’s kube-apiserver image in the offline registry.',
          ),
          command:
            'skopeo inspect --tls-verify=false docker://<registry>/kubernetes/kube-apiserver:<kube_version> | grep -E \'"Digest"|"Name"\'',
          expected: {
            text: l('返回镜像 Digest', 'The image digest is returned'),
            pattern: '"Digest":\\s*"sha256:[0-9a-f]{64}"',
          },
          plannedMinutes: 5,
          evidence: ['output'],
          role: 'engineer',
        }),
        step({
          id: 'velero-backup',
          title: l('Velero 备份在 24 小时内且已完成', 'A completed Velero backup within 24 h'),
          instruction: l(
            '确认最近一次业务备份状态为 Completed。',
            'Confirm the latest workload backup is Completed.',
          ),
          command: 'velero backup get',
          expected: {
            text: l('最近的备份 STATUS 为 Completed', 'The latest backup is Completed'),
            pattern: '\\sCompleted\\s',
          },
          plannedMinutes: 3,
          evidence: ['output'],
          role: 'engineer',
        }),
        step({
          id: 'version-skew',
          title: l('版本偏差符合规则', 'Version skew within the rules'),
          instruction: l(
            'kubelet 不高于 API Server，且最多落后 3 个小版本；每次只升一个小版本。',
            'No kubelet newer than the API server, at most 3 minors older; one minor version per run.',
          ),
          command:
            'kubectl version -o yaml && kubectl get nodes -o custom-columns=NAME:.metadata.name,KUBELET:.status.nodeInfo.kubeletVersion',
          expected: {
            text: l(
              '服务端与各节点 kubelet 版本满足偏差规则',
              'Server and kubelet versions satisfy the skew rules',
            ),
            pattern: 'serverVersion',
          },
          plannedMinutes: 3,
          evidence: ['output'],
          role: 'engineer',
        }),
        step({
          id: 'change-approval',
          title: l('变更审批', 'Change approval'),
          instruction: l(
            '客户变更负责人批准在维护窗口内实施（审批人不能是执行人）；填入变更单号。',
            'The customer’s change owner approves the work in the window (the approver cannot be the executor); enter the change ticket number.',
          ),
          expected: { text: l('已批准，审批未过期', 'Approved and not expired') },
          plannedMinutes: 10,
          evidence: ['value'],
          role: 'lead-engineer',
          approval: { role: 'approver', expiresHours: 72 },
        }),
      ],
    },
    {
      id: 'backup',
      kind: 'main',
      title: l('备份', 'Backup'),
      steps: [
        step({
          id: 'etcd-snapshot',
          title: l('etcd 快照', 'etcd snapshot'),
          instruction: l(
            '在一个 etcd 成员上保存快照并校验，将快照复制到火种节点。',
            'Save a snapshot on one etcd member, check it, copy it to the bootstrap node.',
          ),
          command: `${ETCDCTL} snapshot save /var/backups/etcd/pre-upgrade.db && ${ETCDCTL} snapshot status /var/backups/etcd/pre-upgrade.db -w table`,
          expected: {
            text: l(
              '输出 Snapshot saved，status 表显示 HASH 与 TOTAL KEYS',
              'Snapshot saved, status shows HASH and TOTAL KEYS',
            ),
            pattern: 'Snapshot saved',
          },
          plannedMinutes: 5,
          evidence: ['output'],
          role: 'engineer',
        }),
        step({
          id: 'backup-configs',
          title: l('备份控制平面配置与二进制', 'Back up control-plane configuration and binaries'),
          instruction: l(
            '在每个管理节点打包 /etc/kubernetes、kubelet 配置与当前二进制。',
            'On every control-plane node archive /etc/kubernetes, the kubelet configuration and the current binaries.',
          ),
          command:
            'tar czf /var/backups/k8s-pre-upgrade-$(hostname).tgz /etc/kubernetes /var/lib/kubelet/config.yaml /usr/local/bin/kubelet /usr/local/bin/kubectl && ls -l /var/backups/',
          expected: {
            text: l('每台管理节点生成备份包', 'An archive on every control-plane node'),
            pattern: 'k8s-pre-upgrade-',
          },
          plannedMinutes: 5,
          evidence: ['output'],
          role: 'engineer',
        }),
        step({
          id: 'helm-revisions',
          title: l('记录平台组件 Helm 版本', 'Record the platform modules’ Helm revisions'),
          instruction: l(
            '记录每个 DCE 模块当前的 Helm release 与 REVISION，回退时使用。',
            'Record every DCE module’s Helm release and REVISION for the rollback.',
          ),
          command: 'helm list -A',
          expected: {
            text: l('列出 release 及其 REVISION', 'Releases listed with their REVISION'),
            pattern: 'REVISION',
          },
          plannedMinutes: 3,
          evidence: ['output'],
          role: 'engineer',
        }),
      ],
    },
    {
      id: 'upgrade',
      kind: 'main',
      title: l('升级实施操作', 'Upgrade'),
      steps: [
        step({
          id: 'import-artifacts',
          title: l('导入目标版本离线包', 'Import the target version’s offline package'),
          instruction: l(
            '在火种节点导入目标版本的离线镜像与二进制（只新增，不影响运行中的集群）。',
            'On the bootstrap node import the target version’s offline images and binaries (adds only; the running cluster is unaffected).',
          ),
          command:
            './offline/dce5-installer import-artifact -c ./offline/sample/clusterConfig.yaml --offline-path=./offline',
          expected: {
            text: l('导入完成，无 ERROR', 'Import finished without ERROR'),
            absent: '\\bERROR\\b|\\bFATAL\\b',
          },
          plannedMinutes: 30,
          evidence: ['output'],
          role: 'engineer',
        }),
        step({
          id: 'upgrade-platform',
          title: l('升级平台组件', 'Upgrade the platform modules'),
          instruction: l(
            '使用安装器升级 DCE 平台模块（Helm release），保留完整日志。',
            'Upgrade the DCE platform modules (Helm releases) with the installer; keep the whole log.',
          ),
          command:
            './offline/dce5-installer cluster-create -c ./offline/sample/clusterConfig.yaml -m ./offline/sample/manifest.yaml --upgrade gproduct',
          expected: {
            text: l('安装器报告升级完成', 'The installer reports the upgrade complete'),
            pattern: '(?:upgrade|Upgrade).*(?:succe|complet)',
            absent: '\\bFATAL\\b|\\bfailed=[1-9]',
          },
          plannedMinutes: 40,
          evidence: ['output'],
          role: 'engineer',
          checkpoint: { class: 'reversible', rollback: ['rb-helm-rollback', 'rb-verify'] },
        }),
        step({
          id: 'cp-first',
          title: l(
            '升级第一台管理节点（含 etcd）',
            'Upgrade the first control-plane node (with etcd)',
          ),
          instruction: l(
            '通过 kubean 的 ClusterOperation 执行 upgrade-cluster.yml，限定第一台管理节点。',
            'Run upgrade-cluster.yml through a kubean ClusterOperation, limited to the first control-plane node.',
          ),
          command:
            'kubectl apply -f upgrade-cp-first.yaml  # ClusterOperation: action upgrade-cluster.yml, extraArgs "-e kube_version=<to> --limit=<master-01>"\nkubectl -n kubean-system get clusteroperation -w',
          expected: {
            text: l(
              'ClusterOperation 状态 Succeeded，ansible 无失败任务',
              'ClusterOperation Succeeded, no failed Ansible task',
            ),
            pattern: 'Succeeded',
            absent: '\\bfailed=[1-9]|\\bFailed\\b',
          },
          plannedMinutes: 30,
          evidence: ['output'],
          role: 'engineer',
          checkpoint: { class: 'reversible', rollback: CP_ROLLBACK },
        }),
        step({
          id: 'cp-rest',
          title: l(
            '逐台升级其余管理节点',
            'Upgrade the remaining control-plane nodes one at a time',
          ),
          instruction: l(
            '同上，依次限定其余管理节点（serial=1），每台完成后确认 Ready。',
            'As above, limited to each remaining control-plane node in turn (serial=1); check Ready after each.',
          ),
          command:
            'kubectl apply -f upgrade-cp-rest.yaml  # extraArgs "-e kube_version=<to> -e serial=1 --limit=kube_control_plane:etcd"',
          expected: {
            text: l('ClusterOperation Succeeded', 'ClusterOperation Succeeded'),
            pattern: 'Succeeded',
            absent: '\\bfailed=[1-9]|\\bFailed\\b',
          },
          plannedMinutes: 50,
          evidence: ['output'],
          role: 'engineer',
          checkpoint: { class: 'reversible', rollback: CP_ROLLBACK },
        }),
        step({
          id: 'workers-canary',
          title: l('升级第一批工作节点（金丝雀）', 'Upgrade the first worker batch (canary)'),
          instruction: l(
            '先升级 1 台工作节点：驱逐、升级、恢复调度，观察业务 10 分钟。',
            'Upgrade one worker first: drain, upgrade, uncordon, watch the workloads for 10 minutes.',
          ),
          command:
            'kubectl apply -f upgrade-workers-canary.yaml  # extraArgs "-e kube_version=<to> -e drain_nodes=true --limit=<worker-01>"',
          expected: {
            text: l('节点 Ready 且版本为目标版本', 'The node is Ready on the target version'),
            pattern: 'Succeeded',
            absent: '\\bfailed=[1-9]|\\bFailed\\b',
          },
          plannedMinutes: 30,
          evidence: ['output'],
          role: 'engineer',
          checkpoint: { class: 'reversible', rollback: WORKER_ROLLBACK },
        }),
        step({
          id: 'workers-batches',
          title: l('分批升级其余工作节点', 'Upgrade the remaining workers in batches'),
          instruction: l(
            '每批不超过 20% 的工作节点（serial=20%），每批完成后确认节点 Ready、业务正常。',
            'Batches of at most 20 % of the workers (serial=20%); after each batch check the nodes are Ready and the workloads healthy.',
          ),
          command:
            'kubectl apply -f upgrade-workers.yaml  # extraArgs "-e kube_version=<to> -e serial=20% --limit=kube_node"',
          expected: {
            text: l('ClusterOperation Succeeded', 'ClusterOperation Succeeded'),
            pattern: 'Succeeded',
            absent: '\\bfailed=[1-9]|\\bFailed\\b',
          },
          plannedMinutes: 90,
          evidence: ['output'],
          role: 'engineer',
          checkpoint: { class: 'reversible', rollback: WORKER_ROLLBACK },
        }),
        step({
          id: 'storage-migration',
          title: l('迁移存储版本并清理旧版本', 'Migrate stored objects and remove the old version'),
          instruction: l(
            '将 etcd 中的对象迁移到新 API 版本并删除旧版本离线包。此后 etcd 快照不再适用于回退，只能向前修复。',
            'Migrate stored objects to the new API versions and remove the old offline package. After this the etcd snapshot no longer rolls back: forward-fix only.',
          ),
          command:
            'kubectl apply -f storage-version-migration.yaml && kubectl get storageversionmigrations',
          expected: {
            text: l('所有迁移 Succeeded', 'Every migration Succeeded'),
            pattern: 'Succeeded',
            absent: '\\bFailed\\b',
          },
          plannedMinutes: 20,
          evidence: ['output'],
          role: 'lead-engineer',
          checkpoint: { class: 'irreversible', forwardFix: ['ff-collect', 'ff-vendor'] },
        }),
      ],
    },
    {
      id: 'verify',
      kind: 'main',
      title: l('升级后验证', 'Post-upgrade verification'),
      steps: [
        step({
          id: 'post-nodes',
          title: l('节点 Ready 且为目标版本', 'Nodes Ready on the target version'),
          instruction: l(
            '检查所有节点状态与 kubelet 版本。',
            'Check every node’s status and kubelet version.',
          ),
          command: 'kubectl get nodes -o wide',
          expected: {
            text: l('全部 Ready，VERSION 为目标版本', 'All Ready, VERSION is the target'),
            pattern: '\\sReady\\s',
            absent: NO_NOT_READY,
          },
          plannedMinutes: 3,
          evidence: ['output'],
          role: 'engineer',
        }),
        step({
          id: 'post-pods',
          title: l('无异常 Pod', 'No failing Pods'),
          instruction: l(
            '列出非 Running / Succeeded 的 Pod。',
            'List Pods neither Running nor Succeeded.',
          ),
          command:
            'kubectl get pods -A --field-selector=status.phase!=Running,status.phase!=Succeeded',
          expected: {
            text: l('No resources found', 'No resources found'),
            pattern: 'No resources found',
          },
          plannedMinutes: 3,
          evidence: ['output'],
          role: 'engineer',
        }),
        step({
          id: 'post-business',
          title: l('客户确认业务正常', 'The customer confirms the workloads'),
          instruction: l(
            '客户管理员验证关键业务并签字确认。',
            'The customer’s administrator checks the key workloads and signs.',
          ),
          expected: { text: l('客户签字确认', 'Signed by the customer') },
          plannedMinutes: 15,
          evidence: ['signature'],
          role: 'customer-admin',
        }),
      ],
    },
    {
      id: 'rollback',
      kind: 'rollback',
      title: l('回退方案', 'Rollback'),
      steps: [
        step({
          id: 'rb-workers-downgrade',
          title: l('工作节点回退到原版本', 'Return the workers to the previous version'),
          instruction: l(
            '对已升级的工作节点逐台驱逐，用原版本执行 ClusterOperation，恢复调度。',
            'Drain each upgraded worker, run the ClusterOperation with the previous version, uncordon.',
          ),
          command:
            'kubectl apply -f downgrade-workers.yaml  # extraArgs "-e kube_version=<from> -e serial=1 --limit=<upgraded workers>"',
          expected: {
            text: l(
              'ClusterOperation Succeeded，节点为原版本',
              'ClusterOperation Succeeded, nodes on the previous version',
            ),
            pattern: 'Succeeded',
          },
          plannedMinutes: 60,
          evidence: ['output'],
          role: 'engineer',
        }),
        step({
          id: 'rb-cp-restore',
          title: l(
            '恢复控制平面配置与二进制',
            'Restore the control-plane configuration and binaries',
          ),
          instruction: l(
            '在每台已升级的管理节点停止 kubelet，解压备份包，重启 kubelet。',
            'On every upgraded control-plane node stop the kubelet, extract the archive, restart the kubelet.',
          ),
          command:
            'systemctl stop kubelet && tar xzf /var/backups/k8s-pre-upgrade-$(hostname).tgz -C / && systemctl start kubelet && crictl ps | grep kube-apiserver',
          expected: {
            text: l('kube-apiserver 容器运行', 'kube-apiserver is running'),
            pattern: 'kube-apiserver',
          },
          plannedMinutes: 30,
          evidence: ['output'],
          role: 'engineer',
        }),
        step({
          id: 'rb-etcd-restore',
          title: l('从快照恢复 etcd', 'Restore etcd from the snapshot'),
          instruction: l(
            '停止所有 etcd 成员，在每个成员上从升级前快照恢复数据目录，再启动。',
            'Stop every etcd member, restore the data dir from the pre-upgrade snapshot on each, start them.',
          ),
          command: `${ETCDCTL} snapshot restore /var/backups/etcd/pre-upgrade.db --data-dir /var/lib/etcd-restore && ${ETCDCTL} endpoint health --cluster`,
          expected: {
            text: l('所有成员 healthy', 'Every member healthy'),
            pattern: 'is healthy',
            absent: 'unhealthy',
          },
          plannedMinutes: 30,
          evidence: ['output'],
          role: 'lead-engineer',
        }),
        step({
          id: 'rb-helm-rollback',
          title: l(
            '平台组件回退到记录的 Helm 版本',
            'Roll the platform modules back to the recorded revisions',
          ),
          instruction: l(
            '按备份阶段记录的 REVISION 逐个回退。',
            'Roll back each release to the REVISION recorded in the backup stage.',
          ),
          command: 'helm rollback <release> <revision> -n <namespace> --wait',
          expected: {
            text: l('Rollback was a success', 'Rollback was a success'),
            pattern: 'Rollback was a success',
          },
          plannedMinutes: 30,
          evidence: ['output'],
          role: 'engineer',
        }),
        step({
          id: 'rb-verify',
          title: l('回退后验证', 'Verify after the rollback'),
          instruction: l(
            '所有节点 Ready、版本为原版本，客户确认业务。',
            'All nodes Ready on the previous version; the customer confirms the workloads.',
          ),
          command: 'kubectl get nodes -o wide',
          expected: {
            text: l('全部 Ready', 'All Ready'),
            pattern: '\\sReady\\s',
            absent: NO_NOT_READY,
          },
          plannedMinutes: 10,
          evidence: ['output'],
          role: 'engineer',
        }),
      ],
    },
    {
      id: 'forward-fix',
      kind: 'forward-fix',
      title: l('向前修复', 'Forward fix'),
      steps: [
        step({
          id: 'ff-collect',
          title: l('收集诊断信息', 'Collect diagnostics'),
          instruction: l(
            '导出集群状态与安装器日志，附在记录中。',
            'Dump the cluster state and the installer logs and attach them.',
          ),
          command:
            'kubectl cluster-info dump --output-directory=/var/backups/dump && tar czf dump.tgz /var/backups/dump',
          expected: { text: l('诊断包已生成', 'Diagnostics archived') },
          plannedMinutes: 15,
          evidence: ['file'],
          role: 'engineer',
        }),
        step({
          id: 'ff-vendor',
          title: l(
            '提交一级/二级事件并按厂商指导修复',
            'Open a level 1/2 incident and fix as the vendor directs',
          ),
          instruction: l(
            '按支持政策提交事件，记录事件编号与修复结果。',
            'Open an incident under the support policy; record its number and the fix.',
          ),
          expected: { text: l('修复完成，集群恢复', 'Fixed, the cluster recovered') },
          plannedMinutes: 60,
          evidence: ['value'],
          role: 'lead-engineer',
        }),
      ],
    },
  ],
};
