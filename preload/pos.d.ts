import type { PosApi } from '../common/ipc/contract'

declare global {
  interface Window {
    /** Installed by the Electron preload, or by a test harness; absent in the browser host. */
    pos?: PosApi
  }
}
export {}
