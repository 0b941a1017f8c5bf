// The seam between the HID scanner driver and node-hid. Tests (and anything without native code) pass an
// object of this shape; the default loads node-hid only when a real HID scanner is configured, so demo mode
// and the virtual devices never load the native addon.
import type * as NodeHidModule from 'node-hid'
import type { Logger } from '../../common/ports'

export interface HidDeviceInfo {
  vendorId: number
  productId: number
  path?: string
  serialNumber?: string
  manufacturer?: string
  product?: string
  usagePage?: number
  usage?: number
  interface?: number
}

/** The part of node-hid's HIDAsync the driver uses. */
export interface HidHandle {
  on(event: 'data', listener: (data: Buffer) => void): unknown
  on(event: 'error', listener: (error: Error) => void): unknown
  removeAllListeners(event?: string): unknown
  close(): Promise<void>
  sendFeatureReport(data: number[] | Buffer): Promise<number>
}

export type HidTarget = { path: string } | { vendorId: number; productId: number }

export interface HidBackend {
  listHid(): Promise<HidDeviceInfo[]>
  openHid(target: HidTarget): Promise<HidHandle>
}

export type HidDriverType = 'hidraw' | 'libusb'

type NodeHid = typeof NodeHidModule

let loaded: { module: Promise<NodeHid>; driverType: HidDriverType } | undefined

/**
 * node-hid picks its native binding (hidraw or libusb on Linux) once, at first use, for the whole process;
 * asking for another type later only logs — switching needs an app restart.
 */
export function nodeHidBackend(options: { driverType?: HidDriverType; logger: Logger }): HidBackend {
  const driverType = options.driverType ?? 'hidraw'
  const load = (): Promise<NodeHid> => {
    if (!loaded) {
      const module = import('node-hid').then((m) => {
        const hid = ((m as { default?: NodeHid }).default ?? m) as NodeHid
        if (process.platform === 'linux') hid.setDriverType(driverType)
        return hid
      })
      loaded = { module, driverType }
    } else if (loaded.driverType !== driverType && process.platform === 'linux') {
      options.logger.log('warn', 'hid.driver-type-fixed', {
        wanted: driverType,
        active: loaded.driverType,
        detail: 'restart the app to switch',
      })
    }
    return loaded.module
  }
  return {
    async listHid() {
      const hid = await load()
      return (await hid.devicesAsync()).map((d) => ({ ...d }))
    },
    async openHid(target) {
      const hid = await load()
      return 'path' in target
        ? hid.HIDAsync.open(target.path)
        : hid.HIDAsync.open(target.vendorId, target.productId)
    },
  }
}
