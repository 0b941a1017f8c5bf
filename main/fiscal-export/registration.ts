// § 146a Abs. 4 AO: the data the ELSTER notice asks for per till ("Mitteilung über elektronische
// Aufzeichnungssysteme", https://www.elster.de/eportal/formulare-leistungen/alleformulare/aufzeichnung146a):
// till serial (= TSE client id = Z_KASSE_ID), software and version, type of system, manufacturer and
// model, acquisition and start of use, TSE serial, TSE type, BSI certification id, TSE start of use,
// decommissioning; with the company's name, tax number and the Betriebsstätte. What the till knows
// comes from its configuration, the journal and the TSE records; the rest the manager enters once and
// it is kept in `registration.json` next to the journal.
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { DatabaseSync } from 'node:sqlite'
import type { AppConfig } from '../../common/config'
import { registrationInput, type RegistrationData, type RegistrationInput } from '../../common/fiscal-export'
import { writeFileAtomic } from '../config/atomic-write'
import { hasTable } from './dsfinvk/journal-source'
import { localDate } from './dsfinvk/local-time'
import { quoteText } from './dsfinvk/csv'
import { SOFTWARE } from './master'

export const REGISTRATION_FILE = 'registration.json'

export async function readRegistrationInput(dataDir: string): Promise<RegistrationInput> {
  const path = join(dataDir, REGISTRATION_FILE)
  if (!existsSync(path)) return registrationInput.parse({})
  const parsed = registrationInput.safeParse(JSON.parse(await readFile(path, 'utf8')))
  if (!parsed.success)
    throw new Error(`${path}: Meldedaten unlesbar / registration data unreadable: ${parsed.error.message}`)
  return parsed.data
}

export async function saveRegistrationInput(dataDir: string, input: RegistrationInput): Promise<void> {
  await writeFileAtomic(join(dataDir, REGISTRATION_FILE), JSON.stringify(input, null, 2) + '\n')
}

export interface TseInfo {
  serial: string
  /** e.g. "Cloud-TSE (fiskaly SIGN DE)" or "TSE-Simulator (nicht zertifiziert)". */
  type: string
  certificateId: string | null
}

/** What the journal knows: first sale, and the TSE that signed most recently with its first record. */
export function journalFacts(
  db: DatabaseSync | null,
  timeZone: string,
): { firstSaleDay: string | null; tseSerial: string | null; tseFirstRecordDay: string | null } {
  if (!db) return { firstSaleDay: null, tseSerial: null, tseFirstRecordDay: null }
  const first = db.prepare('SELECT MIN(completed_at) AS at FROM sale_completions').get() as {
    at: string | null
  }
  let tseSerial: string | null = null
  let tseFirstRecordDay: string | null = null
  if (hasTable(db, 'tse_records')) {
    const last = db
      .prepare(
        "SELECT tse_serial FROM tse_records WHERE tse_serial IS NOT NULL AND tse_serial <> '' ORDER BY id DESC LIMIT 1",
      )
      .get() as { tse_serial: string } | undefined
    if (last) {
      tseSerial = last.tse_serial
      const firstTse = db
        .prepare('SELECT MIN(start_time) AS at FROM tse_records WHERE tse_serial = ? AND error IS NULL')
        .get(tseSerial) as { at: string | null }
      tseFirstRecordDay = firstTse.at ? localDate(firstTse.at, timeZone) : null
    }
  }
  return { firstSaleDay: first.at ? localDate(first.at, timeZone) : null, tseSerial, tseFirstRecordDay }
}

export function registrationData(
  config: Pick<AppConfig, 'tillId' | 'shop'>,
  input: RegistrationInput,
  facts: ReturnType<typeof journalFacts>,
  tse: TseInfo | null,
  version: string = SOFTWARE.version,
): RegistrationData {
  return {
    ...input,
    tillSerial: config.tillId,
    software: SOFTWARE.brand,
    softwareVersion: version,
    systemType: '1 – Computergestütztes Kassensystem (PC-Kasse)',
    companyName: config.shop.name,
    taxNumber: config.shop.taxNumber ?? '',
    location: [config.shop.name, ...config.shop.address].join(', '),
    firstSaleDay: facts.firstSaleDay,
    tseSerial: tse?.serial ?? facts.tseSerial,
    tseType: tse?.type ?? (facts.tseSerial ? 'TSE (laut Journal)' : null),
    tseCertificateId: tse?.certificateId ?? null,
    tseFirstRecordDay: facts.tseFirstRecordDay,
  }
}

const deDate = (iso: string | null | undefined): string =>
  iso ? `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}` : ''

/**
 * The registration data as a CSV (`;`, CRLF, UTF-8): one row per datum with the ELSTER field name
 * (as in its XML, namespace http://finkonsens.de/elster/elsternachricht/aufzeichnung146a/v1), a
 * German label and the value; dates dd.mm.yyyy as the form wants them.
 */
export function registrationCsv(d: RegistrationData): string {
  const bsiId = d.bsiCertification.replace(/^BSI-K-TR-/i, '')
  const rows: [string, string, string][] = [
    ['Name', 'Unternehmen', d.companyName],
    ['Steuernummer', 'Steuernummer', d.taxNumber],
    ['Betriebsstaette', 'Betriebsstätte', d.location],
    ['Art', 'Art des Aufzeichnungssystems', d.systemType],
    ['Software', 'Software', d.software],
    ['SoftwareVersion', 'Softwareversion', d.softwareVersion],
    ['SeriennummerAS', 'Seriennummer des Aufzeichnungssystems (= TSE-Client-ID, Z_KASSE_ID)', d.tillSerial],
    ['Hersteller', 'Hersteller', d.manufacturer],
    ['Modell', 'Modell', d.model],
    ['AnschaffungAS', 'Anschaffung', deDate(d.acquisitionDate)],
    ['InbetriebnahmeAS', 'Inbetriebnahme', deDate(d.startOfUse || d.firstSaleDay)],
    ['SeriennummerTSE', 'Seriennummer der TSE', d.tseSerial ?? ''],
    ['ArtTSE', 'Art der TSE', d.tseType ?? ''],
    ['ZertifikatTSE', 'Zertifikats-ID der TSE', d.tseCertificateId ?? ''],
    ['BSIID', 'BSI-Zertifizierungs-ID (Teil nach "BSI-K-TR-")', bsiId],
    ['InbetriebnahmeTSE', 'Inbetriebnahme der TSE', deDate(d.tseStartOfUse || d.tseFirstRecordDay)],
    ['AusserbetriebnahmeAS', 'Außerbetriebnahme', deDate(d.decommissionDate)],
    ['GrundAusserbetriebnahme', 'Grund der Außerbetriebnahme', d.decommissionReason],
  ]
  return ['Feld;Bezeichnung;Wert', ...rows.map((r) => r.map(quoteText).join(';'))].join('\r\n') + '\r\n'
}
