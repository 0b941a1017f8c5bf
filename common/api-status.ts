// What the status bar and the settings screen show about the secuconnect connection.
import { z } from 'zod'

export const apiStatus = z.object({
  /** simulator (demo), the secuconnect testing or live host, or another URL. */
  host: z.enum(['simulator', 'testing', 'live', 'custom']),
  grant: z.enum(['device', 'client_credentials']),
  /** The till holds credentials (a refresh token, or a client secret). */
  paired: z.boolean(),
  /** While device pairing runs: the code to confirm and where. */
  pairing: z.object({ userCode: z.string(), verificationUrl: z.string(), expiresAt: z.string() }).nullable(),
  /** From the last API exchange: any HTTP answer is online, a network failure or timeout offline. */
  connectivity: z.enum(['online', 'offline', 'unknown']),
  error: z.object({ messageKey: z.string(), message: z.string() }).nullable(),
})
export type ApiStatus = z.infer<typeof apiStatus>
