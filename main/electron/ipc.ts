// Registers every contract command on ipcMain; a call from any frame but the main frame of one of our
// own app:// windows is refused before the dispatcher sees it.
import { commands } from '../../common/ipc/contract'
import { IPC_COMMAND_PREFIX, IPC_EVENT_CHANNEL } from '../../common/ipc/channels'
import { fail } from '../../common/result'
import type { Logger } from '../../common/ports'
import type { App } from '../app'
import type { ElectronApi, IpcMainInvokeEvent, WebContents } from './types'
import { isAppUrl } from './origin'

export function isTrustedSender(event: IpcMainInvokeEvent, trusted: ReadonlySet<number>): boolean {
  const frame = event.senderFrame
  if (!frame || !trusted.has(event.sender.id)) return false
  if (frame !== event.sender.mainFrame) return false
  return isAppUrl(frame.url)
}

export function registerIpc(
  ipcMain: ElectronApi['ipcMain'],
  app: App,
  trustedContents: () => ReadonlySet<number>,
  logger: Logger,
): () => void {
  const names = Object.keys(commands)
  for (const name of names) {
    ipcMain.handle(IPC_COMMAND_PREFIX + name, (event, payload: unknown) => {
      if (!isTrustedSender(event, trustedContents())) {
        logger.log('warn', 'ipc.foreign-sender', {
          command: name,
          url: event.senderFrame?.url?.slice(0, 200) ?? null,
        })
        return fail('FORBIDDEN', 'error.forbidden', 'Sender not allowed')
      }
      return app.dispatch(name, payload)
    })
  }
  return () => {
    for (const name of names) ipcMain.removeHandler(IPC_COMMAND_PREFIX + name)
  }
}

/** Forwards app events to the given windows' main frames only. */
export function forwardEvents(app: App, targets: () => WebContents[]): () => void {
  return app.events.subscribe((message) => {
    for (const contents of targets()) {
      if (!contents.isDestroyed()) contents.send(IPC_EVENT_CHANNEL, message)
    }
  })
}
