// The TSE's own export (TAR of the signed log messages, BSI TR-03153), fetched and kept with each
// DSFinV-K export. The TSE port implements `exportTar` (fiskaly SIGN DE v2 `GET /tss/{id}/export` or
// the simulator's); the export only needs this one method.
import { createWriteStream } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { pipeline } from 'node:stream/promises'

export interface TseTarExporter {
  exportTar(): Promise<Uint8Array | NodeJS.ReadableStream>
}

/** What the DSFinV-K export calls: write the TAR to a path. */
export interface TseExportSource {
  saveTar(path: string): Promise<void>
}

export function tseExportSource(exporter: TseTarExporter): TseExportSource {
  return {
    async saveTar(path) {
      const tar = await exporter.exportTar()
      if (tar instanceof Uint8Array) await writeFile(path, tar, { flag: 'wx' })
      else await pipeline(tar, createWriteStream(path, { flags: 'wx' }))
    },
  }
}
