// What every part of the back office needs: the journal, the API client, the devices, who is logged in,
// and the two permission levels (any logged-in seller; a manager, by role or by a manager PIN).
import type { FiscalService } from '../fiscal/lifecycle'
import type { ReceiptDocument } from '../../common/receipt/model'
import type { AppConfig } from '../../common/config'
import type { Locale } from '../../common/ipc/contract'
import type { Clock, Logger } from '../../common/ports'
import { AppFailure } from '../../common/result'
import type { SellerConfig } from '../../common/sellers'
import type { DeviceManager } from '../../hardware/manager/device-manager'
import type { EventBus } from '../ipc/event-bus'
import { DEFAULT_TIME_ZONE, type Journal, type SaleRecord } from '../journal'
import type { ReceiptContext } from '../receipts/sale-receipt'
import type { SecuconnectClient } from '../secuconnect'
import type { ZSafeguards } from '../journal/z-safeguards'
import { printKeptReceipt, type PrintReceiptRequest, type PrintResult } from '../receipts/print-receipt'

export interface BackofficeDeps {
  config: Pick<AppConfig, 'shop' | 'tillId' | 'sellers'>
  journal: Journal
  client: SecuconnectClient
  /** Read at each use: the settings may replace printer and drawer while the app runs. */
  devices: Pick<DeviceManager, 'printer' | 'drawer'>
  register: {
    view(): { activeSellerId: string | null }
    /** The register's one manager check (active manager, or a manager PIN with the shared lockout). */
    authorizeManager(managerPin?: string): SellerConfig
  }
  events: EventBus
  clock: Clock
  logger: Logger
  /** After each Z closing: the chain head into the anchor record and the TSE, a journal backup. */
  zSafeguards?: Pick<ZSafeguards, 'afterClosing'>
  /** The till's language right now (receipts speak it). */
  locale(): Locale
  timeZone?: string
  /** Signs stornos and cash movements with the TSE (main/fiscal); absent in tests without one. */
  fiscal?: FiscalService
  /** The receipt's TSE block of a sale (main/fiscal/receipt-block.ts). */
  fiscalPart?: (saleId: number) => Pick<ReceiptDocument, 'fiscal' | 'qr' | 'training'>
}

export type JournalChange = 'sale' | 'storno' | 'cash' | 'closing' | 'print'

export interface Backoffice {
  deps: BackofficeDeps
  timeZone: string
  /** The logged-in seller; FORBIDDEN when nobody is. */
  seller(): SellerConfig
  /** The manager allowing a manager action (the active one, or whose PIN was typed); FORBIDDEN otherwise. */
  manager(managerPin: string | undefined): SellerConfig
  sellerName(sellerId: string): string
  /** The sale, or NOT_FOUND. */
  sale(saleId: number): SaleRecord
  receiptContext(): ReceiptContext
  changed(kind: JournalChange, saleId?: number): void
  print(request: PrintReceiptRequest): Promise<PrintResult>
}

export function createBackoffice(deps: BackofficeDeps): Backoffice {
  const timeZone = deps.timeZone ?? DEFAULT_TIME_ZONE
  const byId = (id: string | null) => (id === null ? undefined : deps.config.sellers.find((s) => s.id === id))
  return {
    deps,
    timeZone,
    seller() {
      const active = byId(deps.register.view().activeSellerId)
      if (!active) throw AppFailure.of('FORBIDDEN', 'register.error.noSeller', 'Log in as a seller first')
      return active
    },
    manager: (managerPin) => deps.register.authorizeManager(managerPin),
    sellerName: (sellerId) => byId(sellerId)?.name ?? sellerId,
    sale(saleId) {
      const sale = deps.journal.sale(saleId)
      if (!sale)
        throw AppFailure.of('NOT_FOUND', 'journal.error.unknownSale', `No sale ${saleId}`, { saleId })
      return sale
    },
    receiptContext: () => ({
      shop: deps.config.shop,
      tillId: deps.config.tillId,
      locale: deps.locale(),
      timeZone,
    }),
    changed(kind, saleId) {
      deps.events.publish('journal.changed', saleId === undefined ? { kind } : { kind, saleId })
    },
    print: (request) =>
      printKeptReceipt(
        { journal: deps.journal, printer: deps.devices.printer, logger: deps.logger },
        request,
        'backoffice.error.printFailed',
      ),
  }
}
