// A real PostgreSQL for the tests that need one: one throwaway cluster per test file (initdb + pg_ctl in a
// temp dir, 127.0.0.1 only), a fresh database per test so tests cannot see each other's rows.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { startLocalCluster, type LocalCluster } from '../../headoffice/local-cluster'
import { ensureCentralSchema } from '../../headoffice/schema'

export interface TestPostgres {
  cluster: LocalCluster
  /** A new empty database with the central schema; returns its URL. */
  freshDatabase(): Promise<string>
  dispose(): void
}

let counter = 0

export async function startTestPostgres(): Promise<TestPostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'tresen-pg-'))
  const cluster = await startLocalCluster(dir, { fast: true })
  return {
    cluster,
    async freshDatabase() {
      const name = `t_${process.pid}_${++counter}`
      const admin = new pg.Client(cluster.url)
      await admin.connect()
      await admin.query(`CREATE DATABASE ${name}`)
      await admin.end()
      const url = cluster.url.replace(/\/postgres$/, `/${name}`)
      const client = new pg.Client(url)
      await client.connect()
      await ensureCentralSchema(client)
      await client.end()
      return url
    },
    dispose() {
      cluster.kill()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
