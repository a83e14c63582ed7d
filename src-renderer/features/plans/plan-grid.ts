/**
 * The plan editor's grid model, outside React: the four tables engineers keep in their
 * spreadsheet (machines, NICs, networks, VIPs) as rows of text cells over the stored plan, edits
 * and pastes of tab-separated text (what Excel puts on the clipboard), and where a finding's JSON
 * pointer lands in the grid.
 *
 * Every edit is all or nothing: a cell that cannot be read (letters in a number column, a NIC
 * row for a machine that does not exist) refuses the whole edit with the cell named, and the
 * plan is unchanged.
 */
import type { PlanDoc } from '../../../src-shared/db/types';
import type { PlanDisk, PlanNic } from '../../../src-shared/domain/planning/plan';
import { PLAN_TABLES } from '../../../src-shared/domain/planning/plan-tables';

export type GridTableId = 'machines' | 'nics' | 'networks' | 'vips';
export const GRID_TABLES: readonly GridTableId[] = ['machines', 'nics', 'networks', 'vips'];

type Kind = 'text' | 'number' | 'list' | 'bool' | 'disks';

export interface GridColumn {
  key: string;
  kind: Kind;
  header: { zh: string; en: string };
}

function specColumns(id: 'machines' | 'nics' | 'networks' | 'vips'): GridColumn[] {
  const spec = PLAN_TABLES.find((t) => t.id === id)!;
  return spec.columns.map((c) => ({ key: c.key, kind: c.kind, header: c.header }));
}

/** Columns per table; headers are the spreadsheet's (plan-tables.ts), so a paste lines up. */
export const GRID_COLUMNS: Record<GridTableId, GridColumn[]> = {
  machines: [
    ...specColumns('machines').slice(0, 4),
    {
      key: 'disks',
      kind: 'disks',
      header: { zh: '磁盘（挂载点:GiB:类型；…）', en: 'Disks (mount:GiB:type; …)' },
    },
    ...specColumns('machines').slice(4),
  ],
  nics: specColumns('nics'),
  networks: specColumns('networks'),
  vips: specColumns('vips'),
};

/** Where a cell is: table, row (0-based, in the grid's order), column key. */
export interface CellRef {
  table: GridTableId;
  row: number;
  col: string;
}

export type PlanRows = Pick<PlanDoc, 'machines' | 'networks' | 'vips'>;

/** The NIC table's rows: every NIC of every machine, in machine order. */
export function nicRows(plan: PlanRows): { machine: number; nic: number }[] {
  const out: { machine: number; nic: number }[] = [];
  plan.machines.forEach((m, mi) => m.nics.forEach((_, ni) => out.push({ machine: mi, nic: ni })));
  return out;
}

export function rowCount(plan: PlanRows, table: GridTableId): number {
  return table === 'nics' ? nicRows(plan).length : plan[table].length;
}

function listText(v: unknown): string {
  return Array.isArray(v) ? v.join(', ') : '';
}

function numText(v: unknown): string {
  return typeof v === 'number' ? String(v) : '';
}

export function disksText(disks: readonly PlanDisk[]): string {
  return disks
    .map((d) => [d.mount ?? '', String(d.sizeGiB), ...(d.type ? [d.type] : [])].join(':'))
    .join('; ');
}

/** The text shown in a cell. */
export function cellText(plan: PlanRows, ref: CellRef): string {
  if (ref.table === 'nics') {
    const at = nicRows(plan)[ref.row];
    if (!at) return '';
    const machine = plan.machines[at.machine]!;
    const nic = machine.nics[at.nic]!;
    switch (ref.col) {
      case 'hostname':
        return machine.hostname;
      case 'mtu':
        return numText(nic.mtu);
      case 'bondMode':
        return nic.bond?.mode ?? '';
      case 'bondMembers':
        return listText(nic.bond?.members);
      default:
        return typeof nic[ref.col] === 'string' ? (nic[ref.col] as string) : '';
    }
  }
  const row = plan[ref.table][ref.row] as Record<string, unknown> | undefined;
  if (!row) return '';
  if (ref.table === 'machines') {
    if (ref.col === 'osRelease') return (row.os as { release?: string } | undefined)?.release ?? '';
    if (ref.col === 'osKernel') return (row.os as { kernel?: string } | undefined)?.kernel ?? '';
    if (ref.col === 'disks') return disksText(row.disks as PlanDisk[]);
  }
  const v = row[ref.col];
  if (Array.isArray(v)) return listText(v);
  if (typeof v === 'boolean') return v ? '是' : '';
  return typeof v === 'string' || typeof v === 'number' ? String(v) : '';
}

