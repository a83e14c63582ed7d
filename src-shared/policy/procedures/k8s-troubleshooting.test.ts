/**
 * The troubleshooting guides driven with output as kubectl, calicoctl and etcdctl print it: each
 * case pastes the outputs of the question steps and checks the leaf the guide ends at, the
 * steps it bypassed, and that the path stays within the seven steps issue 9 allows.
 */
import { describe, expect, it } from 'vitest';
import type { ProcedureRunDoc } from '../../db/types';
import { deriveRun, troubleshootingPath } from '../../domain/procedures/derive';
import {
  attachEvidence,
  completeRun,
  completeStep,
  startRun,
} from '../../domain/procedures/procedure-ops';
import { K8S_TROUBLESHOOTING_V1, procedureTemplateProblems } from './index';
import type { ProcedureTemplate } from './types';

const WHO = { by: '王磊', zone: 'Asia/Shanghai' };

function clock() {
  let t = Date.parse('2026-12-20T02:00:00Z');
  return () => new Date((t += 60_000)).toISOString();
}

/** Pastes `outputs` into the current step, one by one, marking each done; returns the path. */
function walk(template: ProcedureTemplate, outputs: string[]) {
  const now = clock();
  let run: ProcedureRunDoc = startRun(
    {
      customerId: 'C1',
      siteId: 'S1',
      siteZone: 'Asia/Shanghai',
      templateId: template.id,
      templateVersion: template.version,
    },
    WHO,
    now(),
  );
  const path: string[] = [];
  for (const text of outputs) {
    const id = deriveRun(template, run).currentStepId;
    if (id === undefined) throw new Error(`the guide ended before output ${path.length + 1}`);
    run = attachEvidence(run, id, { kind: 'output', text }, WHO, now());
    run = completeStep(run, id, WHO, now());
    path.push(id);
  }
  const state = deriveRun(template, run);
  expect(state.currentStepId).toBeUndefined();
  run = completeRun(run, WHO, now());
  return { path, state: deriveRun(template, run) };
}

const byId = (id: string) => K8S_TROUBLESHOOTING_V1.find((t) => t.id === id)!;

