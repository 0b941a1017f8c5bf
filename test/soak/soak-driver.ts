// Sells N sales through the built browser host process (virtual scanner, printer and drawer; the
// secuconnect simulator and, by default, the TSE simulator in this process), driving it over its
// WebSocket like the page does, and samples the host process's memory. Used by the soak suite (short
// in CI, 10 000 with TRESEN_LONG=1) and by the bench.
//
// Sale mix per 10: six cash sales (one to four articles, some scanned on the virtual scanner), one card
// sale (Stammkunde balance applied, rest in cash), one terminal sale, one card top-up, one sale paid
// fully from the PIN card. Receipt policy "ask": every 50th receipt is printed, the others declined.
//
// Memory method. The host runs with the inspector on loopback. After `warmup` sales (default 20 %, at
// least 200: JIT, SQLite's page cache and the heap reach their working size) and again after the run, the
// test asks the inspector for full garbage collections, waits a second and reads VmRSS (and its anonymous
// part) from /proc/<pid>/status: the settled RSS, which the growth target is measured on. Without a full
// collection V8 leaves collectable garbage and external buffers in place for a long time — measured
// after 3 000 sales: VmRSS 329 MiB, 153 MiB after a full collection, live JS heap 17.8 MiB — so raw VmRSS
// samples (every `sampleEvery` sales) say more about V8's collection schedule than about what the app
// keeps; they are reported, not judged. The live JS heap (used heap after the collections) is reported too.
import { openJournal } from '../../main/journal'
import { silentLogger, systemClock } from '../../common/ports'
import type { CheckoutView } from '../../common/checkout'
import { startRig, type Rig } from '../chaos/host-rig'
import type { HostClient } from '../chaos/host-client'
import { memoryKiB } from '../bench/stats'
import { dumpNativeMemory } from './native-memory'
import { writeHeapSnapshot } from './heap-snapshot'
import { startTseSimulator, type TseSimulator } from '../../simulator/tse'
import { setUpRemoteTse } from '../helpers/remote-tse'

const SOAK_TSE = { key: 'soak-key', secret: 'soak-secret' }

export const STAMMKUNDE = '9276004424644352'
export const PIN_CARD = '9276004400000026'
const ITEMS = [
  'weizenbroetchen',
  'laugenbrezel',
  'kaffee',
  'croissant',
  'kaesekuchen',
  'wasser',
  'roggenmischbrot',
  'apfelschorle',
]
const SCANNABLE = ['4007123000517', '4007123000524', '4260123450014']

export type SaleKind = 'cash' | 'card' | 'terminal' | 'topup' | 'loyalty'

export function kindOf(i: number): SaleKind {
  const slot = i % 10
  return slot < 6 ? 'cash' : (['card', 'terminal', 'topup', 'loyalty'] as const)[slot - 6]
}

const idle = (v: CheckoutView) => v.phase !== 'working' && v.phase !== 'reconciling' && v.busy === null

/** Waits until the checkout runs no background step (phase settled, nothing busy) and returns its view. */
export async function settle(client: HostClient, timeoutMs = 30_000): Promise<CheckoutView> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const view = await client.must('checkout.view')
    if (idle(view)) return view
    if (Date.now() > deadline)
      throw new Error(`checkout still ${view.phase} after ${timeoutMs} ms: ${JSON.stringify(view.busy)}`)
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, 25)
      const off = client.on('checkout.changed', (v) => {
        if (idle(v)) done()
      })
      function done() {
        clearTimeout(timer)
        off()
        resolve()
      }
    })
  }
}

/** Times a command was refused as busy although the last view showed nothing running. */
export const busyRefusals = { count: 0 }

/** Sends a checkout command and waits for its background step. */
export async function step(
  client: HostClient,
  command: Parameters<HostClient['must']>[0],
  input?: unknown,
): Promise<CheckoutView> {
  for (let attempt = 0; ; attempt++) {
    const result = await client.call(command, input as never)
    if (result.ok) break
    // The view can show the step as over a moment before the service takes the next command.
    if (result.error.messageKey !== 'checkout.error.busy' || attempt >= 50)
      throw new Error(`${command}: ${result.error.code} ${result.error.messageKey} ${result.error.message}`)
    busyRefusals.count++
    await new Promise((r) => setTimeout(r, 10))
  }
  return settle(client)
}

