import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { samplePlan } from '../../src-shared/domain/planning/sample-plan';
import { validatePlan } from '../../src-shared/domain/planning/validate-plan';
import { PlanSpreadsheetError, planToXlsx, xlsxToPlan } from './plan-spreadsheet';

describe('plan ↔ xlsx', () => {
  it('round-trips the sample plan without loss, in Chinese and in English', async () => {
    for (const lang of ['zh', 'en'] as const) {
      const plan = samplePlan();
      plan.acceptedWarnings = [
        {
          rule: 'missing-dns',
          path: '/dnsServers',
          reason: '使用 hosts',
          acceptedBy: '王芳',
          acceptedAt: '2026-12-01T10:00:00.000+08:00',
        },
      ];
      plan.vips[2]!.shared = true;
      const back = await xlsxToPlan(await planToXlsx(plan, lang));
      expect(back).toEqual({ ok: true, plan });
    }
  });

  it('writes one sheet per table with Chinese headers', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await planToXlsx(samplePlan())) as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '概要',
      '机器',
      '网卡',
      '磁盘',
      '网络',
      'VIP',
      '外部依赖',
      '环境要求',
      '已接受的警告',
    ]);
    expect(wb.getWorksheet('机器')?.getRow(1).values).toEqual([
      undefined,
      '主机名',
      '角色',
      'CPU（核）',
      '内存（GiB）',
      '操作系统',
      '内核',
    ]);
  });

  it('reads a sheet as engineers type it: columns reordered, numbers as text, 、-separated roles', async () => {
    const bytes = await planToXlsx(samplePlan());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    wb.removeWorksheet(wb.getWorksheet('机器')!.id);
    const ws = wb.addWorksheet('机器');
    ws.addRow(['内存（GiB）', '主机名', 'CPU（核）', '角色']);
    for (const m of samplePlan().machines) {
      ws.addRow([String(m.memoryGiB), m.hostname, ` ${m.cpu} `, m.roles.join('、')]);
    }
    const back = await xlsxToPlan(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(back.ok).toBe(true);
    if (back.ok) {
      expect(back.plan.machines[1]?.roles).toEqual(['control-plane', 'etcd']);
      expect(back.plan.machines[4]?.memoryGiB).toBe(64);
      expect(validatePlan(back.plan).findings).toEqual([]);
    }
  });

  it('names sheet, row and column of a cell it cannot read; changes nothing', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await planToXlsx(samplePlan())) as unknown as ExcelJS.Buffer);
    wb.getWorksheet('机器')!.getCell('C4').value = '十六';
    wb.getWorksheet('网卡')!.getCell('A3').value = 'dce-nobody';
    const back = await xlsxToPlan(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(back.ok).toBe(false);
    if (!back.ok) {
      expect(back.errors).toContainEqual(
        expect.objectContaining({ table: 'machines', row: 4, column: 'CPU（核）' }),
      );
      expect(back.errors).toContainEqual(expect.objectContaining({ table: 'nics', row: 3 }));
      expect(back.errors[0]?.message.zh).toMatch(/第 \d+ 行/);
    }
  });

  it('refuses what is not a workbook', async () => {
    await expect(xlsxToPlan(Buffer.from('not a zip'))).rejects.toBeInstanceOf(PlanSpreadsheetError);
  });
});
