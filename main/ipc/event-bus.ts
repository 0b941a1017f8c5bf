// Typed main → renderer events. Services publish; each transport subscribes and forwards.
import { events, type EventName, type EventPayload } from '../../common/ipc/contract'
import type { Logger } from '../../common/ports'

export type EventMessage = { [E in EventName]: { type: E; payload: EventPayload<E> } }[EventName]
type Listener = (message: EventMessage) => void

export interface EventBus {
  publish<E extends EventName>(type: E, payload: EventPayload<E>): void
  subscribe(listener: Listener): () => void
}

/**
 * Events that carry the whole state of their service, so one equal to the last one sent says nothing
 * new. The checkout publishes its view after every step and again when the register changes; about one
 * in five of those views equals the one before (e.g. the start's busy view, once from the command and
 * once from the step), and a paid view (with its receipt) costs the most to check and to send.
 */
const SNAPSHOTS: ReadonlySet<EventName> = new Set<EventName>(['checkout.changed'])

export function createEventBus(logger: Logger): EventBus {
  const listeners = new Set<Listener>()
  const lastSent = new Map<EventName, string>()
  // Events reach every listener in the order they were published: an event published by a listener
  // (checkout.changed in answer to register.changed) waits until the one being delivered has reached
  // all listeners. Without this the nested event overtook the outer one on the way to the window, and
  // the basket line a cashier waits for arrived after the checkout's view. Delivery stays synchronous:
  // the queue is empty again when the outer publish returns.
  const queue: EventMessage[] = []
  let delivering = false
  const deliver = () => {
    delivering = true
    try {
      for (let message = queue.shift(); message; message = queue.shift())
        for (const listener of [...listeners]) {
          try {
            listener(message)
          } catch (error) {
            logger.log('error', 'event.listener-failed', { type: message.type, error: String(error) })
          }
        }
    } finally {
      delivering = false
    }
  }
  return {
    publish(type, payload) {
      const snapshot = SNAPSHOTS.has(type) ? JSON.stringify(payload) : undefined
      if (snapshot !== undefined && lastSent.get(type) === snapshot) return
      // Validating on the way out keeps a service bug from reaching the renderer as a malformed event.
      const checked = events[type].safeParse(payload)
      if (!checked.success) {
        logger.log('error', 'event.invalid-payload', {
          type,
          issues: checked.error.issues.map((i) => i.message),
        })
        return
      }
      if (snapshot !== undefined) lastSent.set(type, snapshot)
      queue.push({ type, payload: checked.data } as EventMessage)
      if (!delivering) deliver()
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    },
  }
}
