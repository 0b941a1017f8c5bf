// How wide the till's receipt paper is, so a preview draws the same number of columns the printer prints.
// The settings view carries the printer only as its summary line (main/settings/device-summary.ts:
// "virtual, 32 columns", "TCP 192.168.1.50:9100, 58mm, cp858"); 58 mm paper has 32 columns, 80 mm 48.
import { PAPER_COLUMNS } from '../../../common/receipt/layout'
import type { SettingsView } from '../../../common/ipc/settings-contract'
import { useLiveState } from '../ui/hooks'

export function paperColumns(view: SettingsView | null): number {
  const printer = view?.devices.find((d) => d.kind === 'printer')?.summary ?? ''
  return /\b58mm\b|\b32 columns\b/.test(printer) ? PAPER_COLUMNS['58mm'] : PAPER_COLUMNS['80mm']
}

export function usePaperColumns(): number {
  const [view] = useLiveState('settings.get', 'settings.changed')
  return paperColumns(view)
}
