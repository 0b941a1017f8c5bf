import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder'
import { describe, expect, it } from 'vitest'
import { decodeByte, decodeEscPos, decodeText, encodeChar } from '../../../../hardware/escpos-decoder'

const bytes = (...parts: (number[] | string)[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? Array.from(p, (c) => c.charCodeAt(0)) : p)))

describe('escpos decoder', () => {
  it('reads hand-written command bytes (independent of any encoder)', () => {
    const input = bytes(
      [0x1b, 0x40, 0x1c, 0x2e, 0x1b, 0x74, 0x13],
      [0x1b, 0x61, 0x01, 0x1b, 0x45, 0x01, 0x1d, 0x21, 0x11],
      'Gr',
      [0x81, 0xe1],
      'e ',
      [0xd5],
      [0x0a],
      [0x1d, 0x21, 0x00, 0x1b, 0x45, 0x00, 0x1b, 0x61, 0x00],
      [0x1b, 0x70, 0x00, 0x19, 0xfa],
      [0x1b, 0x70, 0x01, 0x19, 0x0a],
      [0x10, 0x14, 0x01, 0x00, 0x03],
      [0x10, 0x04, 0x01],
      [0x1b, 0x64, 0x02],
      [0x1d, 0x56, 0x42, 0x03],
      [0x1d, 0x56, 0x00],
    )
    const { lines, commands, unknown } = decodeEscPos(input)
    expect(unknown).toEqual([])
    expect(lines[0]).toEqual({ text: 'Grüße €', bold: true, width: 2, height: 2, align: 'center' })
    expect(commands.map((c) => c.type)).toEqual([
      'init',
      'cancel-kanji',
      'codepage',
      'align',
      'bold',
      'size',
      'text',
      'newline',
      'size',
      'bold',
      'align',
      'pulse',
      'pulse',
      'realtime-pulse',
      'status-request',
      'feed',
      'cut',
      'cut',
    ])
    expect(commands.filter((c) => c.type === 'pulse')).toEqual([
      { offset: 33, type: 'pulse', pin: 2, onMs: 50, offMs: 500 },
      // t2 < t1: the printer uses the on time for off as well (B.1).
      { offset: 38, type: 'pulse', pin: 5, onMs: 50, offMs: 50 },
    ])
    expect(commands.find((c) => c.type === 'realtime-pulse')).toMatchObject({ pin: 2, ms: 300 })
    expect(commands.filter((c) => c.type === 'cut')).toMatchObject([
      { partial: true, feed: 3 },
      { partial: false, feed: null },
    ])
  })

  it('decodes text with the code page in effect, PC437 before any ESC t', () => {
    expect(
      decodeText(bytes([0x81, 0x0a, 0x1b, 0x74, 0x10, 0xfc, 0x80, 0x0a, 0x1b, 0x74, 0x13, 0xd5])),
    ).toEqual(['ü', 'ü€', '€'])
    expect(decodeText(bytes([0xd5]))).toEqual(['╒'])
  })

  it('drops the unfinished line at ESC @ (the printer clears its line buffer)', () => {
    expect(decodeText(bytes('torn', [0x1b, 0x40], 'whole', [0x0a]))).toEqual(['whole'])
  })

  it('reports a command cut off by the end of the data as truncated, and unknown bytes as unknown', () => {
    const { commands, unknown } = decodeEscPos(
      bytes('ok', [0x0a, 0x1b, 0x7a, 0x01, 0x1d, 0x28, 0x6b, 0x10, 0x00, 0x31]),
    )
    // Parameter lengths of unknown commands are unknown, so their parameters surface as unknown bytes too.
    expect(unknown.map((c) => c.type === 'unknown' && c.bytes)).toEqual([[0x1b, 0x7a], [0x01]])
    expect(commands.at(-1)).toMatchObject({ type: 'truncated', bytes: [0x1d, 0x28, 0x6b, 0x10, 0x00, 0x31] })
  })

  it('reads QR, barcode and raster blocks without mistaking their data for text', () => {
    const qr = new ReceiptPrinterEncoder({ language: 'esc-pos', columns: 48 })
      .qrcode('https://x.test/?a=1', { model: 2, size: 5, errorlevel: 'q' })
      .barcode('4006381333931', 'ean13', 60)
      .encode()
    const raster = bytes([0x1d, 0x76, 0x30, 0x00, 0x02, 0x00, 0x02, 0x00, 0x0a, 0x0a, 0x0a, 0x0a])
    const { commands, lines } = decodeEscPos(Uint8Array.from([...qr, ...raster]))
    expect(
      commands.filter((c) => c.type.startsWith('qr-') || c.type === 'barcode' || c.type === 'raster'),
    ).toMatchObject([
      { type: 'qr-model', model: 2 },
      { type: 'qr-size', size: 5 },
      { type: 'qr-error-level', level: 'Q' },
      { type: 'qr-store', data: 'https://x.test/?a=1' },
      { type: 'qr-print' },
      { type: 'barcode', symbology: 2, data: '4006381333931' },
      { type: 'raster', widthBytes: 2, heightDots: 2 },
    ])
    expect(lines.map((l) => l.text).join('')).toBe('')
  })
})

describe('code page tables', () => {
  it.each(['cp858', 'windows1252'] as const)(
    'agree with the encoder library on every %s character (two independent tables)',
    (cp) => {
      // ¶ and § are left out: the library sends them as 0x14/0x15 (their CP437 glyph positions), which
      // printers read as control bytes; PC858 has them at F4/F5, WPC1252 at B6/A7, where we put them and
      // where render.ts sends them raw (paper-truth.test.ts checks the whole round trip).
      const chars = Array.from({ length: 128 }, (_, i) => decodeByte(0x80 + i, cp)).filter(
        (c) => !['\u00A0', '\u00AD', '\uFFFD', '¶', '§'].includes(c),
      )
      const encoded = new ReceiptPrinterEncoder({
        language: 'esc-pos',
        columns: 48,
        newline: '\n',
        codepageMapping: { [cp]: 19 },
      })
        .codepage(cp)
        .text(chars.join(''))
        .encode()
      const text = encoded.subarray(3).filter((b) => b !== 0x0a)
      expect(Array.from(text)).toEqual(chars.map((c) => encodeChar(c, cp)))
    },
  )

  it('puts every Latin-1 letter of WPC1252 at its own code point', () => {
    for (let b = 0xa0; b <= 0xff; b++) expect(decodeByte(b, 'windows1252').codePointAt(0)).toBe(b)
  })

  it('round-trips the German letters and € in both printer code pages', () => {
    for (const cp of ['cp858', 'windows1252'] as const) {
      for (const ch of 'ÄÖÜäöüß€') expect(decodeByte(encodeChar(ch, cp) as number, cp)).toBe(ch)
    }
    expect(encodeChar('€', 'cp858')).toBe(0xd5)
    expect(encodeChar('€', 'windows1252')).toBe(0x80)
    expect(encodeChar('„', 'cp858')).toBeUndefined()
  })
})
