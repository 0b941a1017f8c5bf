// A card held in front of the reader, or swiped twice in a hurry, is one card; a product scanned twice is
// two units and is never debounced (docs/hardware-scanner.md, "Scanner duplicate reads").
import type { Clock } from '../../common/ports'
import type { Scan } from '../../common/devices'

export interface CardDebounce {
  /** False when this scan repeats the card seen less than `windowMs` ago. */
  accept(scan: Scan): boolean
  reset(): void
}

export function createCardDebounce(clock: Clock, windowMs: number): CardDebounce {
  let last: { code: string; at: number } | undefined
  return {
    accept(scan) {
      if (scan.kind !== 'card') return true
      const now = clock.now()
      const repeat = last !== undefined && last.code === scan.code && now - last.at < windowMs
      // The window slides with every read, so a card left on a presentation scanner that re-reads it every
      // second stays one card until it is taken away for longer than the window.
      last = { code: scan.code, at: now }
      return !repeat
    },
    reset() {
      last = undefined
    },
  }
}
