/**
 * Planned vs actual: what the engineer pastes on site (`kubectl get nodes -o wide`, or an
 * installer precheck listing per host) read into facts per machine, and compared with the plan
 * so that the differences the installer would trip over later (too little memory, a wrong
 * address, another kernel) show before the installation starts.
 *
 * Pure. Parsing is strict where it matters: an input that is neither format is an error that says
 * what was expected, never an empty comparison that looks like "all match".
 */
import type { Localized } from '../../policy/types';
import { primaryAddress } from './installer-config';
import type { Plan } from './plan';

export interface ActualMachine {
  hostname: string;
  cpu?: number;
  memoryGiB?: number;
  /** Every address reported for the host (kubectl: INTERNAL-IP, EXTERNAL-IP). */
  addresses: string[];
  kernel?: string;
  osRelease?: string;
}

export type ActualParse =
  | { ok: true; source: 'kubectl' | 'precheck'; machines: ActualMachine[] }
  | { ok: false; message: Localized };

const KUBECTL_REQUIRED = ['NAME', 'INTERNAL-IP'];

/** kubectl aligns its columns: cut each row at the header's column starts (OS-IMAGE has spaces). */
function parseKubectlWide(lines: string[]): ActualMachine[] {
  const header = lines[0]!;
  const starts: { name: string; at: number }[] = [];
  const re = /\S+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(header)) !== null) starts.push({ name: m[0], at: m.index });
  return lines.slice(1).map((line) => {
    const cell = (name: string): string => {
      const i = starts.findIndex((s) => s.name === name);
      if (i < 0) return '';
      const end = starts[i + 1]?.at ?? line.length;
      return line.slice(starts[i]!.at, end).trim();
    };
    const addresses = [cell('INTERNAL-IP'), cell('EXTERNAL-IP')].filter(
      (a) => a !== '' && a !== '<none>',
    );
    const machine: ActualMachine = { hostname: cell('NAME'), addresses };
    const kernel = cell('KERNEL-VERSION');
    const os = cell('OS-IMAGE');
    if (kernel) machine.kernel = kernel;
    if (os) machine.osRelease = os;
    return machine;
  });
}

/** `32Gi`, `32 GiB`, `32768Mi`, `33554432Ki`, `MemTotal: 32657000 kB`, `32G`, plain `32` (GiB). */
export function parseMemoryGiB(text: string): number | null {
  const m = /^([0-9]+(?:\.[0-9]+)?)\s*([KMGT]i?B?|kB)?$/i.exec(text.trim());
  if (!m) return null;
  const n = Number(m[1]);
  const unit = (m[2] ?? 'G').toUpperCase().replace(/I?B$/, '').replace(/I$/, '');
  const factor: Record<string, number> = { K: 1 / 1024 ** 2, M: 1 / 1024, G: 1, T: 1024 };
  const f = factor[unit];
  return f === undefined ? null : Math.round(n * f * 100) / 100;
}

const KEYS: Record<string, keyof ActualMachine> = {
  hostname: 'hostname',
  host: 'hostname',
  name: 'hostname',
  node: 'hostname',
  主机名: 'hostname',
  cpu: 'cpu',
  cpus: 'cpu',
  cores: 'cpu',
  'cpu(s)': 'cpu',
  nproc: 'cpu',
  memory: 'memoryGiB',
  mem: 'memoryGiB',
  memtotal: 'memoryGiB',
  内存: 'memoryGiB',
  ip: 'addresses',
  address: 'addresses',
  addresses: 'addresses',
  'internal-ip': 'addresses',
  kernel: 'kernel',
  'kernel-version': 'kernel',
  内核: 'kernel',
  os: 'osRelease',
  'os-image': 'osRelease',
  pretty_name: 'osRelease',
  操作系统: 'osRelease',
};

function setFact(machine: ActualMachine, key: keyof ActualMachine, raw: string): string | null {
  const value = raw.trim().replace(/^"|"$/g, '');
  switch (key) {
    case 'hostname':
      machine.hostname = value;
      return null;
    case 'cpu': {
      const n = Number(value);
      if (!Number.isInteger(n) || n <= 0) return `cpu “${value}”`;
      machine.cpu = n;
      return null;
    }
    case 'memoryGiB': {
      const g = parseMemoryGiB(value);
      if (g === null) return `memory “${value}”`;
      machine.memoryGiB = g;
      return null;
    }
    case 'addresses':
      machine.addresses.push(...value.split(/[,\s]+/).filter((a) => a !== ''));
      return null;
    case 'kernel':
      machine.kernel = value;
      return null;
    case 'osRelease':
      machine.osRelease = value;
      return null;
  }
}

/** Precheck listing: `key: value` (or `key=value`) lines, one block per host. */
function parsePrecheck(lines: string[]): ActualMachine[] | string {
  const machines: ActualMachine[] = [];
  let current: ActualMachine | null = null;
  for (const line of lines) {
    const m = /^\s*[-*]?\s*([A-Za-z_()\-\u4e00-\u9fff]+)\s*[:=：]\s*(.*)$/.exec(line);
    if (!m) continue;
    const key = KEYS[m[1]!.toLowerCase()];
    if (key === undefined) continue;
    if (key === 'hostname') {
      current = { hostname: '', addresses: [] };
      machines.push(current);
    }
    if (current === null) return `“${line.trim()}” comes before any hostname line`;
    const bad = setFact(current, key, m[2]!);
    if (bad !== null) return `${current.hostname || '?'}: ${bad} cannot be read`;
  }
  return machines;
}

