// The DSFinV-K 2.4 value lists the exporter writes: GV_TYP, ZAHLART_TYP and BON_TYP (DSFinV-K 2.4
// Anhang), the taxonomy version, and the UST_SCHLUESSEL keys of Anlage 2 (revision 2024-12-05) the
// till uses.

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
