// The receipt on screen as it comes out of the printer: the same ReceiptDocument through the same column
// layout (common/receipt/layout.ts) the ESC/POS renderer uses, drawn cell for cell in a monospace font.
// Double-size lines are half as many cells, drawn at twice the font size, so they fill the width too.
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { layoutReceipt, lineText, type LayoutLine } from '../../../common/receipt/layout'
import type { ReceiptDocument } from '../../../common/receipt/model'
import { usePaperColumns } from './use-paper'
import { QrCode } from './QrCode'

export interface ReceiptPreviewProps {
  document: ReceiptDocument
  /** Accessible name, e.g. "Beleg 12". */
  label: string
  /** 48 (80 mm paper) or 32 (58 mm); by default the configured printer's. */
  columns?: number
}

export function ReceiptPreview({ document, label, columns: fixed }: ReceiptPreviewProps) {
  const { t } = useTranslation()
  const configured = usePaperColumns()
  const columns = fixed ?? configured
  const layout = useMemo(() => layoutReceipt(document, { columns }), [document, columns])
  // The plain text is what a screen reader reads (and what tests compare); the drawn lines are hidden
  // from it so it does not read 48 padded cells per row.
  const text = useMemo(() => layout.lines.map(lineText).join('\n').replace(/ +$/gm, ''), [layout])
  return (
    // Focusable: a long receipt sits in a scrolling area, and keyboard users must be able to scroll it.
    <figure
      className="receipt-preview"
      aria-label={label}
      tabIndex={0}
      style={{ ['--receipt-cols' as string]: columns }}
    >
      <div className="receipt-paper" aria-hidden="true" data-testid="receipt-paper">
        {layout.lines.map((line, index) => (
          <PaperLine key={index} line={line} qrLabel={t('backoffice.receipt.qr')} />
        ))}
      </div>
      <figcaption className="visually-hidden">
        <pre>{text}</pre>
      </figcaption>
    </figure>
  )
}

function PaperLine({ line, qrLabel }: { line: LayoutLine; qrLabel: string }) {
  switch (line.kind) {
    case 'text':
      return (
        <div className={line.size === 2 ? 'receipt-line receipt-double' : 'receipt-line'}>
          {line.segments.map((segment, i) =>
            segment.bold ? <b key={i}>{segment.text}</b> : <span key={i}>{segment.text}</span>,
          )}
        </div>
      )
    case 'separator':
      return <div className="receipt-line">{line.text}</div>
    case 'blank':
      return <div className="receipt-line"> </div>
    case 'qr':
      return (
        <div className="receipt-qr" title={line.data}>
          <QrCode data={line.data} label={qrLabel} />
        </div>
      )
    case 'cut':
      return <div className="receipt-cut" />
  }
}
