/**
 * A realistic upgrade record (`fieldbook sample upgrade`): DCE 5.0.3 → 5.1.0 on a bank's
 * production cluster, planned with short notice (an emergency change for a CVE), a second
 * engineer on a laptop in another zone, the control-plane batch failing, the rollback entered
 * from it and completed; signed by both sides. Made by running the real template.
 */
import { DCE5_MINOR_UPGRADE_V1 } from '../../../policy/procedures/index';
import {
  completeRun,
  enterRollback,
  giveApproval,
  startRun,
} from '../../../domain/procedures/procedure-ops';
import { driveSteps, sampleClock } from '../../procedure-record/sample-run';
import { sampleSignatureImage } from '../../sample';
import type { UpgradeRecordSnapshot } from './snapshot';
import { upgradeRecordFrom } from './snapshot';

const WANG = { by: '王磊', zone: 'Asia/Shanghai' };
const CHEN = { by: '陈静', zone: 'Europe/Berlin' };
const LI = { by: '李建国', zone: 'Asia/Shanghai' };

const out = (text: string) => ({ kind: 'output' as const, text });

function nodes(status = 'Ready', version = 'v1.27.5'): string {
  const rows = [
    'NAME        STATUS   ROLES           AGE    VERSION   INTERNAL-IP   OS-IMAGE                KERNEL-VERSION',
  ];
  for (let i = 1; i <= 3; i++)
    rows.push(
      `master-0${i}   ${status}    control-plane   412d   ${version}   10.20.1.1${i}    Kylin Linux Advanced V10   4.19.90-52.22.v2207.ky10.x86_64`,
    );
  for (let i = 1; i <= 9; i++)
    rows.push(
      `worker-0${i}   Ready    <none>          412d   ${version}   10.20.1.${20 + i}    Kylin Linux Advanced V10   4.19.90-52.22.v2207.ky10.x86_64`,
    );
  return `${rows.join('\n')}\n`;
}

const ETCD = `+-------------------------+--------+----------+-------+
|        ENDPOINT         | HEALTH |   TOOK   | ERROR |
+-------------------------+--------+----------+-------+
| https://10.20.1.11:2379 |   true | 9.412ms  |       |
| https://10.20.1.12:2379 |   true | 10.03ms  |       |
| https://10.20.1.13:2379 |   true | 11.87ms  |       |
+-------------------------+--------+----------+-------+
`;

const CP_FAIL = `TASK [kubernetes/control-plane : kubeadm | Upgrade other masters] ****
fatal: [master-02]: FAILED! => {"changed": true, "cmd": ["timeout", "-k", "600s", "600s", "/usr/local/bin/kubeadm", "upgrade", "node"], "rc": 1}
stderr: [upgrade/staticpods] timed out waiting for the condition: static Pod hash for component kube-apiserver on Node master-02 did not change after 5m0s
PLAY RECAP *********************************************************************
master-01 : ok=612  changed=98  unreachable=0  failed=0  skipped=1021
master-02 : ok=433  changed=61  unreachable=0  failed=1  skipped=702
master-03 : ok=401  changed=0   unreachable=0  failed=0  skipped=690
ClusterOperation cluster1-upgrade-cp Failed
`;

