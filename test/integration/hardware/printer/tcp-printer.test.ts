// TCP 9100 printer against a loopback fake printer that records bytes and answers DLE EOT.
import { Socket, createServer, type Server } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { printerConfig } from '../../../../common/config/devices'
import { decodeEscPos } from '../../../../hardware/escpos-decoder'
import { createPrinter } from '../../../../hardware/printer'
import { type FakeTcpPrinter, startFakeTcpPrinter } from '../../../fakes/fake-tcp-printer'
import { goldenReceipt, longReceipt } from '../../../fixtures/escpos/golden-receipt'

let fake: FakeTcpPrinter | null = null
const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c()
  await fake?.close()
  fake = null
})

const tcpPrinter = (port: number, extra: Record<string, unknown> = {}) => {
  const p = createPrinter(
    printerConfig.parse({
      driver: 'tcp',
      host: '127.0.0.1',
      port,
      statusTimeoutMs: 300,
      connectTimeoutMs: 1000,
      writeTimeoutMs: 2000,
      ...extra,
    }),
  )
  cleanups.push(() => p.close())
  return p
}
const lines = (f: FakeTcpPrinter) => decodeEscPos(f.emulator.printedBytes()).lines.map((l) => l.text)

describe('TCP printer (loopback fake on 127.0.0.1)', () => {
  it('prints the golden receipt: the fake decodes the exact words, status checked before and after', async () => {
    fake = await startFakeTcpPrinter()
    const p = tcpPrinter(fake.port)
    expect(await p.print({ key: 'T-1', document: goldenReceipt() })).toMatchObject({ status: 'printed' })
    const text = lines(fake)
    expect(text.some((l) => /^Brötchen +2,40 B$/.test(l))).toBe(true)
    expect(text.some((l) => /^Käsekuchen +5,56 B$/.test(l))).toBe(true)
    expect(text.some((l) => /^SUMME +7,96 €$/.test(l))).toBe(true)
    expect(text.some((l) => l.trim() === 'Grüße aus der Backstube')).toBe(true)
    const commands = decodeEscPos(fake.emulator.receivedBytes()).commands
    const statusBefore = commands.findIndex((c) => c.type === 'init')
    expect(
      commands
        .slice(0, statusBefore)
        .filter((c) => c.type === 'status-request')
        .map((c) => c.type === 'status-request' && c.n),
    ).toEqual([1, 2, 4])
    expect(commands.slice(statusBefore).filter((c) => c.type === 'status-request')).toHaveLength(3)
    expect(p.current().state).toBe('connected')
  })

  it('uses one connection per job or status poll and closes it, so the printer is free in between', async () => {
    fake = await startFakeTcpPrinter()
    const p = tcpPrinter(fake.port)
    await p.status()
    await Promise.all([
      p.print({ key: 'T-2', document: goldenReceipt() }),
      p.print({ key: 'T-3', document: goldenReceipt() }),
    ])
    await p.status()
    expect(fake.stats).toEqual({ accepted: 4, refused: 0 })
    // Another host can connect right after our job.
    const other = await connect(fake.port)
    expect(fake.stats.accepted).toBe(5)
    other.destroy()
  })

  it('a printer busy with another host: our job fails without printing, then prints once it is free', async () => {
    fake = await startFakeTcpPrinter()
    const p = tcpPrinter(fake.port)
    const other = await connect(fake.port)
    const outcome = await p.print({ key: 'T-4', document: goldenReceipt() })
    expect(outcome).toMatchObject({ status: 'failed', state: 'disconnected' })
    expect(fake.stats.refused).toBe(1)
    expect(fake.emulator.printedBytes()).toHaveLength(0)
    other.destroy()
    await new Promise((r) => setTimeout(r, 50))
    expect(await p.reprint('T-4', 'T-4/copy-1')).toMatchObject({ status: 'printed' })
    expect(lines(fake).filter((l) => l.trim() === 'KOPIE')).toHaveLength(2)
  })

  it('paper out mid-receipt: failed as paper-out; a re-submit prints nothing; the copy prints after reload', async () => {
    fake = await startFakeTcpPrinter()
    const p = tcpPrinter(fake.port)
    fake.emulator.set({ paperOutAfterLines: 12 })
    expect(await p.print({ key: 'T-5', document: goldenReceipt() })).toMatchObject({
      status: 'failed',
      state: 'paper-out',
    })
    expect(p.current().state).toBe('paper-out')
    const printed = fake.emulator.printedBytes().length
    expect(await p.print({ key: 'T-5', document: goldenReceipt() })).toMatchObject({
      status: 'failed',
      state: 'paper-out',
    })
    expect(fake.emulator.printedBytes().length).toBe(printed)
    fake.emulator.clearHeld()
    fake.emulator.set({ paperOut: false })
    expect(await p.reprint('T-5', 'T-5/copy-1')).toMatchObject({ status: 'printed' })
    expect(lines(fake).filter((l) => l.trim() === 'Grüße aus der Backstube')).toHaveLength(1)
  })

  it('unplug mid-job (connection reset): failed as disconnected, the job kept for an explicit copy', async () => {
    fake = await startFakeTcpPrinter()
    const p = tcpPrinter(fake.port)
    fake.dropClientAfter(9 + 2000)
    const outcome = await p.print({ key: 'T-6', document: longReceipt(300) })
    expect(outcome).toMatchObject({ status: 'failed', state: 'disconnected' })
    expect(p.current().state).toBe('disconnected')
    expect(p.job('T-6')?.state).toBe('failed')
    expect(await p.print({ key: 'T-6', document: longReceipt(300) })).toMatchObject({ status: 'failed' })
    expect(await p.reprint('T-6', 'T-6/copy-1')).toMatchObject({ status: 'printed' })
    const cuts = decodeEscPos(fake.emulator.printedBytes()).commands.filter((c) => c.type === 'cut')
    expect(cuts).toHaveLength(1)
  })

  it('no printer listening: the job fails as disconnected quickly', async () => {
    const port = await freePort()
    const p = tcpPrinter(port)
    expect(await p.print({ key: 'T-7', document: goldenReceipt() })).toMatchObject({
      status: 'failed',
      state: 'disconnected',
    })
    // status() reports, it does not throw: the device manager polls it while the printer is away.
    expect(await p.status()).toMatchObject({
      state: 'disconnected',
      detail: expect.stringMatching(/ECONNREFUSED/),
    })
  })

  it('a printer that accepts but never answers DLE EOT counts as offline; nothing is printed', async () => {
    const received: Buffer[] = []
    const silent = await listen((s) => s.on('data', (d: Buffer) => received.push(d)))
    cleanups.push(() => new Promise<void>((r) => silent.server.close(() => r())))
    const p = tcpPrinter(silent.port)
    expect(await p.print({ key: 'T-8', document: goldenReceipt() })).toMatchObject({
      status: 'failed',
      state: 'offline',
    })
    expect(Buffer.concat(received)).toEqual(Buffer.from([0x10, 0x04, 0x01]))
  })
})

function connect(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = new Socket()
    s.once('error', reject)
    s.connect(port, '127.0.0.1', () => setTimeout(() => resolve(s), 30))
  })
}

async function listen(onConnection: (s: Socket) => void): Promise<{ server: Server; port: number }> {
  const server = createServer((s) => {
    s.on('error', () => {})
    onConnection(s)
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  const address = server.address()
  return { server, port: typeof address === 'object' && address ? address.port : 0 }
}

async function freePort(): Promise<number> {
  const { server, port } = await listen(() => {})
  await new Promise<void>((r) => server.close(() => r()))
  return port
}
