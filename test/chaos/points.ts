// Every named checkout point (main/checkout/hooks.ts) each payment kind passes, in order, with receipt
// policy "always" (printing is part of the sale). The chaos suites crash the till at each of them.
import type { CheckoutPoint } from '../../main/checkout/hooks'
import type { SaleKind } from '../soak/soak-driver'

const BEFORE_MONEY: CheckoutPoint[] = ['sale.begun']
const AFTER_MONEY: CheckoutPoint[] = ['sale.completed', 'receipt.recorded', 'print.outcome']
const api = (step: 'create' | 'pretransaction' | 'start'): CheckoutPoint[] => [
  `${step}.intent`,
  `${step}.called`,
  `${step}.outcome`,
]

/** Every point each kind passes, in order (receipt policy "always", so printing is part of the sale). */
export const POINTS: Record<SaleKind, CheckoutPoint[]> = {
  cash: [...BEFORE_MONEY, 'tender.intent', 'drawer.opened', 'tender.outcome', ...AFTER_MONEY],
  card: [
    ...BEFORE_MONEY,
    ...api('create'),
    ...api('pretransaction'),
    ...api('start'),
    'drawer.opened',
    ...AFTER_MONEY,
  ],
  loyalty: [...BEFORE_MONEY, ...api('create'), ...api('pretransaction'), ...api('start'), ...AFTER_MONEY],
  terminal: [...BEFORE_MONEY, ...api('create'), ...api('start'), ...AFTER_MONEY],
  topup: [...BEFORE_MONEY, ...api('create'), ...api('start'), 'drawer.opened', ...AFTER_MONEY],
}
