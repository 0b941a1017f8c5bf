// Run by crash.test.ts in its own process: the real app (createApp) on a data dir that outlives it,
// against the simulator the test runs. It first recovers what the previous process left, then sells
// one sale, and kills itself with SIGKILL at the named checkout point (TRESEN_CRASH_AT) — a real crash
// after exactly that intent, call or outcome. Lines of JSON on stdout tell the test what happened.
import { appConfig } from '../../../common/config'
import type { CheckoutView } from '../../../common/checkout'
import { systemClock, type Logger } from '../../../common/ports'
import { createApp } from '../../../main/app'
import type { CheckoutPoint } from '../../../main/checkout/hooks'
import { memorySecretStore } from '../../../main/secrets/encrypted-file-store'
import { BASKET_796, SEED_CATALOGUE, STAMMKUNDE } from './fixtures'

export type Scenario = 'card-cash' | 'cash' | 'terminal-card' | 'topup' | 'put'

const env = (name: string): string => {
  const value = process.env[name]
  if (value === undefined) throw new Error(`${name} is not set`)
  return value
}
const say = (line: Record<string, unknown>): void => void process.stdout.write(`${JSON.stringify(line)}\n`)

async function main(): Promise<void> {
  const crashAt = process.env.TRESEN_CRASH_AT as CheckoutPoint | undefined
  const scenario = process.env.TRESEN_SCENARIO as Scenario | undefined
  const logger: Logger = {
    log: (level, event, data) => {
      if (level === 'error') process.stderr.write(`${JSON.stringify({ level, event, ...data })}\n`)
    },
  }
  // Armed after recovery: the crash belongs to this process's sale, not to finishing the last one.
  let armed = false
  const app = await createApp({
    config: appConfig.parse({
      catalog: SEED_CATALOGUE,
      receipt: { policy: 'always' },
      secuconnect: {
        host: env('TRESEN_SIM_URL'),
        grant: 'client_credentials',
        clientId: 'tresen-crash-test',
        clientSecret: 'crash-secret',
        deviceSerial: 'crash-till',
      },
    }),
    dataDir: env('TRESEN_DATA_DIR'),
    clock: systemClock,
    logger,
    fetch: globalThis.fetch,
    secrets: memorySecretStore(),
    transport: 'test',
    checkout: {
      reconcileEveryMs: 100,
      // A payment cut off before its start left is open on the server; after this long it counts as not paid.
      startPatienceMs: 500,
      hooks: {
        at(point) {
          if (!armed || point !== crashAt) return
          say({ event: 'crashing', point })
          process.kill(process.pid, 'SIGKILL')
        },
      },
    },
  })
  const recovered = await app.checkout.recovery
  say({ event: 'recovered', report: recovered })
  armed = true

  if (scenario) {
    const send = async (command: string, input: unknown = {}): Promise<CheckoutView> => {
      const result = await app.dispatch(command, input)
      if (!result.ok) throw new Error(`${command}: ${result.error.messageKey} ${result.error.message}`)
      await app.checkout.idle()
      const view = await app.dispatch('checkout.view', {})
      return (view as { value: CheckoutView }).value
    }
    say({ event: 'selling', scenario, retry: recovered.aborted.length > 0 })
    await send('seller.login', { sellerId: 'anna', pin: '1111' })
    const items = scenario === 'topup' ? [{ productId: 'topup', amount: 1500 }] : BASKET_796
    for (const item of items) await send('basket.addProduct', { quantity: 1, ...item })
    if (scenario !== 'cash') await send('card.attach', { cardNumber: STAMMKUNDE })
    if (scenario === 'put') {
      // Applied, cancelled, basket changed: the next attempt PUTs the transaction.
      await send('checkout.applyCard')
      await send('checkout.cancel')
      await send('basket.addProduct', { productId: 'kaffee', quantity: 1 })
    }
    if (scenario === 'card-cash' || scenario === 'put' || scenario === 'terminal-card')
      await send('checkout.applyCard')
    const end =
      scenario === 'terminal-card'
        ? await send('checkout.payTerminal')
        : await send('checkout.payCash', { tendered: 5000 })
    if (end.phase !== 'paid') throw new Error(`sale ended in ${end.phase}: ${JSON.stringify(end.error)}`)
    say({ event: 'sold', saleId: end.result!.saleId })
  }
  await app.close()
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
    process.exit(1)
  },
)
