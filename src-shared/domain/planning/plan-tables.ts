/**
 * A plan as the tables engineers exchange in spreadsheets: one table each for machines, NICs,
 * disks, networks and VIPs, plus the cluster settings, dependencies, requirements and accepted
 * warnings, so that plan → tables → plan loses nothing the plan format defines.
 *
 * Pure and tolerant on the way in, because the cells come from Excel or a paste: headers are
 * matched by their Chinese or English name in any order, numbers may arrive as text, lists may be
 * separated by commas (, ，), 、, semicolons or spaces. Whatever cannot be read is an error naming
 * the table, the row (1-based, header = row 1) and the column; a cell is never guessed.
 */
import type { Localized } from '../../policy/types';
import type { Plan, PlanDisk, PlanMachine, PlanNic } from './plan';

export type Cell = string | number | boolean | null;

type ColumnKind = 'text' | 'number' | 'list' | 'bool';

export interface TableColumn {
  key: string;
  header: Localized;
  kind: ColumnKind;
  required?: boolean;
}

export interface TableSpec {
  id: TableId;
  title: Localized;
  columns: TableColumn[];
}

export type TableId =
  | 'settings'
  | 'machines'
  | 'nics'
  | 'disks'
  | 'networks'
  | 'vips'
  | 'dependencies'
  | 'requirements'
  | 'acceptedWarnings';

const col = (
  key: string,
  zh: string,
  en: string,
  kind: ColumnKind = 'text',
  required = false,
): TableColumn => ({ key, header: { zh, en }, kind, ...(required ? { required } : {}) });

export const PLAN_TABLES: readonly TableSpec[] = [
  {
    id: 'settings',
    title: { zh: '概要', en: 'Settings' },
    columns: [col('key', '项目', 'Item', 'text', true), col('value', '值', 'Value')],
  },
  {
    id: 'machines',
    title: { zh: '机器', en: 'Machines' },
    columns: [
      col('hostname', '主机名', 'Host name', 'text', true),
      col('roles', '角色', 'Roles', 'list', true),
      col('cpu', 'CPU（核）', 'CPU (cores)', 'number', true),
      col('memoryGiB', '内存（GiB）', 'Memory (GiB)', 'number', true),
      col('osRelease', '操作系统', 'OS release'),
      col('osKernel', '内核', 'Kernel'),
    ],
  },
  {
    id: 'nics',
    title: { zh: '网卡', en: 'NICs' },
    columns: [
      col('hostname', '主机名', 'Host name', 'text', true),
      col('name', '网卡', 'NIC', 'text', true),
      col('network', '网络', 'Network'),
      col('address', 'IP 地址', 'Address'),
      col('mtu', 'MTU', 'MTU', 'number'),
      col('bondMode', '绑定模式', 'Bond mode'),
      col('bondMembers', '绑定成员', 'Bond members', 'list'),
    ],
  },
  {
    id: 'disks',
    title: { zh: '磁盘', en: 'Disks' },
    columns: [
      col('hostname', '主机名', 'Host name', 'text', true),
      col('mount', '挂载点（空 = 未分区）', 'Mount point (empty = unpartitioned)'),
      col('sizeGiB', '容量（GiB）', 'Size (GiB)', 'number', true),
      col('type', '类型', 'Type'),
    ],
  },
  {
    id: 'networks',
    title: { zh: '网络', en: 'Networks' },
    columns: [
      col('name', '名称', 'Name', 'text', true),
      col('cidr', '网段（CIDR）', 'CIDR', 'text', true),
      col('gateway', '网关', 'Gateway'),
      col('vlan', 'VLAN', 'VLAN', 'number'),
      col('mtu', 'MTU', 'MTU', 'number'),
    ],
  },
  {
    id: 'vips',
    title: { zh: 'VIP', en: 'VIPs' },
    columns: [
      col('role', '用途', 'Role', 'text', true),
      col('address', '地址', 'Address', 'text', true),
      col('shared', '共享', 'Shared', 'bool'),
    ],
  },
  {
    id: 'dependencies',
    title: { zh: '外部依赖', en: 'Dependencies' },
    columns: [
      col('kind', '类别', 'Kind', 'text', true),
      col('name', '名称', 'Name', 'text', true),
      col('address', '地址', 'Address'),
      col('notes', '说明', 'Notes'),
    ],
  },
  {
    id: 'requirements',
    title: { zh: '环境要求', en: 'Requirements' },
    columns: [col('text', '要求', 'Requirement', 'text', true)],
  },
  {
    id: 'acceptedWarnings',
    title: { zh: '已接受的警告', en: 'Accepted warnings' },
    columns: [
      col('rule', '规则', 'Rule', 'text', true),
      col('path', '字段', 'Field', 'text', true),
      col('reason', '理由', 'Reason', 'text', true),
      col('acceptedBy', '接受人', 'Accepted by'),
      col('acceptedAt', '接受时间', 'Accepted at'),
    ],
  },
];

