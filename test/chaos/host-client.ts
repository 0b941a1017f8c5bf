// Drives a running browser host the way its page does: the contract over the token-protected WebSocket
// (calls with ids, events pushed). Used by the chaos and soak suites and the bench, against the built
// host process (`node out/main/host.js`, test/e2e/harness.ts startHostProcess).
import { WebSocket } from 'ws'
import type {
  CommandInput,
  CommandName,
  CommandOutput,
  EventName,
  EventPayload,
} from '../../common/ipc/contract'
import type { Result } from '../../common/result'

export interface HostClient {
  call<C extends CommandName>(channel: C, payload?: CommandInput<C>): Promise<Result<CommandOutput<C>>>
  /** Like call, but throws with the error message when the result is not ok. */
  must<C extends CommandName>(channel: C, payload?: CommandInput<C>): Promise<CommandOutput<C>>
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void
  /** Resolves when the socket is gone (host killed, closed). */
  readonly closed: Promise<void>
  close(): void
}

export async function connectHost(url: string, options: { timeoutMs?: number } = {}): Promise<HostClient> {
  const parsed = new URL(url)
  const token = parsed.searchParams.get('token')
  const ws = new WebSocket(`ws://${parsed.host}/pos?token=${token}`, { headers: { Origin: parsed.origin } })
  const pending = new Map<number, (result: Result<unknown>) => void>()
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  let nextId = 1
  ws.on('message', (data) => {
    const message = JSON.parse(String(data)) as {
      id?: number
      result?: Result<unknown>
      event?: string
      payload?: unknown
    }
    if (typeof message.event === 'string') {
      for (const listener of listeners.get(message.event) ?? []) listener(message.payload)
      return
    }
    const resolve = typeof message.id === 'number' ? pending.get(message.id) : undefined
    if (resolve && message.result) {
      pending.delete(message.id!)
      resolve(message.result)
    }
  })
  const closed = new Promise<void>((resolve) => ws.once('close', () => resolve()))
  void closed.then(() => {
    for (const [id, resolve] of pending) {
      pending.delete(id)
      resolve({
        ok: false,
        error: { code: 'UNAVAILABLE', messageKey: 'error.unavailable', message: 'host connection closed' },
      })
    }
  })
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no WebSocket to ${parsed.host}`)),
      options.timeoutMs ?? 10_000,
    )
    ws.once('open', () => {
      clearTimeout(timer)
      resolve()
    })
    ws.once('error', (e) => {
      clearTimeout(timer)
      reject(e)
    })
  })

  const call = <C extends CommandName>(channel: C, payload?: CommandInput<C>) =>
    new Promise<Result<CommandOutput<C>>>((resolve) => {
      if (ws.readyState !== ws.OPEN)
        return resolve({
          ok: false,
          error: { code: 'UNAVAILABLE', messageKey: 'error.unavailable', message: 'host connection closed' },
        })
      const id = nextId++
      pending.set(id, resolve as (r: Result<unknown>) => void)
      ws.send(JSON.stringify({ id, channel, payload: payload ?? {} }))
    })

  return {
    call,
    async must(channel, payload) {
      const result = await call(channel, payload)
      if (!result.ok)
        throw new Error(`${channel}: ${result.error.code} ${result.error.messageKey} ${result.error.message}`)
      return result.value
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set()
      listeners.set(event, set)
      set.add(listener as (p: unknown) => void)
      return () => void set.delete(listener as (p: unknown) => void)
    },
    closed,
    close: () => ws.close(),
  }
}
