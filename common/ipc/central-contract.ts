// The till's link to the head office (PostgreSQL): its state for the status bar, and a catalogue change
// that arrived from the head office.
import { z } from 'zod'
import { command } from './define'

const none = z.object({}).strict().default({})

export const centralStatus = z.object({
  /** false: the till runs alone (no `central` in the config). */
  configured: z.boolean(),
  shopId: z.string().nullable(),
  online: z.boolean(),
  /** Journal rows not yet in PostgreSQL, and for how long the oldest has waited. */
  lagRows: z.number().int().nonnegative(),
  lagSeconds: z.number().int().nonnegative(),
  /** Version of the head office's master data this till sells with (0: its own config). */
  masterVersion: z.number().int().nonnegative(),
  /** A gap or broken chain link found on the way up: reported, never skipped. */
  problem: z.string().nullable(),
})
export type CentralStatus = z.infer<typeof centralStatus>

export const centralCommands = {
  'central.status': command(none, centralStatus),
} as const

export const centralEvents = {
  'central.changed': centralStatus,
  /** The head office changed the catalogue: reload it with `catalog.get`. */
  'catalog.changed': z.object({ version: z.number().int() }),
} as const
