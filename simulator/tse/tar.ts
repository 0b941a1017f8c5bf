// A minimal POSIX ustar writer (IEEE Std 1003.1 "pax" ustar header): regular files only, 512-byte
// blocks, two zero blocks at the end — what a TR-03153 TSE export is packed in.

export interface TarEntry {
  name: string
  data: Buffer
  /** seconds since the epoch */
  mtime: number
}

function octal(n: number, width: number): string {
  return n.toString(8).padStart(width - 1, '0') + '\0'
}

function header(entry: TarEntry): Buffer {
  if (Buffer.byteLength(entry.name) > 100)
    throw new RangeError(`tar name longer than 100 bytes: ${entry.name}`)
  const h = Buffer.alloc(512, 0)
  h.write(entry.name, 0, 'utf8')
  h.write(octal(0o644, 8), 100, 'latin1')
  h.write(octal(0, 8), 108, 'latin1')
  h.write(octal(0, 8), 116, 'latin1')
  h.write(octal(entry.data.length, 12), 124, 'latin1')
  h.write(octal(entry.mtime, 12), 136, 'latin1')
  h.write('        ', 148, 'latin1') // checksum field counts as spaces
  h.write('0', 156, 'latin1')
  h.write('ustar\0', 257, 'latin1')
  h.write('00', 263, 'latin1')
  let sum = 0
  for (const b of h) sum += b
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'latin1')
  return h
}

export function tar(entries: readonly TarEntry[]): Buffer {
  const parts: Buffer[] = []
  for (const e of entries) {
    parts.push(header(e), e.data)
    const pad = (512 - (e.data.length % 512)) % 512
    if (pad) parts.push(Buffer.alloc(pad, 0))
  }
  parts.push(Buffer.alloc(1024, 0))
  return Buffer.concat(parts)
}

/** Reads a ustar archive back (tests, and the export's consistency check). */
export function untar(archive: Buffer): TarEntry[] {
  const out: TarEntry[] = []
  let offset = 0
  while (offset + 512 <= archive.length) {
    const h = archive.subarray(offset, offset + 512)
    if (h.every((b) => b === 0)) break
    const name = h.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '')
    const size = parseInt(h.subarray(124, 136).toString('latin1').replace(/\0.*$/s, '').trim() || '0', 8)
    const mtime = parseInt(h.subarray(136, 148).toString('latin1').replace(/\0.*$/s, '').trim() || '0', 8)
    offset += 512
    out.push({ name, data: Buffer.from(archive.subarray(offset, offset + size)), mtime })
    offset += Math.ceil(size / 512) * 512
  }
  return out
}
