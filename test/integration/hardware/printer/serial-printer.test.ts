// Serial and USB-device-file printers over real kernel ttys (socat pty pairs); the printer end is an
// EscPosEmulator on the other pty.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { printerConfig } from '../../../../common/config/devices'
import { decodeEscPos } from '../../../../hardware/escpos-decoder'
import { type QueuedPrinter, createPrinter } from '../../../../hardware/printer'
import { type SerialPeer, attachSerialPeer } from '../../../fakes/serial-peer'
import { goldenReceipt, longReceipt } from '../../../fixtures/escpos/golden-receipt'
import { type PtyPair, openPtyPair } from '../pty-pair'

let pty: PtyPair
let peer: SerialPeer
const printers: QueuedPrinter[] = []

beforeEach(async () => {
  pty = await openPtyPair()
  peer = await attachSerialPeer(pty.b)
})
afterEach(async () => {
  for (const p of printers.splice(0)) await p.close()
  await peer.close()
  await pty.dispose()
})

const printer = (driver: 'serial' | 'usb-file', extra: Record<string, unknown> = {}) => {
  const p = createPrinter(
    printerConfig.parse({ driver, path: pty.a, statusTimeoutMs: 500, writeTimeoutMs: 3000, ...extra }),
  )
  printers.push(p)
  return p
}
const printedLines = (s: SerialPeer) => decodeEscPos(s.emulator.printedBytes()).lines.map((l) => l.text)

describe.each(['serial', 'usb-file'] as const)('%s printer over a pty', (driver) => {
  it('prints the golden receipt; the bytes that crossed the tty decode to the exact words', async () => {
    const p = printer(driver)
    expect(await p.print({ key: 'S-1', document: goldenReceipt() })).toMatchObject({ status: 'printed' })
    const text = printedLines(peer)
    expect(text.some((l) => /^Brötchen +2,40 B$/.test(l))).toBe(true)
    expect(text.some((l) => /^Käsekuchen +5,56 B$/.test(l))).toBe(true)
    expect(text.some((l) => /^SUMME +7,96 €$/.test(l))).toBe(true)
    expect(text.some((l) => l.trim() === 'Grüße aus der Backstube')).toBe(true)
    expect(peer.emulator.statusRequests).toBe(6)
    expect(p.current().state).toBe('connected')
  })

  it('reports cover open from DLE EOT 2 and prints nothing', async () => {
    const p = printer(driver)
    peer.emulator.set({ coverOpen: true })
    expect(await p.print({ key: 'S-2', document: goldenReceipt() })).toMatchObject({
      status: 'failed',
      state: 'cover-open',
    })
    expect(decodeEscPos(peer.emulator.printedBytes()).commands.filter((c) => c.type === 'init')).toHaveLength(
      0,
    )
  })
})

describe('serial printer: field failures over a real tty', () => {
  it('unplug mid-job: failed as disconnected, no duplicate on re-submit, an explicit copy after re-plug', async () => {
    const p = printer('serial')
    expect((await p.status()).state).toBe('connected')
    // The printer stops reading right after answering the pre-check; the big job then backs up in the
    // tty buffers and is still being written when the cable (socat) goes.
    peer.pauseAfter(peer.emulator.receivedCount + 9)
    const job = p.print({ key: 'S-3', document: longReceipt(4000) })
    await vi.waitUntil(() => p.job('S-3')?.state === 'printing' && peer.emulator.statusRequests >= 6, {
      timeout: 5000,
    })
    await new Promise((r) => setTimeout(r, 100))
    await pty.kill()
    const outcome = await job
    expect(outcome).toMatchObject({ status: 'failed', state: 'disconnected' })
    expect(outcome.status === 'failed' && outcome.detail).toMatch(/sending stopped/)
    expect(p.current().state).toBe('disconnected')
    expect(p.job('S-3')?.state).toBe('failed')

    await peer.close()
    await pty.restart()
    peer = await attachSerialPeer(pty.b)
    expect(await p.print({ key: 'S-3', document: longReceipt(4000) })).toMatchObject({
      status: 'failed',
      state: 'disconnected',
    })
    expect(peer.emulator.receivedCount).toBe(0)
    expect(await p.reprint('S-3', 'S-3/copy-1')).toMatchObject({ status: 'printed' })
    const lines = printedLines(peer)
    expect(lines.filter((l) => l.trim() === 'KOPIE')).toHaveLength(2)
    expect(lines.filter((l) => l.trim() === 'Grüße aus der Backstube')).toHaveLength(1)
    expect(p.current().state).toBe('connected')
  })

  it('paper out mid-receipt: failed as paper-out, kept, reprinted only as a copy', async () => {
    const p = printer('serial')
    peer.emulator.set({ paperOutAfterLines: 8 })
    expect(await p.print({ key: 'S-4', document: goldenReceipt() })).toMatchObject({
      status: 'failed',
      state: 'paper-out',
    })
    expect(p.current()).toMatchObject({ state: 'paper-out', messageKey: 'status.state.paper-out' })
    expect(await p.print({ key: 'S-4', document: goldenReceipt() })).toMatchObject({
      status: 'failed',
      state: 'paper-out',
    })
    peer.emulator.clearHeld()
    peer.emulator.set({ paperOut: false })
    expect(await p.reprint('S-4', 'S-4/copy-1')).toMatchObject({ status: 'printed' })
    expect(printedLines(peer).filter((l) => l.trim() === 'KOPIE')).toHaveLength(2)
    expect(printedLines(peer).filter((l) => l.trim() === 'Grüße aus der Backstube')).toHaveLength(1)
  })

  it.each(['serial', 'usb-file'] as const)(
    '%s: a printer that stops taking data: the write times out, the job fails as offline',
    async (driver) => {
      const p = printer(driver, { writeTimeoutMs: 800 })
      peer.pauseAfter(peer.emulator.receivedCount + 9)
      const outcome = await p.print({ key: 'S-5', document: longReceipt(4000) })
      expect(outcome).toMatchObject({ status: 'failed', state: 'offline' })
      expect(outcome.status === 'failed' && outcome.detail).toMatch(/timed out/)
    },
  )
})
