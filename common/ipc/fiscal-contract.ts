// Commands of the back office's fiscal tab: DSFinV-K export, § 146a registration data (manager).
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

const none = z.object({}).strict().default({})

export const fiscalCommands = {
  'fiscal.info': command(none, fiscalInfo),
  /** Writes the DSFinV-K zip (with the TSE's TAR export when a TSE is connected) into `folder`. */
  'fiscal.exportDsfinvk': command(dsfinvkExportRequest, dsfinvkExportResult),
  'fiscal.saveRegistration': command(registrationSaveRequest, registrationData),
  /** Writes the registration data as a CSV file into `folder`. */
  'fiscal.exportRegistration': command(registrationExportRequest, z.object({ file: z.string() })),
} as const
