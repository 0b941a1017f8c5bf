// The browser host's process: boots the app on a data dir, serves the renderer, prints the tokenised
// URL, and stops cleanly on SIGINT/SIGTERM. `npm run host` runs it through ./cli.ts (production);
// test/chaos/crash-host.ts runs it with checkout hooks, which production never passes.
import { join, resolve } from 'node:path'
import { boot } from '../boot'
import type { CheckoutTuning } from '../checkout/checkout-service'
import { checkToken, startHost } from './server'
import { nodeHttpFetch } from './node-http-fetch'
import { logFormatFromArgs } from '../logging/console-log'
import { silenceSqliteExperimentalWarning } from '../logging/quiet-warnings'

function argValue(argv: readonly string[], name: string): string | undefined {
  const i = argv.indexOf(name)
  if (i >= 0) return argv[i + 1]
  const prefixed = argv.find((a) => a.startsWith(`${name}=`))
  return prefixed?.slice(name.length + 1)
}

export interface HostRunOptions {
  /** Tests only: checkout hooks and tuning (production passes none). */
  checkout?: CheckoutTuning
  /** Called once recovery of the previous run is done. */
  afterRecovery?: () => void
  /** Where the built renderer is; default beside the built host (out/renderer). */
  rendererDir?: string
}

export async function runHost(options: HostRunOptions = {}): Promise<void> {
  silenceSqliteExperimentalWarning()
  const argv = process.argv.slice(2)
  const logFormat = logFormatFromArgs(argv)
  if (typeof logFormat !== 'string') {
    process.stderr.write(
      `Ungültiges --log-format / invalid --log-format: ${logFormat.invalid} (json | human)\n`,
    )
    process.exit(2)
  }
  const dataDir = resolve(
    argValue(argv, '--data-dir') ?? process.env.TRESEN_DATA_DIR ?? join(process.cwd(), '.tresen-data'),
  )
  const portText = argValue(argv, '--port') ?? process.env.TRESEN_PORT ?? '0'
  const port = Number(portText)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`Ungültiger Port / invalid port: ${portText}\n`)
    process.exit(2)
  }
  const envToken = process.env.TRESEN_HOST_TOKEN || undefined
  if (envToken !== undefined) {
    try {
      checkToken(envToken)
    } catch (error) {
      process.stderr.write(`${(error as Error).message}\n`)
      process.exit(2)
    }
  }
  const booted = await boot({
    argv,
    dataDir,
    transport: 'host',
    cipher: null,
    // Not Node's built-in fetch: its WebAssembly parser costs native memory for good (docs/memory.md).
    fetch: nodeHttpFetch,
    logFormat,
    ...(options.checkout ? { checkout: options.checkout } : {}),
  })
  if (!booted.ok) {
    process.stderr.write(booted.message + '\n')
    process.exit(78)
  }
  if (options.afterRecovery) void booted.app.checkout.recovery.then(options.afterRecovery)
  const host = await startHost({
    app: booted.app,
    rendererDir: options.rendererDir ?? resolve(__dirname, '../renderer'),
    logger: booted.logger,
    port,
    token: envToken,
  })
  const mode =
    booted.source.kind === 'demo' ? 'Demo-Modus / demo mode' : `Konfiguration / config: ${booted.source.path}`
  if (logFormat === 'json') {
    // Machine-readable only: the URL as one JSON line among the log's.
    booted.logger.log('info', 'host.url', { url: host.url, mode: booted.source.kind })
  } else {
    process.stdout.write(`Tresen läuft im Browser / runs in the browser (${mode}):\n  ${host.url}\n`)
    if (booted.logFile) process.stdout.write(`Protokoll / log: ${booted.logFile}\n`)
    // The line the e2e harness and scripts read; json mode keeps stdout pure JSON (the host.url event).
    process.stdout.write(`TRESEN_URL=${host.url}\n`)
  }

  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) return
    stopping = true
    booted.logger.log('info', 'host.stopping', { signal })
    await host.close()
    await booted.app.close()
    process.exit(0)
  }
  process.on('SIGINT', () => void stop('SIGINT'))
  process.on('SIGTERM', () => void stop('SIGTERM'))
}
