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
