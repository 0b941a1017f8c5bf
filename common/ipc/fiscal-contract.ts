// Commands and events of the TSE (main/fiscal): its state for the status bar and the red "no TSE"
// banner, and the manager's setup/status screen (credentials, new TSS, client registration); and of
// the back office's fiscal tab: DSFinV-K export, § 146a registration data (manager).
import { z } from 'zod'
import { command } from './define'
import {
  dsfinvkExportRequest,
  dsfinvkExportResult,
  fiscalInfo,
  registrationData,
  registrationExportRequest,
  registrationSaveRequest,
} from '../fiscal-export'

export const fiscalView = z.object({
  kind: z.enum(['fiskaly', 'simulator', 'none']),
  /** The open outage: since when (ISO) and why. */
  outage: z.object({ since: z.string(), reason: z.string() }).nullable(),
  /** Training mode (AVTraining): on or off, since when and the manager who switched it. */
  training: z.object({ on: z.boolean(), since: z.string().nullable(), by: z.string().nullable() }),
})
export type FiscalViewData = z.infer<typeof fiscalView>

export const tseStatus = z.object({
  kind: z.enum(['fiskaly', 'simulator', 'none']),
  configured: z.boolean(),
  tillSerial: z.string(),
  tssId: z.string().optional(),
  clientId: z.string().optional(),
  state: z.string().optional(),
  serial: z.string().optional(),
  clientSerial: z.string().optional(),
  clientState: z.string().optional(),
  signatureAlgorithm: z.string().optional(),
  signatureCounter: z.number().int().optional(),
  transactionCounter: z.number().int().optional(),
  activeTransactions: z.number().int().optional(),
  certificateValidUntil: z.string().optional(),
  certificateExpired: z.boolean().optional(),
  /** The TSE's last error (status call or last outage). */
  error: z.string().optional(),
  outage: fiscalView.shape.outage,
})
export type TseStatusView = z.infer<typeof tseStatus>

const managerPin = z
  .string()
  .regex(/^\d{4,8}$/)
  .optional()

export const fiscalSetupInput = z.discriminatedUnion('action', [
  z
    .object({
      action: z.literal('credentials'),
      apiKey: z.string().min(1).max(200),
      apiSecret: z.string().min(1).max(200),
      managerPin,
    })
    .strict(),
  z.object({ action: z.literal('createTss'), managerPin }).strict(),
  z.object({ action: z.literal('registerClient'), managerPin }).strict(),
  // Taking the TSS out of service cannot be undone (fiskaly: DISABLED is final): the screen asks twice
  // and the request must say so itself.
  z.object({ action: z.literal('disableTss'), confirm: z.literal(true), managerPin }).strict(),
])

export const fiscalSetupResult = z.object({
  status: tseStatus,
  /** Only right after "create and initialise a new TSS": shown once, already stored. */
  adminPuk: z.string().optional(),
})

const none = z.object({}).strict().default({})

export const fiscalCommands = {
  'fiscal.view': command(none, fiscalView),
  /** The manager switches training mode on or off (journaled with the manager). */
  'fiscal.training': command(z.object({ on: z.boolean(), managerPin }).strict(), fiscalView),
  'fiscal.status': command(none, tseStatus),
  'fiscal.setup': command(fiscalSetupInput, fiscalSetupResult),
  'fiscal.info': command(none, fiscalInfo),
  /** Writes the DSFinV-K zip (with the TSE's TAR export when a TSE is connected) into `folder`. */
  'fiscal.exportDsfinvk': command(dsfinvkExportRequest, dsfinvkExportResult),
  'fiscal.saveRegistration': command(registrationSaveRequest, registrationData),
  /** Writes the registration data as a CSV file into `folder`. */
  'fiscal.exportRegistration': command(registrationExportRequest, z.object({ file: z.string() })),
} as const

export const fiscalEvents = {
  'fiscal.changed': fiscalView,
} as const
