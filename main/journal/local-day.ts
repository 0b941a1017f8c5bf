// Times are stored as UTC ISO strings; "today's sales" means the shop's local calendar day, which in
// Germany is 23 or 25 hours long on DST days. Intl gives the zone offset without a tz library.
import { dateTimeFormat } from '../../common/intl-formats'
import { zoneOffsetMinutes } from '../../common/zone-offset'

/** The shop's zone unless configured otherwise: the journal's days and the receipts' times. */
export const DEFAULT_TIME_ZONE = 'Europe/Berlin'

const offsetMs = (utcMs: number, timeZone: string): number => zoneOffsetMinutes(utcMs, timeZone) * 60_000

/** UTC instant of local midnight starting `date` ("YYYY-MM-DD") in `timeZone`. */
function localMidnight(date: string, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number)
  const naive = Date.UTC(y, m - 1, d)
  // Two passes: the offset at naive midnight can differ from the offset at the true instant near DST.
  const first = naive - offsetMs(naive, timeZone)
  return naive - offsetMs(first, timeZone)
}

export function localDayRange(date: string, timeZone: string): { from: string; to: string } {
  const [y, m, d] = date.split('-').map(Number)
  const next = new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10)
  return {
    from: new Date(localMidnight(date, timeZone)).toISOString(),
    to: new Date(localMidnight(next, timeZone)).toISOString(),
  }
}

/** The shop's calendar day ("YYYY-MM-DD") at `utcMs` in `timeZone`: what "today" means for the sales list. */
export function localDate(utcMs: number, timeZone: string): string {
  const parts = dateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(new Date(utcMs))
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? ''
  return `${get('year')}-${get('month')}-${get('day')}`
}
