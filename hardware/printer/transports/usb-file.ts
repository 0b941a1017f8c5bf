// Linux USB printer class devices (/dev/usb/lp0, usblp). Opened non-blocking: a blocking read on a
// printer without an answer hangs a libuv thread until unplug (python-escpos#143), so reads are polled
// only while a status query listens, and writes retry EAGAIN until the write timeout.
import { constants, promises as fs } from 'node:fs'
import { BaseTransport, TransportError, asTransportError } from './transport'

export interface UsbFileTransportOptions {
  path: string
  writeTimeoutMs: number
  /** How often to poll for status replies while a query waits. */
  pollMs?: number
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const isAgain = (e: unknown) => (e as { code?: string }).code === 'EAGAIN'

export class UsbFileTransport extends BaseTransport {
  readonly persistent = true
  private handle: fs.FileHandle | null = null
  private polling = false

  constructor(private readonly options: UsbFileTransportOptions) {
    super()
  }

  get description(): string {
    return `usb-file ${this.options.path}`
  }

  get isOpen(): boolean {
    return this.handle !== null
  }

  async open(): Promise<void> {
    if (this.handle) return
    try {
      // No O_CREAT: a vanished device must fail with ENOENT, not silently create a regular file.
      this.handle = await fs.open(
        this.options.path,
        constants.O_RDWR | constants.O_NONBLOCK | constants.O_NOCTTY,
      )
    } catch (e) {
      throw asTransportError(e, 'refused')
    }
  }

  async write(bytes: Uint8Array): Promise<void> {
    const deadline = Date.now() + this.options.writeTimeoutMs
    let offset = 0
    while (offset < bytes.length) {
      const handle = this.handle
      if (!handle) throw new TransportError('disconnected', `${this.description} is not open`)
      try {
        const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset)
        offset += bytesWritten
      } catch (e) {
        if (!isAgain(e)) return this.fail(e)
        if (Date.now() > deadline) {
          await this.close()
          throw new TransportError(
            'timeout',
            `writing ${bytes.length} bytes to ${this.description} timed out after ${this.options.writeTimeoutMs} ms (${offset} sent)`,
          )
        }
        await sleep(10)
      }
    }
  }

  override onData(listener: (chunk: Uint8Array) => void) {
    const off = super.onData(listener)
    if (!this.polling) void this.poll()
    return off
  }

  async close(): Promise<void> {
    const handle = this.handle
    this.handle = null
    await handle?.close().catch(() => {})
  }

  private async poll(): Promise<void> {
    this.polling = true
    const buffer = new Uint8Array(64)
    try {
      while (this.data.size > 0 && this.handle) {
        try {
          const { bytesRead } = await this.handle.read(buffer, 0, buffer.length, null)
          if (bytesRead > 0) this.data.emit(buffer.slice(0, bytesRead))
          else await sleep(this.options.pollMs ?? 20)
        } catch (e) {
          if (!isAgain(e)) {
            await this.fail(e).catch(() => {})
            return
          }
          await sleep(this.options.pollMs ?? 20)
        }
      }
    } finally {
      this.polling = false
    }
  }

  private async fail(error: unknown): Promise<never> {
    const err = asTransportError(error, 'disconnected')
    if (this.handle) {
      await this.close()
      if (err.kind === 'disconnected') this.lost.emit(err)
    }
    throw err
  }
}
