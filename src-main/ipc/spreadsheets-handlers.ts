import { IPC_CHANNELS } from '../../src-shared/ipc';
import type { DesktopApi } from '../../src-shared/ipc';
import type { IpcHandlerMap } from './handler-types';

/** Handlers of the `spreadsheets:` namespace. */
export function createSpreadsheetsHandlers(
  spreadsheets: DesktopApi['spreadsheets'],
): IpcHandlerMap<typeof IPC_CHANNELS.spreadsheetsExportTable> {
  return {
    [IPC_CHANNELS.spreadsheetsExportTable]: (input) => spreadsheets.exportTable(input),
  };
}
