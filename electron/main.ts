import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, safeStorage, session } from 'electron';
import { startCoreWorker } from './core/coreClient';
import { safeStorageKeySource } from './core/store/keyring';
import { configuredTrust, type ServerTrust } from './core/sync/serverTrust';
import { connectIpc } from './ipcTransport';
import { allowPermission } from './permissions/mediaPermission';
import { Letterhead } from '../shared/print/letterhead';

/**
 * The desktop shell, kept thin on purpose: it resolves the store key through the OS keychain,
 * starts the core worker, wires it to Electron IPC and opens the window. Everything else is plain
 * Node under `electron/core`, tested without Electron.
 */
const rendererEntry = join(__dirname, '../renderer/index.html');

async function start() {
  const dataDir = process.env.CAREDESK_DATA_DIR ?? join(app.getPath('userData'), 'workstation');
  let key: Buffer;
  try {
    key = safeStorageKeySource(dataDir, safeStorage).loadOrCreateKey();
  } catch (error) {
    dialog.showErrorBox('CareDesk', error instanceof Error ? error.message : String(error));
    app.quit();
    return;
  }
  // The hospital server's address and how to trust its certificate come from the deployment (the
  // installer's environment; for the demo, `caredesk start` passes the embedded server's address).
  const serverUrl = process.env.CAREDESK_SERVER_URL;
  let tls: ServerTrust | undefined;
  try {
    tls = configuredTrust({ certFile: process.env.CAREDESK_SERVER_CERT, pin: process.env.CAREDESK_SERVER_PIN });
  } catch (error) {
    dialog.showErrorBox('CareDesk', `The hospital server's certificate settings are wrong: ${error instanceof Error ? error.message : String(error)}`);
    app.quit();
    return;
  }
  // The affiliated hospital's name heads printed prescriptions and records; unset, the demo's.
  const letterhead = Letterhead.safeParse({ zh: process.env.CAREDESK_HOSPITAL_NAME_ZH, en: process.env.CAREDESK_HOSPITAL_NAME_EN });
  const core = await startCoreWorker(
    {
      dataDir,
      key,
      version: app.getVersion(),
      // Packaged, the knowledge files sit in extraResources (electron-builder.yml); in a checkout, at its root.
      rxResourcesDir: join(app.isPackaged ? process.resourcesPath : app.getAppPath(), 'resources', 'rx'),
      // The face models likewise; the face worker is bundled beside the core's (scripts/build-electron.ts).
      face: {
        modelsDir: join(app.isPackaged ? process.resourcesPath : app.getAppPath(), 'resources', 'models'),
        workerUrl: pathToFileURL(join(__dirname, 'faceWorker.cjs')).href,
      },
      ...(serverUrl ? { sync: { serverUrl, ...(tls ? { tls } : {}) } } : {}),
      ...(letterhead.success ? { letterhead: letterhead.data } : {}),
    },
    pathToFileURL(join(__dirname, 'coreWorker.cjs')),
  );
  connectIpc(core, pathToFileURL(rendererEntry).href);
  guardPermissions(pathToFileURL(rendererEntry).href);
  app.on('before-quit', () => void core.close());
  openWindow();
  app.on('activate', () => BrowserWindow.getAllWindows().length === 0 && openWindow());
}

/** The camera for the app's own page, video only; every other permission and origin is refused (permissions/mediaPermission.ts). */
function guardPermissions(appEntryUrl: string) {
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? (details.mediaTypes ?? []) : [];
    callback(allowPermission({ permission, requestingUrl: details.requestingUrl, mediaTypes, isMainFrame: details.isMainFrame }, appEntryUrl));
  });
  session.defaultSession.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    allowPermission(
      { permission, requestingUrl: details.requestingUrl ?? requestingOrigin, mediaTypes: details.mediaType ? [details.mediaType] : [], isMainFrame: details.isMainFrame },
      appEntryUrl,
    ),
  );
}

function openWindow() {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    title: 'CareDesk',
    webPreferences: {
      preload: join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
      webSecurity: true,
    },
  });
  // The renderer never navigates away or opens windows; a link that tries is dropped.
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  void window.loadFile(rendererEntry);
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
void app.whenReady().then(start);
