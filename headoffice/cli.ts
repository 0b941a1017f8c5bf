// `npm run central -- …`: the head office on the command line.
//   serve   --db URL [--port N] [--host H]          the read-only head office view
//   import  --db URL (--shop ID | --chain ID) [--catalog F] [--shop-texts F.json]
//           [--favourites F.csv|F.json] [--discounts F.json] [--sellers F.json]
//                                                    a shop's (or each shop of a chain's) next master data
//                                                    version; what is not named is carried over
//   import-demo --db URL                             the demo chain (two shops, demo catalogue)
//   postgres --dir D [--port N]                      a local PostgreSQL for trying it out (Debian's package)
//   try --db URL [--dir D]                           two demo tills of one shop and the head office view
import { join } from 'node:path'
import type pg from 'pg'
import { streamLogger } from '../main/logger'
import { createCentralPool } from '../main/central/pool'
import { importDemoChain, importMaster, importMasterForChain } from './import'
import { startLocalCluster, stopLocalCluster } from './local-cluster'
import { ensureCentralSchema } from './schema'
import { startHeadOffice } from './server'
import { tryTwoTills } from './try-two-tills'

function args(argv: string[]): { command: string; flags: Map<string, string> } {
  const flags = new Map<string, string>()
  let command = 'serve'
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!
    if (a.startsWith('--')) flags.set(a.slice(2), argv[i + 1] ?? '')
    else if (i === 0) {
      command = a
      continue
    }
    if (a.startsWith('--')) i++
  }
  return { command, flags }
}

function need(flags: Map<string, string>, name: string): string {
  const v = flags.get(name)
  if (!v) {
    console.error(`--${name} fehlt — --${name} is missing`)
    process.exit(2)
  }
  return v
}

async function main(): Promise<void> {
  const { command, flags } = args(process.argv.slice(2))
  // Problems only on the console: the head office view's own output is its URL.
  const logger = streamLogger((line) => process.stderr.write(line), Date, 'warn')
  if (command === 'postgres') {
    const dir = flags.get('dir') ?? join(process.cwd(), '.tresen-pg')
    const cluster = await startLocalCluster(dir, flags.has('port') ? { port: Number(flags.get('port')) } : {})
    console.log(`PostgreSQL läuft / is running: ${cluster.url}`)
    console.log(`Stoppen / stop: npm run central -- postgres-stop --dir ${dir}`)
    return
  }
  if (command === 'postgres-stop') {
    const dir = need(flags, 'dir')
    // pg_ctl on the folder's data: the server may have been started with any port.
    console.log(
      stopLocalCluster(dir)
        ? `PostgreSQL gestoppt / stopped: ${dir}`
        : `Kein laufendes PostgreSQL in / no PostgreSQL running in ${dir}`,
    )
    return
  }
  const url = need(flags, 'db')
  if (command === 'try') {
    await tryTwoTills(url, flags.get('dir') ?? join(process.cwd(), '.tresen-tills'))
    return
  }
  const pool = createCentralPool(url, logger, 5)
  const client = await pool.connect()
  try {
    await ensureCentralSchema(client)
  } finally {
    client.release()
  }
  if (command === 'import') {
    const files = Object.fromEntries(
      (
        [
          ['catalog', 'catalog'],
          ['shopTexts', 'shop-texts'],
          ['favourites', 'favourites'],
          ['discounts', 'discounts'],
          ['sellers', 'sellers'],
        ] as const
      ).flatMap(([key, flag]) => (flags.get(flag) ? [[key, flags.get(flag)!]] : [])),
    )
    const results = flags.get('chain')
      ? await importMasterForChain(pool as pg.Pool, flags.get('chain')!, files)
      : [await importMaster(pool, need(flags, 'shop'), files)]
    for (const result of results) {
      console.log(
        `${result.shopId}: Version ${result.version}, ${result.products} Artikel / products, ` +
          `${result.favourites} Favoriten / favourites, ${result.discountReasons} Rabattgründe / discount reasons`,
      )
      for (const p of result.problems) console.log(`  Zeile/row ${p.row} ${p.field}: ${p.problem}`)
      for (const p of result.favouriteProblems) console.log(`  ${p}`)
    }
    await pool.end()
    return
  }
  if (command === 'import-demo') {
    for (const r of await importDemoChain(pool as pg.Pool))
      console.log(`${r.shopId}: Version ${r.version}, ${r.products} Artikel / products`)
    await pool.end()
    return
  }
  const server = await startHeadOffice({
    pool,
    rendererDir: join(__dirname, '..', 'renderer'),
    ...(flags.has('port') ? { port: Number(flags.get('port')) } : {}),
    ...(flags.has('host') ? { host: flags.get('host')! } : {}),
  })
  console.log(`Zentrale / head office: ${server.url}`)
  const stop = () =>
    void server
      .close()
      .then(() => pool.end())
      .then(() => process.exit(0))
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error))
  process.exit(1)
})
