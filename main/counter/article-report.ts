// Sales per article for one business day, with the quantity per hour: what a bakery plans tomorrow's
// baking from. Stornos and returned lines subtract. The CSV is semicolon-separated with a decimal comma
// (what German spreadsheet programs read without an import dialog).
import type { ArticleSalesReport } from '../../common/counter'
import { dateTimeFormat } from '../../common/intl-formats'
import type { ArticleSaleRow } from '../journal/article-sales'

function hourOf(iso: string, timeZone: string): number {
  const hour = dateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(new Date(iso))
  return Number(hour) % 24
}

const euro = (cents: number) => {
  const sign = cents < 0 ? '-' : ''
  const abs = Math.abs(cents)
  return `${sign}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, '0')}`
}

/** A CSV field: quoted when it holds the separator, a quote or a line break (RFC 4180 quoting). */
const field = (value: string) => (/[;"\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value)

export function articleSalesReport(
  date: string,
  lines: readonly ArticleSaleRow[],
  timeZone: string,
): ArticleSalesReport {
  const byProduct = new Map<
    string,
    { productId: string; name: string; quantity: number; total: number; byHour: number[] }
  >()
  for (const line of lines) {
    let row = byProduct.get(line.productId)
    if (!row) {
      row = {
        productId: line.productId,
        name: line.name,
        quantity: 0,
        total: 0,
        byHour: Array<number>(24).fill(0),
      }
      byProduct.set(line.productId, row)
    }
    row.quantity += line.quantity
    row.total += line.total
    row.byHour[hourOf(line.at, timeZone)] += line.quantity
  }
  const rows = [...byProduct.values()].sort(
    (a, b) => b.quantity - a.quantity || a.name.localeCompare(b.name, 'de'),
  )
  const hours = Array.from({ length: 24 }, (_, h) => `${String(h).padStart(2, '0')} Uhr`)
  const csv = [
    ['Datum', 'Artikel-ID', 'Artikel', 'Menge', 'Umsatz EUR', ...hours].join(';'),
    ...rows.map((r) =>
      [
        date,
        field(r.productId),
        field(r.name),
        String(r.quantity),
        euro(r.total),
        ...r.byHour.map(String),
      ].join(';'),
    ),
  ].join('\r\n')
  return { date, rows, csv: `${csv}\r\n` }
}
