// What the manager puts in place of a printer or drawer when no driver for its config is wired in: a device
// that says so in its status and refuses work, instead of a missing object the sale would trip over.
import type { DeviceKind, DeviceStatus } from '../../common/devices'
import type { Clock } from '../../common/ports'
import type { CashDrawer, DrawerOutcome, PrintOutcome, Printer, PrintJob, Unsubscribe } from '../types'

function unavailableStatus(kind: DeviceKind, clock: Clock, detail: string): DeviceStatus {
  return {
    kind,
    id: kind,
    virtual: false,
    state: 'error',
    messageKey: `device.${kind}.noDriver`,
    detail,
    since: new Date(clock.now()).toISOString(),
  }
}

const noop: Unsubscribe = () => {}

export function unavailablePrinter(clock: Clock, detail: string, columns = 48): Printer {
  const status = unavailableStatus('printer', clock, detail)
  return {
    kind: 'printer',
    id: 'printer',
    virtual: false,
    columns,
    current: () => status,
    onStatus: () => noop,
    close: async () => {},
    status: async () => status,
    print: async (job: PrintJob): Promise<PrintOutcome> => ({
      status: 'failed',
      key: job.key,
      state: 'error',
      messageKey: status.messageKey!,
      detail,
      reached: 'nothing',
    }),
    writeRaw: async () => {
      throw new Error(detail)
    },
  }
}

export function unavailableDrawer(clock: Clock, detail: string): CashDrawer {
  const status = unavailableStatus('drawer', clock, detail)
  return {
    kind: 'drawer',
    id: 'drawer',
    virtual: false,
    current: () => status,
    onStatus: () => noop,
    close: async () => {},
    status: async () => status,
    open: async (): Promise<DrawerOutcome> => ({
      status: 'failed',
      state: 'error',
      messageKey: status.messageKey!,
      detail,
    }),
  }
}