/** What a sale needs: the till's contract, and the simulator to give the demo cards their balance back. */
export interface Shop {
  client: HostClient
  sim: { updateCard(card: string, patch: { cash_balance: number; bonus_balance: number }): unknown }
}

export interface SoldSale {
  kind: SaleKind
  saleId: number
  receiptNo: number
  total: number
}

/**
 * One sale of `kind` by the logged-in seller: articles into the basket, the payment, the receipt answered
 * when the policy asks (printed when `print`), the next sale started. Throws when it does not end paid.
 */
export async function sellKind(shop: Shop, kind: SaleKind, i: number, print = false): Promise<SoldSale> {
  const { client, sim } = shop
  if (kind === 'card') await sim.updateCard(STAMMKUNDE, { cash_balance: 200, bonus_balance: 20 })
  if (kind === 'loyalty') await sim.updateCard(PIN_CARD, { cash_balance: 50_000, bonus_balance: 0 })
  if (kind === 'topup') await client.must('basket.addProduct', { productId: 'topup-10', quantity: 1 })
  else {
    const count = 1 + (i % 4)
    for (let k = 0; k < count; k++) {
      if ((i + k) % 5 === 0) await client.must('demo.scan', { code: SCANNABLE[(i + k) % SCANNABLE.length] })
      else
        await client.must('basket.addProduct', {
          productId: ITEMS[(i * 3 + k) % ITEMS.length],
          quantity: 1 + ((i + k) % 3),
        })
    }
  }
  let end: CheckoutView
  if (kind === 'card') {
    await step(client, 'card.attach', { cardNumber: STAMMKUNDE })
    await step(client, 'checkout.applyCard')
    end = await step(client, 'checkout.payCash', {})
  } else if (kind === 'topup') {
    await step(client, 'card.attach', { cardNumber: STAMMKUNDE })
    end = await step(client, 'checkout.payCash', { tendered: 2000 })
  } else if (kind === 'loyalty') {
    await step(client, 'card.attach', { cardNumber: PIN_CARD })
    await step(client, 'card.verifyPin', { pin: '1234' })
    end = await step(client, 'checkout.payLoyalty')
  } else if (kind === 'terminal') end = await step(client, 'checkout.payTerminal')
  else end = await step(client, 'checkout.payCash', { tendered: 5000 })
  if (end.phase !== 'paid' || !end.result)
    throw new Error(`sale ${i} (${kind}) ended ${end.phase}: ${JSON.stringify(end.error)}`)
  if (end.result.print === 'asking') await step(client, 'checkout.receipt', { print })
  await step(client, 'checkout.done')
  return { kind, saleId: end.result.saleId, receiptNo: end.result.receiptNo, total: end.result.total }
}

/** One sale of the soak mix. */
export const sellOne = (rig: Rig, i: number): Promise<SoldSale> => sellKind(rig, kindOf(i), i, i % 50 === 0)

export interface Settled {
  rssKiB: number
  anonKiB: number
  liveHeapKiB: number
  /** What V8 keeps committed for its heap (all spaces) after the collections. */
  heapCommittedKiB: number
}

export interface SoakResult {
  sales: number
  sold: SoldSale[]
  /** Settled memory (after full collections) after warm-up and at the end; growth = end / warm − 1 of RSS. */
  warm: Settled
  end: Settled
  rssGrowth: number
  /** Raw VmRSS samples during the run (no collection forced). */
  samples: { sale: number; rssKiB: number; anonKiB: number; fileKiB: number }[]
  salesPerSecond: number
  /** What the journal holds after the host stopped, read from its file. */
  journal: {
    receiptCount: number
    firstReceiptNo: number | null
    lastReceiptNo: number | null
    salesTotal: number
    unfinished: number
  }
  /** What the simulator booked: paid transactions, and the most starts any one took effect. */
  simulator: { paid: number; maxStarts: number }
  method: string
}

