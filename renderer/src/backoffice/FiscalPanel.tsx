// Fiscal tab: the DSFinV-K export of a range of Z closings into a folder (USB stick) and the § 146a
// registration data with its file export. Both are manager actions; main does every check and writes
// every file (docs/fiscal-export.md).
import { useEffect, useId, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { AppError } from '../../../common/ipc/contract'
import type { RegistrationData, RegistrationInput } from '../../../common/fiscal-export'
import { usePos } from '../platform/api'
import { Alert, Button, useLocale } from '../ui'
import { ManagerPin, PIN_PATTERN } from './ManagerPin'
import { TrainingSwitch } from './TrainingSwitch'
import { useErrorText } from './errors'
import { useActiveSeller } from './use-seller'
import './fiscal.css'

type Info = {
  closings: { first: number; last: number; lastAt: string } | null
  defaultFolder: string
  registration: RegistrationData
}

const KNOWN: (keyof RegistrationData)[] = [
  'companyName',
  'taxNumber',
  'location',
  'tillSerial',
  'software',
  'softwareVersion',
  'systemType',
  'firstSaleDay',
  'tseSerial',
  'tseType',
  'tseCertificateId',
  'tseFirstRecordDay',
]
const EDITABLE: { key: keyof RegistrationInput; date?: boolean }[] = [
  { key: 'acquisitionDate', date: true },
  { key: 'startOfUse', date: true },
  { key: 'manufacturer' },
  { key: 'model' },
  { key: 'bsiCertification' },
  { key: 'tseStartOfUse', date: true },
  { key: 'decommissionDate', date: true },
  { key: 'decommissionReason' },
]

function Field({ label, children }: { label: string; children: (id: string) => ReactNode }) {
  const id = useId()
  return (
    <div className="fiscal-field">
      <label htmlFor={id}>{label}</label>
      {children(id)}
    </div>
  )
}

export function FiscalPanel() {
  const { t } = useTranslation()
  const pos = usePos()
  const locale = useLocale()
  const errorText = useErrorText()
  const { needsManagerPin } = useActiveSeller()
  const [info, setInfo] = useState<Info | null>(null)
  const [error, setError] = useState<AppError | null>(null)
  const [fromZ, setFromZ] = useState('')
  const [toZ, setToZ] = useState('')
  const [folder, setFolder] = useState('')
  const [pin, setPin] = useState('')
  const [busy, setBusy] = useState<'export' | 'save' | 'file' | null>(null)
  const [done, setDone] = useState<string[]>([])
  const [form, setForm] = useState<RegistrationInput | null>(null)

  useEffect(() => {
    let live = true
    void pos.invoke('fiscal.info').then((r) => {
      if (!live) return
      if (!r.ok) return setError(r.error)
      setInfo(r.value)
      setFolder(r.value.defaultFolder)
      if (r.value.closings) {
        setFromZ(String(r.value.closings.last))
        setToZ(String(r.value.closings.last))
      }
      const { registration: reg } = r.value
      setForm(Object.fromEntries(EDITABLE.map(({ key }) => [key, reg[key]])) as RegistrationInput)
    })
    return () => {
      live = false
    }
  }, [pos])

  const pinPart = () => (needsManagerPin ? { managerPin: pin } : {})
  const pinOk = !needsManagerPin || PIN_PATTERN.test(pin)
  const after = (r: { ok: boolean; error?: AppError }, ok: string[]) => {
    setBusy(null)
    if (!r.ok) {
      setError(r.error ?? null)
      setDone([])
    } else {
      setError(null)
      setDone(ok)
    }
  }

  async function runExport() {
    setBusy('export')
    const r = await pos.invoke('fiscal.exportDsfinvk', {
      fromZ: Number(fromZ),
      toZ: Number(toZ),
      folder,
      ...pinPart(),
    })
    if (!r.ok) return after(r, [])
    const v = r.value
    after(r, [
      t('backoffice.fiscal.export.done', { file: v.file, count: v.transactions }),
      t(
        `backoffice.fiscal.export.tse${v.tseTar === 'included' ? 'Included' : v.tseTar === 'none' ? 'None' : 'Failed'}`,
      ),
      ...v.warnings.map((w) => (locale === 'de' ? w.de : w.en)),
    ])
  }

  async function saveRegistration() {
    if (!form) return
    setBusy('save')
    const r = await pos.invoke('fiscal.saveRegistration', { data: form, ...pinPart() })
    if (r.ok) setInfo((i) => (i ? { ...i, registration: r.value } : i))
    after(r, [t('backoffice.fiscal.registration.saved')])
  }

  async function exportRegistration() {
    setBusy('file')
    const r = await pos.invoke('fiscal.exportRegistration', { folder, ...pinPart() })
    after(r, r.ok ? [t('backoffice.fiscal.registration.exported', { file: r.value.file })] : [])
  }

  if (!info)
    return error ? (
      <Alert>{errorText(error)}</Alert>
    ) : (
      <p role="status" className="bo-progress" aria-busy="true">
        {t('backoffice.loading')}
      </p>
    )
  const reg = info.registration
  return (
    <div className="fiscal">
      <section aria-labelledby="fiscal-export-heading" className="fiscal-section">
        <h2 id="fiscal-export-heading">{t('backoffice.fiscal.export.heading')}</h2>
        <p>{t('backoffice.fiscal.export.intro')}</p>
        {info.closings ? (
          <p>
            {t('backoffice.fiscal.export.range', { first: info.closings.first, last: info.closings.last })}
          </p>
        ) : (
          <p>{t('backoffice.fiscal.export.noClosings')}</p>
        )}
        <div className="fiscal-row">
          <Field label={t('backoffice.fiscal.export.fromZ')}>
            {(id) => (
              <input
                id={id}
                inputMode="numeric"
                value={fromZ}
                onChange={(e) => setFromZ(e.target.value.replace(/\D/g, ''))}
              />
            )}
          </Field>
          <Field label={t('backoffice.fiscal.export.toZ')}>
            {(id) => (
              <input
                id={id}
                inputMode="numeric"
                value={toZ}
                onChange={(e) => setToZ(e.target.value.replace(/\D/g, ''))}
              />
            )}
          </Field>
        </div>
        <Field label={t('backoffice.fiscal.export.folder')}>
          {(id) => (
            <input
              id={id}
              className="fiscal-folder"
              value={folder}
              onChange={(e) => setFolder(e.target.value)}
            />
          )}
        </Field>
        {needsManagerPin && <ManagerPin value={pin} onChange={setPin} disabled={busy !== null} />}
        <Button
          variant="primary"
          pending={busy === 'export'}
          disabled={busy !== null || !info.closings || !fromZ || !toZ || !folder || !pinOk}
          onClick={() => void runExport()}
        >
          {busy === 'export' ? t('backoffice.fiscal.export.running') : t('backoffice.fiscal.export.run')}
        </Button>
      </section>
      <TrainingSwitch {...pinPart()} pinOk={pinOk} />
      {error && <Alert>{errorText(error)}</Alert>}
      {done.length > 0 && (
        <div role="status" className="fiscal-done">
          {done.map((d) => (
            <p key={d}>{d}</p>
          ))}
        </div>
      )}
      <section aria-labelledby="fiscal-reg-heading" className="fiscal-section">
        <h2 id="fiscal-reg-heading">{t('backoffice.fiscal.registration.heading')}</h2>
        <p>{t('backoffice.fiscal.registration.intro')}</p>
        <dl className="fiscal-known">
          {KNOWN.map((key) => (
            <div key={key}>
              <dt>{t(`backoffice.fiscal.registration.${key}`)}</dt>
              <dd>{(reg[key] as string | null) || t('backoffice.fiscal.registration.none')}</dd>
            </div>
          ))}
        </dl>
        {form &&
          EDITABLE.map(({ key, date }) => (
            <Field key={key} label={t(`backoffice.fiscal.registration.${key}`)}>
              {(id) => (
                <input
                  id={id}
                  type={date ? 'date' : 'text'}
                  value={form[key]}
                  onChange={(e) => setForm({ ...form, [key]: e.target.value })}
                />
              )}
            </Field>
          ))}
        <div className="fiscal-row">
          <Button
            pending={busy === 'save'}
            disabled={busy !== null || !pinOk}
            onClick={() => void saveRegistration()}
          >
            {t('backoffice.fiscal.registration.save')}
          </Button>
          <Button
            pending={busy === 'file'}
            disabled={busy !== null || !folder || !pinOk}
            onClick={() => void exportRegistration()}
          >
            {t('backoffice.fiscal.registration.exportFile')}
          </Button>
        </div>
      </section>
    </div>
  )
}
