// The back office's fiscal tab behind the contract (common/ipc/fiscal-contract.ts): DSFinV-K export of
// a Z range into a folder (a USB stick) with the TSE's TAR export, and the § 146a registration data.
// Export and registration changes are manager actions; reading the info is for any seller.
import { mkdir } from 'node:fs/promises'
import { isAbsolute, join, resolve } from 'node:path'
import type { AppConfig } from '../../common/config'
import type { SellerConfig } from '../../common/sellers'
import type { RegistrationData, RegistrationInput } from '../../common/fiscal-export'
import type { Clock, Logger } from '../../common/ports'
import { AppFailure } from '../../common/result'
import { ExportRangeError, type TseMasterData } from './dsfinvk/export'
import { exportDsfinvkInWorker } from './run-export'
import { allClosings, openJournalReadOnly } from './dsfinvk/journal-source'
import { localDate } from './dsfinvk/local-time'
import { masterFromConfig } from './master'
import {
  journalFacts,
  readRegistrationInput,
  registrationCsv,
  registrationData,
  saveRegistrationInput,
  type TseInfo,
} from './registration'
import { tseExportSource, type TseTarExporter } from './tse-export'
import { writeFile } from 'node:fs/promises'

export interface FiscalExportDeps {
  config: Pick<AppConfig, 'tillId' | 'shop'>
  dataDir: string
  authorizeManager(managerPin?: string): SellerConfig
  clock: Clock
  logger: Logger
  timeZone?: string
  version?: string
  /** The TSE port's TAR export; absent while no TSE is connected. */
  tse?: TseTarExporter
  /** The TSE's master data for tse.csv and the registration page. */
  tseInfo?: () => (TseInfo & { master?: TseMasterData }) | null
}

const failure = (key: string, message: string, params?: Record<string, string | number>) =>
  AppFailure.of('CONFLICT', `fiscal.error.${key}`, message, params)

export function createFiscalExportService(deps: FiscalExportDeps) {
  const timeZone = deps.timeZone ?? 'Europe/Berlin'
  const defaultFolder = join(deps.dataDir, 'exports')

  function withDb<T>(fn: (db: ReturnType<typeof openJournalReadOnly> | null) => T): T {
    let db: ReturnType<typeof openJournalReadOnly> | null
    try {
      db = openJournalReadOnly(deps.dataDir)
    } catch {
      // No journal yet (a fresh till): the info shows nothing exported and no first sale.
      db = null
    }
    try {
      return fn(db)
    } finally {
      db?.close()
    }
  }

  async function registration(): Promise<RegistrationData> {
    const input = await readRegistrationInput(deps.dataDir)
    const facts = withDb((db) => journalFacts(db, timeZone))
    return registrationData(deps.config, input, facts, deps.tseInfo?.() ?? null, deps.version)
  }

  async function folderOf(folder: string): Promise<string> {
    if (!isAbsolute(folder))
      throw failure('folderNotAbsolute', `Folder must be an absolute path: ${folder}`, { folder })
    const dir = resolve(folder)
    try {
      await mkdir(dir, { recursive: true })
    } catch (error) {
      throw failure('folderNotWritable', `Folder not writable: ${dir} (${String(error)})`, { folder: dir })
    }
    return dir
  }

  const stamp = () => new Date(deps.clock.now()).toISOString().replace(/[-:]/g, '').slice(0, 15)
  const safeTill = () => deps.config.tillId.replace(/[^A-Za-z0-9_-]/g, '_')

  return {
    handlers: {
      'fiscal.info': async () => {
        const closings = withDb((db) => (db ? allClosings(db) : []))
        return {
          closings:
            closings.length === 0
              ? null
              : {
                  first: closings[0]!.zNo,
                  last: closings[closings.length - 1]!.zNo,
                  lastAt: closings[closings.length - 1]!.at,
                },
          defaultFolder,
          registration: await registration(),
        }
      },
      'fiscal.exportDsfinvk': async (input: {
        fromZ: number
        toZ: number
        folder: string
        managerPin?: string
      }) => {
        const manager = deps.authorizeManager(input.managerPin)
        const dir = await folderOf(input.folder)
        const file = join(dir, `dsfinvk_${safeTill()}_Z${input.fromZ}-Z${input.toZ}_${stamp()}.zip`)
        const info = deps.tseInfo?.() ?? null
        try {
          const result = await exportDsfinvkInWorker({
            dataDir: deps.dataDir,
            range: { fromZ: input.fromZ, toZ: input.toZ },
            out: file,
            master: masterFromConfig(deps.config, {
              timeZone,
              ...(deps.version ? { version: deps.version } : {}),
              ...(info?.master ? { tse: [info.master] } : {}),
            }),
            ...(deps.tse ? { tse: tseExportSource(deps.tse) } : {}),
          })
          deps.logger.log('info', 'fiscal.dsfinvk-exported', {
            by: manager.id,
            file,
            fromZ: input.fromZ,
            toZ: input.toZ,
            transactions: result.transactions,
            tseTar: typeof result.tseTar === 'string' ? result.tseTar : 'failed',
          })
          return {
            file,
            transactions: result.transactions,
            bytes: result.bytes,
            tseTar: typeof result.tseTar === 'string' ? result.tseTar : ('failed' as const),
            warnings: [
              ...result.warnings,
              ...(typeof result.tseTar === 'string'
                ? []
                : [
                    {
                      de: `TSE-Export fehlt: ${result.tseTar.error}`,
                      en: `TSE export missing: ${result.tseTar.error}`,
                    },
                  ]),
            ],
          }
        } catch (error) {
          if (error instanceof ExportRangeError)
            throw failure('noClosings', error.message, { fromZ: input.fromZ, toZ: input.toZ })
          throw error
        }
      },
      'fiscal.saveRegistration': async (input: { data: RegistrationInput; managerPin?: string }) => {
        deps.authorizeManager(input.managerPin)
        await saveRegistrationInput(deps.dataDir, input.data)
        return registration()
      },
      'fiscal.exportRegistration': async (input: { folder: string; managerPin?: string }) => {
        deps.authorizeManager(input.managerPin)
        const dir = await folderOf(input.folder)
        const file = join(
          dir,
          `meldedaten-146a_${safeTill()}_${localDate(new Date(deps.clock.now()).toISOString(), timeZone)}_${stamp().slice(9)}.csv`,
        )
        await writeFile(file, registrationCsv(await registration()), { flag: 'wx' })
        return { file }
      },
    },
  }
}
