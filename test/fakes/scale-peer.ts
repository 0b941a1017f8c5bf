// The scale end of a serial link for tests and demos: opens the other side of a (socat) pty pair and lets
// the Dialog 06 scale emulator answer what the till sends, like a shop scale on RS-232 would.
import { SerialPort } from 'serialport'
import { Dialog06ScaleEmulator } from '../../hardware/virtual/dialog06-scale-emulator'

export interface ScalePeer {
  readonly emulator: Dialog06ScaleEmulator
  close(): Promise<void>
}

export async function attachScalePeer(
  path: string,
  options: { emulator?: Dialog06ScaleEmulator; baudRate?: number } = {},
): Promise<ScalePeer> {
  const emulator = options.emulator ?? new Dialog06ScaleEmulator()
  const port = new SerialPort({
    path,
    baudRate: options.baudRate ?? 9600,
    dataBits: 7,
    parity: 'odd',
    autoOpen: false,
  })
  await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())))
  port.on('error', () => {})
  port.on('data', (chunk: Buffer) => {
    const reply = emulator.receive(new Uint8Array(chunk))
    if (reply.length === 0) return
    const send = () => port.isOpen && port.write(Buffer.from(reply))
    if (emulator.state.slowMs > 0) setTimeout(send, emulator.state.slowMs)
    else send()
  })
  return {
    emulator,
    close: () =>
      port.isOpen ? new Promise<void>((resolve) => port.close(() => resolve())) : Promise.resolve(),
  }
}
