// Network printers on raw TCP 9100. One connection per job or status poll, always closed afterwards:
// printers accept a single connection and refuse others while one is open, and leaked sockets have
// wedged printers until a reboot (docs/hardware-printer.md).
import { Socket } from 'node:net'
import { BaseTransport, TransportError, asTransportError, withTimeout } from './transport'

export interface TcpTransportOptions {
  host: string
  port: number
  connectTimeoutMs: number
  writeTimeoutMs: number
}

export class TcpTransport extends BaseTransport {
  readonly persistent = false
  private socket: Socket | null = null

  constructor(private readonly options: TcpTransportOptions) {
    super()
  }

  get description(): string {
    return `tcp ${this.options.host}:${this.options.port}`
  }

  get isOpen(): boolean {
    return this.socket !== null && !this.socket.destroyed
  }

  async open(): Promise<void> {
    if (this.isOpen) return
    const socket = new Socket()
    this.socket = socket
    socket.on('data', (chunk: Buffer) => this.data.emit(new Uint8Array(chunk)))
    socket.on('error', () => {})
    socket.on('close', (hadError) => {
      if (this.socket !== socket) return
      this.socket = null
      this.lost.emit(
        new TransportError(
          'disconnected',
          `${this.description} closed by the printer${hadError ? ' with an error' : ''}`,
        ),
      )
    })
    const connected = new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve)
      socket.once('error', (e) => reject(asTransportError(e, 'refused')))
    })
    socket.connect({ host: this.options.host, port: this.options.port })
    try {
      await withTimeout(connected, this.options.connectTimeoutMs, `connecting to ${this.description}`)
    } catch (e) {
      this.socket = null
      socket.destroy()
      throw e
    }
    // A powered-off printer sends no RST; keep-alive plus our own timeouts notice it (C.3).
    socket.setKeepAlive(true, 5000)
    socket.setNoDelay(true)
  }

  async write(bytes: Uint8Array): Promise<void> {
    const socket = this.socket
    if (!socket || socket.destroyed)
      throw new TransportError('disconnected', `${this.description} is not connected`)
    const done = new Promise<void>((resolve, reject) => {
      const onClose = () =>
        reject(new TransportError('disconnected', `${this.description} closed during write`))
      socket.once('close', onClose)
      socket.write(bytes, (err) => {
        socket.off('close', onClose)
        if (err) reject(asTransportError(err, 'disconnected'))
        else resolve()
      })
    })
    await this.guardWrite(done, bytes.length, this.options.writeTimeoutMs)
  }

  async close(): Promise<void> {
    const socket = this.socket
    this.socket = null
    if (!socket || socket.destroyed) return
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()))
    socket.end()
    // end() waits for the peer's FIN; a wedged printer never sends it, so give up after a moment.
    const timer = setTimeout(() => socket.destroy(), 1000)
    await closed
    clearTimeout(timer)
  }
}
