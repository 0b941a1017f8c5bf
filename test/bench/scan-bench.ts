// Scan → basket event, driver to main: the virtual scanner's inject (the same deliver → classify →
// register path a HID read takes) until the event bus publishes `register.changed` for that scan. Runs
// the real app in-process (demo config), a seller logged in, the basket cleared every 20 scans so it
// stays at a shop's size.
import { performance } from 'node:perf_hooks'
import { createTestApp } from '../helpers/test-app'
import { latencyRow, type BenchRow } from './stats'

export const SCAN_CODES = [
  '4260123450014',
  '4007123000517',
  '4007123000524',
  '4007123000531',
  '4007123000548',
]

export async function scanToEvent(options: { scans?: number; warmup?: number } = {}): Promise<BenchRow> {
  const scans = options.scans ?? 5000
  const warmup = options.warmup ?? 500
  const t = await createTestApp()
  try {
    const login = await t.app.dispatch('seller.login', { sellerId: 'anna', pin: '1111' })
    if (!login.ok) throw new Error(`seller login failed: ${login.error.message}`)
    const scanner = t.app.devices.virtual.scanner
    let pending: number | null = null
    const samples: number[] = []
    let recording = false
    const off = t.app.events.subscribe((message) => {
      if (message.type !== 'register.changed' || pending === null) return
      if (recording) samples.push(performance.now() - pending)
      pending = null
    })
    for (let i = 0; i < warmup + scans; i++) {
      if (i % 20 === 0) await t.app.dispatch('basket.clear', {})
      recording = i >= warmup
      pending = performance.now()
      const scan = scanner.inject(SCAN_CODES[i % SCAN_CODES.length], { symbology: 'ean13' })
      if (!scan || scan.kind !== 'ean13') throw new Error(`scan ${i} was not read as an EAN-13`)
      // The path is synchronous today; a later async step would show up here instead of being missed.
      while (pending !== null) {
        if (performance.now() - pending > 5000) throw new Error(`no register.changed for scan ${i}`)
        await new Promise((r) => setImmediate(r))
      }
    }
    off()
    return latencyRow('scan-event', 'scan → basket event (driver to main)', samples, { op: '<', value: 2 })
  } finally {
    await t.dispose()
  }
}
