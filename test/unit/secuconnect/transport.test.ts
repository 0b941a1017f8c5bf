// The HTTP layer on its own, with a scripted fetch: error typing, decoding, headers and log hygiene.
import { describe, expect, it } from 'vitest'
import { manualClock, memoryLogger } from '../../../common/ports'
import {
  SecuconnectApiError,
  SecuconnectBadResponseError,
  SecuconnectNetworkError,
  SecuconnectTimeoutError,
  toAppError,
} from '../../../main/secuconnect'
import { apiErrorFrom, createTransport, decode, type FetchFn } from '../../../main/secuconnect/http'
import { smartTransaction } from '../../../main/secuconnect/models'

function transportWith(fetchImpl: (url: URL, init: RequestInit) => Promise<Response>) {
  const logger = memoryLogger()
  const calls: { url: URL; init: RequestInit }[] = []
  const fetch: FetchFn = async (input, init) => {
    calls.push({ url: input as URL, init: init! })
    return fetchImpl(input as URL, init!)
  }
  return {
    logger,
    calls,
    transport: createTransport({
      baseUrl: 'https://connect-testing.secuconnect.com/',
      fetch,
      clock: manualClock(),
      logger,
      userAgent: 'test',
    }),
  }
}

describe('transport', () => {
  it('sends Authorization: Bearer (never Authenticate), JSON headers and the query', async () => {
    const { transport, calls } = transportWith(
      async () => new Response('{"count":0,"data":[]}', { status: 200 }),
    )
    await transport.send({
      method: 'GET',
      path: '/api/v2/Smart/Transactions',
      query: { q: 'status:ok', count: 5, offset: undefined },
      token: 'tok',
      timeoutMs: 1000,
    })
    const headers = calls[0].init.headers as Record<string, string>
    expect(headers.Authorization).toBe('Bearer tok')
    expect(headers).not.toHaveProperty('Authenticate')
    expect(headers.Accept).toBe('application/json')
    expect(calls[0].url.toString()).toBe(
      'https://connect-testing.secuconnect.com/api/v2/Smart/Transactions?q=status%3Aok&count=5',
    )
    expect(calls[0].init.body).toBeUndefined()
  })

  it('POST without a body sends {} as the SDKs and docs do', async () => {
    const { transport, calls } = transportWith(async () => new Response('{}', { status: 200 }))
    await transport.send({ method: 'POST', path: '/x', timeoutMs: 1000 })
    expect(calls[0].init.body).toBe('{}')
  })

  it('a rejected fetch is a SecuconnectNetworkError with the cause; the log masks the card number', async () => {
    const { transport, logger } = transportWith(async () => {
      throw new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } })
    })
    const error = await transport
      .send({
        method: 'GET',
        path: '/api/v2/Loyalty/MerchantCards',
        query: { q: 'card.cardnumber:9276004424644352' },
        timeoutMs: 1000,
      })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SecuconnectNetworkError)
    expect((error as Error).message).toContain('ECONNRESET')
    expect((error as Error).message).not.toContain('9276004424644352')
    expect(JSON.stringify(logger.entries)).not.toContain('9276004424644352')
    expect(JSON.stringify(logger.entries)).toContain('4352')
  })

  it('a body that never finishes is a timeout, not a hang', async () => {
    const { transport } = transportWith(async (_url, init) => {
      const stream = new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"id":'))
          init.signal?.addEventListener('abort', () => controller.error(init.signal!.reason))
        },
      })
      return new Response(stream, { status: 200 })
    })
    const error = await transport
      .send({ method: 'GET', path: '/slow', timeoutMs: 50 })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SecuconnectTimeoutError)
  })

  it("the caller's own abort is passed through as is", async () => {
    const { transport } = transportWith(
      (_url, init) =>
        new Promise((_resolve, reject) =>
          init.signal?.addEventListener('abort', () => reject(init.signal!.reason)),
        ),
    )
    const controller = new AbortController()
    const pending = transport.send({
      method: 'GET',
      path: '/x',
      timeoutMs: 10_000,
      signal: controller.signal,
    })
    controller.abort(new DOMException('sale cancelled', 'AbortError'))
    await expect(pending).rejects.toMatchObject({ name: 'AbortError', message: 'sale cancelled' })
  })
})

describe('error answers', () => {
  it('ProductExceptionPayload becomes SecuconnectApiError with every field', () => {
    const body = {
      status: 'error',
      error: 'ProductNotAllowedException',
      error_details: 'Valid auth token required',
      error_user: 'Es ist ein unbekannter Fehler aufgetreten (Code 2003)',
      code: 2003,
      supportId: 'f8e0aa',
    }
    const error = apiErrorFrom({ status: 403, json: body, text: JSON.stringify(body) })
    expect(error).toMatchObject({
      status: 403,
      error: 'ProductNotAllowedException',
      error_details: 'Valid auth token required',
      error_user: body.error_user,
      code: 2003,
      supportId: 'f8e0aa',
    })
    expect(toAppError(error)).toMatchObject({
      code: 'API',
      params: { status: 403, userMessage: body.error_user, supportId: 'f8e0aa' },
    })
  })

  it('a proxy page is still a typed SecuconnectApiError', () => {
    const error = apiErrorFrom({ status: 502, json: undefined, text: '<html>Bad Gateway</html>' })
    expect(error).toBeInstanceOf(SecuconnectApiError)
    expect(error).toMatchObject({ status: 502, error: 'HTTP 502', code: null, supportId: null })
  })

  it('a 2xx that is not JSON or not the model is a SecuconnectBadResponseError', () => {
    expect(() => decode(smartTransaction, { status: 200, json: undefined, text: '{"id":' }, 'GET x')).toThrow(
      SecuconnectBadResponseError,
    )
    expect(() => decode(smartTransaction, { status: 200, json: { id: 5 }, text: '' }, 'GET x')).toThrow(/id/)
  })

  it('toAppError maps each class to the app error codes', () => {
    expect(toAppError(new SecuconnectTimeoutError(100, 'x')).code).toBe('TIMEOUT')
    expect(toAppError(new SecuconnectNetworkError('x')).code).toBe('NETWORK')
    expect(toAppError(new SecuconnectBadResponseError(200, 'x')).code).toBe('API')
  })
})
