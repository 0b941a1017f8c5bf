// createPrinter: config → a Printer. Every driver ends in the same EscPosPrinter; only the transport differs.
import { PAPER_COLUMNS } from '../../common/receipt/layout'
import type { PrinterConfig } from '../../common/config/devices'
import type { Clock, Logger } from '../../common/ports'
import type { KickSpec } from '../drawer/kick'
import { createVirtualPrinter } from '../virtual/printer'
import { EscPosPrinter, type QueuedPrinter } from './escpos-printer'
import { SerialTransport } from './transports/serial'
import { TcpTransport } from './transports/tcp'
import type { PrinterTransport } from './transports/transport'
import { UsbFileTransport } from './transports/usb-file'

export interface CreatePrinterDeps {
  id?: string
  clock?: Clock
  logger?: Logger
  /** Pulse for jobs with `openDrawer` (from the drawer config when the drawer hangs off the printer). */
  kick?: KickSpec
  /** Replaces the transport the config names (tests, special links). */
  transport?: PrinterTransport
}

type RealPrinterConfig = Exclude<PrinterConfig, { driver: 'virtual' }>

export function printerTransport(config: RealPrinterConfig): PrinterTransport {
  switch (config.driver) {
    case 'serial':
      return new SerialTransport({
        path: config.path,
        vendorId: config.vendorId,
        productId: config.productId,
        serialNumber: config.serialNumber,
        baudRate: config.baudRate,
        writeTimeoutMs: config.writeTimeoutMs,
        openTimeoutMs: config.connectTimeoutMs,
      })
    case 'tcp': {
      const host = config.host ?? config.path
      if (!host) throw new Error('printer driver "tcp" needs "host"')
      return new TcpTransport({
        host,
        port: config.port,
        connectTimeoutMs: config.connectTimeoutMs,
        writeTimeoutMs: config.writeTimeoutMs,
      })
    }
    case 'usb-file':
      return new UsbFileTransport({
        path: config.path ?? '/dev/usb/lp0',
        writeTimeoutMs: config.writeTimeoutMs,
      })
  }
}

export function createPrinter(config: PrinterConfig, deps: CreatePrinterDeps = {}): QueuedPrinter {
  const { id = 'printer', transport, ...rest } = deps
  if (config.driver === 'virtual') return createVirtualPrinter({ id, columns: config.columns }, rest)
  return new EscPosPrinter(
    {
      id,
      virtual: false,
      columns: PAPER_COLUMNS[config.paper],
      codepage: config.codepage,
      codepageNumber: config.codepageNumber,
      statusTimeoutMs: config.statusTimeoutMs,
      statusQuery: config.statusQuery,
      cut: config.cut,
      feedBeforeCut: config.feedBeforeCut,
      postCheckDelayMs: config.postCheckDelayMs,
      qr: config.qrCode,
    },
    { transport: transport ?? printerTransport(config), ...rest },
  )
}
