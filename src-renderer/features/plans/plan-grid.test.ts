import { describe, expect, it } from 'vitest';
import type { PlanDoc } from '../../../src-shared/db/types';
import { planDocFields, planOfDoc } from '../../../src-shared/domain/planning/plan-doc';
import { samplePlan } from '../../../src-shared/domain/planning/sample-plan';
import { validatePlan } from '../../../src-shared/domain/planning/validate-plan';
import { messages } from './messages';
import {
  GridEditError,
  addRow,
  cellOfPointer,
  cellText,
  editCell,
  nicRows,
  parseClipboardTable,
  pasteRows,
  removeRow,
} from './plan-grid';

let n = 0;
function doc(): PlanDoc {
  return {
    id: 'p',
    customerId: 'c',
    clusterId: 'k',
    status: 'draft',
    ...planDocFields(samplePlan(), () => `r${++n}`),
    createdAt: '2026-12-01T00:00:00Z',
    updatedAt: '2026-12-01T00:00:00Z',
  };
}

describe('parseClipboardTable', () => {
  it('reads Excel’s tab-separated text, quoted cells with tabs, newlines and quotes', () => {
    expect(parseClipboardTable('a\tb\r\nc\td\r\n')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(parseClipboardTable('"x\ty"\t"line1\nline2"\t"say ""hi"""\n')).toEqual([
      ['x\ty', 'line1\nline2', 'say "hi"'],
    ]);
    expect(parseClipboardTable('only')).toEqual([['only']]);
    expect(parseClipboardTable('a\t\tc')).toEqual([['a', '', 'c']]);
  });
});

describe('editing cells', () => {
  it('sets typed values and refuses unreadable ones without changing anything', () => {
    const d = doc();
    const next = editCell(d, { table: 'machines', row: 1, col: 'cpu' }, '32');
    expect(next.machines[1]!.cpu).toBe(32);
    expect(d.machines[1]!.cpu).toBe(16);
    expect(() => editCell(d, { table: 'machines', row: 1, col: 'cpu' }, '32 cores')).toThrow(
      GridEditError,
    );
    expect(() => editCell(d, { table: 'networks', row: 0, col: 'mtu' }, '1500.5')).toThrow(
      /notInteger/,
    );
    const disks = editCell(d, { table: 'machines', row: 0, col: 'disks' }, '/:100:ssd; :2000');
    expect(disks.machines[0]!.disks).toEqual([
      { mount: '/', sizeGiB: 100, type: 'ssd' },
      { mount: '', sizeGiB: 2000 },
    ]);
    expect(cellText(disks, { table: 'machines', row: 0, col: 'disks' })).toBe('/:100:ssd; :2000');
  });

  it('edits NICs through the flattened NIC table, bonds included', () => {
    const d = doc();
    const rows = nicRows(d);
    const bond = rows.findIndex((r) => r.machine === 1 && r.nic === 2);
    expect(cellText(d, { table: 'nics', row: bond, col: 'bondMembers' })).toBe('ens1f0, ens1f1');
    const next = editCell(d, { table: 'nics', row: bond, col: 'address' }, '10.20.30.99');
    expect(next.machines[1]!.nics[2]!.address).toBe('10.20.30.99');
    expect(() => editCell(d, { table: 'nics', row: 0, col: 'hostname' }, 'nobody')).toThrow(
      /unknownHost/,
    );
  });
});

describe('pasting rows', () => {
  it('fills cells from the focused one, adds rows past the end, skips a copied header', () => {
    const d = doc();
    const next = pasteRows(d, { table: 'networks', row: 1, col: 'name' }, [
      ['名称', '网段（CIDR）', '网关'],
      ['backup', '10.20.50.0/24', '10.20.50.1'],
      ['heartbeat', '10.20.60.0/24', ''],
    ]);
    expect(next.networks.map((x) => x.name)).toEqual(['mgmt', 'backup', 'heartbeat']);
    expect(next.networks[2]!.rowId).toMatch(/^r/);
    expect(next.networks[1]!.rowId).toBe(d.networks[1]!.rowId);
  });

  it('NIC rows go to the machine they name; one bad row refuses the whole paste', () => {
    const d = doc();
    const at = { table: 'nics' as const, row: nicRows(d).length, col: 'hostname' };
    const next = pasteRows(d, at, [['dce-worker-03', 'ens3f0', 'mgmt', '10.20.30.63']]);
    expect(next.machines[6]!.nics.at(-1)).toMatchObject({ name: 'ens3f0', address: '10.20.30.63' });
    expect(() =>
      pasteRows(d, at, [
        ['dce-worker-03', 'ens3f0', 'mgmt', '10.20.30.63'],
        ['dce-worker-09', 'ens3f0', 'mgmt', '10.20.30.64'],
      ]),
    ).toThrow(/unknownHost/);
    expect(() =>
      pasteRows(d, { table: 'vips', row: 0, col: 'shared' }, [['yes', 'extra']]),
    ).toThrow(/pasteTooWide/);
  });

  it('adds and removes rows', () => {
    const d = structuredClone(doc());
    addRow(d, 'machines');
    expect(d.machines).toHaveLength(8);
    addRow(d, 'nics');
    expect(d.machines[7]!.nics).toHaveLength(1);
    removeRow(d, 'nics', nicRows(d).length - 1);
    expect(d.machines[7]!.nics).toHaveLength(0);
    removeRow(d, 'vips', 0);
    expect(d.vips.map((v) => v.role)).toEqual(['ingress', 'insight']);
  });
});

describe('findings on cells', () => {
  it('puts a duplicate IP on the NIC cell that holds it', () => {
    const d = doc();
    const worker = nicRows(d).findIndex((r) => r.machine === 6 && r.nic === 2);
    const dup = editCell(d, { table: 'nics', row: worker, col: 'address' }, '10.20.30.31');
    const findings = validatePlan(planOfDoc(dup)).findings.filter((f) => f.rule === 'duplicate-ip');
    expect(findings.length).toBeGreaterThan(0);
    const cells = findings.map((f) => cellOfPointer(dup, f.path));
    expect(cells).toContainEqual({ table: 'nics', row: worker, col: 'address' });
  });

  it('maps pointers of every table, and leaves form fields to the forms', () => {
    const d = doc();
    expect(cellOfPointer(d, '/networks/1/gateway')).toEqual({
      table: 'networks',
      row: 1,
      col: 'gateway',
    });
    expect(cellOfPointer(d, '/vips/0')).toEqual({ table: 'vips', row: 0, col: 'role' });
    expect(cellOfPointer(d, '/machines/2/os/kernel')).toEqual({
      table: 'machines',
      row: 2,
      col: 'osKernel',
    });
    expect(cellOfPointer(d, '/machines/2/nics/2/bond/members/0')?.col).toBe('bondMembers');
    expect(cellOfPointer(d, '/podCidr')).toBeNull();
  });

  it('has a message in both languages for every refusal', () => {
    for (const key of Object.keys(messages.zh).filter((k) => k.startsWith('plans.edit.'))) {
      expect(messages.en).toHaveProperty(key);
    }
  });
});
