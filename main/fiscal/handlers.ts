// IPC handlers of the TSE: the view for status bar and banner, the full status and the manager's setup
// actions (credentials into the secret store, a new TSS with its PUK shown once, client registration,
// taking the TSS out of service).
import type { AppConfig } from '../../common/config'
import { tillSerialOf } from '../../common/config/fiscal'
import type { TseStatusView } from '../../common/ipc/fiscal-contract'
import type { Logger } from '../../common/ports'
import { AppFailure } from '../../common/result'
import type { SecretStore } from '../secrets/encrypted-file-store'
import type { SellerConfig } from '../../common/sellers'
import { SECRET_KEYS } from './fiskaly/client'
import type { FiscalDevice } from './create'
import type { FiscalService } from './lifecycle'
import { TseError, type TseStatus } from './tse'

export interface FiscalHandlerDeps {
  config: AppConfig
  fiscal: FiscalService
  device: FiscalDevice
  secrets: SecretStore
  authorizeManager(managerPin?: string): SellerConfig
  logger: Logger
  /**
   * A new TSS is in service (after createTss), with its status as just read: main/app.ts keeps its
   * certificate in the journal for the DSFinV-K tse.csv. A failure here is logged, never thrown: the
   * PUK of the new TSS must still reach the manager.
   */
  onTssChanged?(status: TseStatus): void
}

export function createFiscalHandlers(deps: FiscalHandlerDeps) {
  const { fiscal, device, logger } = deps
  const tillSerial = tillSerialOf(deps.config)

  async function status(): Promise<TseStatusView> {
    const view = fiscal.view()
    if (!device.tse) return { kind: 'none', configured: false, tillSerial, outage: view.outage }
    const s = await device.tse.status()
    return {
      ...s,
      tillSerial,
      outage: view.outage,
      ...(s.error === undefined && view.outage ? { error: view.outage.reason } : {}),
    }
  }

  const failure = (error: unknown) =>
    AppFailure.of(
      'DEVICE',
      'fiscal.error.setupFailed',
      `TSE setup failed: ${error instanceof Error ? error.message : String(error)}`,
      { reason: error instanceof Error ? error.message : String(error) },
    )

  return {
    'fiscal.view': () => fiscal.view(),
    'fiscal.training': (input: { on: boolean; managerPin?: string }) =>
      fiscal.setTraining(input.on, deps.authorizeManager(input.managerPin).id),
    'fiscal.status': () => status(),
    'fiscal.setup': async (
      input:
        | { action: 'credentials'; apiKey: string; apiSecret: string; managerPin?: string }
        | { action: 'createTss' | 'registerClient'; managerPin?: string }
        | { action: 'disableTss'; confirm: true; managerPin?: string },
    ) => {
      const manager = deps.authorizeManager(input.managerPin)
      const tse = device.tse
      if (!tse || tse.kind !== 'fiskaly')
        throw AppFailure.of(
          'CONFLICT',
          'fiscal.error.notFiskaly',
          'Setup is only for a fiskaly TSE (fiscal.tse: "fiskaly")',
        )
      try {
        if (input.action === 'credentials') {
          await deps.secrets.set(SECRET_KEYS.apiKey, input.apiKey)
          await deps.secrets.set(SECRET_KEYS.apiSecret, input.apiSecret)
          ;(tse as { http?: { resetToken(): void } }).http?.resetToken()
          logger.log('info', 'fiscal.credentials-saved', { by: manager.id })
          return { status: await status() }
        }
        if (input.action === 'createTss') {
          const created = await tse.createTss()
          logger.log('info', 'fiscal.tss-created', { tssId: created.tssId, by: manager.id })
          const now = await status()
          try {
            deps.onTssChanged?.(now)
          } catch (error) {
            logger.log('warn', 'fiscal.tss-changed-failed', { error: String(error) })
          }
          return { status: now, adminPuk: created.adminPuk }
        }
        if (input.action === 'disableTss') {
          // Außerbetriebnahme: the TSS signs nothing more; the decommissioning is reported to the tax
          // office with the § 146a Abs. 4 AO notice (docs/fiscal-export.md, registration data).
          await tse.disable()
          logger.log('warn', 'fiscal.tss-disabled', { by: manager.id })
          return { status: await status() }
        }
        await tse.registerClient()
        logger.log('info', 'fiscal.client-registered', { by: manager.id })
        return { status: await status() }
      } catch (error) {
        if (error instanceof TseError || error instanceof Error) throw failure(error)
        throw error
      }
    },
  }
}
