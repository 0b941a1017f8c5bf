// The § 6 receipt from a signed TSE record: rows on paper, the QR code printed with GS ( k and read
// back from the printer bytes, the plain-text fallback, and the failure note.
import { describe, expect, it } from 'vitest'
import { layoutReceipt, lineText } from '../../../common/receipt/layout'
import { receiptDocument } from '../../../common/receipt/model'
import { decodeEscPos, qrPayloads } from '../../../hardware/escpos-decoder'
import { renderEscPos } from '../../../hardware/printer/render'
import { fiscalReceiptPart } from '../../../main/fiscal/receipt-block'
import type { TseRecord } from '../../../main/journal'

const QR =
  'V0;TRESEN-kasse-1;Kassenbeleg-V1;Beleg^2.80_1.35_0.00_0.00_0.00^4.15:Bar;7;15;2026-12-06T08:00:00.000Z;2026-12-06T08:00:07.000Z;ecdsa-plain-SHA256;unixTime;' +
  'A'.repeat(86) +
  '==;' +
  'B'.repeat(88)

const record: TseRecord = {
  id: 3,
  txId: '00000000-0000-4000-8000-000000000000',
  state: 'finished',
  saleId: 1,
  cashMovementId: null,
  closingId: null,
  processType: 'Kassenbeleg-V1',
  processData: 'Beleg^2.80_1.35_0.00_0.00_0.00^4.15:Bar',
  txNumber: 7,
  startTime: '2026-12-06T08:00:00.000Z',
  endTime: '2026-12-06T08:00:07.000Z',
  signatureCounter: 15,
  signature: 'A'.repeat(86) + '==',
  signatureAlgorithm: 'ecdsa-plain-SHA256',
  publicKey: 'B'.repeat(88),
  tseSerial: 'a4084592'.repeat(8),
  clientId: 'TRESEN-kasse-1',
  logTimeFormat: 'unixTime',
  qrCode: QR,
  training: false,
  error: null,
  at: '2026-12-06T08:00:07.100Z',
}

const render = (
  doc: ReturnType<typeof receiptDocument.parse>,
  qr: 'native' | 'text' = 'native',
  columns = 48,
) =>
  renderEscPos(layoutReceipt(doc, { columns }), {
    columns,
    codepage: 'cp858',
    cut: 'partial',
    feedBeforeCut: 4,
    qr,
  })

describe('§ 6 receipt TSE block and QR', () => {
  it('prints every § 6 TSE row (UTC times from the TSE) and the QR the decoder reads back byte for byte', () => {
    const part = fiscalReceiptPart(record, 'de', 'TRESEN-kasse-1')
    const doc = receiptDocument.parse({ header: ['Bäckerei'], ...part })
    const bytes = render(doc)
    const text = decodeEscPos(bytes)
      .lines.map((l) => l.text)
      .join('\n')
    expect(text).toMatch(/TSE-Transaktion +7/)
    expect(text).toMatch(/TSE-Start +2026-12-06 08:00:00 UTC/)
    expect(text).toMatch(/TSE-Stop +2026-12-06 08:00:07 UTC/)
    expect(text).toMatch(/Kassen-Seriennummer +TRESEN-kasse-1/)
    expect(text).toMatch(/TSE-Signaturz.hler +15/)
    expect(text).toContain('a4084592a4084592')
    expect(text.replace(/\s+/g, '')).toContain(record.signature)
    expect(qrPayloads(bytes)).toEqual([QR])
    expect(part.fiscal.fields).toMatchObject({
      txNumber: 7,
      signatureCounter: 15,
      tillSerial: 'TRESEN-kasse-1',
    })
  })

  it('the preview layout carries the same QR line and rows (one model for paper and screen)', () => {
    const doc = receiptDocument.parse({ ...fiscalReceiptPart(record, 'en', 'TRESEN-kasse-1') })
    const layout = layoutReceipt(doc, { columns: 32 })
    expect(layout.lines.filter((l) => l.kind === 'qr')).toEqual([{ kind: 'qr', data: QR }])
    const text = layout.lines.map(lineText)
    expect(text.some((l) => l.startsWith('TSE transaction'))).toBe(true)
    expect(text.every((l) => l.length <= 32)).toBe(true)
  })

  it('a printer without QR support gets the QR content as plain text lines, no GS ( k', () => {
    const doc = receiptDocument.parse({ ...fiscalReceiptPart(record, 'de', 'TRESEN-kasse-1') })
    const bytes = render(doc, 'text')
    expect(qrPayloads(bytes)).toEqual([])
    const text = decodeEscPos(bytes)
      .lines.map((l) => l.text.trim())
      .join('')
    expect(text).toContain(QR)
  })

  it('a failed TSE prints "TSE ausgefallen" with the reason and no signature; no TSE prints "nicht angeschlossen"', () => {
    const failed = fiscalReceiptPart(
      { ...record, state: 'failed', signature: null, qrCode: null, error: 'no answer within 3000 ms' },
      'de',
      'TRESEN-kasse-1',
    )
    expect(failed.fiscal).toMatchObject({
      status: 'failed',
      note: 'TSE ausgefallen: no answer within 3000 ms',
    })
    expect(failed.qr).toBeUndefined()
    const none = fiscalReceiptPart(undefined, 'de', 'TRESEN-kasse-1', false)
    expect(none.fiscal).toMatchObject({ status: 'none', note: 'TSE: nicht angeschlossen' })
    const missing = fiscalReceiptPart(undefined, 'de', 'TRESEN-kasse-1', true)
    expect(missing.fiscal.status).toBe('failed')
  })

  it('a training record prints TRAINING at top and bottom', () => {
    const doc = receiptDocument.parse({
      ...fiscalReceiptPart({ ...record, training: true }, 'de', 'TRESEN-kasse-1'),
    })
    const text = layoutReceipt(doc, { columns: 48 })
      .lines.map(lineText)
      .map((l) => l.trim())
    expect(text.filter((l) => l === 'TRAINING – kein Verkauf, nicht im Umsatz')).toHaveLength(2)
    const en = fiscalReceiptPart(undefined, 'en', 'TRESEN-kasse-1', false, true)
    expect(en.training).toBe('TRAINING – no sale, not in the takings')
  })
})
