import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { IpcMainInvokeEvent } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ALL_IPC_CHANNELS, IPC_CHANNELS } from '../../src-shared/ipc';

import { createDesktopServices } from '../services/desktop-services';
import { createPassphraseProtector } from '../services/key-store';
import { registerIpcHandlers } from './register';

// The IPC gate takes ipcMain as a parameter; a runtime import of 'electron' would fail here.
vi.mock('electron', () => {
  throw new Error('register.ts must only import types from electron');
});

const rendererDir = join(process.cwd(), 'out', 'renderer');
const origin = { rendererDir };
const appPage = pathToFileURL(join(rendererDir, 'index.html')).href;

type Listener = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;

let dir: string;
let listeners: Map<string, Listener>;
let services: ReturnType<typeof createDesktopServices>;
let unregister: () => void;

function event(url: string | null, isTopFrame = true): IpcMainInvokeEvent {
  const senderFrame = url === null ? null : { url, parent: isTopFrame ? null : { url } };
  return { senderFrame } as unknown as IpcMainInvokeEvent;
}

function invoke(channel: string, from: IpcMainInvokeEvent, ...args: unknown[]): Promise<unknown> {
  const listener = listeners.get(channel);
  if (!listener) return Promise.reject(new Error(`no handler for ${channel}`));
  return Promise.resolve(listener(from, ...args));
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fieldbook-ipc-'));
  listeners = new Map();
  services = createDesktopServices({
    userDataDir: dir,
    protector: createPassphraseProtector('t', { N: 1024, r: 8, p: 1, maxmem: 2 ** 26 }),
    native: { chooseSavePath: () => Promise.resolve(null), openPath: () => Promise.resolve() },
    appInfo: { version: '1.2.3', electron: '45.4.1', locale: 'zh-CN' },
  });
  const ipcMain = {
    handle: (channel: string, listener: Listener) => listeners.set(channel, listener),
    removeHandler: (channel: string) => listeners.delete(channel),
  };
  unregister = registerIpcHandlers(ipcMain, services, origin);
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});

afterEach(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

describe('registerIpcHandlers', () => {
  it('registers exactly the contract channels, and removes them again', () => {
    expect([...listeners.keys()].sort()).toEqual([...ALL_IPC_CHANNELS].sort());
    unregister();
    expect(listeners.size).toBe(0);
  });

  it('serves the app page through the real services', async () => {
    const app = event(`${appPage}#/visits`);
    expect(await invoke(IPC_CHANNELS.appGetInfo, app)).toMatchObject({ version: '1.2.3' });
    const key = await invoke(IPC_CHANNELS.keystoreGetDatabaseKey, app);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    const ref = (await invoke(IPC_CHANNELS.blobsPut, app, {
      bytes: new Uint8Array([1, 2, 3]),
      name: 'a.bin',
      mimeType: 'application/octet-stream',
    })) as { sha256: string };
    expect(await invoke(IPC_CHANNELS.blobsHas, app, ref.sha256)).toBe(true);
    expect(
      Array.from((await invoke(IPC_CHANNELS.blobsGet, app, ref.sha256)) as Uint8Array),
    ).toEqual([1, 2, 3]);
    // A Buffer (what Electron may hand main for a Uint8Array) is accepted too.
    await expect(
      invoke(IPC_CHANNELS.blobsPut, app, { bytes: Buffer.from('x'), name: 'x', mimeType: 'a/b' }),
    ).resolves.toMatchObject({ size: 1 });
  });

  it('refuses callers that are not the app page, before touching any service', async () => {
    const getKey = vi.spyOn(services.keystore, 'getDatabaseKey');
    const cases: [IpcMainInvokeEvent, RegExp][] = [
      [event('https://evil.example/'), /https:\/\/evil\.example\/\) is not the Fieldbook app page/],
      [event('file:///tmp/downloaded.html'), /not the Fieldbook app page/],
      [event(appPage, false), /not the Fieldbook app page/],
      [event(null), /unknown frame/],
    ];
    for (const [from, message] of cases) {
      await expect(invoke(IPC_CHANNELS.keystoreGetDatabaseKey, from)).rejects.toThrow(message);
    }
    expect(getKey).not.toHaveBeenCalled();
  });

  it('validates payloads and reports what is wrong, before touching any service', async () => {
    const put = vi.spyOn(services.blobs, 'put');
    const get = vi.spyOn(services.blobs, 'get');
    const app = event(appPage);
    await expect(
      invoke(IPC_CHANNELS.blobsGet, app, '../../keystore/database-key.json'),
    ).rejects.toThrow(/^sha256 must be a SHA-256 digest/);
    await expect(
      invoke(IPC_CHANNELS.blobsPut, app, { bytes: 'AAAA', name: 'a', mimeType: 'a/b' }),
    ).rejects.toThrow('bytes must be a Uint8Array, got string');
    await expect(
      invoke(IPC_CHANNELS.blobsPut, app, {
        bytes: new Uint8Array(1),
        name: 'a/../b',
        mimeType: 'a/b',
      }),
    ).rejects.toThrow(/path separators/);
    await expect(invoke(IPC_CHANNELS.appGetInfo, app, 'extra')).rejects.toThrow(
      'app.getInfo takes no arguments, got 1',
    );
    await expect(invoke(IPC_CHANNELS.blobsHas, app)).rejects.toThrow(/exactly one argument, got 0/);
    expect(put).not.toHaveBeenCalled();
    expect(get).not.toHaveBeenCalled();
  });

  it('checks deliverables payloads before the signing and saving services run', async () => {
    const sign = vi.spyOn(services.deliverables, 'signPdf');
    const save = vi.spyOn(services.deliverables, 'savePdf');
    const open = vi.spyOn(services.deliverables, 'openPdf');
    const app = event(appPage);
    await expect(
      invoke(IPC_CHANNELS.deliverablesSignPdf, app, {
        bytes: new TextEncoder().encode('<html>'),
        reason: 'r',
        location: 'l',
        documentNumber: 'FB-FLT-20260304-0001',
        signerName: 's',
      }),
    ).rejects.toThrow(/not a PDF/);
    await expect(
      invoke(IPC_CHANNELS.deliverablesSavePdf, app, {
        bytes: new TextEncoder().encode('%PDF-1.7'),
        suggestedName: '../../.bashrc',
      }),
    ).rejects.toThrow(/path separators/);
    await expect(invoke(IPC_CHANNELS.deliverablesOpenPdf, app, 'relative.pdf')).rejects.toThrow(
      /absolute path/,
    );
    // A valid path that was never exported: the service refuses it.
    await expect(invoke(IPC_CHANNELS.deliverablesOpenPdf, app, '/etc/passwd')).rejects.toThrow(
      /exported in this session/,
    );
    expect(sign).not.toHaveBeenCalled();
    expect(save).not.toHaveBeenCalled();
    expect(open).toHaveBeenCalledTimes(1);
  });

  it('passes service failures back as plain messages', async () => {
    vi.spyOn(services.keystore, 'getDatabaseKey').mockRejectedValue(new Error('keyring locked'));
    await expect(invoke(IPC_CHANNELS.keystoreGetDatabaseKey, event(appPage))).rejects.toThrow(
      /^keyring locked$/,
    );
    expect(console.error).toHaveBeenCalled();
  });
});
