// The rows one transaction and one closing put into the CSV files, and the closing's sums (business
// cases per VAT key, payment types) gathered from exactly those rows, so the closing totals equal the
// sum of its records by construction (docs/fiscal-export.md).
import type { DsfinvkMaster } from './export'
import { localDate, localIso } from './local-time'
import type { ClosingSpan } from './journal-source'
import type { TableFiles } from './table-files'
import { TAXONOMIE_VERSION, VAT_KEYS } from './value-lists'
import { NO_PAYMENT_TYPES, type ExportTx } from './transactions'

const VORGANGSARTEN = new Set(['Kassenbeleg-V1', 'Bestellung-V1', 'SonstigerVorgang'])

/** Street, PLZ and city out of the address lines the receipt prints ("12345 Musterstadt"). */
export function addressOf(lines: readonly string[]): { street: string; plz: string; city: string } {
  const cityIndex = lines.findIndex((l) => /^\d{5}\s+\S/.test(l.trim()))
  const cityLine = cityIndex >= 0 ? lines[cityIndex]!.trim() : ''
  const m = /^(\d{5})\s+(.*)$/.exec(cityLine)
  return {
    street: (cityIndex > 0 ? lines[cityIndex - 1] : lines[0])?.trim() ?? '',
    plz: m?.[1] ?? '',
    city: m?.[2] ?? '',
  }
}

export interface ClosingSums {
  businessCases: Map<string, { gv: string; key: number; gross: number; net: number; vat: number }>
  payments: Map<string, { typ: string; name: string; amount: number }>
  all: number
  cash: number
  firstBon: string | null
  lastBon: string | null
  tseSerials: Set<string>
  /** Per TSE serial, the key data of its signed records (tse.csv when no master data is given). */
  tseKeys?: Map<string, { publicKey: string | null; sigAlgo: string | null; timeFormat: string | null }>
  /** Per TSE serial, its certificate as the journal keeps it (PEM; main/journal/tse-records.ts). */
  certificates?: ReadonlyMap<string, string>
}

/** The certificate's DER as base64, as tse.csv carries it: the PEM body without headers and breaks. */
const pemBody = (pem: string | undefined) =>
  pem?.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '')

