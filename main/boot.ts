// The start sequence shared by Electron and the browser host: data dir, logger, config, secret store,
// then createApp. A bad config returns the refusal message instead of an app.
import { join } from 'node:path'
import { systemClock, type Clock, type Logger } from '../common/ports'
import { createApp, type App, type AppDeps } from './app'
import { loadConfig, type ConfigSource } from './config/load-config'
import { createSecretStore, type Cipher } from './secrets/encrypted-file-store'
import { runLog, type LogFormat } from './logging/console-log'
import { checkDataDir, checkJournalFile, journalOpenRefusal, StorageRefusal } from './storage/storage-refusal'
import { JOURNAL_FILE } from './journal/database'
import { startFailureText } from './start-failure'
import { AppFailure } from '../common/result'
import { saveSettings } from './config/save-config'
import { securePrivateDir } from './config/file-modes'
import { CLIENT_SECRET_ENV, readExternalClientSecret } from './secrets/external-secret'
import type { AppConfig } from '../common/config'
import type { SecretStorageKind, SecretStore } from './secrets/encrypted-file-store'

const CLIENT_SECRET_KEY = 'secuconnect.client_secret'

/**
 * A client secret written into config.json for the first set-up moves into the encrypted store and out
 * of the file, so it never stays on disk in plain text. Without an OS key store (browser host) the store
 * is memory-only: the secret then stays where it is, or the next start would have none.
 */
async function moveClientSecret(
  config: AppConfig,
  path: string,
  secrets: SecretStore,
  persistent: boolean,
  logger: Logger,
): Promise<void> {
  const secret = config.secuconnect.clientSecret
  if (secret === undefined) return
  if (!persistent) {
    logger.log('warn', 'secrets.client-secret-in-config', { path, reason: 'no OS key store' })
    return
  }
  try {
    await secrets.set(CLIENT_SECRET_KEY, secret)
    await saveSettings(path, { dropClientSecret: true }, { demo: config.demo })
    delete config.secuconnect.clientSecret
    logger.log('info', 'secrets.client-secret-moved', { path })
  } catch (error) {
    // The app still starts with the secret from the file; the move is tried again next start.
    logger.log('error', 'secrets.client-secret-move-failed', { path, error: String(error) })
  }
}

export interface BootOptions {
  argv: readonly string[]
  dataDir: string
  transport: AppDeps['transport']
  cipher: Cipher | null
  /** Electron: what inspectKeyStore (main/electron/key-store.ts) found; a weak key store is warned about. */
  keyStore?: SecretStorageKind
  fetch?: typeof globalThis.fetch
  clock?: Clock
  /** Tests pass their own; otherwise the run log (main/logging/console-log.ts) is made here. */
  logger?: Logger
  /** Where TRESEN_SECUCONNECT_CLIENT_SECRET is read from; process.env when absent. */
  env?: NodeJS.ProcessEnv
  /** Human console lines plus a JSON log file in the data dir (default), or JSON lines on the console. */
  logFormat?: LogFormat
  /** Where console lines go (default: stdout). */
  console?: (text: string) => void
  /** Checkout hooks (the chaos suite's crash points, see host/cli.ts); none in production. */
  checkout?: AppDeps['checkout']
}

export type Booted =
  | {
      ok: true
      app: App
      source: ConfigSource
      logger: Logger
      /** The JSON log file, or null when the log goes elsewhere (`--log-format json`, tests). */
      logFile: string | null
    }
  | { ok: false; message: string }

