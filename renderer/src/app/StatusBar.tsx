// Always visible: printer, drawer, scanner (and the scale where one is configured), the secuconnect connection and demo mode, each kept live by
// its event so a paper-out or a lost connection shows the moment it happens.
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { DeviceKind, DeviceStatus } from '../../../common/devices'
import type { AppInfo } from '../../../common/ipc/contract'
import { useEvent, useLiveState, usePos } from '../ui'

const KINDS: DeviceKind[] = ['printer', 'drawer', 'scanner']
const GOOD = new Set(['connected', 'drawer-closed'])
const WARN = new Set(['paper-low', 'drawer-open'])

export function StatusBar({
  demo,
  secretStorage,
}: {
  demo: boolean
  secretStorage?: AppInfo['secretStorage']
}) {
  const { t } = useTranslation()
  const pos = usePos()
  const [devices, setDevices] = useState<Record<string, DeviceStatus>>({})
  const [api] = useLiveState('api.status', 'api.changed')
  const [tse] = useLiveState('fiscal.view', 'fiscal.changed')
  const [central] = useLiveState('central.status', 'central.changed')
  useEffect(() => {
    void pos.invoke('devices.status').then((result) => {
      if (result.ok)
        setDevices((current) => ({ ...Object.fromEntries(result.value.map((d) => [d.kind, d])), ...current }))
    })
  }, [pos])
  useEvent('devices.status', (status) => setDevices((current) => ({ ...current, [status.kind]: status })))

  const apiState = api ? (api.pairing ? 'pairing' : !api.paired ? 'unpaired' : api.connectivity) : 'unknown'
  const apiTone =
    apiState === 'online' ? 'ok' : apiState === 'unknown' || apiState === 'pairing' ? 'unknown' : 'bad'
  return (
    <footer className="status-bar" role="status" aria-label={t('status.bar')}>
      {[...KINDS, ...(devices.scale ? (['scale'] as const) : [])].map((kind) => {
        const status = devices[kind]
        const state = status?.state ?? 'unknown'
        const tone = status ? (GOOD.has(state) ? 'ok' : WARN.has(state) ? 'warn' : 'bad') : 'unknown'
        return (
          <span key={kind} className={`status-item status-${tone}`} data-kind={kind} data-state={state}>
            <span className="status-dot" aria-hidden="true" />
            {t(`status.${kind}`)}: {t(`status.state.${state}`)}
          </span>
        )
      })}
      <span className={`status-item status-${apiTone}`} data-kind="api" data-state={apiState}>
        <span className="status-dot" aria-hidden="true" />
        {t('status.api')}: {t(`status.apiState.${apiState}`)}
      </span>
      {tse && (
        <span
          className={`status-item status-${tse.kind === 'none' || tse.outage ? 'bad' : 'ok'}`}
          data-kind="tse"
          data-state={tse.kind === 'none' ? 'none' : tse.outage ? 'outage' : 'ready'}
          title={tse.outage?.reason}
        >
          <span className="status-dot" aria-hidden="true" />
          {t('status.tse')}:{' '}
          {tse.kind === 'none'
            ? t('status.tseState.none')
            : tse.outage
              ? t('status.tseState.outage', { since: new Date(tse.outage.since).toLocaleTimeString() })
              : t('status.tseState.ready')}
        </span>
      )}
      {central?.configured && (
        <span
          className={`status-item status-${central.problem ? 'bad' : !central.online ? 'warn' : central.lagRows > 0 ? 'unknown' : 'ok'}`}
          data-kind="central"
          data-state={central.problem ? 'problem' : central.online ? 'online' : 'offline'}
        >
          <span className="status-dot" aria-hidden="true" />
          {t('central.status')}:{' '}
          {central.problem
            ? t('central.state.problem', { problem: central.problem })
            : central.lagRows > 0
              ? t('central.state.lag', { rows: central.lagRows, seconds: central.lagSeconds })
              : t(`central.state.${central.online ? 'online' : 'offline'}`)}
        </span>
      )}
      {/* A key store that only obfuscates is always worth a word; memory-only matters outside demo mode. */}
      {(secretStorage === 'weak-key-store' || (secretStorage === 'memory' && !demo)) && (
        <span className="status-item status-warn" data-kind="secrets" data-state={secretStorage}>
          <span className="status-dot" aria-hidden="true" />
          {t(`status.secrets.${secretStorage}`)}
        </span>
      )}
      {demo && <span className="status-item status-demo">{t('status.demoMode')}</span>}
    </footer>
  )
}
