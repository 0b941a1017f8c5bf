// The browser host's WebSocket envelope `{ id, channel, payload }`, checked before anything else looks at
// it, and a reply path that cannot throw. A page (or anything holding the token) may send any bytes: an
// `id` nested thousands of levels deep would make JSON.stringify throw RangeError while echoing it back,
// and a channel given as `["checkout.view"]` used to be turned into a string and dispatched.
import type { WebSocket } from 'ws'
import type { Logger } from '../../common/ports'
import { fail, type Result } from '../../common/result'

/** Longest id and channel we take: the renderer sends small counters and short dotted names. */
export const MAX_ID_LENGTH = 128
export const MAX_CHANNEL_LENGTH = 64

export type EnvelopeId = string | number | null

export type Envelope =
  { id: EnvelopeId; channel: string; payload: unknown } | { id: EnvelopeId; refused: Result<unknown> }

const refuse = (id: EnvelopeId, message: string): Envelope => ({
  id,
  refused: fail('VALIDATION', 'error.validation', message),
})

function readId(value: unknown): EnvelopeId | undefined {
  if (value === undefined || value === null) return null
  if (typeof value === 'string' && value.length <= MAX_ID_LENGTH) return value
  if (typeof value === 'number' && Number.isFinite(value)) return value
  return undefined
}

/** Parses and checks one frame; never throws. */
export function readEnvelope(text: string): Envelope {
  let message: unknown
  try {
    message = JSON.parse(text)
  } catch {
    return refuse(null, 'Message is not JSON')
  }
  if (typeof message !== 'object' || message === null || Array.isArray(message))
    return refuse(null, 'Message must be an object { id, channel, payload }')
  const { id: rawId, channel, payload } = message as Record<string, unknown>
  const id = readId(rawId)
  // A refused id is not echoed: the answer carries null so nothing of an unbounded value goes back.
  if (id === undefined)
    return refuse(null, `id must be a string of at most ${MAX_ID_LENGTH} characters or a number`)
  if (typeof channel !== 'string' || channel.length === 0 || channel.length > MAX_CHANNEL_LENGTH)
    return refuse(id, 'channel must be a command name (a string)')
  return { id, channel, payload }
}

/** Sends `{ id, result }`; a result that cannot be serialised becomes an INTERNAL answer, a dead socket is ignored. */
export function sendReply(ws: WebSocket, id: EnvelopeId, result: unknown, logger: Logger): void {
  if (ws.readyState !== ws.OPEN) return
  let text: string
  try {
    text = JSON.stringify({ id, result })
  } catch (error) {
    logger.log('error', 'host.reply-unserialisable', { error: String(error) })
    text = JSON.stringify({ id, result: fail('INTERNAL', 'error.internal', 'The answer could not be sent') })
  }
  try {
    ws.send(text, (error) => {
      if (error) logger.log('warn', 'host.send-failed', { error: String(error) })
    })
  } catch (error) {
    logger.log('warn', 'host.send-failed', { error: String(error) })
  }
}
