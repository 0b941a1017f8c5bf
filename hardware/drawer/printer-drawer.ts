// A drawer on the printer's RJ11/RJ12 port: kicked with ESC p through the printer's own queue (so a kick
// never lands inside a receipt's bytes), sensed with DLE EOT 1 bit 2.
import type { DrawerPulseMode, QueuedPrinter } from '../printer/escpos-printer'
import { TransportError } from '../printer/transports/transport'
import { DrawerCore, type DrawerDeps, type DrawerSense } from './drawer-core'
import { type KickSpec, kickBytes, kickDurationMs, realtimeKickBytes } from './kick'

export interface PrinterDrawerOptions {
  id?: string
  kick: KickSpec
  /** Which pin-3 level means "open" differs between drawers; 'none' when no sensor is wired. */
  sensorOpenWhen: 'high' | 'low' | 'none'
  confirmMs?: number
  /** 'buffered' ESC p (default) or the real-time DLE DC4 1 m t where the model supports it. */
  pulse?: DrawerPulseMode
}

export class PrinterDrawer extends DrawerCore {
  constructor(
    private readonly options: PrinterDrawerOptions,
    private readonly printer: QueuedPrinter,
    deps: DrawerDeps = {},
  ) {
    super(
      {
        id: options.id ?? 'drawer',
        virtual: printer.virtual,
        busyMs: kickDurationMs(options.kick) + 100,
        confirmMs: options.confirmMs ?? 1000,
        pollMs: 100,
      },
      deps,
    )
  }

  /** Status first: a pulse sent to a printer that cannot print now would wait in its buffer and fire later. */
  protected kick(): Promise<void> {
    const mode = this.options.pulse ?? 'buffered'
    const bytes = mode === 'realtime' ? realtimeKickBytes(this.options.kick) : kickBytes(this.options.kick)
    return this.printer.pulseWhenReady(bytes, mode)
  }

  protected async sense(): Promise<DrawerSense> {
    if (this.options.sensorOpenWhen === 'none') return null
    const verdict = await this.printer.readStatus()
    if (verdict.drawerPinHigh === null)
      throw new TransportError(
        verdict.state === 'disconnected' ? 'disconnected' : 'timeout',
        `printer ${this.printer.id}: ${verdict.detail}`,
      )
    return verdict.drawerPinHigh === (this.options.sensorOpenWhen === 'high')
  }

  protected async release(): Promise<void> {
    // The printer belongs to whoever created it; closing the drawer must not close the printer.
  }

  protected describe(): string {
    const { pin, onMs, offMs } = this.options.kick
    return `printer ${this.printer.id} (pin ${pin}, ${onMs}/${offMs} ms)`
  }
}
