import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { IPC_ARGS_VALIDATORS, IPC_CHANNELS } from '../../src-shared/ipc';
import { createSpreadsheetsService } from './spreadsheets-service';

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

describe('spreadsheets.exportTable', () => {
  it('writes one sheet per table with a bold header, where the dialog says', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fb-sheets-'));
    dirs.push(dir);
    const service = createSpreadsheetsService({
      chooseSavePath: (name) => Promise.resolve(join(dir, name)),
    });
    const path = await service.exportTable({
      suggestedName: 'ops.xlsx',
      sheets: [
        { name: '变更', columns: ['编号', '标题'], rows: [['CHG-0001', '更换慢盘']] },
        { name: '风险', columns: ['编号'], rows: [] },
      ],
    });
    expect(path).toBe(join(dir, 'ops.xlsx'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await readFile(path!)) as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['变更', '风险']);
    const ws = wb.getWorksheet('变更')!;
    expect(ws.getRow(1).font?.bold).toBe(true);
    expect(ws.getRow(2).values).toEqual([undefined, 'CHG-0001', '更换慢盘']);
  });

  it('writes nothing when the dialog is cancelled', async () => {
    const service = createSpreadsheetsService({ chooseSavePath: () => Promise.resolve(null) });
    expect(
      await service.exportTable({
        suggestedName: 'x.xlsx',
        sheets: [{ name: 'a', columns: [], rows: [] }],
      }),
    ).toBeNull();
  });

  it('refuses payloads that are not sheets of text, with a specific message', () => {
    const validate = IPC_ARGS_VALIDATORS[IPC_CHANNELS.spreadsheetsExportTable];
    const ok = { suggestedName: 'x.xlsx', sheets: [{ name: 'a', columns: ['c'], rows: [['v']] }] };
    expect(validate([ok])).toEqual([ok]);
    expect(() => validate([{ ...ok, suggestedName: 'x.csv' }])).toThrow(/\.xlsx/);
    expect(() => validate([{ ...ok, sheets: [] }])).toThrow(/1 to 20 sheets/);
    expect(() => validate([{ ...ok, sheets: [{ name: 'a/b', columns: [], rows: [] }] }])).toThrow(
      /name/,
    );
    expect(() => validate([{ ...ok, sheets: [{ name: 'a', columns: [], rows: [[1]] }] }])).toThrow(
      /array of strings/,
    );
    expect(() =>
      validate([
        {
          ...ok,
          sheets: [
            { name: 'a', columns: [], rows: [] },
            { name: 'a', columns: [], rows: [] },
          ],
        },
      ]),
    ).toThrow(/used twice/);
  });
});
