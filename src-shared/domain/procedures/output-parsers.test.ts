import { describe, expect, it } from 'vitest';
import { DCE5_MINOR_UPGRADE_V2 } from '../../policy/procedures/index';
import { parseOutput, recognizeOutput, stepForOutput } from './output-parsers';

// Output as kubectl 1.27, etcdctl 3.5 and kubeadm 1.27 print it.
const NODES = `NAME        STATUS                     ROLES           AGE    VERSION   INTERNAL-IP   EXTERNAL-IP   OS-IMAGE
master-01   Ready                      control-plane   412d   v1.27.5   10.20.0.11    <none>        Rocky Linux 8.9
worker-01   NotReady                   <none>          412d   v1.27.5   10.20.0.21    <none>        Rocky Linux 8.9
worker-02   Ready,SchedulingDisabled   <none>          300d   v1.26.9   10.20.0.22    <none>        Rocky Linux 8.9`;

const HEALTH_TABLE = `+-------------------------+--------+-------------+---------------------------+
|        ENDPOINT         | HEALTH |    TOOK     |           ERROR           |
+-------------------------+--------+-------------+---------------------------+
| https://10.20.0.11:2379 |   true |  8.120931ms |                           |
| https://10.20.0.12:2379 |   true |  9.530211ms |                           |
| https://10.20.0.13:2379 |  false | 5.00081945s | context deadline exceeded |
+-------------------------+--------+-------------+---------------------------+`;

const HEALTH_PLAIN = `https://10.20.0.11:2379 is healthy: successfully committed proposal: took = 9.1ms
https://10.20.0.12:2379 is healthy: successfully committed proposal: took = 10.4ms
https://10.20.0.13:2379 is healthy: successfully committed proposal: took = 8.7ms`;

const MEMBERS_TABLE = `+------------------+---------+-------+--------------------------+--------------------------+------------+
|        ID        | STATUS  | NAME  |        PEER ADDRS        |       CLIENT ADDRS       | IS LEARNER |
+------------------+---------+-------+--------------------------+--------------------------+------------+
| 8e9e05c52164694d | started | etcd1 | https://10.20.0.11:2380  | https://10.20.0.11:2379  |      false |
| 91bc3c398fb3c146 | started | etcd2 | https://10.20.0.12:2380  | https://10.20.0.12:2379  |      false |
+------------------+---------+-------+--------------------------+--------------------------+------------+`;

const MEMBERS_PLAIN = `8e9e05c52164694d, started, etcd1, https://10.20.0.11:2380, https://10.20.0.11:2379, false
91bc3c398fb3c146, started, etcd2, https://10.20.0.12:2380, https://10.20.0.12:2379, false
fd422379fda50e48, started, etcd3, https://10.20.0.13:2380, https://10.20.0.13:2379, false`;

const CERTS = `[check-expiration] Reading configuration from the cluster...

CERTIFICATE                EXPIRES                  RESIDUAL TIME   CERTIFICATE AUTHORITY   EXTERNALLY MANAGED
admin.conf                 Dec 01, 2027 08:00 UTC   362d            ca                      no
apiserver                  Dec 21, 2026 08:00 UTC   17d             ca                      no
front-proxy-client         Dec 01, 2027 08:00 UTC   362d            front-proxy-ca          no

CERTIFICATE AUTHORITY   EXPIRES                  RESIDUAL TIME   EXTERNALLY MANAGED
ca                      Nov 28, 2035 08:00 UTC   9y              no
front-proxy-ca          Nov 28, 2035 08:00 UTC   9y              no`;

describe('pasted gate outputs', () => {
  it('recognises each output by its header or row shape', () => {
    expect(recognizeOutput(NODES)).toBe('kubectl-nodes');
    expect(recognizeOutput(HEALTH_TABLE)).toBe('etcd-health');
    expect(recognizeOutput(HEALTH_PLAIN)).toBe('etcd-health');
    expect(recognizeOutput(MEMBERS_TABLE)).toBe('etcd-members');
    expect(recognizeOutput(MEMBERS_PLAIN)).toBe('etcd-members');
    expect(recognizeOutput(CERTS)).toBe('kubeadm-certs');
    expect(recognizeOutput('total 0\ndrwxr-xr-x 2 root root 6 Dec  1 08:00 .')).toBeUndefined();
  });

  it('kubectl get nodes: names the NotReady node and its line; cordoned Ready nodes pass', () => {
    const p = parseOutput(NODES)!;
    expect(p.result).toBe('fail');
    expect(p.lines.filter((l) => !l.ok)).toEqual([
      { line: 3, subject: 'worker-01', ok: false, reading: 'NotReady' },
    ]);
    expect(p.lines.find((l) => l.subject === 'worker-02')!.ok).toBe(true);
    expect(parseOutput(NODES.replace('NotReady  ', 'Ready     '))!.result).toBe('pass');
  });

  it('etcd endpoint health: the false endpoint fails, plain output passes', () => {
    const p = parseOutput(HEALTH_TABLE)!;
    expect(p.lines.filter((l) => !l.ok)).toEqual([
      { line: 6, subject: 'https://10.20.0.13:2379', ok: false, reading: 'false' },
    ]);
    expect(parseOutput(HEALTH_PLAIN)).toMatchObject({ result: 'pass', problems: [] });
    expect(parseOutput(HEALTH_PLAIN)!.lines).toHaveLength(3);
  });

  it('etcd member list: an even member count fails, three started members pass with the count', () => {
    expect(parseOutput(MEMBERS_TABLE)).toMatchObject({
      result: 'fail',
      problems: ['even-members'],
      value: '2',
    });
    expect(parseOutput(MEMBERS_PLAIN)).toMatchObject({ result: 'pass', value: '3' });
    const learner = MEMBERS_PLAIN.replace(/false$/, 'true');
    expect(parseOutput(learner)!.lines[2]).toMatchObject({
      line: 3,
      ok: false,
      reading: 'started, learner',
    });
  });

  it('kubeadm certs: a certificate with 17 days left fails on its line; years count as days', () => {
    const p = parseOutput(CERTS)!;
    expect(p.result).toBe('fail');
    expect(p.lines.filter((l) => !l.ok)).toEqual([
      { line: 5, subject: 'apiserver', ok: false, reading: '17d' },
    ]);
    expect(p.lines.map((l) => l.subject)).toEqual([
      'admin.conf',
      'apiserver',
      'front-proxy-client',
      'ca',
      'front-proxy-ca',
    ]);
    expect(parseOutput(CERTS, 10)!.result).toBe('pass');
    expect(parseOutput(CERTS.replace('17d ', '<invalid>'))!.lines[1]!.ok).toBe(false);
  });

  it('finds the pre-check each output fills in the upgrade runbook', () => {
    expect(stepForOutput(DCE5_MINOR_UPGRADE_V2, 'kubectl-nodes')?.id).toBe('nodes-ready');
    expect(stepForOutput(DCE5_MINOR_UPGRADE_V2, 'etcd-health')?.id).toBe('etcd-health');
    expect(stepForOutput(DCE5_MINOR_UPGRADE_V2, 'etcd-members')?.id).toBe('etcd-health');
    expect(stepForOutput(DCE5_MINOR_UPGRADE_V2, 'kubeadm-certs')?.id).toBe('cert-expiry');
    // Once the pre-check is finished, the next step running the same command (the skew check
    // reads the kubelet versions of the same listing).
    expect(
      stepForOutput(DCE5_MINOR_UPGRADE_V2, 'kubectl-nodes', (id) => id !== 'nodes-ready')?.id,
    ).toBe('version-skew');
  });
});
