import { describe, expect, it } from 'vitest'
import { memoryLogger } from '../../../../common/ports'
import { createVirtualPrinter } from '../../../../hardware/virtual/printer'
import { goldenReceipt, longReceipt } from '../../../fixtures/escpos/golden-receipt'

const job = (key: string, extra: { copy?: boolean; openDrawer?: boolean } = {}) => ({
  key,
  document: goldenReceipt(),
  ...extra,
})
const receiptsOnPaper = (p: ReturnType<typeof createVirtualPrinter>) =>
  p.decoded().commands.filter((c) => c.type === 'cut').length
const copiesOnPaper = (p: ReturnType<typeof createVirtualPrinter>) =>
  p.decoded().lines.filter((l) => l.text.trim() === 'KOPIE').length

describe('virtual printer: jobs and idempotency', () => {
  it('prints a job once and reports the bytes, with status checks before and after', async () => {
    const p = createVirtualPrinter()
    const outcome = await p.print(job('R-1'))
    expect(outcome).toMatchObject({ status: 'printed', key: 'R-1' })
    expect(outcome.status === 'printed' && outcome.bytes).toBeGreaterThan(500)
    expect(receiptsOnPaper(p)).toBe(1)
    // DLE EOT 1, 2, 4 before and again after the job.
    expect(p.emulator.statusRequests).toBe(6)
    expect(p.current().state).toBe('connected')
    expect(p.job('R-1')?.state).toBe('printed')
  })

  it('answers a re-submitted key with "duplicate" and prints nothing more, even while the first is running', async () => {
    const p = createVirtualPrinter()
    const [a, b] = await Promise.all([p.print(job('R-2')), p.print(job('R-2'))])
    expect(a.status).toBe('printed')
    expect(b).toEqual({ status: 'duplicate', key: 'R-2' })
    expect(await p.print(job('R-2'))).toEqual({ status: 'duplicate', key: 'R-2' })
    expect(receiptsOnPaper(p)).toBe(1)
  })

  it('runs jobs one after another: two receipts never interleave', async () => {
    const p = createVirtualPrinter()
    p.emulator.set({ slowMs: 5 })
    await Promise.all([
      p.print(job('A')),
      p.print({ key: 'B', document: { ...goldenReceipt(), header: ['Zweiter Beleg'] } }),
    ])
    const texts = p.decoded().lines.map((l) => l.text.trim())
    const firstHeader = texts.indexOf('Bäckerei Sonnenschein')
    const secondHeader = texts.indexOf('Zweiter Beleg')
    const cuts = p.decoded().commands.filter((c) => c.type === 'cut')
    expect(cuts).toHaveLength(2)
    expect(firstHeader).toBeLessThan(secondHeader)
    expect(
      texts.slice(firstHeader, secondHeader).filter((t) => t === 'Grüße aus der Backstube'),
    ).toHaveLength(1)
  })

  it('marks an explicit copy on paper and never on the original', async () => {
    const p = createVirtualPrinter()
    await p.print(job('R-3'))
    expect(copiesOnPaper(p)).toBe(0)
    expect(await p.reprint('R-3', 'R-3/copy-1')).toMatchObject({ status: 'printed', key: 'R-3/copy-1' })
    expect(copiesOnPaper(p)).toBe(2)
    expect(p.job('R-3/copy-1')).toMatchObject({ copyOf: 'R-3', state: 'printed' })
    // The reprint request itself is idempotent too.
    expect(await p.reprint('R-3', 'R-3/copy-1')).toEqual({ status: 'duplicate', key: 'R-3/copy-1' })
    expect(receiptsOnPaper(p)).toBe(2)
  })

  it('refuses to reprint a job it does not know', async () => {
    const p = createVirtualPrinter()
    expect(await p.reprint('nope', 'nope/copy')).toMatchObject({
      status: 'failed',
      messageKey: 'device.printer.unknownJob',
    })
    expect(p.emulator.receivedBytes()).toHaveLength(0)
  })

  it('pulses the drawer in the job only when asked, logs the reason, and never on a copy', async () => {
    const logger = memoryLogger()
    const p = createVirtualPrinter({}, { logger })
    await p.print(job('R-4', { openDrawer: true }))
    await p.reprint('R-4', 'R-4/copy')
    await p.print(job('R-4/copy-2', { copy: true, openDrawer: true }))
    expect(p.decoded().commands.filter((c) => c.type === 'pulse')).toHaveLength(1)
    expect(logger.entries.filter((e) => e.event === 'drawer.open')).toEqual([
      expect.objectContaining({ data: expect.objectContaining({ reason: 'print job R-4' }) }),
    ])
  })
})

