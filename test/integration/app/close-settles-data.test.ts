// Whoever removes or copies the data folder after `app.close()` (tests, an update, a backup) must find
// it settled: the anchor record written after the last sale (main/journal/anchor.ts) goes through a
// temp file in that folder, so close waits for it.
import { readdirSync, rmSync } from 'node:fs'
import { expect, it } from 'vitest'
import { createTestApp } from '../../helpers/test-app'
import { sellBread } from '../../unit/journal/integrity-helpers'

it('close waits for the anchor write after the last sale: no temp file is left or created later', async () => {
  const t = await createTestApp()
  try {
    await t.app.checkout.recovery
    let flushed = false
    for (let i = 0; i < 3; i++) sellBread(t.app.journal)
    void t.app.journal.integrity.flushed().then(() => (flushed = true))
    await t.app.close()
    expect(flushed).toBe(true)
    expect(readdirSync(t.dataDir).filter((f) => f.endsWith('.tmp'))).toEqual([])
    await new Promise((r) => setTimeout(r, 50))
    expect(readdirSync(t.dataDir).filter((f) => f.endsWith('.tmp'))).toEqual([])
  } finally {
    rmSync(t.dataDir, { recursive: true, force: true })
  }
})
