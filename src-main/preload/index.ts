/**
 * The preload: exposes exactly the desktop API (src-shared/ipc) as `window.fieldbook`, one method
 * per operation. `ipcRenderer` itself never reaches the page, and there is no generic invoke: the
 * page can only make the calls listed here, and main validates each of them again.
 *
 * Runs sandboxed, so it is bundled to a single CommonJS file (out/preload/index.cjs).
 */
import { contextBridge, ipcRenderer } from 'electron';
import { IPC_CHANNELS } from '../../src-shared/ipc';
import type { DesktopApi, IpcArgs, IpcChannel, IpcResult } from '../../src-shared/ipc';

/** Electron prefixes handler errors with "Error invoking remote method 'x': Error: ". */
const REMOTE_ERROR_PREFIX = /^Error invoking remote method '[^']*': (?:\w*Error: )?/;

async function call<C extends IpcChannel>(channel: C, ...args: IpcArgs<C>): Promise<IpcResult<C>> {
  try {
    return (await ipcRenderer.invoke(channel, ...args)) as IpcResult<C>;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(message.replace(REMOTE_ERROR_PREFIX, ''), { cause: error });
  }
}

const api = {
  app: {
    getInfo: () => call(IPC_CHANNELS.appGetInfo),
  },
  keystore: {
    getDatabaseKey: () => call(IPC_CHANNELS.keystoreGetDatabaseKey),
  },
  blobs: {
    put: (input) => call(IPC_CHANNELS.blobsPut, input),
    get: (sha256) => call(IPC_CHANNELS.blobsGet, sha256),
    has: (sha256) => call(IPC_CHANNELS.blobsHas, sha256),
  },
  deliverables: {
    signPdf: (input) => call(IPC_CHANNELS.deliverablesSignPdf, input),
    verifyPdf: (bytes) => call(IPC_CHANNELS.deliverablesVerifyPdf, bytes),
    savePdf: (input) => call(IPC_CHANNELS.deliverablesSavePdf, input),
    openPdf: (path) => call(IPC_CHANNELS.deliverablesOpenPdf, path),
    getSigningCertificate: () => call(IPC_CHANNELS.deliverablesGetSigningCertificate),
  },
  plans: {
    exportXlsx: (input) => call(IPC_CHANNELS.plansExportXlsx, input),
    importXlsx: () => call(IPC_CHANNELS.plansImportXlsx),
    exportInstaller: (input) => call(IPC_CHANNELS.plansExportInstaller, input),
  },
  workspace: {
    exportFile: (input) => call(IPC_CHANNELS.workspaceExportFile, input),
    importFile: (input) => call(IPC_CHANNELS.workspaceImportFile, input),
  },
  spreadsheets: {
    exportTable: (input) => call(IPC_CHANNELS.spreadsheetsExportTable, input),
  },
  sync: {
    getSession: () => call(IPC_CHANNELS.syncGetSession),
    signIn: (input) => call(IPC_CHANNELS.syncSignIn, input),
    signOut: () => call(IPC_CHANNELS.syncSignOut),
    pull: (input) => call(IPC_CHANNELS.syncPull, input),
    push: (input) => call(IPC_CHANNELS.syncPush, input),
    uploadBlob: (sha256) => call(IPC_CHANNELS.syncUploadBlob, sha256),
    downloadBlob: (sha256) => call(IPC_CHANNELS.syncDownloadBlob, sha256),
    uploadLocalBlobs: () => call(IPC_CHANNELS.syncUploadLocalBlobs),
    waitForChanges: (input) => call(IPC_CHANNELS.syncWaitForChanges, input),
  },
} satisfies DesktopApi;

contextBridge.exposeInMainWorld('fieldbook', api);