/** Why an edit was refused, with the cell; the message key is in messages.ts. */
export class GridEditError extends Error {
  constructor(
    readonly key: string,
    readonly params: Record<string, string | number>,
  ) {
    super(`${key} ${JSON.stringify(params)}`);
    this.name = 'GridEditError';
  }
}

const LIST_SPLIT = /[,，、;；\s]+/;
const TRUE = new Set(['是', 'y', 'yes', 'true', '1', '√', '✓', 'x']);
const FALSE = new Set(['', '否', 'n', 'no', 'false', '0']);

type Parsed = string | number | boolean | string[] | PlanDisk[] | undefined;

function parseCell(col: GridColumn, raw: string, where: CellRef): Parsed {
  const text = raw.trim();
  switch (col.kind) {
    case 'text':
      return text === '' ? undefined : text;
    case 'list':
      return text === '' ? [] : text.split(LIST_SPLIT).filter((s) => s !== '');
    case 'bool': {
      const t = text.toLowerCase();
      if (TRUE.has(t)) return true;
      if (FALSE.has(t)) return false;
      throw new GridEditError('plans.edit.notBool', { row: where.row + 1, value: text });
    }
    case 'number': {
      if (text === '') return undefined;
      const n = Number(text.replace(/[,，\s]/g, ''));
      if (!Number.isFinite(n) || n < 0) {
        throw new GridEditError('plans.edit.notNumber', { row: where.row + 1, value: text });
      }
      return n;
    }
    case 'disks': {
      if (text === '') return [];
      return text
        .split(/[;；\n]+/)
        .map((s) => s.trim())
        .filter((s) => s !== '')
        .map((part) => {
          const [mount = '', size = '', type = ''] = part.split(/[:：]/).map((x) => x.trim());
          const sizeGiB = Number(size);
          if (!Number.isFinite(sizeGiB) || sizeGiB <= 0) {
            throw new GridEditError('plans.edit.notDisk', { row: where.row + 1, value: part });
          }
          return { mount, sizeGiB, ...(type ? { type } : {}) };
        });
    }
  }
}

function setField(target: Record<string, unknown>, key: string, value: Parsed): void {
  if (value === undefined || value === false) delete target[key];
  else target[key] = value;
}

const INTEGER_COLS = new Set(['mtu', 'vlan']);

function applyCell(plan: PlanRows, ref: CellRef, raw: string): void {
  const col = GRID_COLUMNS[ref.table].find((c) => c.key === ref.col);
  if (!col) throw new GridEditError('plans.edit.noColumn', { col: ref.col });
  const value = parseCell(col, raw, ref);
  if (typeof value === 'number' && INTEGER_COLS.has(ref.col) && !Number.isInteger(value)) {
    throw new GridEditError('plans.edit.notInteger', { row: ref.row + 1, value: raw.trim() });
  }
  if (ref.table === 'nics') {
    const at = nicRows(plan)[ref.row];
    if (!at) throw new GridEditError('plans.edit.noRow', { row: ref.row + 1 });
    const machine = plan.machines[at.machine]!;
    const nic = machine.nics[at.nic]! as PlanNic & Record<string, unknown>;
    if (ref.col === 'hostname') {
      // Moving a NIC to another machine: the host name must be one of the plan's machines.
      const target = plan.machines.findIndex((m) => m.hostname === value);
      if (target < 0) {
        throw new GridEditError('plans.edit.unknownHost', {
          row: ref.row + 1,
          value: typeof value === 'string' ? value : '',
        });
      }
      if (target !== at.machine) {
        machine.nics.splice(at.nic, 1);
        plan.machines[target]!.nics.push(nic);
      }
      return;
    }
    if (ref.col === 'name') {
      nic.name = typeof value === 'string' ? value : '';
      return;
    }
    if (ref.col === 'bondMode' || ref.col === 'bondMembers') {
      const bond = { mode: nic.bond?.mode ?? '', members: nic.bond?.members ?? [] };
      if (ref.col === 'bondMode') bond.mode = typeof value === 'string' ? value : '';
      else bond.members = value as string[];
      if (bond.mode === '' && bond.members.length === 0) delete nic.bond;
      else nic.bond = bond;
      return;
    }
    setField(nic, ref.col, value);
    return;
  }
  const row = plan[ref.table][ref.row] as Record<string, unknown> | undefined;
  if (!row) throw new GridEditError('plans.edit.noRow', { row: ref.row + 1 });
  if (ref.table === 'machines' && (ref.col === 'osRelease' || ref.col === 'osKernel')) {
    const os = { ...((row.os as Record<string, unknown> | undefined) ?? {}) };
    setField(os, ref.col === 'osRelease' ? 'release' : 'kernel', value);
    if (Object.keys(os).length === 0) delete row.os;
    else row.os = os;
    return;
  }
  // Required fields of the row keep a value: an emptied text is '', an emptied number 0.
  const required = new Set(['hostname', 'name', 'cidr', 'role', 'address', 'cpu', 'memoryGiB']);
  if (value === undefined && required.has(ref.col)) {
    row[ref.col] = col.kind === 'number' ? 0 : '';
    return;
  }
  setField(row, ref.col, value);
}

