// Writes settings changed on the till back into its config file. The file is re-read and patched as JSON,
// so every field the user wrote (and none they did not) stays as it was: defaults are not spelled out,
// unknown or hand-formatted parts survive, and a change made by hand since the start is not undone.
import { readFile } from 'node:fs/promises'
import { appConfig, type AppConfig } from '../../common/config'
import { AppFailure } from '../../common/result'
import { writeFileAtomic, type AtomicWriteOps } from './atomic-write'

/** The part of the config the settings screen changes. */
export interface SettingsPatch {
  shop?: AppConfig['shop']
  receiptPolicy?: AppConfig['receipt']['policy']
  locale?: AppConfig['locale']
  /** A device picked on the settings screen: its `devices.<kind>` block, replaced as a whole. */
  device?: { kind: 'printer' | 'drawer' | 'scanner'; config: Record<string, unknown> }
  /** The client secret has moved into the encrypted secret store: drop it from the file. */
  dropClientSecret?: true
}

type JsonObject = Record<string, unknown>

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** The config file's JSON as written; for a till without a file, the one field that keeps it in its mode. */
async function readRaw(path: string, demo: boolean): Promise<JsonObject> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    // No file means demo mode (load-config); the new file must say so, or the next start would leave it.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { demo }
    throw AppFailure.of(
      'CONFLICT',
      'settings.error.configUnreadable',
      `The config file ${path} cannot be read: ${String(error)}`,
      { path },
    )
  }
  let data: unknown
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch (error) {
    throw AppFailure.of(
      'CONFLICT',
      'settings.error.configUnreadable',
      `The config file ${path} is no longer valid JSON: ${String(error)}`,
      { path },
    )
  }
  if (!isObject(data))
    throw AppFailure.of(
      'CONFLICT',
      'settings.error.configUnreadable',
      `The config file ${path} does not hold a JSON object`,
      { path },
    )
  return data
}

/** The raw JSON with the patch applied; `receipt` keeps any other field it has. */
export function patchRawConfig(raw: JsonObject, patch: SettingsPatch): JsonObject {
  const next: JsonObject = { ...raw }
  if (patch.shop !== undefined) next.shop = patch.shop
  if (patch.receiptPolicy !== undefined)
    next.receipt = { ...(isObject(raw.receipt) ? raw.receipt : {}), policy: patch.receiptPolicy }
  if (patch.locale !== undefined) next.locale = patch.locale
  if (patch.device !== undefined)
    next.devices = { ...(isObject(raw.devices) ? raw.devices : {}), [patch.device.kind]: patch.device.config }
  if (patch.dropClientSecret && isObject(raw.secuconnect)) {
    const { clientSecret: _moved, ...rest } = raw.secuconnect
    next.secuconnect = rest
  }
  return next
}

/**
 * Applies `patch` to the config file at `path` atomically and returns the config it now describes.
 * Nothing is written when the patched file would not pass the start-up check (VALIDATION with the
 * fields), or when the file cannot be read as JSON any more (CONFLICT): the file is never made worse.
 */
export async function saveSettings(
  path: string,
  patch: SettingsPatch,
  options: { demo: boolean; ops?: AtomicWriteOps },
): Promise<AppConfig> {
  const next = patchRawConfig(await readRaw(path, options.demo), patch)
  const checked = appConfig.safeParse(next)
  if (!checked.success) {
    const issues = checked.error.issues.map((i) => ({
      path: i.path.join('.') || '(config)',
      message: i.message,
    }))
    throw new AppFailure({
      code: 'VALIDATION',
      messageKey: 'settings.error.invalid',
      message: `The settings would make ${path} invalid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      params: { fields: issues.map((i) => i.path).join(', ') },
      issues,
    })
  }
  try {
    await writeFileAtomic(path, `${JSON.stringify(next, null, 2)}\n`, options.ops)
  } catch (error) {
    throw AppFailure.of(
      'INTERNAL',
      'settings.error.saveFailed',
      `The settings could not be saved to ${path}: ${String(error)}`,
      { path },
    )
  }
  return checked.data
}
