// JSON-safe device facts that cross from the hardware layer through main to the renderer.
import { z } from 'zod'

export const deviceKind = z.enum(['scanner', 'printer', 'drawer', 'scale'])
export type DeviceKind = z.infer<typeof deviceKind>

/** One state word per device; `detail` carries the English log text, `messageKey` the UI text key. */
export const deviceState = z.enum([
  'connected',
  'disconnected',
  'offline',
  'paper-out',
  'paper-low',
  'cover-open',
  'drawer-open',
  'drawer-closed',
  'error',
])
export type DeviceState = z.infer<typeof deviceState>

export const deviceStatus = z.object({
  kind: deviceKind,
  /** Which configured device this is ("printer", "drawer", "scanner" or a config id). */
  id: z.string(),
  virtual: z.boolean(),
  state: deviceState,
  messageKey: z.string().optional(),
  detail: z.string().optional(),
  /** ISO time of the last change. */
  since: z.string(),
})
export type DeviceStatus = z.infer<typeof deviceStatus>

export const scanKind = z.enum([
  'card',
  'ean13',
  'ean8',
  'upca',
  'instore-price',
  'instore-weight',
  'raw',
  'invalid',
])
export type ScanKind = z.infer<typeof scanKind>

export const scan = z.object({
  /** The code as read (for `card`: the 16-digit card number; for magstripe the number from track 2). */
  code: z.string(),
  kind: scanKind,
  symbology: z.string().optional(),
  /** Where it came from: "hid-pos", "keyboard", "serial", "magstripe", "virtual", "manual". */
  source: z.string(),
  /** For in-store EANs: the article part, and price (cents) or weight (grams) read from the code. */
  article: z.string().optional(),
  priceCents: z.number().int().optional(),
  weightGrams: z.number().int().optional(),
  /** Why a code is `invalid` (bad check digit, partial read …). */
  reason: z.string().optional(),
})
export type Scan = z.infer<typeof scan>

/** What is plugged in, for the settings screen. `virtual`: demo mode's twins (path "virtual:printer" …). */
export const attachedDevice = z.object({
  bus: z.enum(['hid', 'serial', 'usb-printer', 'tcp', 'virtual']),
  path: z.string(),
  vendorId: z.number().int().optional(),
  productId: z.number().int().optional(),
  serialNumber: z.string().optional(),
  manufacturer: z.string().optional(),
  product: z.string().optional(),
  usagePage: z.number().int().optional(),
})
export type AttachedDevice = z.infer<typeof attachedDevice>
