// Magstripe track text as keyboard-mode readers type it (ISO/IEC 7813; docs/hardware-scanner.md):
// track 1 `%B<PAN>^<NAME>^<YYMM><SVC>…?`, track 2 `;<PAN>=<YYMM><SVC>…?`, often both in one swipe.
// Which tracks and whether sentinels are sent are reader settings, so the parser is tolerant.

export type TrackRead =
  | { ok: true; track: 1 | 2; pan: string }
  /** Track data that cannot give a whole PAN: a truncated swipe, or the reader's own error marker. */
  | { ok: false; track: 1 | 2; reason: 'track-incomplete' | 'track-read-error'; pan?: string }

// Track 2: PAN of 12–19 digits closed by the `=` separator, or by the end sentinel when a card has no
// expiry field. The start sentinel is optional because readers can be set to omit it.
const TRACK2 = /(?:^|;)(\d{12,19})(?:=|\?)/
const TRACK2_START = /;([^?]*)(\?|$)/
const TRACK1 = /%B(\d{12,19})\^/

/** True when the text is shaped like magstripe output (sentinels or the track-2 separator after a PAN). */
export function looksLikeTrackData(text: string): boolean {
  // `%` alone also starts Code 39 text; only `%B` (format code B) or the `%E?` error marker is track 1.
  return /^;/.test(text) || /^%(B|E\?)/i.test(text) || /^\d{12,19}=/.test(text)
}

/**
 * Reads the primary account number from typed track text, preferring track 2 (numeric, the one our cards
 * carry). Returns null for text that is no track data.
 */
export function readTrack(text: string): TrackRead | null {
  if (!looksLikeTrackData(text)) return null
  const t2 = TRACK2.exec(text)
  if (t2) return { ok: true, track: 2, pan: t2[1] }
  const t1 = TRACK1.exec(text)
  if (t1) return { ok: true, track: 1, pan: t1[1] }
  const start = TRACK2_START.exec(text)
  if (start) {
    // ISO readers report an unreadable track as `;E?` (track 1: `%E?`).
    if (/^E$/i.test(start[1])) return { ok: false, track: 2, reason: 'track-read-error' }
    const digits = /^\d*/.exec(start[1])?.[0] ?? ''
    return { ok: false, track: 2, reason: 'track-incomplete', ...(digits ? { pan: digits } : {}) }
  }
  if (/^%E\?/i.test(text)) return { ok: false, track: 1, reason: 'track-read-error' }
  return { ok: false, track: 1, reason: 'track-incomplete' }
}