export function parseActualMachines(text: string): ActualParse {
  const lines = text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .filter((l) => l.trim() !== '');
  if (lines.length === 0) {
    return { ok: false, message: { zh: '没有内容。', en: 'Nothing was pasted.' } };
  }
  const header = lines[0]!.trim().split(/\s+/);
  if (KUBECTL_REQUIRED.every((h) => header.includes(h))) {
    const machines = parseKubectlWide(lines);
    if (machines.length === 0) {
      return {
        ok: false,
        message: { zh: 'kubectl 输出中没有节点行。', en: 'The kubectl output has no node rows.' },
      };
    }
    return { ok: true, source: 'kubectl', machines };
  }
  const machines = parsePrecheck(lines);
  if (typeof machines === 'string') {
    return {
      ok: false,
      message: { zh: `预检结果无法读取：${machines}`, en: `Precheck: ${machines}` },
    };
  }
  if (machines.length === 0) {
    return {
      ok: false,
      message: {
        zh: '既不是 kubectl get nodes -o wide 的输出（缺少 NAME、INTERNAL-IP 表头），也不是含 hostname: 行的预检结果。',
        en: 'Neither kubectl get nodes -o wide output (no NAME and INTERNAL-IP header) nor a precheck result with hostname: lines.',
      },
    };
  }
  return { ok: true, source: 'precheck', machines };
}

export type DifferenceField = 'presence' | 'cpu' | 'memoryGiB' | 'address' | 'kernel' | 'osRelease';

export interface MachineDifference {
  hostname: string;
  field: DifferenceField;
  /** As text, for the table; `null` where the plan has no such machine / the host was not found. */
  planned: string | null;
  actual: string | null;
}

export interface PlannedVsActual {
  /** Planned machines found in the pasted output. */
  matched: number;
  differences: MachineDifference[];
}

/**
 * Memory the kernel reports is below the installed size (firmware and kernel reservations take
 * 2–4 %, kdump more): under 6 % less than planned counts as the planned size.
 */
export const MEMORY_TOLERANCE = 0.06;

/**
 * Per planned machine (matched by host name, case-insensitive, short name or FQDN): CPU cores and
 * memory where the input reports them, the machine's addresses, kernel and OS release where the
 * plan states them. Hosts reported but not planned, and planned but not reported, are listed.
 */
export function comparePlanWithActual(
  plan: Plan,
  actual: readonly ActualMachine[],
): PlannedVsActual {
  const short = (h: string) => h.toLowerCase().split('.')[0]!;
  const byName = new Map(actual.map((a) => [short(a.hostname), a]));
  const differences: MachineDifference[] = [];
  let matched = 0;
  const planned = new Set<string>();
  for (const machine of plan.machines) {
    planned.add(short(machine.hostname));
    const a = byName.get(short(machine.hostname));
    const diff = (field: DifferenceField, p: string | null, x: string | null) =>
      differences.push({ hostname: machine.hostname, field, planned: p, actual: x });
    if (!a) {
      diff('presence', machine.hostname, null);
      continue;
    }
    matched++;
    if (a.cpu !== undefined && a.cpu !== machine.cpu)
      diff('cpu', String(machine.cpu), String(a.cpu));
    if (
      a.memoryGiB !== undefined &&
      (a.memoryGiB < machine.memoryGiB * (1 - MEMORY_TOLERANCE) ||
        a.memoryGiB > machine.memoryGiB * (1 + MEMORY_TOLERANCE))
    ) {
      diff('memoryGiB', String(machine.memoryGiB), String(a.memoryGiB));
    }
    const plannedAddresses = machine.nics.map((n) => n.address).filter((x): x is string => !!x);
    const primary = primaryAddress(plan, machine);
    if (a.addresses.length > 0 && primary !== null && !a.addresses.includes(primary)) {
      diff('address', primary, a.addresses.join(', '));
    } else if (a.addresses.some((x) => !plannedAddresses.includes(x))) {
      diff(
        'address',
        plannedAddresses.join(', '),
        a.addresses.filter((x) => !plannedAddresses.includes(x)).join(', '),
      );
    }
    const kernel = machine.os?.kernel ?? plan.os?.kernel;
    if (kernel && a.kernel && a.kernel !== kernel) diff('kernel', kernel, a.kernel);
    const release = machine.os?.release ?? plan.os?.release;
    if (release && a.osRelease && !a.osRelease.toLowerCase().includes(release.toLowerCase())) {
      diff('osRelease', release, a.osRelease);
    }
  }
  for (const a of actual) {
    if (!planned.has(short(a.hostname))) {
      differences.push({
        hostname: a.hostname,
        field: 'presence',
        planned: null,
        actual: a.hostname,
      });
    }
  }
  return { matched, differences };
}
