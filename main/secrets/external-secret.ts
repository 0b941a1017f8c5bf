// Where a till without an OS key store (the browser host, Linux without a keyring) takes its API client
// secret from: the environment, or a file outside the data dir that only its owner can read, named in the
// config (`secuconnect.clientSecretFile`). Never from a file in the data dir, where a backup, a support
// copy of the journal or a careless chmod would carry it along in plain text.
import { lstat, readFile, realpath } from 'node:fs/promises'
import { dirname, isAbsolute, relative, resolve } from 'node:path'

export const CLIENT_SECRET_ENV = 'TRESEN_SECUCONNECT_CLIENT_SECRET'

export type ExternalSecret =
  { ok: true; secret: string | null; source: 'env' | 'file' | null } | { ok: false; message: string }

const refuse = (de: string, en: string): ExternalSecret => ({
  ok: false,
  message: `Tresen startet nicht / will not start: ${de} — ${en}`,
})

function inside(dir: string, path: string): boolean {
  const rel = relative(dir, path)
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))
}

async function realOrResolved(path: string): Promise<string> {
  return realpath(path).catch(() => resolve(path))
}

export async function readExternalClientSecret(options: {
  env: NodeJS.ProcessEnv
  /** `secuconnect.clientSecretFile`, relative paths against the config file's folder. */
  file: string | undefined
  configPath: string
  dataDir: string
}): Promise<ExternalSecret> {
  const fromEnv = options.env[CLIENT_SECRET_ENV]
  if (fromEnv !== undefined && fromEnv.trim() !== '')
    return { ok: true, secret: fromEnv.trim(), source: 'env' }
  if (options.file === undefined) return { ok: true, secret: null, source: null }

  const path = resolve(dirname(options.configPath), options.file)
  const [real, dataDir] = await Promise.all([realOrResolved(path), realOrResolved(options.dataDir)])
  if (inside(dataDir, real))
    return refuse(
      `secuconnect.clientSecretFile ${path} liegt im Datenordner; bitte außerhalb ablegen`,
      `secuconnect.clientSecretFile ${path} is inside the data dir; keep it outside`,
    )
  const info = await lstat(real).catch(() => null)
  if (!info || !info.isFile())
    return refuse(
      `secuconnect.clientSecretFile ${path} fehlt oder ist keine Datei`,
      `secuconnect.clientSecretFile ${path} is missing or not a file`,
    )
  if (process.platform !== 'win32' && (info.mode & 0o077) !== 0)
    return refuse(
      `secuconnect.clientSecretFile ${path} ist für andere lesbar; bitte chmod 600 ${path}`,
      `secuconnect.clientSecretFile ${path} is readable by others; run chmod 600 ${path}`,
    )
  const secret = (await readFile(real, 'utf8')).split(/\r?\n/)[0].trim()
  if (secret === '')
    return refuse(
      `secuconnect.clientSecretFile ${path} ist leer`,
      `secuconnect.clientSecretFile ${path} is empty`,
    )
  return { ok: true, secret, source: 'file' }
}
