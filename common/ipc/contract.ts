// The one IPC contract between the renderer and main. Handlers in main, the preload allow-list and the
// renderer's types all derive from these two maps; the dispatcher validates every input against them.
import { z } from 'zod'
import { command } from './define'
import { deviceStatus, scan } from '../devices'
import { catalogue } from '../catalog'
import {
  basketAddPluInput,
  basketAddProductInput,
  basketScanInput,
  basketSetQuantityInput,
  basketVoidLineInput,
  basketReturnDepositInput,
  basketSetConsumptionInput,
  registerView,
} from '../basket'
import { sellerLoginInput, sellerView } from '../sellers'
import { basketDiscountInput, basketRemoveDiscountInput, discountConfig } from '../discount'
import { apiCommands, apiEvents } from './api-contract'
import { checkoutCommands, checkoutEvents } from './checkout-contract'
import { backofficeCommands, backofficeEvents } from './backoffice-contract'
import { settingsCommands, settingsEvents } from './settings-contract'
import { counterCommands, counterEvents } from './counter-contract'
import { centralCommands, centralEvents } from './central-contract'
import { integrityCommands, integrityEvents } from './integrity-contract'
import { weighingCommands } from './weighing-contract'
import { fiscalCommands, fiscalEvents } from './fiscal-contract'
import type { AppError, Result } from '../result'

import { locale } from '../locale'
export { locale, type Locale } from '../locale'

export const appInfo = z.object({
  name: z.literal('Tresen'),
  version: z.string(),
  demo: z.boolean(),
  locale,
  transport: z.enum(['electron', 'host', 'test']),
  startedAt: z.string(),
  shopName: z.string(),
  /** Where the API secrets are kept; anything but an OS key store is shown in the status bar. */
  secretStorage: z.enum(['os-key-store', 'weak-key-store', 'memory']).optional(),
})
export type AppInfo = z.infer<typeof appInfo>

const none = z.object({}).strict().default({})

/** What became of a scan: added to the basket, a loyalty card, or refused with a reason for the UI. */
export const scanOutcome = z.object({
  scan,
  outcome: z.enum(['added', 'card', 'seller', 'rejected']),
  messageKey: z.string().optional(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
})
export type ScanOutcome = z.infer<typeof scanOutcome>

export const commands = {
  'app.info': command(none, appInfo),
  'app.setLocale': command(z.object({ locale }).strict(), z.object({ locale })),
  'devices.status': command(none, z.array(deviceStatus)),
  'catalog.get': command(none, catalogue),
  'register.view': command(none, registerView),
  'basket.addProduct': command(basketAddProductInput, registerView),
  'basket.addPlu': command(basketAddPluInput, registerView),
  'basket.scan': command(basketScanInput, scanOutcome),
  'basket.setQuantity': command(basketSetQuantityInput, registerView),
  'basket.voidLine': command(basketVoidLineInput, registerView),
  'basket.clear': command(none, registerView),
  /** Pfandrücknahme: returned containers as a negative deposit line (cash paid out when the total is below 0). */
  'basket.returnDeposit': command(basketReturnDepositInput, registerView),
  /** A discount on a line (lineId) or the whole sale, with a configured reason; manager PIN above the limit. */
  'basket.discount': command(basketDiscountInput, registerView),
  'basket.removeDiscount': command(basketRemoveDiscountInput, registerView),
  /** Im Haus / Außer Haus: main re-prices the open basket (rates only, gross unchanged); locked while paying. */
  'basket.setConsumption': command(basketSetConsumptionInput, registerView),
  /** The discount reasons and limits, for the discount dialog. */
  'discount.config': command(none, discountConfig),
  'seller.list': command(none, z.array(sellerView)),
  'seller.login': command(sellerLoginInput, registerView),
  'seller.park': command(none, registerView),
  ...apiCommands,
  ...checkoutCommands,
  ...backofficeCommands,
  ...settingsCommands,
  ...counterCommands,
  ...centralCommands,
  ...integrityCommands,
  ...fiscalCommands,
  ...weighingCommands,
} as const

export const events = {
  'app.localeChanged': z.object({ locale }),
  'devices.status': deviceStatus,
  'register.changed': registerView,
  'scan.result': scanOutcome,
  ...apiEvents,
  ...checkoutEvents,
  ...backofficeEvents,
  ...settingsEvents,
  ...fiscalEvents,
  ...counterEvents,
  ...centralEvents,
  ...integrityEvents,
} as const

export type Commands = typeof commands
export type CommandName = keyof Commands
export type EventName = keyof typeof events
export type CommandInput<C extends CommandName> = z.input<Commands[C]['input']>
export type CommandArgs<C extends CommandName> = z.output<Commands[C]['input']>
export type CommandOutput<C extends CommandName> = z.output<Commands[C]['output']>
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>

/** What the renderer sees as `window.pos`. */
export interface PosApi {
  invoke<C extends CommandName>(command: C, input?: CommandInput<C>): Promise<Result<CommandOutput<C>>>
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void
}

export type { AppError, Result }
