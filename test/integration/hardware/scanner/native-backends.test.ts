// Smoke test of the real node-hid and serialport seams (no devices needed): they load on demand, enumerate,
// and an absent scanner ends in a clear status rather than an exception.
import { describe, expect, it } from 'vitest'
import { memoryLogger } from '../../../../common/ports'
import { createDeviceManager } from '../../../../hardware/manager/device-manager'
import { nodeHidBackend } from '../../../../hardware/scanner/hid-backend'
import { serialportBackend } from '../../../../hardware/scanner/serial-backend'
import { setupTime } from '../../../unit/hardware/scanner/helpers'

describe('native backends', () => {
  it('node-hid enumerates through devicesAsync; serialport through SerialPort.list', async () => {
    const hid = await nodeHidBackend({ logger: memoryLogger() }).listHid()
    expect(Array.isArray(hid)).toBe(true)
    for (const d of hid) expect(typeof d.vendorId).toBe('number')
    const ports = await serialportBackend().list()
    for (const p of ports) expect(typeof p.path).toBe('string')
  })

  it('a configured HID scanner that is not attached reports notFound and is retried', async () => {
    const time = setupTime()
    const manager = createDeviceManager({
      config: { scanner: { driver: 'hid', vendorId: 0xffff, productId: 0xfffe } },
      ...time,
      logger: memoryLogger(),
    })
    await expect.poll(() => manager.scanner.current().messageKey).toBe('device.scanner.notFound')
    expect(time.timers.pending()).toBeGreaterThanOrEqual(1)
    await manager.close()
    expect(time.timers.pending()).toBe(0)
  })
})
