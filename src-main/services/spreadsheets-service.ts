/**
 * Lists exported as spreadsheets (the ops lists): the sheets the renderer laid out, written with
 * exceljs where the engineer chooses, atomically (a cancelled or failed write leaves nothing).
 */
import { dirname, isAbsolute, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import type { DesktopApi, TableExportInput } from '../../src-shared/ipc';
import { writeFileAtomic } from './atomic-file';

export interface TableFilesShell {
  /** Asks where to save the workbook; the absolute path chosen, or null when cancelled. */
  chooseSavePath(suggestedName: string): Promise<string | null>;
}

/** A sheet of the workbook: its name, header row and rows (cells as exceljs takes them). */
export interface XlsxSheet {
  name: string;
  header: readonly (string | number | boolean | null)[];
  rows: readonly (readonly (string | number | boolean | null)[])[];
}

/**
 * The workbook of `sheets`: a bold, frozen header row, columns as wide as their longest cell
 * (10–60). The plan's workbook and the exported lists share it.
 */
export async function sheetsToXlsx(sheets: readonly XlsxSheet[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Fieldbook';
  for (const sheet of sheets) {
    const ws = wb.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.addRow([...sheet.header]);
    ws.getRow(1).font = { bold: true };
    for (const row of sheet.rows) ws.addRow([...row]);
    ws.columns.forEach((c, i) => {
      const longest = Math.max(
        ...[sheet.header[i], ...sheet.rows.map((r) => r[i])].map((v) => String(v ?? '').length),
      );
      c.width = Math.min(60, Math.max(10, longest * 1.6));
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function createSpreadsheetsService(native: TableFilesShell): DesktopApi['spreadsheets'] {
  return {
    async exportTable(input: TableExportInput): Promise<string | null> {
      const chosen = await native.chooseSavePath(input.suggestedName);
      if (chosen === null) return null;
      if (!isAbsolute(chosen))
        throw new Error(`the save dialog returned a relative path: ${chosen}`);
      const target = resolve(chosen);
      await writeFileAtomic(
        target,
        await sheetsToXlsx(
          input.sheets.map((x) => ({ name: x.name, header: x.columns, rows: x.rows })),
        ),
        dirname(target),
        0o644,
      );
      return target;
    },
  };
}
