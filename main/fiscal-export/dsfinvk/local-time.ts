// DSFinV-K timestamps: ISO 8601 in the shop's local time with its UTC offset (e.g.
// 2026-12-05T18:02:11+01:00), as gastro-mis recommends for the non-TSE columns
// (https://support.gastro-mis.de/support/solutions/articles/36000250246); TSE times stay UTC.
const formats = new Map<string, Intl.DateTimeFormat>()

function partsOf(date: Date, timeZone: string): Record<string, string> {
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
  return Object.fromEntries(f.formatToParts(date).map((p) => [p.type, p.value]))
}

export function localIso(iso: string, timeZone: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) throw new Error(`not a time: ${iso}`)
  const p = partsOf(date, timeZone)
  const local = Date.UTC(+p.year!, +p.month! - 1, +p.day!, +p.hour!, +p.minute!, +p.second!)
  const offsetMin = Math.round((local - Math.floor(date.getTime() / 1000) * 1000) / 60000)
  const sign = offsetMin < 0 ? '-' : '+'
  const abs = Math.abs(offsetMin)
  const off = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}${off}`
}

export function localDate(iso: string, timeZone: string): string {
  return localIso(iso, timeZone).slice(0, 10)
}
