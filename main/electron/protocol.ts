// app://tresen/… serves the built renderer (Electron checklist 18: a custom scheme, not file://).
import { readStatic } from '../static-files'
import { APP_SCHEME } from './origin'
import type { ElectronApi } from './types'

export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: false, stream: false },
}

export function registerAppProtocol(protocol: ElectronApi['protocol'], rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url)
    if (url.host !== 'tresen') return new Response('Not found', { status: 404 })
    const file = await readStatic(rendererDir, url.pathname)
    if (!file) return new Response('Not found', { status: 404 })
    return new Response(new Uint8Array(file.body), { status: 200, headers: file.headers })
  })
}
