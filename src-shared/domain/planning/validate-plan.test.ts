import { describe, expect, it } from 'vitest';
import type { Plan, PlanMachine } from './plan';
import { parsePlan } from './plan-schema';
import { samplePlan } from './sample-plan';
import { PLAN_RULE_IDS, validatePlan } from './validate-plan';

type Mutation = (p: Plan) => void;

function machine(p: Plan, hostname: string): PlanMachine {
  const found = p.machines.find((m) => m.hostname === hostname);
  if (!found) throw new Error(`no machine ${hostname}`);
  return found;
}

function nic(p: Plan, hostname: string, name: string) {
  const found = machine(p, hostname).nics.find((n) => n.name === name);
  if (!found) throw new Error(`no nic ${name}`);
  return found;
}

function run(mutate: Mutation) {
  const plan = samplePlan();
  mutate(plan);
  return validatePlan(plan);
}

// Machine indexes in the sample: 0 bootstrap, 1–3 masters, 4–6 workers. NIC 2 is bond0 (mgmt),
// NIC 3 the storage NIC, NICs 0 and 1 the bond members.
const CASES: [rule: string, severity: string, path: string, what: string, mutate: Mutation][] = [
  [
    'bootstrap-count',
    'warning',
    '/machines',
    'two bootstrap nodes',
    (p) => {
      p.machines[4]!.roles = ['worker', 'bootstrap'];
    },
  ],
  [
    'duplicate-ip',
    'error',
    '/machines/2/nics/2/address',
    'two NICs share an address',
    (p) => {
      nic(p, 'dce-master-02', 'bond0').address = '10.20.30.21';
    },
  ],
  [
    'duplicate-ip',
    'error',
    '/vips/1/address',
    'a VIP equals a host address',
    (p) => {
      p.vips[1]!.address = '10.20.30.31';
    },
  ],
  [
    'duplicate-ip',
    'error',
    '/machines/5/nics/3/address',
    'duplicate across networks of different machines',
    (p) => {
      nic(p, 'dce-worker-02', 'ens2f0').address = '10.20.40.20';
    },
  ],
  [
    'ip-outside-network',
    'error',
    '/machines/1/nics/2/address',
    'address in another subnet',
    (p) => {
      nic(p, 'dce-master-01', 'bond0').address = '10.20.31.21';
    },
  ],
  [
    'ip-outside-network',
    'error',
    '/machines/1/nics/2/address',
    'IPv6 address on an IPv4 network',
    (p) => {
      nic(p, 'dce-master-01', 'bond0').address = '2001:db8::21';
    },
  ],
  [
    'network-or-broadcast-address',
    'error',
    '/machines/1/nics/2/address',
    'the network address',
    (p) => {
      nic(p, 'dce-master-01', 'bond0').address = '10.20.30.0';
    },
  ],
  [
    'network-or-broadcast-address',
    'error',
    '/machines/1/nics/2/address',
    'the broadcast address',
    (p) => {
      nic(p, 'dce-master-01', 'bond0').address = '10.20.30.255';
    },
  ],
  [
    'network-or-broadcast-address',
    'error',
    '/vips/0/address',
    'a VIP on the broadcast address',
    (p) => {
      p.vips[0]!.address = '10.20.30.255';
    },
  ],
  [
    'gateway-outside-network',
    'error',
    '/networks/0/gateway',
    'gateway in another subnet',
    (p) => {
      p.networks[0]!.gateway = '10.20.31.1';
    },
  ],
  [
    'gateway-conflict',
    'error',
    '/machines/1/nics/2/address',
    'a NIC takes the gateway address',
    (p) => {
      nic(p, 'dce-master-01', 'bond0').address = '10.20.30.1';
    },
  ],
  [
    'gateway-conflict',
    'error',
    '/vips/0/address',
    'a VIP takes the gateway address',
    (p) => {
      p.vips[0]!.address = '10.20.30.1';
    },
  ],
  [
    'unknown-network',
    'error',
    '/machines/4/nics/3/network',
    'a NIC names a network that does not exist',
    (p) => {
      nic(p, 'dce-worker-01', 'ens2f0').network = 'stroage';
    },
  ],
  [
    'unknown-network',
    'error',
    '/machines/4/nics/3/network',
    'an address without a network',
    (p) => {
      delete nic(p, 'dce-worker-01', 'ens2f0').network;
    },
  ],
  [
    'duplicate-hostname',
    'error',
    '/machines/3/hostname',
    'same host name twice',
    (p) => {
      p.machines[3]!.hostname = 'dce-master-01';
    },
  ],
  [
    'duplicate-hostname',
    'error',
    '/machines/3/hostname',
    'host names differ only in case',
    (p) => {
      p.machines[1]!.hostname = 'dce-master-x';
      p.machines[3]!.hostname = 'DCE-MASTER-X';
    },
  ],
  [
    'invalid-mount',
    'error',
    '/machines/4/disks/2/mount',
    'a relative mount point',
    (p) => {
      p.machines[4]!.disks.push({ mount: 'data', sizeGiB: 100, type: 'ssd' });
    },
  ],
  [
    'invalid-mount',
    'error',
    '/machines/4/disks/2/mount',
    'a blank in the mount point',
    (p) => {
      p.machines[4]!.disks.push({ mount: '/var/lib/my data', sizeGiB: 100 });
    },
  ],
  [
    'duplicate-mount',
    'error',
    '/machines/4/disks/3/mount',
    'two disks at /data (one written /data/)',
    (p) => {
      p.machines[4]!.disks.push({ mount: '/data', sizeGiB: 100 }, { mount: '/data/', sizeGiB: 50 });
    },
  ],
  [
    'invalid-hostname',
    'error',
    '/machines/1/hostname',
    'upper case',
    (p) => {
      p.machines[1]!.hostname = 'Master01';
    },
  ],
  [
    'invalid-hostname',
    'error',
    '/machines/1/hostname',
    'underscore',
    (p) => {
      p.machines[1]!.hostname = 'master_01';
    },
  ],
  [
    'invalid-hostname',
    'error',
    '/machines/1/hostname',
    'leading hyphen',
    (p) => {
      p.machines[1]!.hostname = '-master01';
    },
  ],
  [
    'invalid-hostname',
    'error',
    '/machines/1/hostname',
    'a label of 64 characters',
    (p) => {
      p.machines[1]!.hostname = 'a'.repeat(64);
    },
  ],
  [
    'control-plane-count',
    'error',
    '/machines',
    'production with 2 control-plane nodes',
    (p) => {
      p.machines[3]!.roles = ['worker'];
    },
  ],
  [
    'control-plane-count',
    'error',
    '/machines',
    'production with 4 control-plane nodes',
    (p) => {
      p.machines[4]!.roles = ['control-plane'];
    },
  ],
  [
    'control-plane-count',
    'error',
    '/machines',
    'production with 1 control-plane node',
    (p) => {
      p.machines[2]!.roles = ['worker'];
      p.machines[3]!.roles = ['worker'];
    },
  ],
  [
    'etcd-count-even',
    'error',
    '/machines',
    'four explicit etcd members',
    (p) => {
      p.machines[4]!.roles = ['worker', 'etcd'];
    },
  ],
  [
    'etcd-count-even',
    'error',
    '/machines',
    'stacked etcd on 2 PoC masters',
    (p) => {
      p.profile = 'poc';
      p.machines = p.machines
        .slice(0, 3)
        .map((m) => ({ ...m, roles: m.roles.filter((r) => r !== 'etcd') }));
    },
  ],
  [
    'cidr-overlap',
    'error',
    '/podCidr',
    'pod CIDR covers a machine network',
    (p) => {
      p.podCidr = '10.20.0.0/16';
    },
  ],
  [
    'cidr-overlap',
    'error',
    '/serviceCidr',
    'service inside pod CIDR',
    (p) => {
      p.serviceCidr = '10.233.96.0/20';
    },
  ],
  [
    'cidr-overlap',
    'error',
    '/networks/1/cidr',
    'two machine networks nested',
    (p) => {
      p.networks[1]!.cidr = '10.20.30.128/25';
    },
  ],
  [
    'vip-outside-network',
    'error',
    '/vips/0/address',
    'VIP in no machine network',
    (p) => {
      p.vips[0]!.address = '10.99.0.10';
    },
  ],
  [
    'vip-conflict',
    'error',
    '/vips/1/address',
    'API VIP equals the ingress VIP',
    (p) => {
      p.vips[1]!.address = p.vips[0]!.address;
    },
  ],
  [
    'undersized-node',
    'error',
    '/machines/2/memoryGiB',
    'master below 16 GiB',
    (p) => {
      p.machines[2]!.memoryGiB = 8;
    },
  ],
  [
    'undersized-node',
    'error',
    '/machines/5/cpu',
    'worker below 8 cores',
    (p) => {
      p.machines[5]!.cpu = 4;
    },
  ],
  [
    'undersized-node',
    'error',
    '/machines/1/disks/0/sizeGiB',
    'system disk below 100 GiB',
    (p) => {
      p.machines[1]!.disks[0]!.sizeGiB = 80;
    },
  ],
  [
    'undersized-node',
    'error',
    '/machines/1/disks',
    'no unpartitioned data disk',
    (p) => {
      p.machines[1]!.disks = p.machines[1]!.disks.slice(0, 1);
    },
  ],
  [
    'missing-ntp',
    'error',
    '/ntpServers',
    'no NTP server',
    (p) => {
      p.ntpServers = [];
    },
  ],
  [
    'missing-dns',
    'warning',
    '/dnsServers',
    'no DNS server',
    (p) => {
      p.dnsServers = [];
    },
  ],
  [
    'missing-default-gateway',
    'error',
    '/machines/4/nics',
    'a machine only on the storage network',
    (p) => {
      const m = machine(p, 'dce-worker-01');
      m.nics = m.nics.filter((n) => n.network === 'storage');
    },
  ],
  [
    'missing-default-gateway',
    'error',
    '/machines/0/nics',
    'no network has a gateway',
    (p) => {
      delete p.networks[0]!.gateway;
    },
  ],
  [
    'mtu-mismatch',
    'error',
    '/machines/1/nics/3/mtu',
    'NIC MTU differs from its network',
    (p) => {
      nic(p, 'dce-master-01', 'ens2f0').mtu = 1500;
    },
  ],
  [
    'mtu-mismatch',
    'error',
    '/machines/1/nics/1/mtu',
    'a bond member differs from the bond',
    (p) => {
      nic(p, 'dce-master-01', 'ens1f1').mtu = 9000;
    },
  ],
  [
    'pod-cidr-too-small',
    'error',
    '/podCidr',
    '/22 with /24 per node holds 4 nodes, the plan has 6',
    (p) => {
      p.podCidr = '10.233.64.0/22';
    },
  ],
  [
    'pod-cidr-too-small',
    'error',
    '/nodeCidrPrefix',
    'node prefix shorter than the pod prefix',
    (p) => {
      p.nodeCidrPrefix = 16;
    },
  ],
  [
    'invalid-cidr',
    'error',
    '/networks/0/cidr',
    'not a CIDR',
    (p) => {
      p.networks[0]!.cidr = '10.20.30.0/255.255.255.0';
    },
  ],
  [
    'cidr-host-bits',
    'warning',
    '/networks/0/cidr',
    'host bits set',
    (p) => {
      p.networks[0]!.cidr = '10.20.30.7/24';
    },
  ],
  [
    'duplicate-network-name',
    'error',
    '/networks/1/name',
    'two networks with one name',
    (p) => {
      p.networks[1]!.name = 'mgmt';
    },
  ],
  [
    'vlan-out-of-range',
    'error',
    '/networks/0/vlan',
    'VLAN 4095',
    (p) => {
      p.networks[0]!.vlan = 4095;
    },
  ],
  [
    'duplicate-vlan',
    'warning',
    '/networks/1/vlan',
    'two subnets on one VLAN',
    (p) => {
      p.networks[1]!.vlan = 130;
    },
  ],
  [
    'mtu-out-of-range',
    'error',
    '/networks/1/mtu',
    'MTU 10000',
    (p) => {
      p.networks[1]!.mtu = 10000;
      for (const m of p.machines)
        for (const n of m.nics) if (n.network === 'storage') n.mtu = 10000;
    },
  ],
  [
    'invalid-address',
    'error',
    '/machines/1/nics/2/address',
    'an address with a prefix',
    (p) => {
      nic(p, 'dce-master-01', 'bond0').address = '10.20.30.21/24';
    },
  ],
  [
    'invalid-address',
    'error',
    '/ntpServers/1',
    'an NTP entry that is neither address nor name',
    (p) => {
      p.ntpServers[1] = 'ntp server 2';
    },
  ],
  [
    'missing-address',
    'error',
    '/machines/1/nics/3/address',
    'a NIC on a network without address',
    (p) => {
      delete nic(p, 'dce-master-01', 'ens2f0').address;
    },
  ],
  [
    'duplicate-nic-name',
    'error',
    '/machines/1/nics/3/name',
    'two NICs with one name',
    (p) => {
      nic(p, 'dce-master-01', 'ens2f0').name = 'bond0';
    },
  ],
  [
    'bond-mode-unknown',
    'error',
    '/machines/1/nics/2/bond/mode',
    'mode "lacp"',
    (p) => {
      nic(p, 'dce-master-01', 'bond0').bond!.mode = 'lacp';
    },
  ],
  [
    'bond-single-member',
    'warning',
    '/machines/1/nics/2/bond/members',
    'a bond of one port',
    (p) => {
      nic(p, 'dce-master-01', 'bond0').bond!.members = ['ens1f0'];
    },
  ],
  [
    'bond-member-configured',
    'error',
    '/machines/1/nics/0/address',
    'a bond member with an address',
    (p) => {
      const port = nic(p, 'dce-master-01', 'ens1f0');
      port.network = 'mgmt';
      port.address = '10.20.30.121';
    },
  ],
  [
    'bond-member-reused',
    'error',
    '/machines/1/nics/3/bond/members/0',
    'a port in two bonds',
    (p) => {
      const n = nic(p, 'dce-master-01', 'ens2f0');
      n.bond = { mode: 'active-backup', members: ['ens1f0', 'ens1f2'] };
    },
  ],
  [
    'machine-without-address',
    'error',
    '/machines/6/nics',
    'a machine with no address',
    (p) => {
      machine(p, 'dce-worker-03').nics = [];
    },
  ],
  [
    'multiple-default-gateways',
    'warning',
    '/machines/1/nics',
    'two NICs on routed networks',
    (p) => {
      p.networks[1]!.gateway = '10.20.40.1';
    },
  ],
  [
    'missing-role',
    'error',
    '/machines/6/roles',
    'no role',
    (p) => {
      p.machines[6]!.roles = [];
    },
  ],
  [
    'unknown-role',
    'error',
    '/machines/6/roles/0',
    'role "master"',
    (p) => {
      p.machines[6]!.roles = ['master'];
    },
  ],
  [
    'missing-bootstrap',
    'warning',
    '/machines',
    'no bootstrap node',
    (p) => {
      p.machines[0]!.roles = ['registry'];
    },
  ],
  [
    'no-worker',
    'warning',
    '/machines',
    'production without workers',
    (p) => {
      p.machines = p.machines.slice(0, 4);
    },
  ],
  [
    'missing-vip',
    'warning',
    '/vips',
    'production without the ingress VIP',
    (p) => {
      p.vips = p.vips.filter((v) => v.role !== 'ingress');
    },
  ],
  [
    'duplicate-vip-role',
    'error',
    '/vips/2/role',
    'two api VIPs',
    (p) => {
      p.vips[2]!.role = 'api';
    },
  ],
  [
    'service-cidr-too-large',
    'error',
    '/serviceCidr',
    'a /8 service range',
    (p) => {
      p.serviceCidr = '172.0.0.0/8';
    },
  ],
  [
    'service-cidr-small',
    'warning',
    '/serviceCidr',
    'a /28 service range',
    (p) => {
      p.serviceCidr = '10.233.0.0/28';
    },
  ],
  [
    'ntp-count',
    'warning',
    '/ntpServers/4',
    'five NTP servers',
    (p) => {
      p.ntpServers = ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4', '10.0.0.5'];
    },
  ],
  [
    'dns-count',
    'warning',
    '/dnsServers/3',
    'four DNS servers (glibc uses 3)',
    (p) => {
      p.dnsServers = ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4'];
    },
  ],
  [
    'duplicate-server',
    'warning',
    '/dnsServers/1',
    'a DNS server twice',
    (p) => {
      p.dnsServers = ['10.20.0.53', '10.20.0.53'];
    },
  ],
  [
    'invalid-version',
    'error',
    '/version',
    'version 5.0',
    (p) => {
      p.version = '5.0';
    },
  ],
  [
    'unknown-product',
    'info',
    '/product',
    'a product without requirements',
    (p) => {
      p.product = 'ZStack';
      p.version = '4.7.0';
    },
  ],
];

