// Loose goods at the counter: weighing an article and the free-price keys. Legal-for-trade rule (EU
// Directive 2014/31/EU on non-automatic weighing instruments, in Germany the MessEG/MessEV): where a
// scale is configured, the weight on the receipt is the scale's own stable reading, never a typed number;
// a typed weight is accepted only in a shop without a scale. Main prices the line (integer cents,
// hardware/scale/price.ts); the scale's own amount must agree or the weighing is refused.
import type { FreePriceConfig, ScaleConfig } from '../../common/config/devices'
import type { RegisterView } from '../../common/basket'
import type { WeighingInfo, WeighingResult } from '../../common/ipc/weighing-contract'
import type { Logger } from '../../common/ports'
import { formatAmount } from '../../common/money'
import { AppFailure } from '../../common/result'
import { scaleWeightPrice } from '../../hardware/scale/price'
import type { Scale } from '../../hardware/types'
import type { VirtualScale } from '../../hardware/scale/virtual-scale'
import type { RegisterService } from './register-service'

export interface WeighingDeps {
  register: Pick<RegisterService, 'onBasket' | 'product' | 'view' | 'guardPayment' | 'active'>
  /** Read at each use: settings may replace the devices while the app runs. */
  devices: {
    readonly scale: Scale | null
    readonly config: { scale: ScaleConfig; freePrice: FreePriceConfig }
    readonly virtual: { readonly scale: VirtualScale | null }
  }
  logger: Logger
  /** Demo mode: `demo.scale` may put goods on the virtual scale. */
  demo: boolean
}

/** The line names of the free-price keys, as the receipt prints them. */
export const FREE_PRICE_NAMES: Record<7 | 19, string> = { 7: 'Diverses 7 %', 19: 'Diverses 19 %' }

export function createWeighingService(deps: WeighingDeps) {
  const { register, devices, logger } = deps

  function weighedProduct(productId: string) {
    const p = register.product(productId)
    if (!p)
      throw AppFailure.of('NOT_FOUND', 'basket.error.unknownProduct', `No product with id "${productId}"`, {
        productId,
      })
    if (p.kind !== 'weighed')
      throw AppFailure.of('VALIDATION', 'basket.error.notSoldByWeight', `"${p.name}" is not sold by weight`, {
        productId,
        code: '',
      })
    return p
  }

  async function weigh(input: { productId: string; grams?: number }): Promise<WeighingResult> {
    const p = weighedProduct(input.productId)
    // Before the scale hands out its weighing (it does so once): a seller must be active and no payment run.
    register.guardPayment()
    register.active()
    const scale = devices.scale
    let grams: number
    let source: 'scale' | 'manual'
    if (scale) {
      if (input.grams !== undefined)
        throw AppFailure.of(
          'VALIDATION',
          'register.error.typedWeightWithScale',
          'A scale is connected: only its stable reading may be used, not a typed weight',
        )
      const outcome = await scale.weigh({ unitPrice: p.price })
      if (outcome.status === 'failed')
        throw AppFailure.of('CONFLICT', outcome.messageKey, `Weighing failed: ${outcome.detail}`, {
          reason: outcome.reason,
        })
      grams = outcome.grams
      source = 'scale'
    } else {
      if (input.grams === undefined)
        throw AppFailure.of('VALIDATION', 'register.error.weightRequired', 'Enter the weight in grams')
      grams = input.grams
      source = 'manual'
    }
    const view: RegisterView = register.onBasket((b) => b.addWeighed(p.id, grams))
    const total = scaleWeightPrice(grams, p.price)
    logger.log('info', 'register.weighed', { productId: p.id, grams, source, unitPrice: p.price, total })
    return { register: view, weighing: { grams, source, unitPrice: p.price, total } }
  }

  function addFreePrice(input: { vatRate: 7 | 19; amount: number }): RegisterView {
    const { rates, maxCents } = devices.config.freePrice
    if (!rates.includes(input.vatRate))
      throw AppFailure.of(
        'VALIDATION',
        'register.error.freePriceRate',
        `No free-price key for ${input.vatRate} % VAT`,
        { rate: input.vatRate },
      )
    if (input.amount > maxCents)
      throw AppFailure.of(
        'VALIDATION',
        'register.error.freePriceTooHigh',
        `A free price may be at most ${maxCents} cents, got ${input.amount}`,
        { max: formatAmount(maxCents) },
      )
    const view = register.onBasket((b) =>
      b.addFreePrice({
        id: `free-${input.vatRate}`,
        name: FREE_PRICE_NAMES[input.vatRate],
        vatRate: input.vatRate,
        amount: input.amount,
      }),
    )
    logger.log('info', 'register.free-price', { vatRate: input.vatRate, amount: input.amount })
    return view
  }

  const info = (): WeighingInfo => ({
    scale: devices.config.scale.driver,
    freePrice: { rates: devices.config.freePrice.rates, maxCents: devices.config.freePrice.maxCents },
  })

  return {
    handlers: {
      'weighing.info': () => info(),
      'basket.weigh': (input: { productId: string; grams?: number }) => weigh(input),
      'basket.addFreePrice': (input: { vatRate: 7 | 19; amount: number }) => addFreePrice(input),
      'demo.scale': ({ grams, motion }: { grams: number; motion: boolean }) => {
        const scale = devices.virtual.scale
        if (!deps.demo || !scale)
          throw AppFailure.of('FORBIDDEN', 'demo.error.notDemo', 'Only the virtual scale in demo mode')
        scale.place(grams, { motion })
        return { grams, motion }
      },
    },
  }
}
