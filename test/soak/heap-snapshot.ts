// Looking into a soak run by hand (docs/memory.md): with TRESEN_SOAK_HEAPSNAP=<folder> the soak writes
// a V8 heap snapshot of the host at each measuring point (after warm-up, at the end), taken through
// the inspector after a full collection. Open two in Chrome DevTools' "Comparison" view to see what the
// run kept. Taking a snapshot raises the host's RSS for the rest of the run: in such a run compare the
// heaps, not the RSS figures.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { openInspector } from '../chaos/host-rig'

export async function writeHeapSnapshot(
  inspectorUrl: string,
  folder: string,
  label: string,
): Promise<string> {
  const ws = await openInspector(inspectorUrl)
  const chunks: string[] = []
  try {
    await new Promise<void>((resolve, reject) => {
      ws.on('message', (data: unknown) => {
        const message = JSON.parse(String(data)) as {
          id?: number
          method?: string
          params?: { chunk?: string }
          error?: unknown
        }
        if (message.method === 'HeapProfiler.addHeapSnapshotChunk') chunks.push(message.params?.chunk ?? '')
        if (message.id === 3) {
          if (message.error) reject(new Error(JSON.stringify(message.error)))
          else resolve()
        }
      })
      ws.send(JSON.stringify({ id: 1, method: 'HeapProfiler.enable' }))
      ws.send(JSON.stringify({ id: 2, method: 'HeapProfiler.collectGarbage' }))
      ws.send(
        JSON.stringify({ id: 3, method: 'HeapProfiler.takeHeapSnapshot', params: { reportProgress: false } }),
      )
    })
  } finally {
    ws.close()
  }
  const path = join(folder, `host-${label}.heapsnapshot`)
  writeFileSync(path, chunks.join(''))
  return path
}
