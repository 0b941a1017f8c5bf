// Device settings (docs/hardware-scanner.md, docs/hardware-printer.md; extend, keep the export names). Every
// device defaults to
// its virtual twin, which is what demo mode and tests use.
import { z } from 'zod'

const hexId = z.union([
  z.number().int().min(0).max(0xffff),
  z
    .string()
    .regex(/^0x[0-9a-fA-F]{1,4}$/)
    .transform((s) => parseInt(s, 16)),
])

/**
 * Where a serial device is: its USB identity (found again after a re-plug) and/or a fixed path (plain
 * RS-232). The USB identity wins when both are given.
 */
const serialLocator = {
  path: z.string().optional(),
  vendorId: hexId.optional(),
  productId: hexId.optional(),
  serialNumber: z.string().optional(),
  baudRate: z.number().int().positive().default(9600),
}

/** How keyboard-report and serial scanners end a code. HID POS reports carry their own framing. */
const codeFraming = {
  /** Keys that end a code; `[]` = the scanner sends no suffix and a pause of `interCharTimeoutMs` ends it. */
  terminators: z.array(z.enum(['enter', 'tab'])).default(['enter', 'tab']),
  /** A pause this long inside a code means a partial read (reported as invalid), or its end without terminators. */
  interCharTimeoutMs: z.number().int().min(20).max(2000).default(100),
}

const inStorePrefix = z.string().regex(/^2\d$/, 'in-store prefixes are 20–29')

/**
 * In-store EAN-13 layout (GS1 prefixes 20–29, retailer-defined): `PP` prefix, `articleDigits` article digits,
 * any digits left over (e.g. a price check digit, not verified), `valueDigits` value digits, EAN check digit.
 * Prefixes in neither list are plain EAN-13 articles.
 */
export const inStoreLayout = z
  .object({
    pricePrefixes: z.array(inStorePrefix).default(['21', '22', '23', '24', '25']),
    weightPrefixes: z.array(inStorePrefix).default(['26', '27', '28', '29']),
    articleDigits: z.number().int().min(1).max(9).default(5),
    valueDigits: z.number().int().min(1).max(9).default(5),
  })
  .strict()
  .refine((l) => l.articleDigits + l.valueDigits <= 10, {
    message: 'article and value digits must fit into 10 digits',
  })
  .refine((l) => !l.pricePrefixes.some((p) => l.weightPrefixes.includes(p)), {
    message: 'a prefix cannot mean both price and weight',
  })

/** What the scanners' codes mean, whatever the driver. */
export const scanningConfig = z
  .object({
    /** The same card read again within this window counts once (a held card re-reads); products never debounce. */
    cardWindowMs: z.number().int().min(0).max(60_000).default(1500),
    inStore: inStoreLayout.default({
      pricePrefixes: ['21', '22', '23', '24', '25'],
      weightPrefixes: ['26', '27', '28', '29'],
      articleDigits: 5,
      valueDigits: 5,
    }),
  })
  .strict()

export const scannerConfig = z.discriminatedUnion('driver', [
  z.object({ driver: z.literal('virtual') }).strict(),
  z
    .object({
      driver: z.literal('hid'),
      mode: z.enum(['hid-pos', 'keyboard']).default('hid-pos'),
      vendorId: hexId,
      productId: hexId,
      serialNumber: z.string().optional(),
      layout: z.enum(['de', 'us']).default('de'),
      /** Linux: open through libusb for exclusive access (detaches the kernel keyboard driver). */
      exclusive: z.boolean().default(false),
      ...codeFraming,
    })
    .strict(),
  z
    .object({
      driver: z.literal('serial'),
      ...serialLocator,
      ...codeFraming,
    })
    .strict(),
])

export const printerConfig = z.discriminatedUnion('driver', [
  z
    .object({ driver: z.literal('virtual'), columns: z.union([z.literal(48), z.literal(32)]).default(48) })
    .strict(),
  z
    .object({
      driver: z.enum(['serial', 'tcp', 'usb-file']),
      /** Serial port path, USB printer device file (/dev/usb/lp0), or host for TCP. */
      path: z.string().optional(),
      host: z.string().optional(),
      port: z.number().int().min(1).max(65535).default(9100),
      vendorId: hexId.optional(),
      productId: hexId.optional(),
      serialNumber: z.string().optional(),
      baudRate: z.number().int().positive().default(19200),
      paper: z.enum(['80mm', '58mm']).default('80mm'),
      codepage: z.enum(['cp858', 'windows1252']).default('cp858'),
      statusTimeoutMs: z.number().int().min(300).max(1000).default(500),
      /** ESC t number when the printer does not use Epson's (HP: cp858 = 6, windows1252 = 8; Citizen: cp858 = 2). */
      codepageNumber: z.number().int().min(0).max(255).optional(),
      connectTimeoutMs: z.number().int().min(200).max(30000).default(3000),
      /** How long a printer may refuse data (paper end, cover open) before the job counts as failed. */
      writeTimeoutMs: z.number().int().min(500).max(120000).default(15000),
      /** 'none' for USB printers without a read channel: a job then counts as printed once sent. */
      statusQuery: z.enum(['dle-eot', 'none']).default('dle-eot'),
      cut: z.enum(['partial', 'full']).default('partial'),
      feedBeforeCut: z.number().int().min(0).max(10).default(4),
      /** Wait before the after-job status check, for printers that report paper end only once printed. */
      postCheckDelayMs: z.number().int().min(0).max(5000).default(0),
      /** 'text' for printers without GS ( k: the TSE QR code's content printed as plain lines. */
      qrCode: z.enum(['native', 'text']).default('native'),
    })
    .strict(),
])

