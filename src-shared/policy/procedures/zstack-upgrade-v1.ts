import type { Localized } from '../types';
import type { ProcedureTemplate } from './types';

/*
 * ZStack Cloud upgrade of the management node (issue 9 §3: "ZStack upgrade"), for the ops pack
 * (seed 002: 运维产品范围包括 ZStack 产品). The upgrade runs the new version's installer in upgrade
 * mode on the management node after a database dump; compute nodes are upgraded by the
 * management node as they reconnect. Rollback restores the dump and reinstalls the old version.
 */

const l = (zh: string, en: string): Localized => ({ zh, en });

export const ZSTACK_UPGRADE_V1: ProcedureTemplate = {
  id: 'zstack-upgrade',
  version: 1,
  kind: 'upgrade',
  packId: 'private-cloud-ops',
  products: ['ZStack'],
  name: l('ZStack 管理节点升级（含回退方案）', 'ZStack management node upgrade (with rollback)'),
  description: l(
    '升级前检查（门禁）、数据库备份、以升级模式运行新版本安装包、升级后验证；失败时从数据库备份回退。',
    'Gating pre-checks, database dump, the new installer in upgrade mode, post-upgrade verification; a failure rolls back from the database dump.',
  ),
  publishedAt: '2026-12-04',
  sections: [
    {
      id: 'pre-checks',
      kind: 'main',
      gate: true,
      title: l('升级前检查', 'Pre-upgrade checks'),
      steps: [
        {
          id: 'no-severe-incidents',
          title: l(
            '本环境没有未解决的 P1/P2 事件',
            'No unresolved P1/P2 incident on this environment',
          ),
          instruction: l(
            '由本机的事件记录自动检查。',
            'Checked automatically from the incidents on this laptop.',
          ),
          expected: {
            text: l('未解决的 1/2 级事件数为 0', 'Zero unresolved level 1/2 incidents'),
            threshold: { capture: 'unresolved level 1/2 incidents: (\\d+)', op: '<=', value: 0 },
          },
          plannedMinutes: 1,
          evidence: ['value'],
          role: 'engineer',
          auto: 'no-severe-incidents',
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
        {
          id: 'hosts-connected',
          title: l('所有物理机已连接', 'Every host Connected'),
          instruction: l('列出所有物理机的连接状态。', 'List the connection state of every host.'),
          command: 'zstack-cli QueryHost fields=name,status,state',
          expected: {
            text: l('每台物理机 status 为 Connected', 'Every host is Connected'),
            pattern: '"status": "Connected"',
            absent: '"status": "(?:Disconnected|Connecting)"',
          },
          plannedMinutes: 3,
          evidence: ['output'],
          role: 'engineer',
        },
        {
          id: 'mn-disk',
          title: l('管理节点磁盘空间充足', 'Enough disk on the management node'),
          instruction: l(
            '安装包、数据库备份和升级日志需要空间；使用率须低于 70%。',
            'The installer, the database dump and the upgrade logs need space: usage below 70 %.',
          ),
          command: 'df -h /usr/local/zstack /var/lib/zstack',
          expected: {
            text: l('使用率低于 70%', 'Usage below 70 %'),
            threshold: { capture: '\\s(\\d+)%\\s', op: '<', value: 70, unit: '%' },
          },
          plannedMinutes: 2,
          evidence: ['output'],
          role: 'engineer',
        },
        {
          id: 'change-approval',
          title: l('变更审批', 'Change approval'),
          instruction: l(
            '记录客户变更单号；审批须由执行人以外的人员给出。',
            "Record the customer's change ticket; the approval comes from someone other than the executor.",
          ),
          expected: { text: l('已记录变更单号并获批准', 'Change ticket recorded and approved') },
          plannedMinutes: 10,
          evidence: ['value'],
          role: 'lead-engineer',
          approval: { role: 'approver', expiresHours: 72 },
        },
      ],
    },
    {
      id: 'backup',
      kind: 'main',
      title: l('备份', 'Backup'),
      steps: [
        {
          id: 'db-dump',
          title: l('备份管理节点数据库', 'Dump the management database'),
          instruction: l(
            '导出数据库并拷贝到管理节点之外。',
            'Dump the database and copy it off the management node.',
          ),
          command: 'zstack-ctl dump_mysql --file-name pre-upgrade',
          expected: {
            text: l('输出备份文件路径', 'The dump file is reported'),
            pattern: 'pre-upgrade.*\\.gz',
          },
          plannedMinutes: 10,
          evidence: ['output'],
          role: 'engineer',
        },
      ],
    },
    {
      id: 'upgrade',
      kind: 'main',
      title: l('升级实施操作', 'Upgrade'),
      steps: [
        {
          id: 'mn-upgrade',
          title: l('以升级模式运行新版本安装包', 'Run the new installer in upgrade mode'),
          instruction: l(
            '在管理节点运行新版本安装包的升级模式，粘贴完整输出（不要截断）。',
            "Run the new version's installer in upgrade mode on the management node; paste the whole output (do not cut it).",
          ),
          command: 'bash ZStack-Cloud-installer-*.bin -u',
          expected: {
            text: l('安装包报告升级成功', 'The installer reports a successful upgrade'),
            pattern: '(?:upgrade|Upgrade).*(?:success|successfully)',
            absent: '\\bERROR\\b|\\bFAIL(?:ED)?\\b',
          },
          plannedMinutes: 40,
          evidence: ['output'],
          role: 'engineer',
          checkpoint: {
            class: 'reversible',
            rollback: ['rb-db-restore', 'rb-reinstall', 'rb-verify'],
          },
        },
      ],
    },
    {
      id: 'verify',
      kind: 'main',
      title: l('升级后验证', 'Post-upgrade verification'),
      steps: [
        {
          id: 'post-version',
          title: l(
            '管理节点为目标版本且运行正常',
            'Management node on the target version and running',
          ),
          instruction: l('确认版本号与服务状态。', 'Check the version and the service state.'),
          command: 'zstack-ctl status',
          expected: {
            text: l('MN status 为 Running', 'MN status is Running'),
            pattern: 'MN status:\\s*Running',
          },
          plannedMinutes: 3,
          evidence: ['output'],
          role: 'engineer',
        },
        {
          id: 'post-hosts',
          title: l('所有物理机重新连接', 'Every host reconnected'),
          instruction: l(
            '物理机由管理节点自动升级代理后重新连接。',
            'Hosts reconnect after the management node upgrades their agents.',
          ),
          command: 'zstack-cli QueryHost fields=name,status,state',
          expected: {
            text: l('每台物理机 status 为 Connected', 'Every host is Connected'),
            pattern: '"status": "Connected"',
            absent: '"status": "(?:Disconnected|Connecting)"',
          },
          plannedMinutes: 15,
          evidence: ['output'],
          role: 'engineer',
        },
        {
          id: 'post-business',
          title: l('客户确认业务正常', 'The customer confirms the services work'),
          instruction: l(
            '客户检查云主机与业务后签字确认。',
            'The customer checks the VMs and services and signs.',
          ),
          expected: { text: l('客户签字确认', 'Signed by the customer') },
          plannedMinutes: 20,
          evidence: ['signature'],
          role: 'customer-admin',
        },
      ],
    },
    {
      id: 'rollback',
      kind: 'rollback',
      title: l('回退方案', 'Rollback'),
      steps: [
        {
          id: 'rb-db-restore',
          title: l('从备份恢复数据库', 'Restore the database from the dump'),
          instruction: l(
            '停止管理节点后恢复升级前的数据库备份。',
            'Stop the management node, then restore the pre-upgrade dump.',
          ),
          command: 'zstack-ctl stop && zstack-ctl restore_mysql -f pre-upgrade-*.gz',
          expected: {
            text: l('恢复完成', 'Restore finished'),
            pattern: '(?:restore|Restore).*(?:success|done|finished)',
          },
          plannedMinutes: 20,
          evidence: ['output'],
          role: 'engineer',
        },
        {
          id: 'rb-reinstall',
          title: l('重新安装原版本管理节点', 'Reinstall the previous management node version'),
          instruction: l(
            '用原版本安装包以升级模式覆盖安装。',
            "Run the previous version's installer in upgrade mode.",
          ),
          command: 'bash ZStack-Cloud-installer-<old>.bin -u',
          expected: {
            text: l('安装包报告成功', 'The installer reports success'),
            pattern: '(?:success|successfully)',
          },
          plannedMinutes: 40,
          evidence: ['output'],
          role: 'engineer',
        },
        {
          id: 'rb-verify',
          title: l('回退后验证', 'Verify after rollback'),
          instruction: l(
            '确认管理节点运行、物理机全部连接。',
            'The management node runs and every host is Connected.',
          ),
          command: 'zstack-ctl status',
          expected: {
            text: l('MN status 为 Running', 'MN status is Running'),
            pattern: 'MN status:\\s*Running',
          },
          plannedMinutes: 10,
          evidence: ['output'],
          role: 'engineer',
        },
      ],
    },
  ],
};
