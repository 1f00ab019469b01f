import { app, BrowserWindow, ipcMain, session, utilityProcess, type IpcMainInvokeEvent } from 'electron';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { INVOKE_CHANNEL } from '../shared/api/bridge';
import { EVENT_CHANNEL } from '../shared/api/events';
import type { FromServices, ToServices } from './backend/protocol';
import { createServiceClient, type ServiceClient } from './backend/service-client';
import { CONTENT_SECURITY_POLICY } from './security/csp';
import { isAppUrl, isTrustedSender } from './security/navigation';
import { rendererSource } from './security/renderer-source';
import { loadWindowState, saveWindowState } from './window-state';

const dataDir = process.env.ANXIN_DATA_DIR ?? app.getPath('userData');
mkdirSync(dataDir, { recursive: true, mode: 0o700 });

/**
 * The services (database, dispatch, imports, exports, the LAN station) run in a utility process,
 * as Actual Budget runs its server: this process keeps only windows, the IPC gate and the kiosk
 * lock, so no long job can freeze them. NOTE: this path cannot be run where this was written (no
 * Electron runtime); the same built utility.js is tested as a forked Node child in
 * test/integration/service-host.test.ts.
 */
let services: ServiceClient | null = null;
let child: Electron.UtilityProcess | null = null;
let quitting = false;
// Forked once the app is ready (Electron allows no earlier), before any window exists.
function startServices(): void {
  child = utilityProcess.fork(join(import.meta.dirname, 'utility.js'), [], {
    serviceName: 'Anxin services',
    env: { ...process.env, ANXIN_DATA_DIR: dataDir },
  });
  const port = child;
  const client = createServiceClient({
    postMessage: (message: ToServices) => port.postMessage(message),
    onMessage: (listener: (message: FromServices) => void) =>
      port.on('message', (message) => listener(message as FromServices)),
  });
  services = client;
  client.onKiosk((active) => {
    for (const win of BrowserWindow.getAllWindows()) setKiosk(win, active);
  });
  client.onEvent((event) => {
    for (const win of BrowserWindow.getAllWindows())
      if (!win.isDestroyed()) win.webContents.send(EVENT_CHANNEL, event);
  });
  port.once('exit', () => {
    client.fail('The service process stopped; please log in again.');
    if (quitting) return;
    // A crash ends the session (and the kiosk with it); a fresh process asks for a login again.
    for (const win of BrowserWindow.getAllWindows()) setKiosk(win, false);
    startServices();
  });
}

// On quit the station stops and the database closes before the app ends (at most 3 s).
app.on('before-quit', (event) => {
  const running = child;
  if (quitting || !running) return;
  quitting = true;
  event.preventDefault();
  const done = () => app.quit();
  running.once('exit', done);
  setTimeout(done, 3_000).unref();
  running.postMessage({ type: 'shutdown' } satisfies ToServices);
});

const kioskWindows = new WeakSet<BrowserWindow>();
// Kiosk mode locks the real window: full screen, always on top, no way out but the PIN.
function setKiosk(win: BrowserWindow, active: boolean): void {
  if (win.isDestroyed()) return;
  if (active) kioskWindows.add(win);
  else kioskWindows.delete(win);
  win.setKiosk(active);
  win.setAlwaysOnTop(active, 'screen-saver');
  win.setClosable(!active);
  win.setMenuBarVisibility(!active);
}

// The dev server's page only in a development build; the shipped page everywhere else.
const rendererUrl = rendererSource({
  devServerUrl: process.env.ELECTRON_RENDERER_URL,
  devBuild: import.meta.env.DEV,
  packaged: app.isPackaged,
  builtPage: pathToFileURL(join(import.meta.dirname, '../renderer/index.html')).href,
});

function createWindow(): BrowserWindow {
  const state = loadWindowState(dataDir);
  const win = new BrowserWindow({
    width: state.width,
    height: state.height,
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    minWidth: 960,
    minHeight: 640,
    title: '安心筛查',
    show: false,
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/preload.cjs'),
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
      webSecurity: true,
      spellcheck: false,
    },
  });
  if (state.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  win.on('close', () => {
    const bounds = win.getNormalBounds();
    saveWindowState(dataDir, { ...bounds, maximized: win.isMaximized() });
  });
  win.webContents.on('before-input-event', (event, input) => {
    const shortcut = input.control || input.meta || input.alt || /^F\d+$/.test(input.key);
    if (kioskWindows.has(win) && shortcut) event.preventDefault();
  });
  void win.loadURL(rendererUrl);
  return win;
}

function lockDown(): void {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  // Exports and reports hold personal data: every file goes where the user chooses in a save
  // dialog (starting in Documents), never silently into Downloads.
  session.defaultSession.on('will-download', (_event, item) => {
    item.setSaveDialogOptions({ defaultPath: join(app.getPath('documents'), item.getFilename()) });
  });
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url, rendererUrl)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url, rendererUrl)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}

ipcMain.handle(INVOKE_CHANNEL, (event: IpcMainInvokeEvent, method: unknown, input: unknown) => {
  const frame = event.senderFrame;
  if (!isTrustedSender(frame?.url, rendererUrl, frame?.parent === null)) {
    return { ok: false, error: { code: 'forbidden', message: 'Untrusted sender.' } };
  }
  if (!services) return { ok: false, error: { code: 'internal', message: 'The services are starting.' } };
  return services.call(String(method), input);
});

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const [win] = BrowserWindow.getAllWindows();
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  void app.whenReady().then(() => {
    startServices();
    lockDown();
    createWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createWindow();
    });
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
