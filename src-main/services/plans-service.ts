/**
 * The plan's spreadsheet for the app: export where the engineer chooses, import from the file the
 * engineer picks, with the same exceljs code as `fieldbook plan import/export`.
 */
import { readFile, stat } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { DesktopApi, PlanExportInput, PlanImportResult } from '../../src-shared/ipc';
import { MAX_PLAN_XLSX_BYTES, planToXlsx, xlsxToPlan } from './plan-spreadsheet';
import { writeFileAtomic } from './atomic-file';

export interface PlanFilesShell {
  /** Asks where to save the workbook; the absolute path chosen, or null when cancelled. */
  chooseSavePath(suggestedName: string): Promise<string | null>;
  /** Asks which workbook to open; the absolute path chosen, or null when cancelled. */
  chooseOpenPath(): Promise<string | null>;
}

export function createPlansService(native: PlanFilesShell): DesktopApi['plans'] {
  return {
    async exportXlsx(input: PlanExportInput): Promise<string | null> {
      const chosen = await native.chooseSavePath(input.suggestedName);
      if (chosen === null) return null;
      if (!isAbsolute(chosen))
        throw new Error(`the save dialog returned a relative path: ${chosen}`);
      const target = resolve(chosen);
      const bytes = await planToXlsx(input.plan, input.lang);
      await writeFileAtomic(target, bytes, dirname(target), 0o644);
      return target;
    },

    async importXlsx(): Promise<PlanImportResult | null> {
      const chosen = await native.chooseOpenPath();
      if (chosen === null) return null;
      if (!isAbsolute(chosen))
        throw new Error(`the open dialog returned a relative path: ${chosen}`);
      const info = await stat(chosen);
      if (!info.isFile()) throw new Error(`${chosen} is not a file`);
      if (info.size > MAX_PLAN_XLSX_BYTES) {
        throw new Error(
          `the workbook is ${info.size} bytes; at most ${MAX_PLAN_XLSX_BYTES} are read`,
        );
      }
      const name = chosen.split(/[\\/]/).pop() ?? chosen;
      const result = await xlsxToPlan(await readFile(chosen));
      return result.ok
        ? { ok: true, name, plan: result.plan }
        : {
            ok: false,
            name,
            errors: result.errors.map((e) => ({
              table: e.table,
              row: e.row,
              ...(e.column !== undefined ? { column: e.column } : {}),
              message: e.message,
            })),
          };
    },
  };
}