/** Cluster-wide settings, one row each in the settings table. */
const SETTINGS: { key: keyof Plan; zh: string; en: string; kind: ColumnKind }[] = [
  { key: 'product', zh: '产品', en: 'Product', kind: 'text' },
  { key: 'version', zh: '版本', en: 'Version', kind: 'text' },
  { key: 'profile', zh: '环境类型', en: 'Profile', kind: 'text' },
  { key: 'podCidr', zh: 'Pod 网段', en: 'Pod CIDR', kind: 'text' },
  { key: 'serviceCidr', zh: 'Service 网段', en: 'Service CIDR', kind: 'text' },
  { key: 'nodeCidrPrefix', zh: '每节点 Pod 前缀', en: 'Per-node pod prefix', kind: 'number' },
  { key: 'ntpServers', zh: 'NTP 服务器', en: 'NTP servers', kind: 'list' },
  { key: 'dnsServers', zh: 'DNS 服务器', en: 'DNS servers', kind: 'list' },
  // Header fields of the planning document (optional plan fields).
  { key: 'customer', zh: '客户', en: 'Customer', kind: 'text' },
  { key: 'site', zh: '站点', en: 'Site', kind: 'text' },
  { key: 'environment', zh: '环境', en: 'Environment', kind: 'text' },
  { key: 'engineer', zh: '工程师', en: 'Engineer', kind: 'text' },
];

export interface TableData {
  header: Cell[];
  rows: Cell[][];
}

export interface TableError {
  table: TableId;
  /** 1-based spreadsheet row; the header is row 1. */
  row: number;
  column?: string;
  message: Localized;
}

const LIST_SPLIT = /[,，、;；\s]+/;

function text(c: Cell | undefined): string {
  if (c === null || c === undefined) return '';
  return String(c).trim();
}

function listOut(values: readonly string[] | undefined): string {
  return (values ?? []).join(', ');
}

function norm(s: string): string {
  return s.toLowerCase().replace(/[\s（）()]/g, '');
}

