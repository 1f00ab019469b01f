import { contextBridge, ipcRenderer } from 'electron';
import { INVOKE_CHANNEL, type AnxinBridge } from '../shared/api/bridge';
import { EVENT_CHANNEL } from '../shared/api/events';

// The renderer gets one frozen function, never ipcRenderer itself.
const bridge = Object.freeze({
  invoke: (method: string, input: unknown) => ipcRenderer.invoke(INVOKE_CHANNEL, method, input),
  onEvent: (listener: (event: unknown) => void) => {
    // The renderer sees only the event payload, never the IPC event object or its sender.
    const forward = (_event: unknown, payload: unknown) => listener(payload);
    ipcRenderer.on(EVENT_CHANNEL, forward);
    return () => void ipcRenderer.removeListener(EVENT_CHANNEL, forward);
  },
}) satisfies AnxinBridge;

contextBridge.exposeInMainWorld('anxin', bridge);
