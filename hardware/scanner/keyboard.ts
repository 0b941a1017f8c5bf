// Boot-keyboard input reports → key events (docs/hardware-scanner.md). Pure: no timing, no I/O.
// A report is `[modifiers, reserved, k1..k6]` (8 bytes), or the same behind a report ID (9 bytes) when the
// device numbers its reports. A key counts when it appears in a report and was absent from the previous
// one (edge-triggered); scanners send an all-zero release report between keys, which is what lets
// `1 1` type two ones.
import { HAS_ALTGR, LAYOUTS, type LayoutName, keyFor } from './keyboard-layouts'

export type KeyEvent =
  | { type: 'char'; char: string }
  | { type: 'terminator'; key: 'enter' | 'tab' }
  /** A key pressed with Ctrl, Alt or GUI: a control sequence some scanners append after Enter. */
  | { type: 'shortcut'; usage: number; modifiers: number }
  /** A key the layout has no character for: the scanner's layout setting does not match ours. */
  | { type: 'unmapped'; usage: number; modifiers: number }
  /** A report that is no boot-keyboard report (wrong length, reserved byte set). */
  | { type: 'bad-report'; length: number }

export const MOD = {
  lctrl: 0x01,
  lshift: 0x02,
  lalt: 0x04,
  lgui: 0x08,
  rctrl: 0x10,
  rshift: 0x20,
  ralt: 0x40,
  rgui: 0x80,
} as const

const ENTER = 0x28
const KP_ENTER = 0x58
const TAB = 0x2b
const ERROR_ROLL_OVER = 0x01
// Lock keys and keys that carry no character in any layout a scanner would use.
const SILENT = new Set([0x39, 0x47, 0x53])

export interface KeyboardDecoder {
  push(report: Uint8Array): KeyEvent[]
  /** Forget the held keys (after a reconnect the first report must not be compared with stale state). */
  reset(): void
}

export function createKeyboardDecoder(layoutName: LayoutName): KeyboardDecoder {
  const layout = LAYOUTS[layoutName]
  const altgrLevel = HAS_ALTGR[layoutName]
  let held = new Set<number>()
  return {
    reset() {
      held = new Set()
    },
    push(report) {
      // 8 = boot report; 9 = boot report behind a report ID. Anything else is not for this decoder.
      const offset = report.length === 9 ? 1 : report.length === 8 ? 0 : -1
      if (offset < 0 || report[offset + 1] !== 0) {
        held = new Set()
        return [{ type: 'bad-report', length: report.length }]
      }
      const modifiers = report[offset]
      const keys = [...report.subarray(offset + 2, offset + 8)].filter((k) => k !== 0)
      // Phantom state: the keyboard cannot say which keys are down; the report carries no presses.
      if (keys.includes(ERROR_ROLL_OVER)) return []
      const events: KeyEvent[] = []
      for (const usage of keys) {
        if (held.has(usage)) continue
        events.push(translate(usage, modifiers))
      }
      held = new Set(keys)
      return events
    },
  }

  function translate(usage: number, modifiers: number): KeyEvent {
    const shift = (modifiers & (MOD.lshift | MOD.rshift)) !== 0
    const altgr = altgrLevel && (modifiers & MOD.ralt) !== 0
    const shortcut =
      (modifiers & (MOD.lctrl | MOD.rctrl | MOD.lalt | MOD.lgui | MOD.rgui)) !== 0 ||
      (!altgrLevel && (modifiers & MOD.ralt) !== 0)
    if (shortcut) return { type: 'shortcut', usage, modifiers }
    if (usage === ENTER || usage === KP_ENTER) return { type: 'terminator', key: 'enter' }
    if (usage === TAB) return { type: 'terminator', key: 'tab' }
    if (usage >= 0xe0 && usage <= 0xe7) return { type: 'shortcut', usage, modifiers }
    if (SILENT.has(usage)) return { type: 'shortcut', usage, modifiers }
    const chars = layout.get(usage)
    const char = chars ? (altgr ? chars[2] : shift ? chars[1] : chars[0]) : ''
    return char ? { type: 'char', char } : { type: 'unmapped', usage, modifiers }
  }
}

export interface EncodeOptions {
  /** Prefix every report with this report ID (9-byte reports). */
  reportId?: number
  /** Terminator key after the text. */
  terminator?: 'enter' | 'tab' | 'none'
}

/**
 * Text → the reports a wedge scanner configured for `layout` sends: key-down, all-zero key-up, per char.
 * Used by the virtual scanner and to build fixtures; throws on characters the layout cannot type.
 */
export function encodeKeyboardReports(
  text: string,
  layoutName: LayoutName,
  options: EncodeOptions = {},
): Uint8Array[] {
  const reports: Uint8Array[] = []
  const frame = (modifiers: number, usage: number) => {
    const body = [modifiers, 0, usage, 0, 0, 0, 0, 0]
    reports.push(Uint8Array.from(options.reportId === undefined ? body : [options.reportId, ...body]))
  }
  for (const char of text) {
    const key = keyFor(layoutName, char)
    if (!key) throw new Error(`layout ${layoutName} cannot type ${JSON.stringify(char)}`)
    frame((key.shift ? MOD.lshift : 0) | (key.altgr ? MOD.ralt : 0), key.usage)
    frame(0, 0)
  }
  const terminator = options.terminator ?? 'enter'
  if (terminator !== 'none') {
    frame(0, terminator === 'enter' ? ENTER : TAB)
    frame(0, 0)
  }
  return reports
}
