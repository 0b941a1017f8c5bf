// Builds the real app for a test: temp data dir, manual clock, memory secrets and logger, demo config.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createApp, type App, type AppDeps } from '../../main/app'
import { demoConfig } from '../../common/config'
import { manualClock, memoryLogger } from '../../common/ports'
import { memorySecretStore } from '../../main/secrets/encrypted-file-store'

export interface TestApp {
  app: App
  dataDir: string
  clock: ReturnType<typeof manualClock>
  logger: ReturnType<typeof memoryLogger>
  /** Closes the app and removes its data dir. */
  dispose(): Promise<void>
}

export async function createTestApp(overrides: Partial<AppDeps> = {}): Promise<TestApp> {
  const dataDir = overrides.dataDir ?? mkdtempSync(join(tmpdir(), 'tresen-app-'))
  const clock = manualClock(Date.now())
  const logger = memoryLogger()
  const app = await createApp({
    config: demoConfig(),
    dataDir,
    clock,
    logger,
    fetch: globalThis.fetch,
    secrets: memorySecretStore(),
    transport: 'test',
    ...overrides,
  })
  return {
    app,
    dataDir,
    clock,
    logger,
    async dispose() {
      await app.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
