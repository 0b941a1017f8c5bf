// Demo mode must never load native drivers: with node-hid and serialport unloadable, an all-virtual
// manager still works end to end (both are imported lazily, on first use of a real device).
import { describe, expect, it, vi } from 'vitest'
import { memoryLogger } from '../../../../common/ports'
import { createDeviceManager } from '../../../../hardware/manager/device-manager'
import { setupTime } from '../scanner/helpers'

vi.mock('node-hid', () => {
  throw new Error('node-hid must not be loaded in demo mode')
})
vi.mock('serialport', () => {
  throw new Error('serialport must not be loaded in demo mode')
})

describe('demo mode', () => {
  it('builds, scans and closes with default backends without touching node-hid or serialport', async () => {
    const logger = memoryLogger()
    const manager = createDeviceManager({ config: {}, ...setupTime(), logger })
    const kinds: string[] = []
    manager.onScan((s) => kinds.push(s.kind))
    manager.virtual.scanner.inject('4006381333931')
    manager.virtual.scanner.type('9276004429942845')
    expect(kinds).toEqual(['ean13', 'card'])
    await manager.close()
    expect(logger.entries.filter((e) => e.level === 'error')).toEqual([])
  })

  it('listing attached devices degrades to a logged warning when node-hid cannot load', async () => {
    const logger = memoryLogger()
    const manager = createDeviceManager({
      config: {},
      ...setupTime(),
      logger,
      serial: {
        list: async () => [{ path: '/dev/ttyUSB0' }],
        open: async () => Promise.reject(new Error('unused')),
      },
    })
    expect(await manager.listAttached()).toEqual([{ bus: 'serial', path: '/dev/ttyUSB0' }])
    expect(logger.entries.filter((e) => e.event === 'devices.list-failed').map((e) => e.data?.bus)).toEqual([
      'hid',
    ])
    await manager.close()
  })
})
