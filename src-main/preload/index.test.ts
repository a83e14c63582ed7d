import { beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS } from '../../src-shared/ipc';
import type { DesktopApi } from '../../src-shared/ipc';

const exposeInMainWorld = vi.fn();
const invoke = vi.fn((channel: string, ...args: unknown[]): Promise<unknown> => {
  if (args[0] === 'bad') {
    return Promise.reject(
      new Error(
        `Error invoking remote method '${channel}': Error: sha256 must be a SHA-256 digest`,
      ),
    );
  }
  return Promise.resolve({ channel, args });
});
vi.mock('electron', () => ({ contextBridge: { exposeInMainWorld }, ipcRenderer: { invoke } }));

let api: DesktopApi;

beforeAll(async () => {
  await import('./index');
  expect(exposeInMainWorld).toHaveBeenCalledTimes(1);
  const [name, exposed] = exposeInMainWorld.mock.calls[0] as [string, DesktopApi];
  expect(name).toBe('fieldbook');
  api = exposed;
});

describe('preload', () => {
  it('exposes exactly the contract methods, no ipcRenderer and no generic invoke', () => {
    const shape = Object.fromEntries(
      Object.entries(api).map(([ns, methods]) => [ns, Object.keys(methods as object).sort()]),
    );
    expect(shape).toEqual({
      app: ['getInfo'],
      keystore: ['getDatabaseKey'],
      blobs: ['get', 'has', 'put'],
      deliverables: ['getSigningCertificate', 'openPdf', 'savePdf', 'signPdf', 'verifyPdf'],
      plans: ['exportInstaller', 'exportXlsx', 'importXlsx'],
      spreadsheets: ['exportTable'],
      workspace: ['exportFile', 'importFile'],
      sync: [
        'downloadBlob',
        'getSession',
        'pull',
        'push',
        'signIn',
        'signOut',
        'uploadBlob',
        'uploadLocalBlobs',
        'waitForChanges',
      ],
    });
    for (const methods of Object.values(api)) {
      for (const fn of Object.values(methods as Record<string, unknown>)) {
        expect(typeof fn).toBe('function');
      }
    }
  });

  it('maps each method to its own channel with its arguments', async () => {
    const bytes = new Uint8Array([1]);
    const hash = 'a'.repeat(64);
    const calls: [Promise<unknown>, string, unknown[]][] = [
      [api.app.getInfo(), IPC_CHANNELS.appGetInfo, []],
      [api.keystore.getDatabaseKey(), IPC_CHANNELS.keystoreGetDatabaseKey, []],
      [
        api.blobs.put({ bytes, name: 'n', mimeType: 'a/b' }),
        IPC_CHANNELS.blobsPut,
        [{ bytes, name: 'n', mimeType: 'a/b' }],
      ],
      [api.blobs.get(hash), IPC_CHANNELS.blobsGet, [hash]],
      [api.blobs.has(hash), IPC_CHANNELS.blobsHas, [hash]],
      [
        api.deliverables.signPdf({
          bytes,
          reason: 'r',
          location: 'l',
          documentNumber: 'FB-FLT-20260304-0001',
          signerName: 's',
        }),
        IPC_CHANNELS.deliverablesSignPdf,
        [
          {
            bytes,
            reason: 'r',
            location: 'l',
            documentNumber: 'FB-FLT-20260304-0001',
            signerName: 's',
          },
        ],
      ],
      [api.deliverables.verifyPdf(bytes), IPC_CHANNELS.deliverablesVerifyPdf, [bytes]],
      [
        api.deliverables.savePdf({ bytes, suggestedName: 'a.pdf' }),
        IPC_CHANNELS.deliverablesSavePdf,
        [{ bytes, suggestedName: 'a.pdf' }],
      ],
      [api.deliverables.openPdf('/tmp/a.pdf'), IPC_CHANNELS.deliverablesOpenPdf, ['/tmp/a.pdf']],
      [api.sync.getSession(), IPC_CHANNELS.syncGetSession, []],
      [
        api.sync.signIn({ serverUrl: 'http://h', username: 'u', password: 'p' }),
        IPC_CHANNELS.syncSignIn,
        [{ serverUrl: 'http://h', username: 'u', password: 'p' }],
      ],
      [api.sync.signOut(), IPC_CHANNELS.syncSignOut, []],
      [
        api.sync.pull({ collection: 'visits', checkpoint: null, limit: 5 }),
        IPC_CHANNELS.syncPull,
        [{ collection: 'visits', checkpoint: null, limit: 5 }],
      ],
      [
        api.sync.push({ collection: 'visits', rows: [] }),
        IPC_CHANNELS.syncPush,
        [{ collection: 'visits', rows: [] }],
      ],
      [api.sync.uploadBlob(hash), IPC_CHANNELS.syncUploadBlob, [hash]],
      [api.sync.downloadBlob(hash), IPC_CHANNELS.syncDownloadBlob, [hash]],
      [api.sync.uploadLocalBlobs(), IPC_CHANNELS.syncUploadLocalBlobs, []],
      [api.sync.waitForChanges({ cursor: 3 }), IPC_CHANNELS.syncWaitForChanges, [{ cursor: 3 }]],
    ];
    for (const [promise, channel, args] of calls) {
      expect(await promise).toEqual({ channel, args });
    }
  });

  it("strips Electron's remote-method prefix from errors", async () => {
    await expect(api.blobs.get('bad')).rejects.toThrow(/^sha256 must be a SHA-256 digest$/);
  });
});
