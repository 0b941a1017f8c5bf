// The demo panel decodes the virtual printer's paper only when something was printed: status requests
// (every status check, the drawer's polls) reach the printer as bytes too, and with them counted as
// "new paper" every check decoded the whole roll again — CPU and garbage that grew with every printed
// receipt of the day (docs/memory.md).
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createTestApp, type TestApp } from '../../helpers/test-app'
import type * as Paper from '../../../main/demo/paper'

const decoded = vi.hoisted(() => ({ count: 0 }))
vi.mock('../../../main/demo/paper', async (importOriginal) => {
  const original = await importOriginal<typeof Paper>()
  return {
    ...original,
    paperByJob: (...args: Parameters<typeof original.paperByJob>) => {
      decoded.count++
      return original.paperByJob(...args)
    },
  }
})

let t: TestApp
afterEach(async () => t?.dispose())

async function call<T>(channel: string, payload?: unknown): Promise<T> {
  const result = await t.app.dispatch(channel, payload)
  if (!result.ok) throw new Error(`${channel}: ${result.error.messageKey} ${result.error.message}`)
  return result.value as T
}

describe('demo panel paper', () => {
  it('is decoded again after a print, not after status requests or the poll', async () => {
    t = await createTestApp()
    await call('devices.testPrint')
    await expect
      .poll(async () => (await call<{ paper: unknown[] }>('demo.view')).paper.length, { timeout: 3000 })
      .toBe(1)
    const printer = t.app.devices.virtual.printer!
    // The job's outcome (it changes the paper's time stamp) may land just after its bytes.
    await expect.poll(() => printer.jobs()[0]?.outcome, { timeout: 3000 }).toBeDefined()
    await call('demo.view')
    const before = decoded.count
    const received = printer.emulator.receivedCount
    for (let i = 0; i < 20; i++) await printer.status()
    expect(printer.emulator.receivedCount).toBeGreaterThan(received)
    // Past the panel's 400 ms poll, and the view asked for directly.
    await new Promise((r) => setTimeout(r, 900))
    expect((await call<{ paper: unknown[] }>('demo.view')).paper).toHaveLength(1)
    expect(decoded.count).toBe(before)

    await call('devices.testPrint')
    await expect
      .poll(async () => (await call<{ paper: unknown[] }>('demo.view')).paper.length, { timeout: 3000 })
      .toBe(2)
    expect(decoded.count).toBeGreaterThan(before)
  })
})
