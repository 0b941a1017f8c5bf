// The Smart Transaction as the API returns it (docs/secuconnect.md, spec examples).
import { isoTimestamp } from './ids'
import type { BasketProduct } from './bonus'
import type { IdentRecord, SimState, StxRecord } from './state'

export function productWire(p: BasketProduct): Record<string, unknown> {
  return {
    id: p.id,
    parent: null,
    articleNumber: p.articleNumber,
    ean: p.ean,
    desc: p.desc,
    quantity: p.quantity,
    priceOne: p.priceOne,
    tax: p.tax,
    group: [],
    serialNumber: null,
    item_type: 'article',
    reference_id: null,
    contract_id: null,
    sum: null,
  }
}

function identWire(ident: IdentRecord, index: number): Record<string, unknown> {
  const card = ident.type === 'card'
  return {
    object: 'smart.idents',
    id: card ? 'smi_1' : `smi_${index + 1}`,
    prefix: card ? '9276' : ident.value.slice(0, 4),
    name: card ? 'secucard Kundenkarte' : ident.type,
    type: ident.type,
    value: ident.value,
    valid: ident.valid,
    merchantcard: ident.merchantcard,
    customer: (ident.merchantcard?.customer as unknown) ?? null,
  }
}

export function stxWire(rec: StxRecord, state: SimState): Record<string, unknown> {
  const pre = rec.pre ?? null
  return {
    object: 'smart.transactions',
    id: rec.id,
    merchant: {
      object: 'general.merchants',
      id: state.seed.merchant.id,
      companyname: state.seed.merchant.companyname,
    },
    ...(rec.contract ? { contract: { object: 'general.contracts', id: rec.contract.id } } : {}),
    device_source: rec.deviceSource ? { object: 'smart.devices', id: rec.deviceSource } : null,
    transactions: rec.loyaltyTransactions.map((id) => ({ object: 'loyalty.transactions', id })),
    created: isoTimestamp(rec.created),
    updated: rec.updated === null ? null : isoTimestamp(rec.updated),
    status: rec.status,
    transactionRef: rec.transactionRef,
    merchantRef: rec.merchantRef,
    intent: rec.intent,
    basket: { products: rec.products.map(productWire), texts: [], type: rec.basketType },
    basket_info: {
      sum: rec.sum,
      gratuity: rec.gratuity,
      currency: rec.currency,
      ...(pre ? { missing_sum: pre.missingSum } : {}),
    },
    idents: rec.idents.map(identWire),
    receipt: rec.receipt,
    receipt_merchant: rec.receiptMerchant,
    receipt_merchant_print: rec.receiptMerchant.length > 0,
    receipt_number: rec.receiptNumber,
    payment_method: rec.paymentMethod,
    trans_id: rec.transId,
    is_demo: rec.isDemo,
    application_context: { locks: { customer: false }, return_urls: null, iframe_opts: null },
    checkout_links: null,
    payment_links: null,
  }
}
