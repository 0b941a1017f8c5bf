import { useEffect, useState } from 'react'
import type { AppInfo } from '../../../common/ipc/contract'
import { usePos, usePosEvent } from '../platform/api'
import { applyLocale } from '../i18n'

/** The register's identity and language, kept in sync with main. */
export function useAppInfo(): AppInfo | null {
  const pos = usePos()
  const [info, setInfo] = useState<AppInfo | null>(null)
  useEffect(() => {
    let live = true
    void pos.invoke('app.info').then((result) => {
      if (live && result.ok) {
        setInfo(result.value)
        applyLocale(result.value.locale)
      }
    })
    return () => {
      live = false
    }
  }, [pos])
  usePosEvent('app.localeChanged', ({ locale }) => {
    applyLocale(locale)
    setInfo((current) => (current ? { ...current, locale } : current))
  })
  return info
}
