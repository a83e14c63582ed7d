/**
 * The native save dialog and system viewer for the deliverables service, on Electron's `dialog`
 * and `shell`. Kept out of src-main/services, which never import electron.
 */
import { join } from 'node:path';
import type { BrowserWindow, Dialog, OpenDialogOptions, SaveDialogOptions, Shell } from 'electron';
import type { NativeShell } from '../services/deliverables-service';
import type { PlanFilesShell } from '../services/plans-service';
import type { WorkspaceFilesShell } from '../services/workspace-service';
import { WORKSPACE_FILE_EXTENSION } from '../../src-shared/db/workspace-transfer';

export function createElectronNativeShell(deps: {
  dialog: Pick<Dialog, 'showSaveDialog'>;
  shell: Pick<Shell, 'openPath'>;
  /** The window the dialog is modal to; null shows it unparented. */
  window: () => BrowserWindow | null;
  /** Folder the dialog starts in (the user's Documents). */
  defaultDir: () => string;
}): NativeShell {
  return {
    async chooseSavePath(suggestedName) {
      const options = {
        defaultPath: join(deps.defaultDir(), suggestedName),
        filters: [{ name: 'PDF', extensions: ['pdf'] }],
        properties: ['createDirectory', 'showOverwriteConfirmation'] as (
          'createDirectory' | 'showOverwriteConfirmation'
        )[],
      };
      const parent = deps.window();
      const result = parent
        ? await deps.dialog.showSaveDialog(parent, options)
        : await deps.dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    async openPath(path) {
      // shell.openPath resolves with an error message, '' on success.
      const error = await deps.shell.openPath(path);
      if (error !== '') throw new Error(`the system viewer could not open the file: ${error}`);
    },
  };
}

interface FileDialogDeps {
  dialog: Pick<Dialog, 'showSaveDialog' | 'showOpenDialog'>;
  window: () => BrowserWindow | null;
  defaultDir: () => string;
}

/** The save and open dialogs of the plan's workbook (.xlsx). */
export function createElectronPlanFilesShell(deps: FileDialogDeps): PlanFilesShell {
  return createElectronFileDialogs(deps, { name: 'Excel', extensions: ['xlsx'] });
}

/** The save and open dialogs of workspace files (.fieldbook). */
export function createElectronWorkspaceFilesShell(deps: FileDialogDeps): WorkspaceFilesShell {
  return createElectronFileDialogs(deps, {
    name: 'Fieldbook',
    extensions: [WORKSPACE_FILE_EXTENSION],
  });
}

function createElectronFileDialogs(
  deps: FileDialogDeps,
  filter: { name: string; extensions: string[] },
): PlanFilesShell & WorkspaceFilesShell {
  const filters = [filter];
  const chooseSave = async (options: SaveDialogOptions) => {
    const parent = deps.window();
    const result = parent
      ? await deps.dialog.showSaveDialog(parent, options)
      : await deps.dialog.showSaveDialog(options);
    return result.canceled || !result.filePath ? null : result.filePath;
  };
  return {
    chooseSavePath: (suggestedName) =>
      chooseSave({
        defaultPath: join(deps.defaultDir(), suggestedName),
        filters,
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      }),
    // A save dialog names the new folder (no filter): the service creates it.
    chooseFolderPath: (folderName) =>
      chooseSave({
        defaultPath: join(deps.defaultDir(), folderName),
        properties: ['createDirectory'],
      }),
    async chooseOpenPath() {
      const options: OpenDialogOptions = {
        defaultPath: deps.defaultDir(),
        filters,
        properties: ['openFile'],
      };
      const parent = deps.window();
      const result = parent
        ? await deps.dialog.showOpenDialog(parent, options)
        : await deps.dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
  };
}
