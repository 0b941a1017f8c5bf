// A WebSocket to a running browser host (main/host) as the page opens it: the host's token in the URL,
// the host's own origin. Collects every reply (event frames are left out) and the close code.
import { WebSocket } from 'ws'
import type { RunningHost } from '../../main/host/server'

export interface HostReply {
  id?: unknown
  result?: { ok: boolean; value?: unknown; error?: { code: string; message: string } }
  event?: string
}

export interface HostSocket {
  ws: WebSocket
  replies: HostReply[]
  /** The close code, null while open. */
  closed: () => number | null
}

export async function openHostSocket(host: RunningHost, path = '/pos'): Promise<HostSocket> {
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}${path}?token=${host.token}`, {
    headers: { Origin: `http://127.0.0.1:${host.port}` },
  })
  const replies: HostReply[] = []
  let code: number | null = null
  ws.on('message', (d) => {
    const m = JSON.parse(String(d)) as HostReply
    if (m.event === undefined) replies.push(m)
  })
  ws.on('close', (c) => (code = c))
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve())
    ws.once('error', reject)
  })
  return { ws, replies, closed: () => code }
}
