// Serial printers (RS-232 or USB-CDC) through serialport 13. The port stays open between jobs: a second
// open of a locked port fails, and reopening on every job would toggle DTR (docs/hardware-printer.md).
import type { SerialPort } from 'serialport'
import { loadSerialPort } from '../../serialport-loader'
import { pickSerialPort } from '../../scanner/serial-backend'
import { BaseTransport, TransportError, asTransportError, withTimeout } from './transport'

export interface SerialLocator {
  path?: string
  vendorId?: number
  productId?: number
  serialNumber?: string
}

/**
 * The port with the configured USB VID/PID/serial, else the configured path: COM and ttyUSB numbers move
 * on re-plug, the USB identity does not (docs/hardware-printer.md, "USB unplug").
 */
export async function resolveSerialPath(locator: SerialLocator): Promise<string> {
  if (locator.path && locator.vendorId === undefined) return locator.path
  const SerialPortClass = await loadSerialPort()
  const picked = pickSerialPort(await SerialPortClass.list(), locator)
  if ('missing' in picked) throw new TransportError('disconnected', picked.missing)
  return picked.port.path
}

export interface SerialTransportOptions extends SerialLocator {
  baudRate: number
  writeTimeoutMs: number
  openTimeoutMs?: number
}

export class SerialTransport extends BaseTransport {
  readonly persistent = true
  private port: SerialPort | null = null
  private path: string | null = null

  constructor(private readonly options: SerialTransportOptions) {
    super()
  }

  get description(): string {
    return `serial ${this.path ?? this.options.path ?? `vid ${this.options.vendorId}`}`
  }

  get isOpen(): boolean {
    return this.port?.isOpen ?? false
  }

  async open(): Promise<void> {
    if (this.port?.isOpen) return
    this.path = await resolveSerialPath(this.options)
    const SerialPortClass = await loadSerialPort()
    const port = new SerialPortClass({ path: this.path, baudRate: this.options.baudRate, autoOpen: false })
    await withTimeout(
      new Promise<void>((resolve, reject) =>
        port.open((err) => (err ? reject(asTransportError(err, 'refused')) : resolve())),
      ),
      this.options.openTimeoutMs ?? 3000,
      `opening ${this.path}`,
    ).catch((e: unknown) => {
      // An open that completes after we gave up would hold the port's lock for good.
      if (port.isOpen) port.close()
      else port.once('open', () => port.close())
      throw e
    })
    port.on('data', (chunk: Buffer) => this.data.emit(new Uint8Array(chunk)))
    // serialport emits 'error' and then 'close' (twice on an unplugged pty, C.5): report the loss once.
    port.on('error', () => {})
    port.on('close', (err?: { disconnected?: boolean; message?: string }) => {
      if (this.port !== port) return
      this.port = null
      if (err) this.lost.emit(asTransportError(err, 'disconnected'))
    })
    this.port = port
  }

  async write(bytes: Uint8Array): Promise<void> {
    const port = this.port
    if (!port?.isOpen) throw new TransportError('disconnected', `${this.description} is not open`)
    const done = new Promise<void>((resolve, reject) => {
      const onClose = () =>
        reject(new TransportError('disconnected', `${this.description} closed during write`))
      port.once('close', onClose)
      port.write(Buffer.from(bytes), (err) => {
        if (err) {
          port.off('close', onClose)
          return reject(asTransportError(err, 'disconnected'))
        }
        port.drain((e) => {
          port.off('close', onClose)
          if (e) reject(asTransportError(e, 'disconnected'))
          else resolve()
        })
      })
    })
    await this.guardWrite(done, bytes.length, this.options.writeTimeoutMs)
  }

  async close(): Promise<void> {
    const port = this.port
    this.port = null
    if (!port?.isOpen) return
    await new Promise<void>((resolve) => port.close(() => resolve()))
  }
}
