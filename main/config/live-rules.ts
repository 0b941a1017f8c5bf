// What a live configuration (`demo` not true) must say for itself. Demo mode fills everything in with
// demo parts — the built-in secuconnect simulator that approves every payment, virtual devices, sellers
// with published PINs — and a till that runs on those by accident hands out goods unpaid. So outside demo
// mode the payment host, the three devices, the catalogue and the sellers must be written in the file,
// and the demo parts are refused by name. The check reads the raw file as well as the parsed config: a default filled
// in by the schema must not count as "written".
import type { AppConfig } from '../../common/config'
import { DEMO_SELLERS } from '../../common/sellers'

export interface LiveIssue {
  path: string
  de: string
  en: string
}

/** The device blocks a live till must name (a scale, when configured, follows the same driver rule). */
export const LIVE_DEVICES = ['scanner', 'printer', 'drawer'] as const

const missing = (path: string): LiveIssue => ({
  path,
  de:
    'fehlt — außerhalb des Demo-Modus muss dieser Eintrag ausdrücklich in der Datei stehen ' +
    '(Vorlage: README, „Example for a real till“; oder "demo": true für eine Vorführkasse)',
  en:
    'missing — outside demo mode this entry must be written in the file ' +
    '(template: README, "Example for a real till"; or "demo": true for a demonstration till)',
})

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** Every reason the parsed `config` (read from `raw`) may not run a live till; [] in demo mode. */
export function liveConfigIssues(raw: unknown, config: AppConfig): LiveIssue[] {
  if (config.demo) return []
  const file = isObject(raw) ? raw : {}
  const issues: LiveIssue[] = []

  const secuconnect = file.secuconnect
  if (!isObject(secuconnect)) issues.push(missing('secuconnect'))
  else if (secuconnect.host === undefined) issues.push(missing('secuconnect.host'))
  if (config.secuconnect.host === 'simulator' && isObject(secuconnect) && secuconnect.host !== undefined)
    issues.push({
      path: 'secuconnect.host',
      de: '"simulator" gibt es nur im Demo-Modus (er genehmigt jede Zahlung) — die URL des secuconnect-Hosts eintragen',
      en: '"simulator" exists in demo mode only (it approves every payment) — give the secuconnect host URL',
    })

  const devices = file.devices
  if (!isObject(devices)) issues.push(missing('devices'))
  else for (const name of LIVE_DEVICES) if (!isObject(devices[name])) issues.push(missing(`devices.${name}`))
  for (const [name, device] of Object.entries(config.devices) as [string, unknown][]) {
    if (!isObject(device) || device.driver !== 'virtual') continue
    // A block the file leaves out is reported as missing above; this names one written as virtual.
    if (!isObject(devices) || !isObject(devices[name])) continue
    issues.push({
      path: `devices.${name}.driver`,
      de: '"virtual" gibt es nur im Demo-Modus — das angeschlossene Gerät eintragen',
      en: '"virtual" exists in demo mode only — configure the connected device',
    })
  }

  // Without a catalogue the till would sell the demo bakery's articles at its prices.
  if (file.catalog === undefined) issues.push(missing('catalog'))

  if (file.sellers === undefined) issues.push(missing('sellers'))
  else {
    const demoIds = new Set(DEMO_SELLERS.map((s) => s.id))
    const demoPins = new Set(DEMO_SELLERS.flatMap((s) => (s.pin ? [s.pin] : [])))
    config.sellers.forEach((seller, i) => {
      if (demoIds.has(seller.id))
        issues.push({
          path: `sellers.${i}.id`,
          de: `"${seller.id}" ist ein Verkäufer der Demo-Kasse — nur im Demo-Modus erlaubt`,
          en: `"${seller.id}" is a seller of the demo till — allowed in demo mode only`,
        })
      if (seller.pin !== undefined && demoPins.has(seller.pin))
        issues.push({
          path: `sellers.${i}.pin`,
          de: 'diese PIN gehört zur Demo-Kasse und steht im README — eine eigene PIN wählen',
          en: 'this PIN belongs to the demo till and is published in the README — choose your own',
        })
    })
  }
  return issues
}
