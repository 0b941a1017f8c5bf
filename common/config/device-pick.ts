// From a device the till sees plugged in to the `devices.<kind>` block of config.json that selects it:
// USB identity (VID/PID, found again after a re-plug) where there is one, else the path. Main saves it
// (settings.selectDevice); the settings screen shows the same block.
import type { AttachedDevice, DeviceKind } from '../devices'

const hex = (id: number) => `0x${id.toString(16).padStart(4, '0')}`

/** HID POS scanners report on usage page 0x8C; anything else on HID is a keyboard-mode scanner. */
const HID_POS_USAGE_PAGE = 0x8c

/** Which kinds a device on this bus can be. */
export function kindsFor(device: AttachedDevice): DeviceKind[] {
  switch (device.bus) {
    case 'hid':
      return ['scanner']
    case 'serial':
      return ['printer', 'drawer', 'scanner']
    case 'usb-printer':
    case 'tcp':
      return ['printer']
    default:
      return []
  }
}

export function deviceConfigFor(device: AttachedDevice, kind: DeviceKind): Record<string, unknown> | null {
  if (!kindsFor(device).includes(kind)) return null
  const usb = device.vendorId !== undefined && device.productId !== undefined
  const identity = usb
    ? {
        vendorId: hex(device.vendorId!),
        productId: hex(device.productId!),
        ...(device.serialNumber ? { serialNumber: device.serialNumber } : {}),
      }
    : {}
  switch (device.bus) {
    case 'hid':
      return {
        driver: 'hid',
        mode: device.usagePage === HID_POS_USAGE_PAGE ? 'hid-pos' : 'keyboard',
        ...identity,
      }
    case 'serial':
      // A serial drawer also needs its trigger; the usual cash-drawer interfaces pulse DTR.
      return {
        driver: 'serial',
        ...(usb ? identity : { path: device.path }),
        ...(kind === 'drawer' ? { trigger: { pulse: 'dtr', ms: 100 } } : {}),
      }
    case 'usb-printer':
      return { driver: 'usb-file', path: device.path }
    case 'tcp': {
      const [host, port] = device.path.split(':')
      return { driver: 'tcp', host, ...(port ? { port: Number(port) } : {}) }
    }
    default:
      return null
  }
}

/** The snippet as it goes into config.json: `"devices": { "printer": { … } }`. */
export function configSnippet(kind: DeviceKind, config: Record<string, unknown>): string {
  return JSON.stringify({ devices: { [kind]: config } }, null, 2)
}
