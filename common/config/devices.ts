// Device settings (owned by the hardware issue; extend, keep the export names). Every device defaults to
// its virtual twin, which is what demo mode and tests use.
import { z } from 'zod'

const hexId = z.union([z.number().int().min(0).max(0xffff), z.string().regex(/^0x[0-9a-fA-F]{1,4}$/).transform((s) => parseInt(s, 16))])

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
    })
    .strict(),
  z
    .object({
      driver: z.literal('serial'),
      path: z.string().optional(),
      vendorId: hexId.optional(),
      productId: hexId.optional(),
      serialNumber: z.string().optional(),
      baudRate: z.number().int().positive().default(9600),
    })
    .strict(),
])

export const printerConfig = z.discriminatedUnion('driver', [
  z.object({ driver: z.literal('virtual'), columns: z.union([z.literal(48), z.literal(32)]).default(48) }).strict(),
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
    })
    .strict(),
  z
    .object({
      driver: z.literal('serial'),
      path: z.string().optional(),
      vendorId: hexId.optional(),
      productId: hexId.optional(),
      serialNumber: z.string().optional(),
      baudRate: z.number().int().positive().default(9600),
      trigger: z.union([z.object({ bytes: z.array(z.number().int().min(0).max(255)).min(1) }), z.object({ pulse: z.enum(['dtr', 'rts']), ms: z.number().int().min(10).max(1000).default(100) })]),
      sensor: z.enum(['cts', 'dsr', 'dcd', 'none']).default('none'),
      sensorOpenWhen: z.enum(['high', 'low']).default('high'),
    })
    .strict(),
])

export const devicesConfig = z
  .object({
    scanner: scannerConfig.default({ driver: 'virtual' }),
    printer: printerConfig.default({ driver: 'virtual', columns: 48 }),
    drawer: drawerConfig.default({ driver: 'virtual' }),
  })
  .strict()

export type DevicesConfig = z.output<typeof devicesConfig>
export type ScannerConfig = z.output<typeof scannerConfig>
export type PrinterConfig = z.output<typeof printerConfig>
export type DrawerConfig = z.output<typeof drawerConfig>
