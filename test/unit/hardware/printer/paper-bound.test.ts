// The virtual printer keeps a bounded tail of its paper and of what it was sent (hardware/virtual/
// byte-tail.ts): a demo till printing for days must not keep every byte, and what it keeps of the
// paper starts at a job's start, so the demo panel decodes whole receipts.
import { describe, expect, it } from 'vitest'
import { ByteTail } from '../../../../hardware/virtual/byte-tail'
import { EscPosEmulator } from '../../../../hardware/virtual/escpos-emulator'
import { decodeEscPos } from '../../../../hardware/escpos-decoder/decode'

const ESC_AT = [0x1b, 0x40]

/** One small receipt: initialise, a numbered line of text, feed and cut. */
function job(n: number, filler = 0): number[] {
  const text = [...Buffer.from(`Bon ${n} ${'x'.repeat(filler)}\n`, 'latin1')]
  return [...ESC_AT, ...text, 0x1d, 0x56, 0x00]
}

describe('ByteTail', () => {
  it('keeps everything below twice its size, then the newest part, and counts all bytes', () => {
    const tail = new ByteTail(10)
    tail.append([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19])
    expect(tail.total).toBe(19)
    expect([...tail.bytes()]).toHaveLength(19)
    tail.append([20])
    expect(tail.total).toBe(20)
    expect([...tail.bytes()]).toEqual([11, 12, 13, 14, 15, 16, 17, 18, 19, 20])
    tail.clear()
    expect(tail.total).toBe(0)
    expect(tail.bytes()).toHaveLength(0)
  })

  it('cuts where the boundary function says, at or after the plain cut', () => {
    // Boundary: the next 0 byte.
    const tail = new ByteTail(4, (bytes, from) => bytes.indexOf(0, from))
    tail.append([1, 2, 3, 4, 5, 0, 7, 8])
    expect([...tail.bytes()]).toEqual([0, 7, 8])
    expect(tail.total).toBe(8)
  })
})

describe('the virtual printer’s paper', () => {
  it('stays bounded over thousands of receipts and starts at a whole receipt', () => {
    const printer = new EscPosEmulator()
    const receipts = 3_000
    let sent = 0
    for (let n = 1; n <= receipts; n++) {
      printer.receive(Uint8Array.from(job(n, 1000)))
      sent += job(n, 1000).length + 3
      printer.receive(Uint8Array.from([0x10, 0x04, 0x01])) // a status poll between receipts
    }
    const paper = printer.printedBytes()
    expect(paper.length).toBeLessThanOrEqual(4 * 1024 * 1024)
    expect(printer.receivedBytes().length).toBeLessThanOrEqual(512 * 1024)
    expect(printer.receivedCount).toBe(sent)
    // The kept paper begins with a job's ESC @ and ends with the last receipt.
    expect([...paper.subarray(0, 2)]).toEqual(ESC_AT)
    const texts = decodeEscPos(paper)
      .commands.filter((c) => c.type === 'text')
      .map((c) => (c as { text: string }).text)
    expect(texts.at(-1)).toContain(`Bon ${receipts} `)
    expect(texts[0]).toMatch(/^Bon \d+ x/)
  })
})
