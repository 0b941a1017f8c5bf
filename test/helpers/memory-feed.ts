// An in-memory chained journal feed for the head office tests, hashed as main/journal's chain is, and sales are written as the journal writes them.
import type { FeedRow, JournalFeed } from '../../main/central/journal-push'
import { chainHash, GENESIS_HASH } from '../../main/journal/chain'

export interface MemoryFeed extends JournalFeed {
  rows: FeedRow[]
  append(tbl: string, payload: object): void
  /** A completed sale: its sales row, one line per item, the completion. */
  sale(
    saleId: number,
    items: { productId: string; name: string; quantity: number; total: number }[],
    at: string,
  ): void
}

export function memoryFeed(): MemoryFeed {
  const rows: FeedRow[] = []
  const feed: MemoryFeed = {
    rows,
    append(tbl, payload) {
      const prevHash = rows.length ? rows[rows.length - 1]!.hash! : GENESIS_HASH
      const text = JSON.stringify(payload)
      const rowKey = String(rows.length + 1)
      rows.push({
        seq: rows.length + 1,
        tbl,
        rowKey,
        payload: text,
        prevHash,
        hash: chainHash(prevHash, tbl, rowKey, text),
      })
    },
    sale(saleId, items, at) {
      const total = items.reduce((s, i) => s + i.total, 0)
      feed.append('sales', { id: saleId, kind: 'sale', total, started_at: at })
      items.forEach((item, i) =>
        feed.append('sale_lines', {
          sale_id: saleId,
          line_no: i + 1,
          product_id: item.productId,
          name: item.name,
          quantity: item.quantity,
          total: item.total,
          weight_grams: null,
        }),
      )
      feed.append('sale_completions', {
        id: saleId,
        sale_id: saleId,
        receipt_no: saleId,
        kind: 'sale',
        total,
        completed_at: at,
      })
    },
    after: (seq, limit) => rows.filter((r) => r.seq > seq).slice(0, limit),
    head: () => rows.length,
  }
  return feed
}
