// The secuconnect simulator: tests and demo mode embed it with startSimulator(); `npm run simulator`
// runs it standalone (./cli.ts). Every admin hook is both an HTTP endpoint under /__admin/ and a method.
import type { Server } from 'node:http'
import { systemClock, silentLogger, type Clock, type Logger } from '../common/ports'
import { faultTable, type FaultSpec, type FaultSpecInput } from './faults'
import { oauthServer } from './oauth'
import { seedSchema, defaultSeed, type Seed, type SeedInput } from './seed'
import { createHttpServer, listen, type HttpRequest, type RequestLogEntry } from './server'
import { freshState, type SimState } from './state'
import type { SimResponse } from './errors'
import { stxWire } from './wire'

export { defaultSeed, loadSeedFile, type Seed, type SeedInput } from './seed'
export type { FaultSpecInput, RequestLogEntry }

export interface SimulatorOptions {
  /** 0 (default) picks a free port; `url` and `port` report the real one after start(). */
  port?: number
  clock?: Clock
  seed?: Seed | SeedInput
  /** Confirm every device registration at once (demo mode) instead of waiting for approveDeviceCode. */
  autoApprove?: boolean
  logger?: Logger
  /**
   * When set, `/__admin/*` answers only requests with `Authorization: Bearer <adminToken>` (401 otherwise).
   * The app's embedded simulator always sets one; the standalone test peer (`npm run simulator`) may not.
   */
  adminToken?: string
  /** Accepted OAuth clients; by default any non-empty client_id and client_secret. */
  clients?: { id: string; secret: string }[]
}

export interface CardPatch {
  cash_balance?: number
  bonus_balance?: number
  lock_status?: 'locked' | 'unlocked'
  passcode?: number
}

export interface TransactionSnapshot {
  id: string
  status: string
  /** How many times a start took effect (a card charged, a payment recorded). */
  starts: number
  cancels: number
  wire: Record<string, unknown>
}

export interface Simulator {
  readonly url: string
  readonly port: number
  /** The token `/__admin/*` requires, if any (for tests of the embedded simulator). */
  readonly adminToken: string | undefined
  start(): Promise<{ url: string; port: number }>
  close(): Promise<void>
  approveDeviceCode(userCode: string): boolean
  pendingDeviceCodes(): { userCode: string; uuid: string; expiresAt: number }[]
  setAutoApprove(on: boolean): void
  injectFault(spec: FaultSpecInput): string
  faults(): (FaultSpec & { id: string; hits: number })[]
  clearFaults(): void
  /** Cards back to the seed; transactions, tokens, device codes, faults and the request log cleared. */
  reset(): void
  now(): number
  setClock(ms: number): void
  advanceClock(ms: number): void
  /** Invalidate every access token, as if the server had restarted its session store. */
  expireTokens(): void
  /** 403 (documented) or 401 (what the SDKs retry on) for an invalid token. */
  setAuthErrorStatus(status: 401 | 403): void
  /**
   * Every start/* waits `ms` before it takes effect (0 clears it): a start still travelling when the
   * register dies, whose effect lands after the register has given up on it. A latency fault on the
   * start routes, applied before the effect.
   */
  setStartLatency(ms: number): void
  /** The simulated terminal declines the next `times` start/cashless calls (status `failed`). */
  declineNextCashless(times?: number): void
  updateCard(cardnumber: string, patch: CardPatch): Record<string, unknown> | undefined
  card(cardnumber: string): Record<string, unknown> | undefined
  transaction(id: string): TransactionSnapshot | undefined
  transactions(): TransactionSnapshot[]
  requests(): RequestLogEntry[]
}

