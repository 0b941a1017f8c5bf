// Cash drawers over real kernel ttys: a serial drawer interface, and a drawer on a serial printer.
import { SerialPort } from 'serialport'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { drawerConfig, printerConfig } from '../../../../common/config/devices'
import { memoryLogger } from '../../../../common/ports'
import { createDrawer } from '../../../../hardware/drawer'
import { decodeEscPos } from '../../../../hardware/escpos-decoder'
import { createPrinter } from '../../../../hardware/printer'
import { attachSerialPeer } from '../../../fakes/serial-peer'
import { type PtyPair, openPtyPair } from '../pty-pair'

let pty: PtyPair
const cleanups: (() => Promise<void>)[] = []
beforeEach(async () => {
  pty = await openPtyPair()
})
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
  await pty.dispose()
})

/** The drawer interface's end: records every byte that arrives. */
async function recordingPort(path: string): Promise<number[]> {
  const received: number[] = []
  const port = new SerialPort({ path, baudRate: 9600, autoOpen: false })
  await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())))
  port.on('error', () => {})
  port.on('data', (d: Buffer) => received.push(...d))
  cleanups.push(() => (port.isOpen ? new Promise<void>((r) => port.close(() => r())) : Promise.resolve()))
  return received
}
const settle = () => new Promise((r) => setTimeout(r, 100))

describe('serial drawer interface over a pty', () => {
  it('sends the trigger bytes exactly once per request and logs the reason', async () => {
    const received = await recordingPort(pty.b)
    const logger = memoryLogger()
    const drawer = createDrawer(
      drawerConfig.parse({ driver: 'serial', path: pty.a, trigger: { bytes: [0x1b, 0x07] } }),
      { logger },
    )
    cleanups.push(() => drawer.close())
    expect(await drawer.open({ reason: 'cash sale R-21' })).toEqual({ status: 'kicked', open: null })
    // A double tap right after: refused, not queued, not retried.
    expect(await drawer.open({ reason: 'cash sale R-21' })).toMatchObject({
      status: 'failed',
      messageKey: 'device.drawer.busy',
    })
    // Wait for the bytes to cross the tty, then a little longer: a repeated trigger would show up by then.
    await vi.waitUntil(() => received.length >= 2, { timeout: 3000 })
    await settle()
    expect(received).toEqual([0x1b, 0x07])
    expect(logger.entries.filter((e) => e.event === 'drawer.open').map((e) => e.data?.reason)).toEqual([
      'cash sale R-21',
    ])
  })

  it('a DTR pulse on a line without modem signals fails clearly (error), nothing retried', async () => {
    const drawer = createDrawer(
      drawerConfig.parse({ driver: 'serial', path: pty.a, trigger: { pulse: 'dtr', ms: 50 } }),
    )
    cleanups.push(() => drawer.close())
    const outcome = await drawer.open({ reason: 'no sale' })
    expect(outcome).toMatchObject({ status: 'failed', state: 'error' })
    expect(outcome.status === 'failed' && outcome.detail).toMatch(/kick not sent/)
    expect(drawer.current().state).toBe('error')
  })

  it('unplugged interface: the request fails as disconnected', async () => {
    const drawer = createDrawer(
      drawerConfig.parse({ driver: 'serial', path: pty.a, trigger: { bytes: [0x07] } }),
    )
    cleanups.push(() => drawer.close())
    await pty.kill()
    expect(await drawer.open({ reason: 'no sale' })).toMatchObject({
      status: 'failed',
      state: 'disconnected',
    })
  })
})

describe('drawer on a serial printer over a pty', () => {
  const setup = async (stuck: boolean) => {
    const peer = await attachSerialPeer(pty.b)
    cleanups.push(() => peer.close())
    // This drawer's switch pulls pin 3 low when open (sensorOpenWhen: 'low').
    peer.emulator.set({ drawerPinHigh: true })
    if (!stuck) peer.emulator.onPulse(() => peer.emulator.set({ drawerPinHigh: false }))
    const printer = createPrinter(
      printerConfig.parse({ driver: 'serial', path: pty.a, statusTimeoutMs: 300 }),
    )
    cleanups.push(() => printer.close())
    const drawer = createDrawer(
      drawerConfig.parse({ driver: 'printer', pin: 'both', onMs: 50, offMs: 250, sensorOpenWhen: 'low' }),
      { printer },
    )
    return { peer, printer, drawer }
  }
  const pulses = (peer: Awaited<ReturnType<typeof setup>>['peer']) =>
    decodeEscPos(peer.emulator.printedBytes()).commands.filter((c) => c.type === 'pulse')

  it('kicks both pins with ESC p (5 bytes each) and sees the drawer open', async () => {
    const { peer, drawer } = await setup(false)
    expect((await drawer.status()).state).toBe('drawer-closed')
    expect(await drawer.open({ reason: 'cash sale R-22' })).toEqual({ status: 'kicked', open: true })
    expect(pulses(peer)).toMatchObject([
      { pin: 2, onMs: 50, offMs: 250 },
      { pin: 5, onMs: 50, offMs: 250 },
    ])
    expect(Array.from(peer.emulator.printedBytes()).filter((b) => b === 0x70)).toHaveLength(2)
  })

  it('a stuck drawer: one kick, status error "stuck", and a receipt afterwards still prints normally', async () => {
    const { peer, printer, drawer } = await setup(true)
    expect(await drawer.open({ reason: 'cash sale R-23' })).toMatchObject({
      status: 'failed',
      state: 'error',
      messageKey: 'device.drawer.stuck',
    })
    expect(drawer.current()).toMatchObject({ state: 'error', messageKey: 'device.drawer.stuck' })
    expect(pulses(peer)).toHaveLength(2) // one request = one ESC p per configured pin, never repeated
    const { goldenReceipt } = await import('../../../fixtures/escpos/golden-receipt')
    expect(await printer.print({ key: 'R-23', document: goldenReceipt() })).toMatchObject({
      status: 'printed',
    })
    expect(pulses(peer)).toHaveLength(2)
  })
})
