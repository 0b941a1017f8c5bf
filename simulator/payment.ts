// start/{cash|cashless|loyalty} and cancel: the card effects of a payment and their reversal
// (docs/secuconnect.md; the published examples 002-004).
import { bonusCollected, recordedRevenue, topUpTotal } from './bonus'
import { errors, type SimResponse } from './errors'
import { objectId } from './ids'
import type { ApiReceiptLineInput } from '../common/receipt/api-lines'
import { saleReceipt, stornoReceipt, terminalReceipt, topUpReceipt } from './receipts'
import { isOpen, takeTaCode, type CardEffects, type SimContext, type StxRecord } from './state'
import { activeCard, getStx, isResponse, okStx } from './transactions'

export const START_METHODS = ['cash', 'cashless', 'loyalty'] as const
type StartMethod = (typeof START_METHODS)[number]

function checkStartAllowed(ctx: SimContext, rec: StxRecord, method: StartMethod): SimResponse | null {
  // [I] Paying twice is a status conflict, like the legacy "current status … does not allow"
  // (secucard-connect-php-sdk Client/ProductService.php).
  if (!isOpen(rec)) {
    return errors.statusConflict(
      `Smart Transaction ${rec.id} has status ${rec.status}; it cannot be started again`,
    )
  }
  if (method === 'loyalty') {
    // [I] "start/loyalty if there is no missing sum" (example 004); the error for breaking it is
    // undocumented.
    if (!rec.pre)
      return errors.statusConflict(
        'start/loyalty needs preTransaction first',
        'Bitte zuerst die Kundenkarte anwenden.',
      )
    if (rec.pre.missingSum > 0) {
      return errors.statusConflict(
        `missing_sum ${rec.pre.missingSum} must be paid with another payment method`,
        'Der Restbetrag muss mit einer anderen Zahlungsart bezahlt werden.',
      )
    }
  }
  const card = activeCard(ctx, rec)
  if (card?.lock_status === 'locked') {
    return errors.cardRejected(`card ${card.cardnumber} is locked`, 'Die Kundenkarte ist gesperrt.')
  }
  if (card && rec.pre && (card.bonus_balance < rec.pre.bonusSpent || card.cash_balance < rec.pre.cashSpent)) {
    // [I] The balance changed since preTransaction (another till): refuse rather than pay with money
    // the card no longer has; the register calls preTransaction again.
    return errors.cardRejected(
      `card ${card.cardnumber} no longer covers the applied balance`,
      'Das Kartenguthaben hat sich geändert.',
    )
  }
  return null
}

function applyLoyalty(ctx: SimContext, rec: StxRecord): void {
  const card = activeCard(ctx, rec)
  if (!card) return
  const group = ctx.state.cards.group(card)
  const now = ctx.clock.now()
  const bonusSpent = rec.pre?.bonusSpent ?? 0
  const cashSpent = rec.pre?.cashSpent ?? 0
  card.bonus_balance -= bonusSpent
  card.cash_balance -= cashSpent

  const recorded = recordedRevenue(rec.products, group.blacklist)
  const hasProgramme = group.bonusBasisPoints > 0
  const collected = hasProgramme ? bonusCollected(recorded, group.bonusBasisPoints) : 0
  card.bonus_balance += collected
  card.lastUsage = now

  const saleTa = takeTaCode(ctx.state)
  rec.transId = saleTa
  rec.receipt = saleReceipt({
    cardnumber: card.cardnumber,
    taCode: saleTa,
    paidFromCard: bonusSpent + cashSpent,
    recorded,
    bonus: hasProgramme ? collected : null,
    balanceAfter: card.cash_balance + card.bonus_balance,
  })

  // Loading the card comes after the sale block, so that block shows the balance before the load
  // ("Aktuelles Guthaben 0,00 EUR", then "Aktuelles Guthaben: 15,00 EUR" in example 002).
  const topUp = topUpTotal(rec.products, ctx.state.seed.topUpEans)
  if (topUp > 0) {
    card.cash_balance += topUp
    card.lastCharge = now
    rec.receipt.push(
      ...topUpReceipt(card.cardnumber, takeTaCode(ctx.state), topUp, card.cash_balance + card.bonus_balance),
    )
  }
  // [R] example 002 links one loyalty transaction even though load and sale have two TA codes.
  rec.loyaltyTransactions.push(objectId('LTX'))
  rec.effects = { cardnumber: card.cardnumber, bonusSpent, cashSpent, bonusCollected: collected, topUp }
}

