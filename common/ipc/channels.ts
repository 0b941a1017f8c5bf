// Channel names only: what the preload bundles as its allow-list. A test keeps it equal to the contract.
export const COMMAND_NAMES = [
  'app.info',
  'app.setLocale',
  'devices.status',
  'catalog.get',
  'register.view',
  'basket.addProduct',
  'basket.addPlu',
  'basket.scan',
  'basket.setQuantity',
  'basket.voidLine',
  'basket.clear',
  'basket.discount',
  'basket.returnDeposit',
  'basket.removeDiscount',
  'basket.setConsumption',
  'discount.config',
  'seller.list',
  'seller.login',
  'seller.park',
  'api.status',
  'pairing.start',
  'pairing.cancel',
  // checkout (common/ipc/checkout-contract.ts)
  'checkout.view',
  'card.attach',
  'card.detach',
  'card.verifyPin',
  'checkout.applyCard',
  'checkout.payCash',
  'checkout.payTerminal',
  'checkout.payLoyalty',
  'checkout.cancel',
  'checkout.receipt',
  'checkout.done',
  // back office (common/ipc/backoffice-contract.ts)
  'journal.sales',
  'journal.sale',
  'receipt.reprint',
  'storno.execute',
  'storno.returnable',
  'storno.partial',
  'storno.returnQuote',
  'cash.summary',
  'cash.movement',
  'report.x',
  'report.z',
  'report.zList',
  'drawer.open',
  'clarify.list',
  'clarify.decide',
  'catalog.report',
  // settings and demo panel (common/ipc/settings-contract.ts)
  'settings.get',
  'settings.update',
  'devices.attached',
  'settings.selectDevice',
  'devices.testPrint',
  'demo.view',
  'demo.scan',
  'demo.fault',
  'demo.closeDrawer',
  // counter (common/ipc/counter-contract.ts)
  'counter.favourites',
  'counter.setFavourites',
  'counter.lastReceipt',
  'counter.printLast',
  'report.articleSales',
  // head office link (common/ipc/central-contract.ts)
  'central.status',
  // journal integrity (common/ipc/integrity-contract.ts)
  'integrity.status',
  'integrity.verify',
  'integrity.acknowledge',
  // fiscal tab (common/ipc/fiscal-contract.ts)
  'fiscal.info',
  'fiscal.exportDsfinvk',
  'fiscal.saveRegistration',
  'fiscal.exportRegistration',
  // loose goods (common/ipc/weighing-contract.ts)
  'weighing.info',
  'basket.weigh',
  'basket.addFreePrice',
  'demo.scale',
  // TSE (common/ipc/fiscal-contract.ts)
  'fiscal.view',
  'fiscal.status',
  'fiscal.setup',
  'fiscal.training',
] as const
export const EVENT_NAMES = [
  'app.localeChanged',
  'devices.status',
  'register.changed',
  'scan.result',
  'api.changed',
  'checkout.changed',
  'journal.changed',
  'settings.changed',
  'demo.changed',
  'fiscal.changed',
  'counter.lastReceipt',
  'counter.favouritesChanged',
  'central.changed',
  'catalog.changed',
  'journal.integrity',
] as const

/**
 * What the customer display window may call: read-only views, nothing that changes a sale, the drawer or
 * the settings. Main enforces it per window (Electron) and per socket path (browser host).
 */
export const DISPLAY_COMMAND_NAMES = ['app.info', 'register.view', 'checkout.view'] as const
/** The events the customer display needs: its basket, its payment screen, its language. */
export const DISPLAY_EVENT_NAMES = ['app.localeChanged', 'register.changed', 'checkout.changed'] as const

/** Electron IPC channel prefix for commands; events travel on one channel. */
export const IPC_COMMAND_PREFIX = 'pos:'
export const IPC_EVENT_CHANNEL = 'pos:event'
