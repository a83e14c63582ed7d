/**
 * A realistic DCE 5 production plan in the 7-node mode (1 bootstrap + 3 masters + 3 workers),
 * on a management/business network with bonded 10G ports and a storage network without a
 * gateway. It validates without findings; `fieldbook sample plan` prints it and the tests start
 * from it.
 */
import type { Plan, PlanMachine } from './plan';

function node(
  hostname: string,
  roles: string[],
  last: number,
  sizes: { cpu: number; memoryGiB: number; system: number; data: number },
): PlanMachine {
  return {
    hostname,
    roles,
    cpu: sizes.cpu,
    memoryGiB: sizes.memoryGiB,
    disks: [
      { mount: '/', sizeGiB: sizes.system, type: 'ssd' },
      ...(sizes.data > 0 ? [{ mount: '', sizeGiB: sizes.data, type: 'ssd' }] : []),
    ],
    nics: [
      { name: 'ens1f0', mtu: 1500 },
      { name: 'ens1f1', mtu: 1500 },
      {
        name: 'bond0',
        network: 'mgmt',
        address: `10.20.30.${last}`,
        mtu: 1500,
        bond: { mode: '802.3ad', members: ['ens1f0', 'ens1f1'] },
      },
      { name: 'ens2f0', network: 'storage', address: `10.20.40.${last}`, mtu: 9000 },
    ],
    os: { release: 'Rocky Linux 9.2', kernel: '5.14.0-284.11.1.el9_2.x86_64' },
  };
}

export function samplePlan(): Plan {
  const master = { cpu: 16, memoryGiB: 32, system: 200, data: 500 };
  const worker = { cpu: 16, memoryGiB: 64, system: 200, data: 1000 };
  return {
    // Read by `fieldbook report render plan` for the document's header (fictitious names).
    customer: '华东示例城市商业银行',
    site: '数据中心 A 栋 3 楼机房',
    environment: '生产环境 · global 集群',
    engineer: '王工',
    product: 'DCE',
    version: '5.0.3',
    profile: 'production',
    networks: [
      { name: 'mgmt', cidr: '10.20.30.0/24', gateway: '10.20.30.1', vlan: 130, mtu: 1500 },
      { name: 'storage', cidr: '10.20.40.0/24', vlan: 140, mtu: 9000 },
    ],
    podCidr: '10.233.64.0/18',
    serviceCidr: '10.233.0.0/18',
    nodeCidrPrefix: 24,
    vips: [
      { role: 'api', address: '10.20.30.10' },
      { role: 'ingress', address: '10.20.30.11' },
      { role: 'insight', address: '10.20.30.12' },
    ],
    machines: [
      node('dce-bootstrap', ['bootstrap', 'registry'], 20, {
        cpu: 4,
        memoryGiB: 8,
        system: 300,
        data: 0,
      }),
      node('dce-master-01', ['control-plane', 'etcd'], 21, master),
      node('dce-master-02', ['control-plane', 'etcd'], 22, master),
      node('dce-master-03', ['control-plane', 'etcd'], 23, master),
      node('dce-worker-01', ['worker'], 31, worker),
      node('dce-worker-02', ['worker'], 32, worker),
      node('dce-worker-03', ['worker'], 33, worker),
    ],
    ntpServers: ['10.20.0.123', '10.20.0.124'],
    dnsServers: ['10.20.0.53', '10.20.0.54'],
    os: { release: 'Rocky Linux 9.2', kernel: '5.14.0-284.11.1.el9_2.x86_64' },
    dependencies: [
      { kind: 'storage', name: '客户 NAS（NFS）', address: '10.20.40.200', notes: 'NFSv4.1' },
      { kind: 'ldap', name: '客户 AD 域控', address: 'ad.example.internal' },
    ],
    requirements: ['机房提供两路独立电源与万兆上联交换机，端口配置为 LACP（802.3ad）。'],
  };
}
