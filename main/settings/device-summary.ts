// One line per configured device for the settings screen: which driver, and how the till finds the
// device ("TCP 192.168.1.50:9100", "serial VID 0x0483 PID 0x5740", "virtual"). Never the whole config
// object: the screen shows what a shop owner can compare with the label on the device.
import type { DevicesConfig, DrawerConfig, PrinterConfig, ScannerConfig } from '../../common/config/devices'
import type { SettingsView } from '../../common/ipc/settings-contract'

type Summary = SettingsView['devices'][number]

const hex = (id: number) => `0x${id.toString(16).padStart(4, '0')}`

/** A serial device by USB identity (which wins, see the config) or by fixed path. */
function serialPlace(c: {
  path?: string
  vendorId?: number
  productId?: number
  serialNumber?: string
  baudRate: number
}): string {
  const usb = c.vendorId !== undefined && c.productId !== undefined
  const where = usb
    ? `VID ${hex(c.vendorId!)} PID ${hex(c.productId!)}${c.serialNumber ? ` S/N ${c.serialNumber}` : ''}`
    : (c.path ?? 'no port set')
  return `serial ${where}, ${c.baudRate} Bd`
}

function scannerSummary(c: ScannerConfig): string {
  if (c.driver === 'virtual') return 'virtual'
  if (c.driver === 'hid') {
    const mode = c.mode === 'hid-pos' ? 'HID POS' : `HID keyboard (${c.layout})`
    return `${mode} VID ${hex(c.vendorId)} PID ${hex(c.productId)}${c.serialNumber ? ` S/N ${c.serialNumber}` : ''}`
  }
  return serialPlace(c)
}

function printerSummary(c: PrinterConfig): string {
  if (c.driver === 'virtual') return `virtual, ${c.columns} columns`
  const paper = `${c.paper}, ${c.codepage}`
  if (c.driver === 'tcp') return `TCP ${c.host ?? 'no host set'}:${c.port}, ${paper}`
  if (c.driver === 'usb-file') return `USB ${c.path ?? 'no device file set'}, ${paper}`
  return `${serialPlace(c)}, ${paper}`
}

function drawerSummary(c: DrawerConfig): string {
  if (c.driver === 'virtual') return 'virtual'
  if (c.driver === 'printer')
    return `printer kick port, pin ${c.pin}, sensor ${c.sensorOpenWhen === 'none' ? 'none' : `open when ${c.sensorOpenWhen}`}`
  const trigger =
    'bytes' in c.trigger
      ? `bytes ${c.trigger.bytes.map((b) => b.toString(16).padStart(2, '0')).join(' ')}`
      : `${c.trigger.pulse.toUpperCase()} pulse ${c.trigger.ms} ms`
  return `${serialPlace(c)}, ${trigger}, sensor ${c.sensor === 'none' ? 'none' : `${c.sensor.toUpperCase()} open when ${c.sensorOpenWhen}`}`
}

export function deviceSummaries(config: DevicesConfig): Summary[] {
  return [
    { kind: 'scanner', driver: config.scanner.driver, summary: scannerSummary(config.scanner) },
    { kind: 'printer', driver: config.printer.driver, summary: printerSummary(config.printer) },
    { kind: 'drawer', driver: config.drawer.driver, summary: drawerSummary(config.drawer) },
  ]
}