/** The tables of `plan`, with the header row in `lang` (both names are read back). */
export function planToTables(plan: Plan, lang: 'zh' | 'en' = 'zh'): Record<TableId, TableData> {
  const header = (id: TableId): Cell[] =>
    (PLAN_TABLES.find((t) => t.id === id)?.columns ?? []).map((c) => c.header[lang]);
  const settings: Cell[][] = SETTINGS.filter((s) => plan[s.key] !== undefined).map((s) => {
    const v = plan[s.key];
    return [s[lang], Array.isArray(v) ? listOut(v as string[]) : (v as Cell)];
  });
  if (plan.os?.release) settings.push([lang === 'zh' ? '操作系统' : 'OS release', plan.os.release]);
  if (plan.os?.kernel) settings.push([lang === 'zh' ? '内核' : 'Kernel', plan.os.kernel]);
  return {
    settings: { header: header('settings'), rows: settings },
    machines: {
      header: header('machines'),
      rows: plan.machines.map((m) => [
        m.hostname,
        listOut(m.roles),
        m.cpu,
        m.memoryGiB,
        m.os?.release ?? null,
        m.os?.kernel ?? null,
      ]),
    },
    nics: {
      header: header('nics'),
      rows: plan.machines.flatMap((m) =>
        m.nics.map((n) => [
          m.hostname,
          n.name,
          n.network ?? null,
          n.address ?? null,
          n.mtu ?? null,
          n.bond?.mode ?? null,
          n.bond ? listOut(n.bond.members) : null,
        ]),
      ),
    },
    disks: {
      header: header('disks'),
      rows: plan.machines.flatMap((m) =>
        m.disks.map((d) => [m.hostname, d.mount ?? '', d.sizeGiB, d.type ?? null]),
      ),
    },
    networks: {
      header: header('networks'),
      rows: plan.networks.map((n) => [
        n.name,
        n.cidr,
        n.gateway ?? null,
        n.vlan ?? null,
        n.mtu ?? null,
      ]),
    },
    vips: {
      header: header('vips'),
      rows: plan.vips.map((v) => [v.role, v.address, v.shared === true ? true : null]),
    },
    dependencies: {
      header: header('dependencies'),
      rows: (plan.dependencies ?? []).map((d) => [
        d.kind,
        d.name,
        d.address ?? null,
        d.notes ?? null,
      ]),
    },
    requirements: {
      header: header('requirements'),
      rows: (plan.requirements ?? []).map((r) => [r]),
    },
    acceptedWarnings: {
      header: header('acceptedWarnings'),
      rows: (plan.acceptedWarnings ?? []).map((a) => [
        a.rule,
        a.path,
        a.reason,
        a.acceptedBy ?? null,
        a.acceptedAt ?? null,
      ]),
    },
  };
}

type Row = Record<string, Cell>;

/**
 * Reads the rows of one table by its header. Returns the rows as objects keyed by column key,
 * with their spreadsheet row numbers; header problems and unreadable cells go to `errors`.
 */
export function readTable(
  spec: TableSpec,
  data: TableData,
  errors: TableError[],
): { row: number; values: Row }[] {
  const index = new Map<string, number>();
  data.header.forEach((h, i) => {
    const name = norm(text(h));
    const column = spec.columns.find(
      (c) => norm(c.header.zh) === name || norm(c.header.en) === name || norm(c.key) === name,
    );
    if (column && !index.has(column.key)) index.set(column.key, i);
  });
  for (const c of spec.columns) {
    if (c.required && !index.has(c.key)) {
      errors.push({
        table: spec.id,
        row: 1,
        column: c.header.zh,
        message: {
          zh: `表“${spec.title.zh}”缺少列“${c.header.zh}”。`,
          en: `Table "${spec.title.en}" has no column "${c.header.en}".`,
        },
      });
    }
  }
  const out: { row: number; values: Row }[] = [];
  data.rows.forEach((cells, r) => {
    const rowNumber = r + 2;
    if (cells.every((c) => text(c) === '')) return;
    const values: Row = {};
    for (const c of spec.columns) {
      const i = index.get(c.key);
      const raw = i === undefined ? null : (cells[i] ?? null);
      const t = text(raw);
      if (t === '') {
        if (c.required) {
          errors.push({
            table: spec.id,
            row: rowNumber,
            column: c.header.zh,
            message: {
              zh: `表“${spec.title.zh}”第 ${rowNumber} 行的“${c.header.zh}”为空。`,
              en: `Table "${spec.title.en}" row ${rowNumber}: "${c.header.en}" is empty.`,
            },
          });
        }
        values[c.key] = null;
        continue;
      }
      if (c.kind === 'number') {
        const n = typeof raw === 'number' ? raw : Number(t.replace(/[,，]/g, ''));
        if (!Number.isFinite(n)) {
          errors.push({
            table: spec.id,
            row: rowNumber,
            column: c.header.zh,
            message: {
              zh: `表“${spec.title.zh}”第 ${rowNumber} 行的“${c.header.zh}”不是数字：“${t}”。`,
              en: `Table "${spec.title.en}" row ${rowNumber}: "${c.header.en}" is not a number: "${t}".`,
            },
          });
          values[c.key] = null;
        } else {
          values[c.key] = n;
        }
      } else if (c.kind === 'bool') {
        values[c.key] = raw === true || /^(true|yes|y|1|是|√|✓)$/i.test(t);
      } else {
        values[c.key] = t;
      }
    }
    out.push({ row: rowNumber, values });
  });
  return out;
}

