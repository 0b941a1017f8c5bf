// Collects characters into codes for the character-stream transports (keyboard reports, serial). A code ends
// at a configured terminator; a pause longer than the inter-character timeout ends it too — as a partial
// read when terminators are expected (a dropped Enter, a scanner unplugged mid-code), as a whole code when
// the scanner is set to send no suffix.
import type { Timers, TimerHandle } from '../manager/timers'
import type { KeyEvent } from './keyboard'
import type { ReadInfo } from './classify'

export type Terminator = 'enter' | 'tab'
export type FramingProblem = NonNullable<ReadInfo['problem']>

export interface CodeBufferOptions {
  timers: Timers
  interCharTimeoutMs: number
  terminators: readonly Terminator[]
  onCode(text: string, problem: FramingProblem | undefined): void
}

export interface CodeBuffer {
  char(text: string): void
  terminator(key: Terminator): void
  problem(problem: FramingProblem): void
  keys(events: readonly KeyEvent[]): void
  /** Serial text: CR, LF and Tab are the terminator keys, everything else characters. */
  text(chunk: string): void
  /** Ends what is buffered as a partial read (transport closed under it). */
  abort(): void
  /** Drops buffered input without reporting it (driver closed on purpose). */
  discard(): void
}

export function createCodeBuffer(options: CodeBufferOptions): CodeBuffer {
  let text = ''
  let problem: FramingProblem | undefined
  let timer: TimerHandle | undefined

  const stopTimer = () => {
    if (timer !== undefined) options.timers.clearTimeout(timer)
    timer = undefined
  }
  const armTimer = () => {
    stopTimer()
    timer = options.timers.setTimeout(() => {
      timer = undefined
      finish(options.terminators.length === 0 ? undefined : 'partial-read')
    }, options.interCharTimeoutMs)
  }
  // Framing problems outrank a missing terminator: "unmapped key" says more than "partial".
  const finish = (ending: FramingProblem | undefined) => {
    stopTimer()
    const done = text
    const why = problem ?? ending
    text = ''
    problem = undefined
    // A bare terminator (CR after LF, Enter from an empty read) is no code; a lone bad report still is
    // reported so line noise is visible.
    if (done === '' && why !== 'bad-report' && why !== 'unmapped-key') return
    options.onCode(done, why)
  }

  const api: CodeBuffer = {
    char(c) {
      text += c
      armTimer()
    },
    terminator(key) {
      if (options.terminators.includes(key)) finish(undefined)
      else api.char(key === 'tab' ? '\t' : '\r')
    },
    problem(p) {
      problem ??= p
      armTimer()
    },
    keys(events) {
      for (const e of events) {
        if (e.type === 'char') api.char(e.char)
        else if (e.type === 'terminator') api.terminator(e.key)
        else if (e.type === 'unmapped') {
          api.problem('unmapped-key')
          api.char('\uFFFD')
        } else if (e.type === 'bad-report') api.problem('bad-report')
        // shortcuts: control sequences around a code are not part of it
      }
    },
    text(chunk) {
      for (const c of chunk) {
        if (c === '\r' || c === '\n') api.terminator('enter')
        else if (c === '\t') api.terminator('tab')
        else api.char(c)
      }
    },
    abort() {
      if (text !== '' || problem) finish('partial-read')
    },
    discard() {
      stopTimer()
      text = ''
      problem = undefined
    },
  }
  return api
}
