// The seam between serial device drivers and serialport. The default loads serialport lazily; tests pass
// `SerialPortMock` (same constructor and `list()`), or a hand-written port to simulate an unplug.
import { loadSerialPort } from '../serialport-loader'

export interface SerialPortInfo {
  path: string
  manufacturer?: string
  serialNumber?: string
  pnpId?: string
  locationId?: string
  /** Hex strings as serialport reports them ("0c2e"). */
  vendorId?: string
  productId?: string
}

export interface SerialLike {
  readonly isOpen: boolean
  on(event: 'data', listener: (data: Buffer) => void): unknown
  on(event: 'error', listener: (error: Error) => void): unknown
  /** On unplug the error has `disconnected: true`. */
  on(event: 'close', listener: (error?: Error & { disconnected?: boolean }) => void): unknown
  removeAllListeners(event?: string): unknown
  close(callback?: (error?: Error | null) => void): void
  /** Devices that are talked to (a scale) write; scanners only listen. */
  write?(data: Uint8Array, callback?: (error?: Error | null) => void): boolean
}

export interface SerialOpenOptions {
  path: string
  baudRate: number
  /** Scales on Dialog 06 commonly run 7 data bits, odd parity; scanners use serialport's 8N1 default. */
  dataBits?: 7 | 8
  parity?: 'none' | 'odd' | 'even'
}

export interface SerialBackend {
  list(): Promise<SerialPortInfo[]>
  open(options: SerialOpenOptions): Promise<SerialLike>
}

/** What `SerialPort` and `SerialPortMock` have in common. */
export interface SerialPortClass {
  new (
    options: SerialOpenOptions & { autoOpen: false },
  ): SerialLike & { open(callback: (error: Error | null) => void): void }
  list(): Promise<SerialPortInfo[]>
}

export function serialportBackend(
  load: () => Promise<SerialPortClass> = async () => (await loadSerialPort()) as unknown as SerialPortClass,
): SerialBackend {
  let cls: Promise<SerialPortClass> | undefined
  const get = () => (cls ??= load())
  return {
    async list() {
      return (await get()).list()
    },
    async open(options) {
      const Port = await get()
      const port = new Port({ ...options, autoOpen: false })
      await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())))
      return port
    },
  }
}

export function parseUsbId(id: string | undefined): number | undefined {
  if (!id) return undefined
  const n = parseInt(id.replace(/^0x/i, ''), 16)
  return Number.isFinite(n) ? n : undefined
}

/** The port for a configured path, or re-found by USB VID/PID/serial (COM numbers and ttyACM indexes move). */
export function pickSerialPort(
  ports: readonly SerialPortInfo[],
  want: { path?: string; vendorId?: number; productId?: number; serialNumber?: string },
): { port: SerialPortInfo } | { missing: string } {
  if (want.vendorId !== undefined) {
    const hit = ports.find(
      (p) =>
        parseUsbId(p.vendorId) === want.vendorId &&
        (want.productId === undefined || parseUsbId(p.productId) === want.productId) &&
        (!want.serialNumber || p.serialNumber === want.serialNumber),
    )
    if (hit) return { port: hit }
    const id = `${want.vendorId.toString(16).padStart(4, '0')}:${want.productId?.toString(16).padStart(4, '0') ?? '*'}`
    if (!want.path) return { missing: `no serial port with USB id ${id}` }
  }
  if (want.path) {
    // A plain RS-232 port is not always enumerated (e.g. some USB-serial adapters on Windows); try it anyway.
    return { port: ports.find((p) => p.path === want.path) ?? { path: want.path } }
  }
  return { missing: 'no serial port configured (path or vendorId/productId)' }
}
