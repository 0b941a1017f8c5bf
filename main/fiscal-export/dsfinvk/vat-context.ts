// What the export needs besides the lines for the VAT of a sale (journal schema version 80,
// docs/vat-rates.md): Im Haus / Außer Haus (lines.csv INHAUS) and the parts of combo lines. A combo line
// is one Bonpos (lines.csv) with one Bonpos_USt row per VAT key of its parts (lines_vat.csv is keyed by
// POS_ZEILE and UST_SCHLUESSEL, so one position may carry several rates) and one Bonpos_Zusatzinfo row
// per part (subitems.csv) — DSFinV-K 2.4, Einzelaufzeichnungsmodul.
import type { DatabaseSync } from 'node:sqlite'
import { splitCents } from '../../../common/combo'
import { vatFromGross } from '../../../common/money'
import { hasTable } from './journal-source'
import { VAT_KEY_OF_RATE, type ExportLine, type ExportSubitem } from './transactions'

type Row = Record<string, unknown>

export interface SaleVatContext {
  /** Per sale: true in-house, false take-away; absent when the sale recorded none. */
  inHouse: Map<number, boolean>
  /** Per sale, per line number: the combo parts in order. */
  parts: Map<number, Map<number, Row[]>>
}

/** Reads the consumption and combo parts of these sales (bounded IN lists); empty for older journals. */
export function readSaleVatContext(db: DatabaseSync, saleIds: readonly number[]): SaleVatContext {
  const out: SaleVatContext = { inHouse: new Map(), parts: new Map() }
  if (saleIds.length === 0 || !hasTable(db, 'sale_consumption')) return out
  for (let i = 0; i < saleIds.length; i += 500) {
    const ids = saleIds.slice(i, i + 500)
    const marks = ids.map(() => '?').join(',')
    for (const r of db
      .prepare(`SELECT sale_id, consumption FROM sale_consumption WHERE sale_id IN (${marks})`)
      .all(...ids) as Row[])
      out.inHouse.set(Number(r.sale_id), r.consumption === 'inhouse')
    for (const r of db
      .prepare(
        `SELECT * FROM sale_line_components WHERE sale_id IN (${marks}) ORDER BY sale_id, line_no, component_no`,
      )
      .all(...ids) as Row[]) {
      const bySale = out.parts.get(Number(r.sale_id)) ?? new Map<number, Row[]>()
      const list = bySale.get(Number(r.line_no)) ?? []
      list.push(r)
      bySale.set(Number(r.line_no), list)
      out.parts.set(Number(r.sale_id), bySale)
    }
  }
  return out
}

/**
 * A combo line as export lines: the first carries the Bonpos and its subitems, each further VAT key is
 * a `vatShareOf` line with the same POS_ZEILE (only a Bonpos_USt row). A line discount is split over the
 * parts in the ratio of their weights, like the price (common/combo.ts).
 */
export function comboExportLines(
  base: ExportLine,
  parts: readonly Row[],
  lineQuantity: number,
): ExportLine[] {
  const weights = parts.map((p) => Number(p.weight))
  const discounts = base.discount ? splitCents(base.discount, weights) : parts.map(() => 0)
  const byKey = new Map<number, { rate: number; gross: number; discount: number }>()
  const subitems: ExportSubitem[] = parts.map((p, i) => {
    const rate = Number(p.vat_rate)
    const key = VAT_KEY_OF_RATE[rate] ?? 6
    const gross = Number(p.amount)
    const k = byKey.get(key) ?? { rate, gross: 0, discount: 0 }
    byKey.set(key, { rate, gross: k.gross + gross, discount: k.discount + discounts[i] })
    const vat = vatFromGross(gross, rate)
    return {
      artNr: String(p.product_id),
      name: String(p.name),
      quantity: Number(p.quantity) * lineQuantity * 1000,
      vatKey: key,
      gross,
      net: gross - vat,
      vat,
    }
  })
  return [...byKey].map(([key, k], i) => {
    const vat = vatFromGross(k.gross, k.rate)
    const share: ExportLine = {
      ...base,
      vatKey: key,
      gross: k.gross,
      net: k.gross - vat,
      vat,
      ...(k.discount !== 0 ? { discount: k.discount } : { discount: undefined }),
    }
    return i === 0 ? { ...share, subitems } : { ...share, vatShareOf: true }
  })
}
