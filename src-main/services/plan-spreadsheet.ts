/**
 * The plan as the .xlsx workbook engineers exchange with the customer's network and server
 * teams: one sheet per table of plan-tables.ts (机器, 网卡, 磁盘, 网络, VIP, …), Chinese headers
 * by default. Used by `fieldbook plan import/export` and by the app's main process.
 */
import ExcelJS from 'exceljs';
import { sheetsToXlsx } from './spreadsheets-service';
import type { Plan } from '../../src-shared/domain/planning/plan';
import type {
  Cell,
  TableData,
  TableId,
  TablesToPlan,
} from '../../src-shared/domain/planning/plan-tables';
import {
  PLAN_TABLES,
  planToTables,
  tablesToPlan,
} from '../../src-shared/domain/planning/plan-tables';

/** Largest workbook read (a 5,000-machine plan is well under 5 MB). */
export const MAX_PLAN_XLSX_BYTES = 20 * 1024 * 1024;

export class PlanSpreadsheetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlanSpreadsheetError';
  }
}

export async function planToXlsx(plan: Plan, lang: 'zh' | 'en' = 'zh'): Promise<Buffer> {
  const tables = planToTables(plan, lang);
  return sheetsToXlsx(
    PLAN_TABLES.map((spec) => ({
      name: spec.title[lang],
      header: tables[spec.id].header,
      rows: tables[spec.id].rows,
    })),
  );
}

function cellValue(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') {
    // Rich text, hyperlinks and formulas: their displayed text or result.
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('result' in v) return cellValue(v.result);
    // An error value (#N/A, #REF!) or another kind of cell: keep what it shows, as text.
    return JSON.stringify(v);
  }
  return null;
}

export async function xlsxToPlan(bytes: Buffer): Promise<TablesToPlan> {
  if (bytes.length > MAX_PLAN_XLSX_BYTES) {
    throw new PlanSpreadsheetError(
      `the workbook is ${bytes.length} bytes; plans larger than ${MAX_PLAN_XLSX_BYTES} are refused`,
    );
  }
  const wb = new ExcelJS.Workbook();
  try {
    // exceljs declares its own Buffer type; the bytes are a Node Buffer.
    await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch (e) {
    throw new PlanSpreadsheetError(`not an .xlsx workbook: ${(e as Error).message}`);
  }
  const tables: Partial<Record<TableId, TableData>> = {};
  wb.eachSheet((ws) => {
    const spec = PLAN_TABLES.find(
      (t) =>
        t.title.zh === ws.name.trim() || t.title.en.toLowerCase() === ws.name.trim().toLowerCase(),
    );
    if (!spec) return;
    const rows: Cell[][] = [];
    ws.eachRow({ includeEmpty: true }, (row, n) => {
      const values = (row.values as ExcelJS.CellValue[]).slice(1).map(cellValue);
      rows[n - 1] = values;
    });
    const [header = [], ...rest] = Array.from(rows, (r) => r ?? []);
    tables[spec.id] = { header, rows: rest };
  });
  return tablesToPlan(tables);
}