export function writeTx(
  files: TableFiles,
  keys: Record<string, string | number>,
  tx: ExportTx,
  sums: ClosingSums,
  m: DsfinvkMaster,
  tseIds: Map<string, number>,
): number {
  const bon = { ...keys, BON_ID: tx.bonId }
  const t = (iso: string) => localIso(iso, m.timeZone)
  const counted = !NO_PAYMENT_TYPES.has(tx.bonTyp)
  const total = tx.lines.reduce((s, l) => s + l.gross, 0)
  files.add('transactions.csv', {
    ...bon,
    BON_NR: tx.bonNr,
    BON_TYP: tx.bonTyp,
    BON_STORNO: tx.storno ? '1' : '0',
    BON_START: t(tx.start),
    BON_ENDE: t(tx.end),
    BEDIENER_ID: tx.sellerId,
    UMS_BRUTTO: total,
    KUNDE_NAME: '',
    KUNDE_ID: '',
    KUNDE_TYP: '',
  })
  const byKey = new Map<number, { gross: number; net: number; vat: number }>()
  for (const l of tx.lines) {
    const pos = { ...bon, POS_ZEILE: String(l.posZeile) }
    const piece = l.quantity !== undefined
    // A combo's further VAT keys share the Bonpos of its first (transactions.ts, vatShareOf).
    if (!l.vatShareOf)
      files.add('lines.csv', {
        ...pos,
        ARTIKELTEXT: l.text.slice(0, 255),
        GV_TYP: l.gvTyp,
        P_STORNO: '0',
        ...(l.inHouse !== undefined ? { INHAUS: l.inHouse ? '1' : '0' } : {}),
        ...(l.artNr ? { ART_NR: l.artNr } : {}),
        ...(l.gtin ? { GTIN: l.gtin } : {}),
        ...(piece ? { MENGE: l.quantity, STK_BR: l.unitPrice, EINHEIT: l.unit ?? 'Stück' } : {}),
      })
    for (const z of l.subitems ?? [])
      files.add('subitems.csv', {
        ...pos,
        ZI_ART_NR: z.artNr,
        ZI_NAME: z.name.slice(0, 60),
        ZI_MENGE: z.quantity,
        ZI_UST_SCHLUESSEL: z.vatKey,
        ZI_BASISPREIS_BRUTTO: z.gross,
        ZI_BASISPREIS_NETTO: z.net,
        ZI_BASISPREIS_UST: z.vat,
      })
    files.add('lines_vat.csv', {
      ...pos,
      UST_SCHLUESSEL: l.vatKey,
      POS_BRUTTO: l.gross,
      POS_NETTO: l.net,
      POS_UST: l.vat,
    })
    if (l.discount) {
      files.add('itemamounts.csv', {
        ...pos,
        TYP: 'base_amount',
        UST_SCHLUESSEL: l.vatKey,
        PF_BRUTTO: l.gross + l.discount,
      })
      files.add('itemamounts.csv', {
        ...pos,
        TYP: 'discount',
        UST_SCHLUESSEL: l.vatKey,
        PF_BRUTTO: -l.discount,
      })
    }
    const k = byKey.get(l.vatKey) ?? { gross: 0, net: 0, vat: 0 }
    byKey.set(l.vatKey, { gross: k.gross + l.gross, net: k.net + l.net, vat: k.vat + l.vat })
    if (counted) {
      const id = `${l.gvTyp}|${l.vatKey}`
      const b = sums.businessCases.get(id) ?? { gv: l.gvTyp, key: l.vatKey, gross: 0, net: 0, vat: 0 }
      b.gross += l.gross
      b.net += l.net
      b.vat += l.vat
      sums.businessCases.set(id, b)
    }
  }
  for (const [key, v] of byKey)
    files.add('transactions_vat.csv', {
      ...bon,
      UST_SCHLUESSEL: key,
      BON_BRUTTO: v.gross,
      BON_NETTO: v.net,
      BON_UST: v.vat,
    })
  for (const p of tx.payments) {
    files.add('datapayment.csv', {
      ...bon,
      ZAHLART_TYP: p.typ,
      ZAHLART_NAME: p.name,
      ZAHLWAEH_CODE: 'EUR',
      BASISWAEH_BETRAG: p.amount,
    })
    if (!counted) continue
    const id = `${p.typ}|${p.name}`
    const s = sums.payments.get(id) ?? { typ: p.typ, name: p.name, amount: 0 }
    s.amount += p.amount
    sums.payments.set(id, s)
    sums.all += p.amount
    if (p.typ === 'Bar') sums.cash += p.amount
  }
  if (tx.reference)
    files.add('references.csv', {
      ...bon,
      REF_TYP: 'Transaktion',
      REF_NAME: tx.reference.name,
      REF_DATUM: t(tx.reference.date),
      REF_Z_KASSE_ID: m.tillId,
      ...(tx.reference.zNo > 0 ? { REF_Z_NR: tx.reference.zNo } : {}),
      REF_BON_ID: tx.reference.bonId,
    })
  if (tx.tse.length === 0) {
    // No TSE record: the row says so instead of inventing signature data (AEAO zu § 146a Nr. 7).
    files.add('transactions_tse.csv', {
      ...bon,
      TSE_TA_FEHLER: 'Kein TSE-Datensatz: TSE nicht angeschlossen',
    })
  }
  for (const r of tx.tse) {
    let tseId = tseIds.get(r.tseSerial)
    if (tseId === undefined && r.tseSerial !== '') {
      tseId = tseIds.size + 1
      tseIds.set(r.tseSerial, tseId)
    }
    if (r.tseSerial !== '') sums.tseSerials.add(r.tseSerial)
    if (r.tseSerial !== '' && r.publicKey) {
      sums.tseKeys ??= new Map()
      sums.tseKeys.set(r.tseSerial, { publicKey: r.publicKey, sigAlgo: r.sigAlgo, timeFormat: r.timeFormat })
    }
    files.add('transactions_tse.csv', {
      ...bon,
      ...(tseId !== undefined ? { TSE_ID: tseId } : {}),
      ...(r.txNumber !== null ? { TSE_TANR: r.txNumber } : {}),
      ...(r.start ? { TSE_TA_START: r.start } : {}),
      ...(r.end ? { TSE_TA_ENDE: r.end } : {}),
      TSE_TA_VORGANGSART: VORGANGSARTEN.has(r.processType)
        ? r.processType
        : r.processType === 'SonstigerVorgang'
          ? 'SonstigerVorgang'
          : 'Kassenbeleg-V1',
      ...(r.counter !== null ? { TSE_TA_SIGZ: r.counter } : {}),
      ...(r.signature ? { TSE_TA_SIG: r.signature } : {}),
      ...(r.error ? { TSE_TA_FEHLER: r.error.slice(0, 200) } : {}),
      ...(r.processData ? { TSE_VORGANGSDATEN: r.processData.slice(0, 1000) } : {}),
    })
  }
  sums.firstBon ??= tx.bonId
  sums.lastBon = tx.bonId
  return tx.lines.length
}

