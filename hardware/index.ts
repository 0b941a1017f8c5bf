// Public surface of the hardware layer (main process only). A plain list of re-exports.
export type {
  CashDrawer,
  Device,
  DrawerOpenRequest,
  DrawerOutcome,
  PrintJob,
  PrintOutcome,
  Printer,
  Scanner,
  Unsubscribe,
} from './types'

// Scanner: classification, decoders, drivers, virtual twin
export {
  classifyCode,
  gs1CheckDigit,
  hasValidCheckDigit,
  isProductScan,
  DEFAULT_IN_STORE,
  type InvalidReason,
  type ReadInfo,
} from './scanner/classify'
export { readTrack, looksLikeTrackData, type TrackRead } from './scanner/magstripe'
export {
  createKeyboardDecoder,
  encodeKeyboardReports,
  type KeyEvent,
  type KeyboardDecoder,
} from './scanner/keyboard'
export { LAYOUTS, type LayoutName } from './scanner/keyboard-layouts'
export {
  createHidPosAssembler,
  parseHidPosReport,
  HID_POS_USAGE_PAGE,
  type HidPosRead,
} from './scanner/hid-pos'
export { createCardDebounce, type CardDebounce } from './scanner/debounce'
export {
  nodeHidBackend,
  type HidBackend,
  type HidDriverType,
  type HidDeviceInfo,
  type HidHandle,
  type HidTarget,
} from './scanner/hid-backend'
export {
  serialportBackend,
  pickSerialPort,
  parseUsbId,
  type SerialBackend,
  type SerialLike,
  type SerialPortClass,
  type SerialPortInfo,
} from './scanner/serial-backend'
export { HidScanner, pickHidDevice, type HidScannerConfig } from './scanner/hid-scanner'
export { SerialScanner, type SerialScannerConfig } from './scanner/serial-scanner'
export {
  VirtualScanner,
  hexReport,
  type RawReport,
  type VirtualScannerOptions,
} from './scanner/virtual-scanner'
export { ScannerBase, HardwareScanner, DEFAULT_SCANNING } from './scanner/scanner-base'
export { createCodeBuffer, type CodeBuffer, type Terminator } from './scanner/code-buffer'

// Device manager
export {
  createDeviceManager,
  defaultFactories,
  MANAGER_BACKOFF,
  type DeviceDeps,
  type DeviceFactories,
  type DeviceManager,
  type DeviceManagerOptions,
  type DrawerFactory,
  type PrinterFactory,
} from './manager/device-manager'
export { backoffDelay, isReconnectable, type BackoffOptions, type Reconnectable } from './manager/reconnect'
export {
  manualTimers,
  systemTimers,
  type ManualTimers,
  type TimerHandle,
  type Timers,
} from './manager/timers'
export { listAttached, hidLister, serialLister, type AttachedLister } from './manager/attached'

// Receipt printer: renderer, drivers, transports, status, job queue (its list is hardware/printer/index.ts)
export * from './printer'
export {
  decodeEscPos,
  decodeText,
  decodeByte,
  encodeChar,
  type DecodeResult,
  type DecodedCommand,
  type DecodedLine,
  type CodepageName,
} from './escpos-decoder'

// Cash drawer
export { createDrawer, kickFromConfig, type CreateDrawerDeps } from './drawer/create'
export { DrawerCore, type DrawerSense } from './drawer/drawer-core'
export { kickBytes, kickDurationMs, DEFAULT_KICK, type KickSpec, type KickPin } from './drawer/kick'
export { PrinterDrawer, type PrinterDrawerOptions } from './drawer/printer-drawer'
export { SerialDrawer, type SerialDrawerOptions, type SerialTrigger } from './drawer/serial-drawer'
export { openSerialLine, type SerialLine, type OpenSerialLine, type ModemLines } from './drawer/serial-line'

// Virtual printer and drawer (the test fakes of a TCP and a serial printer live in test/fakes)
export {
  createVirtualPrinter,
  MemoryTransport,
  type VirtualPrinter,
  type VirtualPrinterOptions,
} from './virtual/printer'
export { EscPosEmulator, type EmulatorState, type PulseEvent } from './virtual/escpos-emulator'
export { VirtualDrawer, type VirtualDrawerOptions } from './virtual/drawer'
