// "What is plugged in" for the settings screen: HID devices (node-hid) and serial ports (serialport).
// A bus that cannot be listed (native module missing, permissions) is logged and skipped, so the screen
// still shows the other one.
import type { AttachedDevice } from '../../common/devices'
import type { Logger } from '../../common/ports'
import type { HidBackend } from '../scanner/hid-backend'
import { parseUsbId, type SerialBackend } from '../scanner/serial-backend'

export type AttachedLister = () => Promise<AttachedDevice[]>

function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== '')) as T
}

export function hidLister(hid: HidBackend): AttachedLister {
  return async () =>
    (await hid.listHid()).map((d) =>
      defined<AttachedDevice>({
        bus: 'hid',
        path:
          d.path ??
          `${d.vendorId.toString(16).padStart(4, '0')}:${d.productId.toString(16).padStart(4, '0')}`,
        vendorId: d.vendorId,
        productId: d.productId,
        serialNumber: d.serialNumber,
        manufacturer: d.manufacturer,
        product: d.product,
        usagePage: d.usagePage,
      }),
    )
}

export function serialLister(serial: SerialBackend): AttachedLister {
  return async () =>
    (await serial.list()).map((p) =>
      defined<AttachedDevice>({
        bus: 'serial',
        path: p.path,
        vendorId: parseUsbId(p.vendorId),
        productId: parseUsbId(p.productId),
        serialNumber: p.serialNumber,
        manufacturer: p.manufacturer,
      }),
    )
}

export async function listAttached(
  listers: readonly { bus: string; list: AttachedLister }[],
  logger: Logger,
): Promise<AttachedDevice[]> {
  const results = await Promise.allSettled(listers.map((l) => l.list()))
  const out: AttachedDevice[] = []
  results.forEach((r, i) => {
    if (r.status === 'fulfilled') out.push(...r.value)
    else logger.log('warn', 'devices.list-failed', { bus: listers[i].bus, error: String(r.reason) })
  })
  return out
}
