// How the settings screen names each configured device: driver and how it is found.
import { describe, expect, it } from 'vitest'
import { devicesConfig } from '../../../common/config/devices'
import { deviceSummaries } from '../../../main/settings/device-summary'

const summaries = (config: unknown) =>
  deviceSummaries(devicesConfig.parse(config)).map((d) => `${d.kind}/${d.driver}: ${d.summary}`)

describe('deviceSummaries', () => {
  it('names virtual devices', () => {
    expect(summaries({})).toEqual([
      'scanner/virtual: virtual',
      'printer/virtual: virtual, 48 columns',
      'drawer/virtual: virtual',
    ])
  })

  it('names network, USB and serial devices by address and USB identity', () => {
    expect(
      summaries({
        scanner: { driver: 'hid', vendorId: '0x0c2e', productId: 0x0b61, serialNumber: '21012B' },
        printer: { driver: 'tcp', host: '192.168.1.50' },
        drawer: { driver: 'printer', pin: '5', sensorOpenWhen: 'high' },
      }),
    ).toEqual([
      'scanner/hid: HID POS VID 0x0c2e PID 0x0b61 S/N 21012B',
      'printer/tcp: TCP 192.168.1.50:9100, 80mm, cp858',
      'drawer/printer: printer kick port, pin 5, sensor open when high',
    ])
    expect(
      summaries({
        scanner: { driver: 'serial', vendorId: '0x0483', productId: '0x5740', path: '/dev/ttyACM0' },
        printer: { driver: 'usb-file', path: '/dev/usb/lp0', paper: '58mm', codepage: 'windows1252' },
        drawer: { driver: 'serial', path: 'COM3', trigger: { bytes: [7] }, sensor: 'cts' },
      }),
    ).toEqual([
      // The USB identity wins over the path, as when the port is opened.
      'scanner/serial: serial VID 0x0483 PID 0x5740, 9600 Bd',
      'printer/usb-file: USB /dev/usb/lp0, 58mm, windows1252',
      'drawer/serial: serial COM3, 9600 Bd, bytes 07, sensor CTS open when high',
    ])
  })

  it('says what is missing instead of inventing an address', () => {
    expect(
      summaries({
        scanner: { driver: 'hid', vendorId: 1, productId: 2, mode: 'keyboard' },
        printer: { driver: 'serial' },
        drawer: { driver: 'serial', trigger: { pulse: 'dtr' } },
      }),
    ).toEqual([
      'scanner/hid: HID keyboard (de) VID 0x0001 PID 0x0002',
      'printer/serial: serial no port set, 19200 Bd, 80mm, cp858',
      'drawer/serial: serial no port set, 9600 Bd, DTR pulse 100 ms, sensor none',
    ])
  })
})
