/**
 * Wires the desktop API to `ipcMain`. Every call goes through the same gate: the sender must be the
 * app's own top-level page, and the arguments must pass the contract's validators, before the
 * namespace handler (which delegates to the desktop services) runs.
 */
import type { IpcMainInvokeEvent } from 'electron';
import { ALL_IPC_CHANNELS, IPC_ARGS_VALIDATORS, IpcPayloadError } from '../../src-shared/ipc';
import type { DesktopApi, IpcChannel } from '../../src-shared/ipc';
import { isAppResourceUrl } from '../app/security';
import type { AppOrigin } from '../app/security';
import { createAppHandlers } from './app-handlers';
import { createBlobsHandlers } from './blobs-handlers';
import { createDeliverablesHandlers } from './deliverables-handlers';
import type { IpcHandler, IpcHandlerMap } from './handler-types';
import { createKeystoreHandlers } from './keystore-handlers';
import { createPlansHandlers } from './plans-handlers';
import { createSpreadsheetsHandlers } from './spreadsheets-handlers';
import { createSyncHandlers } from './sync-handlers';
import { createWorkspaceHandlers } from './workspace-handlers';

/** The part of `ipcMain` used here (lets tests pass a fake). */
export interface IpcMainLike {
  handle(
    channel: string,
    listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown,
  ): void;
  removeHandler(channel: string): void;
}

/** Raised when a call does not come from the app's own page. */
export class UntrustedSenderError extends Error {
  constructor(channel: string, url: string) {
    super(
      `${channel} refused: the caller (${url || 'unknown frame'}) is not the Fieldbook app page`,
    );
    this.name = 'UntrustedSenderError';
  }
}

/** Every channel's handler; the compiler checks that none is missing. */
export function createIpcHandlers(api: DesktopApi): IpcHandlerMap {
  return {
    ...createAppHandlers(api.app),
    ...createKeystoreHandlers(api.keystore),
    ...createBlobsHandlers(api.blobs),
    ...createDeliverablesHandlers(api.deliverables),
    ...createPlansHandlers(api.plans),
    ...createWorkspaceHandlers(api.workspace),
    ...createSpreadsheetsHandlers(api.spreadsheets),
    ...createSyncHandlers(api.sync),
  };
}

/**
 * Throws unless the call comes from the top-level frame of the app's page (a file of the renderer
 * build, or the dev server). A frame that navigated away or was destroyed has no `senderFrame`.
 */
export function assertTrustedSender(
  channel: IpcChannel,
  event: IpcMainInvokeEvent,
  origin: AppOrigin,
): void {
  const frame = event.senderFrame;
  const url = frame?.url ?? '';
  if (!frame || frame.parent !== null || !isAppResourceUrl(url, origin)) {
    throw new UntrustedSenderError(channel, url);
  }
}

async function dispatch<C extends IpcChannel>(
  channel: C,
  handler: IpcHandler<C>,
  event: IpcMainInvokeEvent,
  args: unknown[],
  origin: AppOrigin,
): Promise<unknown> {
  try {
    assertTrustedSender(channel, event, origin);
    const parsed = IPC_ARGS_VALIDATORS[channel](args);
    return await handler(...parsed);
  } catch (error) {
    const expected = error instanceof IpcPayloadError || error instanceof UntrustedSenderError;
    if (expected) console.warn(`[ipc] ${channel}: ${error.message}`);
    else console.error(`[ipc] ${channel} failed`, error);
    // Only the message crosses the process boundary; keep it readable for the UI and the logs.
    throw new Error(
      error instanceof Error ? error.message : `${channel} failed: ${String(error)}`,
      {
        cause: error,
      },
    );
  }
}

/** Registers a handler for every channel of the contract. Returns a function that removes them. */
export function registerIpcHandlers(
  ipcMain: IpcMainLike,
  api: DesktopApi,
  origin: AppOrigin,
): () => void {
  const handlers = createIpcHandlers(api);
  for (const channel of ALL_IPC_CHANNELS) {
    const handler = handlers[channel] as IpcHandler<typeof channel>;
    ipcMain.handle(channel, (event, ...args) => dispatch(channel, handler, event, args, origin));
  }
  return () => {
    for (const channel of ALL_IPC_CHANNELS) ipcMain.removeHandler(channel);
  };
}
