// Identifiers in the API's shapes (docs/secuconnect.md [I]): prefix + 30 of [A-Z0-9].
import { randomBytes } from 'node:crypto'

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'

function randomFrom(alphabet: string, length: number): string {
  const bytes = randomBytes(length)
  let out = ''
  for (let i = 0; i < length; i++) out += alphabet[bytes[i] % alphabet.length]
  return out
}

export const objectId = (prefix: string): string => `${prefix}_${randomFrom(ALPHABET, 30)}`

/** Access tokens in the examples are 26 lowercase alphanumerics. */
export const accessToken = (): string => randomFrom('abcdefghijklmnopqrstuvwxyz0123456789', 26)
export const hex = (length: number): string =>
  randomBytes(Math.ceil(length / 2))
    .toString('hex')
    .slice(0, length)
/** User codes in the examples are 8 lowercase alphanumerics ("aa63q9k9"). */
export const userCode = (): string => randomFrom('abcdefghijkmnpqrstuvwxyz23456789', 8)

/** ISO 8601 with an explicit offset, like the API's "2020-09-17T09:18:14+02:00" (we always say UTC). */
export function isoTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00')
}
