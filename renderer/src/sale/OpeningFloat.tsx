// The opening float, asked at the first login of a business day (no cash booked since the last Z):
// a bar above the products that does not block selling, and a dialog to count it in. Booking it is a
// manager action in main, so a seller types the manager's PIN with it.
import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  Alert,
  Button,
  Dialog,
  Keypad,
  PinPad,
  centsFromDigits,
  useCommand,
  useEvent,
  useFormatMoney,
  usePos,
} from '../ui'

export function OpeningFloatPrompt({ sellerId, isManager }: { sellerId: string | null; isManager: boolean }) {
  const { t } = useTranslation()
  const money = useFormatMoney()
  const pos = usePos()
  const [needed, setNeeded] = useState(false)
  const [later, setLater] = useState(false)
  const [open, setOpen] = useState(false)
  const [digits, setDigits] = useState('')
  const [pin, setPin] = useState('')
  const book = useCommand('cash.movement')
  // A new business day: nothing counted in, sold or moved since the last Z.
  const check = useCallback(
    () =>
      pos
        .invoke('cash.summary')
        .then(
          (r) =>
            r.ok &&
            r.value.openingFloat === 0 &&
            r.value.cashSales === 0 &&
            r.value.cashIn === 0 &&
            r.value.cashOut === 0,
        ),
    [pos],
  )
  useEffect(() => {
    if (sellerId === null) return
    let live = true
    void check().then((n) => live && setNeeded(n))
    return () => {
      live = false
    }
  }, [check, sellerId])
  useEvent('journal.changed', () => void check().then(setNeeded))

  if (!needed || later || sellerId === null) return null
  const amount = centsFromDigits(digits)
  return (
    <>
      <div className="opening-float-bar" role="region" aria-label={t('openingFloat.title')}>
        <span>{t('openingFloat.ask')}</span>
        <Button variant="primary" onClick={() => setOpen(true)}>
          {t('openingFloat.enter')}
        </Button>
        <Button variant="ghost" onClick={() => setLater(true)}>
          {t('openingFloat.later')}
        </Button>
      </div>
      {open && (
        <Dialog
          title={t('openingFloat.title')}
          onClose={() => setOpen(false)}
          className="opening-float-dialog"
          footer={
            <>
              <Button onClick={() => setOpen(false)}>{t('common.cancel')}</Button>
              <Button
                variant="ok"
                size="lg"
                disabled={amount === null || amount <= 0 || book.pending || (!isManager && pin.length < 4)}
                pending={book.pending}
                onClick={async () => {
                  if (amount === null) return
                  const r = await book.run({
                    kind: 'opening_float',
                    amount,
                    reason: t('openingFloat.reason'),
                    ...(isManager ? {} : { managerPin: pin }),
                  })
                  setPin('')
                  if (r.ok) {
                    setOpen(false)
                    setNeeded(false)
                  }
                }}
              >
                {t('openingFloat.book', { amount: amount === null ? '–' : money(amount) })}
              </Button>
            </>
          }
        >
          <output className="entry" aria-label={t('openingFloat.amount')}>
            {amount === null ? '–' : money(amount)}
          </output>
          {book.error && <Alert>{book.error}</Alert>}
          <div className="opening-float-pads">
            <Keypad label={t('openingFloat.keypad')} value={digits} onChange={setDigits} maxLength={7} />
            {!isManager && (
              <div>
                <p>{t('openingFloat.managerPin')}</p>
                <PinPad
                  label={t('openingFloat.managerPin')}
                  keypadLabel={t('openingFloat.managerKeypad')}
                  value={pin}
                  onChange={setPin}
                />
              </div>
            )}
          </div>
        </Dialog>
      )}
    </>
  )
}