describe('virtual printer: failures end in a clear status and no lost or duplicated job', () => {
  it('paper out before the job: nothing is sent, the job fails as paper-out', async () => {
    const p = createVirtualPrinter()
    p.emulator.set({ paperOut: true })
    const outcome = await p.print(job('R-10'))
    expect(outcome).toMatchObject({
      status: 'failed',
      state: 'paper-out',
      messageKey: 'status.state.paper-out',
    })
    expect(outcome.status === 'failed' && outcome.detail).toMatch(/nothing sent/)
    expect(p.emulator.heldBytes().filter((b) => b !== 0x10 && b !== 0x04 && b > 4)).toHaveLength(0)
    expect(p.current().state).toBe('paper-out')
  })

  it('paper out mid-receipt: failed, kept, not resent by a re-submit, reprinted only explicitly as a copy', async () => {
    const p = createVirtualPrinter()
    p.emulator.set({ paperOutAfterLines: 10 })
    const outcome = await p.print(job('R-11'))
    expect(outcome).toMatchObject({ status: 'failed', key: 'R-11', state: 'paper-out' })
    expect(outcome.status === 'failed' && outcome.detail).toMatch(/may be incomplete/)
    expect(p.current().state).toBe('paper-out')
    expect(p.job('R-11')).toMatchObject({ state: 'failed' })
    const linesBefore = p.decoded().lines.length
    expect(linesBefore).toBe(10)

    // Same key again (a double tap, a retrying caller): the stored failure, nothing printed.
    expect(await p.print(job('R-11'))).toMatchObject({ status: 'failed', key: 'R-11', state: 'paper-out' })
    expect(p.decoded().lines.length).toBe(linesBefore)

    // Paper reloaded; this printer model drops the stalled rest instead of resuming.
    p.emulator.clearHeld()
    p.emulator.set({ paperOut: false })
    expect(await p.status()).toMatchObject({ state: 'connected' })
    expect(await p.reprint('R-11', 'R-11/copy-1')).toMatchObject({ status: 'printed' })
    expect(copiesOnPaper(p)).toBe(2)
    // The torn original got as far as Käsekuchen; only the copy reached the footer.
    expect(p.decoded().lines.filter((l) => /^Käsekuchen/.test(l.text))).toHaveLength(2)
    expect(p.decoded().lines.filter((l) => l.text.trim() === 'Grüße aus der Backstube')).toHaveLength(1)
  })

  it('unplug mid-job: failed as disconnected, then an explicit copy once plugged back in', async () => {
    const p = createVirtualPrinter()
    await p.status()
    p.link.unplugAfterBytes(200 + 6)
    const outcome = await p.print({ key: 'R-12', document: longReceipt(40) })
    expect(outcome).toMatchObject({
      status: 'failed',
      state: 'disconnected',
      // "möglicherweise unvollständig gedruckt", not "nicht gedruckt": part of it reached the paper.
      messageKey: 'device.printer.maybePartial',
      reached: 'maybe',
    })
    expect(outcome.status === 'failed' && outcome.detail).toMatch(/partly printed/)
    expect(p.current().state).toBe('disconnected')
    expect(p.job('R-12')?.state).toBe('failed')

    expect(await p.print({ key: 'R-12', document: longReceipt(40) })).toMatchObject({
      status: 'failed',
      state: 'disconnected',
    })
    p.link.plugIn()
    expect(await p.reprint('R-12', 'R-12/copy-1')).toMatchObject({ status: 'printed' })
    expect(p.current().state).toBe('connected')
    expect(receiptsOnPaper(p)).toBe(1)
    expect(copiesOnPaper(p)).toBe(2)
  })

  it('cover open and printer error block the job before anything is sent', async () => {
    const p = createVirtualPrinter()
    p.emulator.set({ coverOpen: true })
    expect(await p.print(job('R-13'))).toMatchObject({ status: 'failed', state: 'cover-open' })
    p.emulator.set({ coverOpen: false, offline: true })
    expect(await p.print(job('R-14'))).toMatchObject({ status: 'failed', state: 'error' })
    expect(receiptsOnPaper(p)).toBe(0)
  })

  it('a silent (powered-off) or too slow printer counts as offline after the status timeout', async () => {
    const p = createVirtualPrinter({ statusTimeoutMs: 300 })
    p.emulator.set({ power: false })
    const started = Date.now()
    expect(await p.print(job('R-15'))).toMatchObject({ status: 'failed', state: 'offline' })
    expect(Date.now() - started).toBeGreaterThanOrEqual(290)
    p.emulator.set({ power: true, slowMs: 400 })
    expect((await p.status()).state).toBe('offline')
    p.emulator.set({ slowMs: 50 })
    expect((await p.status()).state).toBe('connected')
  })

  it('a receipt that cannot be laid out fails as error instead of hanging the queue', async () => {
    const p = createVirtualPrinter({ columns: 8 })
    expect(await p.print(job('R-17'))).toMatchObject({
      status: 'failed',
      state: 'error',
      detail: expect.stringMatching(/could not be laid out/),
    })
    expect(p.job('R-17')?.state).toBe('failed')
    expect(p.emulator.receivedBytes()).toHaveLength(0)
  })

  it('paper near end warns but still prints', async () => {
    const p = createVirtualPrinter()
    p.emulator.set({ paperLow: true })
    expect(await p.print(job('R-16'))).toMatchObject({ status: 'printed' })
    expect(p.current().state).toBe('paper-low')
  })

  it('publishes every status change to listeners', async () => {
    const p = createVirtualPrinter()
    const seen: string[] = []
    p.onStatus((s) => seen.push(s.state))
    await p.status()
    p.emulator.set({ paperOut: true })
    await p.status()
    expect(seen).toEqual(['connected', 'paper-out'])
  })
})
