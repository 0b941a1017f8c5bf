// Electron entry point: the one main-process file that imports Electron at run time.
import * as electron from 'electron'
import { defaultPaths, runElectronShell } from './electron/shell'
import { silenceSqliteExperimentalWarning } from './logging/quiet-warnings'

silenceSqliteExperimentalWarning()
runElectronShell(electron, process.argv.slice(1), defaultPaths(__dirname))
