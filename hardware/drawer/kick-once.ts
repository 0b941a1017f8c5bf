// One drawer kick for a cash sale, a storno refund or a cash movement: at most one try, never thrown.
// A drawer that fails or throws is reported to the caller and logged; the money booking stands.
import type { Logger } from '../../common/ports'
import type { CashDrawer } from '../types'

export interface DrawerKick {
  opened: boolean
  /** Why not, for the UI: the drawer's own message key, or `fallbackKey` when it threw. */
  messageKey: string | null
}

export async function kickDrawer(
  drawer: CashDrawer,
  reason: string,
  logger: Logger,
  fallbackKey: string,
): Promise<DrawerKick> {
  try {
    const outcome = await drawer.open({ reason })
    if (outcome.status === 'kicked') return { opened: true, messageKey: null }
    logger.log('warn', 'drawer.failed', { reason, messageKey: outcome.messageKey, detail: outcome.detail })
    return { opened: false, messageKey: outcome.messageKey }
  } catch (error) {
    logger.log('error', 'drawer.threw', { reason, error: String(error) })
    return { opened: false, messageKey: fallbackKey }
  }
}
