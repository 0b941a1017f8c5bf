// Node prints "ExperimentalWarning: SQLite is an experimental feature" the first time node:sqlite loads
// (https://nodejs.org/api/sqlite.html). The journal's use of it is deliberate and pinned to the Node
// that Electron embeds, so the warning only alarms a shop owner; every other warning still prints.
// The journal loads node:sqlite on first use (main/journal/sqlite.ts), after the entry point ran this.

type EmitWarning = typeof process.emitWarning

export function isSqliteExperimentalWarning(warning: string | Error, typeOrOptions?: unknown): boolean {
  const text = typeof warning === 'string' ? warning : warning.message
  const type =
    typeof typeOrOptions === 'string'
      ? typeOrOptions
      : typeof typeOrOptions === 'object' && typeOrOptions !== null && 'type' in typeOrOptions
        ? String((typeOrOptions as { type?: unknown }).type)
        : typeof warning === 'string'
          ? 'Warning'
          : warning.name
  return type === 'ExperimentalWarning' && /\bSQLite\b/.test(text)
}

export function silenceSqliteExperimentalWarning(proc: { emitWarning: EmitWarning } = process): void {
  const original = proc.emitWarning
  if ((original as { tresenQuiet?: boolean }).tresenQuiet) return
  const quiet = function (this: unknown, warning: string | Error, ...rest: unknown[]) {
    if (isSqliteExperimentalWarning(warning, rest[0])) return
    return (original as (...args: unknown[]) => void).call(proc, warning, ...rest)
  } as EmitWarning & { tresenQuiet?: boolean }
  quiet.tresenQuiet = true
  proc.emitWarning = quiet
}
