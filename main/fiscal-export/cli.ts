// `npm run export:dsfinvk -- --data-dir D --from Z1 --to Z2 --out F [--config C]` (or --from-date /
// --to-date YYYY-MM-DD): the DSFinV-K export for an auditor's request without the app's UI. Reads the
// journal read-only, so it may run beside a running till. Messages in German and English.
import { resolve } from 'node:path'
import { loadConfig } from '../config/load-config'
import type { ExportRange } from './dsfinvk/export'
import { exportDsfinvkInWorker } from './run-export'
import { masterFromConfig } from './master'

function arg(argv: readonly string[], name: string): string | undefined {
  const i = argv.indexOf(name)
  if (i >= 0) return argv[i + 1]
  return argv.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1)
}

const USAGE =
  'Aufruf / usage: npm run export:dsfinvk -- --data-dir <Ordner> (--from <Z-Nr> --to <Z-Nr> | --from-date <JJJJ-MM-TT> --to-date <JJJJ-MM-TT>) --out <datei.zip> [--config <config.json>]'

function fail(de: string, en: string): never {
  process.stderr.write(`${de}\n${en}\n${USAGE}\n`)
  process.exit(2)
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2)
  const dataDir = arg(argv, '--data-dir')
  const out = arg(argv, '--out')
  if (!dataDir || !out) fail('--data-dir und --out fehlen.', '--data-dir and --out are required.')
  let range: ExportRange
  const from = arg(argv, '--from')
  const to = arg(argv, '--to')
  const fromDate = arg(argv, '--from-date')
  const toDate = arg(argv, '--to-date')
  if (from && to) {
    const fromZ = Number(from)
    const toZ = Number(to)
    if (!Number.isInteger(fromZ) || !Number.isInteger(toZ) || fromZ < 1 || toZ < fromZ)
      fail(`Ungültige Z-Nummern: ${from}–${to}.`, `Invalid Z numbers: ${from}–${to}.`)
    range = { fromZ, toZ }
  } else if (
    fromDate &&
    toDate &&
    /^\d{4}-\d{2}-\d{2}$/.test(fromDate) &&
    /^\d{4}-\d{2}-\d{2}$/.test(toDate)
  ) {
    range = { fromDate, toDate }
  } else fail('Bitte Z-Nummern oder Datumsbereich angeben.', 'Give Z numbers or a date range.')
  const loaded = await loadConfig({ argv, dataDir: resolve(dataDir) })
  if (!loaded.ok)
    fail(`Konfiguration nicht lesbar: ${loaded.path}`, `Configuration not readable: ${loaded.path}`)
  const t0 = Date.now()
  try {
    const result = await exportDsfinvkInWorker({
      dataDir: resolve(dataDir),
      range,
      out: resolve(out),
      master: masterFromConfig(loaded.config),
    })
    process.stdout.write(
      `DSFinV-K-Export geschrieben / written: ${result.file}\n` +
        `Z ${result.closings[0]}–${result.closings[result.closings.length - 1]}, ${result.transactions} Vorgänge / records, ` +
        `${result.lines} Positionen / lines, ${(result.bytes / 1024).toFixed(0)} KiB, ${((Date.now() - t0) / 1000).toFixed(1)} s\n`,
    )
    for (const w of result.warnings) process.stdout.write(`Hinweis: ${w.de}\nNote: ${w.en}\n`)
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    fail(`Export fehlgeschlagen: ${message}`, `Export failed: ${message}`)
  }
}

void main()
