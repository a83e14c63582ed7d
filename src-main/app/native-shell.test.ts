import { join } from 'node:path';
import type { BrowserWindow, Dialog, SaveDialogOptions, Shell } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { createElectronNativeShell } from './native-shell';

// native-shell takes dialog and shell as parameters; a runtime import of 'electron' would fail.
vi.mock('electron', () => {
  throw new Error('native-shell.ts must only import types from electron');
});

function fakes(answer: { canceled: boolean; filePath?: string }, openError = '') {
  const seen: { parent: unknown; options: SaveDialogOptions }[] = [];
  const opened: string[] = [];
  const dialog = {
    showSaveDialog: (a: unknown, b?: SaveDialogOptions) => {
      const [parent, options] = b === undefined ? [null, a as SaveDialogOptions] : [a, b];
      seen.push({ parent, options });
      return Promise.resolve({ canceled: answer.canceled, filePath: answer.filePath ?? '' });
    },
  } as unknown as Pick<Dialog, 'showSaveDialog'>;
  const shell = {
    openPath: (p: string) => {
      opened.push(p);
      return Promise.resolve(openError);
    },
  } as Pick<Shell, 'openPath'>;
  return { dialog, shell, seen, opened };
}

describe('Electron native shell', () => {
  it('proposes the name in the documents folder, modal to the window, PDF only', async () => {
    const f = fakes({ canceled: false, filePath: '/home/u/Documents/chosen.pdf' });
    const window = {} as BrowserWindow;
    const native = createElectronNativeShell({
      ...f,
      window: () => window,
      defaultDir: () => '/home/u/Documents',
    });
    expect(await native.chooseSavePath('FB-FLT-20260304-0001-r1-zh.pdf')).toBe(
      '/home/u/Documents/chosen.pdf',
    );
    expect(f.seen[0]?.parent).toBe(window);
    expect(f.seen[0]?.options.defaultPath).toBe(
      join('/home/u/Documents', 'FB-FLT-20260304-0001-r1-zh.pdf'),
    );
    expect(f.seen[0]?.options.filters).toEqual([{ name: 'PDF', extensions: ['pdf'] }]);
  });

  it('reports a cancelled dialog as null, and a viewer failure as an error', async () => {
    const f = fakes({ canceled: true }, 'No application is registered for .pdf');
    const native = createElectronNativeShell({ ...f, window: () => null, defaultDir: () => '/d' });
    expect(await native.chooseSavePath('a.pdf')).toBeNull();
    expect(f.seen[0]?.parent).toBeNull();
    await expect(native.openPath('/d/a.pdf')).rejects.toThrow(/No application is registered/);
    expect(f.opened).toEqual(['/d/a.pdf']);
  });
});
