import { IPC_CHANNELS } from '../../src-shared/ipc';
import type { DesktopApi } from '../../src-shared/ipc';
import type { IpcHandlerMap } from './handler-types';

type BlobChannel =
  typeof IPC_CHANNELS.blobsPut | typeof IPC_CHANNELS.blobsGet | typeof IPC_CHANNELS.blobsHas;

/** Handlers of the `blobs:` namespace. */
export function createBlobsHandlers(blobs: DesktopApi['blobs']): IpcHandlerMap<BlobChannel> {
  return {
    [IPC_CHANNELS.blobsPut]: (input) => blobs.put(input),
    [IPC_CHANNELS.blobsGet]: (sha256) => blobs.get(sha256),
    [IPC_CHANNELS.blobsHas]: (sha256) => blobs.has(sha256),
  };
}
