// The DSFinV-K 2.4 export of a range of Z closings: index.xml, the official DTD and all 20 CSV files
// (every one with its header, also when empty), zipped into one file; with it the TSE's own TAR export
// when a TSE is connected (docs/fiscal-export.md). Reads the journal read-only and streams: a year of
// sales passes through bounded buffers, never as one array.
import { existsSync, linkSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { GDPDU_DTD, GDPDU_DTD_NAME } from './dtd'
import { indexXml } from './index-xml'
import { closingTransactions, readerContext } from './closing-reader'
import { allClosings, closingSpans, hasTable, openJournalReadOnly, zRangeOfDates } from './journal-source'
import { localIso } from './local-time'
import { writeMaster, writeTx, type ClosingSums } from './rows'
export { addressOf } from './rows'
import { TableFiles } from './table-files'
import { DSFINVK_TABLES } from './tables'
import { TAXONOMIE_VERSION } from './value-lists'
import { ZipWriter } from '../zip'
import type { TseExportSource } from '../tse-export'

export interface TseMasterData {
  serial: string
  sigAlgo: string
  timeFormat: string
  pdEncoding?: 'UTF-8' | 'ASCII'
  publicKey: string
  /** The TSE certificate (base64), split into 1 000-character columns. */
  certificate: string
}

export interface DsfinvkMaster {
  /** The till serial: Z_KASSE_ID and KASSE_SERIENNR (one stable id everywhere). */
  tillId: string
  shop: { name: string; address: readonly string[]; taxNumber?: string; vatId?: string }
  software: { brand: string; version: string }
  hardware?: { brand: string; model: string }
  timeZone: string
  /** ISO 3166 alpha-3 country of the shop. */
  country?: string
  tse?: readonly TseMasterData[]
}

export type ExportRange = { fromZ: number; toZ: number } | { fromDate: string; toDate: string }

export interface DsfinvkExportInput {
  dataDir: string
  range: ExportRange
  /** The zip to write; it must not exist yet. */
  out: string
  master: DsfinvkMaster
  /** The TSE's TAR export, fetched and kept with the export when given. */
  tse?: TseExportSource
  now?: () => Date
}

export interface DsfinvkExportResult {
  file: string
  closings: number[]
  transactions: number
  lines: number
  bytes: number
  tseTar: 'included' | 'none' | { error: string }
  /** What the export could not fill from the till's data (German, English). */
  warnings: { de: string; en: string }[]
}

/** Deflate level of the export's zip: speed over size (docs/fiscal-export.md, "Speed"). */
const ZIP_LEVEL = 1

export class ExportRangeError extends Error {}

export async function exportDsfinvk(input: DsfinvkExportInput): Promise<DsfinvkExportResult> {
  // Never overwrite: an earlier export handed to an auditor stays as it was.
  if (existsSync(input.out)) throw new ExportRangeError(`${input.out} exists already`)
  const db = openJournalReadOnly(input.dataDir)
  const work = mkdtempSync(join(tmpdir(), 'tresen-dsfinvk-'))
  const partial = join(dirname(input.out), `.${Date.now()}.dsfinvk.partial`)
  try {
    const all = allClosings(db)
    const range =
      'fromZ' in input.range
        ? input.range
        : zRangeOfDates(all, input.range.fromDate, input.range.toDate, input.master.timeZone)
    if (!range) throw new ExportRangeError('No Z closing in the requested dates')
    const spans = closingSpans(all, range.fromZ, range.toZ)
    if (spans.length === 0)
      throw new ExportRangeError(`No Z closing between Z ${range.fromZ} and Z ${range.toZ}`)
    const ctx = readerContext(db, all)
    // The TSE certificates the app kept (tse.csv), newest per serial.
    const certificates = new Map<string, string>(
      hasTable(db, 'tse_certificates')
        ? (
            db.prepare('SELECT tse_serial, certificate FROM tse_certificates ORDER BY id').all() as {
              tse_serial: string
              certificate: string
            }[]
          ).map((r) => [r.tse_serial, r.certificate])
        : [],
    )
    const files = new TableFiles(work)
    const tseIds = new Map<string, number>()
    let transactions = 0
    let lines = 0
    try {
      for (const span of spans) {
        const keys = {
          Z_KASSE_ID: input.master.tillId,
          Z_ERSTELLUNG: localIso(span.closing.at, input.master.timeZone),
          Z_NR: span.closing.zNo,
        }
        const sums: ClosingSums = {
          businessCases: new Map(),
          payments: new Map(),
          all: 0,
          cash: 0,
          firstBon: null,
          lastBon: null,
          tseSerials: new Set(),
          certificates,
        }
        for (const tx of closingTransactions(ctx, span)) {
          lines += writeTx(files, keys, tx, sums, input.master, tseIds)
          transactions += 1
          if (transactions % 100 === 0) await files.maybeFlush()
        }
        writeMaster(files, keys, span, sums, input.master, tseIds)
        await files.maybeFlush()
      }
    } finally {
      await files.close()
    }
    let tseTar: DsfinvkExportResult['tseTar'] = 'none'
    const zip = new ZipWriter(partial, input.now?.() ?? new Date(), ZIP_LEVEL)
    try {
      await zip.add(
        'index.xml',
        Buffer.from(
          indexXml(DSFINVK_TABLES, {
            name: input.master.shop.name,
            location: input.master.shop.address.join(', '),
            comment: `DSFinV-K ${TAXONOMIE_VERSION}, ${input.master.software.brand} ${input.master.software.version}, Kasse ${input.master.tillId}`,
          }),
          'utf8',
        ),
      )
      await zip.add(GDPDU_DTD_NAME, Buffer.from(GDPDU_DTD, 'utf8'))
      for (const t of DSFINVK_TABLES) await zip.add(t.file, join(work, t.file))
      if (input.tse) {
        try {
          const tarPath = join(work, 'tse-export.tar')
          await input.tse.saveTar(tarPath)
          await zip.add('tse/tse-export.tar', tarPath)
          tseTar = 'included'
        } catch (error) {
          tseTar = { error: error instanceof Error ? error.message : String(error) }
          await zip.add(
            'tse/TSE-EXPORT-FEHLT.txt',
            Buffer.from(
              `Der TAR-Export der TSE konnte nicht geholt werden / the TSE TAR export could not be fetched:\r\n${tseTar.error}\r\n`,
              'utf8',
            ),
          )
        }
      }
      await zip.finish()
    } catch (error) {
      zip.abort()
      throw error
    }
    // A hard link fails if the target appeared meanwhile; the partial name is removed below.
    linkSync(partial, input.out)
    const warnings =
      input.master.shop.taxNumber || input.master.shop.vatId
        ? []
        : [
            {
              de: 'Weder Steuernummer noch USt-IdNr. eingestellt: STNR/USTID in cashpointclosing.csv bleiben leer.',
              en: 'Neither tax number nor VAT id configured: STNR/USTID in cashpointclosing.csv stay empty.',
            },
          ]
    return {
      warnings,
      file: input.out,
      closings: spans.map((s) => s.closing.zNo),
      transactions,
      lines,
      bytes: statSync(input.out).size,
      tseTar,
    }
  } finally {
    db.close()
    rmSync(work, { recursive: true, force: true })
    rmSync(partial, { force: true })
  }
}
