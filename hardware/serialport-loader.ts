// serialport's native binding is loaded on first use only: demo mode and the virtual devices never touch
// native code, and a machine without a matching prebuild still starts (and reports the device instead).
import type { SerialPort } from 'serialport'

export type SerialPortModule = typeof SerialPort

let loading: Promise<SerialPortModule> | null = null

export function loadSerialPort(): Promise<SerialPortModule> {
  loading ??= import('serialport').then((m) => m.SerialPort)
  return loading
}
