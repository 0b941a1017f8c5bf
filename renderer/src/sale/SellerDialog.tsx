// Seller login and switch: tap your name, type your PIN. Switching parks the current basket in main.
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { SellerView } from '../../../common/sellers'
import { Alert, Button, Dialog, PinPad, useCommand } from '../ui'

export interface SellerDialogProps {
  sellers: SellerView[]
  activeSellerId: string | null
  /** Start with this seller's PIN pad (a parked basket was tapped). */
  preselect?: string | null
  /** Omitted while nobody is logged in: someone must log in to sell. */
  onClose?: () => void
  onLoggedIn: () => void
  /** In place of the products instead of a modal dialog. */
  inline?: boolean
}

export function SellerDialog({
  sellers,
  activeSellerId,
  preselect = null,
  onClose,
  onLoggedIn,
  inline = false,
}: SellerDialogProps) {
  const { t } = useTranslation()
  const [chosen, setChosen] = useState<SellerView | null>(sellers.find((s) => s.id === preselect) ?? null)
  const [pin, setPin] = useState('')
  const login = useCommand('seller.login')
  const park = useCommand('seller.park')

  const submit = async (seller: SellerView, code?: string) => {
    const result = await login.run(
      code === undefined ? { sellerId: seller.id } : { sellerId: seller.id, pin: code },
    )
    if (result.ok) onLoggedIn()
    else setPin('')
  }
  const choose = (seller: SellerView) => {
    login.clearError()
    setPin('')
    if (seller.needsPin) setChosen(seller)
    else void submit(seller)
  }

  const title = chosen ? t('seller.pinTitle', { name: chosen.name }) : t('seller.title')
  const footer = (
    <>
      {chosen && <Button onClick={() => setChosen(null)}>{t('common.back')}</Button>}
      {!chosen && activeSellerId && (
        <Button disabled={park.pending} onClick={() => void park.run().then((r) => r.ok && onClose?.())}>
          {t('seller.park')}
        </Button>
      )}
      {onClose && <Button onClick={onClose}>{t('common.close')}</Button>}
    </>
  )
  const body = (
    <>
      {!chosen && (
        <div className="seller-grid" role="group" aria-label={t('seller.choose')}>
          {sellers.map((s) => (
            <Button
              key={s.id}
              size="xl"
              variant={s.id === activeSellerId ? 'primary' : 'default'}
              aria-pressed={s.id === activeSellerId}
              onClick={() => choose(s)}
            >
              {s.name}
            </Button>
          ))}
        </div>
      )}
      {chosen && (
        <>
          {login.error && <Alert>{login.error}</Alert>}
          <PinPad
            className="entry pin-dots"
            label={t('seller.pin')}
            keypadLabel={t('seller.pinKeypad')}
            value={pin}
            onChange={(v) => {
              login.clearError()
              setPin(v)
            }}
            onOk={() => void submit(chosen, pin)}
            okLabel={t('seller.login')}
            okDisabled={pin.length < 4 || login.pending}
          />
        </>
      )}
      {!chosen && login.error && <Alert>{login.error}</Alert>}
    </>
  )
  if (inline) {
    // Nobody is logged in: the picker takes the product area, the rest of the till stays usable.
    return (
      <section className="seller-lock" aria-labelledby="seller-lock-title">
        <h2 id="seller-lock-title">{title}</h2>
        {body}
        <div className="dialog-footer">{footer}</div>
      </section>
    )
  }
  return (
    <Dialog title={title} onClose={onClose} className="seller-dialog" footer={footer}>
      {body}
    </Dialog>
  )
}
