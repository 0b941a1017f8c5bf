import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { chainHash, GENESIS_HASH } from '../../../main/journal/chain'

describe('chain hash', () => {
  it('is SHA-256 (hex) over the JSON array [prev, table, key, payload], as every existing journal was chained', () => {
    const payload = '{"id":1,"name":"Laugenbrezel ü","total":120}'
    const expected = createHash('sha256')
      .update(JSON.stringify([GENESIS_HASH, 'sales', '1', payload]))
      .digest('hex')
    expect(chainHash(GENESIS_HASH, 'sales', '1', payload)).toBe(expected)
    expect(expected).toMatch(/^[0-9a-f]{64}$/)
  })
})
