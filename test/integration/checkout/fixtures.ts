// Constants of the checkout tests, free of vitest so the crash test's child process can import them.
import { join } from 'node:path'

export const SEED_CATALOGUE = join(__dirname, 'seed-catalogue.json')
export const STAMMKUNDE = '9276004424644352'
export const GIFT_CARD = '9276004429942845'
export const LOCKED_CARD = '9276004400000018'
export const PIN_CARD = '9276004400000026'
export const UNKNOWN_CARD = '9276009999999999'

/** The 7,96 € basket of the published secuconnect examples (docs/secuconnect.md). */
export const BASKET_796 = [
  { productId: 'sandwich-romano' },
  { productId: 'obstsalat' },
  { productId: 'wasser', quantity: 2 },
]
