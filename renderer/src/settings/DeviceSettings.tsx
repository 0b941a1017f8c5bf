// Devices: the configured printer, drawer and scanner with their live status (devices.status events),
// a test print and a drawer opening; and what is plugged in right now, which a manager picks as the
// till's device (main saves its config.json block; drivers hold ports, so it is used from the next start).
import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AttachedDevice, DeviceKind, DeviceStatus } from '../../../common/devices'
import type { SettingsView } from '../../../common/ipc/settings-contract'
import { DrawerOpenDialog, ManagerPin, PIN_PATTERN, useActiveSeller, useErrorText } from '../backoffice'
import { Alert, Button, Dialog, useCommand, useEvent, usePos } from '../ui'
import { configSnippet, deviceConfigFor, kindsFor } from '../../../common/config/device-pick'

const KINDS: DeviceKind[] = ['printer', 'drawer', 'scanner']
const GOOD = new Set(['connected', 'drawer-closed'])

const hex = (id: number | undefined) => (id === undefined ? '' : `0x${id.toString(16).padStart(4, '0')}`)

function useDeviceStatuses(): Partial<Record<DeviceKind, DeviceStatus>> {
  const pos = usePos()
  const [statuses, setStatuses] = useState<Partial<Record<DeviceKind, DeviceStatus>>>({})
  useEffect(() => {
    let live = true
    void pos.invoke('devices.status').then((result) => {
      // Events that came in meanwhile are newer than this answer; keep them.
      if (live && result.ok)
        setStatuses((current) => ({
          ...Object.fromEntries(result.value.map((d) => [d.kind, d])),
          ...current,
        }))
    })
    return () => {
      live = false
    }
  }, [pos])
  useEvent('devices.status', (status) => setStatuses((current) => ({ ...current, [status.kind]: status })))
  return statuses
}

export function DeviceSettings({ view }: { view: SettingsView }) {
  const { t } = useTranslation()
  const errorText = useErrorText()
  const statuses = useDeviceStatuses()
  const testPrint = useCommand('devices.testPrint')
  const [printResult, setPrintResult] = useState<{
    status: 'printed' | 'failed'
    messageKey: string | null
  } | null>(null)
  const [drawerOpen, setDrawerOpen] = useState(false)
  // The device's own words for a fault, shown when they say more than the state word.
  const detailText = (status: DeviceStatus) =>
    errorText({ messageKey: status.messageKey!, message: status.detail ?? '' })

  const runTestPrint = async () => {
    setPrintResult(null)
    const result = await testPrint.run()
    if (result.ok) setPrintResult(result.value)
  }

  return (
    <div className="st-devices">
      <section aria-labelledby="st-configured-heading" className="st-card-list">
        <h2 id="st-configured-heading">{t('settings.devices.configured')}</h2>
        {KINDS.map((kind) => {
          const configured = view.devices.find((d) => d.kind === kind)
          const status = statuses[kind]
          const state = status?.state ?? 'unknown'
          const tone = status ? (GOOD.has(state) ? 'ok' : 'bad') : 'unknown'
          return (
            <article key={kind} className={`st-device st-${tone}`} aria-labelledby={`st-device-${kind}`}>
              <h3 id={`st-device-${kind}`}>{t(`settings.devices.kind.${kind}`)}</h3>
              <p className="st-device-state">
                <span className="status-dot" aria-hidden="true" /> {t('settings.devices.state')}:{' '}
                <strong>{t(`status.state.${state}`)}</strong>
                {status?.virtual && <span className="st-virtual"> · {t('settings.devices.virtual')}</span>}
              </p>
              {status?.messageKey && tone === 'bad' && detailText(status) !== t(`status.state.${state}`) && (
                <p className="bo-hint">{detailText(status)}</p>
              )}
              <p className="bo-hint">
                {t('settings.devices.driver', { driver: configured?.driver ?? '–' })} ·{' '}
                {configured?.summary ?? ''}
              </p>
              {view.restartRequired.includes(kind) && (
                <Alert kind="info">{t('settings.devices.restartPending')}</Alert>
              )}
              {kind === 'printer' && (
                <div className="st-device-actions">
                  <Button
                    size="lg"
                    onClick={() => void runTestPrint()}
                    disabled={testPrint.pending}
                    pending={testPrint.pending}
                  >
                    {testPrint.pending ? t('settings.devices.printing') : t('settings.devices.testPrint')}
                  </Button>
                  {printResult?.status === 'printed' && (
                    <Alert kind="success">{t('settings.devices.testPrinted')}</Alert>
                  )}
                  {printResult?.status === 'failed' && (
                    <Alert>
                      {printResult.messageKey
                        ? errorText({
                            messageKey: printResult.messageKey,
                            message: t('settings.devices.testFailed'),
                          })
                        : t('settings.devices.testFailed')}
                      {' — '}
                      {t('settings.devices.testNext')}
                    </Alert>
                  )}
                  {testPrint.errorDetail && <Alert>{errorText(testPrint.errorDetail)}</Alert>}
                </div>
              )}
              {kind === 'drawer' && (
                <div className="st-device-actions">
                  <Button size="lg" onClick={() => setDrawerOpen(true)}>
                    {t('backoffice.drawer.title')}
                  </Button>
                </div>
              )}
            </article>
          )
        })}
      </section>
      <AttachedDevices />
      {drawerOpen && <DrawerOpenDialog onClose={() => setDrawerOpen(false)} />}
    </div>
  )
}

