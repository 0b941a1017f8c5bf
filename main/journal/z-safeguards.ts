// What the Z closing does for the journal's integrity once the closing has committed: remember its
// chain head in the anchor record, sign the head into the TSE as a `SonstigerVorgang` (DSFinV-K /
// TR-03153 "sonstiger Vorgang", e.g. a daily closing; fiskaltrust ftReceiptCase zero/daily receipt),
// so a chain recomputed later no longer matches a signature only the TSE can make, and write a backup
// of the journal. None of these may undo or block the closing: a TSE that is down or a full USB stick
// is journaled (`anchor-failed`, log) and the Z stands.
import type { Logger } from '../../common/ports'
import type { ChainHead } from './chain'
import type { Journal } from './journal'

export interface HeadAnchorRequest {
  zNumber: number
  closingId: number
  head: ChainHead
  processType: 'SonstigerVorgang'
  /** The text signed: `Journal-Kette^Z<n>^<seq>^sha256:<hash>` (docs/journal.md "Tamper evidence"). */
  processData: string
}

/** What identifies the signature in the TSE's export; the fields the TSE returns (tse_records). */
export interface HeadAnchorReceipt {
  transactionNumber?: number
  signatureCounter?: number
  signature?: string
  tseSerial?: string
  [more: string]: unknown
}

/** The TSE port's part in this (main/fiscal implements it; tests use a fake). */
export interface HeadAnchor {
  anchorHead(request: HeadAnchorRequest): Promise<HeadAnchorReceipt>
}

export const headProcessData = (zNumber: number, head: ChainHead) =>
  `Journal-Kette^Z${zNumber}^${head.seq}^sha256:${head.hash}`

export interface ZSafeguardOptions {
  journal: Pick<Journal, 'integrity'>
  /** Absent while the till has no TSE: then the anchor record and backups are the only safeguard. */
  tse?: HeadAnchor
  /** The backup folder (config `backupDir`, default `<data dir>/backups`). */
  backupDir: string
  logger: Logger
}

export interface ZSafeguardResult {
  head: ChainHead
  anchored: HeadAnchorReceipt | null
  anchorError: string | null
  backup: string | null
  backupError: string | null
}

export function createZSafeguards(options: ZSafeguardOptions) {
  const { journal, tse, backupDir, logger } = options
  return {
    async afterClosing(closing: { zNumber: number; closingId: number }): Promise<ZSafeguardResult> {
      const { zNumber, closingId } = closing
      const head = journal.integrity.closed(zNumber)
      let anchored: HeadAnchorReceipt | null = null
      let anchorError: string | null = null
      if (tse) {
        try {
          anchored = await tse.anchorHead({
            zNumber,
            closingId,
            head,
            processType: 'SonstigerVorgang',
            processData: headProcessData(zNumber, head),
          })
          journal.integrity.recordAnchoring({ zNo: zNumber, head, tse: anchored })
        } catch (error) {
          anchorError = error instanceof Error ? error.message : String(error)
          logger.log('error', 'journal.anchor-tse-failed', { zNumber, error: anchorError })
          journal.integrity.recordAnchoring({ zNo: zNumber, head, error: anchorError })
        }
      }
      let backup: string | null = null
      let backupError: string | null = null
      try {
        backup = (await journal.integrity.backup(backupDir, zNumber)).path
        logger.log('info', 'journal.backup', { zNumber, path: backup })
      } catch (error) {
        backupError = error instanceof Error ? error.message : String(error)
        logger.log('error', 'journal.backup-failed', { zNumber, folder: backupDir, error: backupError })
      }
      return { head, anchored, anchorError, backup, backupError }
    },
  }
}

export type ZSafeguards = ReturnType<typeof createZSafeguards>
