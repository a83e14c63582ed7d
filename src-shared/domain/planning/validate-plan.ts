/**
 * Offline validation of a whole deployment plan, while it is written: the checks installers only
 * run against live hosts on site (kubespray's validate_inventory and preinstall asserts, the
 * OpenShift installer's network validation, the Assisted Installer's host validations, KubeKey's
 * prechecks), plus the ones none of them makes (gateways, bonds, VLANs, MTUs).
 *
 * Pure: the app runs it on every keystroke in the grid, the CLI and the server run the same
 * function. Every finding has a stable rule id, a severity (`error` blocks "plan ready"), the JSON
 * pointer of the field to change and a message in zh and en that says what to change. Findings
 * come in plan order (networks, cluster ranges, machines, VIPs, cluster shape, services), each
 * reported once, at the later of two clashing fields.
 */
import { BUILTIN_POLICY_PACKS } from '../../policy';
import type { Localized, PlanningRequirements, PolicyPack } from '../../policy/types';
import type { Cidr, IpAddress } from './ip';
import {
  contains,
  familyBits,
  formatCidr,
  formatIp,
  isNetworkOrBroadcast,
  lastAddress,
  overlaps,
  parseCidr,
  parseIp,
  size,
} from './ip';
import type {
  FindingSeverity,
  Plan,
  PlanFinding,
  PlanMachine,
  PlanNetwork,
  PlanValidation,
} from './plan';
import { BOND_MODES, MACHINE_ROLES } from './plan';

/** Every rule id the validator reports (stable: accepted warnings and the UI refer to them). */
export const PLAN_RULE_IDS = [
  'bond-member-configured',
  'bond-member-reused',
  'bond-mode-unknown',
  'bond-single-member',
  'bootstrap-count',
  'cidr-host-bits',
  'cidr-overlap',
  'control-plane-count',
  'dns-count',
  'duplicate-hostname',
  'duplicate-ip',
  'duplicate-mount',
  'duplicate-network-name',
  'duplicate-nic-name',
  'duplicate-server',
  'duplicate-vip-role',
  'duplicate-vlan',
  'etcd-count-even',
  'gateway-conflict',
  'gateway-outside-network',
  'invalid-address',
  'invalid-cidr',
  'invalid-hostname',
  'invalid-mount',
  'invalid-version',
  'ip-outside-network',
  'machine-without-address',
  'missing-address',
  'missing-bootstrap',
  'missing-default-gateway',
  'missing-dns',
  'missing-ntp',
  'missing-role',
  'missing-vip',
  'mtu-mismatch',
  'mtu-out-of-range',
  'multiple-default-gateways',
  'network-or-broadcast-address',
  'no-worker',
  'ntp-count',
  'pod-cidr-too-small',
  'service-cidr-small',
  'service-cidr-too-large',
  'undersized-node',
  'unknown-network',
  'unknown-product',
  'unknown-role',
  'vip-conflict',
  'vip-outside-network',
  'vlan-out-of-range',
] as const;

export interface ValidatePlanOptions {
  /** Product requirements to size nodes against; default: the built-in packs' entry for the plan's product and major version. */
  requirements?: PlanningRequirements | null;
  packs?: readonly PolicyPack[];
}

/** The planning requirements of `product` at major version `major`, from `packs`. */
export function planningRequirementsFor(
  product: string,
  version: string,
  packs: readonly PolicyPack[] = BUILTIN_POLICY_PACKS,
): PlanningRequirements | null {
  const major = Number(/^(\d+)\./.exec(version)?.[1]);
  for (const pack of packs) {
    for (const r of pack.planning ?? []) {
      if (r.product.toLowerCase() === product.toLowerCase() && r.majors.includes(major)) return r;
    }
  }
  return null;
}

const m = (zh: string, en: string): Localized => ({ zh, en });

