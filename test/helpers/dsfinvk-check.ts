// An independent check of a DSFinV-K export, written from the standard's tables as published
// (test/fixtures/dsfinvk/dsfinvk-tables.json: BZSt index.xml columns, Anhang G mandatory flags, value
// lists; sources inside the file) — not from the exporter's own table module. It reads the zip and
// reports every violation as text: files and headers, CSV syntax (`;`, CRLF, quoting), types and
// decimals, lengths, mandatory columns, value lists, referential integrity between the files, and the
// sums: lines = transaction totals = closing totals per VAT key and payment type.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { crc32, inflateRawSync } from 'node:zlib'

interface SpecColumn {
  name: string
  type: 'AlphaNumeric' | 'Numeric'
  max_length?: number
  accuracy?: number
  req: string
  check?: string
}
interface SpecTable {
  file: string
  name: string
  columns: SpecColumn[]
}
interface Spec {
  tables: SpecTable[]
  enums: Record<string, string[]>
  vat_keys: { defined: Record<string, unknown> }
  bon_typ_no_payment: string[]
  gv_typ_vat_key_5: string[]
}

export const SPEC: Spec = JSON.parse(
  readFileSync(join(__dirname, '../fixtures/dsfinvk/dsfinvk-tables.json'), 'utf8'),
) as Spec

export type Csv = Record<string, string>[]

/** Splits one CSV file per the index.xml rules; syntax errors go to `errors`. */
export function parseCsv(file: string, text: string, errors: string[]): { header: string[]; rows: Csv } {
  if (!text.endsWith('\r\n')) errors.push(`${file}: last record not ended by CRLF`)
  const records: string[][] = []
  let field = ''
  let record: string[] = []
  let quoted = false
  let wasQuoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (ch === '"') quoted = false
      else field += ch
      continue
    }
    if (ch === '"' && field === '' && !wasQuoted) {
      quoted = true
      wasQuoted = true
    } else if (ch === ';') {
      record.push(field)
      field = ''
      wasQuoted = false
    } else if (ch === '\r' && text[i + 1] === '\n') {
      record.push(field)
      records.push(record)
      record = []
      field = ''
      wasQuoted = false
      i++
    } else if (ch === '\n' || ch === '\r') {
      errors.push(`${file}: bare line break outside quotes at ${i}`)
    } else field += ch
  }
  if (quoted) errors.push(`${file}: unterminated quote`)
  const [header = [], ...rest] = records
  const rows = rest.map((r, n) => {
    if (r.length !== header.length)
      errors.push(`${file} row ${n + 2}: ${r.length} fields, header has ${header.length}`)
    return Object.fromEntries(header.map((h, j) => [h, r[j] ?? '']))
  })
  return { header, rows }
}

/** A DSFinV-K amount as integer cents (any number of decimals, all beyond 2 must be 0). */
export function cents(value: string): number {
  if (value === '') return 0
  const m = /^(-?)(\d+)(?:,(\d+))?$/.exec(value)
  if (!m) throw new Error(`not a decimal: ${value}`)
  const frac = (m[3] ?? '').padEnd(2, '0')
  if (/[1-9]/.test(frac.slice(2))) throw new Error(`more than cents: ${value}`)
  const v = Number(m[2]) * 100 + Number(frac.slice(0, 2))
  return m[1] === '-' ? -v : v
}

/** Columns the till may leave empty although Anhang G marks them mandatory, and why. */
const EMPTY_ALLOWED: Record<string, (row: Record<string, string>) => boolean> = {
  // Buyer data: only when the buyer is known (DSFinV-K 2.4 p. 44: "falls vorhanden"); pretix leaves them empty.
  'transactions.csv:KUNDE_NAME': () => true,
  'transactions.csv:KUNDE_ID': () => true,
  'transactions.csv:KUNDE_TYP': () => true,
  // The certificate continues in TSE_ZERTIFIKAT_II only when longer than 1 000 characters (DSFinV-K 2.4 p. 79).
  'tse.csv:TSE_ZERTIFIKAT_II': (row) => [...(row.TSE_ZERTIFIKAT_I ?? '')].length < 1000,
  // A record without signature carries TSE_TA_FEHLER instead (AEAO zu § 146a Nr. 7; fiskaly error_message).
  ...Object.fromEntries(
    [
      'TSE_ID',
      'TSE_TANR',
      'TSE_TA_START',
      'TSE_TA_ENDE',
      'TSE_TA_VORGANGSART',
      'TSE_TA_SIGZ',
      'TSE_TA_SIG',
    ].map((c) => [`transactions_tse.csv:${c}`, (row: Record<string, string>) => row.TSE_TA_FEHLER !== '']),
  ),
}