export function sampleUpgradeRecordSnapshot(): UpgradeRecordSnapshot {
  const now = sampleClock('2026-11-14T14:00:00Z');
  let run = startRun(
    {
      customerId: 'CUST-JNUB',
      siteId: 'SITE-NJ',
      siteZone: 'Asia/Shanghai',
      templateId: DCE5_MINOR_UPGRADE_V1.id,
      templateVersion: DCE5_MINOR_UPGRADE_V1.version,
      clusterId: 'K-PROD-1',
      fromVersion: '5.0.3',
      toVersion: '5.1.0',
      window: {
        start: '2026-11-14T22:00:00+08:00',
        end: '2026-11-15T04:00:00+08:00',
        requestedAt: '2026-11-04T10:00:00+08:00',
        emergencyReason:
          'CVE-2026-3141（kube-apiserver 权限提升）须在 11 月内修复，客户安全部门批准紧急变更',
      },
    },
    WANG,
    now(),
  );
  run = { ...run, id: 'RUN-UPG-20261114' };
  run = driveSteps(
    run,
    [
      { id: 'nodes-ready', evidence: [out(nodes())], minutes: 3 },
      { id: 'etcd-health', evidence: [out(ETCD), { kind: 'value', text: '3' }], minutes: 4 },
      {
        id: 'cert-expiry',
        evidence: [
          out(
            'CERTIFICATE                EXPIRES                  RESIDUAL TIME   CERTIFICATE AUTHORITY   EXTERNALLY MANAGED\nadmin.conf                 Oct 02, 2027 03:11 UTC   321d            ca                      no\napiserver                  Oct 02, 2027 03:11 UTC   321d            ca                      no\n',
          ),
        ],
        minutes: 2,
      },
      {
        id: 'disk-free',
        evidence: [
          out(
            'Filesystem      Size  Used Avail Use% Mounted on\n/dev/sdb1       500G  212G  288G  43% /var/lib\n/dev/sdc1       100G   19G   82G  19% /var/lib/etcd\n',
          ),
        ],
        minutes: 2,
      },
      {
        id: 'registry-images',
        evidence: [
          out(
            `{"Name": "release.daocloud.io/kpanda/kpanda-apiserver", "Tag": "v0.29.0", "Digest": "sha256:${'4f1c'.repeat(16)}"}`,
          ),
        ],
        minutes: 5,
        who: CHEN,
      },
      {
        id: 'velero-backup',
        evidence: [
          out(
            'NAME                 STATUS      ERRORS   WARNINGS   CREATED\ndaily-20261114       Completed   0        0          2026-11-14 02:00:13 +0800 CST\n',
          ),
        ],
        minutes: 2,
        who: CHEN,
      },
      {
        id: 'version-skew',
        evidence: [
          out('clientVersion:\n  gitVersion: v1.27.5\nserverVersion:\n  gitVersion: v1.27.5\n'),
        ],
        minutes: 2,
      },
    ],
    WANG,
    now,
  );
  run = giveApproval(run, 'change-approval', LI, now());
  run = driveSteps(
    run,
    [
      { id: 'change-approval', evidence: [{ kind: 'value', text: 'CHG-2026-1107（紧急变更）' }] },
      {
        id: 'etcd-snapshot',
        evidence: [
          out(
            '{"level":"info","msg":"saved","path":"/var/backups/etcd/pre-upgrade-20261114.db"}\nSnapshot saved at /var/backups/etcd/pre-upgrade-20261114.db\n',
          ),
        ],
        minutes: 3,
      },
      {
        id: 'backup-configs',
        evidence: [
          out(
            'k8s-pre-upgrade-master-01.tgz\nk8s-pre-upgrade-master-02.tgz\nk8s-pre-upgrade-master-03.tgz\n',
          ),
        ],
        minutes: 4,
      },
      {
        id: 'helm-revisions',
        evidence: [
          out(
            'NAME        NAMESPACE       REVISION  STATUS    CHART\nkpanda      kpanda-system   7         deployed  kpanda-0.28.1\nghippo      ghippo-system   5         deployed  ghippo-0.27.0\n',
          ),
        ],
        minutes: 2,
      },
      {
        id: 'import-artifacts',
        evidence: [out('import image: 1412/1412 done\nimport binaries: done\n')],
        minutes: 25,
      },
      {
        id: 'upgrade-platform',
        evidence: [
          out('kpanda upgrade completed\nghippo upgrade completed\ninsight upgrade completed\n'),
        ],
        minutes: 38,
      },
      {
        id: 'cp-first',
        evidence: [out('ClusterOperation cluster1-upgrade-m1 Succeeded\n')],
        minutes: 22,
      },
      {
        id: 'cp-rest',
        evidence: [out(CP_FAIL)],
        minutes: 14,
        fail: 'master-02 的 kube-apiserver 静态 Pod 5 分钟内未更新，kubeadm upgrade node 超时',
      },
    ],
    WANG,
    now,
  );
  run = enterRollback(run, 'cp-rest', WANG, now());
  run = driveSteps(
    run,
    [
      {
        id: 'rb-cp-restore',
        evidence: [
          out(
            'a1b2c3d4e5f6   kube-apiserver   Running   0   12s\n7f8e9d0c1b2a   kube-controller-manager   Running   0   12s\n',
          ),
        ],
        minutes: 18,
      },
      {
        id: 'rb-etcd-restore',
        evidence: [
          out(
            'https://10.20.1.11:2379 is healthy: successfully committed proposal: took = 8.9ms\nhttps://10.20.1.12:2379 is healthy: successfully committed proposal: took = 9.3ms\nhttps://10.20.1.13:2379 is healthy: successfully committed proposal: took = 10.1ms\n',
          ),
        ],
        minutes: 21,
      },
      {
        id: 'rb-helm-rollback',
        evidence: [out('Rollback was a success! Happy Helming!\n')],
        minutes: 6,
      },
      { id: 'rb-verify', evidence: [out(nodes())], minutes: 4 },
    ],
    WANG,
    now,
  );
  run = completeRun(run, WANG, now());
  const snapshot = upgradeRecordFrom({
    run,
    template: DCE5_MINOR_UPGRADE_V1,
    documentNumber: 'FB-UPG-20261115-0001',
    issuedAt: '2026-11-15T04:10:00+08:00',
    customer: { name: '江南联合银行股份有限公司', shortName: '江南联合银行' },
    site: {
      name: '江南联合银行 南京仙林数据中心',
      address: '江苏省南京市栖霞区仙林大道 10 号',
      timeZone: 'Asia/Shanghai',
    },
    cluster: { name: 'prod-k8s-01', environment: 'prod', product: 'DCE', version: '5.0.3' },
    engineers: [
      { name: '王磊', title: '高级交付工程师', organisation: 'DaoCloud' },
      { name: '陈静', title: '交付工程师', organisation: 'DaoCloud' },
    ],
    customerRepresentatives: [{ name: '李建国', title: '信息技术部运维经理' }],
  });
  return {
    ...snapshot,
    signatures: [
      {
        role: 'customer',
        name: '李建国',
        title: '信息技术部运维经理',
        signedAt: '2026-11-15T04:20:00+08:00',
        image: sampleSignatureImage(41),
      },
      {
        role: 'engineer',
        name: '王磊',
        title: '高级交付工程师',
        signedAt: '2026-11-15T04:15:00+08:00',
        image: sampleSignatureImage(43),
      },
    ],
  };
}