function list(c: Cell | undefined): string[] {
  const t = text(c);
  return t === '' ? [] : t.split(LIST_SPLIT).filter((x) => x !== '');
}

export type TablesToPlan = { ok: true; plan: Plan } | { ok: false; errors: TableError[] };

/** Builds a plan from its tables (the reverse of planToTables). */
export function tablesToPlan(tables: Partial<Record<TableId, TableData>>): TablesToPlan {
  const errors: TableError[] = [];
  const rowsOf = (id: TableId) => {
    const spec = PLAN_TABLES.find((t) => t.id === id);
    const data = tables[id];
    if (!spec) return [];
    if (!data) {
      if (id === 'machines' || id === 'networks' || id === 'settings') {
        errors.push({
          table: id,
          row: 1,
          message: {
            zh: `缺少表“${spec.title.zh}”。`,
            en: `The table "${spec.title.en}" is missing.`,
          },
        });
      }
      return [];
    }
    return readTable(spec, data, errors);
  };
  const num = (v: Cell | undefined): number => (typeof v === 'number' ? v : 0);
  const str = (v: Cell | undefined): string => (v === null || v === undefined ? '' : String(v));

  const settings = new Map<string, Cell>();
  for (const { values } of rowsOf('settings')) {
    settings.set(norm(str(values['key'])), values['value'] ?? null);
  }
  const setting = (zh: string, en: string, key: string): Cell =>
    settings.get(norm(zh)) ?? settings.get(norm(en)) ?? settings.get(norm(key)) ?? null;

  const machines: PlanMachine[] = [];
  const byHost = new Map<string, PlanMachine>();
  for (const { row, values } of rowsOf('machines')) {
    const hostname = str(values['hostname']);
    if (byHost.has(hostname)) {
      errors.push({
        table: 'machines',
        row,
        column: '主机名',
        message: {
          zh: `表“机器”第 ${row} 行的主机名“${hostname}”重复。`,
          en: `Table "Machines" row ${row}: host name "${hostname}" repeats an earlier row.`,
        },
      });
      continue;
    }
    const osRelease = values['osRelease'];
    const osKernel = values['osKernel'];
    const m: PlanMachine = {
      hostname,
      roles: list(values['roles']),
      cpu: num(values['cpu']),
      memoryGiB: num(values['memoryGiB']),
      disks: [],
      nics: [],
      ...(osRelease || osKernel
        ? {
            os: {
              ...(osRelease ? { release: str(osRelease) } : {}),
              ...(osKernel ? { kernel: str(osKernel) } : {}),
            },
          }
        : {}),
    };
    machines.push(m);
    byHost.set(hostname, m);
  }
  const owner = (table: TableId, row: number, hostname: string): PlanMachine | null => {
    const m = byHost.get(hostname);
    if (!m) {
      errors.push({
        table,
        row,
        column: '主机名',
        message: {
          zh: `表“${table === 'nics' ? '网卡' : '磁盘'}”第 ${row} 行的主机“${hostname}”不在“机器”表中。`,
          en: `Table "${table === 'nics' ? 'NICs' : 'Disks'}" row ${row}: host "${hostname}" is not in the Machines table.`,
        },
      });
    }
    return m ?? null;
  };
  for (const { row, values } of rowsOf('nics')) {
    const m = owner('nics', row, str(values['hostname']));
    if (!m) continue;
    const nic: PlanNic = { name: str(values['name']) };
    if (values['network'] !== null) nic.network = str(values['network']);
    if (values['address'] !== null) nic.address = str(values['address']);
    if (values['mtu'] !== null) nic.mtu = num(values['mtu']);
    if (values['bondMode'] !== null || values['bondMembers'] !== null) {
      nic.bond = { mode: str(values['bondMode']), members: list(values['bondMembers']) };
    }
    m.nics.push(nic);
  }
  for (const { row, values } of rowsOf('disks')) {
    const m = owner('disks', row, str(values['hostname']));
    if (!m) continue;
    const disk: PlanDisk = { mount: str(values['mount']), sizeGiB: num(values['sizeGiB']) };
    if (values['type'] !== null) disk.type = str(values['type']);
    m.disks.push(disk);
  }

  const profile = str(setting('环境类型', 'Profile', 'profile'));
  const nodePrefix = setting('每节点 Pod 前缀', 'Per-node pod prefix', 'nodeCidrPrefix');
  const planOs = {
    release: str(setting('操作系统', 'OS release', 'osRelease')),
    kernel: str(setting('内核', 'Kernel', 'osKernel')),
  };
  const plan: Plan = {
    product: str(setting('产品', 'Product', 'product')),
    version: str(setting('版本', 'Version', 'version')),
    profile: (profile === 'poc' || profile === 'PoC' ? 'poc' : profile) as Plan['profile'],
    networks: rowsOf('networks').map(({ values }) => ({
      name: str(values['name']),
      cidr: str(values['cidr']),
      ...(values['gateway'] !== null ? { gateway: str(values['gateway']) } : {}),
      ...(values['vlan'] !== null ? { vlan: num(values['vlan']) } : {}),
      ...(values['mtu'] !== null ? { mtu: num(values['mtu']) } : {}),
    })),
    podCidr: str(setting('Pod 网段', 'Pod CIDR', 'podCidr')),
    serviceCidr: str(setting('Service 网段', 'Service CIDR', 'serviceCidr')),
    ...(nodePrefix !== null && nodePrefix !== '' ? { nodeCidrPrefix: Number(nodePrefix) } : {}),
    vips: rowsOf('vips').map(({ values }) => ({
      role: str(values['role']),
      address: str(values['address']),
      ...(values['shared'] === true ? { shared: true } : {}),
    })),
    machines,
    ntpServers: list(setting('NTP 服务器', 'NTP servers', 'ntpServers')),
    dnsServers: list(setting('DNS 服务器', 'DNS servers', 'dnsServers')),
    ...(planOs.release || planOs.kernel
      ? {
          os: {
            ...(planOs.release ? { release: planOs.release } : {}),
            ...(planOs.kernel ? { kernel: planOs.kernel } : {}),
          },
        }
      : {}),
  };
  for (const key of ['customer', 'site', 'environment', 'engineer'] as const) {
    const spec = SETTINGS.find((x) => x.key === key);
    const value = spec ? setting(spec.zh, spec.en, key) : null;
    if (value !== null && value !== '') plan[key] = str(value);
  }
  const deps = rowsOf('dependencies').map(({ values }) => ({
    kind: str(values['kind']),
    name: str(values['name']),
    ...(values['address'] !== null ? { address: str(values['address']) } : {}),
    ...(values['notes'] !== null ? { notes: str(values['notes']) } : {}),
  }));
  if (deps.length > 0) plan.dependencies = deps;
  const reqs = rowsOf('requirements').map(({ values }) => str(values['text']));
  if (reqs.length > 0) plan.requirements = reqs;
  const accepted = rowsOf('acceptedWarnings').map(({ values }) => ({
    rule: str(values['rule']),
    path: str(values['path']),
    reason: str(values['reason']),
    ...(values['acceptedBy'] !== null ? { acceptedBy: str(values['acceptedBy']) } : {}),
    ...(values['acceptedAt'] !== null ? { acceptedAt: str(values['acceptedAt']) } : {}),
  }));
  if (accepted.length > 0) plan.acceptedWarnings = accepted;
  return errors.length > 0 ? { ok: false, errors } : { ok: true, plan };
}