export const drawerConfig = z.discriminatedUnion('driver', [
  z.object({ driver: z.literal('virtual') }).strict(),
  z
    .object({
      driver: z.literal('printer'),
      pin: z.enum(['2', '5', 'both']).default('2'),
      onMs: z.number().int().min(2).max(510).default(50),
      offMs: z.number().int().min(2).max(510).default(500),
      /** DLE EOT 1 bit 2 meaning: which level means "open" differs between drawers. */
      sensorOpenWhen: z.enum(['high', 'low', 'none']).default('low'),
      /**
       * 'buffered' = ESC p, sent only when the printer reports it can print (else it would fire later);
       * 'realtime' = DLE DC4 1 m t, executed at once even when out of paper, for models that support it.
       */
      pulse: z.enum(['buffered', 'realtime']).default('buffered'),
    })
    .strict(),
  z
    .object({
      driver: z.literal('serial'),
      ...serialLocator,
      trigger: z.union([
        z.object({ bytes: z.array(z.number().int().min(0).max(255)).min(1) }),
        z.object({ pulse: z.enum(['dtr', 'rts']), ms: z.number().int().min(10).max(1000).default(100) }),
      ]),
      sensor: z.enum(['cts', 'dsr', 'dcd', 'none']).default('none'),
      sensorOpenWhen: z.enum(['high', 'low']).default('high'),
    })
    .strict(),
])

/**
 * The shop scale. 'none': weighed articles take a typed weight. A configured scale makes its stable
 * reading the only weight (legal for trade); 'virtual' is the twin for demo mode and tests. Dialog 06
 * (docs/hardware-scale.md) commonly runs 9600 baud, 7 data bits, odd parity; the scale's menu says.
 */
export const scaleConfig = z.discriminatedUnion('driver', [
  z.object({ driver: z.literal('none') }).strict(),
  z.object({ driver: z.literal('virtual') }).strict(),
  z
    .object({
      driver: z.literal('serial'),
      protocol: z.literal('dialog06').default('dialog06'),
      ...serialLocator,
      dataBits: z.union([z.literal(7), z.literal(8)]).default(7),
      parity: z.enum(['none', 'odd', 'even']).default('odd'),
      /** How long one answer may take; a stable weight can take 1–2 s (Mettler Toledo). */
      responseTimeoutMs: z.number().int().min(200).max(10_000).default(2500),
      /** How long a weighing waits for a settling weight before it gives up. */
      stableTimeoutMs: z.number().int().min(0).max(30_000).default(5000),
      retryMs: z.number().int().min(50).max(2000).default(250),
    })
    .strict()
    .refine((c) => c.path !== undefined || c.vendorId !== undefined, {
      message: 'a serial scale needs a path or a vendorId/productId',
    }),
])

/** The free-price keys ("Diverses 7 %", "Diverses 19 %"): which VAT rates get one, and the largest amount. */
export const freePriceConfig = z
  .object({
    rates: z.array(z.union([z.literal(7), z.literal(19)])).default([7, 19]),
    /** Cents; a typed amount above this is refused (a slipped finger, "5000" for "50,00"). */
    maxCents: z.number().int().min(1).max(100_000).default(5000),
  })
  .strict()

export const devicesConfig = z
  .object({
    scanner: scannerConfig.default({ driver: 'virtual' }),
    printer: printerConfig.default({ driver: 'virtual', columns: 48 }),
    drawer: drawerConfig.default({ driver: 'virtual' }),
    scale: scaleConfig.default({ driver: 'none' }),
    freePrice: freePriceConfig.default({ rates: [7, 19], maxCents: 5000 }),
    /**
     * How often printer and drawer are asked for their status (DLE EOT, a few bytes) while they are up, so
     * "Papier leer" shows without a print and goes after a refill, and a drawer's closing shows. 0 = never.
     */
    statusPollMs: z.union([z.literal(0), z.number().int().min(250).max(60_000)]).default(5000),
    scanning: scanningConfig.default({
      cardWindowMs: 1500,
      inStore: {
        pricePrefixes: ['21', '22', '23', '24', '25'],
        weightPrefixes: ['26', '27', '28', '29'],
        articleDigits: 5,
        valueDigits: 5,
      },
    }),
  })
  .strict()

export type DevicesConfig = z.output<typeof devicesConfig>
export type ScannerConfig = z.output<typeof scannerConfig>
export type PrinterConfig = z.output<typeof printerConfig>
export type DrawerConfig = z.output<typeof drawerConfig>
export type ScanningConfig = z.output<typeof scanningConfig>
export type ScaleConfig = z.output<typeof scaleConfig>
export type FreePriceConfig = z.output<typeof freePriceConfig>
export type InStoreLayout = z.output<typeof inStoreLayout>
