// The attached customer card on the sale screen: masked number (last four digits only), holder, balance;
// a tap opens the card panel, ✕ removes the card.
import { useTranslation } from 'react-i18next'
import type { CardView } from '../../../common/checkout'
import { Button, useCommand, useFormatMoney, useToast } from '../ui'

export function CardChip({ card, onOpen }: { card: CardView; onOpen: () => void }) {
  const { t } = useTranslation()
  const money = useFormatMoney()
  const toast = useToast()
  const detach = useCommand('card.detach', { onError: (text) => toast.show('error', text) })
  const label = `•••• ${card.last4}`
  return (
    <div className="card-chip" role="group" aria-label={t('cardChip.label', { card: label })}>
      <Button className="card-chip-main" variant="loyalty" onClick={onOpen}>
        <span className="card-chip-number">{label}</span>
        {card.holder && <span className="card-chip-holder">{card.holder}</span>}
        <span className="card-chip-balance money">
          {card.valid ? money(card.cashBalance) : t('cardPanel.invalid')}
        </span>
      </Button>
      <Button
        className="card-chip-remove"
        aria-label={t('cardChip.remove', { card: label })}
        disabled={detach.pending}
        onClick={() => void detach.run()}
      >
        ✕
      </Button>
    </div>
  )
}
