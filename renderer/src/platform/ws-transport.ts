// The browser host's transport: the contract over one WebSocket to 127.0.0.1, reconnecting with a capped
// backoff. Calls made while disconnected wait for the connection (bounded); state always comes from main,
// so a reconnect or a page reload loses nothing.
import type { PosTransport } from '../../../preload/core'

const CALL_TIMEOUT_MS = 150_000

export function webSocketTransport(url: string): PosTransport & { close(): void } {
  let socket: WebSocket | null = null
  let nextId = 1
  let retry = 0
  let closed = false
  const pending = new Map<number, { resolve: (v: unknown) => void; timer: ReturnType<typeof setTimeout> }>()
  const outbox: string[] = []
  const listeners = new Set<(type: string, payload: unknown) => void>()

  const unavailable = (message: string) => ({
    ok: false,
    error: { code: 'UNAVAILABLE', messageKey: 'error.unavailable', message },
  })

  function connect(): void {
    if (closed) return
    const ws = new WebSocket(url)
    socket = ws
    ws.onopen = () => {
      retry = 0
      while (outbox.length && ws.readyState === WebSocket.OPEN) ws.send(outbox.shift()!)
    }
    ws.onmessage = (event) => {
      let message: { id?: number; result?: unknown; event?: string; payload?: unknown }
      try {
        message = JSON.parse(String(event.data))
      } catch {
        return
      }
      if (typeof message.event === 'string') {
        for (const listener of [...listeners]) listener(message.event, message.payload)
        return
      }
      const call = typeof message.id === 'number' ? pending.get(message.id) : undefined
      if (call) {
        pending.delete(message.id!)
        clearTimeout(call.timer)
        call.resolve(message.result)
      }
    }
    ws.onclose = () => {
      socket = null
      // Answers to calls in flight are lost with the socket; main finished or refused them on its side.
      for (const [id, call] of pending) {
        clearTimeout(call.timer)
        call.resolve(unavailable('Connection to the register lost'))
        pending.delete(id)
      }
      if (closed) return
      const delay = Math.min(5000, 200 * 2 ** retry++)
      setTimeout(connect, delay)
    }
  }
  connect()

  return {
    invoke(channel, payload) {
      const id = nextId++
      const text = JSON.stringify({ id, channel, payload })
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          pending.delete(id)
          resolve(unavailable('The register did not answer in time'))
        }, CALL_TIMEOUT_MS)
        pending.set(id, { resolve, timer })
        if (socket && socket.readyState === WebSocket.OPEN) socket.send(text)
        else outbox.push(text)
      })
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    },
    close() {
      closed = true
      socket?.close()
    },
  }
}
