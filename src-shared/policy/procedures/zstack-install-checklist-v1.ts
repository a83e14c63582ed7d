import type { Localized } from '../types';
import type { ProcedureTemplate } from './types';

/*
 * ZStack Cloud installation checklist (issue 9 §4: "one for ZStack"), for the ops pack (seed
 * 002: 运维产品范围包括 ZStack 产品; seed 000's PDS 实施阶段 for the shape: 部署实施, 账号密码信息交付).
 * Prerequisites on every host, the management node installed from the release's installer, the
 * cloud's first resources (hosts, primary and backup storage), a test VM, acceptance and the
 * customer's signature. The seeds name no ZStack release: the checklist names none either
 * (supported operating systems and sizes are the release notes' and the deployment plan's), and
 * uses the same commands as the ZStack upgrade runbook and the private-cloud inspection.
 */

const l = (zh: string, en: string): Localized => ({ zh, en });

/** `zstack-cli Query…` prints JSON inventories: every one Connected, none (Dis)connecting. */
const CONNECTED = {
  pattern: '"status": "Connected"',
  absent: '"status": "(?:Disconnected|Connecting)"',
};

export const ZSTACK_INSTALL_CHECKLIST_V1: ProcedureTemplate = {
  id: 'zstack-install-checklist',
  version: 1,
  kind: 'deployment',
  packId: 'private-cloud-ops',
  products: ['ZStack'],
  name: l('ZStack 部署实施检查单', 'ZStack installation checklist'),
  description: l(
    '前置条件、管理节点安装、云资源初始化（物理机、主存储、镜像服务器）、测试云主机、验收检查与客户签字。',
    'Prerequisites, management node installation, first cloud resources (hosts, primary storage, backup storage), a test VM, acceptance checks and the customer’s signature.',
  ),
  publishedAt: '2026-12-04',
  sections: [
    {
      id: 'prerequisites',
      kind: 'main',
      title: l('前置条件', 'Prerequisites'),
      steps: [
        {
          id: 'os-release',
          title: l('操作系统版本受支持', 'A supported operating system'),
          instruction: l(
            '在管理节点和每台物理机确认操作系统与内核版本，须为所用安装包发布说明中列出的版本。',
            'On the management node and every host, check the OS and kernel: a release listed in the installer’s release notes.',
          ),
          command: 'cat /etc/os-release && uname -r',
          expected: {
            text: l('发布说明所列的受支持版本', 'A release the release notes support'),
            pattern: 'VERSION_ID=',
          },
          plannedMinutes: 5,
          evidence: ['output'],
          role: 'engineer',
        },
        {
          id: 'cpu-virtualization',
          title: l('物理机 CPU 支持硬件虚拟化', 'Host CPUs support hardware virtualisation'),
          instruction: l(
            '在每台物理机统计 vmx / svm 标志（BIOS 中须已开启虚拟化）。',
            'On every host, count the vmx / svm flags (virtualisation must be enabled in the BIOS).',
          ),
          command: "grep -Ec '(vmx|svm)' /proc/cpuinfo",
          expected: {
            text: l('计数大于 0', 'A count above 0'),
            threshold: { capture: '^(\\d+)\\s*$', op: '>', value: 0 },
          },
          plannedMinutes: 3,
          evidence: ['output'],
          role: 'engineer',
        },
        {
          id: 'time-sync',
          title: l('时间同步', 'Time synchronised'),
          instruction: l(
            '管理节点与各物理机使用同一时间源。',
            'The management node and every host use the same time source.',
          ),
          command: 'chronyc tracking',
          expected: {
            text: l('Leap status 为 Normal', 'Leap status Normal'),
            pattern: 'Leap status\\s*:\\s*Normal',
          },
          plannedMinutes: 3,
          evidence: ['output'],
          role: 'engineer',
        },
        {
          id: 'network-reachable',
          title: l('管理网络互通', 'Management network reachable'),
          instruction: l(
            '从管理节点 ping 每台物理机的管理网地址（按部署规划）。',
            'From the management node, ping every host’s management address (from the deployment plan).',
          ),
          command: 'ping -c 3 <host-management-ip>',
          expected: {
            text: l('无丢包', 'No packet loss'),
            pattern: '\\s0% packet loss',
          },
          plannedMinutes: 5,
          evidence: ['output'],
          role: 'engineer',
        },
        {
          id: 'mn-disk',
          title: l('管理节点磁盘容量', 'Management node disk capacity'),
          instruction: l(
            '填入管理节点根分区可用空间（GB），不得小于部署规划中的容量。',
            'Enter the free space of the management node’s root filesystem (GB); not below the deployment plan’s figure.',
          ),
          command: 'df -BG /',
          expected: { text: l('不小于部署规划', 'At least the planned capacity') },
          plannedMinutes: 2,
          evidence: ['value'],
          role: 'engineer',
        },
      ],
    },
    {
      id: 'management-node',
      kind: 'main',
      title: l('管理节点安装', 'Management node installation'),
      steps: [
        {
          id: 'installer-checksum',
          title: l('安装包校验', 'Installer checksum'),
          instruction: l(
            '核对安装包 SHA-256 与发布值一致。',
            'Compare the installer’s SHA-256 with the published value.',
          ),
          command: 'sha256sum ZStack-Cloud-installer-*.bin',
          expected: {
            text: l('校验值一致', 'Checksums match'),
            pattern: '^[0-9a-f]{64}\\s',
          },
          plannedMinutes: 5,
          evidence: ['output'],
          role: 'engineer',
        },
        {
          id: 'mn-install',
          title: l('安装管理节点', 'Install the management node'),
          instruction: l(
            '按安装手册选择安装方式运行安装包，保留完整日志（不要截断）。',
            'Run the installer in the mode the installation guide gives; keep the whole log (do not cut it).',
          ),
          command: 'bash ZStack-Cloud-installer-*.bin 2>&1 | tee install.log',
          expected: {
            text: l('安装包报告安装成功，无 ERROR', 'The installer reports success, no ERROR'),
            pattern: '(?:install|Install).*(?:success|successfully)',
            absent: '\\bERROR\\b|\\bFAIL(?:ED)?\\b',
          },
          plannedMinutes: 60,
          evidence: ['output'],
          role: 'engineer',
          checkpoint: { class: 'irreversible', forwardFix: ['ff-install-log'] },
        },
        {
          id: 'mn-status',
          title: l('管理节点服务正常', 'Management node services running'),
          instruction: l(
            '在管理节点执行，粘贴完整输出。',
            'Run on the management node and paste the whole output.',
          ),
          command: 'zstack-ctl status',
          expected: {
            text: l(
              'MN status 为 Running，UI 状态为 Running',
              'MN status and UI status are Running',
            ),
            pattern: 'MN status:\\s*Running',
            absent: 'Stopped|Unknown',
          },
          plannedMinutes: 2,
          evidence: ['output'],
          role: 'engineer',
        },
      ],
    },
    {
      id: 'cloud-resources',
      kind: 'main',
      title: l('云资源初始化', 'First cloud resources'),
      steps: [
        {
          id: 'hosts-connected',
          title: l('物理机已添加并连接', 'Hosts added and Connected'),
          instruction: l(
            '按部署规划添加区域、集群与物理机后，列出物理机状态。',
            'After adding the zone, cluster and hosts from the deployment plan, list the hosts.',
          ),
          command: 'zstack-cli QueryHost fields=name,status,state',
          expected: {
            text: l('每台物理机 status 为 Connected', 'Every host Connected'),
            ...CONNECTED,
          },
          plannedMinutes: 20,
          evidence: ['output'],
          role: 'engineer',
        },
        {
          id: 'primary-storage',
          title: l('主存储已添加并连接', 'Primary storage added and Connected'),
          instruction: l(
            '按部署规划添加主存储并挂载到集群，列出其状态。',
            'Add the primary storage from the deployment plan, attach it to the cluster and list it.',
          ),
          command: 'zstack-cli QueryPrimaryStorage fields=name,type,status,state',
          expected: {
            text: l('每个主存储 status 为 Connected', 'Every primary storage Connected'),
            ...CONNECTED,
          },
          plannedMinutes: 15,
          evidence: ['output'],
          role: 'engineer',
        },
        {
          id: 'backup-storage',
          title: l('镜像服务器已添加并连接', 'Backup storage (image server) added and Connected'),
          instruction: l(
            '按部署规划添加镜像服务器并挂载到区域，列出其状态。',
            'Add the backup storage from the deployment plan, attach it to the zone and list it.',
          ),
          command: 'zstack-cli QueryBackupStorage fields=name,type,status,state',
          expected: {
            text: l('每个镜像服务器 status 为 Connected', 'Every backup storage Connected'),
            ...CONNECTED,
          },
          plannedMinutes: 15,
          evidence: ['output'],
          role: 'engineer',
        },
        {
          id: 'test-vm',
          title: l('测试云主机运行', 'A test VM runs'),
          instruction: l(
            '用交付的镜像与网络创建一台名为 acceptance-test 的云主机，确认其运行；验收后删除。',
            'Create a VM named acceptance-test from the handed-over image and network and check it runs; delete it after acceptance.',
          ),
          command: 'zstack-cli QueryVmInstance name=acceptance-test fields=name,state',
          expected: {
            text: l('state 为 Running', 'state is Running'),
            pattern: '"state": "Running"',
          },
          plannedMinutes: 15,
          evidence: ['output'],
          role: 'engineer',
        },
      ],
    },
    {
      id: 'acceptance',
      kind: 'main',
      title: l('验收检查', 'Acceptance checks'),
      steps: [
        {
          id: 'acc-console',
          title: l('云平台控制台可登录', 'The cloud console accepts a login'),
          instruction: l(
            '用交付的管理员账号登录控制台并截图。',
            'Log in with the handed-over admin account and take a screenshot.',
          ),
          expected: { text: l('登录成功', 'Login succeeded') },
          plannedMinutes: 5,
          evidence: ['photo'],
          role: 'engineer',
        },
        {
          id: 'acc-signoff',
          title: l('客户签字验收', 'Customer sign-off'),
          instruction: l(
            '客户确认部署结果并签字。',
            'The customer confirms the installation and signs.',
          ),
          expected: { text: l('客户签字', 'Signed by the customer') },
          plannedMinutes: 10,
          evidence: ['signature'],
          role: 'customer-admin',
        },
      ],
    },
    {
      id: 'forward-fix',
      kind: 'forward-fix',
      title: l('向前修复', 'Forward fix'),
      steps: [
        {
          id: 'ff-install-log',
          title: l(
            '按日志定位失败原因并重新安装',
            'Find the failure in the log and run the installer again',
          ),
          instruction: l(
            '在 install.log 中找到失败原因，修复后重新运行安装包，粘贴完整输出。',
            'Find the failure in install.log, fix it and run the installer again; paste the whole output.',
          ),
          expected: { text: l('安装完成', 'Installation complete') },
          plannedMinutes: 60,
          evidence: ['output'],
          role: 'lead-engineer',
        },
      ],
    },
  ],
};