export function createSimulator(opts: SimulatorOptions = {}): Simulator {
  const seed: Seed = opts.seed ? seedSchema.parse(opts.seed) : defaultSeed()
  const base = opts.clock ?? systemClock
  let offset = 0
  const clock: Clock = { now: () => base.now() + offset }
  const logger = opts.logger ?? silentLogger
  const oauth = oauthServer({ clock, autoApprove: opts.autoApprove ?? false, clients: opts.clients ?? [] })
  const faults = faultTable()
  let startLatencyFault: string | null = null
  let state: SimState = freshState(seed)
  let authErrorStatus: 401 | 403 = 403
  const log: RequestLogEntry[] = []
  let server: Server | null = null
  let port = 0

  const snapshot = (id: string): TransactionSnapshot | undefined => {
    const rec = state.transactions.get(id)
    return (
      rec && {
        id: rec.id,
        status: rec.status,
        starts: rec.starts,
        cancels: rec.cancels,
        wire: stxWire(rec, state),
      }
    )
  }

  const sim: Simulator = {
    get url() {
      if (!server) throw new Error('simulator not started')
      return `http://127.0.0.1:${port}`
    },
    get port() {
      return port
    },
    adminToken: opts.adminToken,
    async start() {
      if (server) return { url: sim.url, port }
      server = createHttpServer({
        state: () => state,
        oauth,
        faults,
        clock,
        logger,
        authErrorStatus: () => authErrorStatus,
        admin,
        adminToken: opts.adminToken,
        log,
      })
      port = await listen(server, opts.port ?? 0)
      logger.log('info', 'simulator.listening', { url: sim.url })
      return { url: sim.url, port }
    },
    async close() {
      const s = server
      if (!s) return
      server = null
      // Hung requests and keep-alive sockets would hold close() open forever.
      s.closeAllConnections()
      await new Promise<void>((resolve) => s.close(() => resolve()))
    },
    approveDeviceCode: (code) => oauth.approve(code),
    pendingDeviceCodes: () => oauth.pending(),
    setAutoApprove: (on) => oauth.setAutoApprove(on),
    injectFault: (spec) => faults.add(spec),
    faults: () => faults.list(),
    clearFaults: () => {
      faults.clear()
      startLatencyFault = null
    },
    reset() {
      state = freshState(seed)
      oauth.reset()
      faults.clear()
      log.length = 0
      authErrorStatus = 403
    },
    now: () => clock.now(),
    setClock(ms) {
      offset = ms - base.now()
    },
    advanceClock(ms) {
      offset += ms
    },
    expireTokens: () => oauth.expireAllTokens(),
    setAuthErrorStatus(status) {
      authErrorStatus = status
    },
    setStartLatency(ms) {
      if (startLatencyFault) faults.remove(startLatencyFault)
      startLatencyFault =
        ms > 0
          ? faults.add({
              path: '/api/v2/Smart/Transactions/*/start/*',
              kind: 'latency',
              ms,
              persistent: true,
            })
          : null
    },
    declineNextCashless(times = 1) {
      state.cashlessDeclines = times
    },
    updateCard(cardnumber, patch) {
      const card = state.cards.find(cardnumber)
      if (!card) return undefined
      Object.assign(card, patch)
      return state.cards.wire(card)
    },
    card(cardnumber) {
      const card = state.cards.find(cardnumber)
      return card && state.cards.wire(card)
    },
    transaction: snapshot,
    transactions: () => [...state.transactions.keys()].map((id) => snapshot(id)!),
    requests: () => [...log],
  }

  function admin(req: HttpRequest): SimResponse | undefined {
    const body = (req.body ?? {}) as Record<string, unknown>
    const ok = (b: unknown): SimResponse => ({ status: 200, body: b })
    const route = `${req.method} ${req.path}`
    switch (route) {
      case 'GET /__admin/state':
        return ok({
          now: clock.now(),
          transactions: sim.transactions(),
          cards: state.cards.all().map((c) => state.cards.wire(c)),
          requests: log,
        })
      case 'POST /__admin/reset':
        sim.reset()
        return ok({ reset: true })
      case 'GET /__admin/device-codes':
        return ok({ pending: sim.pendingDeviceCodes() })
      case 'POST /__admin/device-codes/approve': {
        const approved = typeof body.user_code === 'string' && sim.approveDeviceCode(body.user_code)
        return approved
          ? ok({ approved: true })
          : { status: 404, body: { error: 'no pending device code with that user_code' } }
      }
      case 'POST /__admin/auto-approve':
        sim.setAutoApprove(body.on !== false)
        return ok({ autoApprove: body.on !== false })
      case 'GET /__admin/faults':
        return ok({ faults: sim.faults() })
      case 'POST /__admin/faults':
        try {
          return { status: 201, body: { id: sim.injectFault(body as FaultSpecInput) } }
        } catch (error) {
          return { status: 400, body: { error: String(error) } }
        }
      case 'DELETE /__admin/faults':
        sim.clearFaults()
        return ok({ faults: [] })
      case 'POST /__admin/clock':
        if (typeof body.now === 'number') sim.setClock(body.now)
        else if (typeof body.now === 'string') sim.setClock(Date.parse(body.now))
        if (typeof body.advanceMs === 'number') sim.advanceClock(body.advanceMs)
        return ok({ now: clock.now() })
      case 'POST /__admin/tokens/expire':
        sim.expireTokens()
        return ok({ expired: true })
      case 'POST /__admin/terminal/decline':
        sim.declineNextCashless(typeof body.times === 'number' ? body.times : 1)
        return ok({ declines: state.cashlessDeclines })
      case 'POST /__admin/auth-error-status':
        if (body.status !== 401 && body.status !== 403)
          return { status: 400, body: { error: 'status must be 401 or 403' } }
        sim.setAuthErrorStatus(body.status)
        return ok({ status: body.status })
    }
    const card = /^\/__admin\/cards\/(\d{16})$/.exec(req.path)
    if (card && req.method === 'PATCH') {
      const wire = sim.updateCard(card[1], body as CardPatch)
      return wire ? ok(wire) : { status: 404, body: { error: 'unknown card' } }
    }
    const tx = /^\/__admin\/transactions\/([^/]+)$/.exec(req.path)
    if (tx && req.method === 'GET') {
      const snap = sim.transaction(tx[1])
      return snap ? ok(snap) : { status: 404, body: { error: 'unknown transaction' } }
    }
    return undefined
  }

  return sim
}

/** Create and start in one step: what demo mode and the integration tests call. */
export async function startSimulator(opts: SimulatorOptions = {}): Promise<Simulator> {
  const sim = createSimulator(opts)
  await sim.start()
  return sim
}
