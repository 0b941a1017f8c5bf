// Commands and events of the settings screen (shop header, receipt policy, language, devices) and of
// the demo panel (demo mode only: scan a code, see the virtual printer's paper and drawer, inject faults).
import { z } from 'zod'
import { command } from './define'
import { shopConfig } from '../config'
import { attachedDevice, deviceKind } from '../devices'
import { locale } from '../locale'

const none = z.object({}).strict().default({})

export const settingsView = z.object({
  shop: shopConfig,
  receiptPolicy: z.enum(['always', 'ask', 'never']),
  locale,
  tillId: z.string(),
  demo: z.boolean(),
  /** Device configuration as JSON-safe summaries (driver and how it is found), per kind. */
  devices: z.array(z.object({ kind: deviceKind, driver: z.string(), summary: z.string() })),
  /** Device kinds whose saved choice differs from the running device: it takes effect at the next start. */
  restartRequired: z.array(deviceKind),
})
export type SettingsView = z.infer<typeof settingsView>

export const settingsUpdateInput = z
  .object({
    shop: shopConfig.optional(),
    receiptPolicy: z.enum(['always', 'ask', 'never']).optional(),
    locale: locale.optional(),
    managerPin: z
      .string()
      .regex(/^\d{4,6}$/)
      .optional(),
  })
  .strict()

/** Use a plugged-in device (from devices.attached) as the till's printer, drawer or scanner. */
export const selectDeviceInput = z
  .object({
    kind: deviceKind,
    bus: attachedDevice.shape.bus,
    path: z.string().min(1).max(512),
    managerPin: z
      .string()
      .regex(/^\d{4,6}$/)
      .optional(),
  })
  .strict()

export const demoFault = z.enum([
  'printer.paper-out',
  'printer.cover-open',
  'printer.offline',
  'drawer.stuck',
  'scanner.unplugged',
  'api.offline',
  'api.slow',
  'api.error',
])
export type DemoFault = z.infer<typeof demoFault>

export const demoView = z.object({
  /** The virtual printer's paper as text (decoded ESC/POS), newest receipt last. */
  paper: z.array(z.object({ key: z.string(), text: z.string(), at: z.string() })),
  drawer: z.object({ open: z.boolean(), openings: z.number().int() }),
  faults: z.array(demoFault),
})
export type DemoView = z.infer<typeof demoView>

export const settingsCommands = {
  'settings.get': command(none, settingsView),
  'settings.update': command(settingsUpdateInput, settingsView),
  'devices.attached': command(none, z.array(attachedDevice)),
  /** Manager only: saves the device's config block (common/config/device-pick.ts); used from the next start. */
  'settings.selectDevice': command(selectDeviceInput, settingsView),
  'devices.testPrint': command(
    none,
    z.object({ status: z.enum(['printed', 'failed']), messageKey: z.string().nullable() }),
  ),
  'demo.view': command(none, demoView),
  /** Feed a code to the virtual scanner as if scanned. */
  'demo.scan': command(z.object({ code: z.string().min(1).max(64) }).strict(), demoView),
  'demo.fault': command(z.object({ fault: demoFault, on: z.boolean() }).strict(), demoView),
  /** Close the virtual drawer (as the cashier would by hand). */
  'demo.closeDrawer': command(none, demoView),
} as const

export const settingsEvents = {
  'settings.changed': settingsView,
  'demo.changed': demoView,
} as const
