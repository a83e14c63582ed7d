import { IPC_CHANNELS } from '../../src-shared/ipc';
import type { DesktopApi } from '../../src-shared/ipc';
import type { IpcHandlerMap } from './handler-types';

type WorkspaceChannel =
  typeof IPC_CHANNELS.workspaceExportFile | typeof IPC_CHANNELS.workspaceImportFile;

/** Handlers of the `workspace:` namespace. */
export function createWorkspaceHandlers(
  workspace: DesktopApi['workspace'],
): IpcHandlerMap<WorkspaceChannel> {
  return {
    [IPC_CHANNELS.workspaceExportFile]: (input) => workspace.exportFile(input),
    [IPC_CHANNELS.workspaceImportFile]: (input) => workspace.importFile(input),
  };
}
