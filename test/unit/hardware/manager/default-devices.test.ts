// The manager with the printer engineer's real factories: virtual printer and drawer twins out of the box.
import { describe, expect, it } from 'vitest'
import { memoryLogger, systemClock } from '../../../../common/ports'
import { createDeviceManager } from '../../../../hardware/manager/device-manager'
import { FakeHidBus } from '../scanner/helpers'

describe('device manager with default factories', () => {
  it('builds the virtual printer and drawer twins and reaches them through manager.virtual', async () => {
    const manager = createDeviceManager({
      config: {},
      clock: systemClock,
      logger: memoryLogger(),
      hid: new FakeHidBus(),
    })
    expect(manager.virtual.printer).toBe(manager.printer)
    expect(manager.virtual.drawer).toBe(manager.drawer)
    expect((await manager.printer.status()).state).toBe('connected')
    expect(await manager.drawer.open({ reason: 'no sale' })).toMatchObject({ status: 'kicked' })
    expect(manager.virtual.drawer?.kicks).toBe(1)
    await manager.close()
  })

  it('a drawer on the printer port gets the printer it hangs off', async () => {
    const manager = createDeviceManager({
      config: { drawer: { driver: 'printer' } },
      clock: systemClock,
      logger: memoryLogger(),
      hid: new FakeHidBus(),
    })
    // not the stand-alone virtual drawer, but the kick-through-printer driver on the virtual printer
    expect(manager.virtual.drawer).toBeNull()
    expect(manager.drawer.current().messageKey).not.toBe('device.drawer.noDriver')
    expect(await manager.drawer.open({ reason: 'no sale' })).toMatchObject({ status: 'kicked' })
    expect(manager.virtual.printer?.decoded().commands.filter((c) => c.type === 'pulse')).toEqual([
      { offset: expect.any(Number), type: 'pulse', pin: 2, onMs: 50, offMs: 500 },
    ])
    await manager.close()
  })
})
