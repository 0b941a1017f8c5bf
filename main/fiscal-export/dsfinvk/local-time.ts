// DSFinV-K timestamps: ISO 8601 in the shop's local time with its UTC offset (e.g.
// 2026-12-05T18:02:11+01:00), as gastro-mis recommends for the non-TSE columns
// (https://support.gastro-mis.de/support/solutions/articles/36000250246); TSE times stay UTC.
// The zone's offset comes from common/zone-offset.ts.
import { zoneOffsetMinutes } from '../../../common/zone-offset'

const two = (n: number) => (n < 10 ? `0${n}` : String(n))

export function localIso(iso: string, timeZone: string): string {
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) throw new Error(`not a time: ${iso}`)
  const off = zoneOffsetMinutes(ms, timeZone)
  const d = new Date(Math.floor(ms / 1000) * 1000 + off * 60_000)
  const abs = Math.abs(off)
  return (
    `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}T` +
    `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}` +
    `${off < 0 ? '-' : '+'}${two(Math.floor(abs / 60))}:${two(abs % 60)}`
  )
}

export function localDate(iso: string, timeZone: string): string {
  return localIso(iso, timeZone).slice(0, 10)
}
