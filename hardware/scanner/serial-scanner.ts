// Serial / USB-CDC scanners: text lines ended by CR/LF (or Tab), found again by VID/PID on every connect.
import type { ScannerConfig } from '../../common/config/devices'
import type { Reconnectable } from '../manager/reconnect'
import type { Timers } from '../manager/timers'
import type { CodeBuffer } from './code-buffer'
import { HardwareScanner, type ScannerBaseOptions } from './scanner-base'
import { pickSerialPort, type SerialBackend, type SerialLike } from './serial-backend'

export type SerialScannerConfig = Extract<ScannerConfig, { driver: 'serial' }>

export interface SerialScannerOptions extends ScannerBaseOptions {
  config: SerialScannerConfig
  serial: SerialBackend
  timers: Timers
}

export class SerialScanner extends HardwareScanner implements Reconnectable {
  private readonly config: SerialScannerConfig
  private readonly serial: SerialBackend
  private readonly codes: CodeBuffer
  private port: SerialLike | undefined

  constructor(options: SerialScannerOptions) {
    super(options)
    this.config = options.config
    this.serial = options.serial
    this.codes = this.codeBuffer('serial', options.timers, this.config)
  }

  protected isOpen(): boolean {
    return this.port !== undefined
  }

  protected abortReads(): void {
    this.codes.abort()
  }

  protected dropReads(): void {
    this.codes.discard()
  }

  protected async open(): Promise<boolean> {
    const found = await this.locate(
      {
        list: () => this.serial.list(),
        unavailableKey: 'device.scanner.serialUnavailable',
        what: 'serial ports',
      },
      (all) => {
        const pick = pickSerialPort(all, this.config)
        return 'missing' in pick ? pick.missing : pick.port
      },
    )
    if (!found) return false
    let port: SerialLike
    try {
      port = await this.serial.open({ path: found.path, baudRate: this.config.baudRate })
    } catch (error) {
      const missing = /ENOENT|File not found|cannot find/i.test(String(error))
      this.setStatus(
        missing ? 'disconnected' : 'error',
        missing ? 'device.scanner.notFound' : 'device.scanner.openFailed',
        `cannot open ${found.path}: ${String(error)}`,
      )
      return false
    }
    if (this.closed) {
      port.close()
      return false
    }
    this.port = port
    port.on('data', (data: Buffer) => {
      if (this.port === port) this.codes.text(data.toString('latin1'))
    })
    // serialport emits 'close' (with `disconnected: true` on unplug) and sometimes 'error' first, sometimes
    // twice; whichever comes first ends this port, the rest is ignored.
    port.on('close', (error?: Error) => {
      if (port === this.port) void this.lost(error?.message ?? 'port closed')
    })
    port.on('error', (error: Error) => {
      if (port === this.port && !port.isOpen) void this.lost(error.message)
      else this.logger.log('warn', 'scanner.serial-error', { id: this.id, error: error.message })
    })
    this.setStatus('connected', 'device.scanner.connected', found.path)
    return true
  }

  protected async release(): Promise<void> {
    const port = this.port
    this.port = undefined
    if (!port) return
    port.removeAllListeners('data')
    port.removeAllListeners('close')
    port.removeAllListeners('error')
    port.on('error', () => undefined)
    if (port.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()))
  }
}
