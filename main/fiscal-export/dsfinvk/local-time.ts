// DSFinV-K timestamps: ISO 8601 in the shop's local time with its UTC offset (e.g.
// 2026-12-05T18:02:11+01:00), as gastro-mis recommends for the non-TSE columns
// (https://support.gastro-mis.de/support/solutions/articles/36000250246); TSE times stay UTC.
// The zone's offset is looked up once per hour of UTC time (offsets change on the hour) and cached:
// a year's export formats a million timestamps, and Intl per call would dominate its run time.
const formats = new Map<string, Intl.DateTimeFormat>()
const offsets = new Map<string, number>()
const HOUR = 3_600_000

function format(timeZone: string): Intl.DateTimeFormat {
  let f = formats.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
    formats.set(timeZone, f)
  }
  return f
}

/** Minutes the zone is ahead of UTC at `ms`. */
export function offsetMinutes(ms: number, timeZone: string): number {
  const hour = Math.floor(ms / HOUR)
  const key = `${timeZone}|${hour}`
  let off = offsets.get(key)
  if (off === undefined) {
    const at = hour * HOUR
    const p = Object.fromEntries(
      format(timeZone)
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

const two = (n: number) => (n < 10 ? `0${n}` : String(n))

export function localIso(iso: string, timeZone: string): string {
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) throw new Error(`not a time: ${iso}`)
  const off = offsetMinutes(ms, timeZone)
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
