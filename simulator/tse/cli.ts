// npm run tse-simulator -- --port N [--key K --secret S] [--provision tssId:clientId:serial]
import { parseArgs } from 'node:util'
import { startTseSimulator } from './index'

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8766' },
    key: { type: 'string' },
    secret: { type: 'string' },
    provision: { type: 'string' },
  },
})

const port = Number(values.port)
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be 0..65535, got ${values.port}`)
  process.exit(2)
}

async function main(): Promise<void> {
  const sim = await startTseSimulator({
    port,
    ...(values.key && values.secret ? { credentials: { key: values.key, secret: values.secret } } : {}),
  })
  console.log(`fiskaly SIGN DE v2 simulator on ${sim.url}/api/v2`)
  if (values.provision) {
    const [tssId, clientId, serial] = values.provision.split(':')
    const { adminPuk } = sim.provision(tssId, clientId, serial)
    console.log(
      `  TSS ${tssId} initialised, client ${clientId} (${serial}) registered; admin PUK ${adminPuk}`,
    )
  }
  console.log(`  faults: curl -X POST ${sim.url}/__admin/faults -d '{"path":"/api/v2/tss/**","kind":"hang"}'`)
  const stop = (): void => void sim.close().then(() => process.exit(0))
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
