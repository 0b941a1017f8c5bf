// The printer end of a serial link for tests and demos: opens the other side of a (socat) pty pair and
// lets an EscPosEmulator answer what the driver sends, like a serial receipt printer would.
import { SerialPort } from 'serialport'
import { EscPosEmulator } from '../../hardware/virtual/escpos-emulator'

export interface SerialPeer {
  readonly emulator: EscPosEmulator
  /** Stop taking data (a printer whose buffer is full): bytes then back up into the link. */
  pause(): void
  resume(): void
  /** Stops taking data once the printer has received `bytes` bytes in total (emulator.receivedCount). */
  pauseAfter(bytes: number): void
  close(): Promise<void>
}

export async function attachSerialPeer(
  path: string,
  options: { emulator?: EscPosEmulator; baudRate?: number } = {},
): Promise<SerialPeer> {
  const emulator = options.emulator ?? new EscPosEmulator()
  const port = new SerialPort({ path, baudRate: options.baudRate ?? 19200, autoOpen: false })
  await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())))
  port.on('error', () => {})
  let pauseAt: number | null = null
  port.on('data', (chunk: Buffer) => {
    const reply = emulator.receive(new Uint8Array(chunk))
    if (pauseAt !== null && emulator.receivedCount >= pauseAt) {
      pauseAt = null
      port.pause()
    }
    if (reply.length === 0) return
    const send = () => port.isOpen && port.write(Buffer.from(reply))
    if (emulator.state.slowMs > 0) setTimeout(send, emulator.state.slowMs)
    else send()
  })
  return {
    emulator,
    pause: () => port.pause(),
    resume: () => port.resume(),
    pauseAfter: (bytes) => {
      pauseAt = bytes
    },
    close: () =>
      port.isOpen ? new Promise<void>((resolve) => port.close(() => resolve())) : Promise.resolve(),
  }
}
