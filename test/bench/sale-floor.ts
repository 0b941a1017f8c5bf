// The floor under the card sale's overhead on this machine: the requests one card sale of the till made
// (card lookup, create, preTransaction, start/cash, the TSE's finish), replayed by the barest client
// that could make them — fetch, read the body, JSON.parse, and the two fsync barriers the durability
// rule asks for (docs/checkout.md "Durability") as one journal commit each, with the journal's own
// database code — and nothing else between the answers: no models, no state machine, no views, no
// other journal rows. Whatever design the till has, it pays at least this here; the gap between the
// till's overhead and this floor is what its own work costs. Against the same simulators, in the same
// process, on the same connections' kind (Node's fetch), right after the till's own sales.
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { inTransaction, openDatabase } from '../../main/journal/database'
import type { Call } from './sale-driver'

export interface Floor {
  /** (wall − HTTP) / HTTP over all replays. */
  ratio: number
  /** Local time per replayed sale (wall − HTTP, the two barriers included), ms. */
  localMs: number
  barrierMs: number
  note: string
}

const isToken = (path: string) => path.startsWith('/oauth/') || path === '/api/v2/auth'
const TSE_TX = /\/tx\/([0-9a-f-]{36})\?tx_revision=(\d+)/

/**
 * Replays the card sale in `sale` (its calls from the basket to paid, `windowFrom` = card.attach)
 * `times` times. Before each, outside the timing, the card is reset and a fresh TSE transaction is
 * started as the basket's was; the lookups, the transaction's calls and the TSE's finish are timed.
 */
export async function replayFloor(
  sale: { calls: readonly Call[]; t0: number },
  times: number,
  resetCard: () => Promise<void>,
): Promise<Floor> {
  const timed = sale.calls.filter((c) => c.from >= sale.t0 && !isToken(c.path))
  const finish = timed.find((c) => TSE_TX.exec(c.url)?.[2] === '2')
  const tseStart = sale.calls.find((c) => TSE_TX.exec(c.url)?.[2] === '1')
  const create = timed.find((c) => c.path === '/api/v2/Smart/Transactions')
  if (!finish || !tseStart || !create || !timed.some((c) => c.path.endsWith('/start/cash')))
    throw new Error('the card sale to replay lacks its TSE start, create, start/cash or TSE finish')
  const oldTx = TSE_TX.exec(finish.url)![1]!
  const oldStx = /STX_\w+/.exec(timed.find((c) => /STX_\w+/.test(c.url))!.url)![0]

  const dir = mkdtempSync(join(tmpdir(), 'tresen-floor-'))
  const db = openDatabase(dir)
  db.exec('CREATE TABLE step (id INTEGER PRIMARY KEY, what TEXT NOT NULL, at REAL NOT NULL)')
  const insert = db.prepare('INSERT INTO step (what, at) VALUES (?, ?)')
  let barrierMs = 0
  const barrier = (what: string) => {
    const t0 = performance.now()
    inTransaction(db, () => insert.run(what, Date.now()), { durable: true })
    barrierMs += performance.now() - t0
  }
  const send = (call: Call, tx: string, stx: string, extra = '') => {
    const init = call.init ?? {}
    const body = typeof init.body === 'string' ? init.body : undefined
    return fetch(call.url.replace(oldTx, tx).replace(oldStx, stx), {
      method: init.method ?? 'GET',
      headers: init.headers,
      // The create's reference is the sale's own: a replay gets one of its own.
      body: body?.replace(/"transactionRef":"([^"]*)"/, `"transactionRef":"$1${extra}"`),
    })
  }
  let wall = 0
  let http = 0
  try {
    for (let i = 0; i < times; i++) {
      await resetCard()
      const tx = randomUUID()
      const started = await send(tseStart, tx, oldStx)
      if (!started.ok) throw new Error(`floor: TSE start answered ${started.status}`)
      await started.text()
      let stx = oldStx
      const t0 = performance.now()
      for (const call of timed) {
        const paying = call.path.endsWith('/start/cash')
        if (paying) barrier('intent')
        const from = performance.now()
        const res = await send(call, tx, stx, `/floor-${i}`)
        const text = await res.text()
        http += performance.now() - from
        if (!res.ok) throw new Error(`floor: ${call.path} answered ${res.status}: ${text.slice(0, 200)}`)
        const json = JSON.parse(text) as { id?: string }
        if (call === create && json.id) stx = json.id
        if (paying) barrier('outcome')
      }
      wall += performance.now() - t0
    }
  } finally {
    db.close()
    rmSync(dir, { recursive: true, force: true })
  }
  const per = (x: number) => (x / times).toFixed(2)
  return {
    ratio: (wall - http) / http,
    localMs: (wall - http) / times,
    barrierMs: barrierMs / times,
    note: `${times} replays of ${timed.length} calls: wall ${per(wall)} ms, HTTP ${per(http)} ms, local ${per(wall - http)} ms of which the two barriers ${per(barrierMs)} ms per sale`,
  }
}
