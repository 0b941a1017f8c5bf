// HID keyboard usage IDs (page 0x07) to characters, per layout the *scanner* is configured for
// (docs/hardware-scanner.md). We decode raw reports, not OS key events, so dead keys (DE `^`, `´`) are
// plain characters here and nothing composes.

export type LayoutName = 'us' | 'de'

/** [unshifted, shifted, AltGr] characters of one key; '' = the key gives nothing in that level. */
export type KeyChars = readonly [string, string, string]

export type Layout = ReadonlyMap<number, KeyChars>

function letters(swap: Record<string, string> = {}): [number, KeyChars][] {
  const out: [number, KeyChars][] = []
  for (let i = 0; i < 26; i++) {
    const us = String.fromCharCode(97 + i)
    const ch = swap[us] ?? us
    out.push([0x04 + i, [ch, ch.toUpperCase(), '']])
  }
  return out
}

// Keypad keys: a boot report carries no NumLock state; scanners that type keypad digits assume NumLock on.
// [I] inferred from how wedge scanners are configured ("keypad emulation"), not from a capture.
const keypad: [number, KeyChars][] = [
  [0x54, ['/', '/', '']],
  [0x55, ['*', '*', '']],
  [0x56, ['-', '-', '']],
  [0x57, ['+', '+', '']],
  ...Array.from({ length: 9 }, (_, i): [number, KeyChars] => [0x59 + i, [String(i + 1), String(i + 1), '']]),
  [0x62, ['0', '0', '']],
  [0x63, ['.', '.', '']],
]

const space: [number, KeyChars] = [0x2c, [' ', ' ', '']]

const US: Layout = new Map<number, KeyChars>([
  ...letters(),
  [0x1e, ['1', '!', '']],
  [0x1f, ['2', '@', '']],
  [0x20, ['3', '#', '']],
  [0x21, ['4', '$', '']],
  [0x22, ['5', '%', '']],
  [0x23, ['6', '^', '']],
  [0x24, ['7', '&', '']],
  [0x25, ['8', '*', '']],
  [0x26, ['9', '(', '']],
  [0x27, ['0', ')', '']],
  space,
  [0x2d, ['-', '_', '']],
  [0x2e, ['=', '+', '']],
  [0x2f, ['[', '{', '']],
  [0x30, [']', '}', '']],
  [0x31, ['\\', '|', '']],
  [0x32, ['#', '~', '']],
  [0x33, [';', ':', '']],
  [0x34, ["'", '"', '']],
  [0x35, ['`', '~', '']],
  [0x36, [',', '<', '']],
  [0x37, ['.', '>', '']],
  [0x38, ['/', '?', '']],
  [0x64, ['\\', '|', '']],
  ...keypad,
])

const DE: Layout = new Map<number, KeyChars>([
  ...letters({ y: 'z', z: 'y' }),
  [0x08, ['e', 'E', '€']],
  [0x10, ['m', 'M', 'µ']],
  [0x14, ['q', 'Q', '@']],
  [0x1e, ['1', '!', '']],
  [0x1f, ['2', '"', '²']],
  [0x20, ['3', '§', '³']],
  [0x21, ['4', '$', '']],
  [0x22, ['5', '%', '']],
  [0x23, ['6', '&', '']],
  [0x24, ['7', '/', '{']],
  [0x25, ['8', '(', '[']],
  [0x26, ['9', ')', ']']],
  [0x27, ['0', '=', '}']],
  space,
  [0x2d, ['ß', '?', '\\']],
  [0x2e, ['´', '`', '']],
  [0x2f, ['ü', 'Ü', '']],
  [0x30, ['+', '*', '~']],
  [0x31, ['#', "'", '']],
  [0x32, ['#', "'", '']],
  [0x33, ['ö', 'Ö', '']],
  [0x34, ['ä', 'Ä', '']],
  [0x35, ['^', '°', '']],
  [0x36, [',', ';', '']],
  [0x37, ['.', ':', '']],
  [0x38, ['-', '_', '']],
  [0x64, ['<', '>', '|']],
  ...keypad,
])

export const LAYOUTS: Readonly<Record<LayoutName, Layout>> = { us: US, de: DE }

/** The US layout has no AltGr level: right Alt is plain Alt there, i.e. a shortcut, not a character. */
export const HAS_ALTGR: Readonly<Record<LayoutName, boolean>> = { us: false, de: true }

/**
 * The key (usage, shift, altgr) that types `char` under `layout`; the inverse of the table, used by the
 * virtual scanner to turn text into reports. Prefers the unshifted level, and the main block over the keypad.
 */
export function keyFor(
  layout: LayoutName,
  char: string,
): { usage: number; shift: boolean; altgr: boolean } | undefined {
  let found: { usage: number; shift: boolean; altgr: boolean } | undefined
  for (const [usage, [plain, shifted, altgr]] of LAYOUTS[layout]) {
    if (usage >= 0x54 && found) continue
    const hit =
      plain === char
        ? { shift: false, altgr: false }
        : shifted === char
          ? { shift: true, altgr: false }
          : altgr === char
            ? { shift: false, altgr: true }
            : undefined
    if (!hit) continue
    if (
      !found ||
      (usage < 0x54 && found.usage >= 0x54) ||
      (!hit.shift && !hit.altgr && (found.shift || found.altgr))
    )
      found = { usage, ...hit }
  }
  return found
}
