// The journal's integrity from a shell, without the app (an auditor's request, a till that refuses
// to start):
//   npm run journal:verify -- --data-dir D [--json]
//   npm run journal:restore -- --data-dir D --backup F [--by NAME]
// verify checks the whole chain, the rows against it and the anchor record; exit code 0 = intact,
// 1 = findings (the first bad row first), 2 = could not run. restore: docs/journal.md "Backup and restore".
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { sqlite } from './sqlite'
import { AppFailure } from '../../common/result'
import { readAnchor, rollbacks } from './anchor'
import { restoreJournal } from './backup'
import { chainExists, type ChainHead } from './chain'
import { JOURNAL_FILE } from './database'
import { describeFinding, verifyChain, type AnchoredHead } from './verify'

const out = (line: string) => process.stdout.write(`${line}\n`)

function usage(): number {
  out('Aufruf / usage: npm run journal:verify -- --data-dir <Ordner/folder> [--json]')
  out(
    '                npm run journal:restore -- --data-dir <Ordner/folder> --backup <Datei/file> [--by <Name>]',
  )
  return 2
}

export function verifyCommand(dataDir: string, json: boolean): number {
  const file = join(dataDir, JOURNAL_FILE)
  if (!existsSync(file)) {
    out(`Kein Journal in ${dataDir} / No journal in ${dataDir}`)
    return 2
  }
  const db = new (sqlite().DatabaseSync)(file)
  try {
    if (!chainExists(db)) {
      out(
        'Das Journal hat noch keine Prüfkette: einmal mit der App öffnen. / The journal has no hash chain yet: open it once with the app.',
      )
      return 2
    }
    const record = readAnchor(dataDir)
    const anchors: AnchoredHead[] = []
    if (record) anchors.push({ ...record.head, source: 'anchor file' })
    if (record?.lastZ) anchors.push({ ...record.lastZ, source: `Z ${record.lastZ.zNo}` })
    const signed = db.prepare("SELECT detail FROM journal_events WHERE kind = 'anchored'").all() as {
      detail: string
    }[]
    for (const s of signed) {
      const d = JSON.parse(s.detail) as { zNo: number; head: ChainHead }
      anchors.push({ ...d.head, source: `TSE Z ${d.zNo}` })
    }
    const result = verifyChain(db, { anchors })
    const behind = record ? rollbacks(db, record) : []
    if (json) {
      out(JSON.stringify({ ...result, rollbacks: behind, record: record ?? null }, null, 1))
    } else {
      out(`Journal ${file}`)
      out(
        `Einträge / entries: ${result.entries}, Kopf / head: ${result.head.seq} ${result.head.hash} (${result.ms} ms)`,
      )
      if (!record) out('Keine Kontrolldatei (journal.anchor.json) / No control file (journal.anchor.json)')
      for (const r of behind) out(`ZURÜCKGESETZT / ROLLED BACK: ${r.what} ${r.expected} → ${r.found}`)
      if (result.ok && behind.length === 0) out('OK: Journal unverändert / journal intact')
      for (const f of result.findings) {
        const text = describeFinding(f)
        out(`VERÄNDERT: ${text.de}`)
        out(`ALTERED:   ${text.en}`)
      }
    }
    return result.ok && behind.length === 0 ? 0 : 1
  } finally {
    db.close()
  }
}

export function main(argv: readonly string[]): number {
  const [command, ...rest] = argv
  const { values } = parseArgs({
    args: rest,
    options: {
      'data-dir': { type: 'string' },
      backup: { type: 'string' },
      by: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    strict: true,
  })
  const dataDir = values['data-dir']
  if (!dataDir) return usage()
  try {
    if (command === 'verify') return verifyCommand(resolve(dataDir), values.json)
    if (command === 'restore') {
      if (!values.backup) return usage()
      const result = restoreJournal(
        resolve(dataDir),
        resolve(values.backup),
        new Date().toISOString(),
        values.by ?? null,
      )
      out(`Wiederhergestellt aus / restored from ${result.restored}`)
      for (const k of result.keptAs) out(`Ersetztes Journal aufbewahrt als / replaced journal kept as ${k}`)
      out(
        `Stand / state: Beleg / receipt ${result.position.receiptNo}, Z ${result.position.zNo}. ` +
          'Vorgänge nach der Sicherung fehlen: bitte dokumentieren (Verfahrensdokumentation). / ' +
          'Records after the backup are missing: document this (procedural documentation).',
      )
      return 0
    }
    return usage()
  } catch (error) {
    out(error instanceof AppFailure ? error.message : `Fehler / error: ${String(error)}`)
    return 2
  }
}

if (process.argv[1] && /journal[\\/]cli\.ts$/.test(process.argv[1]))
  process.exitCode = main(process.argv.slice(2))
