// DSFinV-K 2.4 Kassenabschlussmodul: a closing's sums per business case and VAT key, per payment
// type and per currency.
// Columns as in the BZSt index.xml of DSFinV-K 2.4 (sources in tables.ts).

import { A, N, CLOSING_KEY, type DsfinvkTable } from './table-schema'

export const CLOSING_TABLES: readonly DsfinvkTable[] = [
  {
    file: 'businesscases.csv',
    name: 'Z_GV_Typ',
    module: 'Kassenabschlussmodul',
    columns: [
      ...CLOSING_KEY,
      A('GV_TYP', 30, 'm'),
      A('GV_NAME', 40, 'c'),
      N('AGENTUR_ID', 0, 'c'),
      N('UST_SCHLUESSEL', 0, 'm'),
      N('Z_UMS_BRUTTO', 5, 'm'),
      N('Z_UMS_NETTO', 5, 'm'),
      N('Z_UST', 5, 'm'),
    ],
  },
  {
    file: 'payment.csv',
    name: 'Z_Zahlart',
    module: 'Kassenabschlussmodul',
    columns: [
      ...CLOSING_KEY,
      A('ZAHLART_TYP', 25, 'm'),
      A('ZAHLART_NAME', 60, 'c'),
      N('Z_ZAHLART_BETRAG', 2, 'm'),
    ],
  },
  {
    file: 'cash_per_currency.csv',
    name: 'Z_Waehrungen',
    module: 'Kassenabschlussmodul',
    columns: [...CLOSING_KEY, A('ZAHLART_WAEH', 3, 'm'), N('ZAHLART_BETRAG_WAEH', 2, 'm')],
  },
]
