// Drawers on their own serial interface (trigger boxes, Tysso-style drawers): any configured bytes, or a
// DTR/RTS pulse, open them; the sensor, where wired, is CTS, DSR or DCD (RI is unreadable, C.4).
import { resolveSerialPath, type SerialLocator } from '../printer/transports/serial'
import { DrawerCore, type DrawerDeps, type DrawerSense } from './drawer-core'
import { type OpenSerialLine, type SerialLine, openSerialLine } from './serial-line'

export type SerialTrigger = { bytes: number[] } | { pulse: 'dtr' | 'rts'; ms: number }

export interface SerialDrawerOptions extends SerialLocator {
  id?: string
  baudRate: number
  trigger: SerialTrigger
  sensor: 'cts' | 'dsr' | 'dcd' | 'none'
  sensorOpenWhen: 'high' | 'low'
  confirmMs?: number
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const IDLE = { dtr: false, rts: false }

export class SerialDrawer extends DrawerCore {
  private line: SerialLine | null = null
  private readonly openLine: OpenSerialLine

  constructor(
    private readonly options: SerialDrawerOptions,
    deps: DrawerDeps & { openLine?: OpenSerialLine } = {},
  ) {
    super(
      {
        id: options.id ?? 'drawer',
        virtual: false,
        busyMs: 'pulse' in options.trigger ? options.trigger.ms + 400 : 500,
        confirmMs: options.confirmMs ?? 1000,
      },
      deps,
    )
    this.openLine = deps.openLine ?? openSerialLine
  }

  protected async kick(): Promise<void> {
    const line = await this.ensureLine()
    const trigger = this.options.trigger
    try {
      if ('bytes' in trigger) return await line.write(Uint8Array.from(trigger.bytes))
      await line.setLines({ ...IDLE, [trigger.pulse]: true })
      await sleep(trigger.ms)
      await line.setLines(IDLE)
    } catch (e) {
      await this.drop()
      throw e
    }
  }

  protected async sense(): Promise<DrawerSense> {
    if (this.options.sensor === 'none') return null
    const line = await this.ensureLine()
    try {
      const level = (await line.getLines())[this.options.sensor]
      return level === (this.options.sensorOpenWhen === 'high')
    } catch (e) {
      await this.drop()
      throw e
    }
  }

  protected release(): Promise<void> {
    return this.drop()
  }

  protected describe(): string {
    const t = this.options.trigger
    const how =
      'bytes' in t
        ? `bytes ${t.bytes.map((b) => b.toString(16).padStart(2, '0')).join(' ')}`
        : `${t.pulse} pulse ${t.ms} ms`
    return `serial ${this.options.path ?? `vid ${this.options.vendorId}`} ${how}`
  }

  /**
   * Kept open between kicks: opening asserts DTR on every OS (C.1), which would pulse a DTR-wired drawer.
   * [I] hupcl:false is what keeps DTR from toggling on open/close per node-serialport PR #495; right after
   * opening we drive both lines idle, so at worst one short DTR blip happens when the app starts.
   */
  private async ensureLine(): Promise<SerialLine> {
    if (this.line?.isOpen) return this.line
    const path = await resolveSerialPath(this.options)
    const pulse = 'pulse' in this.options.trigger
    const line = await this.openLine({ path, baudRate: this.options.baudRate, hupcl: !pulse })
    if (pulse) {
      await line.setLines(IDLE).catch(async (e: unknown) => {
        await line.close().catch(() => {})
        throw e
      })
    }
    this.line = line
    return line
  }

  private async drop(): Promise<void> {
    const line = this.line
    this.line = null
    await line?.close().catch(() => {})
  }
}
