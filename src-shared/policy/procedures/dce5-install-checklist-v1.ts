import type { Localized } from '../types';
import type { ProcedureTemplate } from './types';

/*
 * DCE 5 installation checklist: seed 000's PDS 实施阶段 (部署实施, 账号密码信息交付). Prerequisites on
 * every node, the bootstrap (火种) node, the installer run, acceptance checks and the customer's
 * signature.
 */

const l = (zh: string, en: string): Localized => ({ zh, en });

export const DCE5_INSTALL_CHECKLIST_V1: ProcedureTemplate = {
  id: 'dce5-install-checklist',
  version: 1,
  kind: 'deployment',
  packId: 'dce-support',
  products: ['DCE'],
  name: l('DCE 5 部署实施检查单', 'DCE 5 installation checklist'),
  description: l(
    '前置条件、火种节点、安装器执行、验收检查与客户签字。',
    'Prerequisites, bootstrap node, installer run, acceptance checks and the customer’s signature.',
  ),
  publishedAt: '2026-12-01',
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
            '在每个节点确认操作系统与内核版本。',
            'Check the OS and kernel on every node.',
          ),
          command: 'cat /etc/os-release && uname -r',
          expected: {
            text: l(
              'CentOS 7.9 / Rocky 8 / Kylin V10 / openEuler 22.03 等受支持版本',
              'A supported release (CentOS 7.9, Rocky 8, Kylin V10, openEuler 22.03, …)',
            ),
            pattern: 'VERSION_ID=',
          },
          plannedMinutes: 5,
          evidence: ['output'],
          role: 'engineer',
        },
        {
          id: 'swap-off',
          title: l('已关闭 swap', 'Swap is off'),
          instruction: l('swapon 无输出即为已关闭。', 'No output from swapon means it is off.'),
          command: 'swapon --show; free -m | grep -i swap',
          expected: {
            text: l('Swap 总量为 0', 'Swap total is 0'),
            pattern: 'Swap:\\s+0\\s',
          },
          plannedMinutes: 2,
          evidence: ['output'],
          role: 'engineer',
        },
        {
          id: 'time-sync',
          title: l('时间同步', 'Time synchronised'),
          instruction: l(
            '各节点与时间源偏差小于 1 秒。',
            'Every node within 1 s of the time source.',
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
          id: 'data-disk',
          title: l('数据盘容量', 'Data disk capacity'),
          instruction: l(
            '/var/lib 可用空间不少于 100 GB，填入数值。',
            'At least 100 GB free on /var/lib; enter the figure.',
          ),
          command: 'df -BG /var/lib',
          expected: {
            text: l('可用 ≥ 100 GB', '≥ 100 GB available'),
            threshold: { capture: '(\\d+)', op: '>=', value: 100, unit: 'GB' },
          },
          plannedMinutes: 2,
          evidence: ['value'],
          role: 'engineer',
        },
      ],
    },
    {
      id: 'bootstrap',
      kind: 'main',
      title: l('火种节点与安装', 'Bootstrap node and installation'),
      steps: [
        {
          id: 'offline-package',
          title: l('离线包校验', 'Offline package checksum'),
          instruction: l(
            '核对离线包 SHA-256 与发布值一致。',
            'Compare the offline package’s SHA-256 with the published value.',
          ),
          command: 'sha256sum offline-v5.*.tar',
          expected: {
            text: l('校验值一致', 'Checksums match'),
            pattern: '^[0-9a-f]{64}\\s',
          },
          plannedMinutes: 5,
          evidence: ['output'],
          role: 'engineer',
        },
        {
          id: 'installer-run',
          title: l('执行安装器', 'Run the installer'),
          instruction: l(
            '按规划填写 clusterConfig.yaml 后执行安装，保留完整日志。',
            'Fill in clusterConfig.yaml from the plan and run the installation; keep the whole log.',
          ),
          command:
            './offline/dce5-installer cluster-create -c ./offline/sample/clusterConfig.yaml -m ./offline/sample/manifest.yaml 2>&1 | tee install.log',
          expected: {
            text: l('安装完成，无 FATAL', 'Installation complete, no FATAL'),
            absent: '\\bFATAL\\b|\\bfailed=[1-9]',
          },
          plannedMinutes: 120,
          evidence: ['output'],
          role: 'engineer',
          checkpoint: { class: 'irreversible', forwardFix: ['ff-reset'] },
        },
      ],
    },
    {
      id: 'acceptance',
      kind: 'main',
      title: l('验收检查', 'Acceptance checks'),
      steps: [
        {
          id: 'acc-nodes',
          title: l('所有节点 Ready', 'All nodes Ready'),
          instruction: l('粘贴节点列表。', 'Paste the node list.'),
          command: 'kubectl get nodes -o wide',
          expected: {
            text: l('全部 Ready', 'All Ready'),
            pattern: '\\sReady\\s',
            absent: '\\bNotReady\\b',
          },
          plannedMinutes: 2,
          evidence: ['output'],
          role: 'engineer',
        },
        {
          id: 'acc-console',
          title: l('平台控制台可登录', 'The platform console accepts a login'),
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
          id: 'ff-reset',
          title: l('按日志定位失败任务并重新执行', 'Find the failed task in the log and re-run'),
          instruction: l(
            '在 install.log 中找到失败的任务，修复后用安装器从失败步骤继续。',
            'Find the failed task in install.log, fix it and continue the installer from that step.',
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
