// The Electron API surface the shell uses, as a type. The shell receives the module as an argument
// (from main/index.ts), so only main/index.ts and preload/index.ts import Electron at run time.
import type * as ElectronModule from 'electron'

export type ElectronApi = Pick<
  typeof ElectronModule,
  | 'app'
  | 'BrowserWindow'
  | 'ipcMain'
  | 'protocol'
  | 'session'
  | 'Menu'
  | 'safeStorage'
  | 'net'
  | 'dialog'
  | 'screen'
  | 'powerSaveBlocker'
>
export type BrowserWindowOptions = ElectronModule.BrowserWindowConstructorOptions
export type WebContents = ElectronModule.WebContents
export type IpcMainInvokeEvent = ElectronModule.IpcMainInvokeEvent
export type BrowserWindowInstance = ElectronModule.BrowserWindow
