// Boots the app in this process on the data dir given as argv[2] and prints what boot said as one JSON
// line: the storage tests run it as another user (a data dir root cannot be kept out of).
import { boot } from '../../../main/boot'
import { memoryLogger } from '../../../common/ports'

async function main(): Promise<void> {
  const booted = await boot({
    argv: [],
    dataDir: process.argv[2],
    transport: 'test',
    cipher: null,
    logger: memoryLogger(),
  })
  if (booted.ok) await booted.app.close()
  process.stdout.write(
    JSON.stringify(booted.ok ? { ok: true } : { ok: false, message: booted.message }) + '\n',
  )
}

main().catch((error: unknown) => {
  process.stdout.write(JSON.stringify({ ok: false, thrown: String(error) }) + '\n')
  process.exit(1)
})
