// The TSE block of config.json (owned by the fiscal part, docs/fiscal-tse.md). Outside demo mode
// `tse` must be written out — "fiskaly", "simulator" or explicitly "none" (main/fiscal/config-check.ts);
// demo mode without it uses the built-in simulator.
import { z } from 'zod'

/** TR-03151 clientId / PrintableString characters, at most 30 (fiskaly's client serial_number). */
export const tillSerial = z
  .string()
  .regex(/^[A-Za-z0-9 '()+,\-./:=?]{1,30}$/, 'PrintableString, 1–30 characters (TR-03151 clientId)')

export const fiscalConfig = z
  .object({
    tse: z.enum(['fiskaly', 'simulator', 'none']).optional(),
    /** The till serial everywhere (TSE client, receipt, QR, export, ELSTER); default from `tillId`. */
    tillSerial: tillSerial.optional(),
    fiskaly: z
      .object({
        /** SIGN DE middleware host (transactions must go there); LIVE and TEST keys decide the environment. */
        baseUrl: z.url().default('https://kassensichv-middleware.fiskaly.com'),
        /** Set by the setup screen when it creates a TSS; may be written here for an existing one. */
        tssId: z.uuid().optional(),
        clientId: z.uuid().optional(),
      })
      .strict()
      .default({ baseUrl: 'https://kassensichv-middleware.fiskaly.com' }),
    /** fiskaly: 3–5 s per transaction call, 3–4 s for auth, at least 30 s for TSS setup. */
    timeouts: z
      .object({
        txMs: z.number().int().min(500).max(5000).default(3000),
        authMs: z.number().int().min(500).max(4000).default(3500),
        setupMs: z.number().int().min(30_000).max(600_000).default(30_000),
      })
      .strict()
      .default({ txMs: 3000, authMs: 3500, setupMs: 30_000 }),
    /** The embedded simulator's port (0 = any free one). */
    simulatorPort: z.number().int().min(0).max(65535).default(0),
  })
  .strict()

export type FiscalConfig = z.output<typeof fiscalConfig>

/** The one till serial: configured, or derived from the till id (underscore is not PrintableString). */
export function tillSerialOf(config: { tillId: string; fiscal?: { tillSerial?: string } }): string {
  return config.fiscal?.tillSerial ?? `TRESEN-${config.tillId.replace(/_/g, '-')}`.slice(0, 30)
}

/** `fiscal.tse` resolved: demo mode without a TSE configured uses the simulator. */
export function tseKind(config: {
  demo: boolean
  fiscal: { tse?: 'fiskaly' | 'simulator' | 'none' }
}): 'fiskaly' | 'simulator' | 'none' {
  return config.fiscal.tse ?? (config.demo ? 'simulator' : 'none')
}
