// The sandboxed preload: exposes exactly `window.pos = { invoke, on }` over the contract's allow-list.
// Electron's event object never reaches the renderer.
import { contextBridge, ipcRenderer } from 'electron'
import { createPosApi } from './core'
import { COMMAND_NAMES, EVENT_NAMES, IPC_COMMAND_PREFIX, IPC_EVENT_CHANNEL } from '../common/ipc/channels'

const api = createPosApi(
  {
    invoke: (channel, payload) => ipcRenderer.invoke(IPC_COMMAND_PREFIX + channel, payload),
    subscribe(listener) {
      const onEvent = (_event: unknown, message: { type: string; payload: unknown }) =>
        listener(message.type, message.payload)
      ipcRenderer.on(IPC_EVENT_CHANNEL, onEvent)
      return () => void ipcRenderer.removeListener(IPC_EVENT_CHANNEL, onEvent)
    },
  },
  COMMAND_NAMES,
  EVENT_NAMES,
)

contextBridge.exposeInMainWorld('pos', { invoke: api.invoke, on: api.on })
