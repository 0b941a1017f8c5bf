// DSFinV-K 2.4 tables as data: every file with its columns in order, type, MaxLength (AlphaNumeric) or
// Accuracy (Numeric) and whether the column is mandatory. Copied from the BZSt index.xml as published
// with the official gdpdu-01-09-2004.dtd in github.com/stustapay/stustapay
// (stustapay/DSFinV-K/assets/index.xml @ 8e460d4a0bc0a69b829aa5136990ac06f4ab3a2a), cross-checked with
// github.com/TWEECORE/dsfinvk (schema/tables_gen.go, schema/mandatory.go) and
// github.com/pretix/python-dsfinvk (dsfinvk/models.py, DSFinV-K 2.4). Value lists: DSFinV-K 2.4
// Anhang (GV_TYP, ZAHLART_TYP, BON_TYP) and Anlage 2 (UST_SCHLUESSEL, revision 2024-12-05).
// The exporter writes exactly these columns; docs/fiscal-export.md lists which it fills.

export interface DsfinvkColumn {
  name: string
  type: 'AlphaNumeric' | 'Numeric'
  /** AlphaNumeric: the index.xml MaxLength. */
  maxLength?: number
  /** Numeric: digits after the decimal comma (index.xml Accuracy; 0 = integer). */
  accuracy?: number
  /** m: mandatory, c: conditional, o: optional, i: mandatory if the data exist. */
  req: 'm' | 'c' | 'o' | 'i'
}

export interface DsfinvkTable {
  file: string
  /** The index.xml table name (e.g. Bonkopf). */
  name: string
  module: 'Einzelaufzeichnungsmodul' | 'Stammdatenmodul' | 'Kassenabschlussmodul'
  columns: readonly DsfinvkColumn[]
}

const A = (name: string, maxLength: number, req: DsfinvkColumn['req']): DsfinvkColumn => ({
  name,
  type: 'AlphaNumeric',
  maxLength,
  req,
})
const N = (name: string, accuracy: number, req: DsfinvkColumn['req']): DsfinvkColumn => ({
  name,
  type: 'Numeric',
  accuracy,
  req,
})

