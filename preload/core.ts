// createPosApi builds `window.pos` over any transport. It is deliberately self-contained (no imports,
// no outer references): the Electron preload bundles it, the renderer uses it over the browser host's
// WebSocket, and tests can inject its source into a page.

export interface PosTransport {
  invoke(channel: string, payload: unknown): Promise<unknown>
  /** One underlying subscription; receives every event as (type, payload). */
  subscribe(listener: (type: string, payload: unknown) => void): () => void
}

type Listener = (payload: unknown) => void

export interface PosBridge {
  invoke(channel: string, payload?: unknown): Promise<unknown>
  on(event: string, listener: Listener): () => void
}

export function createPosApi(
  transport: PosTransport,
  commandNames: readonly string[],
  eventNames: readonly string[],
): PosBridge {
  const allowedCommands = new Set(commandNames)
  const allowedEvents = new Set(eventNames)
  const listeners = new Map<string, Set<Listener>>()
  let unsubscribe: (() => void) | null = null

  const fanOut = (type: string, payload: unknown): void => {
    const set = listeners.get(type)
    if (!set) return
    for (const listener of [...set]) {
      try {
        listener(payload)
      } catch (error) {
        console.error('pos event listener failed', type, error)
      }
    }
  }

  const refused = (code: string, messageKey: string, message: string) => ({
    ok: false,
    error: { code, messageKey, message },
  })

  return {
    async invoke(channel, payload) {
      if (typeof channel !== 'string' || !allowedCommands.has(channel)) {
        return refused('UNKNOWN_COMMAND', 'error.unknownCommand', 'Command not in the contract')
      }
      try {
        // Payloads are JSON-safe by contract; a JSON round trip strips anything else before it leaves.
        const clean = payload === undefined ? undefined : JSON.parse(JSON.stringify(payload))
        return await transport.invoke(channel, clean)
      } catch (error) {
        return refused(
          'UNAVAILABLE',
          'error.unavailable',
          error instanceof Error ? error.message : String(error),
        )
      }
    },
    on(event, listener) {
      if (typeof event !== 'string' || !allowedEvents.has(event) || typeof listener !== 'function') {
        throw new Error(`Event not in the contract: ${String(event)}`)
      }
      let set = listeners.get(event)
      if (!set) {
        set = new Set()
        listeners.set(event, set)
      }
      set.add(listener)
      if (!unsubscribe) unsubscribe = transport.subscribe(fanOut)
      return () => {
        set.delete(listener)
        const empty = [...listeners.values()].every((s) => s.size === 0)
        if (empty && unsubscribe) {
          unsubscribe()
          unsubscribe = null
        }
      }
    },
  }
}
