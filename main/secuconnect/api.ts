// An authorised REST call: Bearer token, one renewal and one retry when the token is refused, typed
// errors and decoded bodies. Nothing else is retried here: whether a call may be repeated is the
// caller's decision (start and cancel never are, see ./transactions.ts).
import type { z } from 'zod'
import type { Auth } from './auth'
import { apiErrorFrom, decode, type Transport, type TransportRequest, type TransportResponse } from './http'

export interface ApiCall<T extends z.ZodType> extends Omit<TransportRequest, 'token' | 'path'> {
  /** Below `/api/v2`. */
  path: string
  schema: T
}

export interface Api {
  call<T extends z.ZodType>(req: ApiCall<T>): Promise<z.output<T>>
}

/**
 * The documented answer to a dead token is 403 ProductNotAllowedException code 2003, while the SDKs
 * retry on 401 (secuconnect docs: Error_Handling_-_Integration_Guide_for_Loyalty_at_the_POS;
 * secuconnect-php-sdk lib/Api/*.php). [I] Both mean "token refused"; any other 403 is a real permission
 * error.
 */
function tokenRefused(res: TransportResponse): boolean {
  if (res.status === 401) return true
  return (
    res.status === 403 &&
    typeof res.json === 'object' &&
    res.json !== null &&
    (res.json as { code?: unknown }).code === 2003
  )
}

export function createApi(transport: Transport, auth: Auth): Api {
  return {
    async call({ schema, path, ...req }) {
      const what = `${req.method} ${path.replace(/\d{13,19}/g, '…')}`
      const send = async (token: string): Promise<TransportResponse> =>
        transport.send({ ...req, path: `/api/v2${path}`, token })
      let token = await auth.accessToken()
      let res = await send(token)
      if (tokenRefused(res)) {
        // A refused token cannot have had an effect, so repeating even a start once is safe.
        auth.invalidate(token)
        token = await auth.accessToken()
        res = await send(token)
      }
      if (res.status < 200 || res.status >= 300) throw apiErrorFrom(res)
      return decode(schema, res, what)
    },
  }
}
