// What the back office's "Fiskal" tab shows and sends: the DSFinV-K export of a Z range into a folder
// (manager), and the § 146a Abs. 4 AO registration data of this till with its file export
// (docs/fiscal-export.md).
import { z } from 'zod'

const zNo = z.number().int().positive()
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
const text = (max: number) => z.string().trim().max(max)

/** What the manager enters once (the rest comes from the configuration, the journal and the TSE). */
export const registrationInput = z
  .object({
    /** Anschaffung des Aufzeichnungssystems. */
    acquisitionDate: isoDay.or(z.literal('')).default(''),
    /** Inbetriebnahme; empty: the first sale's day from the journal. */
    startOfUse: isoDay.or(z.literal('')).default(''),
    manufacturer: text(60).default(''),
    model: text(60).default(''),
    /** BSI certification id of the TSE, e.g. "BSI-K-TR-0490-2021" (ELSTER wants the part after "BSI-K-TR-"). */
    bsiCertification: text(40).default(''),
    /** Inbetriebnahme der TSE; empty: the first signed record's day. */
    tseStartOfUse: isoDay.or(z.literal('')).default(''),
    decommissionDate: isoDay.or(z.literal('')).default(''),
    decommissionReason: text(200).default(''),
  })
  .strict()
export type RegistrationInput = z.output<typeof registrationInput>

export const registrationData = registrationInput.extend({
  tillSerial: z.string(),
  software: z.string(),
  softwareVersion: z.string(),
  /** ELSTER "Art" of the system: 1 = computergestütztes Kassensystem. */
  systemType: z.string(),
  companyName: z.string(),
  taxNumber: z.string(),
  location: z.string(),
  firstSaleDay: z.string().nullable(),
  tseSerial: z.string().nullable(),
  tseType: z.string().nullable(),
  tseCertificateId: z.string().nullable(),
  tseFirstRecordDay: z.string().nullable(),
})
export type RegistrationData = z.infer<typeof registrationData>

export const fiscalInfo = z.object({
  /** Z numbers that can be exported; null before the first Z. */
  closings: z.object({ first: zNo, last: zNo, lastAt: z.string() }).nullable(),
  defaultFolder: z.string(),
  registration: registrationData,
})

const managerPin = z.string().max(12).optional()
const folder = z.string().trim().min(1).max(1024)

export const dsfinvkExportRequest = z
  .object({ fromZ: zNo, toZ: zNo, folder, managerPin })
  .strict()
  .refine((r) => r.toZ >= r.fromZ, { message: 'toZ must not be below fromZ', path: ['toZ'] })

export const dsfinvkExportResult = z.object({
  file: z.string(),
  transactions: z.number().int(),
  bytes: z.number().int(),
  tseTar: z.enum(['included', 'none', 'failed']),
  warnings: z.array(z.object({ de: z.string(), en: z.string() })),
})

export const registrationSaveRequest = z.object({ data: registrationInput, managerPin }).strict()
export const registrationExportRequest = z.object({ folder, managerPin }).strict()