/** RFC 6901: `~` → `~0`, `/` → `~1`. Paths here are built from indexes and fixed keys. */
function ptr(...parts: (string | number)[]): string {
  return parts.map((p) => `/${String(p).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

// RFC 1123 §2.1 host name labels, lower case because Kubernetes node names (RFC 1123 DNS
// subdomains) must be; kubespray uses the inventory name as the node name.
const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const HOST_NAME =
  /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const VERSION = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

interface Owner {
  path: string;
  label: Localized;
}

function machineName(machine: PlanMachine, index: number): string {
  return typeof machine.hostname === 'string' && machine.hostname !== ''
    ? machine.hostname
    : `#${index + 1}`;
}

function hasRole(machine: PlanMachine, role: string): boolean {
  return Array.isArray(machine.roles) && machine.roles.includes(role);
}

function isBondMode(mode: string): boolean {
  return (BOND_MODES as readonly string[]).includes(mode) || /^[0-6]$/.test(mode);
}

/** A mount point as fstab(5) takes it: an absolute path, no blanks or control characters. */
export function isMountPoint(text: string): boolean {
  // \s covers blanks; \p{Cc} the control characters (tab, newline, NUL…).
  return /^\/[^\s\p{Cc}]*$/u.test(text) && text.length <= 500;
}

/** `/data/` and `/data` are the same mount point. */
export function normalMount(text: string): string {
  return text.length > 1 ? text.replace(/\/+$/, '') || '/' : text;
}

/** A server entry (NTP, DNS) is an address or a host name. */
function isServerName(text: string): boolean {
  return parseIp(text) !== null || (text.length <= 253 && HOST_NAME.test(text));
}

export function validatePlan(plan: Plan, options: ValidatePlanOptions = {}): PlanValidation {
  const findings: PlanFinding[] = [];
  const add = (rule: string, severity: FindingSeverity, path: string, message: Localized): void => {
    findings.push({ rule, severity, path, message });
  };
  const requirements =
    options.requirements !== undefined
      ? options.requirements
      : planningRequirementsFor(plan.product, plan.version, options.packs);
  const profile = plan.profile === 'poc' ? 'poc' : 'production';
  const profileReq = requirements?.profiles[profile] ?? null;

  // --- product -------------------------------------------------------------------------------
  if (!VERSION.test(plan.version)) {
    add(
      'invalid-version',
      'error',
      '/version',
      m(
        `版本“${plan.version}”不是 x.y.z 形式，请填写产品的完整版本号，例如 5.0.3。`,
        `Version "${plan.version}" is not of the form x.y.z: give the product's full version, e.g. 5.0.3.`,
      ),
    );
  } else if (requirements === null) {
    add(
      'unknown-product',
      'info',
      '/product',
      m(
        `策略包中没有 ${plan.product} ${plan.version} 的部署要求：节点规格未检查。`,
        `The policy packs hold no deployment requirements for ${plan.product} ${plan.version}: node sizes were not checked.`,
      ),
    );
  }

  // --- networks ------------------------------------------------------------------------------
  const networks = new Map<string, { index: number; net: PlanNetwork; cidr: Cidr | null }>();
  const parsedNetworks: { index: number; cidr: Cidr }[] = [];
  const vlans = new Map<number, number>();
  plan.networks.forEach((net, i) => {
    const base = ptr('networks', i);
    if (networks.has(net.name)) {
      add(
        'duplicate-network-name',
        'error',
        `${base}/name`,
        m(
          `网络名称“${net.name}”重复：每个网络需要唯一的名称，网卡按名称引用网络。`,
          `Network name "${net.name}" is used twice: each network needs a unique name, NICs refer to networks by name.`,
        ),
      );
    }
    const cidr = parseCidr(net.cidr);
    if (!networks.has(net.name)) networks.set(net.name, { index: i, net, cidr });
    if (cidr === null) {
      add(
        'invalid-cidr',
        'error',
        `${base}/cidr`,
        m(
          `网络“${net.name}”的网段“${net.cidr}”不是有效的 CIDR，请写成 地址/前缀长度，例如 10.20.0.0/24。`,
          `Network "${net.name}": "${net.cidr}" is not a valid CIDR; write address/prefix, e.g. 10.20.0.0/24.`,
        ),
      );
    } else {
      if (cidr.hostBitsSet) {
        add(
          'cidr-host-bits',
          'warning',
          `${base}/cidr`,
          m(
            `网络“${net.name}”的网段“${net.cidr}”含主机位，网络地址应为 ${formatCidr(cidr)}。`,
            `Network "${net.name}": "${net.cidr}" has host bits set; the network is ${formatCidr(cidr)}.`,
          ),
        );
      }
      // Kubernetes cluster networking: node, pod and service ranges must not overlap; two machine
      // networks that overlap make routing ambiguous on every host that has both.
      const clash = parsedNetworks.find((p) => overlaps(p.cidr, cidr));
      if (clash) {
        const other = plan.networks[clash.index];
        add(
          'cidr-overlap',
          'error',
          `${base}/cidr`,
          m(
            `网络“${net.name}”（${formatCidr(cidr)}）与网络“${other?.name ?? ''}”（${formatCidr(clash.cidr)}）重叠，请改用不重叠的网段。`,
            `Network "${net.name}" (${formatCidr(cidr)}) overlaps network "${other?.name ?? ''}" (${formatCidr(clash.cidr)}): use ranges that do not overlap.`,
          ),
        );
      }
      parsedNetworks.push({ index: i, cidr });
    }
    if (net.gateway !== undefined && net.gateway !== '') {
      const gw = parseIp(net.gateway);
      if (gw === null) {
        add(
          'invalid-address',
          'error',
          `${base}/gateway`,
          m(
            `网络“${net.name}”的网关“${net.gateway}”不是有效的 IP 地址。`,
            `Network "${net.name}": gateway "${net.gateway}" is not a valid IP address.`,
          ),
        );
      } else if (cidr !== null && !contains(cidr, gw)) {
        add(
          'gateway-outside-network',
          'error',
          `${base}/gateway`,
          m(
            `网络“${net.name}”的网关 ${net.gateway} 不在网段 ${formatCidr(cidr)} 内，主机无法到达它：请改为网段内的地址。`,
            `Network "${net.name}": gateway ${net.gateway} is outside ${formatCidr(cidr)}, so hosts cannot reach it: use an address inside the network.`,
          ),
        );
      } else if (cidr !== null && isNetworkOrBroadcast(cidr, gw)) {
        add(
          'network-or-broadcast-address',
          'error',
          `${base}/gateway`,
          m(
            `网络“${net.name}”的网关 ${net.gateway} 是网段 ${formatCidr(cidr)} 的网络地址或广播地址，不能分配给设备。`,
            `Network "${net.name}": gateway ${net.gateway} is the network or broadcast address of ${formatCidr(cidr)} and cannot be assigned.`,
          ),
        );
      }
    }
    if (net.vlan !== undefined) {
      // IEEE 802.1Q: VLAN ids 0 and 4095 are reserved.
      if (!Number.isInteger(net.vlan) || net.vlan < 1 || net.vlan > 4094) {
        add(
          'vlan-out-of-range',
          'error',
          `${base}/vlan`,
          m(
            `网络“${net.name}”的 VLAN ${String(net.vlan)} 无效：VLAN ID 取 1–4094（IEEE 802.1Q）。`,
            `Network "${net.name}": VLAN ${String(net.vlan)} is invalid; VLAN ids are 1–4094 (IEEE 802.1Q).`,
          ),
        );
      } else if (vlans.has(net.vlan)) {
        const other = plan.networks[vlans.get(net.vlan) ?? 0];
        add(
          'duplicate-vlan',
          'warning',
          `${base}/vlan`,
          m(
            `网络“${net.name}”与“${other?.name ?? ''}”使用同一 VLAN ${net.vlan}：同一二层网络上的两个网段通常是填写错误，请核对。`,
            `Networks "${net.name}" and "${other?.name ?? ''}" share VLAN ${net.vlan}: two subnets on one layer-2 segment are usually a typo; check.`,
          ),
        );
      } else {
        vlans.set(net.vlan, i);
      }
    }
    if (net.mtu !== undefined) checkMtu(net.mtu, `${base}/mtu`, `“${net.name}”`, `"${net.name}"`);
  });

  function checkMtu(mtu: number, path: string, zhName: string, enName: string): void {
    // RFC 791: every IPv4 link carries 68 bytes; 9216 is the largest jumbo frame switches take.
    if (!Number.isInteger(mtu) || mtu < 68 || mtu > 9216) {
      add(
        'mtu-out-of-range',
        'error',
        path,
        m(
          `${zhName} 的 MTU ${String(mtu)} 无效：取 68–9216（常用 1500，巨型帧 9000）。`,
          `${enName}: MTU ${String(mtu)} is invalid; use 68–9216 (usually 1500, jumbo frames 9000).`,
        ),
      );
    }
  }

  // --- cluster ranges ------------------------------------------------------------------------
  const clusterRange = (field: 'podCidr' | 'serviceCidr', zh: string, en: string): Cidr | null => {
    const text = plan[field];
    const cidr = parseCidr(text);
    if (cidr === null) {
      add(
        'invalid-cidr',
        'error',
        ptr(field),
        m(
          `${zh}“${text}”不是有效的 CIDR${requirements ? `（产品默认 ${field === 'podCidr' ? requirements.defaultPodCidr : requirements.defaultServiceCidr}）` : ''}。`,
          `${en} "${text}" is not a valid CIDR${requirements ? ` (the product's default is ${field === 'podCidr' ? requirements.defaultPodCidr : requirements.defaultServiceCidr})` : ''}.`,
        ),
      );
      return null;
    }
    for (const p of parsedNetworks) {
      if (overlaps(p.cidr, cidr)) {
        const net = plan.networks[p.index];
        add(
          'cidr-overlap',
          'error',
          ptr(field),
          m(
            `${zh} ${formatCidr(cidr)} 与主机网络“${net?.name ?? ''}”（${formatCidr(p.cidr)}）重叠：Pod、Service 与主机网段不得重叠，请另选网段。`,
            `${en} ${formatCidr(cidr)} overlaps machine network "${net?.name ?? ''}" (${formatCidr(p.cidr)}): pod, service and machine networks must not overlap; choose another range.`,
          ),
        );
      }
    }
    return cidr;
  };
  const pod = clusterRange('podCidr', 'Pod 网段', 'The pod CIDR');
  const service = clusterRange('serviceCidr', 'Service 网段', 'The service CIDR');
  if (pod && service && overlaps(pod, service)) {
    add(
      'cidr-overlap',
      'error',
      '/serviceCidr',
      m(
        `Service 网段 ${formatCidr(service)} 与 Pod 网段 ${formatCidr(pod)} 重叠，请另选网段。`,
        `The service CIDR ${formatCidr(service)} overlaps the pod CIDR ${formatCidr(pod)}: choose another range.`,
      ),
    );
  }
  if (service) {
    // kube-apiserver refuses a --service-cluster-ip-range larger than /12 (IPv4) or /108 (IPv6).
    const largest = service.family === 4 ? 12 : 108;
    if (service.prefix < largest) {
      add(
        'service-cidr-too-large',
        'error',
        '/serviceCidr',
        m(
          `Service 网段 ${formatCidr(service)} 过大：kube-apiserver 最多接受 /${largest}。`,
          `The service CIDR ${formatCidr(service)} is too large: kube-apiserver accepts at most /${largest}.`,
        ),
      );
    }
  }

  // --- machines ------------------------------------------------------------------------------
  const hostnames = new Map<string, number>();
  const addresses = new Map<string, Owner>();
  const kubeNodes = plan.machines.filter(
    (mc) => hasRole(mc, 'control-plane') || hasRole(mc, 'worker'),
  ).length;
  const claim = (a: IpAddress, owner: Owner): Owner | null => {
    const key = `${a.family}:${a.value.toString(16)}`;
    const first = addresses.get(key);
    if (first) return first;
    addresses.set(key, owner);
    return null;
  };
  const gatewayOf = (net: PlanNetwork): IpAddress | null =>
    net.gateway ? parseIp(net.gateway) : null;

  plan.machines.forEach((machine, mi) => {
    const base = ptr('machines', mi);
    const name = machineName(machine, mi);
    const lower = machine.hostname.toLowerCase();
    if (!machine.hostname.split('.').every((label) => LABEL.test(label)) || lower.length > 253) {
      add(
        'invalid-hostname',
        'error',
        `${base}/hostname`,
        m(
          `主机名“${machine.hostname}”无效：只能用小写字母、数字和连字符（RFC 1123），首尾为字母或数字，每段不超过 63 个字符。`,
          `Host name "${machine.hostname}" is invalid: use lower-case letters, digits and hyphens (RFC 1123), starting and ending with a letter or digit, at most 63 characters per label.`,
        ),
      );
    }
    const previous = hostnames.get(lower);
    if (previous !== undefined) {
      add(
        'duplicate-hostname',
        'error',
        `${base}/hostname`,
        m(
          `主机名“${machine.hostname}”与第 ${previous + 1} 台机器重复：Kubernetes 节点名必须唯一。`,
          `Host name "${machine.hostname}" repeats machine ${previous + 1}: Kubernetes node names must be unique.`,
        ),
      );
    } else {
      hostnames.set(lower, mi);
    }

    // Roles.
    if (machine.roles.length === 0) {
      add(
        'missing-role',
        'error',
        `${base}/roles`,
        m(
          `机器 ${name} 没有角色：请至少指定一个（火种、控制面、etcd、工作节点……）。`,
          `Machine ${name} has no role: give at least one (bootstrap, control-plane, etcd, worker, …).`,
        ),
      );
    }
    machine.roles.forEach((role, ri) => {
      if (!(MACHINE_ROLES as readonly string[]).includes(role)) {
        add(
          'unknown-role',
          'error',
          `${base}/roles/${ri}`,
          m(
            `机器 ${name} 的角色“${role}”未知；可用：${MACHINE_ROLES.join('、')}。`,
            `Machine ${name}: unknown role "${role}"; known roles: ${MACHINE_ROLES.join(', ')}.`,
          ),
        );
      }
    });

    // Disks: a mount point is an absolute path (fstab(5): the second field, no blanks), and a
    // machine cannot mount two disks at one path (the second mount hides the first).
    const mounts = new Map<string, number>();
    machine.disks.forEach((disk, di) => {
      const mount = typeof disk.mount === 'string' ? disk.mount : '';
      if (mount === '') return;
      if (!isMountPoint(mount)) {
        add(
          'invalid-mount',
          'error',
          `${base}/disks/${di}/mount`,
          m(
            `机器 ${name} 第 ${di + 1} 块盘的挂载点“${mount}”无效：应为以 / 开头、不含空格的绝对路径；未分区的数据盘留空。`,
            `Machine ${name}, disk ${di + 1}: mount point "${mount}" is invalid: use an absolute path starting with / and without blanks; leave it empty for an unpartitioned data disk.`,
          ),
        );
        return;
      }
      const key = normalMount(mount);
      const first = mounts.get(key);
      if (first !== undefined) {
        add(
          'duplicate-mount',
          'error',
          `${base}/disks/${di}/mount`,
          m(
            `机器 ${name} 第 ${di + 1} 块盘与第 ${first + 1} 块盘都挂载到 ${key}：请改用不同的挂载点。`,
            `Machine ${name}: disks ${first + 1} and ${di + 1} are both mounted at ${key}; give each its own mount point.`,
          ),
        );
      } else {
        mounts.set(key, di);
      }
    });

    // Sizes against the product's minimums (the largest figure of each of its roles).
    if (profileReq && requirements) {
      const minimums = machine.roles
        .map((r) => profileReq.roles[r])
        .filter((x): x is NonNullable<typeof x> => x !== undefined);
      if (minimums.length > 0) {
        const need = {
          cpu: Math.max(...minimums.map((x) => x.cpu)),
          memoryGiB: Math.max(...minimums.map((x) => x.memoryGiB)),
          systemDiskGiB: Math.max(...minimums.map((x) => x.systemDiskGiB)),
          dataDiskGiB: Math.max(...minimums.map((x) => x.dataDiskGiB ?? 0)),
        };
        const systemDisk = machine.disks.find((d) => d.mount === '/');
        const dataDisks = machine.disks
          .filter((d) => d.mount === undefined || d.mount === '')
          .reduce((sum, d) => sum + d.sizeGiB, 0);
        const short: { zh: string; en: string; path: string }[] = [];
        if (machine.cpu < need.cpu)
          short.push({
            zh: `CPU ${machine.cpu} 核 < ${need.cpu} 核`,
            en: `CPU ${machine.cpu} cores < ${need.cpu}`,
            path: `${base}/cpu`,
          });
        if (machine.memoryGiB < need.memoryGiB)
          short.push({
            zh: `内存 ${machine.memoryGiB} GiB < ${need.memoryGiB} GiB`,
            en: `memory ${machine.memoryGiB} GiB < ${need.memoryGiB} GiB`,
            path: `${base}/memoryGiB`,
          });
        if (!systemDisk) {
          short.push({
            zh: `没有系统盘（挂载点 /，至少 ${need.systemDiskGiB} GiB）`,
            en: `no system disk (mount /, at least ${need.systemDiskGiB} GiB)`,
            path: `${base}/disks`,
          });
        } else if (systemDisk.sizeGiB < need.systemDiskGiB) {
          short.push({
            zh: `系统盘 ${systemDisk.sizeGiB} GiB < ${need.systemDiskGiB} GiB`,
            en: `system disk ${systemDisk.sizeGiB} GiB < ${need.systemDiskGiB} GiB`,
            path: `${base}/disks/${machine.disks.indexOf(systemDisk)}/sizeGiB`,
          });
        }
        if (dataDisks < need.dataDiskGiB)
          short.push({
            zh: `未分区数据盘共 ${dataDisks} GiB < ${need.dataDiskGiB} GiB`,
            en: `unpartitioned data disks ${dataDisks} GiB < ${need.dataDiskGiB} GiB`,
            path: `${base}/disks`,
          });
        for (const s of short) {
          add(
            'undersized-node',
            'error',
            s.path,
            m(
              `机器 ${name}（${machine.roles.join('、')}）低于产品最低要求：${s.zh}。来源：${requirements.source.zh}。`,
              `Machine ${name} (${machine.roles.join(', ')}) is below the product's minimum: ${s.en}. Source: ${requirements.source.en}.`,
            ),
          );
        }
      }
    }

    // NICs.
    const nicNames = new Map<string, number>();
    const bondMembers = new Map<string, number>();
    let routed = 0;
    let addressed = 0;
    machine.nics.forEach((nic, ni) => {
      const nbase = `${base}/nics/${ni}`;
      const where = { zh: `${name} 的网卡 ${nic.name}`, en: `${name} NIC ${nic.name}` };
      if (nicNames.has(nic.name)) {
        add(
          'duplicate-nic-name',
          'error',
          `${nbase}/name`,
          m(`${where.zh} 名称重复。`, `${where.en}: the name is used twice on this machine.`),
        );
      } else {
        nicNames.set(nic.name, ni);
      }
      const hasAddress = nic.address !== undefined && nic.address !== '';
      const hasNetwork = nic.network !== undefined && nic.network !== '';
      let net: PlanNetwork | null = null;
      let cidr: Cidr | null = null;
      if (hasNetwork) {
        const entry = networks.get(nic.network ?? '');
        if (!entry) {
          add(
            'unknown-network',
            'error',
            `${nbase}/network`,
            m(
              `${where.zh} 引用的网络“${nic.network ?? ''}”不存在；已有：${[...networks.keys()].join('、') || '（无）'}。`,
              `${where.en} refers to network "${nic.network ?? ''}", which does not exist; known: ${[...networks.keys()].join(', ') || '(none)'}.`,
            ),
          );
        } else {
          net = entry.net;
          cidr = entry.cidr;
        }
      } else if (hasAddress) {
        add(
          'unknown-network',
          'error',
          `${nbase}/network`,
          m(
            `${where.zh} 有地址 ${nic.address ?? ''} 但没有指定网络：请选择它所在的网络。`,
            `${where.en} has address ${nic.address ?? ''} but no network: choose the network it is on.`,
          ),
        );
      }
      if (hasNetwork && !hasAddress && !nic.bond) {
        add(
          'missing-address',
          'error',
          `${nbase}/address`,
          m(
            `${where.zh} 接入网络“${nic.network ?? ''}”但没有地址。`,
            `${where.en} is on network "${nic.network ?? ''}" but has no address.`,
          ),
        );
      }
      if (hasAddress) {
        const a = parseIp(nic.address ?? '');
        if (a === null) {
          add(
            'invalid-address',
            'error',
            `${nbase}/address`,
            m(
              `${where.zh} 的地址“${nic.address ?? ''}”不是有效的 IP 地址（不带前缀长度）。`,
              `${where.en}: "${nic.address ?? ''}" is not a valid IP address (no prefix length).`,
            ),
          );
        } else {
          addressed++;
          if (cidr && net) {
            if (!contains(cidr, a)) {
              add(
                'ip-outside-network',
                'error',
                `${nbase}/address`,
                m(
                  `${where.zh} 的地址 ${nic.address ?? ''} 不在网络“${net.name}”（${formatCidr(cidr)}，可用 ${formatIp(cidr.family, firstHost(cidr))}–${formatIp(cidr.family, lastHost(cidr))}）内。`,
                  `${where.en}: ${nic.address ?? ''} is outside network "${net.name}" (${formatCidr(cidr)}, usable ${formatIp(cidr.family, firstHost(cidr))}–${formatIp(cidr.family, lastHost(cidr))}).`,
                ),
              );
            } else if (isNetworkOrBroadcast(cidr, a)) {
              add(
                'network-or-broadcast-address',
                'error',
                `${nbase}/address`,
                m(
                  `${where.zh} 的地址 ${nic.address ?? ''} 是 ${formatCidr(cidr)} 的网络地址或广播地址，不能分配给主机。`,
                  `${where.en}: ${nic.address ?? ''} is the network or broadcast address of ${formatCidr(cidr)} and cannot be a host's.`,
                ),
              );
            } else {
              const gw = gatewayOf(net);
              if (gw && gw.family === a.family && gw.value === a.value) {
                add(
                  'gateway-conflict',
                  'error',
                  `${nbase}/address`,
                  m(
                    `${where.zh} 的地址 ${nic.address ?? ''} 就是网络“${net.name}”的网关地址，请换一个地址。`,
                    `${where.en}: ${nic.address ?? ''} is the gateway of network "${net.name}": use another address.`,
                  ),
                );
              }
            }
            if (gatewayOf(net)) routed++;
          }
          const first = claim(a, { path: `${nbase}/address`, label: where });
          if (first) {
            add(
              'duplicate-ip',
              'error',
              `${nbase}/address`,
              m(
                `${where.zh} 的地址 ${nic.address ?? ''} 已分配给 ${first.label.zh}：每个地址只能用一次。`,
                `${where.en}: ${nic.address ?? ''} is already assigned to ${first.label.en}: each address can be used once.`,
              ),
            );
          }
        }
      }
      const nicMtu = nic.mtu ?? net?.mtu;
      if (nic.mtu !== undefined) checkMtu(nic.mtu, `${nbase}/mtu`, where.zh, where.en);
      if (net?.mtu !== undefined && nic.mtu !== undefined && nic.mtu !== net.mtu) {
        add(
          'mtu-mismatch',
          'error',
          `${nbase}/mtu`,
          m(
            `${where.zh} 的 MTU ${nic.mtu} 与网络“${net.name}”的 MTU ${net.mtu} 不一致：大包会被丢弃，请统一。`,
            `${where.en}: MTU ${nic.mtu} differs from network "${net.name}" MTU ${net.mtu}: large packets are dropped; make them equal.`,
          ),
        );
      }
      if (nic.bond) {
        if (!isBondMode(nic.bond.mode)) {
          add(
            'bond-mode-unknown',
            'error',
            `${nbase}/bond/mode`,
            m(
              `${where.zh} 的绑定模式“${nic.bond.mode}”未知；可用：${BOND_MODES.join('、')}（或 0–6）。`,
              `${where.en}: bonding mode "${nic.bond.mode}" is unknown; use one of ${BOND_MODES.join(', ')} (or 0–6).`,
            ),
          );
        }
        if (nic.bond.members.length < 2) {
          add(
            'bond-single-member',
            'warning',
            `${nbase}/bond/members`,
            m(
              `${where.zh} 的绑定只有 ${nic.bond.members.length} 个成员：没有链路冗余。`,
              `${where.en}: the bond has ${nic.bond.members.length} member(s), so there is no link redundancy.`,
            ),
          );
        }
        nic.bond.members.forEach((member, bi) => {
          const mpath = `${nbase}/bond/members/${bi}`;
          const earlier = bondMembers.get(member);
          if (earlier !== undefined) {
            add(
              'bond-member-reused',
              'error',
              mpath,
              m(
                `${name} 的网口 ${member} 同时属于两个绑定（另一个是 ${machine.nics[earlier]?.name ?? ''}）。`,
                `${name}: port ${member} is a member of two bonds (the other is ${machine.nics[earlier]?.name ?? ''}).`,
              ),
            );
          } else {
            bondMembers.set(member, ni);
          }
          if (member === nic.name) {
            add(
              'bond-member-reused',
              'error',
              mpath,
              m(`${where.zh} 把自己列为成员。`, `${where.en} lists itself as a member.`),
            );
          }
        });
        // Member MTUs (kernel bonding: a member's MTU follows the bond's; a switch port or an
        // interface configured otherwise drops jumbo frames).
        if (nicMtu !== undefined) {
          for (const member of nic.bond.members) {
            const mi2 = machine.nics.findIndex((n) => n.name === member);
            const port = machine.nics[mi2];
            if (port?.mtu !== undefined && port.mtu !== nicMtu) {
              add(
                'mtu-mismatch',
                'error',
                `${base}/nics/${mi2}/mtu`,
                m(
                  `${name} 的绑定成员 ${member} 的 MTU ${port.mtu} 与绑定 ${nic.name} 的 MTU ${nicMtu} 不一致。`,
                  `${name}: bond member ${member} has MTU ${port.mtu}, the bond ${nic.name} has ${nicMtu}.`,
                ),
              );
            }
          }
        }
      }
    });
    // A bond member carries no address of its own (checked after all NICs are read).
    machine.nics.forEach((nic, ni) => {
      if (bondMembers.has(nic.name) && (nic.address || nic.network)) {
        add(
          'bond-member-configured',
          'error',
          `${base}/nics/${ni}/${nic.address ? 'address' : 'network'}`,
          m(
            `${name} 的网口 ${nic.name} 是绑定成员，不能再配置网络或地址：地址配置在绑定接口上。`,
            `${name}: port ${nic.name} is a bond member and cannot have its own network or address: configure them on the bond.`,
          ),
        );
      }
    });
    if (addressed === 0) {
      add(
        'machine-without-address',
        'error',
        `${base}/nics`,
        m(
          `机器 ${name} 没有任何地址：安装程序无法连接它。`,
          `Machine ${name} has no address: the installer cannot reach it.`,
        ),
      );
    } else if (routed === 0) {
      // DCE 5 deployment requirements: "服务器有 default 或指向 0.0.0.0 这个地址的路由"; kubelet and
      // kube-proxy pick the node address from the default route.
      add(
        'missing-default-gateway',
        'error',
        `${base}/nics`,
        m(
          `机器 ${name} 没有默认网关：它的网卡所在的网络都没有网关。请为业务/管理网络填写网关。`,
          `Machine ${name} has no default gateway: none of its NICs is on a network with a gateway. Give the management network a gateway.`,
        ),
      );
    } else if (routed > 1) {
      add(
        'multiple-default-gateways',
        'warning',
        `${base}/nics`,
        m(
          `机器 ${name} 有 ${routed} 个带网关的网卡：只有一个可以承载默认路由，其余需要静态路由，否则会出现非对称路由。`,
          `Machine ${name} has ${routed} NICs on networks with gateways: only one can carry the default route; the others need static routes, or routing becomes asymmetric.`,
        ),
      );
    }
  });

  // --- VIPs ------------------------------------------------------------------------------------
  const vipRoles = new Map<string, number>();
  const vipValues: { index: number; a: IpAddress }[] = [];
  plan.vips.forEach((vip, vi) => {
    const path = ptr('vips', vi, 'address');
    const label = { zh: `VIP（${vip.role}）`, en: `the ${vip.role} VIP` };
    if (vipRoles.has(vip.role)) {
      add(
        'duplicate-vip-role',
        'error',
        ptr('vips', vi, 'role'),
        m(`VIP 角色“${vip.role}”出现了两次。`, `VIP role "${vip.role}" appears twice.`),
      );
    } else {
      vipRoles.set(vip.role, vi);
    }
    const a = parseIp(vip.address);
    if (a === null) {
      add(
        'invalid-address',
        'error',
        path,
        m(
          `${label.zh} 的地址“${vip.address}”不是有效的 IP 地址。`,
          `${label.en}: "${vip.address}" is not a valid IP address.`,
        ),
      );
      return;
    }
    const home = parsedNetworks.find((p) => contains(p.cidr, a));
    if (!home) {
      add(
        'vip-outside-network',
        'error',
        path,
        m(
          `${label.zh} ${vip.address} 不在任何主机网络内：VIP 必须与节点在同一网段，才能通过 ARP/VRRP 漂移。`,
          `${label.en} ${vip.address} is outside every machine network: a VIP must be on the nodes' subnet to move between them (ARP/VRRP).`,
        ),
      );
    } else {
      const net = plan.networks[home.index];
      if (isNetworkOrBroadcast(home.cidr, a)) {
        add(
          'network-or-broadcast-address',
          'error',
          path,
          m(
            `${label.zh} ${vip.address} 是 ${formatCidr(home.cidr)} 的网络地址或广播地址。`,
            `${label.en} ${vip.address} is the network or broadcast address of ${formatCidr(home.cidr)}.`,
          ),
        );
      } else if (net) {
        const gw = gatewayOf(net);
        if (gw && gw.family === a.family && gw.value === a.value) {
          add(
            'gateway-conflict',
            'error',
            path,
            m(
              `${label.zh} ${vip.address} 就是网络“${net.name}”的网关地址。`,
              `${label.en} ${vip.address} is the gateway of network "${net.name}".`,
            ),
          );
        }
      }
    }
    for (const range of [pod, service]) {
      if (range && contains(range, a)) {
        add(
          'cidr-overlap',
          'error',
          path,
          m(
            `${label.zh} ${vip.address} 落在集群网段 ${formatCidr(range)} 内。`,
            `${label.en} ${vip.address} lies inside the cluster range ${formatCidr(range)}.`,
          ),
        );
      }
    }
    // The API VIP must be its own address: kube-vip/keepalived for the API server and the
    // ingress load balancer announce their VIPs independently.
    const sameVip = vipValues.find((v) => v.a.family === a.family && v.a.value === a.value);
    if (sameVip) {
      const other = plan.vips[sameVip.index];
      const bothShared = vip.shared === true && other?.shared === true;
      if (!bothShared && (vip.role === 'api' || other?.role === 'api')) {
        add(
          'vip-conflict',
          'error',
          path,
          m(
            `${label.zh} ${vip.address} 与 VIP（${other?.role ?? ''}）相同：API VIP 必须独占一个地址；若确为共享，请两者都标记为共享。`,
            `${label.en} ${vip.address} equals the ${other?.role ?? ''} VIP: the API VIP needs its own address; if sharing is intended, mark both as shared.`,
          ),
        );
        vipValues.push({ index: vi, a });
        return;
      }
    }
    vipValues.push({ index: vi, a });
    if (vip.shared === true) return;
    const first = claim(a, { path, label });
    if (first) {
      add(
        'duplicate-ip',
        'error',
        path,
        m(
          `${label.zh} ${vip.address} 已分配给 ${first.label.zh}：VIP 不能与主机地址相同（若确为共享，请标记为共享）。`,
          `${label.en} ${vip.address} is already assigned to ${first.label.en}: a VIP cannot equal a host address (mark it shared if that is intended).`,
        ),
      );
    }
  });

  // --- cluster shape ---------------------------------------------------------------------------
  const controlPlane = plan.machines.filter((mc) => hasRole(mc, 'control-plane')).length;
  const minControlPlane = profileReq?.minControlPlane ?? (profile === 'production' ? 3 : 1);
  if (profile === 'production' && (controlPlane < minControlPlane || controlPlane % 2 === 0)) {
    add(
      'control-plane-count',
      'error',
      '/machines',
      m(
        `生产环境需要至少 ${minControlPlane} 个且为奇数的控制面节点，当前 ${controlPlane} 个：etcd 要多数派存活才能写入。`,
        `Production needs an odd number of at least ${minControlPlane} control-plane nodes; the plan has ${controlPlane}: etcd needs a live majority to accept writes.`,
      ),
    );
  } else if (profile === 'poc' && controlPlane < minControlPlane) {
    add(
      'control-plane-count',
      'error',
      '/machines',
      m(
        `至少需要 ${minControlPlane} 个控制面节点，当前 ${controlPlane} 个。`,
        `At least ${minControlPlane} control-plane node(s) are needed; the plan has ${controlPlane}.`,
      ),
    );
  }
  // kubespray validate_inventory: "Stop if even number of etcd hosts". etcd runs stacked on the
  // control plane unless machines carry the etcd role.
  const explicitEtcd = plan.machines.filter((mc) => hasRole(mc, 'etcd')).length;
  const etcd = explicitEtcd > 0 ? explicitEtcd : controlPlane;
  if (etcd > 0 && etcd % 2 === 0) {
    add(
      'etcd-count-even',
      'error',
      '/machines',
      m(
        `etcd 成员数为偶数（${etcd}）：偶数不提高容错，反而增加脑裂风险，请改为奇数（1、3、5）。`,
        `The etcd member count is even (${etcd}): an even count adds no fault tolerance and risks split votes; use an odd number (1, 3, 5).`,
      ),
    );
  }
  const bootstrap = plan.machines.filter((mc) => hasRole(mc, 'bootstrap')).length;
  if (requirements && bootstrap === 0) {
    add(
      'missing-bootstrap',
      'warning',
      '/machines',
      m(
        '计划中没有火种节点：DCE 5 安装程序在火种节点上运行，并提供镜像仓库和 chart museum。',
        'The plan has no bootstrap node: the DCE 5 installer runs on it and it serves the image registry and chart museum.',
      ),
    );
  } else if (bootstrap > 1) {
    add(
      'bootstrap-count',
      'warning',
      '/machines',
      m(
        `计划中有 ${bootstrap} 个火种节点，安装只使用一个。`,
        `The plan has ${bootstrap} bootstrap nodes; the installation uses one.`,
      ),
    );
  }
  if (profile === 'production' && requirements && controlPlane > 0 && kubeNodes === controlPlane) {
    add(
      'no-worker',
      'warning',
      '/machines',
      m(
        '生产环境没有工作节点：DCE 5 的 7 节点模式用 3 个工作节点单独运行日志组件（Elasticsearch）。',
        'Production has no worker nodes: the DCE 5 7-node mode runs the logging components (Elasticsearch) on 3 dedicated workers.',
      ),
    );
  }
  for (const role of profileReq?.requiredVipRoles ?? []) {
    if (!vipRoles.has(role)) {
      add(
        'missing-vip',
        'warning',
        '/vips',
        m(
          `缺少 ${role} VIP：${role === 'ingress' ? 'DCE 的 istioGatewayVip（界面和 OpenAPI 入口）' : role === 'api' ? '多控制面时 kube-apiserver 需要一个 VIP' : '产品需要它'}。`,
          `No ${role} VIP: ${role === 'ingress' ? "DCE's istioGatewayVip (the UI and OpenAPI entry)" : role === 'api' ? 'kube-apiserver needs a VIP with several control-plane nodes' : 'the product needs it'}.`,
        ),
      );
    }
  }

  // --- per-node pod ranges ---------------------------------------------------------------------
  if (pod) {
    const nodePrefix =
      plan.nodeCidrPrefix ?? (pod.family === 4 ? (requirements?.defaultNodeCidrPrefix ?? 24) : 120);
    // kubespray validate_inventory: 2^(kube_network_node_prefix - pod prefix) >= number of nodes.
    const capacity =
      nodePrefix < pod.prefix || nodePrefix > familyBits(pod.family)
        ? 0n
        : 1n << BigInt(nodePrefix - pod.prefix);
    if (capacity === 0n) {
      add(
        'pod-cidr-too-small',
        'error',
        plan.nodeCidrPrefix !== undefined ? '/nodeCidrPrefix' : '/podCidr',
        m(
          `每节点 Pod 前缀 /${nodePrefix} 不适用于 Pod 网段 ${formatCidr(pod)}：它必须比 /${pod.prefix} 长，且不超过 /${familyBits(pod.family)}。`,
          `The per-node pod prefix /${nodePrefix} does not fit the pod CIDR ${formatCidr(pod)}: it must be longer than /${pod.prefix} and at most /${familyBits(pod.family)}.`,
        ),
      );
    } else if (capacity < BigInt(kubeNodes)) {
      add(
        'pod-cidr-too-small',
        'error',
        '/podCidr',
        m(
          `Pod 网段 ${formatCidr(pod)} 按每节点 /${nodePrefix} 只能分给 ${capacity} 个节点，计划有 ${kubeNodes} 个节点：请扩大 Pod 网段或增大每节点前缀长度。`,
          `The pod CIDR ${formatCidr(pod)} gives /${nodePrefix} per node to only ${capacity} node(s), and the plan has ${kubeNodes}: widen the pod CIDR or lengthen the per-node prefix.`,
        ),
      );
    }
  }
  if (service && size(service) < 256n) {
    add(
      'service-cidr-small',
      'warning',
      '/serviceCidr',
      m(
        `Service 网段 ${formatCidr(service)} 只有 ${size(service)} 个地址：平台组件本身就需要上百个 Service。`,
        `The service CIDR ${formatCidr(service)} holds only ${size(service)} addresses: the platform's own components need a hundred or more services.`,
      ),
    );
  }

  // --- NTP and DNS -----------------------------------------------------------------------------
  const servers = (
    field: 'ntpServers' | 'dnsServers',
    missingRule: string,
    missingSeverity: FindingSeverity,
    zh: string,
    en: string,
    range: { min: number; max: number } | undefined,
  ): void => {
    const list = plan[field];
    if (list.length === 0) {
      add(
        missingRule,
        missingSeverity,
        ptr(field),
        field === 'ntpServers'
          ? m(
              '没有 NTP 服务器：etcd、证书和日志都依赖各节点时间一致，请填写 1–4 个数据中心可达的 NTP 服务器。',
              'No NTP server: etcd, certificates and logs depend on synchronised clocks; give 1–4 NTP servers reachable from the data centre.',
            )
          : m(
              '没有 DNS 服务器：节点和应用解析外部域名需要它，请填写 1–2 个数据中心的 DNS 服务器。',
              'No DNS server: nodes and applications need one to resolve external names; give 1–2 of the data centre’s DNS servers.',
            ),
      );
      return;
    }
    const seen = new Set<string>();
    list.forEach((entry, i) => {
      if (!isServerName(entry)) {
        add(
          'invalid-address',
          'error',
          ptr(field, i),
          m(
            `${zh}“${entry}”不是有效的地址或主机名。`,
            `${en} "${entry}" is not a valid address or host name.`,
          ),
        );
      }
      if (seen.has(entry.toLowerCase())) {
        add(
          'duplicate-server',
          'warning',
          ptr(field, i),
          m(`${zh}“${entry}”重复。`, `${en} "${entry}" is listed twice.`),
        );
      }
      seen.add(entry.toLowerCase());
    });
    if (range && list.length > range.max) {
      add(
        field === 'ntpServers' ? 'ntp-count' : 'dns-count',
        'warning',
        ptr(field, range.max),
        field === 'ntpServers'
          ? m(
              `NTP 服务器有 ${list.length} 个，产品要求 ${range.min}–${range.max} 个。`,
              `${list.length} NTP servers; the product asks for ${range.min}–${range.max}.`,
            )
          : m(
              `DNS 服务器有 ${list.length} 个：解析器只使用前 ${range.max} 个（glibc MAXNS）。`,
              `${list.length} DNS servers: the resolver uses only the first ${range.max} (glibc MAXNS).`,
            ),
      );
    }
  };
  servers(
    'ntpServers',
    'missing-ntp',
    'error',
    'NTP 服务器',
    'NTP server',
    requirements?.ntpServers,
  );
  servers(
    'dnsServers',
    'missing-dns',
    'warning',
    'DNS 服务器',
    'DNS server',
    requirements?.dnsServers,
  );

  for (const accepted of plan.acceptedWarnings ?? []) {
    // An acceptance counts with a reason and the name of whoever accepted it; errors never.
    const by = typeof accepted.acceptedBy === 'string' ? accepted.acceptedBy.trim() : '';
    if (accepted.reason.trim() === '' || by === '') continue;
    for (const f of findings) {
      if (f.severity === 'warning' && f.rule === accepted.rule && f.path === accepted.path) {
        f.accepted = accepted.reason;
        f.acceptedBy = by;
      }
    }
  }
  return { valid: !findings.some((f) => f.severity === 'error'), findings };
}

function firstHost(c: Cidr): bigint {
  return c.prefix >= familyBits(c.family) - 1 ? c.network : c.network + 1n;
}

function lastHost(c: Cidr): bigint {
  const last = lastAddress(c);
  return c.family === 4 && c.prefix < 31 ? last - 1n : last;
}
