// The same day of sales in every process that builds it: a chained journal for the push tests.
import { memoryFeed, type MemoryFeed } from '../../helpers/memory-feed'

export function dayOfSales(sales: number): MemoryFeed {
  const feed = memoryFeed()
  const start = Date.UTC(2026, 11, 6, 5, 0)
  for (let i = 1; i <= sales; i++)
    feed.sale(
      i,
      [
        { productId: 'broetchen', name: 'Brötchen', quantity: 1 + (i % 6), total: 45 * (1 + (i % 6)) },
        ...(i % 3 === 0 ? [{ productId: 'kaffee', name: 'Kaffee', quantity: 1, total: 280 }] : []),
      ],
      new Date(start + i * 10_000).toISOString(),
    )
  return feed
}
