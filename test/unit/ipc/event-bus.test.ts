// The event bus delivers events in the order they were published, also when a listener publishes one
// while another is being delivered (the checkout answers register.changed with checkout.changed).
import { describe, expect, it } from 'vitest'
import { memoryLogger } from '../../../common/ports'
import { createEventBus, type EventMessage } from '../../../main/ipc/event-bus'
import type { CheckoutView } from '../../../common/checkout'

const view = (phase: CheckoutView['phase'], total = 500): CheckoutView => ({
  phase,
  sellerId: 'anna',
  saleId: null,
  total,
  fromCard: 0,
  due: total,
  card: null,
  busy: null,
  error: null,
  actions: [],
  result: null,
})

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

describe('event bus: checkout views', () => {
  it('sends a checkout view equal to the last one sent only once, and every changed one', () => {
    const bus = createEventBus(memoryLogger())
    const seen: EventMessage[] = []
    bus.subscribe((m) => seen.push(m))
    bus.publish('checkout.changed', view('open'))
    bus.publish('checkout.changed', view('open'))
    bus.publish('checkout.changed', view('open', 600))
    bus.publish('checkout.changed', view('open'))
    expect(seen.map((m) => (m.payload as CheckoutView).total)).toEqual([500, 600, 500])
  })

  it('drops an invalid view with an error log; it does not count as sent, so the view the renderer has stays the last one', () => {
    const logger = memoryLogger()
    const bus = createEventBus(logger)
    const seen: EventMessage[] = []
    bus.subscribe((m) => seen.push(m))
    bus.publish('checkout.changed', view('open'))
    bus.publish('checkout.changed', { ...view('open'), total: -0.5 })
    bus.publish('checkout.changed', view('open'))
    expect(seen).toHaveLength(1)
    expect(logger.entries.some((e) => e.event === 'event.invalid-payload')).toBe(true)
  })

  it('sends other events every time, equal or not (a register republish is meant to arrive)', () => {
    const bus = createEventBus(memoryLogger())
    const seen: EventMessage[] = []
    bus.subscribe((m) => seen.push(m))
    bus.publish('app.localeChanged', { locale: 'de' })
    bus.publish('app.localeChanged', { locale: 'de' })
    expect(seen).toHaveLength(2)
  })
})
