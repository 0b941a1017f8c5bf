// secuconnect connection settings (docs/secuconnect.md; extend, keep the export names).
import { z } from 'zod'

export const SECUCONNECT_TESTING_HOST = 'https://connect-testing.secuconnect.com'
export const SECUCONNECT_LIVE_HOST = 'https://connect.secucard.com'

export const secuconnectConfig = z
  .object({
    /** "simulator" runs the built-in simulator on 127.0.0.1 (demo mode); otherwise a host URL. */
    host: z.union([z.literal('simulator'), z.url({ protocol: /^https?$/ })]).default('simulator'),
    grant: z.enum(['device', 'client_credentials']).default('device'),
    clientId: z.string().min(1).optional(),
    /** Prefer the secret store; a secret in the config file is accepted for first set-up only. */
    clientSecret: z.string().min(1).optional(),
    /**
     * Without an OS key store: a file outside the data dir, mode 0600, whose first line is the client
     * secret (or the environment variable TRESEN_SECUCONNECT_CLIENT_SECRET).
     */
    clientSecretFile: z.string().min(1).max(1024).optional(),
    /** Till serial for the device uuid `/vendor/tresen/serial/<serial>`. */
    deviceSerial: z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,64}$/, 'letters, digits, dot, dash, underscore')
      .default('demo-till-1'),
    /** secuconnect contract id used when creating Smart Transactions, if the account needs one. */
    contractId: z.string().optional(),
    /** The merchant's loyalty (secucard) top-up article EANs. */
    topUpEans: z.array(z.string().regex(/^\d{8,14}$/)).default(['4260447149502', '4260447149519']),
    /** Per-call HTTP timeouts. start/cashless waits for the terminal, so it is never under 120 s. */
    timeouts: z
      .object({
        readMs: z.number().int().min(1000).max(60_000).default(10_000),
        writeMs: z.number().int().min(1000).max(120_000).default(30_000),
        startMs: z.number().int().min(120_000).max(600_000).default(150_000),
      })
      .strict()
      .default({ readMs: 10_000, writeMs: 30_000, startMs: 150_000 }),
  })
  .strict()

export type SecuconnectConfig = z.output<typeof secuconnectConfig>
