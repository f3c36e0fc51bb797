import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { channels, ipcPrefix } from '../shared/ipc';
import { fail } from '../shared/result';
import type { CoreClient } from './core/coreClient';
import { connectShellPrint } from './shellPrint';

/**
 * Electron IPC as a transport of the contract. As VS Code's validatedIpcMain does, a call is
 * answered only when it comes from our own page's top frame; the core validates the payload.
 */
export function connectIpc(core: CoreClient, rendererUrl: string): void {
  const trusted = (event: IpcMainInvokeEvent) =>
    event.senderFrame !== null && event.senderFrame.parent === null && event.senderFrame.url === rendererUrl;

  for (const channel of channels) {
    ipcMain.handle(ipcPrefix + channel, (event, payload: unknown) =>
      trusted(event)
        ? core.dispatch(channel, payload, `window:${event.sender.id}`)
        : fail('FORBIDDEN', 'IPC from an untrusted frame was refused.'),
    );
  }

  connectShellPrint(trusted);

  core.onEvent(({ connectionId, event, payload }) => {
    for (const window of BrowserWindow.getAllWindows()) {
      if (connectionId === null || connectionId === `window:${window.webContents.id}`) {
        window.webContents.send(ipcPrefix + event, payload);
      }
    }
  });
}
