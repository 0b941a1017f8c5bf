// Serial / CDC scanner over serialport's own mock binding (data path, re-finding by VID/PID) and a
// hand-written port for the unplug, which the mock binding cannot simulate (docs/hardware-scanner.md).
import { EventEmitter } from 'node:events'
import { SerialPortMock } from 'serialport'
import { afterEach, describe, expect, it } from 'vitest'
import { devicesConfig } from '../../../../common/config/devices'
import type { Scan } from '../../../../common/devices'
import { memoryLogger } from '../../../../common/ports'
import { SerialScanner, type SerialScannerConfig } from '../../../../hardware/scanner/serial-scanner'
import {
  pickSerialPort,
  serialportBackend,
  type SerialBackend,
  type SerialLike,
  type SerialPortClass,
} from '../../../../hardware/scanner/serial-backend'
import { setupTime } from '../../../unit/hardware/scanner/helpers'

function serialConfig(over: Record<string, unknown>): SerialScannerConfig {
  const c = devicesConfig.parse({ scanner: { driver: 'serial', ...over } }).scanner
  if (c.driver !== 'serial') throw new Error('not serial')
  return c
}

// The mock binding serialport itself uses: importing @serialport/binding-mock here would give the ESM copy,
// a different registry from the CommonJS one SerialPortMock reads.
const MockBinding = SerialPortMock.binding

const mockBackend = () => serialportBackend(async () => SerialPortMock as unknown as SerialPortClass)

afterEach(() => MockBinding.reset())

describe('serial scanner', () => {
  it('reads CR/LF-terminated codes from a port found by USB VID/PID', async () => {
    MockBinding.createPort('/dev/ttyACM0', { echo: false, record: true, vendorId: '1a86', productId: '7523' })
    MockBinding.createPort('/dev/ttyACM1', {
      echo: false,
      record: true,
      vendorId: '05f9',
      productId: '4204',
      manufacturer: 'Datalogic',
    })
    const time = setupTime()
    const scanner = new SerialScanner({
      ...time,
      logger: memoryLogger(),
      serial: mockBackend(),
      config: serialConfig({ vendorId: '0x05f9', productId: '0x4204' }),
    })
    const scans: Scan[] = []
    scanner.onScan((s) => scans.push(s))
    expect(await scanner.connect()).toBe(true)
    expect(scanner.current()).toMatchObject({ state: 'connected', detail: '/dev/ttyACM1' })
    const port = (scanner as unknown as { port: SerialPortMock }).port
    port.port!.emitData(Buffer.from('4006381333931\r\n9276004429942845\r\n4006381333931\r\n'))
    await new Promise((r) => setImmediate(r))
    expect(scans.map((s) => [s.kind, s.code, s.source])).toEqual([
      ['ean13', '4006381333931', 'serial'],
      ['card', '9276004429942845', 'serial'],
      ['ean13', '4006381333931', 'serial'],
    ])
    await scanner.close()
  })

  it('a missing configured port is disconnected/notFound, not an exception', async () => {
    const time = setupTime()
    const scanner = new SerialScanner({
      ...time,
      logger: memoryLogger(),
      serial: mockBackend(),
      config: serialConfig({ vendorId: 0x05f9, productId: 0x4204 }),
    })
    expect(await scanner.connect()).toBe(false)
    expect(scanner.current()).toMatchObject({ state: 'disconnected', messageKey: 'device.scanner.notFound' })
  })

  it('unplug mid-code: partial read reported, disconnected, reconnect finds the port under its new name', async () => {
    class Port extends EventEmitter implements SerialLike {
      isOpen = true
      close(cb?: (e?: Error | null) => void) {
        this.isOpen = false
        cb?.(null)
      }
    }
    let ports = [{ path: '/dev/ttyACM0', vendorId: '05f9', productId: '4204' }]
    const opened: { path: string; port: Port }[] = []
    const backend: SerialBackend = {
      list: async () => ports,
      open: async ({ path }) => {
        if (!ports.some((p) => p.path === path))
          throw new Error(`Error: No such file or directory, cannot open ${path}`)
        const port = new Port()
        opened.push({ path, port })
        return port
      },
    }
    const time = setupTime()
    const scanner = new SerialScanner({
      ...time,
      logger: memoryLogger(),
      serial: backend,
      config: serialConfig({ vendorId: 0x05f9, productId: 0x4204 }),
    })
    const scans: Scan[] = []
    scanner.onScan((s) => scans.push(s))
    await scanner.connect()
    opened[0].port.emit('data', Buffer.from('400638'))
    ports = []
    // serialport on unplug: 'close' with a DisconnectedError; some platforms emit it twice
    const gone = Object.assign(new Error('Disconnected'), { disconnected: true })
    opened[0].port.isOpen = false
    opened[0].port.emit('close', gone)
    opened[0].port.emit('close', gone)
    expect(scans).toEqual([{ code: '400638', kind: 'invalid', source: 'serial', reason: 'partial-read' }])
    expect(scanner.current()).toMatchObject({
      state: 'disconnected',
      messageKey: 'device.scanner.lost',
      detail: 'Disconnected',
    })
    ports = [{ path: '/dev/ttyACM3', vendorId: '05f9', productId: '4204' }]
    expect(await scanner.connect()).toBe(true)
    expect(opened.map((o) => o.path)).toEqual(['/dev/ttyACM0', '/dev/ttyACM3'])
    opened[1].port.emit('data', Buffer.from('96385074\r'))
    expect(scans.at(-1)).toEqual({ code: '96385074', kind: 'ean8', source: 'serial' })
  })
})

