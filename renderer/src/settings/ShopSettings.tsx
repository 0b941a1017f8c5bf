// Shop header, receipt policy and the till's default language: edited as a draft, saved in one step
// (a manager action: the manager's PIN is asked for when the active seller is not a manager), live at
// once for the next receipt. The header is previewed as the printer will print it.
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { SettingsView } from '../../../common/ipc/settings-contract'
import { receiptDocument } from '../../../common/receipt/model'
import { ManagerPin, PIN_PATTERN, ReceiptPreview, useActiveSeller, useErrorText } from '../backoffice'
import { Alert, Button, Dialog, useCommand } from '../ui'

type Shop = SettingsView['shop']
type Policy = SettingsView['receiptPolicy']
interface Draft {
  shop: Shop
  receiptPolicy: Policy
  locale: SettingsView['locale']
}

const LINES = 4
const LINE_MAX = 48
const POLICIES: Policy[] = ['always', 'ask', 'never']

const draftOf = (view: SettingsView): Draft => ({
  shop: view.shop,
  receiptPolicy: view.receiptPolicy,
  locale: view.locale,
})
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

/** Empty lines are not printed; they are dropped before saving. */
function cleanShop(shop: Shop): Shop {
  const lines = (list: string[]) => list.map((l) => l.trim()).filter(Boolean)
  const optional = (text: string | undefined) => (text?.trim() ? text.trim() : undefined)
  return {
    name: shop.name.trim(),
    address: lines(shop.address),
    footer: lines(shop.footer),
    ...(optional(shop.taxNumber) ? { taxNumber: optional(shop.taxNumber) } : {}),
    ...(optional(shop.vatId) ? { vatId: optional(shop.vatId) } : {}),
  }
}

