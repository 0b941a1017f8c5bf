// The head office's local PostgreSQL (headoffice/local-cluster.ts) as the README starts it:
// `npm run central -- postgres --dir ./.tresen-pg` gives a folder relative to where it runs.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import pg from 'pg'
import { startLocalCluster, stopLocalCluster, type LocalCluster } from '../../../headoffice/local-cluster'

let cluster: LocalCluster | undefined
let folder: string | undefined
afterEach(() => {
  cluster?.kill()
  if (folder) rmSync(folder, { recursive: true, force: true })
  cluster = undefined
  folder = undefined
})

describe('the local PostgreSQL cluster', () => {
  it('starts in a folder given relative to the working directory and answers queries', async () => {
    folder = mkdtempSync(join(tmpdir(), 'tresen-pg-rel-'))
    const given = relative(process.cwd(), folder)
    expect(given.startsWith('/')).toBe(false)
    cluster = await startLocalCluster(given, { fast: true })
    expect(cluster.dir).toBe(folder)
    const client = new pg.Client(cluster.url)
    await client.connect()
    const { rows } = await client.query<{ one: number }>('SELECT 1 AS one')
    await client.end()
    expect(rows).toEqual([{ one: 1 }])
  })

  it('is stopped by its folder alone, as `npm run central -- postgres-stop --dir` does', async () => {
    folder = mkdtempSync(join(tmpdir(), 'tresen-pg-stop-'))
    const given = relative(process.cwd(), folder)
    cluster = await startLocalCluster(given, { fast: true })
    expect(stopLocalCluster(given)).toBe(true)
    const client = new pg.Client(cluster.url)
    await expect(client.connect()).rejects.toThrow(/ECONNREFUSED/)
    expect(stopLocalCluster(given), 'nothing runs there any more').toBe(false)
  })
})
