// What reaches the paper is what the receipt says: every code page character survives the encoder and
// our decoder byte for byte, a weighed line prints only its weight line, and the cut is the last byte.
import { describe, expect, it } from 'vitest'
import { type LayoutLine, layoutReceipt } from '../../../../common/receipt/layout'
import { receiptDocument } from '../../../../common/receipt/model'
import { decodeEscPos } from '../../../../hardware/escpos-decoder'
import { decodeByte } from '../../../../hardware/escpos-decoder/codepages'
import { renderEscPos } from '../../../../hardware/printer/render'
import { buildSaleReceipt } from '../../../../main/receipts/sale-receipt'

const options = (codepage: 'cp858' | 'windows1252') =>
  ({ columns: 48, codepage, cut: 'partial', feedBeforeCut: 4 }) as const

/** Every character a code page can print above ASCII (the unassigned WPC1252 bytes left out). */
const highChars = (cp: 'cp858' | 'windows1252') =>
  Array.from({ length: 128 }, (_, i) => decodeByte(0x80 + i, cp)).filter((c) => c !== '\uFFFD')

describe('code page round trip through the encoder and the decoder', () => {
  it.each(['cp858', 'windows1252'] as const)(
    'prints every %s character at its own byte and decodes it back (ASCII included)',
    (cp) => {
      const ascii = Array.from({ length: 0x5f }, (_, i) => String.fromCharCode(0x20 + i))
      const chars = [...ascii, ...highChars(cp)]
      // Framed by "[" "]" so a no-break space at the end of a chunk is not trimmed as padding.
      const chunks: string[] = []
      for (let i = 0; i < chars.length; i += 16) chunks.push(`[${chars.slice(i, i + 16).join('')}]`)
      const lines: LayoutLine[] = chunks.map((text) => ({
        kind: 'text',
        segments: [{ text, bold: false }],
        align: 'left',
        size: 1,
      }))
      const bytes = renderEscPos({ columns: 48, lines }, options(cp))
      const decoded = decodeEscPos(bytes)
      expect(decoded.unknown).toEqual([])
      expect(decoded.lines.map((l) => l.text)).toEqual(chunks)
      // Only the commands we mean to send: no character turned into a control byte on the way.
      const types = new Set(decoded.commands.map((c) => c.type))
      expect(
        [...types].filter((t) => !['init', 'cancel-kanji', 'codepage', 'text', 'newline'].includes(t)),
      ).toEqual([])
    },
  )

  it('sends § and ¶ as PC858 F5/F4 (not the control bytes 15/14) and WPC1252 A7/B6', () => {
    const line = (text: string): LayoutLine => ({
      kind: 'text',
      segments: [{ text, bold: false }],
      align: 'left',
      size: 1,
    })
    const cp858 = renderEscPos({ columns: 48, lines: [line('gem. § 19 UStG ¶')] }, options('cp858'))
    expect(cp858.includes(0x15)).toBe(false)
    expect(cp858.includes(0x14)).toBe(false)
    expect(cp858.includes(0xf5)).toBe(true)
    expect(cp858.includes(0xf4)).toBe(true)
    expect(decodeEscPos(cp858).lines[0]?.text).toBe('gem. § 19 UStG ¶')
    const wpc = renderEscPos({ columns: 48, lines: [line('§¶')] }, options('windows1252'))
    expect(wpc.includes(0xa7) && wpc.includes(0xb6)).toBe(true)
  })

  it('prints the footer "Kleinunternehmer gem. § 19 UStG" with its §, bold and double size too', () => {
    const doc = receiptDocument.parse({
      header: ['Bäckerei'],
      items: [],
      vat: [],
      payments: [],
      apiLines: [],
      footer: ['Kleinunternehmer gem. § 19 UStG'],
      labels: { copy: 'KOPIE', vat: 'MwSt', net: 'Netto', gross: 'Brutto', rate: 'Satz' },
    })
    const bytes = renderEscPos(layoutReceipt(doc, { columns: 48 }), options('cp858'))
    const text = decodeEscPos(bytes).lines.map((l) => l.text.trim())
    expect(text).toContain('Kleinunternehmer gem. § 19 UStG')
    const bold = renderEscPos(
      {
        columns: 48,
        lines: [{ kind: 'text', segments: [{ text: '§ 1', bold: true }], align: 'left', size: 2 }],
      },
      options('cp858'),
    )
    expect(decodeEscPos(bold).lines[0]).toMatchObject({ text: '§ 1', bold: true })
  })
})

describe('a weighed article on the receipt', () => {
  const receipt = (locale: 'de' | 'en') =>
    buildSaleReceipt(
      {
        kind: 'sale',
        receiptNo: 7,
        completedAt: '2026-12-01T08:00:00Z',
        sellerName: 'Anna',
        lines: [
          { name: 'Teegebäck lose', quantity: 1, unitPrice: 2490, total: 590, vatRate: 7, weightGrams: 237 },
          { name: 'Brötchen', quantity: 3, unitPrice: 40, total: 120, vatRate: 7 },
        ],
        vat: [{ rate: 7, gross: 710, net: 664, vat: 46 }],
        total: 710,
        payments: [{ method: 'cash', amount: 710 }],
        apiLines: [],
      },
      { shop: { name: 'B', address: [], footer: [] } as never, tillId: 'K1', locale },
    )

  it('prints "0,237 kg × 24,90 €/kg" and no "1 x 24,90" line above it', () => {
    const bytes = renderEscPos(layoutReceipt(receipt('de'), { columns: 48 }), options('cp858'))
    const text = decodeEscPos(bytes).lines.map((l) => l.text.trim())
    const at = text.findIndex((l) => l.startsWith('Teegebäck lose'))
    expect(text[at]).toMatch(/^Teegebäck lose +5,90 B$/)
    expect(text[at + 1]).toBe('0,237 kg × 24,90 €/kg')
    expect(text.some((l) => l.includes('x 24,90'))).toBe(false)
    // A counted line keeps its quantity line.
    expect(text).toContain('3 x 0,40')
  })
})

describe('the end of a job', () => {
  it.each(['partial', 'full'] as const)('ends with the %s cut as its very last bytes', (cut) => {
    const doc = receiptDocument.parse({
      items: [],
      vat: [],
      payments: [],
      apiLines: [],
      footer: ['Danke'],
      labels: { copy: 'KOPIE', vat: 'MwSt', net: 'Netto', gross: 'Brutto', rate: 'Satz' },
    })
    const bytes = renderEscPos(layoutReceipt(doc, { columns: 48 }), { ...options('cp858'), cut })
    expect(Array.from(bytes.subarray(-3))).toEqual([0x1d, 0x56, cut === 'partial' ? 1 : 0])
    const commands = decodeEscPos(bytes).commands
    expect(commands.at(-1)?.type).toBe('cut')
  })
})
