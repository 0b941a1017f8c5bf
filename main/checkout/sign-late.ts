// A paid sale whose TSE transaction never finished is signed before its receipt is kept: the till was
// stopped after the payment but before the TSE's finish left (recovery cancels that transaction as
// left `started`, main/fiscal/tse-recovery.ts), or a manager decided a sale as paid. Without this the
// receipt would say "TSE ausgefallen" although the TSE works, and the sale would be unprotected
// (§ 146a AO: every record by a TSE). The new transaction carries the TSE's own times, so it shows
// when it was signed (docs/checkout.md "Late signing").
import type { Logger } from '../../common/ports'
import { fiscalSaleOf, type FiscalSaleInput, type FiscalService } from '../fiscal/lifecycle'
import type { Journal, SaleRecord } from '../journal'

/** What the TSE signs for a sale: its lines and payments as `sale` holds them, and its training mark. */
export function saleToSign(journal: Journal, sale: SaleRecord, sellerId?: string): FiscalSaleInput {
  return { ...fiscalSaleOf(sale, sellerId), training: journal.training.isTrainingSale(sale.saleId) }
}

export interface SignLateDeps {
  journal: Journal
  fiscal?: FiscalService | undefined
  logger: Logger
}

/**
 * Signs the sale unless the journal holds its final TSE record (signed, or failed with a reason) or a
 * finish that may have reached the TSE (`finishing`, left when the TSE's recovery could not read it
 * back): signing that sale again could give it two signatures; its own finish is settled later.
 */
export async function signUnsigned(deps: SignLateDeps, saleId: number): Promise<void> {
  const { journal, fiscal, logger } = deps
  if (!fiscal || journal.tse.finalForSale(saleId)) return
  // Without a final row, a `finishing` row of the sale is a finish not settled yet (a settled one
  // leaves a final row linked to the sale: main/fiscal/tse-recovery.ts).
  if (journal.tse.forSale(saleId).some((r) => r.state === 'finishing')) return
  const sale = journal.sale(saleId)
  if (!sale) return
  try {
    const { signed } = await fiscal.finishSale(saleToSign(journal, sale))
    logger.log(signed ? 'info' : 'warn', 'checkout.signed-late', { saleId, signed })
  } catch (error) {
    // The lifecycle records a failing TSE itself; anything else leaves the receipt's "no TSE record".
    logger.log('error', 'checkout.sign-late-failed', { saleId, error: String(error) })
  }
}
