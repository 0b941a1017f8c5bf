// The receipt document: one model that renders to ESC/POS bytes (hardware/printer) and to the on-screen
// preview (renderer) through the same column layout (./layout.ts). Amounts are cents; formatting to
// "7,96" happens in the layout, never here.
import { z } from 'zod'
import { cents } from '../cents'
import { apiReceiptLine } from './api-lines'

export const receiptItem = z.object({
  name: z.string(),
  quantity: z.number(),
  /** Gross unit price in cents. */
  unitPrice: cents,
  /** Gross line total in cents (quantity × unit price, or the in-store EAN's price). */
  total: cents,
  vatRate: z.number(),
  /** Short VAT letter printed next to the line ("A" = 19 %, "B" = 7 %, "C" = 0 %). */
  vatLetter: z.string().optional(),
  /** Extra text under the line (weight, "Storno", discount reason). */
  note: z.string().optional(),
  /**
   * A weighed article: `unitPrice` is the price per kg and the note says "0,237 kg × 24,90 €/kg", so the
   * "quantity x unit price" line would be wrong ("1 x 24,90") and is left out.
   */
  weighed: z.boolean().optional(),
})

export const vatRow = z.object({
  letter: z.string().optional(),
  rate: z.number(),
  gross: cents,
  net: cents,
  vat: cents,
})

export const paymentRow = z.object({
  label: z.string(),
  amount: cents,
})

/**
 * The TSE part of a receipt (§ 6 KassenSichV): the signed fields as label/value rows in the receipt's
 * language, or a note instead of them when the TSE failed or is not connected. Built in main/fiscal.
 */
export const receiptFiscal = z.object({
  status: z.enum(['signed', 'failed', 'none']),
  /** "TSE ausgefallen: <reason>", "TSE: nicht angeschlossen"; printed bold above the rows. */
  note: z.string().optional(),
  rows: z.array(z.object({ label: z.string(), value: z.string() })).default([]),
  /** The § 6 fields as data (preview, tests), ISO-8601 UTC times. */
  fields: z
    .object({
      startTime: z.string(),
      endTime: z.string(),
      txNumber: z.number().int(),
      tillSerial: z.string(),
      tseSerial: z.string(),
      signatureCounter: z.number().int(),
      signature: z.string(),
      signatureAlgorithm: z.string(),
      logTimeFormat: z.string(),
      publicKey: z.string(),
    })
    .partial()
    .optional(),
})
export type ReceiptFiscal = z.output<typeof receiptFiscal>

export const receiptDocument = z.object({
  header: z.array(z.string()).default([]),
  title: z.string().optional(),
  /** Receipt number, date/time, seller, till … as label/value pairs. */
  meta: z.array(z.object({ label: z.string(), value: z.string() })).default([]),
  items: z.array(receiptItem).default([]),
  total: z.object({ label: z.string(), amount: cents }).optional(),
  vat: z.array(vatRow).default([]),
  payments: z.array(paymentRow).default([]),
  /** Change given (cash), shown after the payments. */
  change: paymentRow.optional(),
  /** The API's receipt lines (loyalty card, top-up, terminal slip), printed as the API sends them. */
  apiLines: z.array(apiReceiptLine).default([]),
  footer: z.array(z.string()).default([]),
  /** The TSE block (§ 6 KassenSichV); absent on reports. */
  fiscal: receiptFiscal.optional(),
  /** Training mode: "TRAINING" printed prominently at top and bottom. */
  training: z.string().optional(),
  /** The TSE's QR code (DSFinV-K "V0;…"), printed with GS ( k and shown in the preview. */
  qr: z.string().optional(),
  /** Marks a reprint: printed prominently at top and bottom. */
  copy: z.boolean().default(false),
  /** Labels for the fixed words, so the layout speaks the receipt's language. */
  labels: z
    .object({ copy: z.string(), vat: z.string(), net: z.string(), gross: z.string(), rate: z.string() })
    .default({ copy: 'KOPIE', vat: 'MwSt', net: 'Netto', gross: 'Brutto', rate: 'Satz' }),
})

export type ReceiptDocument = z.output<typeof receiptDocument>
export type ReceiptDocumentInput = z.input<typeof receiptDocument>
export type ReceiptItem = z.output<typeof receiptItem>
