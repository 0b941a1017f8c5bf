// Runs the DSFinV-K export in a worker thread with fixed heap limits (worker.ts): the main process's
// event loop stays free for the counter, and the export's memory stays bounded however long the range
// (V8 would otherwise grow the main isolate's young generation under the export's allocation rate).
// The TSE's TAR is fetched here first (the TSE client lives in main) and handed over as a file.
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { ExportRangeError, type DsfinvkExportInput, type DsfinvkExportResult } from './dsfinvk/export'

/** Heap limits of the export worker (MiB): its live data is a few chunks and buffers. */
export const WORKER_LIMITS = { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 64 }

/** node:sqlite's experimental notice is said once by the process, not again by each export. */
const QUIET = ['--disable-warning=ExperimentalWarning']

/** The bundled worker (out/main/dsfinvk-worker.js) in the app; the TypeScript entry through tsx otherwise. */
function workerEntry(): { file: string; execArgv: string[] } {
  // The bundle puts this module into out/main or out/main/chunks; the worker entry is out/main.
  const bundled = [join(__dirname, 'dsfinvk-worker.js'), join(__dirname, '..', 'dsfinvk-worker.js')].find(
    (f) => existsSync(f),
  )
  if (bundled) return { file: bundled, execArgv: QUIET }
  return { file: join(__dirname, 'worker.ts'), execArgv: [...QUIET, '--require', 'tsx/cjs'] }
}

export async function exportDsfinvkInWorker(input: DsfinvkExportInput): Promise<DsfinvkExportResult> {
  const work = mkdtempSync(join(tmpdir(), 'tresen-tse-tar-'))
  try {
    let tseTar: { path: string } | { error: string } | undefined
    if (input.tse) {
      const path = join(work, 'tse-export.tar')
      try {
        await input.tse.saveTar(path)
        tseTar = { path }
      } catch (error) {
        tseTar = { error: error instanceof Error ? error.message : String(error) }
      }
    }
    const { tse: _tse, now, ...plain } = input
    const entry = workerEntry()
    const worker = new Worker(entry.file, {
      execArgv: entry.execArgv,
      resourceLimits: WORKER_LIMITS,
      workerData: {
        input: { ...plain, ...(now ? { now: now().getTime() } : {}) },
        ...(tseTar ? { tseTar } : {}),
      },
    })
    return await new Promise<DsfinvkExportResult>((resolve, reject) => {
      worker.once(
        'message',
        (m: { ok: true; result: DsfinvkExportResult } | { ok: false; range: boolean; message: string }) => {
          if (m.ok) resolve(m.result)
          else reject(m.range ? new ExportRangeError(m.message) : new Error(m.message))
        },
      )
      worker.once('error', reject)
      worker.once('exit', (code) => {
        if (code !== 0) reject(new Error(`DSFinV-K export worker ended with code ${code}`))
      })
    })
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}