export const DSFINVK_TABLES: readonly DsfinvkTable[] = [
  {
    file: 'cashpointclosing.csv',
    name: 'Stamm_Abschluss',
    module: 'Stammdatenmodul',
    columns: [
      A('Z_KASSE_ID', 50, 'm'),
      A('Z_ERSTELLUNG', 30, 'm'),
      N('Z_NR', 0, 'm'),
      A('Z_BUCHUNGSTAG', 25, 'c'),
      A('TAXONOMIE_VERSION', 10, 'm'),
      A('Z_START_ID', 40, 'm'),
      A('Z_ENDE_ID', 40, 'm'),
      A('NAME', 60, 'm'),
      A('STRASSE', 60, 'm'),
      A('PLZ', 10, 'm'),
      A('ORT', 62, 'm'),
      A('LAND', 3, 'm'),
      A('STNR', 20, 'o'),
      A('USTID', 15, 'o'),
      N('Z_SE_ZAHLUNGEN', 2, 'm'),
      N('Z_SE_BARZAHLUNGEN', 2, 'm'),
    ],
  },
  {
    file: 'location.csv',
    name: 'Stamm_Orte',
    module: 'Stammdatenmodul',
    columns: [
      A('Z_KASSE_ID', 50, 'm'),
      A('Z_ERSTELLUNG', 30, 'm'),
      N('Z_NR', 0, 'm'),
      A('LOC_NAME', 60, 'm'),
      A('LOC_STRASSE', 60, 'm'),
      A('LOC_PLZ', 10, 'm'),
      A('LOC_ORT', 62, 'm'),
      A('LOC_LAND', 3, 'm'),
      A('LOC_USTID', 15, 'c'),
    ],
  },
  {
    file: 'cashregister.csv',
    name: 'Stamm_Kassen',
    module: 'Stammdatenmodul',
    columns: [
      A('Z_KASSE_ID', 50, 'm'),
      A('Z_ERSTELLUNG', 30, 'm'),
      N('Z_NR', 0, 'm'),
      A('KASSE_BRAND', 50, 'c'),
      A('KASSE_MODELL', 50, 'c'),
      A('KASSE_SERIENNR', 70, 'm'),
      A('KASSE_SW_BRAND', 50, 'c'),
      A('KASSE_SW_VERSION', 50, 'c'),
      A('KASSE_BASISWAEH_CODE', 3, 'm'),
      A('KEINE_UST_ZUORDNUNG', 1, 'c'),
    ],
  },
  {
    file: 'slaves.csv',
    name: 'Stamm_Terminals',
    module: 'Stammdatenmodul',
    columns: [
      A('Z_KASSE_ID', 50, 'm'),
      A('Z_ERSTELLUNG', 30, 'm'),
      N('Z_NR', 0, 'm'),
      A('TERMINAL_ID', 50, 'm'),
      A('TERMINAL_BRAND', 50, 'c'),
      A('TERMINAL_MODELL', 50, 'c'),
      A('TERMINAL_SERIENNR', 70, 'm'),
      A('TERMINAL_SW_BRAND', 50, 'c'),
      A('TERMINAL_SW_VERSION', 50, 'c'),
    ],
  },
  {
    file: 'pa.csv',
    name: 'Stamm_Agenturen',
    module: 'Stammdatenmodul',
    columns: [
      A('Z_KASSE_ID', 50, 'm'),
      A('Z_ERSTELLUNG', 30, 'm'),
      N('Z_NR', 0, 'm'),
      N('AGENTUR_ID', 0, 'm'),
      A('AGENTUR_NAME', 60, 'm'),
      A('AGENTUR_STRASSE', 60, 'm'),
      A('AGENTUR_PLZ', 10, 'm'),
      A('AGENTUR_ORT', 62, 'm'),
      A('AGENTUR_LAND', 3, 'm'),
      A('AGENTUR_STNR', 20, 'o'),
      A('AGENTUR_USTID', 15, 'o'),
    ],
  },
  {
    file: 'tse.csv',
    name: 'Stamm_TSE',
    module: 'Stammdatenmodul',
    columns: [
      A('Z_KASSE_ID', 50, 'm'),
      A('Z_ERSTELLUNG', 30, 'm'),
      N('Z_NR', 0, 'm'),
      N('TSE_ID', 0, 'm'),
      A('TSE_SERIAL', 68, 'm'),
      A('TSE_SIG_ALGO', 21, 'm'),
      A('TSE_ZEITFORMAT', 31, 'm'),
      A('TSE_PD_ENCODING', 5, 'm'),
      A('TSE_PUBLIC_KEY', 512, 'm'),
      A('TSE_ZERTIFIKAT_I', 1000, 'm'),
      A('TSE_ZERTIFIKAT_II', 1000, 'm'),
    ],
  },
  {
    file: 'vat.csv',
    name: 'Stamm_USt',
    module: 'Stammdatenmodul',
    columns: [
      A('Z_KASSE_ID', 50, 'm'),
      A('Z_ERSTELLUNG', 30, 'm'),
      N('Z_NR', 0, 'm'),
      N('UST_SCHLUESSEL', 0, 'm'),
      N('UST_SATZ', 2, 'm'),
      A('UST_BESCHR', 55, 'm'),
    ],
  },
  {
    file: 'businesscases.csv',
    name: 'Z_GV_Typ',
    module: 'Kassenabschlussmodul',
    columns: [
      A('Z_KASSE_ID', 50, 'm'),
      A('Z_ERSTELLUNG', 30, 'm'),
      N('Z_NR', 0, 'm'),
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
      A('Z_KASSE_ID', 50, 'm'),
      A('Z_ERSTELLUNG', 30, 'm'),
      N('Z_NR', 0, 'm'),
      A('ZAHLART_TYP', 25, 'm'),
      A('ZAHLART_NAME', 60, 'c'),
      N('Z_ZAHLART_BETRAG', 2, 'm'),
    ],
  },
  {
    file: 'cash_per_currency.csv',
    name: 'Z_Waehrungen',
    module: 'Kassenabschlussmodul',
    columns: [
      A('Z_KASSE_ID', 50, 'm'),
      A('Z_ERSTELLUNG', 30, 'm'),
      N('Z_NR', 0, 'm'),
      A('ZAHLART_WAEH', 3, 'm'),
      N('ZAHLART_BETRAG_WAEH', 2, 'm'),
    ],
  },
  {
    file: 'transactions.csv',
    name: 'Bonkopf',
    module: 'Einzelaufzeichnungsmodul',
    columns: [
      A('Z_KASSE_ID', 50, 'm'),
      A('Z_ERSTELLUNG', 30, 'm'),
      N('Z_NR', 0, 'm'),
      A('BON_ID', 40, 'm'),
      N('BON_NR', 0, 'm'),
      A('BON_TYP', 30, 'm'),
      A('BON_NAME', 60, 'c'),
      A('TERMINAL_ID', 50, 'c'),
      A('BON_STORNO', 1, 'c'),
      A('BON_START', 30, 'm'),
      A('BON_ENDE', 30, 'm'),
      A('BEDIENER_ID', 50, 'm'),
      A('BEDIENER_NAME', 50, 'c'),
      N('UMS_BRUTTO', 2, 'm'),
      A('KUNDE_NAME', 50, 'm'),
      A('KUNDE_ID', 50, 'm'),
      A('KUNDE_TYP', 50, 'm'),
      A('KUNDE_STRASSE', 60, 'c'),
      A('KUNDE_PLZ', 10, 'c'),
      A('KUNDE_ORT', 62, 'c'),
      A('KUNDE_LAND', 3, 'c'),
      A('KUNDE_USTID', 15, 'c'),
      A('BON_NOTIZ', 255, 'c'),
    ],
  },
  {
    file: 'datapayment.csv',
    name: 'Bonkopf_Zahlarten',
    module: 'Einzelaufzeichnungsmodul',
    columns: [
      A('Z_KASSE_ID', 50, 'm'),
      A('Z_ERSTELLUNG', 30, 'm'),
      N('Z_NR', 0, 'm'),
      A('BON_ID', 40, 'm'),
      A('ZAHLART_TYP', 25, 'm'),
      A('ZAHLART_NAME', 60, 'c'),
      A('ZAHLWAEH_CODE', 3, 'm'),
      N('ZAHLWAEH_BETRAG', 2, 'c'),
      N('BASISWAEH_BETRAG', 2, 'm'),
    ],
  },
  {
    file: 'lines.csv',
    name: 'Bonpos',
    module: 'Einzelaufzeichnungsmodul',
    columns: [
      A('Z_KASSE_ID', 50, 'm'),
      A('Z_ERSTELLUNG', 30, 'm'),
      N('Z_NR', 0, 'm'),
      A('BON_ID', 40, 'm'),
      A('POS_ZEILE', 50, 'm'),
      A('GUTSCHEIN_NR', 50, 'c'),
      A('ARTIKELTEXT', 255, 'm'),
      A('POS_TERMINAL_ID', 50, 'c'),
      A('GV_TYP', 30, 'm'),
      A('GV_NAME', 40, 'c'),
      A('INHAUS', 1, 'c'),
      A('P_STORNO', 1, 'c'),
      N('AGENTUR_ID', 0, 'c'),
      A('ART_NR', 50, 'i'),
      A('GTIN', 50, 'c'),
      A('WARENGR_ID', 40, 'c'),
      A('WARENGR', 50, 'c'),
      N('MENGE', 3, 'i'),
      N('FAKTOR', 3, 'c'),
      A('EINHEIT', 50, 'c'),
      N('STK_BR', 5, 'i'),
    ],
  },
  {
    file: 'itemamounts.csv',
    name: 'Bonpos_Preisfindung',
    module: 'Einzelaufzeichnungsmodul',
    columns: [
      A('Z_KASSE_ID', 50, 'm'),
      A('Z_ERSTELLUNG', 30, 'm'),
      N('Z_NR', 0, 'm'),
      A('BON_ID', 40, 'm'),
      A('POS_ZEILE', 50, 'm'),
      A('TYP', 20, 'c'),
      N('UST_SCHLUESSEL', 0, 'm'),
      N('PF_BRUTTO', 5, 'c'),
      N('PF_NETTO', 5, 'c'),
      N('PF_UST', 5, 'c'),
    ],
  },
  {
    file: 'subitems.csv',
    name: 'Bonpos_Zusatzinfo',
    module: 'Einzelaufzeichnungsmodul',
    columns: [
      A('Z_KASSE_ID', 50, 'm'),
      A('Z_ERSTELLUNG', 30, 'm'),
      N('Z_NR', 0, 'm'),
      A('BON_ID', 40, 'm'),
      A('POS_ZEILE', 50, 'm'),
      A('ZI_ART_NR', 50, 'm'),
      A('ZI_GTIN', 50, 'c'),
      A('ZI_NAME', 60, 'c'),
      A('ZI_WARENGR_ID', 40, 'c'),
      A('ZI_WARENGR', 50, 'c'),
      N('ZI_MENGE', 3, 'm'),
      N('ZI_FAKTOR', 3, 'c'),
      A('ZI_EINHEIT', 50, 'c'),
      N('ZI_UST_SCHLUESSEL', 0, 'm'),
      N('ZI_BASISPREIS_BRUTTO', 5, 'c'),
      N('ZI_BASISPREIS_NETTO', 5, 'c'),
      N('ZI_BASISPREIS_UST', 5, 'c'),
    ],
  },
  {
    file: 'transactions_tse.csv',
    name: 'TSE_Transaktionen',
    module: 'Einzelaufzeichnungsmodul',
    columns: [
      A('Z_KASSE_ID', 50, 'm'),
      A('Z_ERSTELLUNG', 30, 'm'),
      N('Z_NR', 0, 'm'),
      A('BON_ID', 40, 'm'),
      N('TSE_ID', 0, 'm'),
      N('TSE_TANR', 0, 'm'),
      A('TSE_TA_START', 30, 'm'),
      A('TSE_TA_ENDE', 30, 'm'),
      A('TSE_TA_VORGANGSART', 30, 'm'),
      N('TSE_TA_SIGZ', 0, 'm'),
      A('TSE_TA_SIG', 512, 'm'),
      A('TSE_TA_FEHLER', 200, 'c'),
      A('TSE_VORGANGSDATEN', 1000, 'c'),
    ],
  },
  {
    file: 'transactions_vat.csv',
    name: 'Bonkopf_USt',
    module: 'Einzelaufzeichnungsmodul',
    columns: [
      A('Z_KASSE_ID', 50, 'm'),
      A('Z_ERSTELLUNG', 30, 'm'),
      N('Z_NR', 0, 'm'),
      A('BON_ID', 40, 'm'),
      N('UST_SCHLUESSEL', 0, 'm'),
      N('BON_BRUTTO', 5, 'm'),
      N('BON_NETTO', 5, 'm'),
      N('BON_UST', 5, 'm'),
    ],
  },
  {
    file: 'lines_vat.csv',
    name: 'Bonpos_USt',
    module: 'Einzelaufzeichnungsmodul',
    columns: [
      A('Z_KASSE_ID', 50, 'm'),
      A('Z_ERSTELLUNG', 30, 'm'),
      N('Z_NR', 0, 'm'),
      A('BON_ID', 40, 'm'),
      A('POS_ZEILE', 50, 'm'),
      N('UST_SCHLUESSEL', 0, 'm'),
      N('POS_BRUTTO', 5, 'c'),
      N('POS_NETTO', 5, 'c'),
      N('POS_UST', 5, 'c'),
    ],
  },
  {
    file: 'allocation_groups.csv',
    name: 'Bonkopf_AbrKreis',
    module: 'Einzelaufzeichnungsmodul',
    columns: [
      A('Z_KASSE_ID', 50, 'm'),
      A('Z_ERSTELLUNG', 30, 'm'),
      N('Z_NR', 0, 'm'),
      A('BON_ID', 40, 'm'),
      A('ABRECHNUNGSKREIS', 50, 'c'),
    ],
  },
  {
    file: 'references.csv',
    name: 'Bon_Referenzen',
    module: 'Einzelaufzeichnungsmodul',
    columns: [
      A('Z_KASSE_ID', 50, 'm'),
      A('Z_ERSTELLUNG', 30, 'm'),
      N('Z_NR', 0, 'm'),
      A('BON_ID', 40, 'm'),
      A('POS_ZEILE', 50, 'c'),
      A('REF_TYP', 20, 'm'),
      A('REF_NAME', 40, 'c'),
      A('REF_DATUM', 30, 'c'),
      A('REF_Z_KASSE_ID', 50, 'c'),
      N('REF_Z_NR', 0, 'c'),
      A('REF_BON_ID', 40, 'm'),
    ],
  },
]