export interface CheckResult {
  errors: string[]
  files: Map<string, Csv>
  raw: Map<string, Buffer>
}

/**
 * Reads a ZIP by its central directory (PKWARE APPNOTE 4.3.12/4.3.16), inflates each entry and checks
 * its CRC-32 and sizes: a reader of its own, so the archive format is checked, not just trusted.
 */
export async function readZip(path: string): Promise<Map<string, Buffer>> {
  const zip = readFileSync(path)
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]))
  if (eocd < 0) throw new Error('no end of central directory')
  const count = zip.readUInt16LE(eocd + 10)
  let p = zip.readUInt32LE(eocd + 16)
  const out = new Map<string, Buffer>()
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(p) !== 0x02014b50) throw new Error(`bad central header at ${p}`)
    const method = zip.readUInt16LE(p + 10)
    const crc = zip.readUInt32LE(p + 16)
    const csize = zip.readUInt32LE(p + 20)
    const size = zip.readUInt32LE(p + 24)
    const nlen = zip.readUInt16LE(p + 28)
    const xlen = zip.readUInt16LE(p + 30)
    const clen = zip.readUInt16LE(p + 32)
    const local = zip.readUInt32LE(p + 42)
    const name = zip.subarray(p + 46, p + 46 + nlen).toString('utf8')
    if (zip.readUInt32LE(local) !== 0x04034b50) throw new Error(`bad local header of ${name}`)
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28)
    const raw = zip.subarray(start, start + csize)
    const data = method === 8 ? inflateRawSync(raw) : method === 0 ? Buffer.from(raw) : null
    if (!data) throw new Error(`${name}: compression method ${method}`)
    if (data.length !== size || crc32(data) >>> 0 !== crc) throw new Error(`${name}: size or CRC-32 mismatch`)
    out.set(name, data)
    p += 46 + nlen + xlen + clen
  }
  return out
}

export async function checkDsfinvk(zipPath: string): Promise<CheckResult> {
  const errors: string[] = []
  const raw = await readZip(zipPath)
  const files = new Map<string, Csv>()
  if (!raw.has('index.xml')) errors.push('index.xml missing')
  if (!raw.has('gdpdu-01-09-2004.dtd')) errors.push('gdpdu-01-09-2004.dtd missing')
  const index = raw.get('index.xml')?.toString('utf8') ?? ''
  if (!index.includes('<!DOCTYPE DataSet SYSTEM "gdpdu-01-09-2004.dtd">')) errors.push('index.xml: DOCTYPE')
  for (const t of SPEC.tables) {
    const buf = raw.get(t.file)
    if (!buf) {
      errors.push(`${t.file} missing`)
      continue
    }
    if (!index.includes(`<URL>${t.file}</URL>`)) errors.push(`index.xml does not describe ${t.file}`)
    const text = buf.toString('utf8')
    if (Buffer.from(text, 'utf8').compare(buf) !== 0) errors.push(`${t.file}: not UTF-8`)
    const { header, rows } = parseCsv(t.file, text, errors)
    const expected = t.columns.map((c) => c.name)
    if (header.join(';') !== expected.join(';'))
      errors.push(`${t.file}: header ${header.join(';')} ≠ ${expected.join(';')}`)
    rows.forEach((row, i) => {
      for (const c of t.columns) {
        const v = row[c.name] ?? ''
        const where = `${t.file} row ${i + 2} ${c.name}`
        if (v === '') {
          if (c.req === 'mandatory' && !EMPTY_ALLOWED[`${t.file}:${c.name}`]?.(row))
            errors.push(`${where}: mandatory, empty`)
          continue
        }
        if (c.type === 'Numeric') {
          const acc = c.accuracy ?? 0
          const re = acc === 0 ? /^-?\d+$/ : new RegExp(`^-?\\d+,\\d{${acc}}$`)
          if (!re.test(v)) errors.push(`${where}: "${v}" is not Numeric with ${acc} decimals`)
        } else if ([...v].length > (c.max_length ?? Infinity))
          errors.push(`${where}: longer than ${c.max_length}`)
        const check = c.check ?? ''
        if (check.startsWith('enum:')) {
          const list = SPEC.enums[check.slice(5)]
          if (list && !list.includes(v)) errors.push(`${where}: "${v}" not in ${check}`)
        }
        if (check === 'bool01' && v !== '0' && v !== '1') errors.push(`${where}: "${v}" not 0/1`)
        if (check === 'vat_key' && !(v in SPEC.vat_keys.defined) && Number(v) <= 999)
          errors.push(`${where}: VAT key ${v} undefined`)
        if (check === 'datetime' && Number.isNaN(new Date(v).getTime()))
          errors.push(`${where}: "${v}" not a time`)
      }
    })
    files.set(t.file, rows)
  }
  integrity(files, errors)
  return { errors, files, raw }
}

