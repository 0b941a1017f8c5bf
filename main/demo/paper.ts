// The virtual printer's paper as the demo panel shows it: one text per print job, read back from the bytes
// that reached the emulated paper (not from the documents sent), so what the panel shows is what a real
// printer would have printed, code page and cut included.
import { decodeEscPos } from '../../hardware/escpos-decoder'
import type { PrintJobRecord } from '../../hardware/printer/queue'

export interface PaperJob {
  key: string
  text: string
  /** ISO time the job finished (or was submitted, if still running); '' when its record is gone. */
  at: string
}

/**
 * Did this job send bytes? A printed job did; a failed one did unless the printer refused it before
 * sending (EscPosPrinter words those outcomes "not printed…": pre-check failed, port would not open,
 * layout failed). A job cut off mid-send or failing its post-check did reach the printer.
 */
function reachedPrinter(record: PrintJobRecord): boolean {
  const outcome = record.outcome
  return outcome !== undefined && (outcome.status !== 'failed' || !outcome.detail.startsWith('not printed'))
}

/** Decoded lines of one job, without the blank feed before the cut. */
function jobText(bytes: Uint8Array): string {
  const lines = decodeEscPos(bytes).lines.map((l) => l.text.trimEnd())
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop()
  return lines.join('\n')
}

/**
 * Splits the printed bytes at each job's ESC @ (every job starts with it, render.ts prologue) and names
 * the pieces after the jobs that reached the printer, newest aligned with newest. Returns the newest
 * `limit` jobs, oldest first.
 */
export function paperByJob(printed: Uint8Array, records: readonly PrintJobRecord[], limit = 20): PaperJob[] {
  const starts = decodeEscPos(printed)
    .commands.filter((c) => c.type === 'init')
    .map((c) => c.offset)
  // Jobs still queued or running (one at a time, oldest first) may have sent bytes: as many as the paper shows.
  const finished = records.filter(reachedPrinter)
  const running = records.filter((r) => r.outcome === undefined)
  const sent = [...finished, ...running.slice(0, Math.max(0, starts.length - finished.length))]
  const jobs: PaperJob[] = []
  const first = Math.max(0, starts.length - limit)
  for (let i = first; i < starts.length; i++) {
    const record = sent[sent.length - (starts.length - i)]
    const at = record ? new Date(record.finishedAt ?? record.submittedAt).toISOString() : ''
    jobs.push({
      key: record?.key ?? `paper-${i + 1}`,
      text: jobText(printed.subarray(starts[i], starts[i + 1] ?? printed.length)),
      at,
    })
  }
  return jobs
}
