export { createPrinter, printerTransport, type CreatePrinterDeps } from './create'
export {
  EscPosPrinter,
  type EscPosPrinterOptions,
  type PrinterDeps,
  type QueuedPrinter,
} from './escpos-printer'
export { type PrintJobRecord, type JobState } from './queue'
export {
  renderEscPos,
  prologue,
  printable,
  DEFAULT_CODEPAGE_NUMBER,
  type RenderOptions,
  type PrinterCodepage,
} from './render'
export {
  interpretStatus,
  isStatusReply,
  readStatusReport,
  type PrinterStatusReport,
  type StatusVerdict,
} from './status'
export { type PrinterTransport, TransportError, type TransportErrorKind } from './transports/transport'
export { SerialTransport, resolveSerialPath } from './transports/serial'
export { TcpTransport } from './transports/tcp'
export { UsbFileTransport } from './transports/usb-file'