const zKey = (r: Record<string, string>) => `${r.Z_KASSE_ID}|${r.Z_ERSTELLUNG}|${r.Z_NR}`
const bonKey = (r: Record<string, string>) => `${zKey(r)}|${r.BON_ID}`

function integrity(files: Map<string, Csv>, errors: string[]): void {
  const get = (f: string) => files.get(f) ?? []
  const closings = new Set(get('cashpointclosing.csv').map(zKey))
  const bons = new Map(get('transactions.csv').map((r) => [bonKey(r), r]))
  if (bons.size !== get('transactions.csv').length)
    errors.push('transactions.csv: BON_ID not unique per closing')
  for (const [file, rows] of files)
    for (const r of rows) {
      if (!closings.has(zKey(r))) errors.push(`${file}: closing ${zKey(r)} not in cashpointclosing.csv`)
      if ('BON_ID' in r && file !== 'transactions.csv' && !bons.has(bonKey(r)))
        errors.push(`${file}: BON_ID ${r.BON_ID} not in transactions.csv`)
    }
  for (const f of ['location.csv', 'cashregister.csv', 'vat.csv'])
    for (const z of closings)
      if (!get(f).some((r) => zKey(r) === z)) errors.push(`${f}: no row for closing ${z}`)
  const posKeys = new Set(get('lines.csv').map((r) => `${bonKey(r)}|${r.POS_ZEILE}`))
  for (const f of ['lines_vat.csv', 'itemamounts.csv', 'subitems.csv'])
    for (const r of get(f))
      if (!posKeys.has(`${bonKey(r)}|${r.POS_ZEILE}`))
        errors.push(`${f}: line ${r.BON_ID}/${r.POS_ZEILE} not in lines.csv`)
  const tseIds = new Set(get('tse.csv').map((r) => `${zKey(r)}|${r.TSE_ID}`))
  for (const r of get('transactions_tse.csv'))
    if (r.TSE_ID !== '' && !tseIds.has(`${zKey(r)}|${r.TSE_ID}`))
      errors.push(`transactions_tse.csv: TSE_ID ${r.TSE_ID} not in tse.csv`)
  const vatKeys = new Set(get('vat.csv').map((r) => `${zKey(r)}|${r.UST_SCHLUESSEL}`))
  for (const f of ['lines_vat.csv', 'transactions_vat.csv', 'businesscases.csv'])
    for (const r of get(f))
      if (!vatKeys.has(`${zKey(r)}|${r.UST_SCHLUESSEL}`))
        errors.push(`${f}: VAT key ${r.UST_SCHLUESSEL} not in vat.csv`)
  for (const r of get('references.csv'))
    if (r.REF_TYP === 'Transaktion' && ![...bons.values()].some((b) => b.BON_ID === r.REF_BON_ID))
      errors.push(`references.csv: REF_BON_ID ${r.REF_BON_ID} unknown`)
  for (const r of get('businesscases.csv'))
    if (SPEC.gv_typ_vat_key_5.includes(r.GV_TYP!) && r.UST_SCHLUESSEL !== '5')
      errors.push(`businesscases.csv: ${r.GV_TYP} must have VAT key 5`)

  // Sums: lines per (bon, key) = transactions_vat; transactions_vat per bon = UMS_BRUTTO = datapayment;
  // lines of counted bons per (closing, GV_TYP, key) = businesscases; datapayment per closing = payment.csv.
  const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v)
  const lineSum = new Map<string, number>()
  for (const r of get('lines_vat.csv')) {
    add(lineSum, `${bonKey(r)}|${r.UST_SCHLUESSEL}|g`, cents(r.POS_BRUTTO!))
    add(lineSum, `${bonKey(r)}|${r.UST_SCHLUESSEL}|n`, cents(r.POS_NETTO!))
    add(lineSum, `${bonKey(r)}|${r.UST_SCHLUESSEL}|v`, cents(r.POS_UST!))
    if (cents(r.POS_BRUTTO!) !== cents(r.POS_NETTO!) + cents(r.POS_UST!))
      errors.push(`lines_vat.csv ${r.BON_ID}/${r.POS_ZEILE}: brutto ≠ netto + ust`)
  }
  const txVat = new Map<string, number>()
  for (const r of get('transactions_vat.csv')) {
    for (const [col, s] of [
      ['BON_BRUTTO', 'g'],
      ['BON_NETTO', 'n'],
      ['BON_UST', 'v'],
    ] as const)
      if ((lineSum.get(`${bonKey(r)}|${r.UST_SCHLUESSEL}|${s}`) ?? 0) !== cents(r[col]!))
        errors.push(`transactions_vat.csv ${r.BON_ID} key ${r.UST_SCHLUESSEL}: ${col} ≠ sum of lines`)
    add(txVat, bonKey(r), cents(r.BON_BRUTTO!))
  }
  const paid = new Map<string, number>()
  for (const r of get('datapayment.csv')) add(paid, bonKey(r), cents(r.BASISWAEH_BETRAG!))
  const noPay = new Set(SPEC.bon_typ_no_payment)
  const bc = new Map<string, number>()
  const pay = new Map<string, number>()
  for (const [k, t] of bons) {
    if ((txVat.get(k) ?? 0) !== cents(t.UMS_BRUTTO!))
      errors.push(`transactions.csv ${t.BON_ID}: UMS_BRUTTO ${t.UMS_BRUTTO} ≠ sum of transactions_vat`)
    if (!noPay.has(t.BON_TYP!) && (paid.get(k) ?? 0) !== cents(t.UMS_BRUTTO!))
      errors.push(`datapayment.csv ${t.BON_ID}: payments ≠ UMS_BRUTTO ${t.UMS_BRUTTO}`)
  }
  const counted = (r: Record<string, string>) => !noPay.has(bons.get(bonKey(r))?.BON_TYP ?? '')
  const lineGv = new Map(get('lines.csv').map((r) => [`${bonKey(r)}|${r.POS_ZEILE}`, r.GV_TYP!]))
  for (const r of get('lines_vat.csv'))
    if (counted(r))
      add(
        bc,
        `${zKey(r)}|${lineGv.get(`${bonKey(r)}|${r.POS_ZEILE}`)}|${r.UST_SCHLUESSEL}`,
        cents(r.POS_BRUTTO!),
      )
  for (const r of get('businesscases.csv')) {
    const k = `${zKey(r)}|${r.GV_TYP}|${r.UST_SCHLUESSEL}`
    if ((bc.get(k) ?? 0) !== cents(r.Z_UMS_BRUTTO!))
      errors.push(`businesscases.csv ${k}: ${r.Z_UMS_BRUTTO} ≠ sum of lines ${bc.get(k) ?? 0}`)
    bc.delete(k)
  }
  for (const [k, v] of bc) if (v !== 0) errors.push(`businesscases.csv: no row for ${k} (${v})`)
  for (const r of get('datapayment.csv'))
    if (counted(r)) add(pay, `${zKey(r)}|${r.ZAHLART_TYP}|${r.ZAHLART_NAME}`, cents(r.BASISWAEH_BETRAG!))
  const closingPay = new Map<string, number>()
  for (const r of get('payment.csv')) {
    const k = `${zKey(r)}|${r.ZAHLART_TYP}|${r.ZAHLART_NAME}`
    if ((pay.get(k) ?? 0) !== cents(r.Z_ZAHLART_BETRAG!))
      errors.push(`payment.csv ${k}: ≠ sum of datapayment`)
    add(closingPay, zKey(r), cents(r.Z_ZAHLART_BETRAG!))
  }
  for (const r of get('cashpointclosing.csv')) {
    if ((closingPay.get(zKey(r)) ?? 0) !== cents(r.Z_SE_ZAHLUNGEN!))
      errors.push(`cashpointclosing.csv ${zKey(r)}: Z_SE_ZAHLUNGEN ≠ payment.csv`)
    if (!r.STNR && !r.USTID) errors.push(`cashpointclosing.csv ${zKey(r)}: STNR or USTID needed`)
    const bar = get('payment.csv')
      .filter((p) => zKey(p) === zKey(r) && p.ZAHLART_TYP === 'Bar')
      .reduce((s, p) => s + cents(p.Z_ZAHLART_BETRAG!), 0)
    if (bar !== cents(r.Z_SE_BARZAHLUNGEN!))
      errors.push(`cashpointclosing.csv ${zKey(r)}: Z_SE_BARZAHLUNGEN ≠ Bar in payment.csv`)
  }
}
