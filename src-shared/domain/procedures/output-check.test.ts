import { describe, expect, it } from 'vitest';
import { DCE5_MINOR_UPGRADE_V1, K8S_CONTAINER_RESTARTING_V1 } from '../../policy/procedures/index';
import { stepById } from './derive';
import { checkOutput, matchBranch } from './output-check';
import {
  KUBECTL_GET_NODES_WIDE,
  KUBECTL_GET_NODES_WIDE_NOT_READY,
} from '../../../test/fixtures/kubectl-get-nodes';

const expectedOf = (id: string) => stepById(DCE5_MINOR_UPGRADE_V1, id)!.expected;

const NODES_OK = KUBECTL_GET_NODES_WIDE;
const NODES_BAD = KUBECTL_GET_NODES_WIDE_NOT_READY;

describe('checkOutput', () => {
  it('passes kubectl get nodes when every node is Ready, fails on NotReady naming the line', () => {
    expect(checkOutput(expectedOf('nodes-ready'), NODES_OK)).toEqual({
      result: 'pass',
      failures: [],
    });
    expect(checkOutput(expectedOf('nodes-ready'), NODES_BAD)).toEqual({
      result: 'fail',
      failures: [{ code: 'absent-found', match: 'NotReady', line: 3 }],
    });
  });

  it('checks every number a threshold captures (df Use% < 80)', () => {
    const df = `Filesystem      Size  Used Avail Use% Mounted on
/dev/sdb1       200G   92G  109G  46% /var/lib
/dev/sdc1        50G   43G  7.0G  86% /var/lib/etcd
`;
    const r = checkOutput(expectedOf('disk-free'), df);
    expect(r.result).toBe('fail');
    expect(r.failures).toEqual([
      { code: 'threshold-exceeded', found: 86, op: '<', limit: 80, line: 3 },
    ]);
    expect(checkOutput(expectedOf('disk-free'), df.replace('86%', '61%')).result).toBe('pass');
  });

  it('fails a threshold when the output has no number at all', () => {
    expect(
      checkOutput(expectedOf('disk-free'), 'df: /var/lib/etcd: No such file').failures,
    ).toEqual([{ code: 'threshold-no-value', capture: '\\s(\\d+)%\\s' }]);
  });

  it('reads kubeadm certs check-expiration residual days', () => {
    const certs = `CERTIFICATE                EXPIRES                  RESIDUAL TIME   CERTIFICATE AUTHORITY   EXTERNALLY MANAGED
admin.conf                 Dec 01, 2027 08:00 UTC   362d            ca                      no
apiserver                  Dec 20, 2026 08:00 UTC   16d             ca                      no

CERTIFICATE AUTHORITY   EXPIRES                  RESIDUAL TIME   EXTERNALLY MANAGED
ca                      Nov 28, 2035 08:00 UTC   8y              no
`;
    const r = checkOutput(expectedOf('cert-expiry'), certs);
    expect(r.failures).toEqual([
      { code: 'threshold-exceeded', found: 16, op: '>=', limit: 30, line: 3 },
    ]);
  });

  it('a step without pattern or threshold is not checked', () => {
    expect(checkOutput(expectedOf('change-approval'), 'CHG-2026-118').result).toBe('none');
  });

  it('picks the troubleshooting branch from kubectl describe pod', () => {
    const step = stepById(K8S_CONTAINER_RESTARTING_V1, 'describe-pod')!;
    const oom = `    Last State:     Terminated
      Reason:       OOMKilled
      Exit Code:    137
Events:`;
    expect(matchBranch(step.branches, oom)?.goTo).toBe('fix-oom');
    expect(
      matchBranch(step.branches, 'Warning  Failed  kubelet  Error: ImagePullBackOff')?.goTo,
    ).toBe('check-registry');
    expect(matchBranch(step.branches, 'Events:\n  Normal Pulled')).toBeUndefined();
  });
});
