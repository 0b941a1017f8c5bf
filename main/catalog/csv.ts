// RFC 4180 reading as spreadsheets write it: quoted fields with "" escapes and line breaks, CRLF or LF,
// a UTF-8 BOM from Excel, and `;` as the separator German Excel uses (`,` and tab are detected too).

export interface CsvRow {
  /** 1-based line in the file where the row starts, for the import report. */
  line: number
  fields: string[]
}

export function detectSeparator(headerLine: string): string {
  const counts = [';', ',', '\t'].map((sep) => ({ sep, n: headerLine.split(sep).length }))
  counts.sort((a, b) => b.n - a.n)
  return counts[0].n > 1 ? counts[0].sep : ';'
}

export function parseCsv(text: string, separator?: string): CsvRow[] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  const sep = separator ?? detectSeparator(src.split(/\r?\n/, 1)[0] ?? '')
  const rows: CsvRow[] = []
  let fields: string[] = []
  let field = ''
  let quoted = false
  let line = 1
  let rowStart = 1
  const endRow = () => {
    fields.push(field)
    if (fields.length > 1 || fields[0].trim() !== '') rows.push({ line: rowStart, fields })
    fields = []
    field = ''
  }
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        field += '"'
        i++
      } else if (ch === '"') quoted = false
      else {
        if (ch === '\n') line++
        field += ch
      }
    } else if (ch === '"' && field.trim() === '') {
      field = ''
      quoted = true
    } else if (ch === sep) {
      fields.push(field)
      field = ''
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++
      endRow()
      line++
      rowStart = line
    } else field += ch
  }
  if (field !== '' || fields.length > 0) endRow()
  return rows
}
