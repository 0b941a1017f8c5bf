import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  createHidPosAssembler,
  parseHidPosReport,
  type HidPosRead,
} from '../../../../hardware/scanner/hid-pos'
import { setupTime } from './helpers'

/** A node-hid HID POS buffer: report ID, count, AIM, data, Honeywell code ID at 61, continuation at 63. */
function report(
  chunk: string,
  { aim = ']E0', more = false, codeId = 0, aimOffset = 0, withId = true } = {},
): Uint8Array {
  const b = new Uint8Array(64)
  b[0] = 0x02
  b[1] = chunk.length
  for (let i = 0; i < aim.length; i++) b[2 + aimOffset + i] = aim.charCodeAt(i)
  for (let i = 0; i < chunk.length; i++) b[5 + aimOffset + i] = chunk.charCodeAt(i)
  b[61] = codeId
  b[63] = more ? 1 : 0
  return withId ? b : b.subarray(1)
}

function assembler(vendorId?: number) {
  const time = setupTime()
  const reads: HidPosRead[] = []
  const asm = createHidPosAssembler({
    timers: time.timers,
    continuationTimeoutMs: 200,
    onRead: (r) => reads.push(r),
    ...(vendorId ? { vendorId } : {}),
  })
  return { ...time, reads, asm }
}

describe('HID POS reports', () => {
  it('[I] takes `count` code bytes (suffix CR included when sent) after the AIM id, with or without the report ID byte', () => {
    expect(parseHidPosReport(report('4006381333931\r'))).toMatchObject({
      type: 'chunk',
      symbology: 'ean13',
      more: false,
    })
    const noId = parseHidPosReport(report('96385074', { aim: ']E4', withId: false }))
    expect(noId.type === 'chunk' && Buffer.from(noId.bytes).toString()).toBe('96385074')
  })

  it('finds the AIM id one byte later on devices that put it there', () => {
    const r = parseHidPosReport(report('96385074', { aim: ']E4', aimOffset: 1 }))
    expect(r).toMatchObject({ type: 'chunk', symbology: 'ean8' })
    expect(r.type === 'chunk' && Buffer.from(r.bytes).toString()).toBe('96385074')
  })

  it('falls back to the Honeywell code ID only for Honeywell devices', () => {
    expect(parseHidPosReport(report('x', { aim: '\0\0\0', codeId: 0x73 }), 0x0c2e)).toMatchObject({
      symbology: 'qr',
    })
    expect(parseHidPosReport(report('x', { aim: '\0\0\0', codeId: 0x73 }), 0x05e0)).not.toHaveProperty(
      'symbology',
    )
  })

  it('ignores other report IDs and flags impossible ones', () => {
    expect(parseHidPosReport(Uint8Array.from([0x04, ...new Array(63).fill(0x55)]))).toEqual({
      type: 'other-report',
      reportId: 4,
    })
    const bad = report('4006381333931')
    bad[1] = 0x7f
    expect(parseHidPosReport(bad)).toMatchObject({ type: 'bad-report' })
    expect(parseHidPosReport(Uint8Array.from([2, 3, 0x5d]))).toEqual({ type: 'bad-report', length: 3 })
  })

  it('reassembles a code across reports until the continuation flag is 0', () => {
    const { asm, reads } = assembler()
    asm.push(report('A'.repeat(56), { aim: ']C0', more: true }))
    asm.push(report('B'.repeat(56), { aim: ']C0', more: true }))
    expect(reads).toEqual([])
    asm.push(report('C\r', { aim: ']C0' }))
    expect(reads).toEqual([{ text: `${'A'.repeat(56)}${'B'.repeat(56)}C\r`, symbology: 'code128' }])
  })

  it('a continuation that never comes is a partial read after the timeout', () => {
    const { asm, reads, timers } = assembler()
    asm.push(report('40063813', { more: true }))
    timers.advance(199)
    expect(reads).toEqual([])
    timers.advance(1)
    expect(reads).toEqual([{ text: '40063813', symbology: 'ean13', problem: 'partial-read' }])
  })

  it('a broken packet inside a multi-report code poisons the code', () => {
    const { asm, reads } = assembler()
    asm.push(report('400638', { more: true }))
    asm.push(Uint8Array.from([2, 3, 0x5d]))
    expect(reads).toEqual([{ text: '400638', symbology: 'ean13', problem: 'bad-report' }])
  })

  it('any code split into 56-byte reports comes back whole (property)', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
          minLength: 1,
          maxLength: 400,
        }),
        (code) => {
          const { asm, reads } = assembler()
          const parts = code.match(/[\s\S]{1,56}/g) ?? []
          parts.forEach((p, i) => asm.push(report(p, { aim: ']Q1', more: i < parts.length - 1 })))
          expect(reads).toEqual([{ text: code, symbology: 'qr' }])
        },
      ),
    )
  })
})
