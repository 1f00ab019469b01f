import { contextBridge, ipcRenderer } from 'electron';
import { INVOKE_CHANNEL, type AnxinBridge } from '../shared/api/bridge';

// The renderer gets one frozen function, never ipcRenderer itself.
const bridge = Object.freeze({
  invoke: (method: string, input: unknown) => ipcRenderer.invoke(INVOKE_CHANNEL, method, input),
}) satisfies AnxinBridge;

contextBridge.exposeInMainWorld('anxin', bridge);
