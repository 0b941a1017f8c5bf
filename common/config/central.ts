// `central`: the head office's PostgreSQL this till shares with the other tills of its shop. Without it
// the till runs alone, as it always did.
import { z } from 'zod'

export const centralConfig = z
  .object({
    /** postgres://user@host:5432/db — a password belongs in PGPASSWORD or ~/.pgpass, not here. */
    url: z
      .string()
      .regex(/^postgres(ql)?:\/\/[^\s]+$/, 'a PostgreSQL URL like postgres://tresen@server:5432/tresen')
      .refine((u) => !/^postgres(ql)?:\/\/[^/@]*:[^/@]*@/.test(u), 'no password in the URL: use PGPASSWORD'),
    shopId: z.string().regex(/^[A-Za-z0-9._-]{1,32}$/, 'letters, digits, dot, dash, underscore'),
    /** How often the journal is pushed and master data checked when no notification came (ms). */
    pushIntervalMs: z.number().int().min(200).max(60_000).default(2_000),
    checkIntervalMs: z.number().int().min(1_000).max(600_000).default(30_000),
  })
  .strict()
export type CentralConfig = z.infer<typeof centralConfig>
