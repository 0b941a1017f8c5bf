// createDrawer: config → a CashDrawer. A printer-driven drawer needs the printer it hangs off.
import type { DrawerConfig } from '../../common/config/devices'
import type { QueuedPrinter } from '../printer/escpos-printer'
import { VirtualDrawer } from '../virtual/drawer'
import type { DrawerCore, DrawerDeps } from './drawer-core'
import { type KickSpec } from './kick'
import { PrinterDrawer } from './printer-drawer'
import { SerialDrawer } from './serial-drawer'
import type { OpenSerialLine } from './serial-line'

export interface CreateDrawerDeps extends DrawerDeps {
  id?: string
  /** Required for `driver: 'printer'`. */
  printer?: QueuedPrinter
  openLine?: OpenSerialLine
}

/** The kick a printer job uses for `openDrawer`; the default when the drawer is not on the printer. */
export function kickFromConfig(config: DrawerConfig): KickSpec | undefined {
  return config.driver === 'printer' ? { pin: config.pin, onMs: config.onMs, offMs: config.offMs } : undefined
}

export function createDrawer(config: DrawerConfig, deps: CreateDrawerDeps = {}): DrawerCore {
  const { id = 'drawer', printer, openLine, ...rest } = deps
  switch (config.driver) {
    case 'virtual':
      return new VirtualDrawer({ id }, rest)
    case 'printer': {
      if (!printer) throw new Error('drawer driver "printer" needs the printer it is connected to')
      return new PrinterDrawer(
        {
          id,
          kick: { pin: config.pin, onMs: config.onMs, offMs: config.offMs },
          sensorOpenWhen: config.sensorOpenWhen,
          pulse: config.pulse,
        },
        printer,
        rest,
      )
    }
    case 'serial':
      return new SerialDrawer(
        {
          id,
          path: config.path,
          vendorId: config.vendorId,
          productId: config.productId,
          serialNumber: config.serialNumber,
          baudRate: config.baudRate,
          trigger: config.trigger,
          sensor: config.sensor,
          sensorOpenWhen: config.sensorOpenWhen,
        },
        { ...rest, ...(openLine ? { openLine } : {}) },
      )
  }
}
