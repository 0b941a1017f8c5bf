// The journal's integrity in the back office: anyone logged in sees the state (the banner), a manager
// runs the full verify and acknowledges what it found, which lets the Z closing run again. The
// acknowledgement is journaled with the manager's id (main/journal/integrity.ts).
import type { IntegrityStatusView } from '../../common/ipc/integrity-contract'
import type { Backoffice } from './context'

export function createIntegrity(bo: Backoffice) {
  const { journal, logger } = bo.deps
  return {
    status: (): IntegrityStatusView => journal.integrity.status(),
    verify(input: { managerPin?: string }): IntegrityStatusView {
      const manager = bo.manager(input.managerPin)
      const result = journal.integrity.verify()
      logger.log(result.ok ? 'info' : 'error', 'journal.verified', {
        by: manager.id,
        ok: result.ok,
        entries: result.entries,
        ms: result.ms,
      })
      return journal.integrity.status()
    },
    acknowledge(input: { managerPin?: string }): IntegrityStatusView {
      const manager = bo.manager(input.managerPin)
      return journal.integrity.acknowledge(manager.id)
    },
  }
}