let rowSeq = 0;
/** A row id unique on this laptop and across laptops (time + random), at most 40 characters. */
export function newRowId(): string {
  rowSeq = (rowSeq + 1) % 1_000_000;
  return `r${Date.now().toString(36)}${rowSeq.toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}

/** Appends an empty row to `table` (a NIC row goes to `machine`, default the last machine). */
export function addRow(plan: PlanRows, table: GridTableId, machine?: number): void {
  switch (table) {
    case 'machines':
      plan.machines.push({
        rowId: newRowId(),
        hostname: '',
        roles: [],
        cpu: 0,
        memoryGiB: 0,
        disks: [],
        nics: [],
      });
      return;
    case 'networks':
      plan.networks.push({ rowId: newRowId(), name: '', cidr: '' });
      return;
    case 'vips':
      plan.vips.push({ rowId: newRowId(), role: '', address: '' });
      return;
    case 'nics': {
      const index = machine ?? plan.machines.length - 1;
      const target = plan.machines[index];
      if (!target) throw new GridEditError('plans.edit.nicNeedsMachine', {});
      target.nics.push({ name: `eth${target.nics.length}` });
      return;
    }
  }
}

export function removeRow(plan: PlanRows, table: GridTableId, row: number): void {
  if (table === 'nics') {
    const at = nicRows(plan)[row];
    if (at) plan.machines[at.machine]!.nics.splice(at.nic, 1);
    return;
  }
  plan[table].splice(row, 1);
}

/** Sets one cell; returns the changed copy, or throws `GridEditError` (the input is untouched). */
export function editCell<P extends PlanRows>(plan: P, ref: CellRef, raw: string): P {
  const next = structuredClone(plan);
  applyCell(next, ref, raw);
  return next;
}

/**
 * Tab-separated clipboard text (Excel, WPS, LibreOffice) as rows of cells. Quoted cells may hold
 * tabs, newlines and doubled quotes, as Excel writes them; one trailing newline is not a row.
 */
export function parseClipboardTable(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  let quoted = false;
  let atCellStart = true;
  const input = text.replace(/\r\n?/g, '\n');
  while (i < input.length) {
    const ch = input[i]!;
    if (quoted) {
      if (ch === '"' && input[i + 1] === '"') {
        cell += '"';
        i += 2;
        continue;
      }
      if (ch === '"') {
        quoted = false;
        i++;
        continue;
      }
      cell += ch;
      i++;
      continue;
    }
    if (ch === '"' && atCellStart) {
      quoted = true;
      atCellStart = false;
      i++;
      continue;
    }
    atCellStart = false;
    if (ch === '\t') {
      row.push(cell);
      cell = '';
      atCellStart = true;
    } else if (ch === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      atCellStart = true;
    } else cell += ch;
    i++;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

function looksLikeHeader(cells: readonly string[], table: GridTableId): boolean {
  const names = new Set(
    GRID_COLUMNS[table].flatMap((c) => [c.header.zh, c.header.en.toLowerCase(), c.key]),
  );
  return cells.filter((c) => names.has(c.trim()) || names.has(c.trim().toLowerCase())).length >= 2;
}

/**
 * Pastes `rows` with their top-left cell at `at`: cells go right and down, rows past the end of
 * the table are added (NIC rows name their machine in the host name column). A header row
 * copied along is skipped. All or nothing, like `editCell`.
 */
export function pasteRows<P extends PlanRows>(plan: P, at: CellRef, rows: string[][]): P {
  const next = structuredClone(plan);
  const columns = GRID_COLUMNS[at.table];
  const first = columns.findIndex((c) => c.key === at.col);
  if (first < 0) throw new GridEditError('plans.edit.noColumn', { col: at.col });
  const body = rows.length > 0 && looksLikeHeader(rows[0]!, at.table) ? rows.slice(1) : rows;
  if (body.length === 0) return next;
  const width = Math.max(...body.map((r) => r.length));
  if (first + width > columns.length) {
    throw new GridEditError('plans.edit.pasteTooWide', {
      width,
      room: columns.length - first,
    });
  }
  body.forEach((cells, offset) => {
    const row = at.row + offset;
    if (row >= rowCount(next, at.table)) {
      if (at.table === 'nics') {
        // A new NIC row belongs to the machine its host name cell names.
        const hostCol = columns.findIndex((c) => c.key === 'hostname');
        const host = hostCol >= first ? (cells[hostCol - first] ?? '').trim() : '';
        const machine = next.machines.findIndex((m) => m.hostname === host);
        if (machine < 0) {
          throw new GridEditError('plans.edit.unknownHost', { row: row + 1, value: host });
        }
        addRow(next, 'nics', machine);
        // The NIC was appended to its machine: find its grid row to fill it.
        const index = nicRows(next).findIndex(
          (r) => r.machine === machine && r.nic === next.machines[machine]!.nics.length - 1,
        );
        fill(next, { table: 'nics', row: index, col: at.col }, cells, first, true);
        return;
      }
      addRow(next, at.table);
    }
    fill(next, { table: at.table, row, col: at.col }, cells, first, false);
  });
  return next;
}

function fill(
  plan: PlanRows,
  ref: CellRef,
  cells: readonly string[],
  first: number,
  skipHost: boolean,
): void {
  const columns = GRID_COLUMNS[ref.table];
  cells.forEach((raw, i) => {
    const col = columns[first + i]!;
    if (skipHost && col.key === 'hostname') return;
    try {
      applyCell(plan, { ...ref, col: col.key }, raw);
    } catch (e) {
      // Report the row the engineer sees in the grid.
      if (e instanceof GridEditError && 'row' in e.params) {
        throw new GridEditError(e.key, { ...e.params, row: ref.row + 1, column: col.key });
      }
      throw e;
    }
  });
}

function unescape(part: string): string {
  return part.replace(/~1/g, '/').replace(/~0/g, '~');
}

/**
 * The grid cell a finding's JSON pointer names, or `null` for fields outside the grid (pod CIDR,
 * NTP servers: the forms show those). A pointer to a whole row lands on its first column.
 */
export function cellOfPointer(plan: PlanRows, pointer: string): CellRef | null {
  const parts = pointer.split('/').slice(1).map(unescape);
  const [table, index, field, sub, subField] = parts;
  const row = Number(index);
  if (!Number.isInteger(row)) return null;
  if (table === 'networks' || table === 'vips') {
    const keys = GRID_COLUMNS[table].map((c) => c.key);
    return { table, row, col: field !== undefined && keys.includes(field) ? field : keys[0]! };
  }
  if (table !== 'machines') return null;
  if (field === 'nics' && sub !== undefined) {
    const nic = Number(sub);
    const at = nicRows(plan).findIndex((r) => r.machine === row && r.nic === nic);
    if (at < 0) return null;
    const col =
      subField === 'bond'
        ? parts[5] === 'members'
          ? 'bondMembers'
          : 'bondMode'
        : subField !== undefined && ['name', 'network', 'address', 'mtu'].includes(subField)
          ? subField
          : 'name';
    return { table: 'nics', row: at, col };
  }
  const col =
    field === 'os'
      ? sub === 'kernel'
        ? 'osKernel'
        : 'osRelease'
      : field !== undefined && ['hostname', 'roles', 'cpu', 'memoryGiB', 'disks'].includes(field)
        ? field
        : 'hostname';
  return { table: 'machines', row, col };
}

export function cellKey(ref: CellRef): string {
  return `${ref.table}:${ref.row}:${ref.col}`;
}
