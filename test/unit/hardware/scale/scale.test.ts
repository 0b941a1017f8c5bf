// Dialog 06 frames byte by byte, and the virtual scale (the real driver over an in-memory link to the
// scale emulator): only a stable reading is a weight, and every refusal has its reason.
import { describe, expect, it } from 'vitest'
import {
  readReply,
  STATUS_REQUEST,
  unitPriceRecord,
  WEIGHT_REQUEST,
  weightRecord,
} from '../../../../hardware/scale/dialog06'
import { scaleWeightPrice } from '../../../../hardware/scale/price'
import { VirtualScale } from '../../../../hardware/scale/virtual-scale'

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex')

describe('Dialog 06 frames', () => {
  it('writes the unit price record EOT STX "01" ESC PPPPPP ESC ETX, and EOT ENQ / the status request', () => {
    expect(hex(unitPriceRecord(2490))).toBe('0402' + '3031' + '1b' + '303032343930' + '1b' + '03')
    expect(hex(WEIGHT_REQUEST)).toBe('0405')
    expect(hex(STATUS_REQUEST)).toBe('0402303803')
    expect(() => unitPriceRecord(1_000_000)).toThrow(RangeError)
    expect(() => unitPriceRecord(12.5)).toThrow(RangeError)
  })

  it('reads the weight record STX "02" ESC "3" ESC WWWWW ESC PPPPPP ESC IIIIII ETX, in pieces too', () => {
    const frame = weightRecord(237, 2490, 590)
    expect(readReply(frame.subarray(0, 10))).toBeNull()
    expect(readReply(frame)).toEqual({
      reply: { type: 'weight', grams: 237, unitPrice: 2490, amount: 590 },
      used: frame.length,
    })
    expect(readReply(Uint8Array.of(0x00, 0x15))).toEqual({ reply: { type: 'nak' }, used: 2 })
    expect(readReply(Uint8Array.from([0x02, 0x30, 0x39, 0x1b, 0x32, 0x30, 0x03]))).toEqual({
      reply: { type: 'status', code: '20' },
      used: 7,
    })
    expect(readReply(Uint8Array.from([0x02, 0x30, 0x32, 0x1b, 0x32, 0x03]))?.reply.type).toBe('invalid')
  })

  it('prices weight × unit price half up to the cent in integers', () => {
    expect(scaleWeightPrice(237, 2490)).toBe(590) // 5,9013 €
    expect(scaleWeightPrice(250, 198)).toBe(50) // 0,495 € → 0,50 €
    expect(scaleWeightPrice(1, 499)).toBe(0) // 0,499 ct
    expect(() => scaleWeightPrice(-1, 100)).toThrow(RangeError)
  })
})

describe('virtual scale', () => {
  it('weighs: sends the unit price, gets the stable weight and the amount the scale computed', async () => {
    const scale = new VirtualScale()
    scale.place(237)
    expect(await scale.weigh({ unitPrice: 2490 })).toEqual({
      status: 'stable',
      grams: 237,
      unitPrice: 2490,
      amount: 590,
    })
    expect(scale.emulator.frames).toEqual(['01|002490|', 'ENQ'])
    expect(scale.current().state).toBe('connected')
    await scale.close()
  })

  it('waits for a settling weight, and gives up with "motion" when it never settles', async () => {
    const scale = new VirtualScale()
    scale.place(500)
    scale.set({ settleAfterRequests: 2 })
    expect(await scale.weigh({ unitPrice: 1000 })).toMatchObject({ status: 'stable', grams: 500 })
    scale.place(700, { motion: true })
    expect(await scale.weigh({ unitPrice: 1000 })).toMatchObject({
      status: 'failed',
      reason: 'motion',
      messageKey: 'device.scale.motion',
    })
    await scale.close()
  })

  it.each([
    [{ grams: 20_000 }, 'overload'],
    [{ grams: -5 }, 'under-zero'],
    [{ grams: 10 }, 'below-minimum'],
    [{ grams: 0 }, 'below-minimum'],
  ] as const)('refuses %o as %s', async (state, reason) => {
    const scale = new VirtualScale()
    scale.set(state)
    expect(await scale.weigh({ unitPrice: 1000 })).toMatchObject({ status: 'failed', reason })
    await scale.close()
  })

  it('hands one weighing out once: the same load again is "same-weighing" until the goods change', async () => {
    const scale = new VirtualScale()
    scale.place(300)
    expect(await scale.weigh({ unitPrice: 1000 })).toMatchObject({ status: 'stable', grams: 300 })
    expect(await scale.weigh({ unitPrice: 1000 })).toMatchObject({
      status: 'failed',
      reason: 'same-weighing',
    })
    scale.place(310)
    expect(await scale.weigh({ unitPrice: 1000 })).toMatchObject({ status: 'stable', grams: 310 })
    await scale.close()
  })

  it('a silent scale: timeout and "offline"; unplugged: "disconnected", back after plugging in', async () => {
    const scale = new VirtualScale()
    scale.place(400)
    scale.set({ power: false })
    expect(await scale.weigh({ unitPrice: 1000 })).toMatchObject({ status: 'failed', reason: 'timeout' })
    expect(scale.current().state).toBe('offline')
    scale.set({ power: true })
    expect((await scale.status()).state).toBe('connected')
    scale.unplug()
    expect(scale.current().state).toBe('disconnected')
    expect(await scale.weigh({ unitPrice: 1000 })).toMatchObject({ status: 'failed', reason: 'disconnected' })
    scale.plugIn()
    expect(await scale.weigh({ unitPrice: 1000 })).toMatchObject({ status: 'stable', grams: 400 })
    await scale.close()
  })

  it("refuses a weighing whose amount differs from the till's price rule (never prints a different amount)", async () => {
    const scale = new VirtualScale()
    scale.place(237)
    scale.set({ amountOffset: 1 })
    expect(await scale.weigh({ unitPrice: 2490 })).toMatchObject({
      status: 'failed',
      reason: 'amount-mismatch',
      messageKey: 'device.scale.amountMismatch',
    })
    await scale.close()
  })

  it('refuses a second weighing while one runs, and a unit price the scale cannot show', async () => {
    const scale = new VirtualScale()
    scale.place(400)
    scale.set({ slowMs: 50 })
    const first = scale.weigh({ unitPrice: 1000 })
    expect(await scale.weigh({ unitPrice: 1000 })).toMatchObject({ status: 'failed', reason: 'busy' })
    expect(await first).toMatchObject({ status: 'stable' })
    expect(await scale.weigh({ unitPrice: 1_000_000 })).toMatchObject({ reason: 'price-refused' })
    await scale.close()
  })
})
