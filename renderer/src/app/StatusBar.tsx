import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { DeviceKind, DeviceStatus } from '../../../common/devices'
import { usePos, usePosEvent } from '../platform/api'

const KINDS: DeviceKind[] = ['printer', 'drawer', 'scanner']
const GOOD = new Set(['connected', 'drawer-closed'])

export function StatusBar({ demo }: { demo: boolean }) {
  const { t } = useTranslation()
  const pos = usePos()
  const [devices, setDevices] = useState<Record<string, DeviceStatus>>({})
  useEffect(() => {
    void pos.invoke('devices.status').then((result) => {
      if (result.ok) setDevices(Object.fromEntries(result.value.map((d) => [d.kind, d])))
    })
  }, [pos])
  usePosEvent('devices.status', (status) => setDevices((current) => ({ ...current, [status.kind]: status })))

  return (
    <footer className="status-bar" role="status" aria-label={t('status.bar')}>
      {KINDS.map((kind) => {
        const status = devices[kind]
        const state = status?.state ?? 'unknown'
        const tone = status ? (GOOD.has(state) ? 'ok' : 'bad') : 'unknown'
        return (
          <span key={kind} className={`status-item status-${tone}`} data-kind={kind}>
            <span className="status-dot" aria-hidden="true" />
            {t(`status.${kind}`)}: {t(`status.state.${state}`)}
          </span>
        )
      })}
      {demo && <span className="status-item status-demo">{t('status.demoMode')}</span>}
    </footer>
  )
}
