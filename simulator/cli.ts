// npm run simulator -- --port N [--auto-approve] [--seed file] [--start-latency ms]
import { parseArgs } from 'node:util'
import { loadSeedFile, startSimulator } from './index'

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8765' },
    'auto-approve': { type: 'boolean', default: false },
    seed: { type: 'string' },
    // Every start/* waits this long before it takes effect (a start still on its way at a crash).
    'start-latency': { type: 'string', default: '0' },
  },
})

const port = Number(values.port)
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be 0..65535, got ${values.port}`)
  process.exit(2)
}

const startLatency = Number(values['start-latency'])
if (!Number.isInteger(startLatency) || startLatency < 0) {
  console.error(`--start-latency must be a whole number of ms, got ${values['start-latency']}`)
  process.exit(2)
}

async function main(): Promise<void> {
  const sim = await startSimulator({
    port,
    autoApprove: values['auto-approve'],
    ...(values.seed ? { seed: loadSeedFile(values.seed) } : {}),
    logger: { log: (level, event, data) => console.error(JSON.stringify({ level, event, ...data })) },
  })
  if (startLatency > 0) sim.setStartLatency(startLatency)
  console.log(
    `secuconnect simulator on ${sim.url}${values['auto-approve'] ? ' (device codes approved automatically)' : ''}`,
  )
  console.log(
    `  approve a device: curl -X POST ${sim.url}/__admin/device-codes/approve -d '{"user_code":"…"}'`,
  )

  const stop = (): void => void sim.close().then(() => process.exit(0))
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

// The package is CommonJS for tsx, so no top-level await.
main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
