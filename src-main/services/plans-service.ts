/**
 * The plan's spreadsheet for the app: export where the engineer chooses, import from the file the
 * engineer picks, with the same exceljs code as `fieldbook plan import/export`.
 */
import { mkdir, readFile, rm, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { installerConfig } from '../../src-shared/domain/planning/installer-config';
import { validatePlan } from '../../src-shared/domain/planning/validate-plan';
import type {
  DesktopApi,
  PlanExportInput,
  PlanImportResult,
  PlanInstallerExport,
  PlanInstallerExportInput,
} from '../../src-shared/ipc';
import { MAX_PLAN_XLSX_BYTES, planToXlsx, xlsxToPlan } from './plan-spreadsheet';
import { writeFileAtomic } from './atomic-file';

export interface PlanFilesShell {
  /** Asks where to save the workbook; the absolute path chosen, or null when cancelled. */
  chooseSavePath(suggestedName: string): Promise<string | null>;
  /** Asks for the path of a folder to create (a save dialog); absolute, or null when cancelled. */
  chooseFolderPath(folderName: string): Promise<string | null>;
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

    async exportInstaller(input: PlanInstallerExportInput): Promise<PlanInstallerExport | null> {
      // The same gate as `fieldbook plan installer`: the installer must not read a plan with errors.
      const errors = validatePlan(input.plan).findings.filter((f) => f.severity === 'error');
      if (errors.length > 0) {
        throw new Error(
          `the plan has ${errors.length} error finding(s) (${errors
            .slice(0, 3)
            .map((f) => `${f.rule} at ${f.path}`)
            .join(', ')}); nothing was written`,
        );
      }
      const chosen = await native.chooseFolderPath(input.folderName);
      if (chosen === null) return null;
      if (!isAbsolute(chosen))
        throw new Error(`the save dialog returned a relative path: ${chosen}`);
      const target = resolve(chosen);
      const files = installerConfig(input.plan);
      await mkdir(dirname(target), { recursive: true });
      try {
        // Not recursive: an existing folder (or file) of that name is refused, never written into.
        await mkdir(target);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EEXIST') {
          throw new Error(
            `${target} already exists; choose a new folder name. Nothing was written`,
            { cause: e },
          );
        }
        throw e;
      }
      try {
        for (const f of files) {
          const path = join(target, f.path);
          await mkdir(dirname(path), { recursive: true });
          await writeFileAtomic(path, Buffer.from(f.content, 'utf8'), dirname(path), 0o644);
        }
      } catch (e) {
        // The folder was created just now by this call: nothing in it is anyone else's, and a
        // half-written configuration must not be left for the installer to read.
        await rm(target, { recursive: true, force: true }).catch(() => undefined);
        throw e;
      }
      return { path: target, files: files.map((f) => f.path) };
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