export function writeMaster(
  files: TableFiles,
  keys: Record<string, string | number>,
  span: ClosingSpan,
  sums: ClosingSums,
  m: DsfinvkMaster,
  tseIds: Map<string, number>,
): void {
  const addr = addressOf(m.shop.address)
  const country = m.country ?? 'DEU'
  files.add('cashpointclosing.csv', {
    ...keys,
    Z_BUCHUNGSTAG: localDate(span.closing.at, m.timeZone),
    TAXONOMIE_VERSION,
    Z_START_ID: sums.firstBon ?? '',
    Z_ENDE_ID: sums.lastBon ?? '',
    NAME: m.shop.name,
    STRASSE: addr.street,
    PLZ: addr.plz,
    ORT: addr.city,
    LAND: country,
    ...(m.shop.taxNumber ? { STNR: m.shop.taxNumber } : {}),
    ...(m.shop.vatId ? { USTID: m.shop.vatId } : {}),
    Z_SE_ZAHLUNGEN: sums.all,
    Z_SE_BARZAHLUNGEN: sums.cash,
  })
  files.add('location.csv', {
    ...keys,
    LOC_NAME: m.shop.name,
    LOC_STRASSE: addr.street,
    LOC_PLZ: addr.plz,
    LOC_ORT: addr.city,
    LOC_LAND: country,
    ...(m.shop.vatId ? { LOC_USTID: m.shop.vatId } : {}),
  })
  files.add('cashregister.csv', {
    ...keys,
    ...(m.hardware ? { KASSE_BRAND: m.hardware.brand, KASSE_MODELL: m.hardware.model } : {}),
    KASSE_SERIENNR: m.tillId,
    KASSE_SW_BRAND: m.software.brand,
    KASSE_SW_VERSION: m.software.version,
    KASSE_BASISWAEH_CODE: 'EUR',
    KEINE_UST_ZUORDNUNG: '0',
  })
  for (const v of VAT_KEYS)
    files.add('vat.csv', { ...keys, UST_SCHLUESSEL: v.key, UST_SATZ: v.rate * 100, UST_BESCHR: v.text })
  for (const serial of sums.tseSerials) {
    const t = m.tse?.find((x) => x.serial === serial)
    const signed = sums.tseKeys?.get(serial)
    const cert = t?.certificate ?? pemBody(sums.certificates?.get(serial)) ?? ''
    files.add('tse.csv', {
      ...keys,
      TSE_ID: tseIds.get(serial)!,
      TSE_SERIAL: serial,
      TSE_SIG_ALGO: t?.sigAlgo ?? signed?.sigAlgo ?? 'ecdsa-plain-SHA256',
      TSE_ZEITFORMAT: t?.timeFormat ?? signed?.timeFormat ?? 'unixTime',
      TSE_PD_ENCODING: t?.pdEncoding ?? 'UTF-8',
      TSE_PUBLIC_KEY: t?.publicKey ?? signed?.publicKey ?? '',
      TSE_ZERTIFIKAT_I: cert.slice(0, 1000),
      TSE_ZERTIFIKAT_II: cert.slice(1000, 2000),
    })
  }
  for (const b of sums.businessCases.values())
    files.add('businesscases.csv', {
      ...keys,
      GV_TYP: b.gv,
      UST_SCHLUESSEL: b.key,
      Z_UMS_BRUTTO: b.gross,
      Z_UMS_NETTO: b.net,
      Z_UST: b.vat,
    })
  for (const p of sums.payments.values())
    files.add('payment.csv', {
      ...keys,
      ZAHLART_TYP: p.typ,
      ZAHLART_NAME: p.name,
      Z_ZAHLART_BETRAG: p.amount,
    })
  files.add('cash_per_currency.csv', { ...keys, ZAHLART_WAEH: 'EUR', ZAHLART_BETRAG_WAEH: sums.cash })
}