describe('serial scanner without suffix', () => {
  it('with terminators [] a pause of interCharTimeoutMs ends the code', async () => {
    class Port extends EventEmitter implements SerialLike {
      isOpen = true
      close(cb?: (e?: Error | null) => void) {
        this.isOpen = false
        cb?.(null)
      }
    }
    const port = new Port()
    const backend: SerialBackend = { list: async () => [{ path: '/dev/ttyS0' }], open: async () => port }
    const time = setupTime()
    const scanner = new SerialScanner({
      ...time,
      logger: memoryLogger(),
      serial: backend,
      config: serialConfig({ path: '/dev/ttyS0', terminators: [], interCharTimeoutMs: 50 }),
    })
    const scans: Scan[] = []
    scanner.onScan((s) => scans.push(s))
    await scanner.connect()
    port.emit('data', Buffer.from('40063813'))
    time.timers.advance(20)
    port.emit('data', Buffer.from('33931'))
    time.timers.advance(49)
    expect(scans).toEqual([])
    time.timers.advance(1)
    expect(scans).toEqual([{ code: '4006381333931', kind: 'ean13', source: 'serial' }])
    await scanner.close()
    expect(port.isOpen).toBe(false)
  })
})

describe('pickSerialPort', () => {
  const ports = [
    { path: 'COM3', vendorId: '0C2E', productId: '0B8F', serialNumber: 'A' },
    { path: 'COM7', vendorId: '0c2e', productId: '0b8f', serialNumber: 'B' },
  ]
  it('matches VID/PID case-insensitively and by serial number', () => {
    expect(pickSerialPort(ports, { vendorId: 0x0c2e, productId: 0x0b8f, serialNumber: 'B' })).toEqual({
      port: ports[1],
    })
    expect(pickSerialPort(ports, { vendorId: 0x0c2e, productId: 0x0b8f })).toEqual({ port: ports[0] })
  })
  it('prefers the USB id over a stale path, falls back to the path, and explains a missing config', () => {
    expect(
      pickSerialPort(ports, { path: 'COM9', vendorId: 0x0c2e, productId: 0x0b8f, serialNumber: 'B' }),
    ).toEqual({ port: ports[1] })
    expect(pickSerialPort(ports, { path: '/dev/ttyS0' })).toEqual({ port: { path: '/dev/ttyS0' } })
    expect(pickSerialPort(ports, {})).toEqual({
      missing: 'no serial port configured (path or vendorId/productId)',
    })
  })
})
