import { IPC_CHANNELS } from '../../src-shared/ipc';
import type { DesktopApi } from '../../src-shared/ipc';
import type { IpcHandlerMap } from './handler-types';

/** Handlers of the `app:` namespace. */
export function createAppHandlers(
  app: DesktopApi['app'],
): IpcHandlerMap<typeof IPC_CHANNELS.appGetInfo> {
  return {
    [IPC_CHANNELS.appGetInfo]: () => app.getInfo(),
  };
}
