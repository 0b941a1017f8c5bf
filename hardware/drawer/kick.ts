// The ESC p drawer kick: always all five bytes. escpos 2.5 sent three and the printer then swallowed the
// next two bytes of the stream as timings (node-escpos#151, docs/hardware-printer.md).

export type KickPin = '2' | '5' | 'both'

export interface KickSpec {
  pin: KickPin
  /** Pulse on time; the printer counts in 2 ms units, so odd values round. */
  onMs: number
  offMs: number
}

/** Odoo's and the encoder's default: 50 ms on, 500 ms off keeps the solenoid duty well under 20 % (Citizen). */
export const DEFAULT_KICK: KickSpec = { pin: '2', onMs: 50, offMs: 500 }

const units = (ms: number) => Math.min(255, Math.max(1, Math.round(ms / 2)))

export function kickBytes(spec: KickSpec): Uint8Array {
  const one = (m: 0 | 1) => [0x1b, 0x70, m, units(spec.onMs), units(spec.offMs)]
  if (spec.pin === 'both') return Uint8Array.from([...one(0), ...one(1)])
  return Uint8Array.from(one(spec.pin === '5' ? 1 : 0))
}

/** How long one kick keeps the drawer connector busy; a second kick within this is ignored by printers. */
export function kickDurationMs(spec: KickSpec): number {
  const once = units(spec.onMs) * 2 + Math.max(units(spec.onMs), units(spec.offMs)) * 2
  return spec.pin === 'both' ? 2 * once : once
}

/**
 * `DLE DC4 1 m t`: the real-time pulse (Epson ESC/POS reference "DLE DC4 <fn=1>"), executed on arrival
 * instead of queued behind buffered data. m = 0 pin 2, 1 pin 5; t = on time in 100 ms units, 1–8.
 */
export function realtimeKickBytes(spec: KickSpec): Uint8Array {
  const t = Math.min(8, Math.max(1, Math.round(spec.onMs / 100)))
  const one = (m: 0 | 1) => [0x10, 0x14, 0x01, m, t]
  if (spec.pin === 'both') return Uint8Array.from([...one(0), ...one(1)])
  return Uint8Array.from(one(spec.pin === '5' ? 1 : 0))
}
