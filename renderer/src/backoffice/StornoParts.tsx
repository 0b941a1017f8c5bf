// What the storno and the partial return dialogs share: the cancel/confirm footer that cannot be left
// while main runs the refund, and the result (cash to pay out, card refunded, drawer, paper, and the
// STORNO receipt) — all from main's result, never computed here.
import { useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { CommandInput } from '../../../common/ipc/contract'
import type { SaleDetailView, StornoResultView } from '../../../common/journal'
import { Alert, Button, Dialog, MoneyText, useCommand } from '../ui'
import { ManagerPin, PIN_PATTERN } from './ManagerPin'
import { ReasonPicker } from './ReasonPicker'
import { ReceiptPreview } from './ReceiptPreview'
import { useActiveSeller } from './use-seller'

type StornoCommand = 'storno.execute' | 'storno.partial'

export interface StornoDialogProps {
  sale: SaleDetailView
  title: string
  onClose(): void
  onDone(stornoSaleId: number): void
}

/**
 * A storno command with its reason and the manager's PIN (when the active seller is not a manager):
 * `run` sends them along; a wrong PIN is typed again from scratch; the result is main's.
 */
export function useStornoCommand<C extends StornoCommand>(name: C) {
  const { needsManagerPin } = useActiveSeller()
  const [reason, setReason] = useState('')
  const [pin, setPin] = useState('')
  const [result, setResult] = useState<StornoResultView | null>(null)
  const command = useCommand(name)
  const run = async (input: Omit<CommandInput<C>, 'reason' | 'managerPin'>) => {
    const outcome = await command.run({
      ...input,
      reason: reason.trim(),
      ...(needsManagerPin ? { managerPin: pin } : {}),
    } as CommandInput<C>)
    if (outcome.ok) setResult(outcome.value)
    else if (needsManagerPin) setPin('')
  }
  return {
    command,
    run,
    result,
    needsManagerPin,
    reason,
    setReason,
    pin,
    setPin,
    /** Reason given and, where needed, a PIN of the right shape. */
    filledIn: reason.trim().length > 0 && (!needsManagerPin || PIN_PATTERN.test(pin)),
  }
}

/**
 * The storno dialogs' frame: an alert dialog that cannot be closed while main runs the refund, with
 * "Abbrechen" and the confirmation below.
 */
export function StornoFrame({
  title,
  pending,
  ready,
  confirmLabel,
  onClose,
  onConfirm,
  children,
}: {
  title: string
  pending: boolean
  ready: boolean
  confirmLabel: string
  onClose(): void
  onConfirm(): void
  children: ReactNode
}) {
  const { t } = useTranslation()
  return (
    <Dialog
      title={title}
      role="alertdialog"
      className="bo-dialog bo-storno"
      onClose={pending ? undefined : onClose}
      footer={
        <>
          <Button size="lg" onClick={onClose} disabled={pending}>
            {t('backoffice.cancel')}
          </Button>
          <Button
            size="lg"
            variant="danger"
            onClick={onConfirm}
            disabled={!ready || pending}
            pending={pending}
          >
            {confirmLabel}
          </Button>
        </>
      }
    >
      <div className="bo-dialog-columns">{children}</div>
    </Dialog>
  )
}

export function StornoDone({
  result,
  onDone,
  texts = 'storno',
}: {
  result: StornoResultView
  onDone(stornoSaleId: number): void
  /** `partial`: a return of some goods, whose paper says RÜCKGABE (its texts under backoffice.partial). */
  texts?: 'storno' | 'partial'
}) {
  const { t } = useTranslation()
  return (
    <Dialog
      title={t(`backoffice.${texts}.doneTitle`, { no: result.receiptNo })}
      className="bo-dialog bo-storno"
      footer={
        <Button size="lg" variant="primary" onClick={() => onDone(result.stornoSaleId)}>
          {t('backoffice.done')}
        </Button>
      }
    >
      <div className="bo-dialog-columns">
        <div>
          {(result.cashRefund > 0 || result.cardRefund === 0) && (
            <p className="bo-big">
              {t('backoffice.storno.payOut')} <MoneyText cents={result.cashRefund} />
            </p>
          )}
          {result.cardRefund > 0 && (
            <p>
              {t('backoffice.storno.cardRefunded')} <MoneyText cents={result.cardRefund} />
            </p>
          )}
          <p>{t(`backoffice.storno.drawer.${result.drawer}`)}</p>
          {result.print === 'failed' && <Alert>{t(`backoffice.${texts}.printFailed`)}</Alert>}
          {result.print === 'printed' && <p>{t(`backoffice.${texts}.printed`)}</p>}
        </div>
        <ReceiptPreview
          document={result.receipt}
          label={t(`backoffice.${texts}.receiptLabel`, { no: result.receiptNo })}
        />
      </div>
    </Dialog>
  )
}

/** What the reason and PIN parts read of either storno command. */
type StornoRun = Pick<
  ReturnType<typeof useStornoCommand>,
  'reason' | 'setReason' | 'pin' | 'setPin' | 'needsManagerPin'
> & { command: { pending: boolean } }

/** The reason of a storno: one tap on a usual one, or typed. */
export function StornoReason({ run, reasonKeys }: { run: StornoRun; reasonKeys: string[] }) {
  const { t } = useTranslation()
  return (
    <ReasonPicker
      legend={t('backoffice.storno.reason')}
      otherLabel={t('backoffice.storno.reasonOther')}
      reasonKeys={reasonKeys}
      value={run.reason}
      onChange={run.setReason}
      disabled={run.command.pending}
    />
  )
}

/** The manager's PIN, asked only when the active seller is not a manager. */
export function StornoPin({ run }: { run: StornoRun }) {
  if (!run.needsManagerPin) return null
  return <ManagerPin value={run.pin} onChange={run.setPin} disabled={run.command.pending} />
}
