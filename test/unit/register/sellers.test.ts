import { describe, expect, it } from 'vitest'
import { catalogue } from '../../../common/catalog'
import { demoCatalogue } from '../../../main/catalog/demo'
import { indexCatalogue } from '../../../main/catalog/lookup'
import { createRegister } from '../../../main/register/sellers'

const index = indexCatalogue(demoCatalogue())

describe('several sellers on one till', () => {
  it('parks a seller’s basket and resumes it with one switch', () => {
    const register = createRegister(index)
    register.switchTo('anna')
    register.active().addProduct('laugenbrezel', { quantity: 2 })
    register.switchTo('ben')
    register.active().addProduct('kaffee')
    const view = register.switchTo('anna')
    expect(view.activeSellerId).toBe('anna')
    expect(view.basket?.lines.map((l) => [l.productId, l.quantity])).toEqual([['laugenbrezel', 2]])
    expect(view.sellers).toEqual([
      { sellerId: 'anna', itemCount: 2, total: 220, active: true },
      { sellerId: 'ben', itemCount: 1, total: 260, active: false },
    ])
  })

  it('locks to nobody on park, refuses basket work without a seller, and drops empty parked baskets', () => {
    const register = createRegister(index)
    expect(() => register.active()).toThrow(
      expect.objectContaining({
        error: expect.objectContaining({ code: 'CONFLICT', messageKey: 'register.error.noSeller' }),
      }),
    )
    register.switchTo('anna')
    register.switchTo('ben')
    register.active().addProduct('croissant')
    const parked = register.park()
    expect(parked).toMatchObject({ activeSellerId: null, basket: null })
    expect(parked.sellers.map((s) => s.sellerId)).toEqual(['ben'])
    expect(() => register.active()).toThrow()
    expect(() => register.switchTo(' ')).toThrow(
      expect.objectContaining({ error: expect.objectContaining({ messageKey: 'register.error.sellerId' }) }),
    )
  })

  it('keeps the price already in a basket when the catalogue changes, and prices new lines from the new one', () => {
    const register = createRegister(index)
    register.switchTo('anna')
    register.active().addProduct('kaffee')
    const raised = demoCatalogue()
    raised.products = raised.products.map((p) => (p.id === 'kaffee' ? { ...p, price: 290 } : p))
    register.setCatalogue(indexCatalogue(catalogue.parse(raised)))
    register.active().addProduct('kaffee')
    register.switchTo('ben')
    const ben = register.active().addProduct('kaffee')
    expect(ben.lines[0].unitPrice).toBe(290)
    // Anna's first coffee keeps 2,60 €; her next tap merges into that line at the price she was told.
    expect(register.switchTo('anna').basket?.lines.map((l) => [l.quantity, l.unitPrice])).toEqual([[2, 260]])
  })
})
