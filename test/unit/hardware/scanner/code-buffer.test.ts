import { describe, expect, it } from 'vitest'
import {
  createCodeBuffer,
  type FramingProblem,
  type Terminator,
} from '../../../../hardware/scanner/code-buffer'
import { setupTime } from './helpers'

function buffer(terminators: Terminator[] = ['enter', 'tab']) {
  const time = setupTime()
  const codes: [string, FramingProblem | undefined][] = []
  const buf = createCodeBuffer({
    timers: time.timers,
    interCharTimeoutMs: 100,
    terminators,
    onCode: (t, p) => codes.push([t, p]),
  })
  return { ...time, codes, buf }
}

describe('code buffer', () => {
  it('ends codes at CR, LF or Tab; CRLF gives one code, not an extra empty one', () => {
    const { buf, codes } = buffer()
    buf.text('4006381333931\r\n96385074\n123\t')
    expect(codes).toEqual([
      ['4006381333931', undefined],
      ['96385074', undefined],
      ['123', undefined],
    ])
  })

  it('a pause inside a code is a partial read when a terminator is expected', () => {
    const { buf, codes, timers } = buffer()
    buf.text('400638')
    timers.advance(99)
    buf.text('13')
    timers.advance(99)
    expect(codes).toEqual([])
    timers.advance(1)
    expect(codes).toEqual([['40063813', 'partial-read']])
  })

  it('without terminators the pause ends a whole code', () => {
    const { buf, codes, timers } = buffer([])
    buf.text('96385074')
    timers.advance(100)
    expect(codes).toEqual([['96385074', undefined]])
  })

  it('a Tab that is not a terminator stays in the code (and makes it unprintable later)', () => {
    const { buf, codes } = buffer(['enter'])
    buf.text('AB\tC\r')
    expect(codes).toEqual([['AB\tC', undefined]])
  })

  it('abort reports buffered input as partial; discard drops it', () => {
    const a = buffer()
    a.buf.text('4006')
    a.buf.abort()
    expect(a.codes).toEqual([['4006', 'partial-read']])
    const d = buffer()
    d.buf.text('4006')
    d.buf.discard()
    d.timers.advance(1000)
    expect(d.codes).toEqual([])
    expect(d.timers.pending()).toBe(0)
  })

  it('a lone bad report is still reported; a bare Enter is not a code', () => {
    const { buf, codes, timers } = buffer()
    buf.keys([{ type: 'terminator', key: 'enter' }])
    buf.keys([{ type: 'bad-report', length: 5 }])
    timers.advance(100)
    expect(codes).toEqual([['', 'bad-report']])
  })

  it('control sequences around a code are ignored, unmapped keys mark it', () => {
    const { buf, codes } = buffer()
    buf.keys([
      { type: 'char', char: '4' },
      { type: 'unmapped', usage: 0x3a, modifiers: 0 },
      { type: 'char', char: '8' },
      { type: 'terminator', key: 'enter' },
      { type: 'shortcut', usage: 0x0d, modifiers: 3 },
    ])
    expect(codes).toEqual([['4\uFFFD8', 'unmapped-key']])
  })
})
