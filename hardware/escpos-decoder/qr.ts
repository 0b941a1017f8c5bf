// The QR codes a job prints, read straight from its bytes: GS ( k cn=49 fn=80 stores the symbol's
// data, fn=81 prints what is stored (Epson ESC/POS reference, "GS ( k <Function 180>/<Function 181>").
// Kept apart from decode.ts so tests can ask "which QR payloads are on this receipt" in one call.

const GS = 0x1d

/** Every printed QR payload, in print order. Bytes are ISO-8859-1 (what the encoder sends). */
export function qrPayloads(bytes: Uint8Array): string[] {
  const printed: string[] = []
  let stored: string | null = null
  for (let i = 0; i + 7 < bytes.length; i++) {
    if (bytes[i] !== GS || bytes[i + 1] !== 0x28 || bytes[i + 2] !== 0x6b) continue
    const length = bytes[i + 3] + bytes[i + 4] * 256
    const cn = bytes[i + 5]
    const fn = bytes[i + 6]
    const end = i + 5 + length
    if (end > bytes.length) break
    if (cn === 0x31 && fn === 0x50) stored = String.fromCharCode(...bytes.subarray(i + 8, end))
    if (cn === 0x31 && fn === 0x51 && stored !== null) printed.push(stored)
    i = end - 1
  }
  return printed
}
