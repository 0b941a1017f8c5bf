// The event bus delivers events in the order they were published, also when a listener publishes one
// while another is being delivered (the checkout answers register.changed with checkout.changed).
import { describe, expect, it } from 'vitest'
import { memoryLogger } from '../../../common/ports'
import { createEventBus, type EventMessage } from '../../../main/ipc/event-bus'

describe('event bus', () => {
  it('an event published by a listener reaches the others after the event that caused it', () => {
    const bus = createEventBus(memoryLogger())
    bus.subscribe((m) => {
      if (m.type === 'app.localeChanged' && m.payload.locale === 'de')
        bus.publish('app.localeChanged', { locale: 'en' })
    })
    const seen: string[] = []
    bus.subscribe((m: EventMessage) => {
      if (m.type === 'app.localeChanged') seen.push(m.payload.locale)
    })
    bus.publish('app.localeChanged', { locale: 'de' })
    // Synchronous: both are delivered when publish returns, the cause first.
    expect(seen).toEqual(['de', 'en'])
  })

  it('a listener that throws neither stops the others nor the queue', () => {
    const logger = memoryLogger()
    const bus = createEventBus(logger)
    bus.subscribe(() => {
      throw new Error('broken window')
    })
    const seen: string[] = []
    bus.subscribe((m) => {
      if (m.type === 'app.localeChanged') seen.push(m.payload.locale)
    })
    bus.publish('app.localeChanged', { locale: 'de' })
    bus.publish('app.localeChanged', { locale: 'en' })
    expect(seen).toEqual(['de', 'en'])
  })
})