describe('validatePlan: rule ids', () => {
  it('every rule id has a row in the table of cases, and every row names a known rule', () => {
    const covered = new Set(CASES.map((c) => c[0]));
    expect(PLAN_RULE_IDS.filter((id) => !covered.has(id))).toEqual([]);
    expect([...covered].filter((id) => !(PLAN_RULE_IDS as readonly string[]).includes(id))).toEqual(
      [],
    );
  });
});

describe('validatePlan: the sample is clean', () => {
  it('has no findings at all', () => {
    expect(validatePlan(samplePlan()).findings).toEqual([]);
    expect(validatePlan(samplePlan()).valid).toBe(true);
  });
});

describe('validatePlan: every rule, table-driven', () => {
  it.each(CASES)('%s (%s at %s): %s', (rule, severity, path, _what, mutate) => {
    const result = run(mutate);
    const hit = result.findings.find((f) => f.rule === rule && f.path === path);
    expect(hit, JSON.stringify(result.findings, null, 1)).toBeDefined();
    expect(hit?.severity).toBe(severity);
    expect(hit?.message.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(hit?.message.en).toMatch(/[a-z]/);
    expect(hit?.message.en).not.toMatch(/undefined|\[object/);
    expect(hit?.message.zh).not.toMatch(/undefined|\[object/);
    expect(result.valid).toBe(!result.findings.some((f) => f.severity === 'error'));
  });

  it('reports each clash once, at the later field', () => {
    const result = run((p) => {
      nic(p, 'dce-master-02', 'bond0').address = '10.20.30.21';
    });
    expect(result.findings.filter((f) => f.rule === 'duplicate-ip')).toHaveLength(1);
    expect(result.findings[0]?.message.en).toContain('dce-master-01');
  });
});

describe('validatePlan: negatives (what must not be flagged)', () => {
  it.each<[string, Mutation, string]>([
    [
      'several unpartitioned data disks (no mount point) on one machine',
      (p) => {
        p.machines[4]!.disks.push({ sizeGiB: 500 }, { mount: '', sizeGiB: 500, type: 'hdd' });
      },
      'duplicate-mount',
    ],
    [
      '/var and /var/lib/containerd are different mount points',
      (p) => {
        p.machines[4]!.disks.push(
          { mount: '/var', sizeGiB: 100 },
          { mount: '/var/lib/containerd', sizeGiB: 200 },
        );
      },
      'duplicate-mount',
    ],
    [
      'a /31 point-to-point link uses both addresses',
      (p) => {
        p.networks.push({ name: 'p2p', cidr: '10.30.0.0/31' });
        machine(p, 'dce-worker-01').nics.push({
          name: 'p2p0',
          network: 'p2p',
          address: '10.30.0.0',
        });
        machine(p, 'dce-worker-02').nics.push({
          name: 'p2p0',
          network: 'p2p',
          address: '10.30.0.1',
        });
      },
      'network-or-broadcast-address',
    ],
    [
      'a /32 host route network holds its one address',
      (p) => {
        p.networks.push({ name: 'lo', cidr: '10.31.0.9/32' });
        machine(p, 'dce-worker-01').nics.push({ name: 'lo1', network: 'lo', address: '10.31.0.9' });
      },
      'network-or-broadcast-address',
    ],
    [
      'the first and the last usable address are fine',
      (p) => {
        nic(p, 'dce-master-01', 'bond0').address = '10.20.30.2';
        nic(p, 'dce-master-02', 'bond0').address = '10.20.30.254';
      },
      'ip-outside-network',
    ],
    [
      'VIPs declared shared may coincide',
      (p) => {
        p.vips[0]!.shared = true;
        p.vips[1]!.shared = true;
        p.vips[1]!.address = p.vips[0]!.address;
      },
      'vip-conflict',
    ],
    [
      'two non-API VIPs on one address are not a vip-conflict',
      (p) => {
        p.vips[2]!.address = p.vips[1]!.address;
      },
      'vip-conflict',
    ],
    [
      'adjacent ranges do not overlap',
      (p) => {
        p.networks[1]!.cidr = '10.20.31.0/24';
        for (const m of p.machines) {
          const n = m.nics.find((x) => x.network === 'storage');
          if (n) n.address = n.address!.replace('10.20.40.', '10.20.31.');
        }
      },
      'cidr-overlap',
    ],
    [
      'a PoC with one control-plane node',
      (p) => {
        p.profile = 'poc';
        p.machines = p.machines.slice(0, 2);
      },
      'control-plane-count',
    ],
    [
      'a /21 pod range with /24 per node holds 8 nodes ≥ 6',
      (p) => {
        p.podCidr = '10.233.64.0/21';
      },
      'pod-cidr-too-small',
    ],
    [
      'a storage network needs no gateway',
      (p) => {
        delete p.networks[1]!.gateway;
      },
      'missing-default-gateway',
    ],
  ])('%s', (_what, mutate, rule) => {
    const result = run(mutate);
    expect(result.findings.filter((f) => f.rule === rule)).toEqual([]);
  });

  it('marks an accepted warning with its reason and keeps errors', () => {
    const plan = samplePlan();
    plan.dnsServers = [];
    plan.ntpServers = [];
    plan.acceptedWarnings = [
      {
        rule: 'missing-dns',
        path: '/dnsServers',
        reason: '客户环境不提供 DNS，使用 hosts 文件',
        acceptedBy: '王芳（客户网络组）',
      },
      {
        rule: 'missing-ntp',
        path: '/ntpServers',
        reason: 'cannot accept an error',
        acceptedBy: 'Li Lei',
      },
    ];
    const result = validatePlan(plan);
    expect(result.findings.find((f) => f.rule === 'missing-dns')?.accepted).toBe(
      '客户环境不提供 DNS，使用 hosts 文件',
    );
    expect(result.findings.find((f) => f.rule === 'missing-dns')?.acceptedBy).toBe(
      '王芳（客户网络组）',
    );
    expect(result.findings.find((f) => f.rule === 'missing-ntp')?.accepted).toBeUndefined();
    expect(result.valid).toBe(false);
  });

  it.each([
    ['no name', { acceptedBy: undefined }],
    ['a blank name', { acceptedBy: '  ' }],
    ['a blank reason', { reason: ' ' }],
  ])('does not count an acceptance with %s', (_what, change) => {
    const plan = samplePlan();
    plan.dnsServers = [];
    plan.acceptedWarnings = [
      {
        rule: 'missing-dns',
        path: '/dnsServers',
        reason: '使用 hosts',
        acceptedBy: '王芳',
        ...change,
      },
    ];
    const dns = validatePlan(plan).findings.find((f) => f.rule === 'missing-dns');
    expect(dns?.severity).toBe('warning');
    expect(dns?.accepted).toBeUndefined();
  });

  it('validates an IPv6 plan', () => {
    const plan = samplePlan();
    plan.networks[0]!.cidr = '2001:db8:30::/64';
    plan.networks[0]!.gateway = '2001:db8:30::1';
    plan.networks[1]!.cidr = '2001:db8:40::/64';
    plan.podCidr = 'fd00:10:233::/56';
    // The IPv6 per-node prefix defaults to /120 (kubespray kube_network_node_prefix_ipv6).
    delete plan.nodeCidrPrefix;
    plan.serviceCidr = 'fd00:10:96::/112';
    plan.vips.forEach((v, i) => (v.address = `2001:db8:30::${10 + i}`));
    for (const m of plan.machines) {
      for (const n of m.nics) {
        if (n.address) n.address = n.address.replace(/^10\.20\.(\d+)\./, '2001:db8:$1::');
      }
    }
    expect(validatePlan(plan).findings).toEqual([]);
    plan.podCidr = 'fd00:10:233::/120';
    expect(validatePlan(plan).findings.map((f) => f.rule)).toContain('pod-cidr-too-small');
  });
});

describe('parsePlan', () => {
  it('accepts the sample and keeps unknown fields', () => {
    const withExtra = { ...samplePlan(), owner: 'someone' };
    const r = parsePlan(withExtra);
    expect(r.ok).toBe(true);
  });
  it('names the field of a shape error', () => {
    const plan = samplePlan() as unknown as Record<string, unknown>;
    (plan['machines'] as Record<string, unknown>[])[2]!['cpu'] = '8';
    delete plan['podCidr'];
    const r = parsePlan(plan);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors.map((e) => e.field)).toEqual(expect.arrayContaining(['/machines/2/cpu']));
      expect(r.errors).toContainEqual(
        expect.objectContaining({ field: '/podCidr', message: 'is required' }),
      );
    }
  });
  it('refuses what is not an object', () => {
    expect(parsePlan([]).ok).toBe(false);
    expect(parsePlan('plan').ok).toBe(false);
  });
});
