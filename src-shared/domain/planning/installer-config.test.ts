import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { installerConfig } from './installer-config';
import { samplePlan } from './sample-plan';

function file(name: string, plan = samplePlan()): string {
  const f = installerConfig(plan).find((x) => x.path === name);
  if (!f) throw new Error(`no ${name}`);
  return f.content;
}

describe('installerConfig', () => {
  it('DCE 5 ClusterConfig parses back with the plan’s nodes, VIPs and ranges', () => {
    const doc = parse(file('clusterConfig.yaml')) as {
      apiVersion: string;
      kind: string;
      spec: Record<string, unknown> & {
        masterNodes: { nodeName: string; ip: string }[];
        workerNodes: { nodeName: string; ip: string; nodeTaints?: string[] }[];
        loadBalancer: Record<string, string>;
        network: Record<string, string>;
        kubeanConfig: string;
      };
    };
    expect(doc.apiVersion).toBe('provision.daocloud.io/v1alpha3');
    expect(doc.kind).toBe('ClusterConfig');
    expect(doc.spec.masterNodes.map((n) => [n.nodeName, n.ip])).toEqual([
      ['dce-master-01', '10.20.30.21'],
      ['dce-master-02', '10.20.30.22'],
      ['dce-master-03', '10.20.30.23'],
    ]);
    expect(doc.spec.workerNodes).toHaveLength(3);
    expect(doc.spec.workerNodes[0]?.nodeTaints).toEqual([
      'node.daocloud.io/es-only=true:NoSchedule',
    ]);
    expect(doc.spec.loadBalancer).toEqual({
      type: 'metallb',
      istioGatewayVip: '10.20.30.11/32',
      insightVip: '10.20.30.12/32',
    });
    expect(doc.spec.network).toEqual({
      cni: 'calico',
      clusterCIDR: '10.233.64.0/18',
      serviceCIDR: '10.233.0.0/18',
    });
    expect(doc.spec['bootstrapNode']).toBe('10.20.30.20');
    const kubean = parse(doc.spec.kubeanConfig) as Record<string, unknown>;
    expect(kubean['kube_vip_address']).toBe('10.20.30.10');
    expect(kubean['upstream_dns_servers']).toEqual(['10.20.0.53', '10.20.0.54']);
  });

  it('the kubespray inventory has the groups, and etcd on the etcd machines', () => {
    const inv = parse(file('kubean/hosts.yml')) as {
      all: {
        hosts: Record<string, { ansible_host: string }>;
        children: Record<string, { hosts?: Record<string, null> }>;
      };
    };
    expect(Object.keys(inv.all.hosts)).toHaveLength(6);
    expect(inv.all.hosts['dce-worker-02']?.ansible_host).toBe('10.20.30.32');
    expect(Object.keys(inv.all.children['kube_control_plane']?.hosts ?? {})).toEqual([
      'dce-master-01',
      'dce-master-02',
      'dce-master-03',
    ]);
    expect(Object.keys(inv.all.children['etcd']?.hosts ?? {})).toHaveLength(3);
    expect(Object.keys(inv.all.children['kube_node']?.hosts ?? {})).toContain('dce-worker-03');
  });

  it('kubean manifests: a Cluster and its two ConfigMaps, referring to each other', () => {
    const docs = parseAllDocuments(file('kubean/cluster.yaml')).map(
      (d) =>
        d.toJSON() as {
          kind: string;
          metadata: { name: string };
          spec?: unknown;
          data?: Record<string, string>;
        },
    );
    expect(docs.map((d) => d.kind)).toEqual(['Cluster', 'ConfigMap', 'ConfigMap']);
    const cluster = docs[0]?.spec as Record<string, { name: string }>;
    expect(cluster['hostsConfRef']?.name).toBe(docs[1]?.metadata.name);
    expect(cluster['varsConfRef']?.name).toBe(docs[2]?.metadata.name);
    const hosts = parse(docs[1]?.data?.['hosts.yml'] ?? '') as { all: { hosts: object } };
    expect(Object.keys(hosts.all.hosts)).toHaveLength(6);
  });

  it('writes no secret: no password field, key only named', () => {
    for (const f of installerConfig(samplePlan()).filter((x) => x.path !== 'README.txt')) {
      expect(f.content).not.toMatch(/ansiblePass|password|secretKey|ssh-privatekey:\s*\S{20,}/i);
    }
    expect(file('clusterConfig.yaml')).toContain('privateKeyPath: /root/.ssh/id_rsa');
  });

  it('a PoC without an ingress VIP uses NodePort', () => {
    const plan = samplePlan();
    plan.profile = 'poc';
    plan.vips = [];
    const doc = parse(file('clusterConfig.yaml', plan)) as { spec: { loadBalancer: unknown } };
    expect(doc.spec.loadBalancer).toEqual({ type: 'NodePort' });
  });
});
