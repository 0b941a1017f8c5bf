// Worker thread entry of the DSFinV-K export: the journal reads are synchronous (node:sqlite), so a
// year's export run on the main thread would hold the counter's event loop for many seconds; here it
// runs beside it with a small, fixed heap (resource limits set by run-export.ts). Receives the export
// input (without functions) and answers with the result or the error's message.
import { copyFile } from 'node:fs/promises'
import { parentPort, workerData } from 'node:worker_threads'
import { exportDsfinvk, ExportRangeError, type DsfinvkExportInput } from './dsfinvk/export'

interface Job {
  input: Omit<DsfinvkExportInput, 'tse' | 'now'> & { now?: number }
  /** The TSE's TAR, already fetched by the main thread into a file (or the error fetching it). */
  tseTar?: { path: string } | { error: string }
}

async function run(job: Job) {
  const { now, ...input } = job.input
  const tar = job.tseTar
  return exportDsfinvk({
    ...input,
    ...(now !== undefined ? { now: () => new Date(now) } : {}),
    ...(tar
      ? {
          tse: {
            saveTar: async (path: string) => {
              if ('error' in tar) throw new Error(tar.error)
              await copyFile(tar.path, path)
            },
          },
        }
      : {}),
  })
}

run(workerData as Job).then(
  (result) => parentPort?.postMessage({ ok: true, result }),
  (error: unknown) =>
    parentPort?.postMessage({
      ok: false,
      range: error instanceof ExportRangeError,
      message: error instanceof Error ? error.message : String(error),
    }),
)
