// How far a time zone is ahead of UTC at an instant, from Intl (no tz library). Zones change their
// offset at whole UTC hours (Europe: 01:00 UTC, EU summer-time directive 2000/84/EC), so the offset is
// looked up once per UTC hour and cached: a year's DSFinV-K export converts a million timestamps, and
// Intl per call would dominate its run time.
import { dateTimeFormat } from './intl-formats'

const HOUR = 3_600_000
const offsets = new Map<string, number>()

/** Minutes `timeZone` is ahead of UTC at `ms` (negative west of Greenwich). */
export function zoneOffsetMinutes(ms: number, timeZone: string): number {
  const hour = Math.floor(ms / HOUR)
  const key = `${timeZone}|${hour}`
  let off = offsets.get(key)
  if (off === undefined) {
    const at = hour * HOUR
    const p = Object.fromEntries(
      dateTimeFormat('en-CA', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      })
        .formatToParts(new Date(at))
        .map((x) => [x.type, x.value]),
    )
    const local = Date.UTC(+p.year!, +p.month! - 1, +p.day!, +p.hour!, +p.minute!, +p.second!)
    off = Math.round((local - at) / 60_000)
    if (offsets.size > 50_000) offsets.clear()
    offsets.set(key, off)
  }
  return off
}
