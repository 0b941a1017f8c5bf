// The two code pages we print with, written out independently of the encoder library so the decoder
// is a second opinion on its bytes, not a mirror of them. Bytes 0x00–0x7F are ASCII in both.

/** IBM PC858 = PC850 with € at 0xD5 (where PC850 has dotless ı). */
const CP858_HIGH =
  'ÇüéâäàåçêëèïîìÄÅ' +
  'ÉæÆôöòûùÿÖÜø£Ø×ƒ' +
  'áíóúñÑªº¿®¬½¼¡«»' +
  '░▒▓│┤ÁÂÀ©╣║╗╝¢¥┐' +
  '└┴┬├─┼ãÃ╚╔╩╦╠═╬¤' +
  'ðÐÊËÈ€ÍÎÏ┘┌█▄¦Ì▀' +
  'ÓßÔÒõÕµþÞÚÛÙýÝ¯´' +
  '\u00AD±‗¾¶§÷¸°¨·¹³²■\u00A0'

/** Windows-1252; the five unassigned bytes decode to U+FFFD. */
const WPC1252_HIGH =
  '€\uFFFD‚ƒ„…†‡ˆ‰Š‹Œ\uFFFDŽ\uFFFD' +
  '\uFFFD‘’“”•–—˜™š›œ\uFFFDžŸ' +
  Array.from({ length: 0x60 }, (_, i) => String.fromCharCode(0xa0 + i)).join('')

export type CodepageName = 'cp437' | 'cp858' | 'windows1252'

const CP437_HIGH =
  'ÇüéâäàåçêëèïîìÄÅ' +
  'ÉæÆôöòûùÿÖÜ¢£¥₧ƒ' +
  'áíóúñÑªº¿⌐¬½¼¡«»' +
  '░▒▓│┤╡╢╖╕╣║╗╝╜╛┐' +
  '└┴┬├─┼╞╟╚╔╩╦╠═╬╧' +
  '╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀' +
  'αßΓπΣσµτΦΘΩδ∞φε∩' +
  '≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00A0'

const HIGH: Record<CodepageName, string[]> = {
  cp437: Array.from(CP437_HIGH),
  cp858: Array.from(CP858_HIGH),
  windows1252: Array.from(WPC1252_HIGH),
}

/** Epson numbering of `ESC t n` for the tables we know; other numbers decode as PC437 and are flagged. */
export const EPSON_CODEPAGE_NUMBERS: Record<number, CodepageName> = {
  0: 'cp437',
  16: 'windows1252',
  19: 'cp858',
}

export function decodeByte(byte: number, codepage: CodepageName): string {
  if (byte < 0x80) return String.fromCharCode(byte)
  return HIGH[codepage][byte - 0x80]
}

const reverse = new Map<CodepageName, Map<string, number>>()

/** The byte for `char` in `codepage`, or undefined when the code page cannot print it. */
export function encodeChar(char: string, codepage: CodepageName): number | undefined {
  const code = char.codePointAt(0) ?? 0
  if (code < 0x80 && char.length === 1) return code
  let map = reverse.get(codepage)
  if (!map) {
    map = new Map(HIGH[codepage].map((c, i) => [c, 0x80 + i] as const).filter(([c]) => c !== '\uFFFD'))
    reverse.set(codepage, map)
  }
  return map.get(char)
}