export function ShopSettings({ view }: { view: SettingsView }) {
  const { t } = useTranslation()
  const errorText = useErrorText()
  const { needsManagerPin } = useActiveSeller()
  const [draft, setDraft] = useState<Draft>(() => draftOf(view))
  const [base, setBase] = useState<Draft>(() => draftOf(view))
  const [askPin, setAskPin] = useState(false)
  const [pin, setPin] = useState('')
  const [saved, setSaved] = useState(false)
  const update = useCommand('settings.update')

  // A change saved elsewhere (another window) replaces the draft unless the draft has edits of its own
  // (adjusted during render, React's pattern for state derived from a changed prop).
  const [seenView, setSeenView] = useState(view)
  if (view !== seenView) {
    setSeenView(view)
    const next = draftOf(view)
    if (!same(next, base)) {
      if (same(draft, base)) setDraft(next)
      setBase(next)
    }
  }

  const cleaned = useMemo(() => ({ ...draft, shop: cleanShop(draft.shop) }), [draft])
  const dirty = !same(cleaned, { ...base, shop: cleanShop(base.shop) })
  const nameMissing = cleaned.shop.name === ''

  const setShop = (patch: Partial<Shop>) => {
    setSaved(false)
    setDraft((d) => ({ ...d, shop: { ...d.shop, ...patch } }))
  }
  const setLine = (field: 'address' | 'footer', index: number, text: string) => {
    const list = [...draft.shop[field]]
    while (list.length <= index) list.push('')
    list[index] = text
    setShop({ [field]: list })
  }

  const save = async (managerPin?: string) => {
    const result = await update.run({
      shop: cleaned.shop,
      receiptPolicy: cleaned.receiptPolicy,
      locale: cleaned.locale,
      ...(managerPin ? { managerPin } : {}),
    })
    setPin('')
    if (result.ok) {
      setAskPin(false)
      setBase(draftOf(result.value))
      setDraft(draftOf(result.value))
      setSaved(true)
    }
  }
  const onSave = () => (needsManagerPin ? setAskPin(true) : void save())

  const preview = useMemo(
    () =>
      receiptDocument.parse({
        header: [
          cleaned.shop.name || ' ',
          ...cleaned.shop.address,
          ...(cleaned.shop.taxNumber ? [`St.-Nr. ${cleaned.shop.taxNumber}`] : []),
          ...(cleaned.shop.vatId ? [`USt-IdNr. ${cleaned.shop.vatId}`] : []),
        ],
        footer: cleaned.shop.footer,
      }),
    [cleaned],
  )

  return (
    <div className="st-shop">
      <form
        className="st-form"
        aria-label={t('settings.shop.form')}
        onSubmit={(event) => {
          event.preventDefault()
          if (dirty && !nameMissing) onSave()
        }}
      >
        <fieldset>
          <legend>{t('settings.shop.header')}</legend>
          <TextField
            label={t('settings.shop.name')}
            value={draft.shop.name}
            onChange={(name) => setShop({ name })}
            required
          />
          {Array.from({ length: LINES }, (_, i) => (
            <TextField
              key={`a${i}`}
              label={t('settings.shop.address', { n: i + 1 })}
              value={draft.shop.address[i] ?? ''}
              onChange={(text) => setLine('address', i, text)}
            />
          ))}
          <TextField
            label={t('settings.shop.taxNumber')}
            value={draft.shop.taxNumber ?? ''}
            onChange={(taxNumber) => setShop({ taxNumber })}
            max={32}
          />
          <TextField
            label={t('settings.shop.vatId')}
            value={draft.shop.vatId ?? ''}
            onChange={(vatId) => setShop({ vatId })}
            max={32}
          />
          {Array.from({ length: LINES }, (_, i) => (
            <TextField
              key={`f${i}`}
              label={t('settings.shop.footer', { n: i + 1 })}
              value={draft.shop.footer[i] ?? ''}
              onChange={(text) => setLine('footer', i, text)}
            />
          ))}
        </fieldset>

        <fieldset className="st-choices">
          <legend>{t('settings.receipt.policy')}</legend>
          {POLICIES.map((policy) => (
            <label key={policy} className={`st-choice ${draft.receiptPolicy === policy ? 'is-checked' : ''}`}>
              <input
                type="radio"
                name="receipt-policy"
                value={policy}
                checked={draft.receiptPolicy === policy}
                onChange={() => {
                  setSaved(false)
                  setDraft((d) => ({ ...d, receiptPolicy: policy }))
                }}
              />
              <span>{t(`settings.receipt.${policy}`)}</span>
            </label>
          ))}
        </fieldset>

        <fieldset className="st-choices">
          <legend>{t('settings.language.label')}</legend>
          {(['de', 'en'] as const).map((locale) => (
            <label
              key={locale}
              className={`st-choice ${draft.locale === locale ? 'is-checked' : ''}`}
              lang={locale}
            >
              <input
                type="radio"
                name="locale"
                value={locale}
                checked={draft.locale === locale}
                onChange={() => {
                  setSaved(false)
                  setDraft((d) => ({ ...d, locale }))
                }}
              />
              <span>{t(`settings.language.${locale}`)}</span>
            </label>
          ))}
          <p className="bo-hint">{t('settings.language.hint')}</p>
        </fieldset>

        <p className="bo-hint">{t('settings.tillId', { id: view.tillId })}</p>
        {nameMissing && <Alert>{t('settings.shop.nameMissing')}</Alert>}
        {update.errorDetail && !askPin && <Alert>{errorText(update.errorDetail)}</Alert>}
        {saved && !dirty && <Alert kind="success">{t('settings.saved')}</Alert>}
        <div className="bo-actions">
          <Button size="lg" onClick={() => setDraft(base)} disabled={!dirty || update.pending}>
            {t('settings.discard')}
          </Button>
          <Button
            size="lg"
            variant="primary"
            onClick={onSave}
            disabled={!dirty || nameMissing || update.pending}
            pending={update.pending}
          >
            {t('settings.save')}
          </Button>
        </div>
      </form>

      <section className="st-preview" aria-labelledby="st-preview-heading">
        <h2 id="st-preview-heading">{t('settings.shop.preview')}</h2>
        <ReceiptPreview document={preview} label={t('settings.shop.preview')} />
      </section>

      {askPin && (
        <Dialog
          title={t('settings.confirmTitle')}
          onClose={update.pending ? undefined : () => setAskPin(false)}
          className="bo-dialog st-pin-dialog"
          footer={
            <>
              <Button size="lg" onClick={() => setAskPin(false)} disabled={update.pending}>
                {t('backoffice.cancel')}
              </Button>
              <Button
                size="lg"
                variant="primary"
                onClick={() => void save(pin)}
                disabled={!PIN_PATTERN.test(pin) || update.pending}
                pending={update.pending}
              >
                {t('settings.save')}
              </Button>
            </>
          }
        >
          <ManagerPin value={pin} onChange={setPin} disabled={update.pending} />
          {update.errorDetail && <Alert>{errorText(update.errorDetail)}</Alert>}
        </Dialog>
      )}
    </div>
  )
}

function TextField({
  label,
  value,
  onChange,
  max = LINE_MAX,
  required,
}: {
  label: string
  value: string
  onChange(text: string): void
  max?: number
  required?: boolean
}) {
  return (
    <label className="st-field">
      <span>{label}</span>
      <input
        type="text"
        className="bo-text"
        value={value}
        maxLength={max}
        required={required}
        onChange={(event) => onChange(event.target.value)}
      />
    </label>
  )
}
