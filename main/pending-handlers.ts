// TEMPORARY while issues 5 and 6 land in parallel: commands of the contract whose service is not wired
// yet answer NOT_IMPLEMENTED. Each service removes its names from here when it registers real handlers;
// this file is deleted once empty.
import { AppFailure } from '../common/result'
import type { CommandName } from '../common/ipc/contract'

const PENDING = [
  'checkout.view',
  'card.attach',
  'card.detach',
  'card.verifyPin',
  'checkout.applyCard',
  'checkout.payCash',
  'checkout.payTerminal',
  'checkout.payLoyalty',
  'checkout.cancel',
  'checkout.receipt',
  'checkout.done',
] as const satisfies readonly CommandName[]

export type PendingCommand = (typeof PENDING)[number]

export const pendingHandlers = Object.fromEntries(
  PENDING.map((name) => [
    name,
    () => {
      throw AppFailure.of('INTERNAL', 'error.notImplemented', `${name} is not wired yet`)
    },
  ]),
) as Record<PendingCommand, () => never>
