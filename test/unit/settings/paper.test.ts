// The demo panel's paper: printed bytes split into jobs and named after the jobs that reached the printer.
import { describe, expect, it } from 'vitest'
import { createVirtualPrinter } from '../../../hardware/virtual/printer'
import { receiptDocument } from '../../../common/receipt/model'
import { paperByJob } from '../../../main/demo/paper'
import { manualClock } from '../../../common/ports'

const doc = (title: string) =>
  receiptDocument.parse({ header: ['Bäckerei Demo'], title, footer: ['€ äöü ß'] })

describe('paperByJob', () => {
  it('gives each printed job its own text under its key, skipping jobs refused before sending', async () => {
    const clock = manualClock()
    const printer = createVirtualPrinter({}, { clock })
    await printer.print({ key: 'r-1', document: doc('Eins') })
    clock.advance(60_000)
    printer.emulator.set({ coverOpen: true })
    expect((await printer.print({ key: 'r-2', document: doc('Zwei') })).status).toBe('failed')
    printer.emulator.set({ coverOpen: false })
    await printer.print({ key: 'r-3', document: doc('Drei') })
    await printer.reprint('r-1', 'r-1-copy-1')

    const paper = paperByJob(printer.emulator.printedBytes(), printer.jobs())
    expect(paper.map((p) => p.key)).toEqual(['r-1', 'r-3', 'r-1-copy-1'])
    expect(paper[0].text.split('\n').map((l) => l.trim())).toEqual(['Bäckerei Demo', 'Eins', '', '€ äöü ß'])
    expect(paper[1].text).toContain('Drei')
    expect(paper[2].text).toContain('KOPIE')
    expect(paper[0].at).toBe(new Date(clock.now() - 60_000).toISOString())
    expect(paper[1].at).toBe(new Date(clock.now()).toISOString())
  })

  it('shows a receipt cut off by paper end under its key, and only the newest jobs', async () => {
    const printer = createVirtualPrinter()
    for (let i = 1; i <= 4; i++) await printer.print({ key: `r-${i}`, document: doc(`Beleg ${i}`) })
    printer.emulator.set({ paperOutAfterLines: 2 })
    expect((await printer.print({ key: 'r-5', document: doc('Beleg 5') })).status).toBe('failed')

    const paper = paperByJob(printer.emulator.printedBytes(), printer.jobs(), 3)
    expect(paper.map((p) => p.key)).toEqual(['r-3', 'r-4', 'r-5'])
    expect(paper[2].text).toContain('Beleg 5')
    expect(paper[2].text).not.toContain('€')
  })

  it('names paper whose job record is gone by its position', () => {
    const printer = createVirtualPrinter()
    printer.emulator.receive(Uint8Array.of(0x1b, 0x40, ...new TextEncoder().encode('Hallo\n')))
    expect(paperByJob(printer.emulator.printedBytes(), [])).toEqual([
      { key: 'paper-1', text: 'Hallo', at: '' },
    ])
  })
})