export async function boot(options: BootOptions): Promise<Booted> {
  const clock = options.clock ?? systemClock
  // The data dir first: the log file lives there, and a read-only or damaged one is said plainly.
  try {
    await checkDataDir(options.dataDir)
  } catch (error) {
    if (error instanceof StorageRefusal) {
      options.logger?.log('error', 'storage.refused', { path: error.path, detail: error.detail })
      return { ok: false, message: error.text() }
    }
    throw error
  }
  const run = options.logger
    ? { logger: options.logger, file: null }
    : runLog({
        dataDir: options.dataDir,
        format: options.logFormat ?? 'human',
        clock,
        console: options.console ?? ((text) => void process.stdout.write(text)),
      })
  const logger = run.logger
  // Owner-only: the journal, the secrets and a config naming seller PINs live here (0700, files 0600).
  securePrivateDir(options.dataDir, logger)
  const loaded = await loadConfig({ argv: options.argv, dataDir: options.dataDir })
  if (!loaded.ok) {
    logger.log('error', 'config.invalid', { path: loaded.path, issues: loaded.issues })
    return { ok: false, message: loaded.message }
  }
  const secrets = createSecretStore(join(options.dataDir, 'secrets.bin'), options.cipher, logger)
  // Only a config file can hold a secret (demo mode without a file has none).
  const persistent = options.cipher !== null && options.cipher.isEncryptionAvailable()
  const secretStorage: SecretStorageKind = !persistent ? 'memory' : (options.keyStore ?? 'os-key-store')
  if (secretStorage === 'weak-key-store')
    logger.log('warn', 'secrets.weak-key-store', {
      reason: 'safeStorage uses the basic_text backend (no keyring): secrets are only obfuscated',
    })
  // Without an OS key store a live till takes no secret from config.json: the data dir is no place for
  // one in plain text. Demo configs (simulators, test rigs) may still carry theirs; it is logged.
  if (!persistent && !loaded.config.demo && loaded.config.secuconnect.clientSecret !== undefined) {
    logger.log('error', 'secrets.client-secret-in-config-refused', { path: loaded.path })
    return {
      ok: false,
      message:
        `Tresen startet nicht / will not start: ohne Schlüsselspeicher gehört das Client-Secret nicht in ${loaded.path}; ` +
        `bitte ${CLIENT_SECRET_ENV} setzen oder secuconnect.clientSecretFile (Datei außerhalb des Datenordners, chmod 600) angeben — ` +
        `without an OS key store the client secret must not be in ${loaded.path}; set ${CLIENT_SECRET_ENV} or ` +
        `secuconnect.clientSecretFile (a file outside the data dir, chmod 600)`,
    }
  }
  await moveClientSecret(loaded.config, loaded.path, secrets, persistent, logger)
  const external = await readExternalClientSecret({
    env: options.env ?? process.env,
    file: loaded.config.secuconnect.clientSecretFile,
    configPath: loaded.path,
    dataDir: options.dataDir,
  })
  if (!external.ok) {
    logger.log('error', 'secrets.client-secret-file-refused', { path: loaded.path })
    return { ok: false, message: external.message }
  }
  if (external.secret !== null) {
    // Held in memory only; settings writes patch the file and never write it back.
    loaded.config.secuconnect.clientSecret = external.secret
    logger.log('info', 'secrets.client-secret-external', { source: external.source })
  }
  let app: App
  const journal = join(options.dataDir, JOURNAL_FILE)
  try {
    await checkJournalFile(journal)
    app = await createApp({
      config: loaded.config,
      configPath: loaded.path,
      dataDir: options.dataDir,
      clock,
      logger,
      fetch: options.fetch ?? globalThis.fetch,
      secrets,
      secretStorage,
      transport: options.transport,
      ...(options.checkout ? { checkout: options.checkout } : {}),
    })
  } catch (error) {
    const storage = journalOpenRefusal(error, { journal, dataDir: options.dataDir })
    if (storage) {
      logger.log('error', 'storage.refused', { path: storage.path, detail: storage.detail })
      return { ok: false, message: storage.text() }
    }
    // A start-up failure the user can fix (unreadable catalogue, …) is reported like a bad config.
    if (error instanceof AppFailure) {
      logger.log('error', 'app.start-failed', { messageKey: error.error.messageKey, message: error.message })
      return { ok: false, message: startFailureText(error) }
    }
    throw error
  }
  return { ok: true, app, source: loaded.source, logger, logFile: run.file }
}
