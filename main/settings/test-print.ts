// The settings screen's test receipt: the shop header as the next sale will print it, the date, and a
// line with the characters a wrong code page garbles first (€, umlauts, ß), so a new printer's set-up is
// checked with one tap.
import type { AppConfig } from '../../common/config'
import type { ReceiptDocument } from '../../common/receipt/model'
import { receiptDocument } from '../../common/receipt/model'
import { RECEIPT_WORDS } from '../receipts/labels'
import { dateTimeFormat } from '../../common/intl-formats'

export const TEST_PRINT_CHARACTERS = '€ äöü ÄÖÜ ß'

const TITLE: Record<AppConfig['locale'], string> = { de: 'Testdruck', en: 'Test print' }

export function testPrintDocument(
  config: Pick<AppConfig, 'shop' | 'tillId' | 'locale'>,
  now: number,
  timeZone = 'Europe/Berlin',
): ReceiptDocument {
  const words = RECEIPT_WORDS[config.locale]
  const when = dateTimeFormat(config.locale === 'de' ? 'de-DE' : 'en-GB', {
    timeZone,
    dateStyle: 'medium',
    timeStyle: 'medium',
  }).format(new Date(now))
  return receiptDocument.parse({
    header: [
      config.shop.name,
      ...config.shop.address,
      ...(config.shop.taxNumber ? [`St.-Nr. ${config.shop.taxNumber}`] : []),
      ...(config.shop.vatId ? [`USt-IdNr. ${config.shop.vatId}`] : []),
    ],
    title: TITLE[config.locale],
    meta: [
      { label: words.date, value: when },
      { label: words.till, value: config.tillId },
    ],
    footer: [TEST_PRINT_CHARACTERS, ...config.shop.footer],
  })
}
