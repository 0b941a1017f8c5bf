// The till's connection to the head office's PostgreSQL. A server that goes away makes idle clients emit
// 'error'; unhandled, that would end the till's main process, so every client gets a listener and the
// loss is logged — the next push or pull just reconnects.
import pg from 'pg'
import type { Logger } from '../../common/ports'

export function createCentralPool(url: string, logger: Logger, max = 3): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    connectionTimeoutMillis: 3_000,
    idleTimeoutMillis: 30_000,
    // A dead server must not leave a push waiting on a half-open TCP connection.
    keepAlive: true,
    query_timeout: 15_000,
  })
  const onError = (error: Error) => logger.log('warn', 'central.connection-lost', { message: error.message })
  pool.on('error', onError)
  pool.on('connect', (client) => client.on('error', onError))
  return pool
}
