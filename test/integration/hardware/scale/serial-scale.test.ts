// The Dialog 06 scale driver on serialport over a real kernel tty (socat pty pair); the scale end is the
// Dialog 06 emulator on the other pty. Frames are checked as the emulator received them.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { scaleConfig } from '../../../../common/config/devices'
import { memoryLogger, systemClock } from '../../../../common/ports'
import { createScale } from '../../../../hardware/scale'
import { serialportBackend } from '../../../../hardware/scanner/serial-backend'
import { type ScalePeer, attachScalePeer } from '../../../fakes/scale-peer'
import type { Scale } from '../../../../hardware/types'
import { type PtyPair, openPtyPair } from '../pty-pair'

let pty: PtyPair
let peer: ScalePeer
const scales: Scale[] = []

beforeEach(async () => {
  pty = await openPtyPair()
  peer = await attachScalePeer(pty.b)
})
afterEach(async () => {
  for (const s of scales.splice(0)) await s.close()
  await peer.close()
  await pty.dispose()
})

function scale(extra: Record<string, unknown> = {}): Scale {
  const s = createScale(
    scaleConfig.parse({
      driver: 'serial',
      path: pty.a,
      responseTimeoutMs: 400,
      stableTimeoutMs: 1000,
      retryMs: 100,
      ...extra,
    }),
    { serial: serialportBackend(), clock: systemClock, logger: memoryLogger() },
  )
  if (!s) throw new Error('no scale built')
  scales.push(s)
  return s
}

describe('Dialog 06 scale over a pty', () => {
  it('weighs 0,237 kg at 24,90 €/kg: unit price record, EOT ENQ, the stable weight and 5,90 €', async () => {
    peer.emulator.set({ grams: 237 })
    const s = scale()
    expect(await s.weigh({ unitPrice: 2490 })).toEqual({
      status: 'stable',
      grams: 237,
      unitPrice: 2490,
      amount: 590,
    })
    expect(peer.emulator.frames).toEqual(['01|002490|', 'ENQ'])
    expect(s.current().state).toBe('connected')
  })

  it('a settling weight is waited for; an overload is refused with its reason after the status request', async () => {
    peer.emulator.set({ grams: 820, settleAfterRequests: 2 })
    const s = scale()
    expect(await s.weigh({ unitPrice: 1290 })).toMatchObject({ status: 'stable', grams: 820, amount: 1058 })
    peer.emulator.set({ grams: 16_000 })
    expect(await s.weigh({ unitPrice: 1290 })).toMatchObject({ status: 'failed', reason: 'overload' })
    expect(peer.emulator.frames.slice(-3)).toEqual(['01|001290|', 'ENQ', '08'])
  })

  it('a scale that stays silent: timeout, state offline; answers again: connected', async () => {
    peer.emulator.set({ grams: 300, power: false })
    const s = scale()
    expect(await s.weigh({ unitPrice: 1000 })).toMatchObject({ status: 'failed', reason: 'timeout' })
    expect(s.current().state).toBe('offline')
    peer.emulator.set({ power: true })
    expect((await s.status()).state).toBe('connected')
  })

  it('unplugged (socat killed): disconnected; plugged back in: weighs again', async () => {
    peer.emulator.set({ grams: 450 })
    const s = scale()
    expect((await s.status()).state).toBe('connected')
    await peer.close()
    await pty.kill()
    const deadline = Date.now() + 3000
    while (s.current().state !== 'disconnected' && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 25))
    expect(s.current().state).toBe('disconnected')
    expect(await s.weigh({ unitPrice: 1000 })).toMatchObject({ status: 'failed', reason: 'disconnected' })
    await pty.restart()
    peer = await attachScalePeer(pty.b)
    peer.emulator.set({ grams: 450 })
    expect(await s.weigh({ unitPrice: 1000 })).toMatchObject({ status: 'stable', grams: 450, amount: 450 })
  })
})
