// Outside demo mode a till must say which TSE it uses: "fiskaly", "simulator" or explicitly "none"
// (then the screen shows a red banner and every receipt "TSE: nicht angeschlossen"). Same bilingual
// issue shape as main/config/load-config.ts.

export interface ConfigIssue {
  path: string
  de: string
  en: string
}

/** Issues for a parsed-but-not-yet-accepted config file's raw JSON. */
export function fiscalConfigIssues(data: unknown): ConfigIssue[] {
  const d = (data ?? {}) as { demo?: unknown; fiscal?: { tse?: unknown } }
  if (d.demo === true) return []
  if (d.fiscal?.tse === 'simulator')
    return [
      {
        path: 'fiscal.tse',
        de: '"simulator" gibt es nur im Demo-Modus (seine Signaturen sind wertlos) — "fiskaly" eintragen',
        en: '"simulator" exists in demo mode only (its signatures are worthless) — use "fiskaly"',
      },
    ]
  if (d.fiscal?.tse !== undefined) return []
  return [
    {
      path: 'fiscal.tse',
      de: 'fehlt: außerhalb des Demo-Modus muss "fiskaly", "simulator" oder ausdrücklich "none" (ohne TSE, nicht gesetzeskonform) eingetragen sein',
      en: 'missing: outside demo mode write "fiskaly", "simulator" or explicitly "none" (no TSE, not compliant)',
    },
  ]
}