function AttachedDevices() {
  const { t } = useTranslation()
  const errorText = useErrorText()
  const list = useCommand('devices.attached')
  const { run } = list
  const [devices, setDevices] = useState<AttachedDevice[] | null>(null)
  const [picked, setPicked] = useState<{ device: AttachedDevice; kind: DeviceKind } | null>(null)

  const scan = useCallback(() => {
    void run().then((result) => result.ok && setDevices(result.value))
  }, [run])
  useEffect(() => {
    scan()
  }, [scan])

  return (
    <section aria-labelledby="st-attached-heading" className="st-attached">
      <div className="st-row">
        <h2 id="st-attached-heading">{t('settings.devices.attached')}</h2>
        <Button onClick={scan} disabled={list.pending} pending={list.pending}>
          {list.pending ? t('settings.devices.searching') : t('settings.devices.search')}
        </Button>
      </div>
      {list.errorDetail && (
        <Alert>
          {errorText(list.errorDetail)} {t('settings.devices.searchNext')}
        </Alert>
      )}
      {devices !== null && devices.length === 0 && <p className="empty">{t('settings.devices.none')}</p>}
      {devices !== null && devices.length > 0 && (
        <ul className="st-attached-list" aria-label={t('settings.devices.attached')}>
          {devices.map((device) => {
            const name = [device.manufacturer, device.product].filter(Boolean).join(' ') || device.path
            return (
              <li key={`${device.bus}:${device.path}`} className="st-attached-item">
                <div>
                  <strong>{name}</strong>
                  <div className="bo-hint">
                    {t(`settings.devices.bus.${device.bus}`)} · {device.path}
                    {device.vendorId !== undefined &&
                      ` · VID ${hex(device.vendorId)} PID ${hex(device.productId)}`}
                  </div>
                </div>
                <div className="st-attached-use">
                  {kindsFor(device).map((kind) => (
                    <Button
                      key={kind}
                      onClick={() => setPicked({ device, kind })}
                      aria-label={t('settings.devices.useAs', {
                        kind: t(`settings.devices.kind.${kind}`),
                        name,
                      })}
                    >
                      {t(`settings.devices.kind.${kind}`)}
                    </Button>
                  ))}
                </div>
              </li>
            )
          })}
        </ul>
      )}
      {picked && <PickDeviceDialog picked={picked} onClose={() => setPicked(null)} />}
    </section>
  )
}

function PickDeviceDialog({
  picked,
  onClose,
}: {
  picked: { device: AttachedDevice; kind: DeviceKind }
  onClose: () => void
}) {
  const { t } = useTranslation()
  const errorText = useErrorText()
  const { needsManagerPin } = useActiveSeller()
  const select = useCommand('settings.selectDevice')
  const [pin, setPin] = useState('')
  const [saved, setSaved] = useState(false)
  const kindName = t(`settings.devices.kind.${picked.kind}`)
  const canSave = !saved && !select.pending && (!needsManagerPin || PIN_PATTERN.test(pin))

  const save = async () => {
    const result = await select.run({
      kind: picked.kind,
      bus: picked.device.bus,
      path: picked.device.path,
      ...(needsManagerPin ? { managerPin: pin } : {}),
    })
    if (result.ok) setSaved(true)
    else setPin('')
  }

  return (
    <Dialog
      title={t('settings.devices.pickTitle', { kind: kindName })}
      onClose={onClose}
      className="bo-dialog"
      footer={
        saved ? (
          <Button size="lg" variant="primary" onClick={onClose}>
            {t('backoffice.close')}
          </Button>
        ) : (
          <>
            <Button size="lg" onClick={onClose}>
              {t('backoffice.cancel')}
            </Button>
            <Button
              size="lg"
              variant="primary"
              onClick={() => void save()}
              disabled={!canSave}
              pending={select.pending}
            >
              {t('settings.devices.save', { kind: kindName })}
            </Button>
          </>
        )
      }
    >
      <p>{t('settings.devices.pickHint')}</p>
      <pre className="st-snippet" aria-label={t('settings.devices.snippet')}>
        {configSnippet(picked.kind, deviceConfigFor(picked.device, picked.kind) ?? {})}
      </pre>
      {!saved && needsManagerPin && <ManagerPin value={pin} onChange={setPin} disabled={select.pending} />}
      {select.errorDetail && <Alert>{errorText(select.errorDetail)}</Alert>}
      {saved ? (
        <Alert kind="success">{t('settings.devices.saved')}</Alert>
      ) : (
        <p className="bo-hint">{t('settings.devices.restart')}</p>
      )}
    </Dialog>
  )
}
