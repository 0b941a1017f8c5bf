// A loopback "network printer" for tests, the e2e run and demos: listens on 127.0.0.1, takes one
// connection at a time like real TCP 9100 printers (further ones are dropped at once), records what it
// receives and answers DLE EOT from an EscPosEmulator whose state the test sets.
import { type Server, type Socket, createServer } from 'node:net'
import { EscPosEmulator } from '../../hardware/virtual/escpos-emulator'

export interface FakeTcpPrinter {
  readonly port: number
  readonly host: string
  readonly emulator: EscPosEmulator
  /** Connections accepted and refused so far. */
  readonly stats: { accepted: number; refused: number }
  /** Drops the current client abruptly (a cable pulled mid-job). */
  dropClient(): void
  /** Drops the client once the printer has received `bytes` bytes in total (emulator.receivedCount). */
  dropClientAfter(bytes: number): void
  close(): Promise<void>
}

export async function startFakeTcpPrinter(
  options: { port?: number; emulator?: EscPosEmulator } = {},
): Promise<FakeTcpPrinter> {
  const emulator = options.emulator ?? new EscPosEmulator()
  const stats = { accepted: 0, refused: 0 }
  let client: Socket | null = null
  let dropAt: number | null = null
  const server: Server = createServer((socket) => {
    if (client) {
      stats.refused++
      socket.destroy()
      return
    }
    stats.accepted++
    client = socket
    socket.on('data', (chunk: Buffer) => {
      if (dropAt !== null && emulator.receivedCount + chunk.length >= dropAt) {
        // The cable goes at exactly this byte: what follows never reaches the printer.
        emulator.receive(new Uint8Array(chunk.subarray(0, dropAt - emulator.receivedCount)))
        dropAt = null
        socket.resetAndDestroy()
        return
      }
      const reply = emulator.receive(new Uint8Array(chunk))
      if (reply.length === 0) return
      const send = () => !socket.destroyed && socket.write(reply)
      if (emulator.state.slowMs > 0) setTimeout(send, emulator.state.slowMs)
      else send()
    })
    socket.on('error', () => {})
    socket.on('close', () => {
      if (client === socket) client = null
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    port,
    host: '127.0.0.1',
    emulator,
    stats,
    dropClient: () => client?.resetAndDestroy(),
    dropClientAfter: (bytes) => {
      dropAt = bytes
    },
    close: () =>
      new Promise<void>((resolve) => {
        client?.destroy()
        server.close(() => resolve())
      }),
  }
}