export async function runSoak(options: {
  sales: number
  warmup?: number
  sampleEvery?: number
  onProgress?: (done: number) => void
  /**
   * Where the TSE runs. "remote" (default): like a live till's fiskaly cloud TSS, outside the host —
   * the simulator in this process, set up through the manager's TSE tab commands — so the host's
   * memory is the till's own. "embedded": demo mode's built-in simulator inside the host, which keeps
   * every transaction and signed log message of its TSS, as a TSE must (docs/memory.md).
   */
  tse?: 'remote' | 'embedded'
}): Promise<SoakResult> {
  const warmup = options.warmup ?? Math.max(200, Math.floor(options.sales / 5))
  const sampleEvery = options.sampleEvery ?? Math.max(10, Math.floor(options.sales / 200))
  let tse: TseSimulator | undefined
  if ((options.tse ?? 'remote') === 'remote') tse = await startTseSimulator({ credentials: SOAK_TSE })
  const rig = await startRig({
    config: {
      receipt: { policy: 'ask' },
      ...(tse ? { fiscal: { tse: 'fiskaly', fiskaly: { baseUrl: tse.url } } } : {}),
    },
    inspect: true,
  }).catch(async (error: unknown) => {
    await tse?.close()
    throw error
  })
  try {
    if (tse)
      await setUpRemoteTse((command, input) => rig.client.must(command as never, input as never), SOAK_TSE)
    await rig.client.must('seller.login', { sellerId: 'anna', pin: '1111' })
    const pid = rig.host.child.pid!
    const sold: SoldSale[] = []
    const settled = async (label: string): Promise<Settled> => {
      const heap = await rig.host.liveHeap()
      const spaces = await rig.host.heapSpaces()
      await new Promise((r) => setTimeout(r, 1000))
      const m = memoryKiB(pid)
      // Looking into a run (docs/memory.md): glibc's arenas and the mappings at each measuring point.
      if (process.env.TRESEN_SOAK_DUMP) dumpNativeMemory(pid, process.env.TRESEN_SOAK_DUMP, label, spaces)
      const inspector = rig.host.inspectorUrl()
      if (process.env.TRESEN_SOAK_HEAPSNAP && inspector)
        await writeHeapSnapshot(inspector, process.env.TRESEN_SOAK_HEAPSNAP, label)
      return {
        rssKiB: m?.rss ?? NaN,
        anonKiB: m?.anon ?? NaN,
        liveHeapKiB: heap / 1024,
        heapCommittedKiB:
          spaces
            .filter((sp) => sp.space_name !== 'total')
            .reduce((sum, sp) => sum + sp.physical_space_size, 0) / 1024,
      }
    }
    let warm: Settled | undefined
    const samples: SoakResult['samples'] = []
    const sample = (sale: number) => {
      const m = memoryKiB(pid)
      samples.push({ sale, rssKiB: m?.rss ?? NaN, anonKiB: m?.anon ?? NaN, fileKiB: m?.file ?? NaN })
    }
    const t0 = Date.now()
    for (let i = 0; i < warmup + options.sales; i++) {
      if (i === warmup) warm = await settled('warm')
      sold.push(await sellOne(rig, i))
      if (i >= warmup && (i - warmup) % sampleEvery === 0) sample(i - warmup)
      if (i % 500 === 0) options.onProgress?.(i)
    }
    sample(options.sales)
    const seconds = (Date.now() - t0) / 1000
    const end = await settled('end')
    await rig.host.stop()
    const transactions = rig.sim.transactions()
    const simulator = {
      paid: transactions.filter((t) => t.status === 'ok').length,
      maxStarts: Math.max(0, ...transactions.map((t) => t.starts)),
    }
    const journal = openJournal({ dataDir: rig.dataDir, clock: systemClock, logger: silentLogger })
    const x = journal.xReport()
    const unfinished = journal.unfinished().sales.length
    journal.close()
    return {
      sales: options.sales,
      sold,
      warm: warm!,
      end,
      rssGrowth: end.rssKiB / warm!.rssKiB - 1,
      samples,
      salesPerSecond: sold.length / seconds,
      journal: {
        receiptCount: x.receiptCount,
        firstReceiptNo: x.firstReceiptNo,
        lastReceiptNo: x.lastReceiptNo,
        salesTotal: x.salesTotal,
        unfinished,
      },
      simulator,
      method: `VmRSS of the host process after full collections (inspector), after ${warmup} warm-up sales vs after ${options.sales} more`,
    }
  } finally {
    await rig.close()
    await tse?.close()
  }
}
