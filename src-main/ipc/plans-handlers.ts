import { IPC_CHANNELS } from '../../src-shared/ipc';
import type { DesktopApi } from '../../src-shared/ipc';
import type { IpcHandlerMap } from './handler-types';

type PlansChannel =
  | typeof IPC_CHANNELS.plansExportXlsx
  | typeof IPC_CHANNELS.plansImportXlsx
  | typeof IPC_CHANNELS.plansExportInstaller;

/** Handlers of the `plans:` namespace. */
export function createPlansHandlers(plans: DesktopApi['plans']): IpcHandlerMap<PlansChannel> {
  return {
    [IPC_CHANNELS.plansExportXlsx]: (input) => plans.exportXlsx(input),
    [IPC_CHANNELS.plansImportXlsx]: () => plans.importXlsx(),
    [IPC_CHANNELS.plansExportInstaller]: (input) => plans.exportInstaller(input),
  };
}
