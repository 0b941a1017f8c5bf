// Finds the register API: Electron's preload (or a test harness) installs `window.pos`; in the browser
// host the renderer builds the same API over a WebSocket to the page's own origin.
import { createPosApi } from '../../../preload/core'
import { COMMAND_NAMES, EVENT_NAMES } from '../../../common/ipc/channels'
import type { PosApi } from '../../../common/ipc/contract'
import { webSocketTransport } from './ws-transport'

export function resolvePosApi(): PosApi {
  if (window.pos) return window.pos
  const { location } = window
  if (location.protocol !== 'http:')
    throw new Error('No register API: not in Electron and not in the browser host')
  const token = new URLSearchParams(location.search).get('token')
  // The customer display gets the read-only socket: main answers only its view channels there.
  const path = location.pathname.startsWith('/display') ? '/pos/display' : '/pos'
  const wsUrl = `ws://${location.host}${path}${token ? `?token=${encodeURIComponent(token)}` : ''}`
  const api = createPosApi(webSocketTransport(wsUrl), COMMAND_NAMES, EVENT_NAMES) as unknown as PosApi
  // The cookie set with the first page load authenticates from now on; keep the token out of sight.
  if (token) window.history.replaceState(null, '', location.pathname + location.hash)
  window.pos = api
  return api
}
