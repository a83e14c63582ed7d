import { IPC_CHANNELS } from '../../src-shared/ipc';
import type { DesktopApi } from '../../src-shared/ipc';
import type { IpcHandlerMap } from './handler-types';

type SyncChannel =
  | typeof IPC_CHANNELS.syncGetSession
  | typeof IPC_CHANNELS.syncSignIn
  | typeof IPC_CHANNELS.syncSignOut
  | typeof IPC_CHANNELS.syncPull
  | typeof IPC_CHANNELS.syncPush
  | typeof IPC_CHANNELS.syncUploadBlob
  | typeof IPC_CHANNELS.syncDownloadBlob
  | typeof IPC_CHANNELS.syncUploadLocalBlobs
  | typeof IPC_CHANNELS.syncWaitForChanges;

/** Handlers of the `sync:` namespace. */
export function createSyncHandlers(sync: DesktopApi['sync']): IpcHandlerMap<SyncChannel> {
  return {
    [IPC_CHANNELS.syncGetSession]: () => sync.getSession(),
    [IPC_CHANNELS.syncSignIn]: (input) => sync.signIn(input),
    [IPC_CHANNELS.syncSignOut]: () => sync.signOut(),
    [IPC_CHANNELS.syncPull]: (input) => sync.pull(input),
    [IPC_CHANNELS.syncPush]: (input) => sync.push(input),
    [IPC_CHANNELS.syncUploadBlob]: (sha256) => sync.uploadBlob(sha256),
    [IPC_CHANNELS.syncDownloadBlob]: (sha256) => sync.downloadBlob(sha256),
    [IPC_CHANNELS.syncUploadLocalBlobs]: () => sync.uploadLocalBlobs(),
    [IPC_CHANNELS.syncWaitForChanges]: (input) => sync.waitForChanges(input),
  };
}
