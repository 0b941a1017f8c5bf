// The browser host's fetch for main's API clients (secuconnect): node:http / node:https instead of
// Node's built-in fetch (undici). Why (docs/memory.md): undici parses HTTP with llhttp compiled to
// WebAssembly, and once its functions are hot V8 recompiles them with its optimising compiler on a worker
// thread. That one compile grows a zone to ~15 MiB in doubling malloc blocks (the largest 7.1 MiB); glibc
// serves those with mmap and, when they are freed, raises its mmap threshold to 7.1 MiB and its trim
// threshold to 14.3 MiB for the rest of the process ("dynamic mmap threshold", mallopt(3)
// M_MMAP_THRESHOLD). From then on every block up to 7 MiB comes from the malloc arenas and each arena may
// keep 14 MiB of freed memory resident: the settled RSS of a long soak then depends on where freed blocks
// happen to lie. node:http parses with the same llhttp compiled into Node itself, so no WebAssembly is
// compiled. (The Electron app passes Chromium's `net.fetch`, which does not use undici either.)
//
// Only what main's API clients use (e.g. main/secuconnect/http.ts): method, headers, a string or byte
// body, an AbortSignal; the answer is read whole (text, JSON or bytes). Redirects are not followed (a
// payment API that redirects a POST is answered as the status it sent). A failure to connect rejects like
// fetch does — a TypeError whose `cause` carries the system error code — and an abort rejects with the
// signal's reason.
import { request as httpRequest, type IncomingMessage } from 'node:http'
import { request as httpsRequest } from 'node:https'

export const nodeHttpFetch: typeof globalThis.fetch = (input, init) =>
  new Promise<Response>((resolve, reject) => {
    const url = new URL(input instanceof Request ? input.url : String(input))
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      reject(new TypeError(`fetch failed: unsupported protocol ${url.protocol}`))
      return
    }
    const signal = init?.signal ?? undefined
    if (signal?.aborted) {
      reject(signal.reason)
      return
    }
    const headers: Record<string, string> = {}
    new Headers(init?.headers).forEach((value, name) => (headers[name] = value))
    const body = bodyBytes(init?.body)
    if (body) headers['content-length'] = String(body.byteLength)

    let settled = false
    const fail = (error: unknown): void => {
      if (settled) return
      settled = true
      signal?.removeEventListener('abort', onAbort)
      reject(signal?.aborted ? signal.reason : new TypeError('fetch failed', { cause: error }))
    }
    const onAbort = (): void => {
      req.destroy()
      fail(signal!.reason)
    }
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest
    const req = send(url, { method: init?.method ?? 'GET', headers }, (res: IncomingMessage) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('error', fail)
      res.on('aborted', () => fail(new Error('the server closed the connection mid-answer')))
      res.on('end', () => {
        if (settled) return
        settled = true
        signal?.removeEventListener('abort', onAbort)
        const status = res.statusCode ?? 0
        const answer = new Headers()
        for (let i = 0; i + 1 < res.rawHeaders.length; i += 2)
          answer.append(res.rawHeaders[i], res.rawHeaders[i + 1])
        // A Response cannot carry a body with these statuses (Fetch standard, "null body status").
        const nullBody = status === 204 || status === 205 || status === 304
        try {
          resolve(
            new Response(nullBody ? null : Buffer.concat(chunks), {
              status,
              statusText: res.statusMessage ?? '',
              headers: answer,
            }),
          )
        } catch (error) {
          // e.g. a status outside 200–599, which fetch reports as a network error too.
          reject(new TypeError('fetch failed', { cause: error }))
        }
      })
    })
    req.on('error', fail)
    signal?.addEventListener('abort', onAbort, { once: true })
    req.end(body)
  })

function bodyBytes(body: RequestInit['body']): Uint8Array | undefined {
  if (body === undefined || body === null) return undefined
  if (typeof body === 'string') return Buffer.from(body, 'utf8')
  if (body instanceof Uint8Array) return body
  if (body instanceof ArrayBuffer) return new Uint8Array(body)
  throw new TypeError('nodeHttpFetch sends string or byte bodies only')
}
