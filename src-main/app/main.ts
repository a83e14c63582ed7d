/**
 * Electron main process: lifecycle, the window, the menu, and the wiring of the desktop services
 * to IPC. Everything with logic lives in src-main/services (plain Node) or security.ts.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BrowserWindow, Menu, app, dialog, ipcMain, safeStorage, session, shell } from 'electron';
import type { MenuItemConstructorOptions } from 'electron';
import { createDesktopServices, USER_DATA_LAYOUT } from '../services/desktop-services';
import { registerIpcHandlers } from '../ipc/register';
import {
  createElectronNativeShell,
  createElectronPlanFilesShell,
  createElectronWorkspaceFilesShell,
} from './native-shell';
import { chooseSecretProtector } from './secret-protector';
import {
  appPagePath,
  applyAppHardening,
  applySessionHardening,
  secureWebPreferences,
} from './security';
import type { AppOrigin } from './security';

const here = dirname(fileURLToPath(import.meta.url));

// Tests and portable setups point the profile elsewhere; must happen before anything reads it.
const userDataOverride = process.env['FIELDBOOK_USER_DATA_DIR'];
if (userDataOverride) app.setPath('userData', userDataOverride);

const devServerUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL'];
const origin: AppOrigin = {
  rendererDir: join(here, '../renderer'),
  ...(devServerUrl ? { devServerUrl } : {}),
};

let mainWindow: BrowserWindow | null = null;

function buildMenu(): Menu {
  // Roles only: Electron labels them in the OS language, so no UI strings live here.
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    ...(app.isPackaged ? [] : [{ role: 'viewMenu' as const }]),
    { role: 'windowMenu' },
  ];
  return Menu.buildFromTemplate(template);
}

async function createMainWindow(): Promise<void> {
  const window = new BrowserWindow({
    width: 1360,
    height: 860,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Fieldbook',
    webPreferences: secureWebPreferences(join(here, '../preload/index.cjs')),
  });
  mainWindow = window;
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    mainWindow = null;
  });
  if (devServerUrl) await window.loadURL(devServerUrl);
  else await window.loadFile(appPagePath(origin));
}

async function start(): Promise<void> {
  await app.whenReady();
  applySessionHardening(session.defaultSession, origin);
  Menu.setApplicationMenu(buildMenu());

  const userDataDir = app.getPath('userData');
  const protector = await chooseSecretProtector({
    safeStorage,
    platform: process.platform,
    keyDir: join(userDataDir, USER_DATA_LAYOUT.keystore),
  });
  const services = createDesktopServices({
    userDataDir,
    protector,
    native: createElectronNativeShell({
      dialog,
      shell,
      window: () => mainWindow,
      defaultDir: () => app.getPath('documents'),
    }),
    planFiles: createElectronPlanFilesShell({
      dialog,
      window: () => mainWindow,
      defaultDir: () => app.getPath('documents'),
    }),
    workspaceFiles: createElectronWorkspaceFilesShell({
      dialog,
      window: () => mainWindow,
      defaultDir: () => app.getPath('documents'),
    }),
    appInfo: {
      version: app.getVersion(),
      electron: process.versions.electron ?? null,
      locale: app.getLocale(),
    },
    // Certificate enrolment with the organisation's CA runs after every sign-in (the services'
    // default `sync.onSignedIn`, src-main/services/enrol-on-sign-in.ts).
  });
  registerIpcHandlers(ipcMain, services, origin);
  // Ends the live streams to the sync server, so quitting does not wait for them.
  app.on('before-quit', () => services.syncSession.close());
  await createMainWindow();
}

if (applyAppHardening(app, origin, (url, options) => shell.openExternal(url, options))) {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('activate', () => {
    // macOS: clicking the dock icon with no window open reopens it.
    if (BrowserWindow.getAllWindows().length === 0) {
      createMainWindow().catch((error: unknown) => console.error('[main] window failed', error));
    }
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  start().catch((error: unknown) => {
    console.error('[main] start-up failed', error);
    app.exit(1);
  });
}
