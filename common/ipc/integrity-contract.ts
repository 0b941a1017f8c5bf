// The journal's integrity behind the contract: the state the red "Journal verändert" banner shows,
// the full verify a manager starts in the back office, and a manager's acknowledgement that lets the
// Z closing run again (main/journal/integrity.ts, docs/journal.md "Tamper evidence").
import { z } from 'zod'
import { command } from './define'

export const integrityStatus = z.object({
  state: z.enum(['ok', 'altered', 'acknowledged']),
  fullyVerified: z.boolean(),
  head: z.object({ seq: z.number().int(), hash: z.string() }),
  /** The first bad row first; each text in German and English (they name table, key and what differs). */
  findings: z.array(z.object({ key: z.string(), de: z.string(), en: z.string() })),
  verifiedAt: z.string().nullable(),
  ms: z.number().nullable(),
})
export type IntegrityStatusView = z.infer<typeof integrityStatus>

const none = z.object({}).strict().default({})
/** Manager actions carry the manager's PIN unless a manager is the active seller. */
const managerInput = z
  .object({
    managerPin: z
      .string()
      .regex(/^\d{4,6}$/)
      .optional(),
  })
  .strict()

export const integrityCommands = {
  'integrity.status': command(none, integrityStatus),
  /** Manager: the full verify now (every entry, every row). */
  'integrity.verify': command(managerInput, integrityStatus),
  /** Manager: the findings are seen and documented; the Z closing is allowed again (journaled). */
  'integrity.acknowledge': command(managerInput, integrityStatus),
} as const

export const integrityEvents = {
  'journal.integrity': integrityStatus,
} as const
