// A look at a host's native memory for docs/memory.md "Looking again": glibc's per-arena statistics
// (malloc_info(3), https://man7.org/linux/man-pages/man3/malloc_info.3.html), its current mmap/trim
// thresholds (`mp_`, needs Debian's libc6-dbg) and /proc/<pid>/smaps, written into `dir` under `label`.
// Only used when TRESEN_SOAK_DUMP names a folder; needs gdb and ptrace rights over the host.
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export function dumpNativeMemory(pid: number, dir: string, label: string, heapSpaces: unknown): void {
  mkdirSync(dir, { recursive: true })
  const xml = join(dir, `${label}-malloc.xml`)
  const out = execFileSync(
    'gdb',
    [
      '-p',
      String(pid),
      '-batch',
      '-ex',
      `call (int)malloc_info(0, (void*)fopen("${xml}", "w"))`,
      '-ex',
      'call (int)fflush(0)',
      '-ex',
      'p mp_',
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 60_000 },
  )
  writeFileSync(join(dir, `${label}-gdb.txt`), out)
  writeFileSync(join(dir, `${label}-heap-spaces.json`), JSON.stringify(heapSpaces, null, 1))
  // /proc files report size 0: read, not copied.
  writeFileSync(join(dir, `${label}-smaps.txt`), readFileSync(`/proc/${pid}/smaps`, 'utf8'))
}
