// Typed main → renderer events. Services publish; each transport subscribes and forwards.
import { events, type EventName, type EventPayload } from '../../common/ipc/contract'
import type { Logger } from '../../common/ports'

export type EventMessage = { [E in EventName]: { type: E; payload: EventPayload<E> } }[EventName]
type Listener = (message: EventMessage) => void

export interface EventBus {
  publish<E extends EventName>(type: E, payload: EventPayload<E>): void
  subscribe(listener: Listener): () => void
}

export function createEventBus(logger: Logger): EventBus {
  const listeners = new Set<Listener>()
  return {
    publish(type, payload) {
      // Validating on the way out keeps a service bug from reaching the renderer as a malformed event.
      const checked = events[type].safeParse(payload)
      if (!checked.success) {
        logger.log('error', 'event.invalid-payload', {
          type,
          issues: checked.error.issues.map((i) => i.message),
        })
        return
      }
      const message = { type, payload: checked.data } as EventMessage
      for (const listener of [...listeners]) {
        try {
          listener(message)
        } catch (error) {
          logger.log('error', 'event.listener-failed', { type, error: String(error) })
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    },
  }
}