export const TABLE_BY_FILE: ReadonlyMap<string, DsfinvkTable> = new Map(
  DSFINVK_TABLES.map((t) => [t.file, t]),
)

export const GV_TYP = [
  'Umsatz',
  'Pfand',
  'PfandRueckzahlung',
  'Rabatt',
  'Aufschlag',
  'ZuschussEcht',
  'ZuschussUnecht',
  'TrinkgeldAG',
  'TrinkgeldAN',
  'EinzweckgutscheinKauf',
  'EinzweckgutscheinEinloesung',
  'MehrzweckgutscheinKauf',
  'MehrzweckgutscheinEinloesung',
  'Forderungsentstehung',
  'Forderungsaufloesung',
  'Anzahlungseinstellung',
  'Anzahlungsaufloesung',
  'Anfangsbestand',
  'Privatentnahme',
  'Privateinlage',
  'Geldtransit',
  'Lohnzahlung',
  'Einzahlung',
  'Auszahlung',
  'DifferenzSollIst',
] as const
export type GvTyp = (typeof GV_TYP)[number]

export const ZAHLART_TYP = [
  'Bar',
  'Unbar',
  'Keine',
  'ECKarte',
  'Kreditkarte',
  'ElZahlungsdienstleister',
  'Guthabenkarte',
] as const
export type ZahlartTyp = (typeof ZAHLART_TYP)[number]

export const BON_TYP = [
  'Beleg',
  'AVRechnung',
  'AVTransfer',
  'AVBestellung',
  'AVTraining',
  'AVBelegstorno',
  'AVBelegabbruch',
  'AVSachbezug',
  'AVSonstige',
] as const
export type BonTyp = (typeof BON_TYP)[number]

export const TAXONOMIE_VERSION = '2.4'

/** UST_SCHLUESSEL (Anlage 2) the till uses, with the rate written into vat.csv and its description. */
export const VAT_KEYS = [
  { key: 1, rate: 19, text: 'Regelsteuersatz' },
  { key: 2, rate: 7, text: 'Ermäßigter Steuersatz' },
  { key: 5, rate: 0, text: 'Nicht Steuerbar' },
  { key: 6, rate: 0, text: 'Umsatzsteuerfrei' },
] as const