/** The terminal's slips; returns the receipt lines for the customer. */
function applyTerminal(ctx: SimContext, rec: StxRecord, accepted: boolean): ApiReceiptLineInput[] {
  const amount = rec.pre ? rec.pre.missingSum : rec.sum
  if (amount <= 0) return []
  const receiptNumber = ctx.state.nextReceiptNumber++
  const slip = {
    merchant: ctx.state.seed.merchant.companyname,
    at: ctx.clock.now(),
    receiptNumber,
    terminalId: '52500001',
    amount,
    accepted,
  }
  rec.receiptNumber = receiptNumber
  rec.receiptMerchant = terminalReceipt({ ...slip, copy: 'Händlerbeleg' })
  return terminalReceipt({ ...slip, copy: 'Kundenbeleg' })
}

/**
 * [I] A declined terminal payment: the transaction is answered (200) with status `failed`, nothing
 * is booked on the card and the preTransaction mode is kept, so the register can take cash instead.
 */
function decline(ctx: SimContext, rec: StxRecord): SimResponse {
  ctx.state.cashlessDeclines -= 1
  rec.receipt = applyTerminal(ctx, rec, false)
  rec.status = 'failed'
  rec.paymentMethod = 'cashless'
  rec.updated = ctx.clock.now()
  return okStx(ctx, rec)
}

export function startStx(ctx: SimContext, id: string, method: string): SimResponse {
  const rec = getStx(ctx, id)
  if (isResponse(rec)) return rec
  if (!(START_METHODS as readonly string[]).includes(method)) {
    return errors.invalidParams(
      `payment method "${method}" is not supported by the simulator (cash, cashless, loyalty)`,
    )
  }
  const refusal = checkStartAllowed(ctx, rec, method as StartMethod)
  if (refusal) return refusal
  if (method === 'cashless' && ctx.state.cashlessDeclines > 0) return decline(ctx, rec)
  rec.receipt = []
  rec.receiptMerchant = []
  applyLoyalty(ctx, rec)
  // [I] A payment without a card still gets a TA code, so every paid transaction has a trans_id.
  rec.transId ??= takeTaCode(ctx.state)
  if (method === 'cashless') rec.receipt.push(...applyTerminal(ctx, rec, true))
  rec.status = 'ok'
  rec.paymentMethod = method
  rec.updated = ctx.clock.now()
  rec.starts += 1
  return okStx(ctx, rec)
}

function reversal(ctx: SimContext, e: CardEffects): { cash: number; bonus: number } | SimResponse {
  const card = ctx.state.cards.find(e.cardnumber)
  if (!card) return errors.cancelFailed(`card ${e.cardnumber} no longer exists`)
  const cash = card.cash_balance + e.cashSpent - e.topUp
  const bonus = card.bonus_balance + e.bonusSpent - e.bonusCollected
  // [I] A load or collected bonus that has been spent since cannot be taken back.
  if (cash < 0 || bonus < 0)
    return errors.cancelFailed(`card ${e.cardnumber} no longer holds the loaded or collected amount`)
  return { cash, bonus }
}

export function cancelStx(ctx: SimContext, id: string): SimResponse {
  const rec = getStx(ctx, id)
  if (isResponse(rec)) return rec
  if (rec.status === 'cancelled') return errors.cancelFailed(`Smart Transaction ${id} is already cancelled`)
  if (rec.status !== 'ok')
    return errors.statusConflict(
      `Smart Transaction ${id} has status ${rec.status}; only a paid transaction can be cancelled`,
    )
  if (rec.effects) {
    const balances = reversal(ctx, rec.effects)
    if (isResponse(balances)) return balances
    const card = ctx.state.cards.find(rec.effects.cardnumber)!
    card.cash_balance = balances.cash
    card.bonus_balance = balances.bonus
    card.lastUsage = ctx.clock.now()
    rec.receipt = stornoReceipt(
      card.cardnumber,
      takeTaCode(ctx.state),
      rec.sum,
      card.cash_balance + card.bonus_balance,
    )
  } else {
    rec.receipt = []
  }
  rec.status = 'cancelled'
  rec.updated = ctx.clock.now()
  rec.cancels += 1
  return okStx(ctx, rec)
}
