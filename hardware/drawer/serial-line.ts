// The few serial-port operations a drawer interface needs, behind an interface so unit tests can drive
// modem lines (which socat ptys do not have, docs/hardware-printer.md) without hardware.
import { loadSerialPort } from '../serialport-loader'
import { TransportError, asTransportError, withTimeout } from '../printer/transports/transport'

export interface ModemLines {
  cts: boolean
  dsr: boolean
  dcd: boolean
}

export interface SerialLine {
  readonly isOpen: boolean
  write(bytes: Uint8Array): Promise<void>
  /** Sets DTR and RTS together: serialport merges unspecified flags with defaults, so both are always given (C.1). */
  setLines(lines: { dtr: boolean; rts: boolean }): Promise<void>
  getLines(): Promise<ModemLines>
  close(): Promise<void>
}

export type OpenSerialLine = (options: {
  path: string
  baudRate: number
  hupcl: boolean
}) => Promise<SerialLine>

export const openSerialLine: OpenSerialLine = async ({ path, baudRate, hupcl }) => {
  const SerialPort = await loadSerialPort()
  const port = new SerialPort({ path, baudRate, autoOpen: false, hupcl })
  await withTimeout(
    new Promise<void>((resolve, reject) =>
      port.open((err) => (err ? reject(asTransportError(err, 'refused')) : resolve())),
    ),
    3000,
    `opening ${path}`,
  )
  port.on('error', () => {})
  const call = <T>(fn: (cb: (err: Error | null | undefined, value?: T) => void) => void): Promise<T> =>
    new Promise<T>((resolve, reject) =>
      fn((err, value) => (err ? reject(asTransportError(err, 'io')) : resolve(value as T))),
    )
  return {
    get isOpen() {
      return port.isOpen
    },
    async write(bytes) {
      if (!port.isOpen) throw new TransportError('disconnected', `${path} is not open`)
      await withTimeout(
        call<void>((cb) => port.write(Buffer.from(bytes), (err) => (err ? cb(err) : port.drain(cb)))),
        2000,
        `writing to ${path}`,
      )
    },
    setLines: ({ dtr, rts }) => call<void>((cb) => port.set({ dtr, rts }, cb)),
    getLines: () => call<ModemLines>((cb) => port.get((err, status) => cb(err, status as ModemLines))),
    close: () =>
      port.isOpen ? new Promise<void>((resolve) => port.close(() => resolve())) : Promise.resolve(),
  }
}
