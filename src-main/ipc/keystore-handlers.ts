import { IPC_CHANNELS } from '../../src-shared/ipc';
import type { DesktopApi } from '../../src-shared/ipc';
import type { IpcHandlerMap } from './handler-types';

/** Handlers of the `keystore:` namespace. */
export function createKeystoreHandlers(
  keystore: DesktopApi['keystore'],
): IpcHandlerMap<typeof IPC_CHANNELS.keystoreGetDatabaseKey> {
  return {
    [IPC_CHANNELS.keystoreGetDatabaseKey]: () => keystore.getDatabaseKey(),
  };
}
