import { contextBridge, ipcRenderer } from 'electron';
import { ipcPrefix, isChannel, isEventName, type CareDeskBridge } from '../shared/ipc';
import { PrintOutput, printChannel } from '../shared/print/output';
import { fail } from '../shared/result';

/**
 * The sandboxed preload exposes exactly the bridge interface: named functions, no Electron objects,
 * and only channels of the contract (checked here and again in main).
 */
const bridge = {
  invoke: (channel, request) =>
    isChannel(channel)
      ? ipcRenderer.invoke(ipcPrefix + channel, request)
      : Promise.resolve(fail('UNKNOWN_CHANNEL', 'Unknown channel.')),
  subscribe: (event, listener) => {
    if (!isEventName(event)) return () => {};
    // Main sends only payloads of this event's schema (shared/ipc/events.ts).
    const forward = (_: Electron.IpcRendererEvent, payload: unknown) => listener(payload as Parameters<typeof listener>[0]);
    ipcRenderer.on(ipcPrefix + event, forward);
    return () => void ipcRenderer.removeListener(ipcPrefix + event, forward);
  },
  print: (output) =>
    PrintOutput.safeParse(output).success ? ipcRenderer.invoke(printChannel, output) : Promise.resolve(fail('INVALID_REQUEST', 'Unknown print output.')),
} satisfies CareDeskBridge;

contextBridge.exposeInMainWorld('caredesk', bridge);
