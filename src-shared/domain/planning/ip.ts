/**
 * IP address and CIDR arithmetic for deployment plans, IPv4 and IPv6, on bigints so that one
 * code path serves both families. Pure and strict: a value that is not exactly an address (or a
 * prefix) parses to null, and the validator turns that into a finding for the field.
 *
 * Text forms accepted: dotted-quad IPv4 without leading zeros (RFC 6943 §3.1.1: "010.0.0.1" is
 * octal to some parsers and decimal to others, so it is refused), and RFC 4291 §2.2 IPv6
 * including `::` compression and an embedded IPv4 tail. Zone ids (`%eth0`) are refused: a plan
 * names addresses, not interfaces.
 */

export type IpFamily = 4 | 6;

export interface IpAddress {
  family: IpFamily;
  value: bigint;
}

export interface Cidr {
  family: IpFamily;
  /** The network address (host bits zero). */
  network: bigint;
  prefix: number;
  /** True when the text had host bits set ("10.0.0.5/24"): the prefix is still usable. */
  hostBitsSet: boolean;
}

const BITS: Record<IpFamily, number> = { 4: 32, 6: 128 };

export function familyBits(family: IpFamily): number {
  return BITS[family];
}

function parseIpv4(text: string): bigint | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let value = 0n;
  for (const part of parts) {
    if (!/^(0|[1-9][0-9]{0,2})$/.test(part)) return null;
    const n = Number(part);
    if (n > 255) return null;
    value = (value << 8n) | BigInt(n);
  }
  return value;
}

function parseIpv6(text: string): bigint | null {
  if (text.length > 45 || text.includes('%')) return null;
  let head = text;
  let tailV4: bigint | null = null;
  const lastColon = text.lastIndexOf(':');
  if (text.includes('.')) {
    tailV4 = parseIpv4(text.slice(lastColon + 1));
    if (tailV4 === null) return null;
    head = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const double = head.split('::');
  if (double.length > 2) return null;
  const toGroups = (s: string): number[] | null => {
    if (s === '') return [];
    const groups = s.split(':');
    const out: number[] = [];
    for (const g of groups) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const left = toGroups(double[0] ?? '');
  const right = double.length === 2 ? toGroups(double[1] ?? '') : [];
  if (left === null || right === null) return null;
  let groups: number[];
  if (double.length === 2) {
    const missing = 8 - left.length - right.length;
    if (missing < 1) return null;
    groups = [...left, ...new Array<number>(missing).fill(0), ...right];
  } else {
    groups = left;
  }
  if (groups.length !== 8) return null;
  let value = 0n;
  for (const g of groups) value = (value << 16n) | BigInt(g);
  if (tailV4 !== null) value = (value & ~0xffffffffn) | tailV4;
  return value;
}

/** Parses an IPv4 or IPv6 address; null when `text` is not exactly one. */
export function parseIp(text: string): IpAddress | null {
  if (typeof text !== 'string') return null;
  if (text.includes(':')) {
    const v = parseIpv6(text);
    return v === null ? null : { family: 6, value: v };
  }
  const v = parseIpv4(text);
  return v === null ? null : { family: 4, value: v };
}

/** Parses `address/prefix`; null when it is not a valid prefix of its family. */
export function parseCidr(text: string): Cidr | null {
  if (typeof text !== 'string') return null;
  const slash = text.indexOf('/');
  if (slash < 0) return null;
  const address = parseIp(text.slice(0, slash));
  const prefixText = text.slice(slash + 1);
  if (address === null || !/^(0|[1-9][0-9]{0,2})$/.test(prefixText)) return null;
  const prefix = Number(prefixText);
  const bits = BITS[address.family];
  if (prefix > bits) return null;
  const mask = prefixMask(address.family, prefix);
  const network = address.value & mask;
  return { family: address.family, network, prefix, hostBitsSet: network !== address.value };
}

function prefixMask(family: IpFamily, prefix: number): bigint {
  const bits = BigInt(BITS[family]);
  const all = (1n << bits) - 1n;
  return all ^ ((1n << (bits - BigInt(prefix))) - 1n);
}

/** The last address of the prefix (the IPv4 broadcast address). */
export function lastAddress(c: Cidr): bigint {
  return c.network | ((1n << BigInt(BITS[c.family] - c.prefix)) - 1n);
}

export function contains(c: Cidr, a: IpAddress): boolean {
  return c.family === a.family && a.value >= c.network && a.value <= lastAddress(c);
}

export function overlaps(a: Cidr, b: Cidr): boolean {
  return a.family === b.family && a.network <= lastAddress(b) && b.network <= lastAddress(a);
}

/**
 * Whether `a` is the network address or (IPv4) the broadcast address of `c`, i.e. not usable
 * by a host. /31 (RFC 3021, point-to-point: both addresses are hosts) and /32 (one host) have
 * neither. IPv6 has no broadcast; the all-zero host is the subnet-router anycast address
 * (RFC 4291 §2.6.1), which no host may take, except on /127 (RFC 6164) and /128.
 */
export function isNetworkOrBroadcast(c: Cidr, a: IpAddress): boolean {
  if (!contains(c, a)) return false;
  const bits = BITS[c.family];
  if (c.prefix >= bits - 1) return false;
  if (a.value === c.network) return true;
  return c.family === 4 && a.value === lastAddress(c);
}

/** Number of addresses in the prefix (2^(bits - prefix)). */
export function size(c: Cidr): bigint {
  return 1n << BigInt(BITS[c.family] - c.prefix);
}

export function formatIp(family: IpFamily, value: bigint): string {
  if (family === 4) {
    return [24n, 16n, 8n, 0n].map((s) => String((value >> s) & 255n)).join('.');
  }
  const groups: string[] = [];
  for (let i = 7; i >= 0; i--) groups.push(((value >> BigInt(i * 16)) & 0xffffn).toString(16));
  // RFC 5952 §4.2: compress the longest run (first if tied) of two or more zero groups.
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  if (bestStart < 0) return groups.join(':');
  const left = groups.slice(0, bestStart).join(':');
  const right = groups.slice(bestStart + bestLength).join(':');
  return `${left}::${right}`;
}

export function formatCidr(c: Cidr): string {
  return `${formatIp(c.family, c.network)}/${c.prefix}`;
}
