// node:sqlite, loaded when the journal is first opened rather than when the bundle is evaluated, so the
// entry point can silence its experimental warning first (main/logging/quiet-warnings.ts).
import type * as Sqlite from 'node:sqlite'

export const sqlite = (): typeof Sqlite => process.getBuiltinModule('node:sqlite')
