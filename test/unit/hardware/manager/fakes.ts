// Stand-ins for the printer engineer's drivers: just enough Printer/CashDrawer to drive the manager.
import type { DeviceState, DeviceStatus } from '../../../../common/devices'
import type { DrawerConfig, PrinterConfig } from '../../../../common/config/devices'
import type { CashDrawer, Printer, PrintJob, PrintOutcome } from '../../../../hardware/types'

export class FakePrinter implements Printer {
  readonly kind = 'printer' as const
  readonly id = 'printer'
  readonly columns = 48
  readonly virtual: boolean
  closed = false
  printed: PrintJob[] = []
  private last: DeviceStatus
  private listeners = new Set<(s: DeviceStatus) => void>()
  constructor(readonly config: PrinterConfig) {
    this.virtual = config.driver === 'virtual'
    this.last = this.make('connected')
  }
  private make(state: DeviceState, messageKey = `device.printer.${state}`): DeviceStatus {
    return {
      kind: 'printer',
      id: this.id,
      virtual: this.virtual,
      state,
      messageKey,
      since: new Date(0).toISOString(),
    }
  }
  set(state: DeviceState): void {
    this.last = this.make(state)
    for (const l of this.listeners) l(this.last)
  }
  current = () => this.last
  onStatus(l: (s: DeviceStatus) => void) {
    this.listeners.add(l)
    return () => void this.listeners.delete(l)
  }
  async close() {
    this.closed = true
  }
  status = async () => this.last
  async print(job: PrintJob): Promise<PrintOutcome> {
    this.printed.push(job)
    return { status: 'printed', key: job.key, bytes: 1 }
  }
  async writeRaw() {}
}

export class FakeDrawer implements CashDrawer {
  readonly kind = 'drawer' as const
  readonly id = 'drawer'
  readonly virtual: boolean
  closed = false
  constructor(
    readonly config: DrawerConfig,
    readonly printer: Printer,
  ) {
    this.virtual = config.driver === 'virtual'
  }
  current = (): DeviceStatus => ({
    kind: 'drawer',
    id: 'drawer',
    virtual: this.virtual,
    state: 'drawer-closed',
    since: new Date(0).toISOString(),
  })
  onStatus = () => () => {}
  close = async () => {
    this.closed = true
  }
  status = async () => this.current()
  open = async () => ({ status: 'kicked' as const, open: true })
}
