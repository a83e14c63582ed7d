/**
 * A realistic implementation record (`fieldbook sample implementation`): a DCE 5 installation
 * for a bank, the data-disk check first failing on one node, the full installer log (well past
 * the excerpt, so it lands in the appendix), acceptance with a console photo and the customer's
 * sign-off; made by running the real checklist template.
 */
import { DCE5_INSTALL_CHECKLIST_V1 } from '../../../policy/procedures/index';
import { completeRun, recordHandover, startRun } from '../../../domain/procedures/procedure-ops';
import { driveSteps, sampleAttachment, sampleClock } from '../../procedure-record/sample-run';
import { sampleSignatureImage } from '../../sample';
import type { ImplementationRecordSnapshot } from './snapshot';
import { implementationRecordFrom } from './snapshot';

const ZHAO = { by: '赵宇', zone: 'Asia/Shanghai' };

const out = (text: string) => ({ kind: 'output' as const, text });

function installerLog(): string {
  const lines = [
    '[INFO] 2026-10-12 10:02:11 dce5-installer v0.14.0 start: mode=offline, manifest=clusterConfig.yaml',
  ];
  const phases = [
    'Prepare bootstrap node',
    'Start kind cluster',
    'Push images to the built-in registry',
    'Install kubean operator',
    'Create the global service cluster',
    'Deploy ghippo (global management)',
    'Deploy kpanda (container management)',
    'Deploy insight (observability)',
    'Deploy skoala, mspider, hwameistor',
  ];
  phases.forEach((p, i) => {
    lines.push(
      `[INFO] 2026-10-12 ${String(10 + i).padStart(2, '0')}:05:00 step ${i + 1}/${phases.length}: ${p}`,
    );
    for (let j = 1; j <= 4; j++) lines.push(`  task ${j}: ok`);
  });
  lines.push('PLAY RECAP: master-01 ok=2318 changed=702 unreachable=0 failed=0');
  lines.push('[INFO] 2026-10-12 19:41:37 DCE 5.0 installed successfully: https://10.30.1.100');
  return `${lines.join('\n')}\n`;
}

export function sampleImplementationRecordSnapshot(): ImplementationRecordSnapshot {
  const now = sampleClock('2026-10-12T01:00:00Z');
  let run = startRun(
    {
      customerId: 'CUST-JNUB',
      siteId: 'SITE-NJ',
      siteZone: 'Asia/Shanghai',
      templateId: DCE5_INSTALL_CHECKLIST_V1.id,
      templateVersion: DCE5_INSTALL_CHECKLIST_V1.version,
      clusterId: 'K-TEST-1',
    },
    ZHAO,
    now(),
  );
  run = { ...run, id: 'RUN-IMP-20261012' };
  run = driveSteps(
    run,
    [
      {
        id: 'os-release',
        evidence: [
          out('NAME="Kylin Linux Advanced Server"\nVERSION="V10 (Lance)"\nVERSION_ID="V10"\n'),
        ],
      },
      {
        id: 'swap-off',
        evidence: [
          out(
            '              total        used        free\nMem:          62Gi       3.1Gi        57Gi\nSwap:             0           0           0\n',
          ),
        ],
      },
      {
        id: 'time-sync',
        evidence: [
          out(
            'Reference ID    : 0A1E0105 (10.30.1.5)\nStratum         : 3\nLeap status     : Normal\n',
          ),
        ],
        minutes: 2,
      },
      {
        id: 'data-disk',
        evidence: [{ kind: 'value', text: '80' }],
        fail: 'worker-03 数据盘只有 80 GB，客户当日扩容至 200 GB',
      },
      { id: 'data-disk', evidence: [{ kind: 'value', text: '200' }], minutes: 45 },
      {
        id: 'offline-package',
        evidence: [out(`${'9c1e'.repeat(16)}  offline-v0.14.0-amd64.tar\n`)],
        minutes: 6,
      },
      { id: 'installer-run', evidence: [out(installerLog())], minutes: 96 },
      {
        id: 'acc-nodes',
        evidence: [
          out(
            'NAME        STATUS   ROLES           AGE   VERSION\nmaster-01   Ready    control-plane   1h    v1.27.5\nmaster-02   Ready    control-plane   1h    v1.27.5\nmaster-03   Ready    control-plane   1h    v1.27.5\nworker-01   Ready    <none>          1h    v1.27.5\n',
          ),
        ],
      },
      {
        id: 'acc-console',
        evidence: [
          {
            kind: 'photo',
            attachment: sampleAttachment('console-login.jpg', 'image/jpeg', 'console'),
          },
        ],
        minutes: 3,
      },
      {
        id: 'acc-signoff',
        evidence: [
          {
            kind: 'signature',
            attachment: sampleAttachment('customer-signoff.png', 'image/png', 'signoff'),
          },
        ],
        minutes: 5,
      },
    ],
    ZHAO,
    now,
  );
  // The accounts handed over at the end (never their passwords: those went by the channel named).
  run = recordHandover(
    run,
    {
      system: 'DCE 5 控制台',
      account: 'admin',
      scope: '平台管理员',
      handedTo: '张主任',
      channel: '现场当面，密码信封',
      acknowledgedAt: '2026-10-12T19:50:00+08:00',
      rotateWithinDays: 7,
    },
    ZHAO,
    now(),
  );
  run = recordHandover(
    run,
    {
      system: 'Kubernetes kubeconfig',
      account: 'cluster-admin（/root/.kube/config）',
      scope: '集群管理员',
      handedTo: '李工（运维）',
      channel: '加密 U 盘',
      rotateWithinDays: 30,
    },
    ZHAO,
    now(),
  );
  run = completeRun(run, ZHAO, now());
  const snapshot = implementationRecordFrom({
    run,
    template: DCE5_INSTALL_CHECKLIST_V1,
    documentNumber: 'FB-IMP-20261012-0001',
    issuedAt: '2026-10-12T20:30:00+08:00',
    customer: { name: '江南联合银行股份有限公司', shortName: '江南联合银行' },
    site: { name: '江南联合银行 南京仙林数据中心', timeZone: 'Asia/Shanghai' },
    cluster: { name: 'test-k8s-01', environment: 'test', product: 'DCE', version: '5.0.0' },
    engineers: [{ name: '赵宇', title: '交付工程师', organisation: 'DaoCloud' }],
    customerRepresentatives: [{ name: '李建国', title: '信息技术部运维经理' }],
  });
  return {
    ...snapshot,
    signatures: [
      {
        role: 'customer',
        name: '李建国',
        title: '信息技术部运维经理',
        signedAt: '2026-10-12T20:40:00+08:00',
        image: sampleSignatureImage(51),
      },
      {
        role: 'engineer',
        name: '赵宇',
        title: '交付工程师',
        signedAt: '2026-10-12T20:35:00+08:00',
        image: sampleSignatureImage(53),
      },
    ],
  };
}
