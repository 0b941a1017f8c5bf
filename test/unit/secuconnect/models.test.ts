// The client's models read the published responses as they are (unknown fields kept, legacy spellings).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { smartTransaction } from '../../../main/secuconnect/models'

// Verbatim copies of the responses of the published examples 001-003 (docs/secuconnect.md; copies in
// test/fixtures/secuconnect).
const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(join(__dirname, '../../fixtures/secuconnect', name), 'utf8'))

describe('published responses parse', () => {
  it.each([
    ['response-001-create-topup.json', 'created', 1500],
    ['response-002-start-cash-topup.json', 'ok', 1500],
    ['response-003-start-cash.json', 'ok', 796],
  ])('%s', (file, status, sum) => {
    const tx = smartTransaction.parse(fixture(file))
    expect(tx.status).toBe(status)
    expect(tx.basket_info?.sum).toBe(sum)
    expect(tx.idents[0].merchantcard?.card.cardnumber).toBe('9276004429942845')
    // Unknown fields survive (looseObject), so nothing the server adds is lost on the way.
    expect(tx).toHaveProperty('application_context')
  })

  it('normalises the legacy `canceled` and a numeric trans_id', () => {
    const tx = smartTransaction.parse({ id: 'STX_1', status: 'canceled', trans_id: 29218171 })
    expect(tx).toMatchObject({
      status: 'cancelled',
      trans_id: '29218171',
      receipt: [],
      idents: [],
      transactions: [],
    })
  })

  it('accepts underscore decorations from legacy data and normalises them', () => {
    const tx = smartTransaction.parse({
      id: 'STX_1',
      status: 'ok',
      receipt: [{ type: 'textline', value: { text: 'x', decoration: ['align_center'] } }],
    })
    expect(tx.receipt[0]).toMatchObject({ value: { decoration: ['align-center'] } })
  })
})