describe('troubleshooting guides of the seed topics', () => {
  it.each(K8S_TROUBLESHOOTING_V1.map((t) => [t.id, t] as const))(
    '%s is a valid guide whose every fix leaf ends it',
    (_, t) => {
      expect(procedureTemplateProblems(t)).toEqual([]);
      const steps = t.sections.flatMap((s) => s.steps);
      expect(steps.at(-1)?.end).toBe(true);
      for (const s of steps) expect(s.branches !== undefined || s.end === true).toBe(true);
    },
  );

  it('application will not start: Insufficient memory picks the resources fix', () => {
    const { path, state } = walk(byId('k8s-app-not-starting'), [
      'NAME                     READY   STATUS    RESTARTS   AGE   IP       NODE\npay-api-7d9f8b-x2k4q     0/1     Pending   0          12m   <none>   <none>',
      'Events:\n  Type     Reason            Age   From               Message\n  Warning  FailedScheduling  12m   default-scheduler  0/6 nodes are available: 3 Insufficient memory, 3 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }.',
      'Allocated resources:\n  Resource  Requests      Limits\n  memory    30Gi (96%)    40Gi (128%)\npay-api-7d9f8b-x2k4q   1/1   Running   0   1m',
    ]);
    expect(path).toEqual(['get-pod', 'describe-pending', 'fix-resources']);
    expect(state.steps['fix-scheduling']!.status).toBe('bypassed');
    expect(state.steps['crashing']!.status).toBe('bypassed');
  });

  it('application will not start: CreateContainerConfigError goes straight to the config fix', () => {
    const { path } = walk(byId('k8s-app-not-starting'), [
      'NAME                 READY   STATUS                       RESTARTS   AGE\nweb-5c9d-7fz9m       0/1     CreateContainerConfigError   0          2m',
      'Warning  Failed  2m  kubelet  Error: configmap "web-config" not found\nweb-5c9d-7fz9m   1/1   Running   0   20s',
    ]);
    expect(path).toEqual(['get-pod', 'fix-config']);
  });

  it('application unreachable: a Service without endpoints picks the selector fix', () => {
    const { path, state } = walk(byId('k8s-app-unreachable'), [
      'NAME                 TYPE        CLUSTER-IP      EXTERNAL-IP   PORT(S)    AGE   SELECTOR\nservice/pay-api      ClusterIP   10.233.21.17    <none>        8080/TCP   40d   app=pay-api\n\nNAME                   ENDPOINTS   AGE\nendpoints/pay-api      <none>      40d',
      'NAME        ENDPOINTS                             AGE\npay-api     10.233.64.12:8080,10.233.65.9:8080    40d',
    ]);
    expect(path).toEqual(['svc-endpoints', 'fix-selector']);
    expect(state.steps['in-cluster']!.status).toBe('bypassed');
  });

  it('application unreachable: a pending LoadBalancer goes to MetalLB, an exhausted pool to its fix', () => {
    const { path } = walk(byId('k8s-app-unreachable'), [
      'NAME                TYPE           CLUSTER-IP     EXTERNAL-IP   PORT(S)        AGE\nservice/portal      LoadBalancer   10.233.8.41    <pending>     443:31443/TCP  5m\n\nNAME               ENDPOINTS          AGE\nendpoints/portal   10.233.64.3:8443   5m',
      'NAME                                        AUTO ASSIGN   AVOID BUGGY IPS   ADDRESSES\nipaddresspool.metallb.io/default            true          false             ["10.20.30.200-10.20.30.201"]\n{"caller":"service.go:150","event":"clearAssignment","reason":"noIPAllocated","msg":"failed to allocate IP for \\"prod/portal\\": no available IPs"}',
      'NAME     TYPE           CLUSTER-IP    EXTERNAL-IP     PORT(S)         AGE\nportal   LoadBalancer   10.233.8.41   10.20.30.210    443:31443/TCP   9m',
    ]);
    expect(path).toEqual(['svc-endpoints', 'metallb-speaker', 'fix-metallb-pool']);
  });

  it('application unreachable: reachable in the cluster ends at the entry check', () => {
    const { path } = walk(byId('k8s-app-unreachable'), [
      'NAME              TYPE        CLUSTER-IP     EXTERNAL-IP   PORT(S)    AGE\nservice/pay-api   ClusterIP   10.233.21.17   <none>        8080/TCP   40d\n\nNAME               ENDPOINTS            AGE\nendpoints/pay-api  10.233.64.12:8080    40d',
      '{"status":"UP"}\npod "nettest" deleted',
      '< HTTP/1.1 200 OK\n< Server: nginx',
    ]);
    expect(path).toEqual(['svc-endpoints', 'in-cluster', 'fix-entry']);
  });

  it('node NotReady: an expired kubelet certificate is read from the kubelet log', () => {
    const { path, state } = walk(byId('k8s-node-not-ready'), [
      'Conditions:\n  Type             Status    Reason              Message\n  MemoryPressure   Unknown   NodeStatusUnknown   Kubelet stopped posting node status.\n  DiskPressure     Unknown   NodeStatusUnknown   Kubelet stopped posting node status.\n  Ready            Unknown   NodeStatusUnknown   Kubelet stopped posting node status.\nAddresses:',
      'Dec 20 09:12:01 worker-03 kubelet[1187]: E1220 09:12:01.512 bootstrap.go:266] part of the existing bootstrap client certificate in /etc/kubernetes/kubelet.conf is expired: 2026-12-19 08:00:00 +0000 UTC\nDec 20 09:12:01 worker-03 kubelet[1187]: x509: certificate has expired or is not yet valid',
      'notAfter=Dec 20 09:30:00 2027 GMT',
    ]);
    expect(path).toEqual(['describe-node', 'kubelet-log', 'fix-kubelet-cert']);
    expect(state.steps['restart-kubelet']!.status).toBe('bypassed');
    expect(state.steps['fix-runtime']!.status).toBe('bypassed');
  });

  it('node NotReady: DiskPressure goes straight to freeing the disk', () => {
    const { path } = walk(byId('k8s-node-not-ready'), [
      'Conditions:\n  Type             Status  Reason                       Message\n  DiskPressure     True    KubeletHasDiskPressure       kubelet has disk pressure\n  Ready            False   KubeletNotReady              ...\nAddresses:',
      'Deleted: docker.io/library/nginx:1.21\n  DiskPressure     False   KubeletHasNoDiskPressure     kubelet has no disk pressure',
    ]);
    expect(path).toEqual(['describe-node', 'fix-disk']);
  });

  it('Pod errors: ImagePullBackOff picks the image fix', () => {
    const { path } = walk(byId('k8s-pod-errors'), [
      'NAME                READY   STATUS             RESTARTS   AGE   IP             NODE\nreport-6d8f-9hx2c   0/1     ImagePullBackOff   0          7m    10.233.66.4    worker-02',
      'Image is up to date for sha256:4f8ec2c7b4e0b2b9f4d6e1e3c0f7a6d5b4c3a2918e7d6c5b4a39281706f5e4d3',
    ]);
    expect(path).toEqual(['get-pods', 'fix-image']);
  });

  it('network faults: Calico BGP in Active with port 179 timing out picks the firewall fix', () => {
    const { state, path } = walk(byId('k8s-network-faults'), [
      'Calico process is running.\n\nIPv4 BGP status\n+--------------+-------------------+-------+----------+--------------------------------+\n| PEER ADDRESS |     PEER TYPE     | STATE |  SINCE   |              INFO              |\n+--------------+-------------------+-------+----------+--------------------------------+\n| 10.20.0.12   | node-to-node mesh | start | 09:15:13 | Active Socket: Connection      |\n|              |                   |       |          | timed out                      |\n+--------------+-------------------+-------+----------+--------------------------------+',
      'nc: connect to 10.20.0.12 port 179 (tcp) timed out: Operation now in progress',
      'success\nsuccess\n| 10.20.0.12   | node-to-node mesh | up    | 09:41:02 | Established |',
    ]);
    expect(path).toEqual(['calico-status', 'bgp-port', 'fix-firewall']);
    expect(state.steps['dns-lookup']!.status).toBe('bypassed');
  });

  it('network faults: healthy BGP and failing lookups go to CoreDNS', () => {
    const { path } = walk(byId('k8s-network-faults'), [
      'Calico process is running.\n\nIPv4 BGP status\n| 10.20.0.12   | node-to-node mesh | up    | 2026-12-01 | Established |',
      ';; connection timed out; no servers could be reached\n\ncommand terminated with exit code 1',
      'NAME                       READY   STATUS    RESTARTS   AGE\ncoredns-5d78c9869d-4xk2p   1/1     Running   0          2m',
    ]);
    expect(path).toEqual(['calico-status', 'dns-lookup', 'fix-coredns']);
  });

  it('cluster emergency: the API server cannot reach etcd, etcd lost its quorum, restore by the lead', () => {
    const t = byId('k8s-cluster-emergency');
    const { path } = walk(t, [
      'The connection to the server 10.20.0.10:6443 was refused - did you specify the right host or port?\nUnable to connect to the server: dial tcp 10.20.0.10:6443: connect: connection refused',
      'CONTAINER      IMAGE          CREATED         STATE     NAME             ATTEMPT\n3f2a9c1d0b7e   6f1d2c3b4a59   2 minutes ago   Exited    kube-apiserver   14\nW1220 09:20:11.402 logging.go:59] [core] grpc: addrConn.createTransport failed to connect to {Addr: "127.0.0.1:2379"}: context deadline exceeded',
      'https://10.20.0.11:2379 is healthy: successfully committed proposal: took = 9.1ms\nhttps://10.20.0.12:2379 is unhealthy: failed to commit proposal: context deadline exceeded\nhttps://10.20.0.13:2379 is unhealthy: failed to commit proposal: context deadline exceeded',
      'https://10.20.0.11:2379 is healthy: successfully committed proposal: took = 8.7ms\nhttps://10.20.0.12:2379 is healthy: successfully committed proposal: took = 9.9ms\nhttps://10.20.0.13:2379 is healthy: successfully committed proposal: took = 10.2ms',
    ]);
    expect(path).toEqual(['api-ready', 'apiserver-pod', 'etcd-health', 'etcd-restore']);
    expect(t.sections[0]!.steps.find((s) => s.id === 'etcd-restore')!.role).toBe('lead-engineer');
  });
});

describe('the path a guide took', () => {
  it('lists the done steps in order with the branch each question chose', () => {
    const t = byId('k8s-node-not-ready');
    const { state } = walk(t, [
      'Conditions:\n  DiskPressure     True    KubeletHasDiskPressure   kubelet has disk pressure\nAddresses:',
      '  DiskPressure     False   KubeletHasNoDiskPressure   kubelet has no disk pressure',
    ]);
    const path = troubleshootingPath(t, state);
    expect(path.map((p) => [p.stepId, p.branch?.goTo, p.end])).toEqual([
      ['describe-node', 'fix-disk', false],
      ['fix-disk', undefined, true],
    ]);
    expect(path[0]!.branch?.label.en).toBe('Disk pressure');
    expect(path[0]!.by).toBe('王磊');
  });
});
