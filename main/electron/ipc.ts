// Registers every contract command on ipcMain; a call from any frame but the main frame of one of our
// own app:// windows is refused before the dispatcher sees it.
import { commands } from '../../common/ipc/contract'
import {
  DISPLAY_COMMAND_NAMES,
  DISPLAY_EVENT_NAMES,
  IPC_COMMAND_PREFIX,
  IPC_EVENT_CHANNEL,
} from '../../common/ipc/channels'
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

const displayCommands: ReadonlySet<string> = new Set(DISPLAY_COMMAND_NAMES)
const displayEvents: ReadonlySet<string> = new Set(DISPLAY_EVENT_NAMES)

/**
 * `displayContents`: the customer display's web contents. They may call only the read-only view
 * commands, decided here in main (a compromised display page could call anything the preload exposes).
 */
export function registerIpc(
  ipcMain: ElectronApi['ipcMain'],
  app: App,
  trustedContents: () => ReadonlySet<number>,
  logger: Logger,
  displayContents: () => ReadonlySet<number> = () => new Set(),
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
      if (displayContents().has(event.sender.id) && !displayCommands.has(name)) {
        logger.log('warn', 'ipc.display-refused', { command: name })
        return fail('FORBIDDEN', 'error.forbidden', `The customer display may not call ${name}`)
      }
      return app.dispatch(name, payload)
    })
  }
  return () => {
    for (const name of names) ipcMain.removeHandler(IPC_COMMAND_PREFIX + name)
  }
}

/** Forwards app events to the given windows' main frames only; the display gets only its view events. */
export function forwardEvents(
  app: App,
  targets: () => WebContents[],
  displayContents: () => ReadonlySet<number> = () => new Set(),
): () => void {
  return app.events.subscribe((message) => {
    const display = displayContents()
    for (const contents of targets()) {
      if (contents.isDestroyed()) continue
      if (display.has(contents.id) && !displayEvents.has(message.type)) continue
      contents.send(IPC_EVENT_CHANNEL, message)
    }
  })
}
