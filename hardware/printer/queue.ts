// The per-device job queue: one job at a time (a printer interleaving two receipts would be worse than
// slow), and a store of jobs by idempotency key so a key prints at most once and a failed job stays
// available for an explicit reprint (docs/hardware-printer.md, "Duplicate receipts").
import type { PrintJob, PrintOutcome } from '../types'

export type JobState = 'queued' | 'printing' | 'printed' | 'failed'

export interface PrintJobRecord {
  readonly key: string
  readonly job: PrintJob
  /** The original job's key when this record is an explicit reprint. */
  readonly copyOf?: string
  state: JobState
  outcome?: PrintOutcome
  submittedAt: number
  finishedAt?: number
}

/** Runs tasks strictly one after another; a failing task does not stop the ones behind it. */
export class SerialRunner {
  private tail: Promise<unknown> = Promise.resolve()
  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task)
    this.tail = result.catch(() => {})
    return result
  }
}

export class JobStore {
  private readonly records = new Map<string, { record: PrintJobRecord; done: Promise<PrintOutcome> }>()

  /** Keeps the newest `limit` finished jobs; unfinished ones are never evicted. */
  constructor(private readonly limit = 500) {}

  get(key: string): PrintJobRecord | undefined {
    return this.records.get(key)?.record
  }

  done(key: string): Promise<PrintOutcome> | undefined {
    return this.records.get(key)?.done
  }

  list(): PrintJobRecord[] {
    return [...this.records.values()].map((r) => r.record)
  }

  add(record: PrintJobRecord, run: (record: PrintJobRecord) => Promise<PrintOutcome>): Promise<PrintOutcome> {
    const done = run(record)
    this.records.set(record.key, { record, done })
    this.evict()
    return done
  }

  private evict(): void {
    if (this.records.size <= this.limit) return
    for (const [key, { record }] of this.records) {
      if (this.records.size <= this.limit) return
      if (record.state === 'printed') this.records.delete(key)
    }
  }
}
