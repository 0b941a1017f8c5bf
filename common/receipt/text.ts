// Column arithmetic for fixed-pitch receipts. Widths count code points, not UTF-16 units, because the
// printer prints one cell per character of its code page and the preview uses a monospace font.

export function textWidth(text: string): number {
  return Array.from(text).length
}

/** Cuts to at most `width` cells. */
export function clip(text: string, width: number): string {
  const chars = Array.from(text)
  return chars.length <= width ? text : chars.slice(0, Math.max(0, width)).join('')
}

export function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - textWidth(text)))
}

export function padStart(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - textWidth(text))) + text
}

/** Places `text` in `width` cells; centring puts the odd cell on the right, as printers do. */
export function alignText(text: string, width: number, align: 'left' | 'center' | 'right'): string {
  const t = clip(text, width)
  const free = width - textWidth(t)
  if (align === 'right') return ' '.repeat(free) + t
  if (align === 'center') return ' '.repeat(free >> 1) + t + ' '.repeat(free - (free >> 1))
  return t + ' '.repeat(free)
}

/**
 * Word-wraps to `width`; words longer than a line are broken hard. Always returns at least one line,
 * so an empty text still occupies its row (the API's empty textline is a deliberate gap).
 */
export function wrap(text: string, width: number): string[] {
  if (width <= 0) return [text]
  const lines: string[] = []
  for (const paragraph of text.replace(/\r\n?/g, '\n').split('\n')) {
    let line = ''
    for (const word of paragraph.split(/ +/).filter((w) => w !== '')) {
      let rest = word
      while (textWidth(rest) > width) {
        if (line !== '') {
          lines.push(line)
          line = ''
        }
        const chars = Array.from(rest)
        lines.push(chars.slice(0, width).join(''))
        rest = chars.slice(width).join('')
      }
      if (rest === '') continue
      if (line === '') line = rest
      else if (textWidth(line) + 1 + textWidth(rest) <= width) line += ' ' + rest
      else {
        lines.push(line)
        line = rest
      }
    }
    lines.push(line)
  }
  return lines
}

/**
 * Left text and right text on one row of `width` cells; when both do not fit, the left text wraps
 * and the right text stays on the first row (an amount must never be cut).
 */
export function twoColumns(left: string, right: string, width: number): string[] {
  const rightWidth = textWidth(right)
  if (rightWidth + 2 > width)
    return [...wrap(left, width).map((l) => padEnd(l, width)), padStart(right, width)]
  const leftLines = wrap(left, width - rightWidth - 1)
  return leftLines.map((l, i) => (i === 0 ? padEnd(l, width - rightWidth) + right : padEnd(l, width)))
}
