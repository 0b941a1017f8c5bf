// LISTEN on the head office's PostgreSQL for what the tills must react to at once (new master data, a
// parked basket offered or taken). A dedicated connection, reconnected with backoff when the server goes
// away; the periodic checks cover whatever was said while it was away
// (https://www.postgresql.org/docs/current/sql-listen.html: notifications are not queued for absent listeners).
import pg from 'pg'
import type { Logger } from '../../common/ports'

export interface NotificationListener {
  close(): Promise<void>
  connected(): boolean
}

export function listenForChanges(
  url: string,
  channels: readonly string[],
  onNotify: (channel: string, payload: string) => void,
  logger: Logger,
  options: { minBackoffMs?: number; maxBackoffMs?: number } = {},
): NotificationListener {
  const min = options.minBackoffMs ?? 500
  const max = options.maxBackoffMs ?? 15_000
  let client: pg.Client | null = null
  let closed = false
  let backoff = min
  let timer: NodeJS.Timeout | null = null
  let isConnected = false

  const retry = () => {
    if (closed || timer) return
    timer = setTimeout(() => {
      timer = null
      void connect()
    }, backoff)
    timer.unref?.()
    backoff = Math.min(max, backoff * 2)
  }

  async function connect(): Promise<void> {
    const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000, keepAlive: true })
    client = c
    c.on('error', (error) => {
      logger.log('warn', 'central.listen-lost', { message: error.message })
      isConnected = false
      void c.end().catch(() => undefined)
      retry()
    })
    c.on('end', () => {
      isConnected = false
      retry()
    })
    c.on('notification', (n) => onNotify(n.channel, n.payload ?? ''))
    try {
      await c.connect()
      for (const channel of channels) await c.query(`LISTEN ${channel}`)
      isConnected = true
      backoff = min
      // Whatever changed while nobody listened is picked up by a check right away.
      for (const channel of channels) onNotify(channel, '')
    } catch (error) {
      isConnected = false
      logger.log('info', 'central.listen-failed', { message: (error as Error).message })
      void c.end().catch(() => undefined)
      retry()
    }
  }

  void connect()
  return {
    connected: () => isConnected,
    async close() {
      closed = true
      if (timer) clearTimeout(timer)
      await client?.end().catch(() => undefined)
    },
  }
}
